"""A cache of the parts of a rendered post that are the same for every viewer.

Rendering a page of posts for the API loads media, mentions and hashtags for
every post; those never depend on who reads them, so they are cached per post
(in Redis when configured, else in process memory). Each entry carries the
post's version (edit time, sensitivity, moderation state): an edit or a
moderation action changes the version, so a stale entry is never used, and the
actions also drop the entry at once (`forget`). Counters and the viewer's own
state (upvoted, echoed, bookmarked) are never cached.
"""

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache

from posts.models import Post

KINDS = ("api",)
TIMEOUT = 24 * 3600


def version(post: Post) -> str:
    """Also the day: the media URLs of non-public posts carry tokens made for one or two days."""
    from posts.media_access import token_period

    edited = post.edited_at.timestamp() if post.edited_at else 0
    return f"{edited}:{int(post.sensitive)}:{post.moderation_state}:{token_period()}"


def _key(kind: str, post_id: int) -> str:
    return f"render:{kind}:{post_id}"


def get_many(kind: str, posts: Iterable[Post]) -> dict[int, Any]:
    """Cached parts of those posts whose version still matches."""
    by_key = {_key(kind, p.pk): p for p in posts}
    if not by_key:
        return {}
    found = cache.get_many(list(by_key))
    out: dict[int, Any] = {}
    for key, entry in found.items():
        post = by_key[key]
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version(post):
            out[post.pk] = entry[1]
    return out


def set_many(kind: str, parts: dict[int, Any], posts: Iterable[Post]) -> None:
    by_id = {p.pk: p for p in posts}
    cache.set_many({_key(kind, pk): (version(by_id[pk]), data) for pk, data in parts.items() if pk in by_id}, TIMEOUT)


def forget(post_id: int) -> None:
    cache.delete_many([_key(kind, post_id) for kind in KINDS])
