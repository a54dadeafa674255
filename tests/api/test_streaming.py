"""Streaming over server-sent events from a live server: updates, notifications and deletes arrive."""

import json
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.api.test_clients import register
from tests.live import LiveInstance, live_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server() -> Iterator[LiveInstance]:
    with live_server() as live:
        yield live


def read_events(url: str, params: dict, wanted: int, timeout: float = 20) -> list[tuple[str, str]]:
    """Collect (event, data) pairs until `wanted` of them came or the time is up."""
    events: list[tuple[str, str]] = []
    deadline = time.monotonic() + timeout
    with httpx.stream("GET", url, params=params, timeout=timeout) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name:
                events.append((name, line[6:]))
                name = None
            if len(events) >= wanted or time.monotonic() > deadline:
                break
    return events


def test_user_and_public_streams(server: LiveInstance) -> None:
    alice, *_ = register(server, "streamer")
    bob, *_ = register(server, "watcher")
    results: dict[str, list] = {}

    def listen(key: str, path: str, params: dict, wanted: int) -> None:
        results[key] = read_events(f"{server.url}/api/v1/streaming/{path}", params, wanted)

    threads = [
        threading.Thread(target=listen, args=("public", "public/local", {}, 3)),
        threading.Thread(target=listen, args=("user", "user", {"access_token": alice.access_token}, 1)),
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)
    post = bob.status_post("streamed words")
    bob.status_post("@streamer hello")
    time.sleep(1.5)
    bob.status_delete(post["id"])
    for thread in threads:
        thread.join(timeout=30)
    public = results["public"]
    assert public[0][0] == "update" and "streamed words" in public[0][1]
    assert public[1][0] == "update" and "hello" in public[1][1]
    assert public[2] == ("delete", post["id"])
    assert results["user"][0][0] == "notification" and '"type":"mention"' in results["user"][0][1]
    assert httpx.get(f"{server.url}/api/v1/streaming/user").status_code == 401


def test_websocket_streaming_as_mastodon_clients_use_it(server: LiveInstance) -> None:
    """The URL the instance advertises speaks Mastodon's WebSocket protocol: subscribe in the
    query or by message, events as {stream, event, payload-as-JSON-string}."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    alice, *_ = register(server, "socketeer")
    bob, *_ = register(server, "socketwatcher")
    base = httpx.get(f"{server.url}/api/v2/instance").json()["configuration"]["urls"]["streaming"]
    assert base.startswith("ws://")
    url = f"{base}/api/v1/streaming"

    def next_event(socket, event: str) -> dict:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            message = json.loads(socket.recv(timeout=15))
            if message.get("event") == event:
                return message
        raise AssertionError(f"no {event} event")

    with (
        connect(f"{url}?access_token={alice.access_token}&stream=user") as mine,
        connect(url, subprotocols=[alice.access_token]) as by_header,
        connect(f"{url}?stream=public:local") as public,
    ):
        by_header.send(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": "Sockets"}))
        by_header.send("not json")
        assert json.loads(by_header.recv(timeout=5)) == {"error": "Unknown message", "status": 400}
        time.sleep(1.5)
        post = bob.status_post("@socketeer streamed over a socket #sockets")
        mention = next_event(mine, "notification")
        assert mention["stream"] == ["user"] and json.loads(mention["payload"])["type"] == "mention"
        tagged = next_event(by_header, "update")
        assert tagged["stream"] == ["hashtag", "sockets"] and json.loads(tagged["payload"])["id"] == post["id"]
        update = next_event(public, "update")
        assert (
            update["stream"] == ["public:local"]
            and "streamed over a socket" in json.loads(update["payload"])["content"]
        )
        bob.status_delete(post["id"])
        assert next_event(public, "delete")["payload"] == post["id"]
    with pytest.raises(InvalidStatus):  # a bad token fails the handshake
        connect(f"{url}?access_token=forged&stream=user").close()
    with connect(f"{url}?stream=user") as anonymous:  # no token: public streams only
        assert json.loads(anonymous.recv(timeout=5)) == {"error": "Missing access token", "status": 401}
