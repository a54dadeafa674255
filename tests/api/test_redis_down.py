"""Redis down: the API, the pages and posting keep working (feeds from the database, caches
missed, rate limits counted in the process, queued work left to the sweeps) and nothing is lost."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from accounts.actions import do_follow
from posts.actions import do_create_post
from posts.models import Post
from tests.api.conftest import Api
from tribune.lib import redis as shared

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def _circuit_closed_afterwards() -> Iterator[None]:
    yield
    shared.reset_circuit()


def test_the_instance_keeps_serving_when_redis_is_down(settings: Any, alice, bob, carol, token_for) -> None:
    settings.REDIS_URL = NOWHERE
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "BACKEND": "tribune.lib.cache.RedisCache", "LOCATION": NOWHERE}
    }
    do_follow(alice, bob)
    before = do_create_post(bob, "written while Redis is down #outage")
    api = Api(token_for(alice))
    home = api.get("/api/v1/timelines/home")
    assert home.status_code == 200, home.content[:300]
    assert [s["id"] for s in home.json()] == [str(before.pk)]
    assert home["X-RateLimit-Remaining"] == str(settings.API_RATE_LIMIT - 1)
    assert api.get("/api/v1/timelines/home")["X-RateLimit-Remaining"] == str(settings.API_RATE_LIMIT - 2)
    posted = api.post("/api/v1/statuses", {"status": "still posting"})
    assert posted.status_code == 200, posted.content[:300]
    # With the Redis task queue down too, posting and following still answer; the post is
    # kept undelivered, for the workers' recovery sweep once the queue is back.
    queues = ["default", "fanout", "federation", "moderation", "media"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": queues}}
    settings.RQ_QUEUES = {q: {"URL": NOWHERE} for q in queues}
    queued = api.post("/api/v1/statuses", {"status": "posted with the queue down"})
    assert queued.status_code == 200, queued.content[:300]
    assert Post.objects.get(pk=queued.json()["id"]).delivered_at is None
    assert api.post(f"/api/v1/accounts/{carol.pk}/follow").status_code == 200
    cache.set("anything", 1)  # skipped, not an error
    assert cache.get("anything") is None and cache.get_many(["anything"]) == {}
    page = api.client.get("/tags/outage")
    assert page.status_code == 200 and "written while Redis is down" in page.content.decode()


def test_rate_limits_count_in_redis_in_one_round_trip(settings: Any) -> None:
    """With Redis the count is shared by every process (it lives in Redis) and the window's key
    expires; the same key counted again continues the count."""
    import uuid

    import redis

    from api.ratelimit import hit

    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.REDIS_FEED_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
    key = uuid.uuid4().hex
    assert [hit(key, 300, 300)[0] for _ in range(3)] == [1, 2, 3]
    conn = redis.Redis.from_url(settings.REDIS_URL, decode_responses=True)
    stored = list(conn.scan_iter(match=f"{settings.REDIS_FEED_PREFIX}:api-rl:*"))
    assert len(stored) == 1 and conn.get(stored[0]) == "3" and 0 < conn.ttl(stored[0]) <= 305
    conn.delete(*stored)
