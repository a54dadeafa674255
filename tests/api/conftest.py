"""Fixtures for the client API: apps and tokens made through the API's own actions."""

import json as json_module
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from accounts.models import Account
from api.actions import do_create_app


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _own_media_root(settings: Any, tmp_path: Any) -> None:
    """Uploads land in this test's own directory, not in the data directory other tests inspect."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def app() -> Any:
    application, _secret = do_create_app("Test client", "urn:ietf:wg:oauth:2.0:oob", "read write follow push")
    return application


@pytest.fixture
def token_for(app: Any) -> Callable[..., str]:
    def make(account: Account | None, scope: str = "read write follow push") -> str:
        token = AccessToken.objects.create(
            user=account.user if account is not None else None,
            application=app,
            token=secrets.token_urlsafe(24),
            scope=scope,
            expires=timezone.now() + timedelta(days=1),
        )
        return token.token

    return make


class Api:
    """A test client that sends one person's bearer token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.client.get(path, data, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    def post(self, path: str, data: Any = None, *, json: bool = True, **kw: Any) -> Any:
        headers = {**self.headers, **kw.pop("headers", {})}
        if json:
            return self.client.post(path, data or {}, content_type="application/json", headers=headers, **kw)
        return self.client.post(path, data or {}, headers=headers, **kw)

    def put(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.client.put(path, data or {}, content_type="application/json", headers=self.headers, **kw)

    def patch(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.client.patch(path, data or {}, content_type="application/json", headers=self.headers, **kw)

    def delete(self, path: str, data: Any = None, **kw: Any) -> Any:
        body = json_module.dumps(data) if data is not None else ""
        return self.client.delete(path, body, content_type="application/json", headers=self.headers, **kw)


@pytest.fixture
def api_as(token_for: Callable[..., str]) -> Callable[..., Api]:
    def make(account: Account | None, scope: str = "read write follow push") -> Api:
        return Api(token_for(account, scope) if account is not None or scope else None)

    return make


@pytest.fixture
def anon() -> Api:
    return Api(None)
