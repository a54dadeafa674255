"""Accounts: credentials, profiles, follows (locked too), blocks, mutes, relationships, search, sign-up."""

import io

from django.core import mail
from django.test.client import encode_multipart
from django.utils import timezone
from PIL import Image


def test_verify_and_update_credentials(api_as, alice) -> None:
    client = api_as(alice)
    me = client.get("/api/v1/accounts/verify_credentials").json()
    assert me["acct"] == "alice" and me["source"]["privacy"] == "public" and me["id"] == str(alice.pk)
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "blue").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "avatar.png"
    response = client.client.patch(
        "/api/v1/accounts/update_credentials",
        data=encode_multipart(
            "BoUnDaRy",
            {
                "display_name": "Alice B",
                "note": "Hi #there",
                "locked": "true",
                "fields_attributes[0][name]": "web",
                "fields_attributes[0][value]": "https://example.org",
                "fields_attributes[1][name]": "pronouns",
                "fields_attributes[1][value]": "she",
                "source[privacy]": "unlisted",
                "avatar": buffer,
            },
        ),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        headers=client.headers,
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["display_name"] == "Alice B" and data["locked"] is True
    assert [f["name"] for f in data["fields"]] == ["web", "pronouns"]
    assert data["source"]["privacy"] == "unlisted" and data["source"]["note"] == "Hi #there"
    assert "/avatars/" in data["avatar"]


def test_profile_lookup_and_statuses(api_as, anon, alice) -> None:
    client = api_as(alice)
    ids = [client.post("/api/v1/statuses", {"status": f"post {i}"}).json()["id"] for i in range(3)]
    assert anon.get(f"/api/v1/accounts/{alice.pk}").json()["statuses_count"] == 3
    assert anon.get("/api/v1/accounts/lookup", {"acct": "@alice"}).json()["id"] == str(alice.pk)
    assert anon.get("/api/v1/accounts/lookup", {"acct": "nobody"}).status_code == 404
    page = anon.get(f"/api/v1/accounts/{alice.pk}/statuses", {"limit": 2})
    assert [s["id"] for s in page.json()] == ids[::-1][:2]
    assert f"max_id={ids[1]}" in page.headers["Link"]
    assert anon.get(f"/api/v1/accounts/{alice.pk}/statuses", {"pinned": "true"}).json() == []
    assert anon.get("/api/v1/accounts/0").status_code == 404


def test_follow_locked_account(api_as, alice, bob) -> None:
    a, b = api_as(alice), api_as(bob)
    a.patch("/api/v1/accounts/update_credentials", {"locked": True})
    relation = b.post(f"/api/v1/accounts/{alice.pk}/follow").json()
    assert relation["requested"] is True and relation["following"] is False
    assert [x["acct"] for x in a.get("/api/v1/follow_requests").json()] == ["bob"]
    assert a.get("/api/v1/accounts/relationships", {"id[]": [str(bob.pk)]}).json()[0]["requested_by"] is True
    assert a.post(f"/api/v1/follow_requests/{bob.pk}/authorize").json()["followed_by"] is True
    assert b.get("/api/v1/accounts/relationships", {"id": str(alice.pk)}).json()[0]["following"] is True
    assert [x["acct"] for x in b.get(f"/api/v1/accounts/{bob.pk}/following").json()] == ["alice"]
    assert [x["acct"] for x in b.get(f"/api/v1/accounts/{alice.pk}/followers").json()] == ["bob"]
    assert b.post(f"/api/v1/accounts/{alice.pk}/unfollow").json()["following"] is False


def test_reject_follow_request(api_as, alice, bob) -> None:
    a, b = api_as(alice), api_as(bob)
    a.patch("/api/v1/accounts/update_credentials", {"locked": True})
    b.post(f"/api/v1/accounts/{alice.pk}/follow")
    assert a.post(f"/api/v1/follow_requests/{bob.pk}/reject").json()["requested_by"] is False
    assert a.post(f"/api/v1/follow_requests/{bob.pk}/reject").status_code == 404


def test_block_and_mute(api_as, alice, bob) -> None:
    a = api_as(alice)
    assert a.post(f"/api/v1/accounts/{bob.pk}/block").json()["blocking"] is True
    assert [x["acct"] for x in a.get("/api/v1/blocks").json()] == ["bob"]
    assert api_as(bob).post(f"/api/v1/accounts/{alice.pk}/follow").status_code == 403
    assert a.post(f"/api/v1/accounts/{bob.pk}/unblock").json()["blocking"] is False
    muted = a.post(f"/api/v1/accounts/{bob.pk}/mute", {"notifications": False}).json()
    assert muted["muting"] is True and muted["muting_notifications"] is False
    assert [x["acct"] for x in a.get("/api/v1/mutes").json()] == ["bob"]
    assert a.post(f"/api/v1/accounts/{bob.pk}/unmute").json()["muting"] is False
    assert a.post(f"/api/v1/accounts/{alice.pk}/follow").status_code == 422


def test_search_accounts(api_as, alice, bob) -> None:
    found = api_as(alice).get("/api/v1/accounts/search", {"q": "bo"}).json()
    assert [x["acct"] for x in found] == ["bob"]


def test_register_from_an_app(api_as, alice) -> None:
    app_client = api_as(None, scope="read write")
    response = app_client.post(
        "/api/v1/accounts",
        {"username": "dora", "email": "dora@example.org", "password": "a long secret phrase", "agreement": True},
    )
    assert response.status_code == 200, response.content
    token = response.json()["access_token"]
    from tests.api.conftest import Api

    assert Api(token).get("/api/v1/accounts/verify_credentials").json()["acct"] == "dora"
    taken = app_client.post(
        "/api/v1/accounts",
        {"username": "dora", "email": "d2@example.org", "password": "a long secret phrase", "agreement": True},
    )
    assert taken.status_code == 422 and "taken" in taken.json()["error"]
    no_agreement = app_client.post("/api/v1/accounts", {"username": "eve", "email": "e@example.org", "password": "x"})
    assert no_agreement.status_code == 422


def test_statuses_tagged_and_search_following(api_as, alice, bob, carol) -> None:
    client = api_as(alice)
    tagged = client.post("/api/v1/statuses", {"status": "about #cats"}).json()
    client.post("/api/v1/statuses", {"status": "about dogs"})
    listed = client.get(f"/api/v1/accounts/{alice.pk}/statuses", {"tagged": "cats"}).json()
    assert [s["id"] for s in listed] == [tagged["id"]]
    client.post(f"/api/v1/accounts/{bob.pk}/follow")
    assert [a["acct"] for a in client.get("/api/v1/accounts/search", {"q": "b", "following": "true"}).json()] == ["bob"]
    client.post(f"/api/v1/accounts/{carol.pk}/block")
    assert client.get("/api/v1/accounts/search", {"q": "car"}).json() == []
    # Her exact handle still finds her, so that she can be unblocked.
    assert [a["acct"] for a in client.get("/api/v1/accounts/search", {"q": "carol"}).json()] == ["carol"]


def test_email_confirmation_resend(api_as, alice, django_capture_on_commit_callbacks) -> None:
    client = api_as(alice)
    mail.outbox.clear()  # the sign-up's own link
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/api/v1/emails/confirmations").json() == {}
        assert client.post("/api/v1/emails/confirmations").json() == {}  # within the minute: not sent again
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    elsewhere = client.post("/api/v1/emails/confirmations", {"email": "other@example.org"})
    assert elsewhere.status_code == 422
    alice.user.email_confirmed_at = timezone.now()
    alice.user.save(update_fields=["email_confirmed_at"])
    assert client.post("/api/v1/emails/confirmations").status_code == 403
