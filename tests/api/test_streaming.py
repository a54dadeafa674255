"""Streaming over server-sent events from a live server: updates, notifications and deletes arrive."""

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.api.server import LiveServer, live_server
from tests.api.test_clients import register

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
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


def test_user_and_public_streams(server: LiveServer) -> None:
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
