"""Filters v2 (and v1): keywords, whole words, contexts, warn or hide, expiry, posts, `filtered`;
muted words are a filter."""

from datetime import timedelta

from django.utils import timezone

from accounts.actions import do_add_muted_word
from accounts.models import Filter, MutedWord
from posts.actions import do_create_post


def _ids(response) -> list[str]:
    return [s["id"] for s in response.json()]


def test_warn_and_hide_filters_by_context_and_whole_word(api_as, alice, bob) -> None:
    client = api_as(alice)
    client.post(f"/api/v1/accounts/{bob.pk}/follow")
    warn = client.post(
        "/api/v2/filters",
        {"title": "Spoilers", "context": ["home", "public"], "filter_action": "warn",
         "keywords_attributes": [{"keyword": "Ending", "whole_word": True}]},
    ).json()  # fmt: skip
    assert warn["filter_action"] == "warn" and warn["keywords"][0]["keyword"] == "ending"
    hide = client.post(
        "/api/v2/filters",
        {"title": "Ads", "context": ["home"], "filter_action": "hide",
         "keywords_attributes": [{"keyword": "promo", "whole_word": False}]},
    ).json()  # fmt: skip
    spoiler = do_create_post(bob, "The ending was sad")
    pending = do_create_post(bob, "endings are hard")  # not the whole word
    ad = do_create_post(bob, "Big PROMOtion today")  # a part of a word: the keyword is not whole-word
    home = client.get("/api/v1/timelines/home").json()
    by_id = {s["id"]: s for s in home}
    assert str(ad.pk) not in by_id  # hidden in home
    assert by_id[str(spoiler.pk)]["filtered"][0]["filter"]["id"] == warn["id"]
    assert by_id[str(spoiler.pk)]["filtered"][0]["keyword_matches"] == ["ending"]
    assert by_id[str(pending.pk)]["filtered"] == []
    assert str(ad.pk) in _ids(client.get("/api/v1/timelines/public"))  # its context is home only

    # Posts in a filter, expiry, editing.
    row = client.post(f"/api/v2/filters/{hide['id']}/statuses", {"status_id": str(pending.pk)}).json()
    assert row["status_id"] == str(pending.pk)
    assert str(pending.pk) not in _ids(client.get("/api/v1/timelines/home"))
    assert client.get(f"/api/v2/filters/statuses/{row['id']}").json() == row
    client.delete(f"/api/v2/filters/statuses/{row['id']}")
    updated = client.put(
        f"/api/v2/filters/{hide['id']}",
        {"context": ["home", "public"], "keywords_attributes": [{"id": hide["keywords"][0]["id"], "_destroy": True},
                                                                {"keyword": "today"}]},
    ).json()  # fmt: skip
    assert [k["keyword"] for k in updated["keywords"]] == ["today"]
    assert str(ad.pk) not in _ids(client.get("/api/v1/timelines/public"))
    Filter.objects.filter(pk=hide["id"]).update(expires_at=timezone.now() - timedelta(minutes=1))
    MutedWord.objects.filter(filter_id=hide["id"]).update(expires_at_copy=timezone.now() - timedelta(minutes=1))
    assert str(ad.pk) in _ids(client.get("/api/v1/timelines/home"))

    # Nobody else sees or changes them; bad input is refused whole.
    assert api_as(bob).get(f"/api/v2/filters/{warn['id']}").status_code == 404
    for bad in ({"title": "", "context": ["home"]}, {"title": "x", "context": ["everywhere"]},
                {"title": "x", "context": ["home"], "filter_action": "explode"}):  # fmt: skip
        response = client.post("/api/v2/filters", bad)
        assert response.status_code == 422 and response.json()["details"], bad
    assert Filter.objects.filter(account=alice).count() == 2
    keyword = client.post(f"/api/v2/filters/{warn['id']}/keywords", {"keyword": "finale", "whole_word": False}).json()
    assert client.put(f"/api/v2/filters/keywords/{keyword['id']}", {"keyword": "Final"}).json()["keyword"] == "final"
    assert client.delete(f"/api/v2/filters/keywords/{keyword['id']}").json() == {}
    assert client.delete(f"/api/v2/filters/{warn['id']}").json() == {}
    assert [f["title"] for f in client.get("/api/v2/filters").json()] == ["Ads"]


def test_v1_filters_and_muted_words(api_as, alice, bob) -> None:
    client = api_as(alice)
    v1 = client.post("/api/v1/filters", {"phrase": "walrus", "context": ["public"], "irreversible": True}).json()
    assert v1["phrase"] == "walrus" and v1["irreversible"] is True and v1["context"] == ["public"]
    assert client.get(f"/api/v1/filters/{v1['id']}").json() == v1
    assert client.put(f"/api/v1/filters/{v1['id']}", {"phrase": "seal", "whole_word": False}).json()["phrase"] == "seal"
    post = do_create_post(bob, "a seal appears")
    assert str(post.pk) not in _ids(client.get("/api/v1/timelines/public"))
    assert client.delete(f"/api/v1/filters/{v1['id']}").json() == {}
    assert client.get("/api/v1/filters").json() == [] and client.get("/api/v2/filters").json() == []

    # A muted word (from the web settings) is a keyword of the "Muted words" filter, hiding everywhere.
    do_add_muted_word(alice, "Walrus")
    [muted] = client.get("/api/v2/filters").json()
    assert muted["title"] == "Muted words" and muted["filter_action"] == "hide"
    assert sorted(muted["context"]) == ["account", "home", "notifications", "public", "thread"]
    walrus = do_create_post(bob, "walrus news")
    assert str(walrus.pk) not in _ids(client.get("/api/v1/timelines/public"))
