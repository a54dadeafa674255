"""Words for the moderation app's stored codes (actions, categories, sources, priorities, states),
in the reader's language: the pages show these, the JSON and CSV keep the codes."""

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
