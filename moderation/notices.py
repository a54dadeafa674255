"""What people are told: the author why a post was held or removed and how to
appeal; the reporter what came of a report. Sent after commit."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from moderation.models import AuditEntry


def appeal_url(entry: AuditEntry) -> str:
    return f"{settings.SITE_URL}/moderation/appeals/{entry.pk}"


def tell_author(entry: AuditEntry, *, headline: str, attach_post: bool = False) -> None:
    """Notify the account the decision concerns (local accounts only), after commit."""
    from notifications.actions import do_notify
    from notifications.models import Notification

    account = entry.target_account
    if account is None or not account.is_local:
        return
    parts = [headline]
    if entry.reason:
        parts.append(_("Reason: %(reason)s") % {"reason": entry.reason})
    if entry.policy:
        parts.append(_("Rule: %(policy)s") % {"policy": entry.policy})
    parts.append(_("You can appeal this decision once: %(url)s") % {"url": appeal_url(entry)})
    text = "\n".join(parts)
    account_id = account.pk
    # The first notice about a post links it; later ones do not, since a person gets
    # one notification per (type, post) and each decision must reach them.
    post_id = entry.target_post_id if attach_post else None
    transaction.on_commit(lambda: do_notify(account_id, account_id, Notification.Type.MODERATION, post_id, text=text))
