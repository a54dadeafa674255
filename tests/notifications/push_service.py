"""A push service on a loopback port, as Firefox's or Google's would be reached: it records each
message (headers and encrypted body) and answers with the statuses it is told to."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class PushService:
    base: str = ""
    received: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # answered in turn; 201 once they run out
    extra_headers: dict[str, str] = field(default_factory=dict)

    def endpoint(self, name: str = "device-1") -> str:
        return f"{self.base}/push/{name}"


def serve() -> Iterator[PushService]:
    service = PushService()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802  # the name http.server calls
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            service.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status = service.statuses.pop(0) if service.statuses else 201
            self.send_response(status)
            for name, value in service.extra_headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()
