"""The servers a fault run starts for itself and kills: its own PostgreSQL (initdb + pg_ctl on a
port and data directory of its own), its own Redis, and Tribune's web and worker processes under
a supervisor that restarts them as systemd does (deploy/systemd: Restart=always, RestartSec=2).

Nothing here touches a server it did not start: every process is started in a session of its
own and killed by that session's id."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RESTART_SEC = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL a process started by this module and everything in its session, as a crash would."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def wait_until(predicate, timeout: float, step: float = 0.1) -> float | None:  # type: ignore[no-untyped-def]  # any callable
    """Seconds until `predicate()` held, or None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if predicate():
                return time.monotonic() - start
        except Exception:  # noqa: BLE001, S110 -- a server still starting answers anything; keep polling
            pass
        time.sleep(step)
    return None


class OwnPostgres:
    """A PostgreSQL cluster of this run's own, run as the `postgres` system user when started as root."""

    def __init__(self, base: Path) -> None:
        self.dir = base / "pg"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def available() -> bool:
        return bool(shutil.which("initdb") and shutil.which("postgres"))

    def init(self) -> None:
        self.dir.mkdir(parents=True)
        if self._as:
            shutil.chown(self.dir, "postgres")
        subprocess.run(
            [*self._as, "initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        """The postmaster in a session of its own (so a kill takes its backends with it)."""
        log = open(self.dir / "server.log", "ab")  # noqa: SIM115  # handed to the server process
        self.proc = subprocess.Popen(
            [*self._as, "postgres", "-D", str(self.dir / "data"), "-p", str(self.port), "-k", str(self.dir),
             "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log.close()
        if wait_until(self.ready, 120, 0.2) is None:
            raise RuntimeError(f"PostgreSQL did not start: {(self.dir / 'server.log').read_text()[-2000:]}")

    def ready(self) -> bool:
        import psycopg

        with psycopg.connect(self.url + "/postgres", connect_timeout=1) as conn:
            conn.execute("SELECT 1")
        return True

    def kill(self) -> None:
        if self.proc is not None:
            kill_group(self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                kill_group(self.proc)


class OwnRedis:
    """A Redis of this run's own: nothing saved to disk, so a restart brings it back empty."""

    def __init__(self, base: Path) -> None:
        self.dir = base / "redis"
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.dir.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        if wait_until(self.ready, 30) is None:
            raise RuntimeError("Redis did not start")

    def ready(self) -> bool:
        import redis

        return bool(redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping())

    def kill(self) -> None:
        if self.proc is not None:
            kill_group(self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            kill_group(self.proc)


class Supervised:
    """A process restarted RESTART_SEC after it exits, for whatever reason, while supervised."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.proc: subprocess.Popen | None = None
        self.restarts = 0
        self.active = True
        self._died_at: float | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                self.argv, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def kill(self) -> None:
        if self.proc is not None:
            kill_group(self.proc)

    def tend(self) -> None:
        if not self.active or self.proc is None or self.proc.poll() is None:
            return
        if self._died_at is None:
            self._died_at = time.monotonic()
        elif time.monotonic() - self._died_at >= RESTART_SEC:
            self._died_at = None
            self.restarts += 1
            self.start()

    def stop(self) -> None:
        self.active = False
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                kill_group(self.proc)


class Instance:
    """One Tribune instance: its environment, web processes, workers and commands."""

    def __init__(self, name: str, base: Path, env: dict[str, str], web_ports: list[int]) -> None:
        self.name, self.dir = name, base / name
        self.dir.mkdir(parents=True)
        self.web_ports = web_ports
        self.domain = f"127.0.0.1:{web_ports[0]}"
        self.urls = [f"http://127.0.0.1:{p}" for p in web_ports]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TRIBUNE_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "tribune.settings",
            "PYTHONPATH": str(ROOT),
            "PORT": str(web_ports[0]),
            "TRIBUNE_DOMAIN": self.domain,
            "TRIBUNE_DATA_DIR": str(self.dir),
            "TRIBUNE_SECRET_KEY": f"fault-run-only-{name}-0123456789abcdefghijklmnopqrstuvwxyz",
            "TRIBUNE_FAST_PASSWORD_HASHER": "1",
            "TRIBUNE_ALLOW_LOOPBACK_FETCHES": "1",
            "TRIBUNE_API_RATE_LIMIT": "10000000",
            "TRIBUNE_MODERATION_STARTER_MODEL": "0",
            "TRIBUNE_LOG_LEVEL": "WARNING",
            **env,
        }
        self.webs: list[Supervised] = []
        self.workers: list[Supervised] = []
        self._tending = threading.Event()

    def manage(self, *args: str, timeout: float = 600) -> str:
        done = subprocess.run(
            [str(BIN / "tribune"), *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: tribune {' '.join(args)[:200]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def py(self, code: str) -> object:
        """Run Python in the instance; the code sets `out`, returned through JSON."""
        import json

        wrapped = "import json\nout = None\n" + code + "\nprint('@@' + json.dumps(out, default=str))"
        line = [x for x in self.manage("shell", "-c", wrapped).splitlines() if x.startswith("@@")][-1]
        return json.loads(line[2:])

    def start(self, workers: int) -> None:
        for i, port in enumerate(self.web_ports):
            argv = [str(BIN / "granian"), "--interface", "asginl", "--host", "127.0.0.1", "--port", str(port),
                    "--workers", "1", "--log-level", "warning", "tribune.asgi:application"]  # fmt: skip
            self.webs.append(Supervised(f"{self.name}-web{i}", argv, self.env, self.dir / f"web{i}.log"))
        for i in range(workers):
            argv = [str(BIN / "tribune"), "worker"]
            self.workers.append(Supervised(f"{self.name}-worker{i}", argv, self.env, self.dir / f"worker{i}.log"))
        for proc in self.webs + self.workers:
            proc.start()
        for url in self.urls:
            if wait_until(lambda u=url: httpx.get(u + "/healthz", timeout=2).status_code == 200, 120, 0.3) is None:
                raise RuntimeError(f"{self.name} did not answer at {url}")
        threading.Thread(target=self._tend, daemon=True, name=f"{self.name}-supervisor").start()

    def _tend(self) -> None:
        while not self._tending.wait(0.2):
            for proc in self.webs + self.workers:
                proc.tend()

    def stop(self) -> None:
        self._tending.set()
        for proc in self.webs + self.workers:
            proc.stop()


def scratch_dir() -> Path:
    base = Path(tempfile.mkdtemp(prefix="tribune-faults-"))
    base.chmod(0o755)  # the postgres user reaches its directory inside
    return base
