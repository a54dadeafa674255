"""The trusted-flagger intake API, through HTTP."""

import json

import pytest
from django.test import Client

from accounts.actions import do_follow
from moderation.actions import do_create_flagger_token, do_decide, do_revoke_flagger_token
from moderation.models import FlaggerToken, QueueItem
from posts.actions import do_create_post
from timelines.feeds import home_feed
from tribune.lib.pagination import Page


@pytest.fixture
def admin(make_account):
    return make_account("boss", staff=True).user


@pytest.fixture
def token(admin):
    _row, raw = do_create_flagger_token("Hosting provider", acting_user=admin)
    return raw


def post_flags(client: Client, token: str | None, body, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/api/moderation/v1/flags", data=data, content_type="application/json", **headers, **extra)


def test_batch_hides_every_post_at_once_and_reports_decisions(alice, bob, carol, admin, token):
    do_follow(carol, alice)
    first = do_create_post(alice, "an ordinary looking post")
    second = do_create_post(bob, "another one")
    client = Client()
    response = post_flags(
        client,
        token,
        {"items": [first.local_url(), str(second.pk), "https://elsewhere.example/x"], "reason": "incitement"},
    )
    assert response.status_code == 201, response.content
    receipt = response.json()
    states = [i["state"] for i in receipt["items"]]
    assert states == ["hidden_pending_review", "hidden_pending_review", "not_found"]
    first.refresh_from_db()
    assert first.moderation_state == "held"
    assert first.pk not in [p.pk for p in home_feed(carol, Page())]
    top = QueueItem.objects.filter(state="open").order_by("rank")[:2]
    assert {i.post_id for i in top} == {first.pk, second.pk}
    assert all(i.source == "trusted_flagger" and i.urgent for i in top)
    do_decide(QueueItem.objects.get(post=first), "remove", acting_user=admin, reason="incitement")
    status = client.get(f"/api/moderation/v1/flags/{receipt['id']}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert status.status_code == 200
    items = status.json()["items"]
    assert items[0]["decision"] == "remove" and items[0]["decided_at"] and items[0]["post_state"] == "removed"
    assert items[1]["decision"] is None


@pytest.mark.parametrize("bad", [None, "not-a-token", "tf_" + "x" * 43])
def test_bad_tokens_are_refused(bad, alice):
    response = post_flags(Client(), bad, {"items": ["1"], "reason": "x"})
    assert response.status_code == 401
    assert "error" in response.json()


def test_revoked_token_and_other_flaggers_batches(admin, token, alice):
    post = do_create_post(alice, "hello")
    client = Client()
    receipt = post_flags(client, token, {"items": [post.pk], "reason": "x"}).json()
    _other_row, other = do_create_flagger_token("Partner", acting_user=admin)
    assert (
        client.get(f"/api/moderation/v1/flags/{receipt['id']}", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    )
    assert client.get("/api/moderation/v1/flags/nonsense", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    do_revoke_flagger_token(FlaggerToken.objects.get(name="Hosting provider"), acting_user=admin)
    assert post_flags(client, token, {"items": [post.pk], "reason": "x"}).status_code == 401
    assert FlaggerToken.objects.filter(token_hash__contains="tf_").count() == 0  # only hashes are stored


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        ({"items": [], "reason": "x"}, 422),
        ({"items": "1", "reason": "x"}, 422),
        ({"items": [{"a": 1}], "reason": "x"}, 422),
        ({"items": ["1"]}, 422),
        ({"items": ["1"], "reason": "x", "category": "nonsense"}, 422),
        ({"items": ["1"] * 501, "reason": "x"}, 422),
        (b"\xff\xfe", 400),
    ],
)
def test_bad_input_gets_json_4xx(token, body, status):
    response = post_flags(Client(), token, body)
    assert response.status_code == status
    assert response.json()["error"]
    assert not QueueItem.objects.exists()


def test_wrong_method(token):
    assert Client().get("/api/moderation/v1/flags", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 405
