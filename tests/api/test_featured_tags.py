"""Featured hashtags: featuring, counts over public posts only, suggestions, the profile's link."""

from django.test import Client

from posts.actions import do_create_post


def test_featured_hashtags(api_as, anon, alice, bob) -> None:
    client = api_as(alice)
    do_create_post(alice, "#tea time")
    do_create_post(alice, "more #Tea")
    do_create_post(alice, "secret #tea", visibility="private")
    do_create_post(alice, "#cats and #tea")
    do_create_post(bob, "#tea too")
    created = client.post("/api/v1/featured_tags", {"name": "#Tea"})
    assert created.status_code == 200, created.content
    tea = created.json()
    assert tea["name"] == "tea" and tea["statuses_count"] == "3"  # public ones, alice's only
    assert len(tea["last_status_at"]) == 10 and tea["url"].endswith("/@alice?tagged=tea")
    assert client.post("/api/v1/featured_tags", {"name": "tea"}).json()["id"] == tea["id"]  # idempotent
    assert client.post("/api/v1/featured_tags", {"name": "not a tag!"}).status_code == 422
    assert [t["name"] for t in client.get("/api/v1/featured_tags/suggestions").json()] == ["cats"]
    assert [t["id"] for t in anon.get(f"/api/v1/accounts/{alice.pk}/featured_tags").json()] == [tea["id"]]
    assert client.get("/api/v1/tags/tea").json()["featuring"] is True
    assert api_as(bob).get("/api/v1/tags/tea").json()["featuring"] is False

    page = Client().get("/@alice?tagged=tea")
    assert b"?tagged=tea" in page.content and b"#cats and" not in page.content and b"more" in page.content

    assert api_as(bob).delete(f"/api/v1/featured_tags/{tea['id']}").status_code == 404  # not bob's
    assert client.delete(f"/api/v1/featured_tags/{tea['id']}").json() == {}
    assert client.get("/api/v1/featured_tags").json() == []
    assert client.post("/api/v1/tags/news/feature").json()["featuring"] is True
    assert client.get("/api/v1/featured_tags").json()[0]["statuses_count"] == "0"
    assert client.post("/api/v1/tags/news/unfeature").json()["featuring"] is False
    for i in range(10):
        client.post(f"/api/v1/tags/t{i}/feature")
    assert client.post("/api/v1/featured_tags", {"name": "eleventh"}).status_code == 422
