"""One Redis client per process for the parts that talk to Redis directly (home feeds, rate
limits), with a circuit breaker: after an error, Redis is left alone for a few seconds, so
requests served without it do not each wait for a timeout."""

import logging
import time

import redis
from django.conf import settings

log = logging.getLogger(__name__)

RETRY_AFTER_ERROR_S = 5.0
_clients: dict[str, redis.Redis] = {}
_down_until = 0.0
last_failure = 0.0  # time.monotonic() of this process's last Redis error


def circuit_open() -> bool:
    """Whether Redis failed in the last few seconds."""
    return time.monotonic() < _down_until


def client() -> redis.Redis | None:
    """The client, or None when Redis is not configured or failed in the last few seconds."""
    if not settings.REDIS_URL or circuit_open():
        return None
    if settings.REDIS_URL not in _clients:
        _clients[settings.REDIS_URL] = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=0.25, socket_timeout=0.5, decode_responses=True
        )
    return _clients[settings.REDIS_URL]


def failed(error: Exception, what: str) -> None:
    """Remember that Redis is down for a few seconds."""
    global _down_until, last_failure
    last_failure = time.monotonic()
    _down_until = last_failure + RETRY_AFTER_ERROR_S
    log.warning("redis unavailable (%s), working without it: %s", what, error)


def reset_circuit() -> None:
    global _down_until
    _down_until = 0.0
