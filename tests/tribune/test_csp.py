"""Every page carries a strict Content-Security-Policy, and no page needs what it forbids."""

import re

import pytest
from django.test import Client

from posts.actions import do_create_post
from tribune import csp

PAGES = [
    "/", "/home", "/explore", "/search?q=bread", "/tags/market", "/bookmarks", "/notifications",
    "/follow_requests", "/settings", "/compose", "/@alice", "/@alice/followers", "/offline", "/admin/",
    "/admin/posts", "/admin/instance", "/moderation/", "/moderation/dashboard", "/moderation/appeals/",
    "/moderation/rules", "/transparency", "/no/such/page", "/django-admin/",
]  # fmt: skip
INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    re.compile(r"<style", re.I),
    re.compile(r"\sstyle=", re.I),
    re.compile(r"\son[a-z]+=", re.I),
    re.compile(r"\shx-on", re.I),
    re.compile(r"href=\"javascript:", re.I),
]


def _directives(header: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.fixture
def staff(make_account):
    return make_account("alice", staff=True)


def test_every_page_carries_the_policy_and_nothing_it_forbids(staff, bob) -> None:
    post = do_create_post(staff, "Fresh bread #market")
    browser = Client()
    browser.force_login(staff.user)
    for path in [*PAGES, f"/@alice/{post.pk}", f"/@alice/{post.pk}/edit"]:
        response = browser.get(path)
        assert response["Content-Type"].startswith("text/html"), path
        assert response.status_code in (200, 404), (path, response.status_code)
        directives = _directives(response[csp.HEADER])
        assert directives["script-src"] == "script-src 'self'", path
        assert directives["style-src"] == "style-src 'self'", path
        for fixed in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"):
            assert fixed in response[csp.HEADER], path
        assert directives["form-action"] == "form-action 'self'", path
        body = response.content.decode()
        for pattern in INLINE:
            assert not pattern.search(body), (path, pattern.search(body))
    anonymous = Client()
    for path in ("/", "/login", "/signup", "/password_reset", "/@alice"):
        assert "script-src 'self'" in anonymous.get(path)[csp.HEADER]


def test_machine_answers_carry_no_page_policy(alice) -> None:
    client = Client()
    assert csp.HEADER not in client.get("/api/v1/instance")
    assert csp.HEADER not in client.get("/.well-known/webfinger", {"resource": "acct:alice@testserver"})
    assert csp.HEADER not in client.get("/manifest.webmanifest")


def test_htmx_runs_without_inline_styles_or_eval(client) -> None:
    body = client.get("/").content.decode()
    found = re.search(r"<meta name=\"htmx-config\" content='([^']*)'", body)
    assert found is not None
    config = found.group(1)
    assert '"includeIndicatorStyles": false' in config and '"allowEval": false' in config


def test_s3_store_origin_is_allowed_for_images(settings) -> None:
    settings.CSP_MEDIA_ORIGINS = ["https://minio.example:9000", "https://pics.minio.example:9000"]
    img = _directives(csp.policy())["img-src"]
    assert img == "img-src 'self' https: https://minio.example:9000 https://pics.minio.example:9000"


def test_the_authorize_page_lets_its_form_lead_to_the_registered_redirect(alice) -> None:
    app = (
        Client()
        .post(
            "/api/v1/apps",
            {"client_name": "App", "redirect_uris": "https://client.example/cb app.example:/oauth", "scopes": "read"},
        )
        .json()
    )
    browser = Client()
    browser.force_login(alice.user)
    for uri, source in (
        ("https://client.example/cb", "https://client.example"),
        ("app.example:/oauth", "app.example:"),
    ):
        page = browser.get(
            "/oauth/authorize", {"response_type": "code", "client_id": app["client_id"], "redirect_uri": uri}
        )
        assert page.status_code == 200
        assert _directives(page[csp.HEADER])["form-action"] == f"form-action 'self' {source}"
    stranger = browser.get(
        "/oauth/authorize",
        {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "https://evil.example/"},
    )
    assert _directives(stranger[csp.HEADER])["form-action"] == "form-action 'self'"
