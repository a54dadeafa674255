"""Tokens remembered by a web process (api/auth.py) with Redis: read once from the database, then
checked against their change stamps; revoking a token, deactivating its user or suspending its
account refuses it on the very next request."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oauth2_provider.models import AccessToken

from accounts.models import Account
from api import auth
from moderation.actions.decisions import do_suspend

VERIFY = "/api/v1/accounts/verify_credentials"


@pytest.fixture
def remembered(redis_on: Any, api_as: Callable[..., Any], alice: Account) -> Any:
    api = api_as(alice)
    for _ in range(2):  # the first read may meet a stamp created on the way: the second remembers
        assert api.get(VERIFY).status_code == 200
    assert len(auth._tokens) == 1
    return api


def _token_queries(api: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = api.get(VERIFY).status_code
    return status, sum("oauth2_provider_accesstoken" in q["sql"] for q in queries.captured_queries)


def test_a_remembered_token_is_not_read_from_the_database_again(remembered):
    assert _token_queries(remembered) == (200, 0)


def test_a_revoked_token_is_refused_at_once(remembered):
    AccessToken.objects.all().delete()  # revoking deletes the token
    assert _token_queries(remembered)[0] == 401


def test_a_token_of_a_deactivated_user_is_refused_at_once(remembered, alice):
    alice.user.is_active = False
    alice.user.save()
    assert remembered.get(VERIFY).status_code == 401


def test_a_token_of_a_suspended_account_is_refused_at_once(remembered, alice, make_account):
    moderator = make_account("moderator", staff=True).user
    do_suspend(alice, acting_user=moderator, reason="test", policy="violence")
    assert remembered.get(VERIFY).status_code in (401, 403)


def test_unknown_tokens_are_not_remembered(redis_on):
    for n in range(3):
        response = Client().get(VERIFY, headers={"Authorization": f"Bearer not-a-token-{n}"})
        assert response.status_code == 401
    assert auth._tokens == {}  # guessing cannot fill a process's memory


def test_without_redis_tokens_are_read_every_time(settings, api_as, alice):
    settings.REDIS_URL = ""
    auth.forget_tokens()
    api = api_as(alice)
    api.get(VERIFY)
    assert _token_queries(api) == (200, 1)
    assert auth._tokens == {}


def test_a_token_revoked_while_redis_was_away_is_refused_once_it_is_back(remembered, settings):
    from conftest import REDIS_TEST_URL
    from tribune.lib import redis as shared

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    shared.reset_circuit()
    AccessToken.objects.all().delete()  # its stamp cannot be set: the database is marked instead
    settings.REDIS_URL = REDIS_TEST_URL  # Redis is back; this process still remembers the token
    shared.reset_circuit()
    assert remembered.get(VERIFY).status_code == 401
