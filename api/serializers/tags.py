"""The Tag entity: id, name, url, a week of daily history, and whether the viewer follows it."""

from typing import Any

from accounts.models import Account
from api.serializers.common import tag_url
from posts.models import Hashtag
from timelines.tags import tag_history


def tag_entities(viewer: Account | None, hashtags: list[Hashtag]) -> list[dict[str, Any]]:
    """Tags in two queries, whatever their number (their history, the viewer's follows)."""
    from timelines.models import FollowedHashtag

    ids = [t.pk for t in hashtags]
    history = tag_history(ids)
    followed: set[int] = set()
    if viewer is not None and ids:
        followed = set(
            FollowedHashtag.objects.filter(account=viewer, hashtag_id__in=ids).values_list("hashtag_id", flat=True)
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
        out.append(data)
    return out


def tag_entity(viewer: Account | None, hashtag: Hashtag) -> dict[str, Any]:
    return tag_entities(viewer, [hashtag])[0]
