"""The shell scripts of deploy/, run as processes with stand-ins for the system commands they call
(runuser, psql, nginx, certbot, systemctl): what they run, as whom, and what they say when a step
cannot be done. The whole install on a real Debian 12 is rehearsed by deploy/rehearse."""

import os
import re
import subprocess
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def stub(bin_dir: Path, name: str, body: str) -> None:
    """A command that logs its name and arguments to $STUB_LOG, then runs `body` (sh)."""
    path = bin_dir / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "$STUB_LOG"\n{body}\n')
    path.chmod(0o755)


def run(script: Path, *args: str, bin_dir: Path, log: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": f"{bin_dir}:/usr/bin:/bin", "STUB_LOG": str(log), **env}
    shell = "bash" if script.read_text().startswith("#!/bin/bash") else "sh"  # as install.sh and make run it
    return subprocess.run(
        [shell, str(script), *args], env=environment, capture_output=True, text=True, timeout=60, check=False
    )


def test_postgresql_sh_needs_no_sudo_and_prints_the_url_that_logs_in(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    stub(bin_dir, "sudo", 'echo "sudo: not found" >&2; exit 127')  # a fresh Debian host has none
    stub(bin_dir, "runuser", '[ "$1 $2 $3" = "-u postgres --" ] || exit 9; shift 3; exec "$@"')
    stub(bin_dir, "psql", "cat > /dev/null; exit 0")  # no database yet: the SELECT prints nothing
    stub(bin_dir, "createdb", "exit 0")
    result = run(DEPLOY / "postgresql.sh", "tribune", bin_dir=bin_dir, log=log)
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert not [c for c in calls if c.startswith("sudo")]
    assert "createdb --owner=tribune --encoding=UTF8 --template=template0 tribune" in calls
    assert all(c.startswith(("runuser -u postgres -- ", "psql", "createdb")) for c in calls)
    url = next(w for w in result.stdout.split() if w.startswith("TRIBUNE_DATABASE_URL="))
    assert url.split("=", 1)[1] in (DEPLOY / "tribune.env.example").read_text()


def test_the_example_environment_logs_in_by_the_socket() -> None:
    """Debian's PostgreSQL refuses a TCP login without a password; the socket (peer) URL works."""
    lines = (DEPLOY / "tribune.env.example").read_text().splitlines()
    url = next(line.split("=", 1)[1] for line in lines if line.startswith("TRIBUNE_DATABASE_URL="))
    parsed = dj_database_url.parse(url)
    assert parsed["HOST"] == "/var/run/postgresql" and parsed["USER"] == "tribune" and not parsed["PASSWORD"]


def test_an_empty_database_url_means_sqlite(tmp_path: Path) -> None:
    """The drill tells an operator moving to SQLite to set TRIBUNE_DATABASE_URL= (empty)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIBUNE_", "DJANGO_"))}
    env.update(TRIBUNE_DATABASE_URL="", TRIBUNE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="tribune.settings")
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == str(tmp_path / "tribune.sqlite3")


def test_the_tribune_wrapper_runs_as_the_service_user_with_the_instance_environment(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    stub(bin_dir, "runuser", 'shift 3; exec "$@"')
    app = tmp_path / "app"
    (app / ".venv/bin").mkdir(parents=True)
    stub(app / ".venv/bin", "tribune", 'echo "cwd=$(pwd) domain=$TRIBUNE_DOMAIN"')
    data = tmp_path / "data"
    data.mkdir()
    env_file = tmp_path / "tribune.env"
    env_file.write_text(f"TRIBUNE_DOMAIN=example.org\nTRIBUNE_DATA_DIR={data}\n")
    result = run(
        DEPLOY / "tribune",
        "restore",
        "/var/backups/tribune/a.tar.zst",
        bin_dir=bin_dir,
        log=log,
        TRIBUNE_ENV_FILE=str(env_file),
        TRIBUNE_APP_DIR=str(app),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"cwd={data} domain=example.org"
    calls = log.read_text().splitlines()
    if os.geteuid() == 0:
        assert calls[0] == f"runuser -u tribune -- {app}/.venv/bin/tribune restore /var/backups/tribune/a.tar.zst"
    assert calls[-1] == "tribune restore /var/backups/tribune/a.tar.zst"


def test_the_tribune_wrapper_says_what_to_do_without_an_environment(tmp_path: Path) -> None:
    result = run(
        DEPLOY / "tribune", "doctor", bin_dir=tmp_path, log=tmp_path / "log", TRIBUNE_ENV_FILE=str(tmp_path / "none")
    )
    assert result.returncode == 2
    assert "cannot read" in result.stderr and "deploy/install.sh" in result.stderr


def certificate_env(tmp_path: Path, certbot: str) -> tuple[Path, Path, dict[str, str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub(bin_dir, "nginx", "exit 0")
    stub(bin_dir, "systemctl", "exit 0")
    stub(bin_dir, "certbot", certbot)
    nginx = tmp_path / "nginx"
    (nginx / "sites-enabled").mkdir(parents=True)
    (nginx / "sites-enabled/default").write_text("server {}")
    env = {
        "TRIBUNE_APP_DIR": str(ROOT),
        "NGINX_DIR": str(nginx),
        "LETSENCRYPT_DIR": str(tmp_path / "letsencrypt"),
        "ACME_WEBROOT": str(tmp_path / "webroot"),
    }
    return bin_dir, nginx, env


def test_no_certificate_yet_is_told_and_leaves_the_challenge_site(tmp_path: Path) -> None:
    """No DNS yet (or no ACME server): the installer goes on, and the message says what to do."""
    bin_dir, nginx, env = certificate_env(tmp_path, 'echo "Some challenges have failed." >&2; exit 1')
    result = run(DEPLOY / "certificate.sh", "social.example", bin_dir=bin_dir, log=tmp_path / "log", **env)
    assert result.returncode == 3
    assert "Point the domain's A/AAAA records" in result.stderr
    assert "sh deploy/install.sh social.example" in result.stderr
    enabled = (nginx / "sites-enabled/tribune").read_text()
    assert "acme-challenge" in enabled and "listen 443" not in enabled
    assert not (nginx / "sites-enabled/default").exists()
    assert "server_name social.example;" in (nginx / "sites-available/tribune").read_text()


def test_a_certificate_enables_the_tls_site(tmp_path: Path) -> None:
    live = tmp_path / "letsencrypt/live/social.example"
    bin_dir, nginx, env = certificate_env(tmp_path, f"mkdir -p {live} && touch {live}/fullchain.pem {live}/privkey.pem")
    log = tmp_path / "log"
    result = run(DEPLOY / "certificate.sh", "social.example", bin_dir=bin_dir, log=log, **env)
    assert result.returncode == 0, result.stderr
    enabled = nginx / "sites-enabled/tribune"
    assert enabled.is_symlink() and "listen 443 ssl" in enabled.read_text()
    # Run again (an upgrade): the certificate is kept, certbot is not asked twice.
    again = run(DEPLOY / "certificate.sh", "social.example", bin_dir=bin_dir, log=log, **env)
    assert again.returncode == 0, again.stderr
    assert sum(line.startswith("certbot") for line in log.read_text().splitlines()) == 1


def test_no_deploy_script_or_drill_step_needs_sudo() -> None:
    """A fresh Debian host installed with a root password has no sudo."""
    texts = [p.read_text() for p in DEPLOY.rglob("*") if p.is_file()]
    texts.append((ROOT / "docs/moving-hosts.md").read_text())
    assert not [t for t in texts if re.search(r"\bsudo\s+-", t)]


def fake_venv(tmp_path: Path, uv_body: str) -> Path:
    """A virtual environment whose python answers pip's configuration and logs installs, with a uv."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    stub(
        venv / "bin",
        "python",
        'case "$*" in\n'
        '  *"config get global.find-links") echo /srv/wheels ;;\n'
        '  *"config get global.extra-index-url") echo "file:///srv/a/simple file:///srv/b/simple" ;;\n'
        '  *"config get global.constraint") echo /etc/constraints.txt ;;\n'
        '  *"config get"*) exit 1 ;;\n'
        "esac",
    )
    stub(venv / "bin", "uv", uv_body)
    return venv


def test_venv_sh_gives_uv_the_machines_pip_configuration(tmp_path: Path) -> None:
    """uv reads no pip.conf: the find-links, local indexes and constraints pip has are passed on,
    so that it installs offline where pip would."""
    venv = fake_venv(tmp_path, "exit 0")
    log = tmp_path / "log"
    result = run(DEPLOY / "venv.sh", str(venv), "-e", ".", bin_dir=tmp_path, log=log, REINSTALL="tribune")
    assert result.returncode == 0, result.stderr
    uv = next(line for line in log.read_text().splitlines() if line.startswith("uv "))
    assert uv == (
        f"uv pip install --quiet --python {venv}/bin/python --index-strategy unsafe-first-match --find-links /srv/wheels"
        " --extra-index-url file:///srv/a/simple --extra-index-url file:///srv/b/simple"
        " --constraint /etc/constraints.txt --reinstall-package tribune -e ."
    )
    assert not [line for line in log.read_text().splitlines() if line.startswith("python") and " install" in line]


def test_venv_sh_falls_back_to_pip_when_uv_fails(tmp_path: Path) -> None:
    venv = fake_venv(tmp_path, 'echo "error: no network" >&2; exit 2')
    log = tmp_path / "log"
    result = run(DEPLOY / "venv.sh", str(venv), "/opt/tribune", bin_dir=tmp_path, log=log)
    assert result.returncode == 0
    assert "uv could not install" in result.stderr
    assert log.read_text().splitlines()[-1] == "python -m pip --disable-pip-version-check install -q /opt/tribune"
