"""Appeals: once per decision, by the person it concerned, decided by another moderator when there is one."""

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Account, User
from moderation.actions.common import check_moderator, check_reason
from moderation.actions.decisions import do_approve_post, do_unlimit, do_unsuspend
from moderation.audit import record
from moderation.models import Appeal, AuditEntry, QueueItem, Strike
from posts.models import Post
from tribune.lib.errors import ActionError, Forbidden, NotFound

APPEALABLE = {
    AuditEntry.Action.HOLD,
    AuditEntry.Action.REMOVE,
    AuditEntry.Action.MARK_SENSITIVE,
    AuditEntry.Action.WARN,
    AuditEntry.Action.LIMIT,
    AuditEntry.Action.SUSPEND,
}
MAX_APPEAL = 2000


def access_appealable(account: Account, entry_id: int | str) -> AuditEntry:
    """The decision, if it concerned this account and can be appealed; NotFound otherwise."""
    try:
        entry = AuditEntry.objects.select_related("target_post").get(pk=int(entry_id), target_account=account)
    except (AuditEntry.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound("Record not found") from None
    if entry.action not in APPEALABLE:
        raise NotFound("Record not found")
    return entry


@transaction.atomic
def do_appeal(account: Account, entry: AuditEntry, text: str) -> Appeal:
    if entry.target_account_id != account.pk or entry.action not in APPEALABLE:
        raise NotFound("Record not found")
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Say why the decision is wrong."), field="text")
    if len(text) > MAX_APPEAL:
        raise ActionError(_("An appeal has at most %(max)d characters.") % {"max": MAX_APPEAL}, field="text")
    if Appeal.objects.filter(decision=entry).exists():
        raise ActionError(_("This decision was already appealed."), status=409)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(decision=entry, account=account, text=text)
    except IntegrityError:
        raise ActionError(_("This decision was already appealed."), status=409) from None
    record(
        AuditEntry.Action.APPEAL, acting_user=account.user if account.is_local else None,
        acting_label="" if account.is_local else f"remote:{account.acct}", account=account,
        post=entry.target_post, reason=text[:500], details={"appeal_id": appeal.pk, "decision_id": entry.pk},
    )  # fmt: skip
    return appeal


def other_moderators(user: User) -> "QuerySet[User]":
    """The active moderators besides `user`: when there are none, a lone moderator decides appeals
    of their own decisions (audited as a self-review) rather than leave them pending forever."""
    return User.objects.filter(Q(is_moderator=True) | Q(is_staff=True), is_active=True).exclude(pk=user.pk)


def _reverse(entry: AuditEntry, *, acting_user: User, reason: str) -> None:
    account = entry.target_account
    post: Post | None = entry.target_post
    action = entry.action
    if action in (AuditEntry.Action.HOLD, AuditEntry.Action.REMOVE) and post is not None:
        do_approve_post(post, acting_user=acting_user, reason=reason, policy="appeal")
        # The post's open queue items are settled by the same decision.
        QueueItem.objects.filter(post=post, state=QueueItem.State.OPEN).update(
            state=QueueItem.State.RESOLVED, decision="approve", resolved_at=timezone.now(),
            first_action_at=Coalesce("first_action_at", Value(timezone.now())), claimed_by=None,
        )  # fmt: skip
    elif action == AuditEntry.Action.MARK_SENSITIVE and post is not None:
        Post.objects.filter(pk=post.pk).update(sensitive=False)
    elif action == AuditEntry.Action.WARN:
        Strike.objects.filter(audit=entry).update(revoked_at=timezone.now())
    elif action == AuditEntry.Action.LIMIT and account is not None:
        do_unlimit(account, acting_user=acting_user, reason=reason, policy="appeal")
    elif action == AuditEntry.Action.SUSPEND and account is not None:
        do_unsuspend(account, acting_user=acting_user, reason=reason, policy="appeal")


@transaction.atomic
def do_decide_appeal(appeal: Appeal, *, acting_user: User, reverse: bool, reason: str = "") -> Appeal:
    check_moderator(acting_user)
    reason = check_reason(reason)
    appeal = Appeal.objects.select_for_update().select_related("decision", "account").get(pk=appeal.pk)
    if appeal.state != Appeal.State.PENDING:
        raise ActionError(_("This appeal was already decided."), status=409)
    self_review = appeal.decision.acting_user_id == acting_user.pk
    if self_review and other_moderators(acting_user).exists():
        raise Forbidden(_("A different moderator must decide an appeal against your own decision."))
    if reverse:
        _reverse(appeal.decision, acting_user=acting_user, reason=reason)
    appeal.state = Appeal.State.REVERSED if reverse else Appeal.State.UPHELD
    appeal.decided_by = acting_user
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["state", "decided_by", "decided_at"])
    record(
        AuditEntry.Action.APPEAL_REVERSED if reverse else AuditEntry.Action.APPEAL_UPHELD,
        acting_user=acting_user, account=appeal.account, post=appeal.decision.target_post, reason=reason,
        details={"appeal_id": appeal.pk, "decision_id": appeal.decision_id} | ({"self_review": True} if self_review else {}),
    )  # fmt: skip
    if appeal.account.is_local:
        from moderation.notices import tell
        from notifications.actions import do_notify
        from notifications.models import Notification

        text = tell(
            appeal.account,
            gettext_noop("Your appeal was accepted: the decision is reversed.")
            if reverse
            else gettext_noop("Your appeal was reviewed: the decision stands."),
        )
        if reason:
            text += "\n" + tell(appeal.account, gettext_noop("The moderator’s note: %(note)s"), note=reason)
        account_id = appeal.account_id
        transaction.on_commit(lambda: do_notify(account_id, account_id, Notification.Type.MODERATION, None, text=text))
    return appeal
