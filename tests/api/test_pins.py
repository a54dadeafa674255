"""Pinned posts (profile, API, ActivityPub `featured`), muted conversations, account notes, endorsements."""

from django.test import Client

from notifications.models import Notification
from posts.actions import do_create_post


def test_pins_on_the_profile_and_in_featured(api_as, anon, alice, bob) -> None:
    client = api_as(alice)
    posts = [do_create_post(alice, f"post {i}") for i in range(6)]
    private = do_create_post(alice, "friends only", visibility="private")
    direct = do_create_post(alice, "@bob psst", visibility="direct")
    pinned = client.post(f"/api/v1/statuses/{posts[0].pk}/pin").json()
    assert pinned["pinned"] is True
    client.post(f"/api/v1/statuses/{private.pk}/pin")
    for post in posts[1:4]:
        assert client.post(f"/api/v1/statuses/{post.pk}/pin").status_code == 200
    sixth = client.post(f"/api/v1/statuses/{posts[4].pk}/pin")
    assert sixth.status_code == 422 and "id" in sixth.json()["details"]  # five at most
    assert client.post(f"/api/v1/statuses/{direct.pk}/pin").status_code == 422
    bobs = do_create_post(bob, "bob's")
    assert client.post(f"/api/v1/statuses/{bobs.pk}/pin").status_code == 422
    seen = [s["id"] for s in anon.get(f"/api/v1/accounts/{alice.pk}/statuses", {"pinned": "true"}).json()]
    assert seen == [str(p.pk) for p in reversed(posts[:4])]  # the private one is not shown to strangers
    assert str(private.pk) in [s["id"] for s in client.get(f"/api/v1/accounts/{alice.pk}/statuses?pinned=true").json()]
    featured = Client().get("/users/alice/collections/featured", headers={"Accept": "application/activity+json"})
    items = featured.json()["orderedItems"]
    assert featured.json()["totalItems"] == 4 and items[0]["id"] == posts[3].activity_uri()
    assert client.post(f"/api/v1/statuses/{posts[0].pk}/unpin").json()["pinned"] is False
    assert api_as(bob).get(f"/api/v1/statuses/{posts[1].pk}").json().get("pinned") is None  # not bob's to know


def test_muted_conversation_notes_and_endorsements(api_as, alice, bob, carol) -> None:
    client = api_as(alice)
    root = do_create_post(alice, "a thread")
    muted = client.post(f"/api/v1/statuses/{root.pk}/mute").json()
    assert muted["muted"] is True
    reply = do_create_post(bob, "@alice hi", in_reply_to=root)
    do_create_post(carol, "@alice deeper", in_reply_to=reply)
    assert not Notification.objects.filter(recipient=alice, type="mention").exists()
    client.post(f"/api/v1/statuses/{reply.pk}/unmute")  # any post of the thread names it
    do_create_post(carol, "@alice again", in_reply_to=reply)
    assert Notification.objects.filter(recipient=alice, type="mention").count() == 1

    noted = client.post(f"/api/v1/accounts/{bob.pk}/note", {"comment": "met at the conference"}).json()
    assert noted["note"] == "met at the conference"
    assert client.get("/api/v1/accounts/relationships", {"id[]": [bob.pk]}).json()[0]["note"] == "met at the conference"
    assert client.post(f"/api/v1/accounts/{bob.pk}/note", {"comment": ""}).json()["note"] == ""

    refused = client.post(f"/api/v1/accounts/{bob.pk}/endorse")
    assert refused.status_code == 422  # only accounts one follows
    client.post(f"/api/v1/accounts/{bob.pk}/follow")
    assert client.post(f"/api/v1/accounts/{bob.pk}/endorse").json()["endorsed"] is True
    assert [a["acct"] for a in client.get("/api/v1/endorsements").json()] == ["bob"]
    assert [a["acct"] for a in api_as(carol).get(f"/api/v1/accounts/{alice.pk}/endorsements").json()] == ["bob"]
    client.post(f"/api/v1/accounts/{bob.pk}/unfollow")
    assert client.get("/api/v1/endorsements").json() == []
