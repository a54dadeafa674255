"""Request limits for the client API and OAuth endpoints, per account (or per client address).

A request with a valid access token counts against the token's user, whichever of their tokens
it carries (an application's own token, without a user, against that token); any other request,
an invalid or made-up token included, against the client's address (tribune.lib.limits: the
X-Forwarded-For of trusted proxies only). So neither a new token nor a forged header buys a
fresh window. Counted in Redis when configured (every process shares the count), else in local
memory; every response says where the caller stands (`X-RateLimit-*`), and a 429 says when to
come back (`Retry-After`).
"""

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from tribune.lib.limits import client_address, hit

__all__ = ["LIMITED_PREFIXES", "RateLimitMiddleware", "caller_key", "hit"]

LIMITED_PREFIXES = ("/api/", "/oauth/")


def caller_key(request: HttpRequest) -> str:
    from api.auth import token_for_request

    auth = request.headers.get("Authorization", "")
    if auth[:7].lower() == "bearer " and (token := token_for_request(request, auth[7:])) is not None:
        return f"u:{token.user_id}" if token.user_id is not None else f"t:{token.pk}"
    return "ip:" + client_address(request)


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(LIMITED_PREFIXES) or request.path.startswith("/api/v1/streaming"):
            return self.get_response(request)
        limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
        count, reset = hit(caller_key(request), limit, window)
        remaining = max(0, limit - count)
        if count > limit:
            response = HttpResponse(
                json.dumps({"error": "Too many requests"}), status=429, content_type="application/json"
            )
            response["Retry-After"] = str(max(1, reset - int(time.time())))
        else:
            response = self.get_response(request)
        response["X-RateLimit-Limit"] = str(limit)
        response["X-RateLimit-Remaining"] = str(remaining)
        response["X-RateLimit-Reset"] = datetime.fromtimestamp(reset, UTC).isoformat().replace("+00:00", "Z")
        return response
