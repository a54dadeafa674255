"""OAuth2 as Mastodon clients use it: apps, authorization code (with PKCE and out-of-band), password,
client credentials, refresh, revoke, server metadata."""

import base64
import hashlib
import re
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from oauth2_provider.models import AccessToken, Application


def _app(client: Client, redirect: str = "urn:ietf:wg:oauth:2.0:oob", scopes: str = "read write follow") -> dict:
    response = client.post(
        "/api/v1/apps", {"client_name": "My app", "redirect_uris": redirect, "scopes": scopes, "website": ""}
    )
    assert response.status_code == 200, response.content
    return response.json()


def _authorize(client: Client, app: dict, redirect: str, **extra: str):
    params = {"response_type": "code", "client_id": app["client_id"], "redirect_uri": redirect, "scope": "read write"}
    params.update(extra)
    page = client.get("/oauth/authorize", params)
    assert page.status_code == 200, page.content
    form = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', page.content.decode()))
    form["allow"] = "on"
    return client.post("/oauth/authorize", form)


def test_create_app(alice) -> None:
    app = _app(Client())
    assert app["client_id"] and app["client_secret"] and app["scopes"] == ["read", "write", "follow"]
    assert app["redirect_uri"] == "urn:ietf:wg:oauth:2.0:oob"
    bad = Client().post("/api/v1/apps", {"client_name": "x", "redirect_uris": "javascript:alert(1)"})
    assert bad.status_code == 422 and "error" in bad.json()
    assert (
        Client()
        .post("/api/v1/apps", {"client_name": "x", "redirect_uris": "https://a.example", "scopes": "rule"})
        .status_code
        == 422
    )


def test_authorization_code_out_of_band(alice) -> None:
    anonymous = Client()
    app = _app(anonymous)
    login_redirect = anonymous.get(
        "/oauth/authorize",
        {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "urn:ietf:wg:oauth:2.0:oob"},
    )
    assert login_redirect.status_code == 302 and "/login" in login_redirect["Location"]
    browser = Client()
    browser.force_login(alice.user)
    shown = _authorize(browser, app, "urn:ietf:wg:oauth:2.0:oob", scope="read")
    assert shown.status_code == 200
    code = re.search(r'id="authorization-code" readonly value="([^"]+)"', shown.content.decode()).group(1)
    token = Client().post(
        "/oauth/token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app["client_id"],
            "client_secret": app["client_secret"],
            "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
        },
    )
    assert token.status_code == 200, token.content
    data = token.json()
    assert data["scope"] == "read" and data["token_type"] == "Bearer" and data["created_at"] > 0
    me = Client().get(
        "/api/v1/accounts/verify_credentials", headers={"Authorization": f"Bearer {data['access_token']}"}
    )
    assert me.json()["acct"] == "alice"
    # The token carries only the scopes granted: no writing.
    post = Client().post(
        "/api/v1/statuses", {"status": "x"}, headers={"Authorization": f"Bearer {data['access_token']}"}
    )
    assert post.status_code == 403


def test_pkce_redirect_and_refresh(alice) -> None:
    app = _app(Client(), redirect="https://client.example/callback")
    verifier = "a-verifier-of-enough-length-0123456789-abcdefghijklmnop"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    browser = Client()
    browser.force_login(alice.user)
    redirected = _authorize(
        browser,
        app,
        "https://client.example/callback",
        code_challenge=challenge,
        code_challenge_method="S256",
        state="xyz",
    )
    assert redirected.status_code == 302
    query = parse_qs(urlsplit(redirected["Location"]).query)
    assert query["state"] == ["xyz"]
    common = {"client_id": app["client_id"], "client_secret": app["client_secret"]}
    wrong = Client().post(
        "/oauth/token",
        {**common, "grant_type": "authorization_code", "code": query["code"][0], "code_verifier": "wrong" * 10,
         "redirect_uri": "https://client.example/callback"},
    )  # fmt: skip
    assert wrong.status_code == 400
    browser_again = _authorize(
        browser, app, "https://client.example/callback", code_challenge=challenge, code_challenge_method="S256"
    )
    code = parse_qs(urlsplit(browser_again["Location"]).query)["code"][0]
    token = Client().post(
        "/oauth/token",
        {**common, "grant_type": "authorization_code", "code": code, "code_verifier": verifier,
         "redirect_uri": "https://client.example/callback"},
        content_type="application/json",
    )  # fmt: skip
    assert token.status_code == 200, token.content
    refreshed = Client().post(
        "/oauth/token", {**common, "grant_type": "refresh_token", "refresh_token": token.json()["refresh_token"]}
    )
    assert refreshed.status_code == 200 and refreshed.json()["access_token"] != token.json()["access_token"]


def test_password_client_credentials_and_revoke(alice, settings) -> None:
    settings.OAUTH_PASSWORD_GRANT = True  # an instance that keeps it for old bots
    app = _app(Client())
    common = {"client_id": app["client_id"], "client_secret": app["client_secret"]}
    bad = Client().post(
        "/oauth/token", {**common, "grant_type": "password", "username": "alice@example.org", "password": "nope"}
    )
    assert bad.status_code == 400
    token = Client().post(
        "/oauth/token",
        {**common, "grant_type": "password", "username": "alice@example.org", "password": "correct horse battery",
         "scope": "read"},
    ).json()  # fmt: skip
    assert token["scope"] == "read"
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    assert Client().get("/api/v1/accounts/verify_credentials", headers=auth).status_code == 200
    # Stored hashed: no row holds the token itself, only its checksum.
    assert not AccessToken.objects.filter(token=token["access_token"]).exists()
    assert set(AccessToken.objects.values_list("token", flat=True)) == {""}
    assert (
        Client().post("/api/v1/statuses", {"status": "x"}, content_type="application/json", headers=auth).status_code
        == 403
    )
    revoked = Client().post("/oauth/revoke", {**common, "token": token["access_token"]})
    assert revoked.status_code == 200 and revoked.json() == {}
    assert Client().get("/api/v1/accounts/verify_credentials", headers=auth).status_code == 401
    app_token = Client().post("/oauth/token", {**common, "grant_type": "client_credentials", "scope": "read"}).json()
    verified = Client().get(
        "/api/v1/apps/verify_credentials", headers={"Authorization": f"Bearer {app_token['access_token']}"}
    )
    assert verified.json()["name"] == "My app"
    too_much = Client().post("/oauth/token", {**common, "grant_type": "client_credentials", "scope": "admin:read"})
    assert too_much.status_code == 400


def test_server_metadata_and_nodeinfo() -> None:
    meta = Client().get("/.well-known/oauth-authorization-server").json()
    assert meta["grant_types_supported"] == ["authorization_code", "client_credentials", "refresh_token"]
    assert meta["token_endpoint"].endswith("/oauth/token") and "S256" in meta["code_challenge_methods_supported"]
    assert "read:statuses" in meta["scopes_supported"]
    links = Client().get("/.well-known/nodeinfo").json()["links"]
    href = links[0]["href"].replace("http://127.0.0.1:8000", "")
    info = Client().get(href).json()
    assert info["version"] == "2.0" and info["software"]["name"] == "tribune" and info["protocols"] == ["activitypub"]
    assert Client().get("/nodeinfo/2.1").json()["version"] == "2.1"
    assert Client().get("/nodeinfo/9.9").status_code == 404


def test_tokens_stored_in_clear_are_redacted_by_the_migration(alice) -> None:
    import importlib

    from django.apps import apps

    raw = "an-old-plaintext-token-0123456789"
    app = _app(Client())
    application = apps.get_model("oauth2_provider", "Application").objects.get(client_id=app["client_id"])
    old = AccessToken.objects.create(user=alice.user, application=application, token=raw, scope="read",
                                     expires="2099-01-01T00:00:00Z")  # fmt: skip
    assert AccessToken.objects.get(pk=old.pk).token == raw  # as rows were before hashed storage
    importlib.import_module("api.migrations.0002_redact_stored_tokens").redact(apps, None)
    assert AccessToken.objects.get(pk=old.pk).token == ""
    auth = {"Authorization": f"Bearer {raw}"}
    assert Client().get("/api/v1/accounts/verify_credentials", headers=auth).status_code == 200


def test_the_password_grant_is_off_unless_the_instance_keeps_it(alice, settings) -> None:
    app = _app(Client())
    asked = {"client_id": app["client_id"], "client_secret": app["client_secret"], "grant_type": "password",
             "username": "alice@example.org", "password": "correct horse battery"}  # fmt: skip
    refused = Client().post("/oauth/token", asked)
    assert refused.status_code == 400 and refused.json()["error"] == "unsupported_grant_type"
    assert "browser" in refused.json()["error_description"]
    settings.OAUTH_PASSWORD_GRANT = True
    assert Client().post("/oauth/token", asked).status_code == 200
    meta = Client().get("/.well-known/oauth-authorization-server").json()
    assert "password" in meta["grant_types_supported"]


def test_plain_http_redirects_only_to_the_persons_own_machine(alice) -> None:
    for uri in ("http://127.0.0.1:4567/cb", "http://localhost/cb", "http://[::1]:80/cb", "app.example:/oauth"):
        assert _app(Client(), redirect=uri)["redirect_uri"] == uri
    refused = Client().post("/api/v1/apps", {"client_name": "x", "redirect_uris": "http://client.example/cb"})
    assert refused.status_code == 422 and "loopback" in refused.json()["error"]
    for spoof in ("http://127.evil.example/cb", "http://[x/cb"):  # a host that only looks local; a broken one
        answer = Client().post("/api/v1/apps", {"client_name": "x", "redirect_uris": spoof})
        assert answer.status_code == 422, spoof
    # An app registered before the rule is held to it when it asks for a code.
    app = _app(Client(), redirect="https://client.example/cb")
    Application.objects.filter(client_id=app["client_id"]).update(redirect_uris="http://client.example/cb")
    browser = Client()
    browser.force_login(alice.user)
    page = browser.get(
        "/oauth/authorize",
        {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "http://client.example/cb"},
    )
    assert page.status_code == 400 and 'name="allow"' not in page.content.decode()
    broken = browser.get(
        "/oauth/authorize", {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "http://[x/cb"}
    )
    assert broken.status_code == 400


def test_an_app_that_sent_pkce_once_must_always(alice, settings) -> None:
    app = _app(Client(), redirect="https://client.example/callback")
    browser = Client()
    browser.force_login(alice.user)
    # Without PKCE, as most Mastodon clients: allowed.
    plain = _authorize(browser, app, "https://client.example/callback")
    assert plain.status_code == 302 and "code=" in plain["Location"]
    verifier = "another-verifier-of-enough-length-0123456789-abcdefghijkl"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    with_pkce = _authorize(
        browser, app, "https://client.example/callback", code_challenge=challenge, code_challenge_method="S256"
    )
    assert "code=" in with_pkce["Location"]
    # From now on, a code asked for without a challenge is refused.
    downgraded = browser.get(
        "/oauth/authorize",
        {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "https://client.example/callback"},
    )
    assert downgraded.status_code == 302 and "error=invalid_request" in downgraded["Location"]
    # An instance may require it of every app.
    settings.OAUTH_REQUIRE_PKCE = True
    other = _app(Client(), redirect="https://client.example/callback")
    refused = browser.get(
        "/oauth/authorize",
        {"response_type": "code", "client_id": other["client_id"], "redirect_uri": "https://client.example/callback"},
    )
    assert refused.status_code == 302 and "error=invalid_request" in refused["Location"]


def test_tokens_only_from_the_header_but_for_streaming(alice) -> None:
    app = _app(Client())
    common = {"client_id": app["client_id"], "client_secret": app["client_secret"]}
    token = Client().post("/oauth/token", {**common, "grant_type": "client_credentials", "scope": "read"}).json()
    query = {"access_token": token["access_token"]}
    assert Client().get("/api/v1/apps/verify_credentials", query).status_code == 401
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert Client().get("/api/v1/apps/verify_credentials", headers=headers).status_code == 200
