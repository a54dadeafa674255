"""One Redis client per process for the parts that talk to Redis directly (home feeds, rate
limits, change stamps), with a circuit breaker: after an error, Redis is left alone for a few
seconds, so requests served without it do not each wait for a timeout.

What could not be written to Redis while it was away is remembered as a mark in the database
(`mark_dirty`), which the first reader after Redis is back acts on and clears."""

import logging
import time
import uuid

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


def mark_dirty(name: str) -> None:
    """Remember in the database that Redis missed a write of this kind."""
    from accounts.models import InstanceSetting

    InstanceSetting.objects.update_or_create(
        key=name, defaults={"value": {"since": time.time(), "mark": uuid.uuid4().hex}}
    )


def dirty_mark(name: str) -> str | None:
    """The current mark of this kind, if Redis missed a write since it was last cleared."""
    from accounts.models import InstanceSetting

    value = InstanceSetting.objects.filter(key=name).values_list("value", flat=True).first()
    return str(value.get("mark", "")) if isinstance(value, dict) else None


def clear_dirty(name: str, mark: str) -> None:
    """Clear the mark acted on: one set meanwhile (by another process) stays for the next reader."""
    from accounts.models import InstanceSetting

    InstanceSetting.objects.filter(key=name, value__mark=mark).delete()
