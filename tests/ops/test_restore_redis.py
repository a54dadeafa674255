"""`restore --force` over an instance that served: what Redis held for the old contents (feeds, cached
pages, change stamps, remembered tokens, queued work) is gone, and readers see the restored contents."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import redis
import rq

from accounts.actions import do_follow
from accounts.models import Account
from api import auth, home_cache
from conftest import REDIS_TEST_URL
from ops.backup.create import create_backup
from ops.backup.progress import Progress
from ops.backup.restore import restore_archive
from posts.actions import do_create_post
from tests.api import conftest as api_fixtures
from timelines import redis_feeds

HOME = "/api/v1/timelines/home"
app, token_for, api_as = api_fixtures.app, api_fixtures.token_for, api_fixtures.api_as  # the API tests' fixtures


def test_a_forced_restore_leaves_nothing_stale_in_redis(
    redis_on: redis.Redis, settings: Any, api_as: Callable[..., Any], alice: Account, bob: Account, tmp_path: Path
) -> None:
    prefix = settings.REDIS_FEED_PREFIX  # this test's own, like its queue
    queue_name = f"{prefix}-default"
    settings.TASK_MODE = "rq"
    settings.RQ_QUEUES = {queue_name: {"URL": REDIS_TEST_URL}}
    api = api_as(alice)  # the token is in the archive: it still works after the restore
    do_follow(alice, bob)
    kept = do_create_post(bob, "in the archive")
    archive = tmp_path / "tribune-example.org-20260101T000000Z.tar"
    create_backup(archive, progress=Progress(quiet=True))

    gone = do_create_post(bob, "written after the backup")
    for _ in range(2):  # read twice: the page is cached in Redis and in this process
        page = api.get(HOME)
        assert [s["id"] for s in page.json()] == [str(gone.pk), str(kept.pk)]
    assert redis_on.exists(redis_feeds.key(alice.pk)) and auth._tokens and home_cache._local
    queue = rq.Queue(queue_name, connection=redis.Redis.from_url(REDIS_TEST_URL))
    queue.enqueue("os.getpid")  # queued work about the old contents
    queue.enqueue_in(timedelta(hours=1), "os.getpid")
    assert queue.count == 1 and queue.scheduled_job_registry.count == 1

    restore_archive(archive, force=True, progress=Progress(quiet=True))

    assert list(redis_on.scan_iter(match=f"{prefix}:*")) == []
    assert queue.count == 0 and queue.scheduled_job_registry.count == 0
    assert not auth._tokens and not home_cache._local
    assert [s["id"] for s in api.get(HOME).json()] == [str(kept.pk)]
    assert redis_on.exists(redis_feeds.key(alice.pk))  # rebuilt from the restored rows
    assert api.get(f"/api/v1/statuses/{gone.pk}").status_code == 404
