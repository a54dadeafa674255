"""Instance, rules, trends, preferences, filters, search, reports and the OpenAPI document."""

from accounts.models import InstanceSetting
from moderation.models import Report
from posts.actions import do_create_post


def test_instance_v1_v2_and_rules(anon, make_account) -> None:
    make_account("admin1", staff=True)
    InstanceSetting.objects.create(key="rules", value=[{"text": "Be kind"}, "No spam"])
    v1 = anon.get("/api/v1/instance").json()
    assert v1["uri"] == "127.0.0.1:8000" and v1["version"].startswith("4.")
    assert v1["configuration"]["statuses"]["max_characters"] == 1000 and v1["stats"]["user_count"] == 1
    assert v1["contact_account"]["acct"] == "admin1"
    v2 = anon.get("/api/v2/instance").json()
    assert v2["domain"] == "127.0.0.1:8000" and v2["api_versions"] == {"mastodon": 6}
    assert v2["registrations"]["enabled"] is True
    assert anon.get("/api/v1/instance/rules").json() == [
        {"id": "1", "text": "Be kind", "hint": ""},
        {"id": "2", "text": "No spam", "hint": ""},
    ]


def test_trends_and_preferences(api_as, anon, alice, bob) -> None:
    do_create_post(alice, "#fediverse yes")
    do_create_post(bob, "#fediverse too")
    trends = anon.get("/api/v1/trends/tags").json()
    assert trends[0]["name"] == "fediverse" and trends[0]["history"][0]["accounts"] == "2"
    prefs = api_as(alice).get("/api/v1/preferences").json()
    assert prefs["posting:default:visibility"] == "public"


def test_search(api_as, anon, alice, bob) -> None:
    do_create_post(alice, "searching for #needles in haystacks")
    found = api_as(bob).get("/api/v2/search", {"q": "alice"}).json()
    assert [a["acct"] for a in found["accounts"]] == ["alice"]
    tags = anon.get("/api/v2/search", {"q": "#needles", "type": "hashtags"}).json()
    assert [t["name"] for t in tags["hashtags"]] == ["needles"]
    posts = api_as(bob).get("/api/v2/search", {"q": "haystacks", "type": "statuses"}).json()
    assert len(posts["statuses"]) == 1
    assert anon.get("/api/v2/search").status_code == 422


def test_report(api_as, alice, bob) -> None:
    post = do_create_post(bob, "bad words")
    private = do_create_post(bob, "followers only", visibility="private")
    response = api_as(alice).post(
        "/api/v1/reports",
        {"account_id": str(bob.pk), "status_ids": [str(post.pk), str(private.pk)], "category": "spam", "comment": "no"},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["target_account"]["acct"] == "bob" and data["status_ids"] == [str(post.pk)]
    report = Report.objects.get()
    assert report.reporter_id == alice.pk and list(report.posts.values_list("pk", flat=True)) == [post.pk]
    assert api_as(alice).post("/api/v1/reports", {"account_id": str(alice.pk)}).status_code == 422
    assert api_as(alice).post("/api/v1/reports", {"account_id": "1"}).status_code == 404


def test_openapi_document(anon) -> None:
    doc = anon.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.") and "/api/v1/statuses/{id}" in doc["paths"]
    assert "bearer" in str(doc["components"]["securitySchemes"]).lower()
    home = doc["paths"]["/api/v1/timelines/home"]["get"]["responses"]
    assert home["200"]["content"]["application/json"]["schema"]["items"] == {"$ref": "#/components/schemas/Status"}
    assert home["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    create = doc["paths"]["/api/v1/statuses"]["post"]
    assert "media_ids" in create["requestBody"]["content"]["application/json"]["schema"]["properties"]


def test_streaming_health(anon) -> None:
    response = anon.get("/api/v1/streaming/health")
    assert response.status_code == 200 and response.content == b"OK"
    assert anon.get("/api/v1/streaming/user").status_code == 401
    assert anon.get("/api/v1/streaming/nonsense").status_code == 400


def test_features_tribune_lacks_answer_empty(api_as, anon, alice) -> None:
    client = api_as(alice)
    for path in ("/api/v1/lists", "/api/v1/followed_tags", "/api/v2/suggestions", "/api/v1/custom_emojis"):
        response = client.get(path)
        assert response.status_code == 200 and response.json() == [], path
    do_create_post(alice, "#known")
    assert anon.get("/api/v1/tags/known").json()["name"] == "known"
    assert anon.get("/api/v1/tags/unknown").status_code == 404
    assert client.post("/api/v1/statuses", {"status": "q", "poll": {"options": ["a", "b"]}}).status_code == 422


def test_v1_urls_contact_email_and_tags(anon, api_as, make_account, settings) -> None:
    admin = make_account("boss", staff=True)
    v1 = anon.get("/api/v1/instance").json()
    assert v1["urls"] == {"streaming_api": "ws://127.0.0.1:8000"}
    assert v1["email"] == "boss@example.org"
    settings.CONTACT_EMAIL = "contact@tribune.example"
    assert anon.get("/api/v2/instance").json()["contact"]["email"] == "contact@tribune.example"
    settings.CONTACT_EMAIL = ""
    admin.user.email = ""
    admin.user.save()
    assert anon.get("/api/v2/instance").json()["contact"]["email"] is None

    # A tag: its id, and seven days of history (today first, midnight UTC), counting public posts only.
    do_create_post(admin, "#weekly one")
    do_create_post(admin, "#weekly two")
    do_create_post(admin, "#weekly hidden", visibility="private")
    tag = anon.get("/api/v1/tags/weekly").json()
    assert tag["id"].isdigit() and tag["name"] == "weekly"
    days = [int(h["day"]) for h in tag["history"]]
    assert len(days) == 7 and days == sorted(days, reverse=True) and days[0] % 86400 == 0
    assert days[0] - days[6] == 6 * 86400
    assert (tag["history"][0]["uses"], tag["history"][0]["accounts"]) == ("2", "1")
    assert all(h["uses"] == "0" for h in tag["history"][1:])
    assert anon.get("/api/v1/trends/tags").json()[0]["id"] == tag["id"]
    found = api_as(admin).get("/api/v2/search", {"q": "#weekly", "type": "hashtags"}).json()
    assert found["hashtags"][0]["id"] == tag["id"] and len(found["hashtags"][0]["history"]) == 7


def test_exact_search_finds_an_account_one_blocked(api_as, alice, bob, carol) -> None:
    """So that a client can find it to unblock it; someone who blocked you stays hidden."""
    client = api_as(alice)
    assert client.post(f"/api/v1/accounts/{bob.pk}/block").status_code == 200
    api_as(carol).post(f"/api/v1/accounts/{alice.pk}/block")
    assert [a["acct"] for a in client.get("/api/v2/search", {"q": "@bob"}).json()["accounts"]] == ["bob"]
    assert client.get("/api/v2/search", {"q": "bo"}).json()["accounts"] == []
    assert client.get("/api/v2/search", {"q": "@carol"}).json()["accounts"] == []
    assert [a["acct"] for a in client.get("/api/v1/accounts/search", {"q": "bob"}).json()] == ["bob"]
