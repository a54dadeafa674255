"""Lists: members the owner follows, the list timeline (with and without Redis), replies policy,
exclusive lists leaving home, the list stream."""

import pytest

from api.views.streaming import Poller
from posts.actions import do_create_post


def _ids(response) -> list[str]:
    return [s["id"] for s in response.json()]


@pytest.mark.parametrize("with_redis", [False, True])
def test_list_timeline_replies_policy_and_exclusive(request, api_as, alice, bob, carol, make_account, with_redis):
    if with_redis:
        request.getfixturevalue("redis_on")
    dave = make_account("dave")
    client = api_as(alice)
    for person in (bob, carol, dave):
        client.post(f"/api/v1/accounts/{person.pk}/follow")
    created = client.post("/api/v1/lists", {"title": "Friends", "replies_policy": "list"}).json()
    assert created == {"id": created["id"], "title": "Friends", "replies_policy": "list", "exclusive": False}
    lid = created["id"]
    assert client.post(f"/api/v1/lists/{lid}/accounts", {"account_ids": [bob.pk, carol.pk]}).json() == {}
    stranger = make_account("stranger")
    refused = client.post(f"/api/v1/lists/{lid}/accounts", {"account_ids": [stranger.pk]})
    assert refused.status_code == 422 and "account_ids" in refused.json()["details"]
    assert [a["acct"] for a in client.get(f"/api/v1/lists/{lid}/accounts").json()] == ["carol", "bob"]
    assert [x["id"] for x in client.get(f"/api/v1/accounts/{bob.pk}/lists").json()] == [lid]

    from_bob = do_create_post(bob, "bob says")
    to_carol = do_create_post(bob, "@carol yes", in_reply_to=do_create_post(carol, "carol asks"))
    to_dave = do_create_post(bob, "@dave no", in_reply_to=do_create_post(dave, "dave asks"))
    do_create_post(dave, "not in the list")
    hidden = do_create_post(carol, "for nobody", visibility="direct")
    timeline = _ids(client.get(f"/api/v1/timelines/list/{lid}"))
    assert str(from_bob.pk) in timeline and str(to_carol.pk) in timeline
    assert str(to_dave.pk) not in timeline and str(hidden.pk) not in timeline
    assert all(s["account"]["acct"] in ("bob", "carol") for s in client.get(f"/api/v1/timelines/list/{lid}").json())
    client.put(f"/api/v1/lists/{lid}", {"replies_policy": "followed"})
    assert str(to_dave.pk) in _ids(client.get(f"/api/v1/timelines/list/{lid}"))
    client.put(f"/api/v1/lists/{lid}", {"replies_policy": "none"})
    assert str(to_carol.pk) not in _ids(client.get(f"/api/v1/timelines/list/{lid}"))

    # Exclusive: the members' posts leave home, and come back when it is not.
    assert str(from_bob.pk) in _ids(client.get("/api/v1/timelines/home"))
    client.put(f"/api/v1/lists/{lid}", {"exclusive": True})
    home = _ids(client.get("/api/v1/timelines/home"))
    assert str(from_bob.pk) not in home and home  # dave's posts remain
    client.put(f"/api/v1/lists/{lid}", {"exclusive": False})
    assert str(from_bob.pk) in _ids(client.get("/api/v1/timelines/home"))

    # Others cannot read it; unfollowing takes the account out; deleting removes it.
    assert api_as(bob).get(f"/api/v1/timelines/list/{lid}").status_code == 404
    client.post(f"/api/v1/accounts/{carol.pk}/unfollow")
    assert [a["acct"] for a in client.get(f"/api/v1/lists/{lid}/accounts").json()] == ["bob"]
    client.delete(f"/api/v1/lists/{lid}/accounts", {"account_ids": [bob.pk]})
    assert client.get(f"/api/v1/lists/{lid}/accounts").json() == []
    assert client.delete(f"/api/v1/lists/{lid}").json() == {}
    assert client.get("/api/v1/lists").json() == []


def test_list_stream_and_bad_input(api_as, anon, alice, bob, carol) -> None:
    client = api_as(alice)
    client.post(f"/api/v1/accounts/{bob.pk}/follow")
    client.post(f"/api/v1/accounts/{carol.pk}/follow")
    lid = client.post("/api/v1/lists", {"title": "Bob"}).json()["id"]
    client.post(f"/api/v1/lists/{lid}/accounts", {"account_ids": [bob.pk]})
    poller = Poller(alice, "list", lid)
    do_create_post(carol, "not listed")
    post = do_create_post(bob, "listed")
    assert [(name, data["id"]) for _s, name, data in poller.poll()] == [("update", str(post.pk))]
    with pytest.raises(Exception, match="Record not found"):
        Poller(bob, "list", lid)
    assert client.post("/api/v1/lists", {"title": ""}).status_code == 422
    assert client.post("/api/v1/lists", {"title": "x", "replies_policy": "all"}).status_code == 422
    assert anon.get("/api/v1/streaming/list", {"list": lid, "access_token": "wrong"}).status_code == 401
    assert api_as(bob).get("/api/v1/streaming/list", {"list": lid}).status_code == 404
