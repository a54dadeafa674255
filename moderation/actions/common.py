"""Helpers shared by the moderation actions."""

from django.utils.translation import gettext as _

from accounts.models import User
from moderation.queue import is_moderator
from tribune.lib.errors import ActionError, Forbidden

MAX_REASON = 2000


def check_moderator(user: User | None) -> User:
    if user is None or not is_moderator(user):
        raise Forbidden(_("Only moderators can do this."))
    return user


def check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ActionError(_("A reason has at most %(max)d characters.") % {"max": MAX_REASON}, field="reason")
    return reason
