"""Announcements: notices the administrators write for every local person, which each person may
dismiss (mark read) and react to with a unicode emoji, as Mastodon's announcements.

Administrators write them with `tribune announcements add|list|remove`; the API lists the published
ones that have not ended (api/views/announcements.py).
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.actions import _mention_url
from accounts.models import Account, Announcement, AnnouncementReaction, AnnouncementRead, User
from tribune.lib.errors import ActionError, Forbidden, NotFound
from tribune.lib.text import render_post_text

MAX_TEXT = 5000
# Mastodon's ReactionValidator: at most this many different emoji on one announcement.
MAX_DISTINCT_REACTIONS = 8

# Code points that start an emoji (pictographs, symbols, regional indicators), and those that may
# follow one inside it (joiner, variation selectors, skin tones, keycap, tag sequences).
_EMOJI_START = (
    (0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2300, 0x23FF), (0x2B00, 0x2BFF), (0x2190, 0x21FF),
    (0x25A0, 0x25FF), (0x2934, 0x2935), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299),
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
    (0x2139, 0x2139), (0x24C2, 0x24C2),
)  # fmt: skip
_EMOJI_JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0xE0020, 0xE0080))


def is_unicode_emoji(name: str) -> bool:
    """A single unicode emoji (possibly a sequence joined by ZWJ, with modifiers), or a keycap."""
    if not name or len(name) > 16:
        return False
    if len(name) >= 2 and name[0] in "0123456789#*" and name[-1] == "\u20e3":  # keycaps: 1️⃣ #️⃣
        return all(ord(c) in _EMOJI_JOINERS for c in name[1:])
    after_joiner = True
    for c in name:
        code = ord(c)
        if code in _EMOJI_JOINERS:
            after_joiner = code == 0x200D
            continue
        if not any(lo <= code <= hi for lo, hi in _EMOJI_START):
            return False
        if not after_joiner and not (0x1F3FB <= code <= 0x1F3FF or 0x1F1E6 <= code <= 0x1F1FF):
            return False  # two emoji side by side (flags and skin tones pair without a joiner)
        after_joiner = False
    return not after_joiner


def render_announcement(text: str) -> str:
    return render_post_text(text, tag_url=lambda t: f"{settings.SITE_URL}/tags/{t}", mention_url=_mention_url).html


def check_announcement(text: str, starts_at: datetime | None, ends_at: datetime | None) -> str:
    text = (text or "").strip()
    if not text:
        raise ActionError(_("An announcement needs a text."), field="text")
    if len(text) > MAX_TEXT:
        raise ActionError(_("An announcement has at most 5,000 characters."), field="text")
    if starts_at and ends_at and ends_at < starts_at:
        raise ActionError(_("An announcement cannot end before it starts."), field="ends_at")
    return text


def _check_staff(acting_user: User) -> None:
    if not acting_user.is_staff:
        raise Forbidden(_("Only administrators can write announcements."))


def do_create_announcement(
    *,
    acting_user: User,
    text: str,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    all_day: bool = False,
    published: bool = True,
) -> Announcement:
    _check_staff(acting_user)
    text = check_announcement(text, starts_at, ends_at)
    return Announcement.objects.create(
        text=text,
        content=render_announcement(text),
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day and bool(starts_at or ends_at),  # Mastodon: false without dates
        published=published,
        published_at=timezone.now() if published else None,
    )


def do_delete_announcement(announcement: Announcement, *, acting_user: User) -> None:
    _check_staff(acting_user)
    announcement.delete()


def current_announcements(account: Account | None, *, with_dismissed: bool = False) -> QuerySet[Announcement]:
    """Published and not ended, in the order they happen (then were published)."""
    qs = Announcement.objects.filter(published=True).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
    if account is not None and not with_dismissed:
        qs = qs.exclude(reads__account=account)
    return qs.order_by("starts_at", "published_at", "id")


def access_announcement(announcement_id: int) -> Announcement:
    announcement = current_announcements(None).filter(pk=announcement_id).first()
    if announcement is None:
        raise NotFound("Record not found")
    return announcement


def do_dismiss_announcement(account: Account, announcement: Announcement) -> None:
    """Idempotent."""
    AnnouncementRead.objects.get_or_create(account=account, announcement=announcement)


def do_add_announcement_reaction(account: Account, announcement: Announcement, name: str) -> None:
    """Idempotent. An unknown emoji or a ninth different one is a 422, as Mastodon."""
    if not is_unicode_emoji(name):
        raise ActionError(_("Validation failed: Name is not a recognized emoji"), field="name")
    with transaction.atomic():
        Announcement.objects.select_for_update().filter(pk=announcement.pk).first()  # one reaction at a time
        others = announcement.reactions.exclude(name=name).values("name").distinct().count()
        if others >= MAX_DISTINCT_REACTIONS and not announcement.reactions.filter(name=name).exists():
            raise ActionError(_("Validation failed: Name has reached the limit of different reactions"), field="name")
        AnnouncementReaction.objects.get_or_create(account=account, announcement=announcement, name=name)


def do_remove_announcement_reaction(account: Account, announcement: Announcement, name: str) -> None:
    """404 when the person has no such reaction, as Mastodon."""
    deleted, _rows = AnnouncementReaction.objects.filter(account=account, announcement=announcement, name=name).delete()
    if not deleted:
        raise NotFound("Record not found")
