"""Password guessing and mass sign-ups are limited per account and per address, on the web and
through OAuth, with a translated message and Retry-After; past the limit the right password is
refused too."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import Account
from tests.api.test_oauth import _app

RIGHT = "correct horse battery"


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    cache.clear()


def _login(client: Client, username: str, password: str) -> Any:
    return client.post("/login", {"username": username, "password": password})


def _refused(response: Any) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 900


@pytest.mark.parametrize("redis_mode", [False, True])
def test_web_login_stops_guessing_then_refuses_the_right_password(
    alice: Account, redis_mode: bool, request: Any
) -> None:
    """Issue 13: 40 wrong passwords on /login, then the right one logged in."""
    if redis_mode:
        request.getfixturevalue("redis_on")
    guesser = Client(REMOTE_ADDR="203.0.113.5", HTTP_ACCEPT_LANGUAGE="en")
    statuses = [_login(guesser, "alice", f"guess {n}").status_code for n in range(40)]
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
    refused = _login(guesser, "alice", RIGHT)
    _refused(refused)
    assert "Too many attempts" in refused.content.decode() and "_auth_user_id" not in guesser.session
    # The account is protected from every address (a botnet gains nothing), by any of its names.
    _refused(_login(Client(REMOTE_ADDR="198.51.100.8"), "ALICE", RIGHT))
    _refused(_login(Client(REMOTE_ADDR="198.51.100.9"), "alice@example.org", RIGHT))


def test_one_address_cannot_guess_across_many_accounts(make_account: Any, settings: Any) -> None:
    settings.ATTEMPT_LIMITS = {**settings.ATTEMPT_LIMITS, "login": {"address": (6, 900), "account": (10, 900)}}
    people = [make_account(f"person{n}") for n in range(3)]
    guesser = Client(REMOTE_ADDR="203.0.113.6")
    for person in people:
        for n in range(2):
            assert _login(guesser, person.username, f"guess {n}").status_code == 200
    _refused(_login(guesser, people[0].username, RIGHT))
    # The same person from their own address logs in.
    assert _login(Client(REMOTE_ADDR="198.51.100.10"), people[0].username, RIGHT).status_code == 302


def test_the_message_is_in_the_persons_language(alice: Account) -> None:
    guesser = Client(REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="fr")
    for n in range(10):
        _login(guesser, "alice", f"essai {n}")
    refused = _login(guesser, "alice", RIGHT)
    _refused(refused)
    minutes = -(-int(refused["Retry-After"]) // 60)
    unit = "minute" if minutes == 1 else "minutes"
    assert f"Trop de tentatives. Par sécurité, réessayez dans {minutes} {unit}." in refused.content.decode()


def test_the_password_grant_shares_the_login_limits(alice: Account, settings: Any) -> None:
    settings.OAUTH_PASSWORD_GRANT = True
    app = _app(Client())
    common = {"client_id": app["client_id"], "client_secret": app["client_secret"], "grant_type": "password"}
    guesser = Client(REMOTE_ADDR="203.0.113.8")
    for n in range(10):
        bad = guesser.post("/oauth/token", {**common, "username": "alice@example.org", "password": f"guess {n}"})
        assert bad.status_code == 400
    refused = guesser.post("/oauth/token", {**common, "username": "alice@example.org", "password": RIGHT})
    _refused(refused)
    assert refused.json()["error"].startswith("Too many attempts")
    # ...and the web log-in of the same account, from elsewhere.
    _refused(_login(Client(REMOTE_ADDR="198.51.100.11"), "alice", RIGHT))


def test_sign_ups_per_address(settings: Any) -> None:
    settings.ATTEMPT_LIMITS = {**settings.ATTEMPT_LIMITS, "signup": {"address": (3, 3600)}}
    maker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(3):
        made = maker.post("/signup", {"username": f"new{n}", "password": RIGHT, "email": f"new{n}@example.org"})
        assert made.status_code == 302
        maker.post("/logout")
    refused = maker.post("/signup", {"username": "new9", "password": RIGHT, "email": "new9@example.org"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert not Account.objects.filter(username="new9").exists()
    other = Client(REMOTE_ADDR="198.51.100.12")
    assert other.post("/signup", {"username": "new8", "password": RIGHT, "email": "n8@example.org"}).status_code == 302


def test_sign_ups_through_the_api_per_address(settings: Any) -> None:
    settings.ATTEMPT_LIMITS = {**settings.ATTEMPT_LIMITS, "signup": {"address": (2, 3600)}}
    app = _app(Client(), scopes="read write")
    common = {"client_id": app["client_id"], "client_secret": app["client_secret"]}
    maker = Client(REMOTE_ADDR="203.0.113.10")
    app_token = maker.post("/oauth/token", {**common, "grant_type": "client_credentials", "scope": "write"}).json()
    auth = {"Authorization": f"Bearer {app_token['access_token']}"}
    statuses = []
    for n in range(3):
        body = {"username": f"app{n}", "email": f"app{n}@example.org", "password": RIGHT, "agreement": True}
        statuses.append(maker.post("/api/v1/accounts", body, content_type="application/json", headers=auth))
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert int(statuses[2]["Retry-After"]) > 0 and "Too many attempts" in statuses[2].json()["error"]


def test_password_change_guesses_are_limited(alice: Account) -> None:
    client = Client(REMOTE_ADDR="203.0.113.11")
    client.force_login(alice.user)
    for n in range(5):
        wrong = client.post("/settings/password", {"old_password": f"guess {n}", "new_password": "a new long password"})
        assert wrong.status_code == 422
    refused = client.post("/settings/password", {"old_password": RIGHT, "new_password": "a new long password"})
    _refused(refused)
    alice.user.refresh_from_db()
    assert alice.user.check_password(RIGHT)
    # Deleting the account asks for the same password: the same count.
    _refused(client.post("/settings/delete", {"password": RIGHT}))
    assert Account.objects.get(pk=alice.pk).deleted_at is None
