"""Every endpoint: no token is a 401 where a token is needed, a token without the scope a 403,
and nothing anywhere shows another person's private, direct, held or removed posts."""

import re

import pytest

from api.app import api
from api.auth import Anonymous
from posts.actions import do_create_post
from posts.models import Post

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def operations() -> list[tuple[str, str, bool]]:
    """(method, path, anonymous allowed) for every authenticated operation of the API."""
    documented = set(api.get_openapi_schema()["paths"])
    out = []
    for _prefix, router in api._routers:
        for route, path_view in router.path_operations.items():
            path = "/api" + route
            for operation in path_view.operations:
                if not operation.auth_callbacks:
                    continue
                assert path in documented, path
                anonymous = any(isinstance(cb, Anonymous) for cb in operation.auth_callbacks)
                out.extend((method, path, anonymous) for method in operation.methods)
    return out


OPERATIONS = operations()


def test_the_document_lists_the_endpoints() -> None:
    paths = {p for _m, p, _a in OPERATIONS}
    assert "/api/v1/statuses" in paths and "/api/v1/timelines/home" in paths and "/api/v1/notifications" in paths
    assert len(OPERATIONS) > 60


def _call(client, method: str, path: str):
    url = PLACEHOLDER.sub("1", path)
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {})
    if method == "PUT":
        return client.put(url, {})
    if method == "PATCH":
        return client.patch(url, {})
    return client.delete(url)


def test_without_a_token_is_401(anon, alice) -> None:
    for method, path, anonymous in OPERATIONS:
        response = _call(anon, method, path)
        assert response.status_code < 500, (method, path, response.content)
        if not anonymous:
            assert response.status_code == 401, (method, path, response.status_code)
            assert "error" in response.json()


def test_an_invalid_token_is_401(alice) -> None:
    from tests.api.conftest import Api

    client = Api("not-a-real-token")
    for method, path, _anonymous in OPERATIONS:
        assert _call(client, method, path).status_code == 401, (method, path)


def test_a_token_without_the_scope_is_403(api_as, alice) -> None:
    client = api_as(alice, scope="push")
    for method, path, _anonymous in OPERATIONS:
        if path == "/api/v1/apps/verify_credentials":
            continue  # any valid token may verify its own app
        if path == "/api/v1/push/subscription":
            assert _call(api_as(alice, scope="read write follow"), method, path).status_code == 403
            continue  # the push scope's own endpoint
        response = _call(client, method, path)
        assert response.status_code == 403, (method, path, response.status_code, response.content[:200])


@pytest.mark.parametrize(
    ("granted", "path", "allowed"),
    [
        ("read", "/api/v1/timelines/home", True),
        ("read:statuses", "/api/v1/timelines/home", True),
        ("read:accounts", "/api/v1/timelines/home", False),
        ("write", "/api/v1/timelines/home", False),
        ("follow", "/api/v1/blocks", True),
        ("follow", "/api/v1/follow_requests", True),
        ("follow", "/api/v1/notifications", False),
        ("read:notifications", "/api/v1/notifications", True),
        ("profile", "/api/v1/accounts/verify_credentials", True),
        ("read:accounts", "/api/v1/accounts/verify_credentials", True),
        ("read:statuses", "/api/v1/accounts/verify_credentials", False),
    ],
)
def test_scope_hierarchy(api_as, alice, granted: str, path: str, allowed: bool) -> None:
    response = api_as(alice, scope=granted).get(path)
    assert (response.status_code == 200) is allowed, response.content


def test_an_app_token_cannot_act_as_a_person(api_as, alice) -> None:
    client = api_as(None, scope="read write")
    assert client.get("/api/v1/accounts/verify_credentials").status_code == 422
    assert client.get("/api/v1/apps/verify_credentials").json()["name"] == "Test client"
    assert client.get("/api/v1/timelines/public").status_code == 200


def _secret_posts(alice, bob) -> list[Post]:
    private = do_create_post(alice, "private words #secret", visibility="private")
    direct = do_create_post(alice, "direct words @carol #secret", visibility="direct")
    held = do_create_post(alice, "held words #secret")
    removed = do_create_post(alice, "removed words #secret")
    Post.objects.filter(pk=held.pk).update(moderation_state="held")
    Post.objects.filter(pk=removed.pk).update(moderation_state="removed")
    reply_to_private = do_create_post(alice, "reply in private #secret", visibility="private", in_reply_to=private)
    return [private, direct, held, removed, reply_to_private]


def test_no_endpoint_leaks_hidden_posts(api_as, anon, alice, bob, carol) -> None:
    public = do_create_post(alice, "public words #secret")
    secrets = _secret_posts(alice, bob)
    do_create_post(bob, "bob replies", in_reply_to=public)
    hidden_ids = {str(p.pk) for p in secrets}
    # The same reads do show what may be seen (so the checks below can fail).
    assert str(public.pk) in anon.get("/api/v1/timelines/public").content.decode()
    assert api_as(carol).get(f"/api/v1/statuses/{secrets[1].pk}").status_code == 200
    viewers = [api_as(bob), anon]
    values = [str(p.pk) for p in secrets] + [str(alice.pk), str(public.pk)]
    for client in viewers:
        for method, path, _anonymous in OPERATIONS:
            if method != "GET":
                continue
            names = PLACEHOLDER.findall(path)
            candidates = ["secret"] if names == ["hashtag"] else values if names else [""]
            for value in candidates:
                url = PLACEHOLDER.sub(value, path) if names else path
                for query in ({}, {"q": "words"}, {"q": "secret", "type": "statuses"}, {"acct": "alice"}):
                    response = client.get(url, query)
                    assert response.status_code < 500, (url, response.content)
                    body = response.content.decode()
                    leaked = [i for i in hidden_ids if i in body]
                    assert not leaked, (url, query, leaked)
                    for word in ("private words", "direct words", "held words", "removed words", "reply in private"):
                        assert word not in body, (url, query, word)


def test_the_author_sees_held_but_not_removed(api_as, alice, bob) -> None:
    private, direct, held, removed, _reply = _secret_posts(alice, bob)
    client = api_as(alice)
    assert client.get(f"/api/v1/statuses/{held.pk}").status_code == 200
    assert client.get(f"/api/v1/statuses/{removed.pk}").status_code == 404
    assert api_as(bob).get(f"/api/v1/statuses/{held.pk}").status_code == 404


def test_no_action_reaches_hidden_posts(api_as, alice, bob, carol) -> None:
    secrets = _secret_posts(alice, bob)
    client = api_as(bob)
    for method, path, _anonymous in OPERATIONS:
        if method == "GET" or not path.startswith("/api/v1/statuses/{id}"):
            continue
        for post in secrets:
            url = path.replace("{id}", str(post.pk))
            if method == "DELETE":
                response = client.delete(url)
            elif method == "PUT":
                response = client.put(url, {"status": "x"})
            else:
                response = client.post(url, {})
            assert response.status_code == 404, (method, url, response.status_code)
    for post in secrets:
        post.refresh_from_db()
        assert post.favourites_count == 0 and post.reblogs_count == 0 and post.deleted_at is None
    reply = client.post("/api/v1/statuses", {"status": "sneaky", "in_reply_to_id": str(secrets[0].pk)})
    assert reply.status_code == 404
    quote = client.post("/api/v1/statuses", {"status": "sneaky", "quoted_status_id": str(secrets[0].pk)})
    assert quote.status_code == 404
    report = client.post("/api/v1/reports", {"account_id": str(alice.pk), "status_ids": [str(secrets[0].pk)]})
    assert report.status_code == 200 and report.json()["status_ids"] is None
