"""What Redis holds is derived from the database: after a restore it describes contents that are
gone (feeds, cached pages, change stamps, remembered tokens, rate counters, queued work with the
old ids). `clear_redis_state` empties this instance's share of it, so nothing stale is served
and no old job runs against the restored rows. Readers rebuild all of it from the database."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from django.conf import settings


@dataclass
class Cleared:
    keys: int = 0
    jobs: int = 0


def _delete_matching(conn: redis.Redis, pattern: str) -> int:
    deleted = 0
    batch: list[bytes] = []
    for name in conn.scan_iter(match=pattern, count=1000):
        batch.append(name)
        if len(batch) >= 500:
            deleted += int(conn.delete(*batch))
            batch.clear()
    if batch:
        deleted += int(conn.delete(*batch))
    return deleted


def _empty_queues() -> int:
    """The instance's RQ queues, with their scheduled, deferred and failed jobs."""
    from rq import Queue

    emptied = 0
    for name, config in getattr(settings, "RQ_QUEUES", {}).items():
        queue = Queue(name, connection=redis.Redis.from_url(config["URL"]))
        emptied += queue.count
        queue.empty()
        for registry in (queue.scheduled_job_registry, queue.deferred_job_registry, queue.failed_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)
                emptied += 1
    return emptied


def clear_redis_state() -> Cleared:
    """Delete every key under this instance's prefixes and empty its task queues (no-op without Redis).

    Run after the restore committed; the processes of this instance should be stopped (as the drill
    says), and any still running find their remembered tokens and pages refused by the missing stamps."""
    from api import auth, home_cache
    from timelines import redis_feeds
    from tribune.lib import stamps

    cleared = Cleared()
    if settings.REDIS_URL:
        conn = redis.Redis.from_url(settings.REDIS_URL)
        prefixes = {settings.REDIS_FEED_PREFIX}
        cache = settings.CACHES["default"]
        if "redis" in cache["BACKEND"].lower() and cache.get("KEY_PREFIX"):
            prefixes.add(cache["KEY_PREFIX"])
        for prefix in sorted(prefixes):
            cleared.keys += _delete_matching(conn, f"{prefix}:*")
        if settings.TASK_MODE == "rq":
            cleared.jobs = _empty_queues()
    # This process's own memory of them.
    auth.forget_tokens()
    home_cache.forget_local_pages()
    stamps.reset()
    redis_feeds.reset_circuit()
    return cleared
