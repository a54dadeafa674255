"""Trending posts and links (trending hashtags are in timelines/feeds.py).

What trends is the same for everyone and counts only what anyone may see: public, published,
undeleted, not sensitive, top-level posts of discoverable accounts that are neither suspended
nor limited. Posts rank by upvotes and echoes over the last `POST_DAYS`; links (their preview
cards) by the distinct accounts that shared them over the last `LINK_DAYS`. The ranked ids are
cached briefly (the generation that moderation bumps is part of the key); trending posts are
then read through `visible_among` for each viewer, so a post held, removed or deleted since, or
by someone the viewer blocked or muted, is never shown.
"""

from collections.abc import Callable
from datetime import UTC, timedelta

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Account
from posts.access import visible_among
from posts.models import ModerationState, Post, PostCard, PreviewCard, Visibility
from timelines.feeds import TRENDING_CACHE_SECONDS, TRENDS_GENERATION
from timelines.tags import HISTORY_DAYS, history_entries
from tribune.lib.ids import id_floor

POST_DAYS = 2
LINK_DAYS = 7
LINK_MIN_ACCOUNTS = 2  # a link one person posts many times does not trend
MAX_TRENDS = 40


def _trendable(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}visibility": Visibility.PUBLIC,
            f"{prefix}moderation_state": ModerationState.PUBLISHED,
            f"{prefix}deleted_at__isnull": True,
            f"{prefix}sensitive": False,
            f"{prefix}reblog_of__isnull": True,
            f"{prefix}in_reply_to__isnull": True,
            f"{prefix}author__discoverable": True,
            f"{prefix}author__suspended_at__isnull": True,
            f"{prefix}author__deleted_at__isnull": True,
            f"{prefix}author__limited": False,
        }
    )


def _cached(name: str, compute: Callable[[], list[int]]) -> list[int]:
    key = f"trends:{name}:{cache.get_or_set(TRENDS_GENERATION, 0)}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TRENDING_CACHE_SECONDS)
    return found


def _trending_post_ids() -> list[int]:
    since = id_floor(timezone.now() - timedelta(days=POST_DAYS))
    ranked = (
        Post.objects.filter(_trendable(), pk__gte=since)
        .annotate(score=F("favourites_count") + F("reblogs_count"))
        .filter(score__gte=1)
        .order_by("-score", "-id")
    )
    return list(ranked.values_list("pk", flat=True)[:MAX_TRENDS])


def trending_posts(viewer: Account | None, *, offset: int = 0, limit: int = 20) -> list[Post]:
    ids = _cached("posts", _trending_post_ids)
    rank = {pk: n for n, pk in enumerate(ids)}
    shown = visible_among(viewer, ids, feed=True, reach=True, context="public")
    return sorted(shown, key=lambda p: rank[p.pk])[offset : offset + limit]


def _public_links() -> QuerySet[PostCard]:
    usable = Q(card__error="", card__fetched_at__isnull=False) & ~Q(card__title="")
    return PostCard.objects.filter(_trendable("post__"), usable)


def _trending_card_ids() -> list[int]:
    since = id_floor(timezone.now() - timedelta(days=LINK_DAYS))
    ranked = (
        _public_links()
        .filter(post_id__gte=since)
        .values("card_id")
        .annotate(accounts=Count("post__author", distinct=True), uses=Count("post"))
        .filter(accounts__gte=LINK_MIN_ACCOUNTS)
        .order_by("-accounts", "-uses", "-card_id")
    )
    return [row["card_id"] for row in ranked[:MAX_TRENDS]]


def trending_links(*, offset: int = 0, limit: int = 10) -> list[PreviewCard]:
    ids = _cached("links", _trending_card_ids)[offset : offset + limit]
    found = PreviewCard.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def trending_link(url: str) -> PreviewCard | None:
    """The card of that address if it is among the trending links (the link timeline shows no other)."""
    card = PreviewCard.objects.filter(url=url).first()
    return card if card is not None and card.pk in _cached("links", _trending_card_ids) else None


def link_history(card_ids: list[int], days: int = HISTORY_DAYS) -> dict[int, list[dict[str, str]]]:
    """As a hashtag's: per day, the public posts that shared each link and their distinct authors."""
    today = timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    counts: dict[tuple[int, str], tuple[int, int]] = {}
    if card_ids:
        rows = (
            _public_links()
            .filter(card_id__in=card_ids, post_id__gte=id_floor(today - timedelta(days=days - 1)))
            .annotate(day=TruncDate("post__created_at", tzinfo=UTC))
            .values("card_id", "day")
            .annotate(uses=Count("post"), accounts=Count("post__author", distinct=True))
        )
        for row in rows:
            counts[(row["card_id"], str(row["day"]))] = (row["uses"], row["accounts"])
    return history_entries(counts, card_ids, days)
