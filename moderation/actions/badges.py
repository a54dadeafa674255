"""Granting and revoking badges (accounts/badges.py): administrators only, each change audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.badges import BADGES
from accounts.models import Account, User
from moderation.audit import record
from moderation.models import AuditEntry
from tribune.lib.errors import ActionError


def check_badge(badge: str) -> str:
    if badge not in BADGES:
        raise ActionError(_("No such badge: %(badge)s.") % {"badge": badge}, field="badge")
    return badge


def _check_admin(acting_user: User) -> None:
    if not acting_user.is_staff:
        raise ActionError(_("Only administrators grant and revoke badges."), status=403)


@transaction.atomic
def do_set_badge(account: Account, badge: str, granted: bool, *, acting_user: User, reason: str = "") -> bool:
    """Grant (or revoke) one badge; False when the account already had (or lacked) it, and then
    nothing is written. The actor Update goes out after commit, so remote servers show the change."""
    _check_admin(acting_user)
    check_badge(badge)
    if not account.is_local:
        raise ActionError(_("Badges are for local accounts only."), field="account")
    account = Account.objects.select_for_update().get(pk=account.pk)
    held = list(account.badges or [])
    if (badge in held) == granted:
        return False
    account.badges = [*held, badge] if granted else [b for b in held if b != badge]
    account.save(update_fields=["badges"])
    record(AuditEntry.Action.BADGE_GRANT if granted else AuditEntry.Action.BADGE_REVOKE, acting_user=acting_user,
           account=account, reason=reason, details={"badge": badge})  # fmt: skip
    from federation.hooks import account_updated

    account_id = account.pk
    transaction.on_commit(lambda: account_updated(account_id))
    return True
