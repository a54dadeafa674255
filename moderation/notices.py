"""What people are told: the author why a post was held or removed and how to
appeal; the reporter what came of a report. Sent after commit.

A notice is written for the person it concerns: in their language (their setting,
else the instance's), saying what happened and which of the instance's rules it
is about, in plain words. The scorers' internals (scores, thresholds, rule ids)
stay in the audit log for the moderators; a moderator's own note is passed on."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import Account
from moderation.models import AuditEntry, Category

HEADLINES = {
    AuditEntry.Action.HOLD: gettext_lazy(
        "Your post is held until a moderator reviews it. Until then only you can see it."
    ),
    AuditEntry.Action.REMOVE: gettext_lazy("A moderator removed your post."),
    AuditEntry.Action.MARK_SENSITIVE: gettext_lazy("A moderator put your post behind a content warning."),
    AuditEntry.Action.WARN: gettext_lazy("A moderator gave you a warning."),
    AuditEntry.Action.LIMIT: gettext_lazy(
        "A moderator limited your account: your posts now reach only your followers."
    ),
    AuditEntry.Action.SUSPEND: gettext_lazy("A moderator suspended your account."),
}

# The instance's rule each category of decision enforces, as the person reads it.
RULES = {
    Category.VIOLENCE: pgettext_lazy("rule", "No threats of violence against anyone."),
    Category.INCITEMENT: pgettext_lazy("rule", "No calls or incitement to violence."),
    Category.HATE: pgettext_lazy("rule", "No hatred against people for who they are."),
    Category.HARASSMENT: pgettext_lazy("rule", "No harassment."),
    Category.SPAM: pgettext_lazy("rule", "No spam."),
    Category.ILLEGAL: pgettext_lazy("rule", "Nothing illegal."),
}


def appeal_path(entry: AuditEntry) -> str:
    return reverse("moderation:appeal", kwargs={"entry_id": entry.pk})


def appeal_url(entry: AuditEntry) -> str:
    return f"{settings.SITE_URL}{appeal_path(entry)}"


def language_of(account: Account) -> str:
    user = account.user if account.user_id else None
    chosen = getattr(user, "language", "") or ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def rule_of(entry: AuditEntry) -> str:
    category = entry.category or (entry.queue_item.category if entry.queue_item_id and entry.queue_item else "")
    rule = RULES.get(category)  # type: ignore[call-overload]  # a stored string, maybe no category
    return str(rule) if rule else ""


def moderator_note(entry: AuditEntry) -> str:
    """What a moderator wrote: passed on. An automated decision's explanation is not (scores, thresholds)."""
    return entry.reason if entry.acting_user_id else ""


def describe(entry: AuditEntry) -> dict[str, Any]:
    """The notice's parts in the active language, for the notifications page."""
    strike = entry.details.get("strike") if isinstance(entry.details, dict) else None
    headline = str(HEADLINES.get(entry.action, ""))  # type: ignore[call-overload]  # a stored string
    if entry.action == AuditEntry.Action.WARN and isinstance(strike, list) and len(strike) == 2:
        headline = _("A moderator gave you a warning (strike %(n)d of %(max)d).") % {"n": strike[0], "max": strike[1]}
    return {"headline": headline, "rule": rule_of(entry), "note": moderator_note(entry)}


def notice_text(entry: AuditEntry) -> str:
    """The notice as plain text (the API's moderation warning, Web Push), in the active language."""
    parts = describe(entry)
    lines = [parts["headline"]]
    if parts["rule"]:
        lines.append(_("The rule of this server it concerns: %(rule)s") % {"rule": parts["rule"]})
    if parts["note"]:
        lines.append(_("The moderator’s note: %(note)s") % {"note": parts["note"]})
    lines.append(_("If you think this is a mistake, you can appeal once: %(url)s") % {"url": appeal_url(entry)})
    return "\n".join(lines)


def tell_author(entry: AuditEntry, *, attach_post: bool = False) -> None:
    """Notify the account the decision concerns (local accounts only), after commit."""
    from notifications.actions import do_notify
    from notifications.models import Notification

    account = entry.target_account
    if account is None or not account.is_local:
        return
    with translation.override(language_of(account)):
        text = notice_text(entry)
    account_id = account.pk
    entry_id = entry.pk
    # The first notice about a post links it; later ones do not, since a person gets
    # one notification per (type, post) and each decision must reach them.
    post_id = entry.target_post_id if attach_post else None
    transaction.on_commit(
        lambda: do_notify(
            account_id, account_id, Notification.Type.MODERATION, post_id, text=text, decision_id=entry_id
        )
    )


def tell(account: Account, message: str, **params: Any) -> str:
    """A short moderation message (`message` untranslated) in the person's language."""
    with translation.override(language_of(account)):
        return _(message) % params if params else _(message)
