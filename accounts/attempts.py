"""Limits on guessing passwords and on making accounts: per account and per client address.

Web log-in and the OAuth password grant share the "login" counts (failures); the settings that
ask for the current password (password, e-mail address, moving out, account deletion) the
"password" counts (its failures); sign-up counts every attempt. Each kind is limited per account (whatever name or address the attempts use for
it) and per client address (tribune.lib.limits.client_address: X-Forwarded-For of trusted
proxies only). Past a limit every attempt is refused, the right password included, until the
window ends: `TooManyAttempts` says when, in the person's language, and front ends send it with
`Retry-After`. The limits are settings.ATTEMPT_LIMITS (docs/security.md).
"""

import time

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import ngettext

from accounts.models import User
from tribune.lib.errors import RateLimited
from tribune.lib.limits import client_address, hit, peek


class TooManyAttempts(RateLimited):
    def __init__(self, retry_after: int) -> None:
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            ngettext(
                "Too many attempts. For your safety, try again in %(minutes)d minute.",
                "Too many attempts. For your safety, try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )
        self.retry_after = max(1, retry_after)


def account_key(name: str) -> str:
    """One key per account, whether it is named by username or e-mail address (and one per
    unknown name, so that guessing at names is limited too)."""
    name = (name or "").replace("\x00", "").strip().lstrip("@")[:254]
    found = (
        User.objects.filter(Q(username__iexact=name) | (Q(email__iexact=name) & ~Q(email="")))
        .values_list("pk", flat=True)
        .first()
    )
    return f"user:{found}" if found is not None else f"name:{name.lower()}"


def _keys(kind: str, request: HttpRequest, account: str | None) -> list[tuple[str, int, int]]:
    rules = settings.ATTEMPT_LIMITS[kind]
    keys = [(f"attempts:{kind}:ip:{client_address(request)}", *rules["address"])]
    if account is not None and "account" in rules:
        keys.append((f"attempts:{kind}:{account}", *rules["account"]))
    return keys


def check_attempts(kind: str, request: HttpRequest, account: str | None = None) -> None:
    """Refuse (TooManyAttempts) when the address or the account is past its limit for `kind`."""
    now = int(time.time())
    for key, limit, window in _keys(kind, request, account):
        count, reset = peek(key, window)
        if count >= limit:
            raise TooManyAttempts(reset - now)


def count_attempt(kind: str, request: HttpRequest, account: str | None = None) -> None:
    for key, limit, window in _keys(kind, request, account):
        hit(key, limit, window)
