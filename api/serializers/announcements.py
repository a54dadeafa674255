"""Mastodon's Announcement entity, with its reactions counted in one query for the whole list."""

from typing import Any

from django.db.models import Count

from accounts.models import Account, Announcement, AnnouncementReaction, AnnouncementRead
from api.serializers.common import iso, tag_url
from tribune.lib.text import extract_hashtags


def announcements(viewer: Account | None, items: list[Announcement]) -> list[dict[str, Any]]:
    ids = [a.pk for a in items]
    counts: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    mine: set[tuple[int, str]] = set()
    read: set[int] = set()
    if viewer is not None:
        mine = set(
            AnnouncementReaction.objects.filter(account=viewer, announcement_id__in=ids).values_list(
                "announcement_id", "name"
            )
        )
        read = set(
            AnnouncementRead.objects.filter(account=viewer, announcement_id__in=ids).values_list(
                "announcement_id", flat=True
            )
        )
    rows = (
        AnnouncementReaction.objects.filter(announcement_id__in=ids)
        .values("announcement_id", "name")
        .annotate(count=Count("id"))
        .order_by("announcement_id", "name")
    )
    for row in rows:
        pk, name = row["announcement_id"], row["name"]
        counts[pk].append({"name": name, "count": row["count"], "me": (pk, name) in mine if viewer else None})
    return [
        {
            "id": str(a.pk),
            "content": a.content,
            "starts_at": iso(a.starts_at),
            "ends_at": iso(a.ends_at),
            "all_day": a.all_day,
            "published_at": iso(a.published_at or a.created_at),
            "updated_at": iso(a.updated_at),
            "read": a.pk in read if viewer else None,
            "mentions": [],
            "statuses": [],
            "tags": [{"name": name, "url": tag_url(name)} for name in extract_hashtags(a.text)],
            "emojis": [],
            "reactions": counts[a.pk],
        }
        for a in items
    ]
