"""NUL characters are refused with a 400 on every front end, never a 500."""

import json

from tribune.lib.text import sanitize_html


def test_nul_in_api_json_body_is_a_400(client):
    response = client.post(
        "/api/v1/apps", data=json.dumps({"client_name": "a\u0000b"}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "error" in response.json()


def test_nul_in_query_is_a_400(client):
    assert client.get("/api/v2/search", {"q": "x\x00"}).status_code == 400


def test_nul_in_a_page_form_is_a_400_page(client):
    response = client.post("/login", {"username": "a\x00", "password": "x"})
    assert response.status_code == 400
    assert b"<html" in response.content.lower()


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/instance").status_code == 200


def test_remote_html_loses_nul():
    assert "\x00" not in sanitize_html("<p>a\x00b</p>")
