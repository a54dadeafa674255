"""JSON bodies from strangers: too large is 413, too deep or malformed is 400, never a 500."""

import json

import pytest
from django.conf import settings
from django.test import Client

from moderation.actions import do_create_flagger_token
from tribune.lib import jsonbody

DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 5_000 + b"1" + b"}" * 5_000


def test_depth_ignores_brackets_inside_strings() -> None:
    assert jsonbody.nesting_depth(b'{"a": "[[[[{{{{", "b": [1, [2, {"c": "]]]\\"[["}]]}') == 4
    assert jsonbody.nesting_depth(b"") == 0
    assert jsonbody.nesting_depth(b"]]]]") == 0
    assert jsonbody.nesting_depth(DEEP) == 100_000
    # An unterminated string: what follows its quote counts (erring towards refusal), in linear time.
    assert jsonbody.nesting_depth(b'[["' + b"[" * 100_000) == 100_002


def test_loads_refuses_deep_large_and_malformed() -> None:
    assert jsonbody.loads(b'{"a": [[[1]]]}') == {"a": [[[1]]]}
    assert jsonbody.loads("[" * 64 + "]" * 64) is not None
    for bad, status in ((DEEP, 400), ("[" * 65 + "]" * 65, 400), (b"{", 400), (b"\xff", 400), (b" " * 2**21, 413)):
        with pytest.raises(jsonbody.JSONBodyError) as refused:
            jsonbody.loads(bad)
        assert refused.value.status == status


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["arrays", "objects"])
@pytest.mark.parametrize("path", ["/api/v1/apps", "/oauth/token", "/api/v1/statuses", "/inbox", "/users/alice/inbox"])
def test_deep_body_is_a_400_everywhere(client: Client, alice, path: str, body: bytes) -> None:
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "error" in response.json()


def test_deep_body_to_the_flagger_api_is_a_400(client: Client, make_account) -> None:
    _row, token = do_create_flagger_token("Host", acting_user=make_account("boss", staff=True).user)
    for content_type in ("application/json", "text/plain"):
        response = client.post(
            "/api/moderation/v1/flags", data=DEEP, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert response.status_code == 400, response.content


@pytest.mark.parametrize("content_type", ["application/json", "application/activity+json"])
def test_too_large_json_body_is_a_413(client: Client, content_type: str) -> None:
    body = json.dumps({"client_name": "x" * (jsonbody.MAX_BYTES + 1)})
    for path in ("/api/v1/apps", "/inbox", "/oauth/token"):
        response = client.post(path, data=body, content_type=content_type)
        assert response.status_code == 413, (path, response.content)


def test_body_over_the_servers_limit_is_a_413(client: Client) -> None:
    body = b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert client.post("/api/v1/apps", data=body, content_type="text/plain").status_code == 413
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and b"<html" in response.content.lower()


def test_deep_json_on_a_page_form_is_a_400_page(client: Client) -> None:
    response = client.post("/login", data=DEEP, content_type="application/json")
    assert response.status_code == 400
    assert b"<html" in response.content.lower()


def test_honest_bodies_pass(client: Client) -> None:
    nested = {
        "client_name": "app",
        "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
        "scopes": "read",
        "x": [[[[{"y": 1}]]]],
    }
    response = client.post("/api/v1/apps", data=json.dumps(nested), content_type="application/json")
    assert response.status_code == 200, response.content
