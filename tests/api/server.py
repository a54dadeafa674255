"""A real Tribune server process on a free loopback port, with its own SQLite database."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "tribune", *args], env=self.env, cwd=ROOT, capture_output=True, text=True, check=True
        )
        return result.stdout


@contextmanager
def live_server(**extra_env: str) -> Iterator[LiveServer]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tribune-live-") as data:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tribune.settings",
            "TRIBUNE_DATA_DIR": data,
            "TRIBUNE_DATABASE_URL": f"sqlite:///{data}/db.sqlite3",
            "TRIBUNE_TASKS": "immediate",
            "TRIBUNE_DOMAIN": f"127.0.0.1:{port}",
            "TRIBUNE_FAST_PASSWORD_HASHER": "1",
            "TRIBUNE_SECRET_KEY": "live-server-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "TRIBUNE_API_RATE_LIMIT": "100000",
            **extra_env,
        }
        server = LiveServer(f"http://127.0.0.1:{port}", env)
        server.manage("migrate", "--noinput", "-v0")
        process = subprocess.Popen(
            [
                sys.executable, "-m", "granian", "--interface", "asginl", "--host", "127.0.0.1", "--port", str(port),
                "--workers", "1", "--log-level", "warning", "tribune.asgi:application",
            ],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(f"{data}/server.log", "w"),
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start: " + Path(f"{data}/server.log").read_text()[-2000:])
                time.sleep(0.2)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
