"""API rate limits cannot be walked around: not with another token of the same account, not
with made-up tokens, not with a forged X-Forwarded-For."""

from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings

from tests.api.test_oauth import _app
from tribune.lib.limits import client_address

STRANGER = "203.0.113.9"


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=300)
def test_every_token_of_an_account_shares_its_window(api_as: Any, alice: Any, bob: Any) -> None:
    first = api_as(alice)
    for _ in range(3):
        assert first.get("/api/v1/timelines/home").status_code == 200
    assert first.get("/api/v1/timelines/home").status_code == 429
    # A new token for the same account is the same account.
    assert api_as(alice).get("/api/v1/timelines/home").status_code == 429
    # Another account has its own window.
    assert api_as(bob).get("/api/v1/timelines/home").status_code == 200


@pytest.mark.parametrize("redis_mode", [False, True])
def test_made_up_tokens_count_against_the_address(alice: Any, redis_mode: bool, request: Any, settings: Any) -> None:
    """The attack of issue 13: with the address's window spent, invented tokens bought 20 more
    password guesses and then the right password a token."""
    if redis_mode:
        request.getfixturevalue("redis_on")
    app = _app(Client())
    settings.OAUTH_PASSWORD_GRANT = True
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 5, 300
    common = {"client_id": app["client_id"], "client_secret": app["client_secret"], "grant_type": "password"}
    guess = {**common, "username": "alice@example.org", "password": "wrong"}
    client = Client(REMOTE_ADDR=STRANGER)
    statuses = [client.post("/oauth/token", guess).status_code for _ in range(5)]
    assert statuses == [400] * 5
    assert client.post("/oauth/token", guess).status_code == 429
    for n in range(20):
        made_up = client.post("/oauth/token", guess, headers={"Authorization": f"Bearer invented-{n}"})
        assert made_up.status_code == 429
    right = {**common, "username": "alice@example.org", "password": "correct horse battery"}
    refused = client.post("/oauth/token", right, headers={"Authorization": "Bearer invented-x"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    # Another address is not affected.
    assert Client(REMOTE_ADDR="198.51.100.7").post("/oauth/token", right).status_code == 200


@override_settings(API_RATE_LIMIT=2, API_RATE_WINDOW=300, TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_forwarded_for_is_believed_from_trusted_proxies_only() -> None:
    direct = Client(REMOTE_ADDR=STRANGER)
    for n in range(2):
        assert direct.get("/api/v1/instance", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code == 200
    # A stranger connecting directly does not choose its address by writing the header.
    assert direct.get("/api/v1/instance", HTTP_X_FORWARDED_FOR="192.0.2.77").status_code == 429
    # Through the proxy: the address the proxy saw, whatever the client prepended.
    proxied = Client(REMOTE_ADDR="127.0.0.1")
    for n in range(2):
        forged = f"192.0.2.{100 + n}, 198.51.100.20"
        assert proxied.get("/api/v1/instance", HTTP_X_FORWARDED_FOR=forged).status_code == 200
    assert proxied.get("/api/v1/instance", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.20").status_code == 429
    assert proxied.get("/api/v1/instance", HTTP_X_FORWARDED_FOR="198.51.100.21").status_code == 200


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "::1", "10.0.0.0/8"])
def test_client_address() -> None:
    def address(remote: str, forwarded: str | None = None) -> str:
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))

    assert address(STRANGER, "192.0.2.1") == STRANGER
    assert address("127.0.0.1") == "127.0.0.1"
    assert address("127.0.0.1", "192.0.2.1") == "192.0.2.1"
    assert address("127.0.0.1", "192.0.2.1, 10.1.2.3") == "192.0.2.1"  # two proxies of ours
    assert address("127.0.0.1", "6.6.6.6, 192.0.2.1, 10.1.2.3") == "192.0.2.1"
    assert address("127.0.0.1", "not-an-address") == "127.0.0.1"
    assert address("::1", "2001:db8::5") == "2001:db8::5"
    with override_settings(TRUSTED_PROXIES=[]):
        assert address("127.0.0.1", "192.0.2.1") == "127.0.0.1"
