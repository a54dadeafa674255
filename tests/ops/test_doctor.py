"""`tribune doctor` finds what is wrong and says what to fix; production settings pass `check --deploy`."""

import contextlib
import io
import os
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from time import time

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Account
from ops.doctor import FAIL, OK, WARN, check_database, check_keys, check_network, check_push_keys, run_all


def _server(offset_s: float) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:  # noqa: N802  # the name http.server calls
            self.send_response_only(200)
            self.send_header("Date", formatdate(time() + offset_s, usegmt=True))
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def right_clock() -> Iterator[str]:
    yield from _server(0)


@pytest.fixture
def wrong_clock() -> Iterator[str]:
    yield from _server(-600)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_clock_within_bounds_passes(right_clock: str) -> None:
    findings = check_network(right_clock)
    assert [(f.check, f.status) for f in findings] == [("network", OK), ("clock", OK)]


def test_clock_skew_fails_with_the_fix(wrong_clock: str) -> None:
    clock = [f for f in check_network(wrong_clock) if f.check == "clock"][0]
    assert clock.status == FAIL
    assert "+600s off" in clock.message or "+599s off" in clock.message or "+601s off" in clock.message
    assert "timedatectl set-ntp true" in clock.fix


def test_an_offline_host_is_warned_not_failed() -> None:
    findings = check_network(f"http://127.0.0.1:{_closed_port()}/")
    assert [f.status for f in findings] == [WARN]
    assert "federation delivery will fail" in findings[0].message
    assert [f.status for f in check_network(None)] == [WARN]


def test_database_and_keys(alice: Account, bob: Account) -> None:
    assert [f.status for f in check_database()] == [OK]
    # Accounts are made with their keys: nothing to warn about on a new instance.
    assert [(f.status, f.message) for f in check_keys()][-1] == (
        OK,
        "secret key set; 2 local accounts, all with signing keys",
    )
    Account.objects.filter(pk=alice.pk).update(private_key="", public_key="")  # as an older version left them
    keys = check_keys()
    assert any(f.status == WARN and "1 of 2 local accounts have no signing key" in f.message for f in keys)
    assert "tribune doctor --make-keys" in keys[-1].fix
    out = io.StringIO()
    with contextlib.suppress(CommandError):  # other checks may fail on a test host; keys are made first
        call_command("doctor", "--offline", "--make-keys", stdout=out)
    assert out.getvalue().startswith("Made 1 signing key(s).")
    assert check_keys()[-1].status == OK


def test_push_keys() -> None:
    from accounts.models import InstanceSetting
    from notifications.vapid import VAPID_SETTING, ensure_vapid_keys, generate_vapid_keys

    ensure_vapid_keys()
    assert [(f.status, f.message) for f in check_push_keys()] == [(OK, "VAPID key pair set; 0 push subscription(s)")]
    InstanceSetting.objects.filter(key=VAPID_SETTING).update(
        value={**ensure_vapid_keys(), "public": generate_vapid_keys()["public"]}
    )
    [finding] = check_push_keys()
    assert finding.status == FAIL and "does not match" in finding.message and "backup" in finding.fix
    InstanceSetting.objects.filter(key=VAPID_SETTING).update(value={"private": "not a key", "public": ""})
    assert "cannot be read" in check_push_keys()[0].message
    InstanceSetting.objects.filter(key=VAPID_SETTING).delete()
    [finding] = check_push_keys()
    assert finding.status == WARN and "tribune doctor --make-keys" in finding.fix
    out = io.StringIO()
    with contextlib.suppress(CommandError):  # other checks may fail on a test host; keys are made first
        call_command("doctor", "--offline", "--make-keys", stdout=out)
    assert "Made the VAPID key pair" in out.getvalue()
    assert check_push_keys()[0].status == OK


def test_all_checks_run(right_clock: str) -> None:
    checks = {f.check for f in run_all(right_clock)}
    assert checks >= {
        "configuration",
        "database",
        "redis",
        "disk",
        "keys",
        "push",
        "media",
        "backups",
        "network",
        "clock",
    }


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIBUNE_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="tribune.settings", TRIBUNE_DATA_DIR=str(tmp_path), TRIBUNE_TASKS="immediate")
    env.update(extra)
    return env


def _tribune(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tribune", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_command_fails_on_a_dead_redis_and_says_what_to_do(tmp_path: Path) -> None:
    env = _env(tmp_path, TRIBUNE_REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0")
    assert _tribune(env, "migrate", "-v0").returncode == 0
    result = _tribune(env, "doctor", "--offline")
    assert result.returncode == 1
    assert "[FAIL] redis: Redis at 127.0.0.1" in result.stdout
    assert "fix: start it (systemctl enable --now redis-server" in result.stdout
    assert "1 problem(s)" in result.stderr


def test_the_command_passes_a_healthy_host(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    env = _env(tmp_path, TRIBUNE_REDIS_URL="redis://127.0.0.1:6379/14", TRIBUNE_BACKUP_DIR=str(backups))
    assert _tribune(env, "migrate", "-v0").returncode == 0
    backups.mkdir()
    assert _tribune(env, "backup", "--quiet", "--output", str(backups)).returncode == 0
    result = _tribune(env, "doctor", "--offline")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[  ok] redis: answers at 127.0.0.1:6379" in result.stdout
    assert "[  ok] backups: newest: tribune-" in result.stdout
    assert "[  ok] database" in result.stdout


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        TRIBUNE_DOMAIN="example.org",
        TRIBUNE_SECRET_KEY=secrets.token_urlsafe(50),
        TRIBUNE_HTTPS="1",
    )
    result = _tribune(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout
    # An instance that turns the OAuth password grant back on is told so, not silenced.
    env["TRIBUNE_OAUTH_PASSWORD_GRANT"] = "1"
    result = _tribune(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 1 and "oauth2_provider.W002" in result.stderr + result.stdout
