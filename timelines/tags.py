"""How much a hashtag is used: its daily history over the last week, as Mastodon's Tag shows it.

Only uses that anyone may see count (public, published posts of accounts that are neither
suspended nor limited), so a tag's figures never reveal private or held posts."""

from datetime import UTC, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from posts.models import ModerationState, PostHashtag, Visibility
from tribune.lib.ids import id_floor

HISTORY_DAYS = 7


def public_uses() -> QuerySet[PostHashtag]:
    return PostHashtag.objects.filter(
        post__visibility=Visibility.PUBLIC,
        post__moderation_state=ModerationState.PUBLISHED,
        post__deleted_at__isnull=True,
        post__author__suspended_at__isnull=True,
        post__author__limited=False,
    )


def tag_history(hashtag_ids: list[int], days: int = HISTORY_DAYS) -> dict[int, list[dict[str, str]]]:
    """For each hashtag, `days` entries newest first: the day (UNIX time of its midnight, UTC),
    the uses that day and the distinct accounts that used it, all as strings (Mastodon's shape)."""
    today = timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    first = today - timedelta(days=days - 1)
    counts: dict[tuple[int, str], tuple[int, int]] = {}
    if hashtag_ids:
        rows = (
            public_uses()
            .filter(hashtag_id__in=hashtag_ids, post_created_id__gte=id_floor(first))
            .annotate(day=TruncDate("post__created_at", tzinfo=UTC))
            .values("hashtag_id", "day")
            .annotate(uses=Count("id"), accounts=Count("post__author", distinct=True))
        )
        for row in rows:
            counts[(row["hashtag_id"], str(row["day"]))] = (row["uses"], row["accounts"])
    return history_entries(counts, hashtag_ids, days)


def history_entries(
    counts: dict[tuple[int, str], tuple[int, int]], ids: list[int], days: int = HISTORY_DAYS
) -> dict[int, list[dict[str, str]]]:
    """Mastodon's daily history for each of `ids` from (id, ISO day) -> (uses, accounts)."""
    today = timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    out: dict[int, list[dict[str, str]]] = {}
    for key in ids:
        entries = []
        for back in range(days):
            day = today - timedelta(days=back)
            uses, accounts = counts.get((key, day.date().isoformat()), (0, 0))
            entries.append({"day": str(int(day.timestamp())), "uses": str(uses), "accounts": str(accounts)})
        out[key] = entries
    return out
