"""A web process killed while it answers `POST /api/v1/statuses` with an Idempotency-Key: the
app's retry with the same key makes one post in all (the post and its key are one transaction)."""

import os
import signal
import subprocess
import threading
import time
import uuid

import httpx
import psycopg
import pytest

from tests.live import LiveInstance

pytestmark = pytest.mark.server

PG = os.environ.get("TRIBUNE_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")

SETUP = """
import secrets
from datetime import timedelta
from django.utils import timezone
from oauth2_provider.models import AccessToken
from accounts.actions import do_create_user
from api.actions import do_create_app
app, _secret = do_create_app("crash test", "urn:ietf:wg:oauth:2.0:oob", "read write")
account = do_create_user("writer", "correct horse battery").account
token = secrets.token_urlsafe(24)
AccessToken.objects.create(user=account.user, application=app, token=token, scope="read write",
                           expires=timezone.now() + timedelta(days=1))
print(account.pk, token)
"""
WAITING = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"


def wait_for(predicate, timeout=60.0):  # type: ignore[no-untyped-def]  # any callable
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def instance():
    name = f"tribune_idem_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    live = LiveInstance(
        database_url=f"{PG}/{name}", extra_env={"TRIBUNE_API_RATE_LIMIT": "100000", "TRIBUNE_LOG_LEVEL": "ERROR"}
    )
    live.env.pop("TRIBUNE_REDIS_URL", None)
    try:
        live.migrate()
        yield live
    finally:
        live.stop()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_retry_after_the_web_process_died_mid_request_posts_once(instance: LiveInstance) -> None:
    account_id, token = instance.shell(SETUP).split()
    base = instance.serve()
    key = "retry-me-" + uuid.uuid4().hex
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    body = {"status": f"posted once {key}"}
    database = instance.env["TRIBUNE_DATABASE_URL"]
    with psycopg.connect(database) as blocker, psycopg.connect(database, autocommit=True) as watch:
        # Another request with the same key, not yet committed: the first request's write of its
        # key waits on it, after the post was written.
        blocker.execute(
            "INSERT INTO api_idempotentrequest (account_id, key, post_id, created_at) VALUES (%s, %s, 0, now())",
            (int(account_id), key),
        )
        outcome: list[object] = []

        def first() -> None:
            try:
                outcome.append(httpx.post(base + "/api/v1/statuses", json=body, headers=headers, timeout=60))
            except httpx.HTTPError as error:
                outcome.append(error)

        thread = threading.Thread(target=first)
        thread.start()
        assert wait_for(lambda: bool(watch.execute(WAITING).fetchall()))
        web = instance.processes.pop()
        # The machine, or the OOM killer: no clean exit, granian's worker process and all.
        subprocess.run(["pkill", "-KILL", "-P", str(web.pid)], check=False)
        web.send_signal(signal.SIGKILL)
        web.wait()
        thread.join()
        assert isinstance(outcome[0], httpx.HTTPError)  # the client was told nothing
        for (pid,) in watch.execute(WAITING).fetchall():
            watch.execute("SELECT pg_terminate_backend(%s)", (pid,))  # as PostgreSQL does for a dead client
        blocker.rollback()
    base = instance.serve()
    again = httpx.post(base + "/api/v1/statuses", json=body, headers=headers, timeout=60)
    assert again.status_code == 200
    with psycopg.connect(database) as conn:
        made = [pk for (pk,) in conn.execute("SELECT id FROM posts_post WHERE text = %s", (body["status"],))]
    assert made == [int(again.json()["id"])]
