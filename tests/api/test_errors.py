"""Errors as Mastodon sends them, and rate limits."""

from django.test import Client, override_settings


def test_error_shapes(api_as, alice) -> None:
    client = api_as(alice)
    not_found = client.get("/api/v1/accounts/12345")
    assert not_found.status_code == 404 and not_found.json() == {"error": "Record not found"}
    invalid = client.get("/api/v1/timelines/public", {"limit": "lots"})
    assert invalid.status_code == 422 and invalid.json()["error"].startswith("Validation failed")
    assert invalid.json()["details"]["limit"][0]["error"] == "ERR_INVALID"
    too_long = client.post("/api/v1/statuses", {"status": "x" * 5000})
    assert too_long.status_code == 422
    assert too_long.json()["details"] == {"status": [{"error": "ERR_INVALID", "description": too_long.json()["error"]}]}
    for body in (b"[1, 2]", b'"text"', b"{", b"\xff\xfe"):
        response = client.client.post("/api/v1/statuses", body, content_type="application/json", headers=client.headers)
        assert response.status_code in (400, 422) and "error" in response.json(), body
    broken = client.client.patch(
        "/api/v1/accounts/update_credentials",
        b"--nope\r\ngarbage",
        content_type="multipart/form-data; boundary=zzz",
        headers=client.headers,
    )
    assert broken.status_code in (200, 400), broken.content
    assert client.get("/api/v1/instance/").status_code == 200
    assert Client().get("/api/v1/nothing/here/").status_code == 404


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=300)
def test_rate_limit_headers_and_429(api_as, alice, bob) -> None:
    client = api_as(alice)
    first = client.get("/api/v1/timelines/home")
    assert first["X-RateLimit-Limit"] == "3" and first["X-RateLimit-Remaining"] == "2"
    assert first["X-RateLimit-Reset"].endswith("Z")
    client.get("/api/v1/timelines/home")
    client.get("/api/v1/timelines/home")
    limited = client.get("/api/v1/timelines/home")
    assert limited.status_code == 429 and limited.json() == {"error": "Too many requests"}
    assert 0 < int(limited["Retry-After"]) <= 300
    # Another account has its own window (another token of the same account does not:
    # tests/api/test_ratelimit.py).
    assert api_as(bob).get("/api/v1/timelines/home").status_code == 200
