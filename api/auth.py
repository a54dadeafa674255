"""Who is calling: bearer tokens from django-oauth-toolkit, checked against the scope an endpoint needs.

A missing or invalid token is a 401; a valid token without the scope a 403, as
in Mastodon. Endpoints that anonymous visitors may read take `optional(scope)`.
"""

import hashlib
import pickle
from dataclasses import dataclass
from typing import Any

import redis
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from oauth2_provider.models import AccessToken

from accounts.models import Account
from api import scopes as scope_rules
from tribune.lib import redis as shared
from tribune.lib import stamps
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
    token = _remembered(checksum)
    if token is None or token.expires < timezone.now():
        return None
    if token.user is not None and not token.user.is_active:
        return None
    return token


def token_for_request(request: HttpRequest, raw: str) -> AccessToken | None:
    """`token_from_header`, once per request: the rate limiter and the view's authentication both ask."""
    key = (raw or "").strip()
    memo = getattr(request, "_bearer_token", None)
    if memo is not None and memo[0] == key:
        return memo[1]
    token = token_from_header(key)
    setattr(request, "_bearer_token", (key, token))  # noqa: B010  # not a declared attribute of HttpRequest
    return token


def _load(checksum: str) -> AccessToken | None:
    # Sliced rather than .first(): a checksum is unique, so no ORDER BY to build and run.
    found = AccessToken.objects.select_related("user", "application", "user__account_profile").filter(
        token_checksum=checksum
    )[:1]
    return next(iter(found), None)


# Tokens this process read lately, by checksum: the change stamps (tribune/lib/stamps.py) of the
# token, its user and its account when read, and the rows, pickled (each request gets its own
# copy). Used only while those stamps are unchanged: a revoked token, a deactivated user or a
# suspended account is refused on the next request, whichever process answers it.
_tokens: dict[str, tuple[list[str], list[str], bytes]] = {}
MAX_REMEMBERED = 10_000


def forget_tokens() -> None:
    _tokens.clear()


def _remembered(checksum: str) -> AccessToken | None:
    """The token with that checksum, from this process's memory when still current (one Redis
    round trip instead of a query joining four tables), else from the database."""
    conn = shared.client() if stamps.enabled() else None
    if conn is None:
        return _load(checksum)
    try:
        stamps.check_dirty(conn)
        known = _tokens.get(checksum)
        if known is not None:
            keys, values, rows = known
            if conn.mget(keys) == values:
                return pickle.loads(rows)  # noqa: S301  # written by this process, never from outside
        started = stamps.now_us(conn)
    except redis.RedisError as error:
        shared.failed(error, "remembered tokens")
        return _load(checksum)
    token = _load(checksum)
    if token is None:
        return None  # unknown tokens are not remembered: guessing must not fill memory
    keys = [stamps.everything(), stamps.key("t", checksum)]
    if token.user_id is not None:
        keys.append(stamps.key("u", token.user_id))
        account = getattr(token.user, "account_profile", None)
        if account is not None:
            keys.append(stamps.account(account.pk))
    try:
        current = stamps.read_if_older(conn, keys, started)
    except redis.RedisError as error:
        shared.failed(error, "remembered tokens")
        return token
    if current is not None:
        if len(_tokens) >= MAX_REMEMBERED:
            _tokens.clear()
        _tokens[checksum] = (keys, current, pickle.dumps(token))
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
        found = token_for_request(request, token)
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
