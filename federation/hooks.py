"""Where local actions tell federation something happened (called after commit).

Each hook receives ids (never model objects), builds the activity and enqueues
its deliveries (federation.outbox). A hook never raises into the local action
that called it: the local change is committed, and a failure here is logged with
the delivery rows left to inspect.
"""

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from accounts.models import Account, Follow
from posts.models import Post

logger = logging.getLogger("tribune.federation")
F = TypeVar("F", bound=Callable[..., None])


def _logged(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except Exception:
            logger.exception("federation hook %s failed for %r", func.__name__, args)

    return wrapper  # type: ignore[return-value]  # same signature, wrapped


def _local_post(post_id: int) -> Post | None:
    post = (
        Post.objects.select_related("author", "reblog_of__author", "in_reply_to__author", "quote_of__author")
        .filter(pk=post_id)
        .first()
    )
    return post if post is not None and post.author.is_local else None


@_logged
def post_published(post_id: int) -> None:
    """A post became visible (created, or approved by moderation)."""
    from federation.outbox import send_post

    if (post := _local_post(post_id)) is not None:
        send_post(post)


@_logged
def post_updated(post_id: int) -> None:
    """A published post was edited."""
    from federation.outbox import send_post_update

    if (post := _local_post(post_id)) is not None and post.reblog_of_id is None:
        send_post_update(post)


@_logged
def post_deleted(post_id: int, author_id: int, uri: str) -> None:
    """A post was deleted or removed."""
    from federation.outbox import send_post_delete

    if (post := _local_post(post_id)) is not None:
        send_post_delete(post)


@_logged
def poll_voted(vote_ids: list[int]) -> None:
    """A local person voted in a remote poll: its server gets the votes."""
    from federation.outbox import send_poll_votes

    send_poll_votes(vote_ids)


@_logged
def upvote_changed(account_id: int, post_id: int, added: bool) -> None:
    """An upvote (Like) was added or withdrawn."""
    from federation.outbox import send_like

    account = Account.objects.filter(pk=account_id).first()
    post = Post.objects.select_related("author").filter(pk=post_id).first()
    if account is not None and post is not None:
        send_like(account, post, added=added)


@_logged
def follow_changed(follow_id: int, event: str) -> None:
    """A follow was created ("follow") or accepted ("accept")."""
    from federation.outbox import send_accept, send_follow

    follow = Follow.objects.select_related("follower", "target").filter(pk=follow_id).first()
    if follow is None:
        return
    if event == "follow":
        send_follow(follow)
    if follow.state == Follow.State.ACCEPTED:
        send_accept(follow)


@_logged
def follow_rejected(snapshot: dict[str, Any]) -> None:
    """A follow request was rejected (snapshot: follower_id, target_id, uri)."""
    from federation.outbox import send_reject

    follower = Account.objects.filter(pk=snapshot["follower_id"]).first()
    target = Account.objects.filter(pk=snapshot["target_id"]).first()
    if follower is not None and target is not None:
        send_reject(follower, target, snapshot.get("uri", ""), str(snapshot.get("id", follower.pk)))


@_logged
def unfollowed(snapshot: dict[str, Any]) -> None:
    """A follow was withdrawn (snapshot: follower_id, target_id, uri, id)."""
    from federation.outbox import send_undo_follow

    follower = Account.objects.filter(pk=snapshot["follower_id"]).first()
    target = Account.objects.filter(pk=snapshot["target_id"]).first()
    if follower is not None and target is not None:
        send_undo_follow(follower, target, snapshot.get("uri", ""), str(snapshot.get("id", "")))


@_logged
def block_changed(block_id: int | None, account_id: int, target_id: int, *, blocked: bool) -> None:
    """A block was added or removed."""
    from federation.outbox import send_block

    account = Account.objects.filter(pk=account_id).first()
    target = Account.objects.filter(pk=target_id).first()
    if account is not None and target is not None:
        send_block(account, target, block_id, blocked=blocked)


@_logged
def account_updated(account_id: int) -> None:
    """A profile changed."""
    from federation.outbox import send_actor_update

    account = Account.objects.filter(pk=account_id, domain="").first()
    if account is not None and account.is_active:
        send_actor_update(account)


@_logged
def account_deleted(account_id: int) -> None:
    """An account was deleted."""
    from federation.models import Delivery
    from federation.outbox import send_actor_delete

    account = Account.objects.filter(pk=account_id, domain="").first()
    if account is None:
        return
    # Its follows are gone by now; every inbox it ever delivered to hears of the deletion.
    inboxes = list(Delivery.objects.filter(signer=account).values_list("inbox", flat=True).distinct()[:10_000])
    send_actor_delete(account, inboxes)


@_logged
def report_forwarded(report_id: int) -> None:
    """A local report about a remote account asked to be forwarded: its server gets a Flag."""
    from federation.outbox import send_flag
    from moderation.models import Report

    report = Report.objects.select_related("target").filter(pk=report_id).first()
    if report is None or report.target.is_local:
        return
    uris = [p.activity_uri() for p in report.posts.all()]
    send_flag(report.target, uris, report.comment, key=str(report.pk))
