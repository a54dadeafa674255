"""What moderators do to posts and accounts. Every function takes the acting
moderator (keyword-only), a reason and the policy it enforces, and writes its
audit entry in the same transaction as the change."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Account, User
from moderation import config
from moderation.actions.common import check_moderator, check_reason
from moderation.audit import record
from moderation.models import AuditEntry, QueueItem, Strike
from moderation.notices import tell, tell_author
from posts import render_cache
from posts.counts import recount
from posts.models import ModerationState, Post
from timelines.feeds import forget_trends
from tribune.lib.errors import ActionError
from tribune.lib.tasks import enqueue_or_leave_to_sweep


def _publish_after_commit(post_id: int) -> None:
    from timelines.tasks import deliver_post

    transaction.on_commit(lambda: enqueue_or_leave_to_sweep(deliver_post, post_id))


def unpublish(post: Post) -> None:
    """Out of every feed now; a `Delete` to other servers after commit if it was published here."""
    from federation.hooks import post_deleted
    from timelines.actions import remove_post_from_feeds

    remove_post_from_feeds(post.pk)
    if post.local and post.moderation_state == ModerationState.PUBLISHED:
        post_id, author_id, uri = post.pk, post.author_id, post.activity_uri()
        transaction.on_commit(lambda: post_deleted(post_id, author_id, uri))


def take_down(post: Post, state: str) -> str:
    """Out of every read path (feeds, counts, cached renderings, trends, other servers), into `state`
    (removed, or held by the second tier); returns the state it was in. Caller holds the row locked."""
    was = post.moderation_state
    unpublish(post)
    post.moderation_state = state
    post.save(update_fields=["moderation_state"])
    recount(post)
    render_cache.forget(post.pk)
    transaction.on_commit(forget_trends)
    return was


@transaction.atomic
def do_approve_post(
    post: Post,
    *,
    acting_user: User,
    reason: str = "",
    policy: str = "",
    queue_item: QueueItem | None = None,
    dismissal: bool = False,
) -> AuditEntry:
    """Publish a held post (or confirm a published one) and fan it out after commit.

    A dismissed report about a published post changes nothing and is recorded as a dismissal,
    not an approval (the transparency report counts them apart)."""
    check_moderator(acting_user)
    post = Post.objects.select_for_update().get(pk=post.pk)
    was = post.moderation_state
    if was != ModerationState.PUBLISHED:
        post.moderation_state = ModerationState.PUBLISHED
        post.save(update_fields=["moderation_state"])
        recount(post)
        render_cache.forget(post.pk)
        _publish_after_commit(post.pk)
    dismissed = dismissal and was == ModerationState.PUBLISHED
    entry = record(
        AuditEntry.Action.DISMISS if dismissed else AuditEntry.Action.APPROVE,
        acting_user=acting_user, post=post, queue_item=queue_item,
        reason=check_reason(reason), policy=policy, details={"was": was},
    )  # fmt: skip
    if was != ModerationState.PUBLISHED and post.author.is_local:
        from notifications.actions import do_notify
        from notifications.models import Notification

        author_id = post.author_id
        text = tell(post.author, gettext_noop("A moderator reviewed your post and published it."))
        transaction.on_commit(lambda: do_notify(author_id, author_id, Notification.Type.MODERATION, None, text=text))
    return entry


@transaction.atomic
def do_remove_post(
    post: Post,
    *,
    acting_user: User | None,
    reason: str,
    policy: str,
    queue_item: QueueItem | None = None,
    acting_label: str = "",
) -> AuditEntry:
    """Remove a post: nobody but moderators sees it again; it leaves every feed."""
    if acting_user is not None or not acting_label:
        check_moderator(acting_user)
    post = Post.objects.select_for_update().select_related("author").get(pk=post.pk)
    was = take_down(post, ModerationState.REMOVED)
    entry = record(
        AuditEntry.Action.REMOVE, acting_user=acting_user, acting_label=acting_label, post=post,
        queue_item=queue_item, category=queue_item.category if queue_item else "", reason=check_reason(reason),
        policy=policy, details={"was": was},
    )  # fmt: skip
    tell_author(entry)
    return entry


@transaction.atomic
def do_mark_sensitive(
    post: Post, *, acting_user: User, reason: str = "", policy: str = "", queue_item: QueueItem | None = None
) -> AuditEntry:
    """Put the post behind a content warning; a held post is published that way."""
    check_moderator(acting_user)
    post = Post.objects.select_for_update().get(pk=post.pk)
    was = post.moderation_state
    post.sensitive = True
    fields = ["sensitive"]
    if was == ModerationState.HELD:
        post.moderation_state = ModerationState.PUBLISHED
        fields.append("moderation_state")
        _publish_after_commit(post.pk)
    post.save(update_fields=fields)
    if was == ModerationState.HELD:
        recount(post)
    render_cache.forget(post.pk)
    entry = record(
        AuditEntry.Action.MARK_SENSITIVE, acting_user=acting_user, post=post, queue_item=queue_item,
        reason=check_reason(reason), policy=policy, details={"was": was},
    )  # fmt: skip
    tell_author(entry)
    return entry


def active_strikes(account: Account) -> int:
    since = timezone.now() - timedelta(days=config.STRIKE_WINDOW_DAYS)
    return Strike.objects.filter(account=account, revoked_at__isnull=True, created_at__gte=since).count()


@transaction.atomic
def do_warn(
    account: Account,
    *,
    acting_user: User,
    reason: str,
    policy: str,
    post: Post | None = None,
    queue_item: QueueItem | None = None,
    category: str = "",
) -> AuditEntry:
    """A strike. Reaching the configured number of strikes in 90 days suspends the account."""
    check_moderator(acting_user)
    count = active_strikes(account) + 1
    entry = record(
        AuditEntry.Action.WARN, acting_user=acting_user, account=account, post=post, queue_item=queue_item,
        category=category, reason=check_reason(reason), policy=policy,
        details={"strike": [count, config.strikes_to_suspend()]},
    )  # fmt: skip
    Strike.objects.create(account=account, audit=entry, category=category, reason=reason)
    tell_author(entry)
    if count >= config.strikes_to_suspend() and account.suspended_at is None:
        do_suspend(
            account,
            acting_user=acting_user,
            reason=_("%(n)d strikes in %(days)d days") % {"n": count, "days": config.STRIKE_WINDOW_DAYS},
            policy="strikes",
            queue_item=queue_item,
        )
    return entry


@transaction.atomic
def do_limit(
    account: Account, *, acting_user: User, reason: str, policy: str, queue_item: QueueItem | None = None
) -> AuditEntry:
    """Limit an account: its posts reach only its followers (timelines.feeds.within_reach) and
    face the strictest thresholds (limited raises its risk)."""
    check_moderator(acting_user)
    Account.objects.filter(pk=account.pk).update(limited=True)
    transaction.on_commit(forget_trends)
    account.limited = True
    entry = record(
        AuditEntry.Action.LIMIT, acting_user=acting_user, account=account, queue_item=queue_item,
        reason=check_reason(reason), policy=policy,
    )  # fmt: skip
    tell_author(entry)
    return entry


@transaction.atomic
def do_unlimit(account: Account, *, acting_user: User, reason: str = "", policy: str = "") -> AuditEntry:
    check_moderator(acting_user)
    Account.objects.filter(pk=account.pk).update(limited=False)
    transaction.on_commit(forget_trends)
    account.limited = False
    return record(
        AuditEntry.Action.UNLIMIT, acting_user=acting_user, account=account, reason=check_reason(reason), policy=policy
    )


@transaction.atomic
def do_suspend(
    account: Account, *, acting_user: User, reason: str, policy: str, queue_item: QueueItem | None = None
) -> AuditEntry:
    """Suspend: the account and its posts disappear from every read path (posts.access
    checks suspended_at). Reversible; its data is kept (docs/moderation.md: 30 days)."""
    check_moderator(acting_user)
    if account.is_local and account.user_id == acting_user.pk:
        raise ActionError(_("You cannot suspend yourself."))
    now = timezone.now()
    Account.objects.filter(pk=account.pk, suspended_at__isnull=True).update(suspended_at=now)
    transaction.on_commit(forget_trends)
    account.suspended_at = account.suspended_at or now
    entry = record(
        AuditEntry.Action.SUSPEND, acting_user=acting_user, account=account, queue_item=queue_item,
        reason=check_reason(reason), policy=policy,
        details={"data_kept_until": (now + timedelta(days=config.SUSPENDED_DATA_KEPT_DAYS)).isoformat()},
    )  # fmt: skip
    tell_author(entry)
    return entry


@transaction.atomic
def do_unsuspend(account: Account, *, acting_user: User, reason: str = "", policy: str = "") -> AuditEntry:
    check_moderator(acting_user)
    Account.objects.filter(pk=account.pk).update(suspended_at=None)
    transaction.on_commit(forget_trends)
    account.suspended_at = None
    return record(
        AuditEntry.Action.UNSUSPEND, acting_user=acting_user, account=account, reason=check_reason(reason),
        policy=policy,
    )  # fmt: skip
