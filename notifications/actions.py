"""Creating and reading notifications."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts.models import Account, Block, DomainBlock, Mute
from notifications.models import Notification
from notifications.policy import DROP, FILTER, decide, record_filtered


def do_notify(
    recipient_id: int,
    actor_id: int,
    kind: str,
    post_id: int | None = None,
    text: str = "",
    decision_id: int | None = None,
) -> Notification | None:
    """Notify a local person, unless they are the actor, blocked or muted the actor or blocked its server,
    or their notification policy drops it (or filters it: then it waits in a request, notifications/policy.py).

    Idempotent: the same (recipient, actor, type, post) notifies once."""
    if recipient_id == actor_id and kind not in (Notification.Type.MODERATION, Notification.Type.POLL):
        return None
    recipient = Account.objects.filter(pk=recipient_id, domain="", deleted_at__isnull=True).first()
    if recipient is None:
        return None
    if Block.objects.filter(
        Q(account_id=recipient_id, target_id=actor_id) | Q(account_id=actor_id, target_id=recipient_id)
    ).exists():
        return None
    if Mute.objects.filter(account_id=recipient_id, target_id=actor_id, notifications=True).exists():
        return None
    actor_domain = Account.objects.filter(pk=actor_id).values("domain")[:1]
    if DomainBlock.objects.filter(account_id=recipient_id, domain=actor_domain).exists():
        return None
    if post_id is not None and kind != Notification.Type.POLL:
        from posts.pins import is_conversation_muted

        if is_conversation_muted(recipient_id, post_id):
            return None
    existing = Notification.objects.filter(recipient_id=recipient_id, actor_id=actor_id, type=kind)
    existing = existing.filter(post__isnull=True) if post_id is None else existing.filter(post_id=post_id)
    if kind != Notification.Type.MODERATION and existing.exists():
        return existing.first()
    decision = decide(recipient_id, actor_id, kind, post_id)
    if decision == DROP:
        return None
    try:
        with transaction.atomic():
            made = Notification.objects.create(
                recipient_id=recipient_id,
                actor_id=actor_id,
                type=kind,
                post_id=post_id,
                text=text,
                decision_id=decision_id,
                filtered=decision == FILTER,
            )
    except IntegrityError:
        return existing.first()
    if made.filtered:
        record_filtered(made)
    else:
        transaction.on_commit(lambda: queue_pushes(made.pk))
    return made


def queue_pushes(notification_id: int) -> None:
    """Web Push to the recipient's subscribed apps (notifications/push_delivery.py)."""
    from notifications.push_delivery import queue_pushes as queue

    queue(notification_id)


def notify_later(recipient_id: int, actor_id: int, kind: str, post_id: int | None = None) -> None:
    """Notify after the current transaction commits."""
    transaction.on_commit(lambda: do_notify(recipient_id, actor_id, kind, post_id))


def unread_count(account: Account) -> int:
    return Notification.objects.filter(recipient=account, read=False, dismissed=False, filtered=False).count()


def do_mark_read(account: Account, up_to_id: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=account, read=False)
    if up_to_id is not None:
        qs = qs.filter(pk__lte=up_to_id)
    return qs.update(read=True)


def do_dismiss(account: Account, notification_id: int) -> bool:
    return Notification.objects.filter(recipient=account, pk=notification_id).update(dismissed=True) > 0


def do_clear(account: Account) -> int:
    return Notification.objects.filter(recipient=account, filtered=False).update(dismissed=True)
