"""Django's Redis cache backend, failing soft.

A cache holds nothing that cannot be recomputed, so when Redis cannot be reached a read is a
miss and a write is skipped, and the instance keeps serving from the database (Django's own
backend raises, which turned every API request into an error while Redis was down). After an
error the cache leaves Redis alone for a few seconds (tribune.lib.redis's circuit breaker),
and it never waits long for it (short socket timeouts). What a skipped delete leaves behind is
bounded: rendered posts carry their version (posts/render_cache.py), other entries expire.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from tribune.lib import redis as shared

T = TypeVar("T")


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})

    def _soft(self, call: Callable[[], T], fallback: T) -> T:
        if shared.circuit_open():
            return fallback
        try:
            return call()
        except redis.RedisError as error:
            shared.failed(error, "cache")
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._soft(lambda: super(RedisCache, self).get(key, default, version), default)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._soft(lambda: super(RedisCache, self).get_many(keys, version), {})

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._soft(lambda: super(RedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._soft(lambda: super(RedisCache, self).set_many(data, timeout, version), list(data))

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._soft(lambda: super(RedisCache, self).add(key, value, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._soft(lambda: super(RedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._soft(lambda: super(RedisCache, self).delete_many(keys, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._soft(lambda: super(RedisCache, self).touch(key, timeout, version), False)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._soft(lambda: super(RedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        value = self._soft(lambda: super(RedisCache, self).incr(key, delta, version), missing)
        if value is missing:
            raise ValueError(f"Key {key!r} not found (the cache is unavailable)")
        return value  # type: ignore[return-value]  # not the sentinel

    def clear(self) -> None:
        self._soft(lambda: super(RedisCache, self).clear(), None)
