"""GET /api/v1/announcements, dismissing one and emoji reactions, as Mastodon answers them."""

from accounts.announcements import do_create_announcement


def _announce(make_account, text: str = "Hello #everyone", **kwargs):
    admin = make_account("mod", staff=True)
    return do_create_announcement(acting_user=admin.user, text=text, **kwargs)


def test_list_dismiss_and_reactions(api_as, anon, make_account, alice, bob) -> None:
    a = _announce(make_account)
    as_alice, as_bob = api_as(alice), api_as(bob)
    [listed] = as_alice.get("/api/v1/announcements").json()
    assert listed["id"] == str(a.pk) and listed["read"] is False and listed["reactions"] == []
    assert listed["tags"][0]["name"] == "everyone" and "<p>" in listed["content"]

    assert as_alice.put(f"/api/v1/announcements/{a.pk}/reactions/👍").json() == {}
    assert as_alice.put(f"/api/v1/announcements/{a.pk}/reactions/👍").status_code == 200  # idempotent
    assert as_bob.put(f"/api/v1/announcements/{a.pk}/reactions/👍").status_code == 200
    assert as_bob.put(f"/api/v1/announcements/{a.pk}/reactions/🎉").status_code == 200
    [listed] = as_alice.get("/api/v1/announcements").json()
    assert listed["reactions"] == [{"name": "🎉", "count": 1, "me": False}, {"name": "👍", "count": 2, "me": True}]
    [seen_by_anyone] = anon.get("/api/v1/announcements").json()
    assert seen_by_anyone["read"] is None and seen_by_anyone["reactions"][1]["me"] is None

    assert as_alice.delete(f"/api/v1/announcements/{a.pk}/reactions/👍").json() == {}
    assert as_alice.delete(f"/api/v1/announcements/{a.pk}/reactions/👍").status_code == 404  # no longer hers
    [listed] = as_alice.get("/api/v1/announcements").json()
    assert listed["reactions"][1] == {"name": "👍", "count": 1, "me": False}

    assert as_alice.post(f"/api/v1/announcements/{a.pk}/dismiss").json() == {}
    assert as_alice.get("/api/v1/announcements").json() == []
    [again] = as_alice.get("/api/v1/announcements", {"with_dismissed": "true"}).json()
    assert again["read"] is True
    assert as_bob.get("/api/v1/announcements").json()[0]["read"] is False


def test_custom_emoji_names_and_an_unknown_id_are_refused(api_as, make_account, alice) -> None:
    a = _announce(make_account)
    client = api_as(alice)
    assert client.put(f"/api/v1/announcements/{a.pk}/reactions/bongoCat").status_code == 422
    assert client.put(f"/api/v1/announcements/{a.pk}/reactions/:blobcat:").status_code == 422
    for path in ("/dismiss", "/reactions/👍"):
        method = client.post if path == "/dismiss" else client.put
        assert method(f"/api/v1/announcements/424242{path}").status_code == 404
        assert method(f"/api/v1/announcements/nope{path}").status_code == 404
    assert client.delete("/api/v1/announcements/424242/reactions/👍").status_code == 404


def test_at_most_eight_different_reactions(api_as, make_account, alice, bob) -> None:
    a = _announce(make_account)
    client = api_as(alice)
    for emoji in "😀😁😂🤣😃😄😅😆":
        assert client.put(f"/api/v1/announcements/{a.pk}/reactions/{emoji}").status_code == 200
    assert client.put(f"/api/v1/announcements/{a.pk}/reactions/😉").status_code == 422
    assert api_as(bob).put(f"/api/v1/announcements/{a.pk}/reactions/😀").status_code == 200  # an existing one


def test_a_token_is_needed_to_dismiss_or_react(anon, api_as, make_account, alice) -> None:
    a = _announce(make_account)
    assert anon.post(f"/api/v1/announcements/{a.pk}/dismiss").status_code == 401
    assert anon.put(f"/api/v1/announcements/{a.pk}/reactions/👍").status_code == 401
    assert anon.delete(f"/api/v1/announcements/{a.pk}/reactions/👍").status_code == 401
    read_only = api_as(alice, scope="read")
    assert read_only.post(f"/api/v1/announcements/{a.pk}/dismiss").status_code == 403
    assert read_only.put(f"/api/v1/announcements/{a.pk}/reactions/👍").status_code == 403
