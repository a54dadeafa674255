"""Request limits for the client API and OAuth endpoints, per access token (or per IP address).

Fixed windows counted in Redis when configured (so that every process shares the
count), else in local memory; every response says where the caller
stands (`X-RateLimit-*`), and a 429 says when to come back (`Retry-After`).
"""

import hashlib
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse

from tribune.lib import redis as shared

LIMITED_PREFIXES = ("/api/", "/oauth/")
_while_redis_is_down = LocMemCache("tribune-rate-limits", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 100_000}})


def caller_key(request: HttpRequest) -> str:
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer ") and len(auth) > 7:
        return "t:" + hashlib.sha256(auth[7:].strip().encode()).hexdigest()[:32]
    return "ip:" + (request.META.get("REMOTE_ADDR") or "unknown")


def hit(key: str, limit: int, window: int) -> tuple[int, int]:
    """Count one request; returns (requests so far in this window, window reset time).

    With Redis, one round trip (INCR, and EXPIRE when the window's key is new) shared by every
    process; when Redis is down, counted in this process until it is back; without Redis, in
    Django's cache (local memory: the embedded default is one web process)."""
    now = int(time.time())
    start = now - now % window
    cache_key = f"api-rl:{key}:{start}"
    if settings.REDIS_URL:
        if (conn := shared.client()) is not None:
            try:
                pipe = conn.pipeline(transaction=False)
                pipe.incr(f"{settings.REDIS_FEED_PREFIX}:{cache_key}")
                pipe.expire(f"{settings.REDIS_FEED_PREFIX}:{cache_key}", window + 5, nx=True)
                count, _ = pipe.execute()
                return int(count), start + window
            except redis.RedisError as error:
                shared.failed(error, "rate limits, counted per process")
        store: BaseCache = _while_redis_is_down
    else:
        store = cache
    if store.add(cache_key, 1, window + 5):
        return 1, start + window
    try:
        return store.incr(cache_key), start + window
    except ValueError:
        store.set(cache_key, 1, window + 5)
        return 1, start + window


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
