"""Resolving remote accounts by handle (WebFinger) and posts by URL; threads within bounds; origin checks."""

import pytest

from accounts.models import Account
from federation.actions import do_add_alias, do_move_account
from federation.fetch import MAX_THREAD_DEPTH, FetchError, fetch_post, resolve_handle, resolve_url
from tests.federation.peer import Peer
from tribune.lib.errors import ActionError

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _webfinger(peer: Peer, username: str) -> None:
    peer.documents["/.well-known/webfinger"] = {
        "subject": f"acct:{username}@{peer.domain}",
        "links": [
            {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": f"{peer.base}/@{username}"},
            {"rel": "self", "type": "application/activity+json", "href": f"{peer.base}/users/{username}"},
        ],
    }


def _note(peer: Peer, n: int, author: str, reply_to: int | None = None) -> str:
    uri = f"{peer.base}/users/{author}/statuses/{n}"
    peer.documents[f"/users/{author}/statuses/{n}"] = {
        "id": uri, "type": "Note", "attributedTo": f"{peer.base}/users/{author}", "content": f"<p>note {n}</p>",
        "to": [PUBLIC], "cc": [], "published": "2024-01-01T00:00:00Z",
        "inReplyTo": f"{peer.base}/users/{author}/statuses/{reply_to}" if reply_to else None,
    }  # fmt: skip
    return uri


def test_resolve_by_handle(peer: Peer) -> None:
    uri = peer.actor("zoe")
    _webfinger(peer, "zoe")
    account = resolve_handle(f"@zoe@{peer.domain}")
    assert account.uri == uri and account.acct == f"zoe@{peer.domain}"
    assert account.inbox_uri == f"{peer.base}/users/zoe/inbox" and account.shared_inbox_uri == f"{peer.base}/inbox"
    assert account.fields[0]["name"] == "Website"
    with pytest.raises(FetchError):
        resolve_handle("@nobody")  # no such local account, and no domain to ask


def test_resolve_post_by_url_and_thread_up_the_chain(peer: Peer) -> None:
    peer.actor("zoe")
    for n in range(1, MAX_THREAD_DEPTH + 5):
        last = _note(peer, n, "zoe", reply_to=n - 1 if n > 1 else None)
    post = resolve_url(last)
    assert post.uri == last
    chain = 0
    while post.in_reply_to is not None:
        post = post.in_reply_to
        chain += 1
    assert chain == MAX_THREAD_DEPTH  # bounded: the oldest parents are not fetched


def test_note_of_another_origin_is_refused(peer: Peer) -> None:
    peer.actor("zoe")
    peer.documents["/forged"] = {
        "id": "https://victim.example/users/v/statuses/1", "type": "Note",
        "attributedTo": "https://victim.example/users/v", "content": "forged", "to": [PUBLIC],
    }  # fmt: skip
    with pytest.raises(FetchError):
        fetch_post(f"{peer.base}/forged")


def test_moving_out_requires_the_alias_first(peer: Peer, alice: Account) -> None:
    new = peer.actor("alice2")
    with pytest.raises(ActionError, match="alias"):
        do_move_account(alice, new)
    peer.documents["/users/alice2"]["alsoKnownAs"] = [alice.actor_uri()]
    from accounts.actions import do_follow
    from federation.fetch import fetch_actor

    remote_follower = fetch_actor(peer.actor("fan"))
    do_follow(remote_follower, alice)
    peer.received.clear()
    do_move_account(alice, new)
    alice.refresh_from_db()
    assert alice.moved_to is not None and alice.moved_to.uri == new
    [(_path, move, _h)] = [r for r in peer.received if r[1]["type"] == "Move"]
    assert move["object"] == alice.actor_uri() and move["target"] == new


def test_alias_is_published_on_the_actor(peer: Peer, alice: Account) -> None:
    old = peer.actor("oldalice")
    do_add_alias(alice, old)
    from django.test import Client

    doc = Client().get("/users/alice", HTTP_ACCEPT="application/activity+json").json()
    assert doc["alsoKnownAs"] == [old]


def test_resolve_for_search_never_raises(peer: Peer) -> None:
    from federation.fetch import resolve_for_search

    peer.actor("zoe")
    _webfinger(peer, "zoe")
    found = resolve_for_search(f"@zoe@{peer.domain}")
    assert isinstance(found, Account) and found.username == "zoe"
    assert resolve_for_search(f"{peer.base}/missing") is None
    assert resolve_for_search("just words") is None
    assert resolve_for_search("http://10.0.0.1/users/x") is None
