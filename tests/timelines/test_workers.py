"""Background work on Redis (django-tasks-rq) with real worker processes, and two
web processes over one PostgreSQL and Redis answering the same."""

import os
import subprocess
import time
import uuid

import httpx
import psycopg
import pytest
import redis

from tests.live import LiveInstance

pytestmark = pytest.mark.server

PG = "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def production_instance():
    """An instance in production mode: its own PostgreSQL database and Redis db, RQ tasks."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    redis_db = 8 + int(worker[2:] or 0) % 8
    redis_url = f"redis://127.0.0.1:6379/{redis_db}"
    conn = redis.Redis.from_url(redis_url)
    conn.flushdb()
    name = f"tribune_live_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    instance = LiveInstance(
        database_url=f"postgres://postgres@127.0.0.1:5432/{name}",
        extra_env={"TRIBUNE_REDIS_URL": redis_url, "TRIBUNE_TASKS": "rq"},
    )
    instance.migrate()
    yield instance, conn
    instance.stop()
    conn.flushdb()
    with psycopg.connect(PG, autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SETUP = """
from accounts.actions import do_create_user, do_follow
a = do_create_user("writer", "correct horse battery").account
r = do_create_user("reader", "correct horse battery").account
do_follow(r, a)
"""

POST = """
from accounts.models import Account
from posts.actions import do_create_post
p = do_create_post(Account.objects.get(username="writer"), "{text}")
print(p.pk)
"""

DELIVERED = """
from posts.models import Post
print(Post.objects.get(pk={post_id}).delivered_at is not None)
"""

READ = """
from accounts.models import Account
from timelines.feeds import home_feed
from tribune.lib.pagination import Page
print(",".join(str(p.pk) for p in home_feed(Account.objects.get(username="reader"), Page())))
"""


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_fan_out_runs_on_rq_workers(production_instance):
    instance, conn = production_instance
    instance.shell(SETUP)
    post_id = instance.shell(POST.format(text="queued on Redis")).strip()
    # No worker yet: the job waits in the fan-out queue, the post is not delivered.
    assert conn.llen("rq:queue:fanout") >= 1
    instance.start_worker()
    instance.start_worker()
    assert wait_for(lambda: conn.llen("rq:queue:fanout") == 0)
    # The fan-out task itself ran in a worker (it stamps the post), and did not fail there.
    assert wait_for(lambda: instance.shell(DELIVERED.format(post_id=post_id)).strip() == "True")
    assert conn.zcard("rq:registry:failed:fanout") == 0
    assert wait_for(lambda: post_id in instance.shell(READ))


def test_two_web_processes_show_the_same(production_instance):
    instance, _conn = production_instance
    instance.shell(SETUP)
    instance.start_worker()
    first = instance.serve()
    second = instance.serve()
    post_id = instance.shell(POST.format(text="seen from both processes")).strip()
    assert wait_for(lambda: post_id in instance.shell(READ))
    pages = [httpx.get(f"{base}/@writer/{post_id}", timeout=10) for base in (first, second)]
    assert [p.status_code for p in pages] == [200, 200]
    assert all("seen from both processes" in p.text for p in pages)
    locals_ = [httpx.get(f"{base}/", timeout=10).text for base in (first, second)]
    assert all("seen from both processes" in page for page in locals_)


WAITING_ON_LOCK = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"


def test_a_worker_killed_during_fan_out_leaves_it_to_another(production_instance):
    """A worker dies in the middle of a delivery; another worker's sweep finds the post
    undelivered and finishes it. The post's row is held locked so that the first worker is
    certainly mid-job (waiting to stamp the post) when it is killed."""
    instance, conn = production_instance
    instance.env.update(TRIBUNE_RECOVERY_SWEEP_SECONDS="1", TRIBUNE_RECOVERY_GRACE_SECONDS="2")
    instance.shell(SETUP)
    post_id = int(instance.shell(POST.format(text="fanned out by a worker that dies")).strip())
    database = instance.env["TRIBUNE_DATABASE_URL"]
    with psycopg.connect(database) as lock, psycopg.connect(database, autocommit=True) as watch:
        lock.execute("SELECT 1 FROM posts_post WHERE id = %s FOR UPDATE", (post_id,))
        doomed = instance.start_worker()
        assert wait_for(lambda: conn.llen("rq:queue:fanout") == 0)  # it took the job...
        assert wait_for(lambda: bool(watch.execute(WAITING_ON_LOCK).fetchall()))  # ...and is inside it
        # As a crashed machine would: the worker and its scheduler process, at once.
        subprocess.run(["pkill", "-KILL", "-P", str(doomed.pid)], check=False)
        doomed.kill()
        doomed.wait()
        # The server drops the dead worker's session (PostgreSQL would notice on its own, later).
        for (pid,) in watch.execute(WAITING_ON_LOCK).fetchall():
            watch.execute("SELECT pg_terminate_backend(%s)", (pid,))
        lock.rollback()
    assert instance.shell(DELIVERED.format(post_id=post_id)).strip() == "False"
    instance.start_worker()
    assert wait_for(lambda: instance.shell(DELIVERED.format(post_id=post_id)).strip() == "True", timeout=60)
    assert str(post_id) in instance.shell(READ)
