"""Real Tribune processes for tests: an instance with its own data directory and
database, served by granian on a free loopback port, with its management commands."""

import fcntl
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TRIBUNE = [sys.executable, "-m", "tribune"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sqlite_template(env: dict[str, str]) -> Path:
    """A migrated SQLite database named after a digest of every migration file, made once and
    shared by the test processes (a file lock keeps two from making it at once)."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    template = Path(tempfile.gettempdir()) / f"tribune-live-template-{digest.hexdigest()[:16]}.sqlite3"
    with open(f"{template}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            data_dir = Path(tempfile.mkdtemp(prefix="tribune-live-template-"))
            partial = data_dir / "db.sqlite3"
            done = subprocess.run(
                [*TRIBUNE, "migrate", "--noinput", "-v0"],
                env={**env, "TRIBUNE_DATA_DIR": str(data_dir), "TRIBUNE_DATABASE_URL": f"sqlite:///{partial}"},
                cwd=ROOT, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(f"tribune migrate failed:\n{done.stdout}\n{done.stderr}")
            # Everything into the one file (the WAL checkpointed), so a copy of it is the whole database.
            connection = sqlite3.connect(partial)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.close()
            os.replace(partial, template)
            shutil.rmtree(data_dir, ignore_errors=True)
    return template


class LiveInstance:
    """One instance: `env` is shared by its web processes, workers and commands."""

    def __init__(self, *, database_url: str | None = None, extra_env: dict[str, str] | None = None) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="tribune-live-"))
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tribune.settings",
            "TRIBUNE_DATA_DIR": str(self.data_dir),
            "TRIBUNE_DATABASE_URL": database_url or f"sqlite:///{self.data_dir / 'db.sqlite3'}",
            "TRIBUNE_DOMAIN": f"127.0.0.1:{self.port}",
            "TRIBUNE_SECRET_KEY": "live-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "TRIBUNE_FAST_PASSWORD_HASHER": "1",
            "TRIBUNE_TASKS": "immediate",
            "PYTHONPATH": str(ROOT),
            **(extra_env or {}),
        }
        self.processes: list[subprocess.Popen] = []
        self.url = f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str, input: str | None = None, timeout: float = 120) -> str:
        done = subprocess.run(
            [*TRIBUNE, *args], env=self.env, cwd=ROOT, input=input, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"tribune {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)

    def migrate(self) -> "LiveInstance":
        """Migrate the instance's database; a SQLite one is copied from a template migrated once
        per version of the migrations (migrating costs about 25 s of CPU, a copy milliseconds)."""
        url = self.env["TRIBUNE_DATABASE_URL"]
        if url.startswith("sqlite:///"):
            shutil.copyfile(_sqlite_template(self.env), url.removeprefix("sqlite:///"))
        else:
            self.manage("migrate", "--noinput", "-v0", timeout=300)
        return self

    def serve(self, port: int | None = None) -> str:
        """Start one web process (several may serve the same instance); returns its base URL."""
        port = port or (self.port if not self.processes else free_port())
        proc = subprocess.Popen(
            [sys.executable, "-m", "granian", "--interface", "asginl", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "1", "--log-level", "warning", "tribune.asgi:application"],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.processes.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    return base
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start in time")

    def start_worker(self) -> subprocess.Popen:
        proc = subprocess.Popen(
            [*TRIBUNE, "worker"], env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.processes.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.processes.clear()


@contextmanager
def live_server(seed: str = "", *, static: bool = False, **extra_env: str) -> Iterator[LiveInstance]:
    """A migrated instance on its own SQLite database (no Redis), optionally with static files
    collected and `seed` run in its shell, served by one granian process at `.url`; stopped
    and removed afterwards."""
    instance = LiveInstance(extra_env={"TRIBUNE_API_RATE_LIMIT": "100000", "TRIBUNE_LOG_LEVEL": "WARNING", **extra_env})
    instance.env.pop("TRIBUNE_REDIS_URL", None)
    try:
        instance.migrate()
        if static:
            instance.manage("collectstatic", "--noinput", "-v0")
        if seed:
            instance.shell(seed)
        instance.serve()
        yield instance
    finally:
        instance.stop()
        shutil.rmtree(instance.data_dir, ignore_errors=True)
