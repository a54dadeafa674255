"""Badges administrators grant to local accounts: *verified* (their identity was checked), *organisation*
and *parody*. They are granted and revoked only through `moderation.actions.badges` (audited); profile
editing never touches them, so the holder of a parody badge cannot remove or hide it. A remote
account never has one: what another server says about its actor is not shown as a badge."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Account

VERIFIED, ORGANISATION, PARODY = "verified", "organisation", "parody"
BADGES = (VERIFIED, ORGANISATION, PARODY)
LABELS: dict[str, Promise] = {
    VERIFIED: _("Identity verified"),
    ORGANISATION: _("Organisation"),
    PARODY: _("Parody account"),
}
ICONS = {VERIFIED: "badge-check", ORGANISATION: "building", PARODY: "drama"}


def badges_of(account: Account) -> list[str]:
    """The account's badges in a fixed order; none for a remote account."""
    if not account.is_local:
        return []
    held = set(account.badges or [])
    return [badge for badge in BADGES if badge in held]
