"""Home feeds in Redis sorted sets, when TRIBUNE_REDIS_URL is set.

Each feed is a sorted set `<prefix>:feed:<account id>` whose members are post ids
zero-padded to 20 digits, all with score 0, so Redis orders them as strings,
which is the ids' numeric (and so time) order; a sentinel member (all zeros)
marks a feed that exists, even empty. Feeds are capped at REDIS_FEED_CAP entries (TRIBUNE_HOME_FEED_LENGTH, 800 by default)
and expire REDIS_FEED_TTL seconds (14 days by default) after their last read, as Mastodon's do:
fan-out maintains the feeds of people who read them, and Redis, configured to evict keys that
carry a time-to-live (deploy/redis.sh), may drop the least recently used under memory pressure.

Redis holds nothing that cannot be regenerated: a missing feed is rebuilt from
the database (timelines.feeds.pull_home_ids). When Redis cannot be reached,
every function here fails soft (returns None or does nothing) and the feeds are
served from the database; pushes that failed meanwhile mark the Redis feeds
dirty in the database, and the next successful read drops them all so they are
rebuilt, so a post fanned out while Redis was down is never missing afterwards.
"""

import logging
import time
from collections.abc import Iterable
from typing import TypeVar

import redis
from django.conf import settings

from tribune.lib import redis as shared
from tribune.lib import stamps

log = logging.getLogger(__name__)

PAD = 20
SENTINEL = "0" * PAD
DIRTY_KEY = "redis_feeds_dirty"

# Add a member only to a feed that exists (a missing feed is rebuilt in full on
# its next read), then trim the oldest beyond the cap; rank 0 is the sentinel.
_PUSH = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('ZADD', KEYS[1], 0, ARGV[1])
  local extra = redis.call('ZCARD', KEYS[1]) - 1 - tonumber(ARGV[2])
  if extra > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 1, extra) end
end
return 1
"""

_dirty_checked_at = 0.0
T = TypeVar("T")


def enabled() -> bool:
    return bool(settings.REDIS_URL)


def client() -> redis.Redis | None:
    return shared.client()


def _failed(error: Exception) -> None:
    shared.failed(error, "home feeds, served from the database")


def reset_circuit() -> None:
    global _dirty_checked_at
    shared.reset_circuit()
    _dirty_checked_at = 0.0


def cap() -> int:
    return int(settings.REDIS_FEED_CAP)


def ttl() -> int:
    return int(getattr(settings, "REDIS_FEED_TTL", 14 * 24 * 3600))


def key(owner_id: int) -> str:
    return f"{getattr(settings, 'REDIS_FEED_PREFIX', 'tribune')}:feed:{owner_id}"


def _member(post_id: int) -> str:
    return str(post_id).zfill(PAD)


def _mark_dirty() -> None:
    shared.mark_dirty(DIRTY_KEY)
    stamps.mark_dirty()  # and the pages cached from those feeds


def _clean_if_dirty(conn: redis.Redis) -> None:
    """Checked at most every few seconds per process, to keep reads to one query."""
    global _dirty_checked_at
    now = time.monotonic()
    if now - _dirty_checked_at < shared.RETRY_AFTER_ERROR_S:
        return
    _dirty_checked_at = now
    mark = shared.dirty_mark(DIRTY_KEY)
    if mark is not None:
        for keys in _batched(conn.scan_iter(match=key(0)[:-1] + "*", count=1000), 500):
            conn.delete(*keys)
        shared.clear_dirty(DIRTY_KEY, mark)


def _batched(items: Iterable[T], size: int) -> Iterable[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(post_id: int, recipients: Iterable[int]) -> None:
    """Add a post to the recipients' feeds that exist in Redis."""
    if not enabled():
        return
    conn = client()
    if conn is None:
        _mark_dirty()
        return
    try:
        script = conn.register_script(_PUSH)
        member = _member(post_id)
        for batch in _batched(recipients, 1000):
            pipe = conn.pipeline(transaction=False)
            for owner_id in batch:
                script(keys=[key(owner_id)], args=[member, cap()], client=pipe)
            pipe.execute()
            # After the pushes: a page rendered before them must not be cached as current.
            stamps.touch(conn, [stamps.viewer(owner_id) for owner_id in batch])
    except redis.RedisError as error:
        _failed(error)
        _mark_dirty()


def remove(post_id: int, owners: Iterable[int]) -> None:
    if not enabled():
        return
    conn = client()
    if conn is None:
        return
    try:
        pipe = conn.pipeline(transaction=False)
        owners = list(owners)
        for owner_id in owners:
            pipe.zrem(key(owner_id), _member(post_id))
        pipe.execute()
        stamps.touch(conn, [stamps.viewer(owner_id) for owner_id in owners])
    except redis.RedisError as error:
        _failed(error)


def invalidate(owner_id: int) -> None:
    """Drop one feed; it is rebuilt from the database on its next read."""
    if not enabled():
        return
    conn = client()
    if conn is None:
        _mark_dirty()
        return
    try:
        conn.delete(key(owner_id))
        stamps.touch(conn, [stamps.viewer(owner_id)])
    except redis.RedisError as error:
        _failed(error)
        _mark_dirty()


def read(
    owner_id: int, *, max_id: int | None, since_id: int | None, min_id: int | None, count: int
) -> list[int] | None:
    """Post ids newest first within the bounds, or None when the feed is not in
    Redis (missing, or Redis unreachable): the caller then reads the database."""
    conn = client()
    if conn is None:
        return None
    try:
        _clean_if_dirty(conn)
        k = key(owner_id)
        low = "(" + _member(max(since_id or 0, min_id or 0)) if (since_id or min_id) else "(" + SENTINEL
        pipe = conn.pipeline(transaction=False)
        if min_id is not None:
            pipe.zrangebylex(k, low, "(" + _member(max_id) if max_id else "+", start=0, num=count)
        else:
            pipe.zrevrangebylex(k, "(" + _member(max_id) if max_id else "+", low, start=0, num=count)
        pipe.expire(k, ttl())  # read, so kept; false when the feed is missing
        members, exists = pipe.execute()
        if not exists:
            return None
        if min_id is not None:
            members.reverse()
        return [int(m) for m in members]
    except redis.RedisError as error:
        _failed(error)
        return None


def rebuild(owner_id: int, post_ids: list[int]) -> None:
    """Replace a feed with these ids (newest first, from the database)."""
    conn = client()
    if conn is None:
        return
    try:
        pipe = conn.pipeline(transaction=True)
        k = key(owner_id)
        pipe.delete(k)
        mapping = {SENTINEL: 0.0}
        mapping.update({_member(pid): 0.0 for pid in post_ids[: cap()]})
        pipe.zadd(k, mapping)
        pipe.expire(k, ttl())
        pipe.execute()
        stamps.touch(conn, [stamps.viewer(owner_id)])
    except redis.RedisError as error:
        _failed(error)


def memory_usage(owner_id: int) -> int | None:
    conn = client()
    if conn is None:
        return None
    value = conn.memory_usage(key(owner_id))
    return int(value) if value is not None else None
