"""Where local actions tell federation something happened (called after commit).

Each hook receives ids (never model objects) and enqueues delivery to the remote
servers concerned. Until an account has remote followers or a remote party is
involved, these do nothing.
"""

from typing import Any


def post_published(post_id: int) -> None:
    """A post became visible (created, or approved by moderation)."""


def post_updated(post_id: int) -> None:
    """A published post was edited."""


def post_deleted(post_id: int, author_id: int, uri: str) -> None:
    """A post was deleted or removed."""


def upvote_changed(account_id: int, post_id: int, added: bool) -> None:
    """An upvote (Like) was added or withdrawn."""


def follow_changed(follow_id: int, event: str) -> None:
    """A follow was created ("follow") or accepted ("accept")."""


def follow_rejected(snapshot: dict[str, Any]) -> None:
    """A follow request was rejected (snapshot: follower_id, target_id, uri)."""


def unfollowed(snapshot: dict[str, Any]) -> None:
    """A follow was withdrawn (snapshot: follower_id, target_id, uri, id)."""


def block_changed(block_id: int | None, account_id: int, target_id: int, *, blocked: bool) -> None:
    """A block was added or removed."""


def account_updated(account_id: int) -> None:
    """A profile changed."""


def account_deleted(account_id: int) -> None:
    """An account was deleted."""
