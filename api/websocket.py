"""Streaming over WebSocket, as Mastodon clients use it: `/api/v1/streaming`.

The token comes as `access_token` in the query or as the `Sec-WebSocket-Protocol`
header; `stream` (and `tag`) in the query subscribe at once, and the client may
send `{"type": "subscribe" | "unsubscribe", "stream": ..., "tag": ...}` at any
time. Each event is a text frame `{"stream": [...], "event": ..., "payload": ...}`
whose payload is the entity as a JSON string (a post id for `delete`). Events come
from the same pollers as the server-sent events stream (api/views/streaming.py),
so both apply the same visibility rules; this module only speaks the protocol.
"""

import asyncio
import contextlib
import json
import logging
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async

from accounts.models import Account
from api.views.streaming import PERSONAL, POLL_SECONDS, STREAMS, Poller, authenticate
from tribune.lib import jsonbody
from tribune.lib.errors import NotFound

PATH = "/api/v1/streaming"
MAX_MESSAGE_CHARS = 4096  # a subscribe message is a few dozen characters
MAX_SUBSCRIPTIONS = 20  # each one is polled every second: bounded per connection
log = logging.getLogger("tribune.streaming")
Scope = dict[str, Any]


def _stream_name(stream: str, tag: str) -> list[str]:
    return [stream, tag] if stream.startswith(("hashtag", "list")) else [stream]


class Connection:
    def __init__(self, send: Any, viewer: Account | None) -> None:
        self.send, self.viewer = send, viewer
        self.pollers: dict[tuple[str, str], Poller] = {}

    async def text(self, data: dict[str, Any]) -> None:
        await self.send({"type": "websocket.send", "text": json.dumps(data, separators=(",", ":"))})

    async def subscribe(self, stream: str, tag: str) -> None:
        stream, tag = stream.replace("/", ":"), tag.lower().lstrip("#")
        if stream not in STREAMS:
            await self.text({"error": "Unknown stream type", "status": 400})
        elif stream.startswith("hashtag") and not tag:
            await self.text({"error": "No tag for hashtag stream", "status": 400})
        elif stream.startswith(PERSONAL) and self.viewer is None:
            await self.text({"error": "Missing access token", "status": 401})
        elif (stream, tag) in self.pollers:
            return
        elif len(self.pollers) >= MAX_SUBSCRIPTIONS:
            await self.text({"error": f"At most {MAX_SUBSCRIPTIONS} streams per connection", "status": 422})
        else:
            try:
                self.pollers[(stream, tag)] = await sync_to_async(Poller)(self.viewer, stream, tag)
            except NotFound:
                await self.text({"error": "Record not found", "status": 404})

    async def handle(self, text: str) -> None:
        try:
            message = jsonbody.loads(text, max_bytes=MAX_MESSAGE_CHARS)
        except jsonbody.JSONBodyError:
            message = None
        if not isinstance(message, dict) or message.get("type") not in ("subscribe", "unsubscribe"):
            await self.text({"error": "Unknown message", "status": 400})
            return
        stream, tag = str(message.get("stream") or ""), str(message.get("tag") or message.get("list") or "")
        if message["type"] == "subscribe":
            await self.subscribe(stream, tag)
        else:
            self.pollers.pop((stream.replace("/", ":"), tag.lower().lstrip("#")), None)

    async def pump(self) -> None:
        """Poll every subscription about once a second and send what is new. If polling
        fails (the database is gone, say), the socket is closed so that the client
        reconnects, rather than left open and silent."""
        try:
            while True:
                await asyncio.sleep(POLL_SECONDS)
                for (stream, tag), poller in list(self.pollers.items()):
                    for _stream, event, payload in await sync_to_async(poller.poll, thread_sensitive=True)():
                        body = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
                        await self.text({"stream": _stream_name(stream, tag), "event": event, "payload": body})
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("streaming poll failed; closing the socket")
            with contextlib.suppress(Exception):  # the client may be gone already
                await self.send({"type": "websocket.close", "code": 1011})


async def streaming_socket(scope: Scope, receive: Any, send: Any) -> None:
    """The ASGI application for WebSocket connections (tribune/asgi.py routes them here)."""
    if (await receive())["type"] != "websocket.connect":
        return
    if scope["path"].rstrip("/") != PATH:
        await send({"type": "websocket.close", "code": 4004})
        return
    query = {k: v[-1] for k, v in parse_qs(scope.get("query_string", b"").decode("latin-1")).items()}
    protocol = dict(scope.get("headers") or []).get(b"sec-websocket-protocol", b"").decode("latin-1").strip()
    raw = query.get("access_token") or protocol
    viewer, problem = await sync_to_async(authenticate)(raw, False)
    if problem is not None:
        await send({"type": "websocket.close", "code": 4001})  # before accepting: the handshake fails
        return
    await send({"type": "websocket.accept", **({"subprotocol": protocol} if protocol and protocol == raw else {})})
    connection = Connection(send, viewer)
    if query.get("stream"):
        await connection.subscribe(query["stream"], query.get("tag", "") or query.get("list", ""))
    pump = asyncio.ensure_future(connection.pump())
    try:
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                break
            if message["type"] == "websocket.receive" and message.get("text"):
                await connection.handle(message["text"])
    finally:
        pump.cancel()
