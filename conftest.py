"""Shared fixtures. Every test runs against a real database with real commits
(transactional_db), so after-commit work (fan-out, notifications, delivery) runs
in-process exactly as it does in production, only synchronously."""

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from accounts.models import Account

_counter = itertools.count()


@pytest.fixture(autouse=True)
def _real_transactions(transactional_db: None) -> None:
    return None


@pytest.fixture(autouse=True)
def _own_media_root(settings: Any, tmp_path: Path) -> None:
    """Each test writes media into its own folder, so files left by one test never
    show up in another (the database is emptied between tests, folders are not)."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_account() -> Callable[..., Account]:
    """make_account("alice", locked=True) -> a local Account with user and password 'correct horse battery'."""
    from accounts.actions import do_create_user

    def make(
        username: str | None = None, *, password: str = "correct horse battery", staff: bool = False, **profile: object
    ) -> Account:
        name = username or f"person{next(_counter)}"
        user = do_create_user(name, password, email=f"{name}@example.org", is_staff=staff)
        account = user.account
        if profile:
            for key, value in profile.items():
                setattr(account, key, value)
            account.save()
        return account

    return make


@pytest.fixture
def alice(make_account: Callable[..., Account]) -> Account:
    return make_account("alice", display_name="Alice")


@pytest.fixture
def bob(make_account: Callable[..., Account]) -> Account:
    return make_account("bob", display_name="Bob")


@pytest.fixture
def carol(make_account: Callable[..., Account]) -> Account:
    return make_account("carol", display_name="Carol")


REDIS_TEST_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_on(settings: Any) -> Any:
    """Production mode's Redis (home feeds, change stamps, cached pages, remembered tokens), under a
    key prefix of this test's own. Redis must be there: these tests never pass against a fallback."""
    import uuid

    import redis

    from api import auth, home_cache
    from timelines import redis_feeds
    from tribune.lib import stamps

    conn = redis.Redis.from_url(REDIS_TEST_URL, decode_responses=True)
    conn.ping()
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.REDIS_URL = REDIS_TEST_URL
    settings.REDIS_FEED_PREFIX = prefix
    redis_feeds.reset_circuit()
    stamps.reset()
    auth.forget_tokens()
    home_cache.forget_local_pages()
    yield conn
    keys = list(conn.scan_iter(match=f"{prefix}:*"))
    if keys:
        conn.delete(*keys)
    redis_feeds.reset_circuit()
    stamps.reset()
    auth.forget_tokens()
