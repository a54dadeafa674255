"""A remote ActivityPub server for tests: a real HTTP server on loopback that serves
actor documents (with real RSA keys) and records what is delivered to its inboxes,
and signs the activities it sends to the instance under test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from django.test import Client

from tribune.lib.signatures import generate_key_pair, sign_request

FIXTURES = Path(__file__).parent / "fixtures"
LOCAL_HOST = "testserver"


class Peer:
    def __init__(self) -> None:
        self.documents: dict[str, Any] = {}
        self.received: list[tuple[str, dict[str, Any], dict[str, str]]] = []
        self.fetched: list[tuple[str, dict[str, str]]] = []
        self.keys: dict[str, str] = {}
        self.status_for_inbox = 202
        self.extra_headers: dict[str, str] = {}
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802  # http.server's naming
                path = self.path.split("?")[0]
                peer.fetched.append((self.path, dict(self.headers)))
                doc = peer.documents.get(path)
                if doc is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                body = json.dumps(doc).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                peer.received.append((self.path, payload, dict(self.headers)))
                self.send_response(peer.status_for_inbox)
                for k, v in peer.extra_headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.domain = f"127.0.0.1:{self.server.server_address[1]}"
        self.base = f"http://{self.domain}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def actor(self, username: str, **extra: Any) -> str:
        """Publish a Mastodon-shaped actor with a fresh key; returns its URI."""
        private, public = generate_key_pair()
        uri = f"{self.base}/users/{username}"
        self.keys[uri] = private
        doc = json.loads((FIXTURES / "mastodon_actor.json").read_text().replace("{{REMOTE}}", self.base))
        doc = json.loads(json.dumps(doc).replace("{{USERNAME}}", username))
        doc["publicKey"]["publicKeyPem"] = public
        doc.update(extra)
        self.documents[f"/users/{username}"] = doc
        return uri

    def fixture(self, name: str, *, local: str, actor: str = "alice", **replace: str) -> dict[str, Any]:
        text = (FIXTURES / name).read_text()
        text = text.replace("{{REMOTE}}", self.base).replace("{{LOCAL}}", local).replace("{{USERNAME}}", actor)
        for key, value in replace.items():
            text = text.replace("{{" + key.upper() + "}}", value)
        return json.loads(text)

    def signed_headers(self, actor_uri: str, path: str, body: bytes, **override: str) -> dict[str, str]:
        headers = sign_request(
            "POST",
            f"http://{LOCAL_HOST}{path}",
            key_id=f"{actor_uri}#main-key",
            private_key_pem=self.keys[actor_uri],
            body=body,
            headers={"Content-Type": "application/activity+json"},
        )
        headers.update(override)
        return headers

    def deliver(self, client: Client, activity: Any, *, actor: str, path: str = "/inbox", **override: str) -> Any:
        """POST a signed activity to the instance under test (through Django's test client)."""
        body = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        headers = self.signed_headers(actor, path, body, **override)
        meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k.lower() != "content-type"}
        return client.post(path, data=body, content_type="application/activity+json", **meta)
