"""Words for the moderation app's stored codes (actions, categories, sources, priorities, states),
in the reader's language: the pages show these, the JSON and CSV keep the codes. The reasons the
code writes itself (a report's category, a scorer's explanation, a campaign) are stored in
English and put into the reader's language here (`reason_text`)."""

import re

from django import template
from django.utils import formats, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from moderation.models import Category

register = template.Library()

ACTIONS = {
    "hold": _("held for review"),
    "queue": _("queued for review"),
    "approve": _("approved"),
    "remove": _("removed"),
    "mark_sensitive": _("marked sensitive"),
    "warn": _("warned"),
    "limit": _("limited"),
    "unlimit": _("limit lifted"),
    "suspend": _("suspended"),
    "unsuspend": _("suspension lifted"),
    "escalate": _("escalated"),
    "dismiss": _("dismissed (no breach found)"),
    "report": _("reported"),
    "flag": _("hidden at a trusted flagger’s request"),
    "appeal": _("appealed"),
    "appeal_upheld": _("appeal upheld"),
    "appeal_reversed": _("appeal accepted, decision reversed"),
    "rules_changed": _("rules changed"),
    "model_replaced": _("model replaced"),
    "model_kept": _("model kept"),
    "purge": _("old entries purged"),
    "badge_grant": _("badge granted"),
    "badge_revoke": _("badge revoked"),
}
CATEGORIES = {
    "violence": _("Violence or threat"),
    "incitement": _("Incitement to violence"),
    "hate": _("Hate"),
    "harassment": _("Harassment"),
    "spam": _("Spam"),
    "illegal": _("Illegal content"),
    "other": pgettext_lazy("category", "Other"),
}
SOURCES = {
    "trusted_flagger": _("Trusted flagger"),
    "person": _("People on this server"),
    "remote": _("Other servers"),
    "automated": _("Automated detection"),
}
BANDS = {
    "trusted flagger": _("Trusted flagger"),
    "urgent": _("Urgent"),
    "normal": _("Normal"),
}
STATES = {
    "open": pgettext_lazy("queue item", "open"),
    "resolved": pgettext_lazy("queue item", "resolved"),
    "pending": pgettext_lazy("appeal", "pending"),
    "upheld": pgettext_lazy("appeal", "upheld"),
    "reversed": pgettext_lazy("appeal", "reversed"),
    "published": pgettext_lazy("post", "published"),
    "held": pgettext_lazy("post", "held"),
    "removed": pgettext_lazy("post", "removed"),
    "post": pgettext_lazy("queue item", "post"),
    "account": pgettext_lazy("queue item", "account"),
    "campaign": pgettext_lazy("queue item", "campaign"),
}
DECISIONS = {
    "approve": _("Approve"),
    "remove": _("Remove"),
    "sensitive": _("Mark sensitive"),
    "warn": _("Warn"),
    "limit": _("Limit"),
    "suspend": _("Suspend"),
    "escalate": _("Escalate"),
    "dismiss": _("Dismiss"),
}


def _label(table: dict, code: object) -> str:
    return str(table.get(str(code), code))


@register.filter
def action_label(code: object) -> str:
    return _label(ACTIONS, code)


@register.filter
def category_label(code: object) -> str:
    return _label(CATEGORIES, code)


@register.filter
def source_label(code: object) -> str:
    return _label(SOURCES, code)


@register.filter
def band_label(code: object) -> str:
    return _label(BANDS, code)


@register.filter
def state_label(code: object) -> str:
    return _label(STATES, code)


@register.filter
def decision_label(code: object) -> str:
    return _label(DECISIONS, code)


# The reasons written by the code (moderation.actions.reports, moderation.policy, moderation.neardup).
REPORTED = re.compile(r"^Reported for (?P<label>[^:]+)(?P<comment>:.*)?$")
SCORED = re.compile(
    r"(?P<category>[a-z]+) score (?P<score>[0-9.]+) reached the (?P<outcome>[a-z]+) threshold "
    r"(?P<threshold>[0-9.]+) \(account risk (?P<risk>[0-9.]+)\)"
)
REPOST = re.compile(r"; re-post of removed post (?P<post>\d+)")
CAMPAIGN = re.compile(
    r"^(?P<posts>\d+) similar posts from (?P<accounts>\d+) accounts \((?P<new>\d+) new\) within 24 hours$"
)
OUTCOMES = {
    "review": pgettext_lazy("threshold", "review"),
    "hold": pgettext_lazy("threshold", "hold"),
    "urgent": pgettext_lazy("threshold", "urgent"),
}
with translation.override(None):  # the English labels the stored reasons were written with
    CATEGORY_CODES = {str(label): code for code, label in Category.choices}


def _number(value: str) -> str:
    return formats.number_format(float(value), 2, use_l10n=True)


def _scored(m: re.Match) -> str:
    return gettext(
        "%(category)s: score %(score)s reached the %(outcome)s threshold %(threshold)s (account risk %(risk)s)"
    ) % {
        "category": category_label(m["category"]),
        "score": _number(m["score"]),
        "outcome": _label(OUTCOMES, m["outcome"]),
        "threshold": _number(m["threshold"]),
        "risk": _number(m["risk"]),
    }


def _line(line: str) -> str:
    if (m := REPORTED.match(line)) and m["label"] in CATEGORY_CODES:
        category = category_label(CATEGORY_CODES[m["label"]])
        if m["comment"]:
            comment = m["comment"][1:].strip()
            return gettext("Reported for %(category)s: %(comment)s") % {"category": category, "comment": comment}
        return gettext("Reported for %(category)s") % {"category": category}
    if m := CAMPAIGN.match(line):
        return (
            gettext("%(posts)s similar posts from %(accounts)s accounts (%(new)s new) within 24 hours") % m.groupdict()
        )
    line = SCORED.sub(_scored, line)
    return REPOST.sub(lambda m: "; " + gettext("re-post of removed post %(post)s") % m.groupdict(), line)


@register.filter
def reason_text(reason: object) -> str:
    """A queue item's or decision's reason in the reader's language: the parts the code wrote are
    translated, what people wrote (a comment, a moderator's words, a rule's id) is left as it is."""
    return "\n".join(_line(line) for line in str(reason or "").split("\n"))
