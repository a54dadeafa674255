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
