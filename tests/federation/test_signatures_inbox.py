"""Refusals at the inbox: unsigned, wrongly signed, stale, tampered, mismatched, blocked."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.test import Client

from accounts.models import Account
from federation.actions import do_set_domain_policy
from posts.models import Post
from tests.federation.peer import Peer
from tribune.lib.signatures import generate_key_pair, http_date

LOCAL = settings.SITE_URL


def _note(peer: Peer, actor: str, alice: Account) -> dict:
    return peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")


def test_unsigned_is_401(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    response = Client().post("/inbox", data=_note(peer, actor, alice), content_type="application/activity+json")
    assert response.status_code == 401
    assert not Post.objects.exists()


def test_wrong_key_is_401(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    peer.keys[actor], _public = generate_key_pair()  # signs with a key the actor document does not publish
    response = peer.deliver(Client(), _note(peer, actor, alice), actor=actor)
    assert response.status_code == 401
    assert not Post.objects.exists()


def test_stale_date_is_401(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    old = http_date(datetime.now(UTC) - timedelta(hours=13))
    response = peer.deliver(Client(), _note(peer, actor, alice), actor=actor, Date=old)
    assert response.status_code == 401


def test_tampered_body_is_401(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    body = b'{"type": "Create"}'
    headers = peer.signed_headers(actor, "/inbox", body)
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k.lower() != "content-type"}
    response = Client().post("/inbox", data=b'{"type": "Delete"}', content_type="application/activity+json", **meta)
    assert response.status_code == 401


def test_actor_mismatch_is_403(peer: Peer, alice: Account) -> None:
    zoe = peer.actor("zoe")
    mallory = peer.actor("mallory")
    response = peer.deliver(Client(), _note(peer, zoe, alice), actor=mallory)
    assert response.status_code == 403
    assert not Post.objects.exists()


def test_blocked_domain_gets_nothing_through(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    do_set_domain_policy(peer.domain, severity="suspend")
    response = peer.deliver(Client(), _note(peer, actor, alice), actor=actor)
    assert response.status_code == 403
    assert not Post.objects.exists()
    assert not Account.objects.filter(domain=peer.domain).exists()


def test_rotated_key_is_refetched(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    assert peer.deliver(Client(), _note(peer, actor, alice), actor=actor).status_code == 202
    private, public = generate_key_pair()
    peer.keys[actor] = private
    peer.documents["/users/zoe"]["publicKey"]["publicKeyPem"] = public
    update = peer.fixture("mastodon_update_note.json", local=LOCAL, actor="zoe")
    assert peer.deliver(Client(), update, actor=actor).status_code == 202
    assert Account.objects.get(uri=actor).public_key == public


def test_delete_of_an_actor_we_never_knew_is_accepted_quietly(peer: Peer, alice: Account) -> None:
    actor = f"{peer.base}/users/gone"  # its document answers 404: the key cannot be fetched
    peer.keys[actor], _public = generate_key_pair()
    delete = peer.fixture("mastodon_delete_actor.json", local=LOCAL, actor="gone")
    assert peer.deliver(Client(), delete, actor=actor).status_code == 202
    assert not Account.objects.filter(uri=actor).exists()
