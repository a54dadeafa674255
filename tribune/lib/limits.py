"""Counting what one caller does: fixed windows shared by every process, and who the caller is.

`hit` counts in Redis when configured (one round trip, shared by every process), else in
Django's cache (local memory: the embedded default is one web process); when Redis is down,
in this process until it is back. `client_address` is the address the request came from:
`X-Forwarded-For` is believed only as far as it was written by the proxies named in
TRIBUNE_TRUSTED_PROXIES (nginx on the same host by default), so nobody can pick their own.
"""

import ipaddress
import time
from functools import cache as remember

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest

from tribune.lib import redis as shared

_while_redis_is_down = LocMemCache("tribune-rate-limits", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 100_000}})


@remember
def _trusted(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or, when that is a trusted proxy, the nearest address
    in X-Forwarded-For that is not one (proxies append the address they were called from, so
    the entries a client wrote itself are the leftmost: they are never reached past an
    untrusted one)."""
    address = (request.META.get("REMOTE_ADDR") or "").strip()
    if not _is_trusted(address):
        return address or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address  # a malformed chain: the proxy's own address, not a made-up one
        if not _is_trusted(hop):
            return hop
        address = hop
    return address or "unknown"


def _window(window: int) -> tuple[int, int]:
    now = int(time.time())
    start = now - now % window
    return start, start + window


def _store() -> BaseCache:
    return _while_redis_is_down if settings.REDIS_URL else cache


def hit(key: str, limit: int, window: int) -> tuple[int, int]:
    """Count one event; returns (events so far in this window, window reset time).
    `limit` is the caller's: the count goes on past it."""
    start, reset = _window(window)
    cache_key = f"api-rl:{key}:{start}"
    if settings.REDIS_URL:
        if (conn := shared.client()) is not None:
            try:
                pipe = conn.pipeline(transaction=False)
                pipe.incr(f"{settings.REDIS_FEED_PREFIX}:{cache_key}")
                pipe.expire(f"{settings.REDIS_FEED_PREFIX}:{cache_key}", window + 5, nx=True)
                count, _ = pipe.execute()
                return int(count), reset
            except redis.RedisError as error:
                shared.failed(error, "rate limits, counted per process")
    store = _store()
    if store.add(cache_key, 1, window + 5):
        return 1, reset
    try:
        return store.incr(cache_key), reset
    except ValueError:
        store.set(cache_key, 1, window + 5)
        return 1, reset


def peek(key: str, window: int) -> tuple[int, int]:
    """Events counted so far in this window (without counting one), and the window's reset time."""
    start, reset = _window(window)
    cache_key = f"api-rl:{key}:{start}"
    if settings.REDIS_URL:
        if (conn := shared.client()) is not None:
            try:
                return int(conn.get(f"{settings.REDIS_FEED_PREFIX}:{cache_key}") or 0), reset
            except redis.RedisError as error:
                shared.failed(error, "rate limits, counted per process")
    return int(_store().get(cache_key) or 0), reset
