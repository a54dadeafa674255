"""The inbox never waits on a stranger and tells nobody what exists here: key fetches end at a
deadline, activities are applied by a worker after a 202, the answer is the same for unknown,
hidden and forbidden objects, and why a key could not be fetched is not told to the sender."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from accounts.models import Account
from federation.http import FetchError, get_json
from moderation.actions import do_remove_post
from posts.actions import do_create_post
from posts.models import ModerationState, Post, Upvote, Visibility
from tests.federation.peer import Peer
from tribune.lib.signatures import generate_key_pair, sign_request

LOCAL = settings.SITE_URL


class Drip:
    """A server that answers every GET with a JSON document one byte every 0.2 s, for a minute."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802  # http.server's naming
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.end_headers()
                try:
                    for _ in range(300):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def drip() -> Iterator[Drip]:
    server = Drip()
    yield server
    server.server.shutdown()
    server.server.server_close()


def _signed_post(client: Client, key_id: str, activity: dict[str, Any], private_key: str) -> Any:
    body = json.dumps(activity).encode()
    headers = sign_request(
        "POST", "http://testserver/inbox", key_id=key_id, private_key_pem=private_key, body=body,
        headers={"Content-Type": "application/activity+json"},
    )  # fmt: skip
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k.lower() != "content-type"}
    return client.post("/inbox", data=body, content_type="application/activity+json", **meta)


@override_settings(FEDERATION_FETCH_DEADLINE=2.0)
def test_a_fetch_ends_at_its_deadline_however_slowly_the_server_answers(drip: Drip) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError):
        get_json(f"{drip.base}/users/slow")
    assert time.monotonic() - started < 3.5


@override_settings(FEDERATION_FETCH_DEADLINE=2.0)
def test_inbox_with_a_key_on_a_slow_server_answers_within_the_deadline(drip: Drip, alice: Account) -> None:
    private, _public = generate_key_pair()
    actor = f"{drip.base}/users/slow"
    assert Client().post("/inbox", data=b"{}", content_type="application/activity+json").status_code == 401  # warm
    started = time.monotonic()
    response = _signed_post(Client(), f"{actor}#main-key", {"type": "Follow", "actor": actor, "object": "x"}, private)
    assert response.status_code == 401
    assert time.monotonic() - started < 3.5


def test_why_a_key_could_not_be_fetched_is_not_told(alice: Account) -> None:
    private, _public = generate_key_pair()
    for actor in ("http://192.168.7.7/users/x", "http://10.1.2.3:8080/users/x", "http://169.254.169.254/users/x"):
        response = _signed_post(Client(), f"{actor}#main-key", {"type": "Like", "actor": actor, "object": "x"}, private)
        assert response.status_code == 401
        text = response.content.decode()
        assert "192.168" not in text and "10.1.2.3" not in text and "169.254" not in text
        assert "non-public" not in text and "refus" not in text, text


def test_an_activity_is_applied_by_a_worker_after_the_answer(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    post = do_create_post(alice, "Like me later")
    like = peer.fixture("mastodon_like.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    with override_settings(TASKS=backend):
        assert peer.deliver(Client(), like, actor=actor).status_code == 202
        assert not Upvote.objects.filter(post=post).exists()
        assert DBTaskResult.objects.filter(task_path="federation.tasks.receive").count() == 1
        call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True, verbosity=0)
    assert Upvote.objects.filter(post=post, account__uri=actor).exists()


def test_like_gets_the_same_answer_for_unknown_held_and_removed_posts(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    held = do_create_post(alice, "held")
    Post.objects.filter(pk=held.pk).update(moderation_state=ModerationState.HELD)
    removed = do_create_post(alice, "removed")
    do_remove_post(removed, acting_user=None, acting_label="test", reason="spam", policy="")
    unknown = f"{LOCAL}/users/alice/statuses/{removed.pk + 12345}"
    answers = set()
    for uri in (held.activity_uri(), removed.activity_uri(), unknown):
        like = peer.fixture("mastodon_like.json", local=LOCAL, actor="zoe", object=uri)
        like["id"] += uri[-6:]
        response = peer.deliver(Client(), like, actor=actor)
        answers.add((response.status_code, response.content))
    assert answers == {(202, b"")}
    assert not Upvote.objects.exists()


def test_announce_gets_the_same_answer_for_followers_only_direct_and_unknown(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    private = do_create_post(alice, "followers only", visibility=Visibility.PRIVATE)
    direct = do_create_post(alice, "direct", visibility=Visibility.DIRECT)
    answers = set()
    for index, uri in enumerate((private.activity_uri(), direct.activity_uri(), f"{LOCAL}/users/alice/statuses/1")):
        announce = peer.fixture("mastodon_announce.json", local=LOCAL, actor="zoe", object=uri)
        announce["id"] += str(index)
        response = peer.deliver(Client(), announce, actor=actor)
        answers.add((response.status_code, response.content))
    assert answers == {(202, b"")}
    assert not Post.objects.filter(reblog_of__isnull=False).exists()
