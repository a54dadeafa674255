"""Endpoints Mastodon clients call that carry little logic of their own: several accounts at once,
the direct timeline, quotes of a post, deleting an unattached upload, grouped notifications one by one,
the instance's activity, description and translation languages."""

import io

from PIL import Image

from posts.actions import do_create_post


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (5, 5, 5)).save(buffer, "PNG")
    return buffer.getvalue()


def test_accounts_direct_quotes_and_media(api_as, anon, alice, bob, carol) -> None:
    client = api_as(alice)
    many = anon.get("/api/v1/accounts", {"id[]": [bob.pk, 12345, alice.pk]}).json()
    assert [a["acct"] for a in many] == ["bob", "alice"]
    direct = do_create_post(bob, "@alice secret", visibility="direct")
    do_create_post(bob, "@carol other secret", visibility="direct")
    assert [s["id"] for s in client.get("/api/v1/timelines/direct").json()] == [str(direct.pk)]
    original = do_create_post(alice, "quote me")
    quote = do_create_post(bob, "quoting", quote_of=original)
    do_create_post(carol, "quoting quietly", quote_of=original, visibility="private")
    assert [s["id"] for s in anon.get(f"/api/v1/statuses/{original.pk}/quotes").json()] == [str(quote.pk)]

    spare = client.post("/api/v2/media", {"file": io.BytesIO(png())}, json=False).json()
    used = client.post("/api/v2/media", {"file": io.BytesIO(png())}, json=False).json()
    client.post("/api/v1/statuses", {"status": "with image", "media_ids": [used["id"]]})
    assert client.delete(f"/api/v1/media/{used['id']}").status_code == 422
    assert api_as(bob).delete(f"/api/v1/media/{spare['id']}").status_code == 404
    assert client.delete(f"/api/v1/media/{spare['id']}").json() == {}
    assert client.get(f"/api/v1/media/{spare['id']}").status_code == 404


def test_notification_groups_and_instance(api_as, anon, alice, bob) -> None:
    client = api_as(alice)
    do_create_post(bob, "@alice hello")
    [note] = client.get("/api/v1/notifications").json()
    key = f"ungrouped-{note['id']}"
    assert client.get("/api/v2/notifications/unread_count").json() == {"count": 1}
    group = client.get(f"/api/v2/notifications/{key}").json()
    assert group["notification_groups"][0]["group_key"] == key
    assert [a["acct"] for a in client.get(f"/api/v2/notifications/{key}/accounts").json()] == ["bob"]
    assert api_as(bob).get(f"/api/v2/notifications/{key}").status_code == 404
    assert client.post(f"/api/v2/notifications/{key}/dismiss").json() == {}
    assert client.get("/api/v1/notifications").json() == []
    assert client.get("/api/v2/notifications/whatever-1").status_code == 404

    weeks = anon.get("/api/v1/instance/activity").json()
    assert len(weeks) == 12 and weeks[0]["statuses"] == "1" and weeks[0]["registrations"] == "2"
    assert anon.get("/api/v1/instance/translation_languages").json() == {}
    assert anon.get("/api/v1/instance/extended_description").json()["updated_at"].endswith("Z")
