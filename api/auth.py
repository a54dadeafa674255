"""Who is calling: bearer tokens from django-oauth-toolkit, checked against the scope an endpoint needs.

A missing or invalid token is a 401; a valid token without the scope a 403, as
in Mastodon. Endpoints that anonymous visitors may read take `optional(scope)`.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from oauth2_provider.models import AccessToken

from accounts.models import Account
from api import scopes as scope_rules
from tribune.lib.errors import ActionError, Forbidden


@dataclass
class Caller:
    """The authenticated caller of a request (or an anonymous one: token is None)."""

    token: AccessToken | None = None
    account: Account | None = None

    @property
    def application(self) -> Any:
        return self.token.application if self.token is not None else None

    @property
    def app_name(self) -> str:
        app = self.application
        return app.name if app is not None else ""

    def require_account(self) -> Account:
        if self.account is None:
            raise ActionError("This method requires an authenticated user", status=422)
        return self.account


def token_from_header(raw: str) -> AccessToken | None:
    raw = (raw or "").strip()
    if not raw or len(raw) > 512:
        return None
    checksum = hashlib.sha256(raw.encode()).hexdigest()
    # Sliced rather than .first(): a checksum is unique, so no ORDER BY to build and run.
    found = AccessToken.objects.select_related("user", "application", "user__account_profile").filter(
        token_checksum=checksum
    )[:1]
    token = next(iter(found), None)
    if token is None or token.expires < timezone.now():
        return None
    if token.user is not None and not token.user.is_active:
        return None
    return token


def caller_for(token: AccessToken) -> Caller | None:
    account = None
    if token.user is not None:
        account = getattr(token.user, "account_profile", None)
        if account is None or not account.is_active:
            return None
    return Caller(token=token, account=account)


def check_scope(token: AccessToken, scope: str) -> None:
    """`*` is any valid token (verifying an app's own credentials)."""
    if scope != "*" and not scope_rules.covers(scope_rules.parse(token.scope), scope):
        raise Forbidden("This action is outside the authorized scopes")


class TokenAuth(HttpBearer):
    """Requires a bearer token carrying `scope`; `user=True` also requires a person behind it."""

    def __init__(self, scope: str, *, user: bool = True) -> None:
        super().__init__()
        self.scope = scope
        self.user = user

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = token_from_header(token)
        if found is None:
            return None
        caller = caller_for(found)
        if caller is None:
            return None
        check_scope(found, self.scope)
        if self.user:
            caller.require_account()
        return caller


class Anonymous:
    """Lets a request without any Authorization header through, as an anonymous caller."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        if request.headers.get("Authorization"):
            return None
        return Caller()


def required(scope: str, *, user: bool = True) -> list:
    return [TokenAuth(scope, user=user)]


def optional(scope: str) -> list:
    return [TokenAuth(scope, user=False), Anonymous()]


def caller(request: HttpRequest) -> Caller:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, Caller) else Caller()


def viewer(request: HttpRequest) -> Account | None:
    return caller(request).account


def me(request: HttpRequest) -> Account:
    return caller(request).require_account()
