"""Notification policy and requests (Mastodon 4.3): what happens to notifications from strangers.

Each of the five conditions (the sender is not followed, does not follow, is new, sends a private
mention, is limited by a moderator) says `accept`, `filter` or `drop`. A dropped notification is not
stored; a filtered one is stored with `filtered` set and counted in a `NotificationRequest` from its
sender, which the person accepts (its notifications join the list and later ones are accepted, through
a `NotificationPermission`) or dismisses (its notifications are deleted). As in Mastodon, the policy
never touches notifications from accounts one follows for the private-mention, new and limited
conditions, from staff, or of the kinds every person must see (polls, edits, moderation notices)."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import Account, Follow
from notifications.models import Notification, NotificationPermission, NotificationPolicy, NotificationRequest
from posts.models import Post
from tribune.lib.errors import ActionError

ACCEPT, FILTER, DROP = (
    NotificationPolicy.Action.ACCEPT,
    NotificationPolicy.Action.FILTER,
    NotificationPolicy.Action.DROP,
)
POLICY_FIELDS = ("for_not_following", "for_not_followers", "for_new_accounts", "for_private_mentions",
                 "for_limited_accounts")  # fmt: skip
UNFILTERED_KINDS = {
    Notification.Type.POLL,
    Notification.Type.UPDATE,
    Notification.Type.MODERATION,
    Notification.Type.ADMIN_REPORT,
}
NEW_ACCOUNT_AGE = timedelta(days=30)
MAX_REQUESTS_COUNTED = 100


def policy_of(account: Account) -> NotificationPolicy:
    """The person's policy (an unsaved one with the defaults when they never changed it)."""
    return NotificationPolicy.objects.filter(account=account).first() or NotificationPolicy(account=account)


def check_policy(changes: dict[str, Any]) -> dict[str, str]:
    """The fields to change; a value other than accept, filter or drop is a 422 naming its field."""
    valid = {}
    for field in POLICY_FIELDS:
        value = changes.get(field)
        if value is None:
            continue
        if value not in NotificationPolicy.Action.values:
            raise ActionError(f"{field} must be accept, filter or drop", field=field)
        valid[field] = str(value)
    return valid


def do_update_policy(account: Account, changes: dict[str, str]) -> NotificationPolicy:
    policy = policy_of(account)
    for field, value in changes.items():
        setattr(policy, field, value)
    policy.save()
    return policy


def decide(recipient_id: int, actor_id: int, kind: str, post_id: int | None) -> str:
    """accept, filter or drop a notification, by the recipient's policy."""
    if kind in UNFILTERED_KINDS:
        return ACCEPT
    policy = NotificationPolicy.objects.filter(account_id=recipient_id).first()
    if policy is None or all(getattr(policy, f) == ACCEPT for f in POLICY_FIELDS):
        return ACCEPT  # most people: nothing to look up
    actor = Account.objects.select_related("user").filter(pk=actor_id).first()
    if actor is None or (actor.user is not None and (actor.user.is_moderator or actor.user.is_staff)):
        return ACCEPT
    if NotificationPermission.objects.filter(account_id=recipient_id, from_account_id=actor_id).exists():
        return ACCEPT
    accepted = Follow.objects.filter(state=Follow.State.ACCEPTED)
    not_following = not accepted.filter(follower_id=recipient_id, target_id=actor_id).exists()
    not_follower = not accepted.filter(follower_id=actor_id, target_id=recipient_id).exists()
    private_mention = False
    if post_id is not None and kind in (Notification.Type.MENTION, Notification.Type.REPLY):
        post = Post.objects.filter(pk=post_id).values("visibility", "in_reply_to_account_id").first()
        # A reply to one of the recipient's own posts answers them: not a stranger's private mention.
        if post is not None:
            private_mention = post["visibility"] == "direct" and post["in_reply_to_account_id"] != recipient_id
    met = [
        (policy.for_not_following, not_following),
        (policy.for_not_followers, not_follower),
        (policy.for_new_accounts, not_following and actor.created_at > timezone.now() - NEW_ACCOUNT_AGE),
        (policy.for_private_mentions, not_following and private_mention),
        (policy.for_limited_accounts, not_following and actor.limited),
    ]
    actions = {action for action, condition in met if condition}
    if DROP in actions:
        return DROP
    return FILTER if FILTER in actions else ACCEPT


def record_filtered(notification: Notification) -> None:
    """Count a filtered notification in the request from its actor (made if need be)."""
    request, made = NotificationRequest.objects.get_or_create(
        account_id=notification.recipient_id,
        from_account_id=notification.actor_id,
        defaults={"last_post_id": notification.post_id},
    )
    if not made:
        if notification.post_id:
            request.last_post_id = notification.post_id
        request.save(update_fields=["last_post", "updated_at"])


def pending_requests(account: Account) -> Any:
    """Requests from senders still there and not blocked either way (nor on a server the person blocked)."""
    from accounts.access import blocks

    return NotificationRequest.objects.filter(
        blocks(account).excluding("from_account"),
        account=account, from_account__suspended_at__isnull=True, from_account__deleted_at__isnull=True,
    )  # fmt: skip


def summary(account: Account) -> dict[str, int]:
    filtered = Notification.objects.filter(recipient=account, filtered=True, dismissed=False)
    requests = pending_requests(account).values_list("id", flat=True)[:MAX_REQUESTS_COUNTED]
    return {"pending_notifications_count": filtered.count(), "pending_requests_count": len(requests)}


@transaction.atomic
def do_accept_requests(account: Account, request_ids: list[int]) -> int:
    """Accept requests: their notifications join the list, and the senders' later ones are accepted."""
    requests = list(NotificationRequest.objects.select_for_update().filter(account=account, pk__in=request_ids))
    senders = [r.from_account_id for r in requests]
    for sender in senders:
        NotificationPermission.objects.get_or_create(account=account, from_account_id=sender)
    Notification.objects.filter(recipient=account, actor_id__in=senders, filtered=True).update(filtered=False)
    NotificationRequest.objects.filter(pk__in=[r.pk for r in requests]).delete()
    return len(requests)


@transaction.atomic
def do_dismiss_requests(account: Account, request_ids: list[int]) -> int:
    """Dismiss requests: their notifications are deleted; the senders' later ones are filtered again."""
    requests = list(NotificationRequest.objects.select_for_update().filter(account=account, pk__in=request_ids))
    senders = [r.from_account_id for r in requests]
    Notification.objects.filter(recipient=account, actor_id__in=senders, filtered=True).delete()
    NotificationRequest.objects.filter(pk__in=[r.pk for r in requests]).delete()
    return len(requests)
