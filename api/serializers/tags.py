"""The Tag entity (id, name, url, a week of daily history, whether the viewer follows and features it)
and the FeaturedTag entity."""

from typing import Any
from urllib.parse import quote

from accounts.models import Account
from api.serializers.common import tag_url
from posts.featured_tags import tag_uses
from posts.models import FeaturedHashtag, Hashtag
from timelines.tags import tag_history


def tag_entities(viewer: Account | None, hashtags: list[Hashtag]) -> list[dict[str, Any]]:
    """Tags in three queries, whatever their number (their history, the viewer's follows and features)."""
    from timelines.models import FollowedHashtag

    ids = [t.pk for t in hashtags]
    history = tag_history(ids)
    followed: set[int] = set()
    featured: set[int] = set()
    if viewer is not None and ids:
        followed = set(
            FollowedHashtag.objects.filter(account=viewer, hashtag_id__in=ids).values_list("hashtag_id", flat=True)
        )
        featured = set(
            FeaturedHashtag.objects.filter(account=viewer, hashtag_id__in=ids).values_list("hashtag_id", flat=True)
        )
    out = []
    for tag in hashtags:
        data: dict[str, Any] = {
            "id": str(tag.pk),
            "name": tag.name,
            "url": tag_url(tag.name),
            "history": history[tag.pk],
        }
        if viewer is not None:
            data["following"] = tag.pk in followed
            data["featuring"] = tag.pk in featured
        out.append(data)
    return out


def tag_entity(viewer: Account | None, hashtag: Hashtag) -> dict[str, Any]:
    return tag_entities(viewer, [hashtag])[0]


def featured_tag_entities(account: Account, featured: list[FeaturedHashtag]) -> list[dict[str, Any]]:
    """FeaturedTag: `statuses_count` is a string and `last_status_at` a date, as Mastodon sends them."""
    uses = tag_uses(account, [f.hashtag_id for f in featured])
    out = []
    for f in featured:
        use = uses[f.hashtag_id]
        out.append(
            {
                "id": str(f.pk),
                "name": f.hashtag.name,
                "url": f"{account.profile_url()}?tagged={quote(f.hashtag.name)}",
                "statuses_count": str(use.statuses_count),
                "last_status_at": use.last_status_at.date().isoformat() if use.last_status_at else None,
            }
        )
    return out
