"""Statuses: create, read, edit, delete, threads, upvotes, echoes, quotes, bookmarks, idempotency."""

from posts.models import Post


def test_create_and_read(api_as, anon, alice) -> None:
    client = api_as(alice)
    created = client.post(
        "/api/v1/statuses",
        {"status": "Hello #World", "spoiler_text": "cw", "visibility": "unlisted", "language": "en"},
    )
    assert created.status_code == 200
    status = created.json()
    assert status["visibility"] == "unlisted" and status["spoiler_text"] == "cw" and status["sensitive"] is True
    assert status["language"] == "en" and status["tags"] == [{"name": "world", "url": status["tags"][0]["url"]}]
    assert status["account"]["acct"] == "alice" and status["application"]["name"] == "Test client"
    seen = anon.get(f"/api/v1/statuses/{status['id']}").json()
    assert seen["content"] == status["content"] and "favourited" not in seen
    assert seen["application"] is None


def test_form_encoded_with_rails_arrays(api_as, alice) -> None:
    client = api_as(alice)
    response = client.post("/api/v1/statuses", {"status": "form post", "media_ids[]": []}, json=False)
    assert response.status_code == 200 and response.json()["content"] == "<p>form post</p>"


def test_idempotency_key(api_as, alice) -> None:
    client = api_as(alice)
    first = client.post("/api/v1/statuses", {"status": "once"}, headers={"Idempotency-Key": "abc"}).json()
    again = client.post("/api/v1/statuses", {"status": "once"}, headers={"Idempotency-Key": "abc"}).json()
    assert first["id"] == again["id"]
    assert Post.objects.filter(author=alice).count() == 1


def test_reply_context_and_counts(api_as, alice, bob) -> None:
    a, b = api_as(alice), api_as(bob)
    root = a.post("/api/v1/statuses", {"status": "root"}).json()
    reply = b.post("/api/v1/statuses", {"status": "reply", "in_reply_to_id": root["id"]}).json()
    assert reply["in_reply_to_account_id"] == root["account"]["id"]
    context = a.get(f"/api/v1/statuses/{reply['id']}/context").json()
    assert [s["id"] for s in context["ancestors"]] == [root["id"]] and context["descendants"] == []
    assert a.get(f"/api/v1/statuses/{root['id']}").json()["replies_count"] == 1
    assert b.post("/api/v1/statuses", {"status": "x", "in_reply_to_id": "999"}).status_code == 404


def test_favourite_reblog_bookmark(api_as, alice, bob) -> None:
    a, b = api_as(alice), api_as(bob)
    post = a.post("/api/v1/statuses", {"status": "like me"}).json()
    fav = b.post(f"/api/v1/statuses/{post['id']}/favourite").json()
    assert fav["favourited"] is True and fav["favourites_count"] == 1
    assert [x["acct"] for x in a.get(f"/api/v1/statuses/{post['id']}/favourited_by").json()] == ["bob"]
    echo = b.post(f"/api/v1/statuses/{post['id']}/reblog").json()
    assert echo["reblog"]["id"] == post["id"] and echo["reblog"]["reblogged"] is True
    assert [x["acct"] for x in a.get(f"/api/v1/statuses/{post['id']}/reblogged_by").json()] == ["bob"]
    assert b.post(f"/api/v1/statuses/{post['id']}/bookmark").json()["bookmarked"] is True
    assert [s["id"] for s in b.get("/api/v1/bookmarks").json()] == [post["id"]]
    assert [s["id"] for s in b.get("/api/v1/favourites").json()] == [post["id"]]
    unfav = b.post(f"/api/v1/statuses/{post['id']}/unfavourite").json()
    assert unfav["favourited"] is False and unfav["favourites_count"] == 0
    assert b.post(f"/api/v1/statuses/{post['id']}/unreblog").json()["reblogged"] is False
    assert b.post(f"/api/v1/statuses/{post['id']}/unbookmark").json()["bookmarked"] is False


def test_private_posts_cannot_be_echoed(api_as, alice, bob) -> None:
    post = api_as(alice).post("/api/v1/statuses", {"status": "mine", "visibility": "private"}).json()
    assert api_as(bob).post(f"/api/v1/statuses/{post['id']}/reblog").status_code == 404
    assert api_as(alice).post(f"/api/v1/statuses/{post['id']}/reblog").status_code == 403


def test_quote(api_as, alice, bob) -> None:
    original = api_as(alice).post("/api/v1/statuses", {"status": "quote me"}).json()
    quote = api_as(bob).post("/api/v1/statuses", {"status": "quoting", "quoted_status_id": original["id"]}).json()
    assert quote["quote"]["state"] == "accepted" and quote["quote"]["quoted_status"]["id"] == original["id"]
    legacy = api_as(bob).post("/api/v1/statuses", {"status": "again", "quote_id": original["id"]}).json()
    assert legacy["quote"]["quoted_status"]["id"] == original["id"]
    assert api_as(alice).get(f"/api/v1/statuses/{original['id']}").json()["quotes_count"] == 2


def test_edit_source_history_delete(api_as, alice, bob) -> None:
    a = api_as(alice)
    post = a.post("/api/v1/statuses", {"status": "first"}).json()
    edited = a.put(f"/api/v1/statuses/{post['id']}", {"status": "second", "spoiler_text": "cw"})
    assert edited.status_code == 200 and "second" in edited.json()["content"] and edited.json()["edited_at"]
    assert a.get(f"/api/v1/statuses/{post['id']}/source").json() == {
        "id": post["id"],
        "text": "second",
        "spoiler_text": "cw",
    }
    history = a.get(f"/api/v1/statuses/{post['id']}/history").json()
    assert ["first" in h["content"] for h in history] == [True, False]
    assert api_as(bob).put(f"/api/v1/statuses/{post['id']}", {"status": "hijack"}).status_code == 404
    assert api_as(bob).delete(f"/api/v1/statuses/{post['id']}").status_code == 404
    deleted = a.delete(f"/api/v1/statuses/{post['id']}")
    assert deleted.status_code == 200 and deleted.json()["text"] == "second"
    assert a.get(f"/api/v1/statuses/{post['id']}").status_code == 404


def test_bad_input(api_as, alice) -> None:
    a = api_as(alice)
    assert a.post("/api/v1/statuses", {"status": ""}).status_code == 422
    assert a.post("/api/v1/statuses", {"status": "x" * 5000}).status_code == 422
    assert a.post("/api/v1/statuses", {"status": "x", "visibility": "galaxy"}).status_code == 422
    assert a.post("/api/v1/statuses", {"status": "x", "media_ids": ["nope"]}).status_code == 422
    assert a.post("/api/v1/statuses", {"status": "x", "media_ids": ["123"]}).status_code == 422
    assert a.post("/api/v1/statuses", {"status": {"nested": 1}}).status_code == 422
    assert a.get("/api/v1/statuses/abc").status_code == 404
    assert a.get("/api/v1/statuses/99999999999999999999999").status_code == 404
    body = a.client.post("/api/v1/statuses", b"{not json", content_type="application/json", headers=a.headers)
    assert body.status_code == 400 and "error" in body.json()
