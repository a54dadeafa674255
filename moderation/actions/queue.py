"""Deciding queue items: one call per key on the moderator page."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from moderation.actions.common import check_moderator, check_reason
from moderation.actions.decisions import (
    do_approve_post,
    do_limit,
    do_mark_sensitive,
    do_remove_post,
    do_suspend,
    do_warn,
)
from moderation.actions.reports import tell_reporters
from moderation.audit import record
from moderation.models import AuditEntry, QueueItem
from moderation.queue import refresh_priority
from tribune.lib.errors import ActionError

DECISIONS = ("approve", "remove", "sensitive", "warn", "limit", "suspend", "escalate", "dismiss")
OUTCOME_TEXT = {
    "approve": gettext_noop("Thank you for your report. The moderators found no breach of this server’s rules."),
    "dismiss": gettext_noop("Thank you for your report. The moderators found no breach of this server’s rules."),
    "remove": gettext_noop("Thank you for your report. The moderators removed what you reported."),
    "sensitive": gettext_noop("Thank you for your report. The moderators put what you reported behind a warning."),
    "warn": gettext_noop("Thank you for your report. The moderators warned its author."),
    "limit": gettext_noop("Thank you for your report. The moderators limited the account you reported."),
    "suspend": gettext_noop("Thank you for your report. The moderators suspended the account you reported."),
}


def check_decision(decision: str) -> str:
    if decision not in DECISIONS:
        raise ActionError(_("Unknown decision."), field="decision")
    return decision


@transaction.atomic
def do_decide(item: QueueItem, decision: str, *, acting_user: User, reason: str = "", policy: str = "") -> QueueItem:
    """Apply a decision to a queue item and close it (escalate keeps it open, higher).

    Locks the item; refuses if it is closed or another moderator holds a live claim."""
    check_moderator(acting_user)
    check_decision(decision)
    reason = check_reason(reason)
    item = QueueItem.objects.select_for_update(of=("self",)).select_related("post", "account").get(pk=item.pk)
    now = timezone.now()
    if item.state != QueueItem.State.OPEN:
        raise ActionError(_("This item was already decided."), status=409)
    if item.claimed_by_id not in (None, acting_user.pk) and item.claim_expires_at and item.claim_expires_at > now:
        raise ActionError(_("Another moderator is handling this item."), status=409)
    policy = policy or item.category
    posts = list(item.posts.all()) if item.kind == QueueItem.Kind.CAMPAIGN else ([item.post] if item.post else [])
    accounts = {p.author_id: p.author for p in posts} or {item.account_id: item.account}
    if decision == "escalate":
        item.escalated = True
        item.claimed_by = None
        item.claim_expires_at = None
        item.first_action_at = item.first_action_at or now
        refresh_priority(item)
        item.save()
        record(AuditEntry.Action.ESCALATE, acting_user=acting_user, account=item.account, post=item.post,
               queue_item=item, category=item.category, reason=reason, policy=policy)  # fmt: skip
        return item
    if decision in ("approve", "dismiss"):
        for post in posts:
            do_approve_post(
                post, acting_user=acting_user, reason=reason, policy=policy, queue_item=item,
                dismissal=decision == "dismiss",
            )  # fmt: skip
        if not posts:
            record(AuditEntry.Action.DISMISS, acting_user=acting_user, account=item.account, queue_item=item,
                   category=item.category, reason=reason, policy=policy)  # fmt: skip
    elif decision == "sensitive":
        if not posts:
            raise ActionError(_("There is no post to mark sensitive."), field="decision")
        for post in posts:
            do_mark_sensitive(post, acting_user=acting_user, reason=reason, policy=policy, queue_item=item)
    else:
        # Remove, warn, limit and suspend all take the offending posts down first.
        for post in posts:
            do_remove_post(post, acting_user=acting_user, reason=reason, policy=policy, queue_item=item)
        for account in accounts.values():
            if decision == "warn":
                do_warn(account, acting_user=acting_user, reason=reason, policy=policy, queue_item=item,
                        post=item.post, category=item.category)  # fmt: skip
            elif decision == "limit":
                do_limit(account, acting_user=acting_user, reason=reason, policy=policy, queue_item=item)
            elif decision == "suspend":
                do_suspend(account, acting_user=acting_user, reason=reason, policy=policy, queue_item=item)
    item.state = QueueItem.State.RESOLVED
    item.decision = decision
    item.resolved_at = now
    item.first_action_at = item.first_action_at or now
    item.claimed_by = None
    item.claim_expires_at = None
    item.save()
    tell_reporters(item, decision, OUTCOME_TEXT.get(decision, OUTCOME_TEXT["dismiss"]))
    return item
