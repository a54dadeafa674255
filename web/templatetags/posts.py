"""`{% post_body item %}`: the part of a post that is the same for every reader, rendered once.

Django's templates take about half a millisecond per post; a page shows twenty. The body of a
post (author, time, content, media, quote) is cached under a digest of everything
`web/_post_body.html` reads: the key changes with the content, so an edit, a rename, a removed
quote or another language simply misses, and nothing needs invalidating. The buttons (the
reader's own state, forms with their CSRF token) are rendered every time, outside it.
`BODY_FIELDS` must name every value the template reads: tests/web/test_post_body_cache.py
renders the template through a recorder and fails on any value missing from the key.
"""

import functools
import hashlib
from typing import Any

from django import template
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from web.templatetags.times import ago

register = template.Library()

TEMPLATE = "web/_post_body.html"
TIMEOUT = 24 * 3600


@functools.cache
def template_digest() -> str:
    """The body template's own source is part of every key: an upgrade that changes its markup
    never serves fragments rendered by the old one."""
    source = get_template(TEMPLATE).template.source  # type: ignore[attr-defined]  # Django backend
    return hashlib.sha256(source.encode()).hexdigest()[:16]


# What the body template reads: from `item.post` (the post, or the echo), `item.shown` (the
# post shown), `item.quote` (the quoted post, if the reader may see it), and of each of
# `item.media` / `item.quote_media`.
POST_FIELDS = ("pk", "reblog_of_id", "author.name")
SHOWN_FIELDS = (
    "pk",
    "author.avatar_url",
    "author.acct",
    "author.name",
    "author.badges",  # read by {% badges %}, with is_local
    "author.is_local",
    "created_at",
    "in_reply_to_account_id",
    "visibility",
    "moderation_state",
    "spoiler_text",
    "language",
    "content",
    "sensitive",
    "quote_of_id",
    "edited_at",
)
ITEM_FIELDS = ("reply_to",)  # the acct of the account replied to, read by decorate()
QUOTE_FIELDS = ("pk", "author.acct", "author.name", "author.badges", "author.is_local", "spoiler_text", "content")
MEDIA_FIELDS = ("file_url", "thumbnail_url", "description", "width", "height")
QUOTE_MEDIA_FIELDS = ("thumbnail_url", "description")
# The link preview card, fetched after publication: the body rendered before it came is not reused.
CARD_FIELDS = ("url", "image", "image_url", "image_width", "image_height", "domain", "title", "description")


def _value(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = getattr(obj, name)
        if callable(obj):
            obj = obj()
    return obj


def _values(obj: Any, fields: tuple[str, ...]) -> tuple:
    return tuple(_value(obj, f) for f in fields) if obj is not None else ()


def fingerprint(item: Any, hide_reply_line: bool, language_code: str) -> str:
    """A digest of everything the body template reads, and of the language and time zone."""
    parts = (
        template_digest(),
        get_language(),
        timezone.get_current_timezone_name(),
        bool(hide_reply_line),
        language_code,
        _values(item.post, POST_FIELDS),
        _values(item.shown, SHOWN_FIELDS),
        _values(item.quote, QUOTE_FIELDS),
        tuple(_values(m, MEDIA_FIELDS) for m in item.media),
        tuple(_values(m, QUOTE_MEDIA_FIELDS) for m in item.quote_media),
        _values(item, ITEM_FIELDS),
        _values(item.card, CARD_FIELDS),
        ago(item.shown.created_at),  # "3 min" becomes "4 min": a new fragment
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def render_body(item: Any, hide_reply_line: bool, language_code: str) -> str:
    return render_to_string(
        TEMPLATE, {"item": item, "hide_reply_line": hide_reply_line, "LANGUAGE_CODE": language_code}
    )


@register.simple_tag(takes_context=True)
def post_body(context: template.Context, item: Any) -> SafeString:
    hide_reply_line = bool(context.get("hide_reply_line"))
    language_code = str(context.get("LANGUAGE_CODE") or "")
    key = "post-body:" + fingerprint(item, hide_reply_line, language_code)
    html = cache.get(key)
    if html is None:
        html = render_body(item, hide_reply_line, language_code)
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308  # rendered by our own template, which escapes
