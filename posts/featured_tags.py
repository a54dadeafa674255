"""Featured hashtags: up to MAX_FEATURED hashtags a person shows on their profile, each with how many
of their public posts carry it and when the last one was written (as Mastodon's featured tags)."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Account
from posts.access import PUBLICLY_LISTED
from posts.models import FeaturedHashtag, Hashtag, ModerationState, PostHashtag
from timelines.hashtags import check_hashtag_name
from tribune.lib.errors import ActionError

MAX_FEATURED = 10


@dataclass
class TagUse:
    statuses_count: int = 0
    last_status_at: datetime | None = None


@transaction.atomic
def do_feature_hashtag(account: Account, name: str) -> FeaturedHashtag:
    """Idempotent; a hashtag nobody used yet can be featured (it is made)."""
    tag, _created = Hashtag.objects.get_or_create(name=check_hashtag_name(name))
    existing = FeaturedHashtag.objects.filter(account=account, hashtag=tag).first()
    if existing is not None:
        return existing
    if FeaturedHashtag.objects.filter(account=account).count() >= MAX_FEATURED:
        raise ActionError(_("At most 10 featured hashtags."), field="name")
    try:
        with transaction.atomic():
            return FeaturedHashtag.objects.create(account=account, hashtag=tag)
    except IntegrityError:  # featured at the same moment by another request
        return FeaturedHashtag.objects.get(account=account, hashtag=tag)


def do_unfeature_hashtag(account: Account, hashtag: Hashtag) -> None:
    FeaturedHashtag.objects.filter(account=account, hashtag=hashtag).delete()


def featured_of(account: Account) -> list[FeaturedHashtag]:
    return list(FeaturedHashtag.objects.filter(account=account).select_related("hashtag"))


def _own_public_uses(account: Account) -> QuerySet[PostHashtag]:
    """The account's own public and unlisted posts (not echoes) that anyone may read."""
    return PostHashtag.objects.filter(
        post__author=account,
        post__reblog_of__isnull=True,
        post__deleted_at__isnull=True,
        post__moderation_state=ModerationState.PUBLISHED,
        post__visibility__in=PUBLICLY_LISTED,
    )


def tag_uses(account: Account, hashtag_ids: list[int]) -> dict[int, TagUse]:
    """How often, and how lately, the account used each hashtag, in one query."""
    rows = (
        _own_public_uses(account)
        .filter(hashtag_id__in=hashtag_ids)
        .values("hashtag_id")
        .annotate(n=Count("post_id"), last=Max("post__created_at"))
    )
    uses = {tag_id: TagUse() for tag_id in hashtag_ids}
    for row in rows:
        uses[row["hashtag_id"]] = TagUse(row["n"], row["last"])
    return uses


def suggested_hashtags(account: Account, limit: int = 10) -> list[Hashtag]:
    """The hashtags the account used most in its recent public posts, not featured yet."""
    featured = FeaturedHashtag.objects.filter(account=account).values("hashtag_id")
    recent = _own_public_uses(account).order_by("-post_created_id").values("pk")[:1000]
    ids = [
        row["hashtag_id"]
        for row in PostHashtag.objects.filter(pk__in=recent)
        .exclude(hashtag_id__in=featured)
        .values("hashtag_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "hashtag_id")[:limit]
    ]
    by_id = Hashtag.objects.in_bulk(ids)
    return [by_id[i] for i in ids]
