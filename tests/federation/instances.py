"""Tribune instances as separate processes for end-to-end federation tests.

Each instance: its own data directory and SQLite database, its own domain
(127.0.0.1:<port>), served by granian as in production, tasks run in-process
(TRIBUNE_TASKS=immediate) and loopback fetches allowed. Instances are driven
with the `tribune` command line (`tribune shell -c`, `tribune federation`)."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Instance:
    def __init__(self, name: str) -> None:
        self.name = name
        self.port = free_port()
        self.domain = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.domain}"
        self.dir = Path(tempfile.mkdtemp(prefix=f"tribune-{name}-"))
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TRIBUNE_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "tribune.settings",
            "PORT": str(self.port),
            "TRIBUNE_DOMAIN": self.domain,
            "TRIBUNE_DATA_DIR": str(self.dir),
            "TRIBUNE_DATABASE_URL": f"sqlite:///{self.dir / 'db.sqlite3'}",
            "TRIBUNE_TASKS": "immediate",
            "TRIBUNE_ALLOW_LOOPBACK_FETCHES": "1",
            "TRIBUNE_FAST_PASSWORD_HASHER": "1",
            "TRIBUNE_SECRET_KEY": f"e2e-only-secret-{name}-0123456789abcdefghijklmnopqrstuvwxyz",
            "TRIBUNE_LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log = open(self.dir / "server.log", "wb")  # noqa: SIM115  # closed in stop()

    def start(self) -> None:
        subprocess.run([BIN / "tribune", "migrate", "--noinput", "-v0"], env=self.env, check=True, timeout=300)
        self.process = subprocess.Popen(
            [BIN / "granian", "--interface", "asginl", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", "1", "--log-level", "warning", "tribune.asgi:application"],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start: {self.server_log()}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def server_log(self) -> str:
        return (self.dir / "server.log").read_text(errors="replace")[-5000:]

    def tribune(self, *args: str) -> str:
        result = subprocess.run([BIN / "tribune", *args], env=self.env, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError(f"tribune {args} failed: {result.stderr}\n--- server log:\n{self.server_log()}")
        return result.stdout

    def py(self, code: str) -> object:
        """Run Python in the instance (Django set up); the code sets `out`, returned as JSON."""
        wrapped = "import json\nout = None\n" + code + "\nprint('@@' + json.dumps(out, default=str))"
        stdout = self.tribune("shell", "-c", wrapped)
        line = [x for x in stdout.splitlines() if x.startswith("@@")][-1]
        return json.loads(line[2:])
