"""What the viewer did to a page of posts (upvoted, echoed, bookmarked), in 3 queries."""

from dataclasses import dataclass, field

from accounts.models import Account
from posts.models import Bookmark, MediaAttachment, Post, Upvote


@dataclass
class ViewerState:
    upvoted: set[int] = field(default_factory=set)
    reblogged: set[int] = field(default_factory=set)
    bookmarked: set[int] = field(default_factory=set)


def viewer_state(viewer: Account | None, posts: list[Post]) -> ViewerState:
    if viewer is None or not posts:
        return ViewerState()
    ids = {p.reblog_of_id or p.pk for p in posts} | {p.quote_of_id for p in posts if p.quote_of_id}
    return ViewerState(
        upvoted=set(Upvote.objects.filter(account=viewer, post_id__in=ids).values_list("post_id", flat=True)),
        reblogged=set(
            Post.objects.filter(author=viewer, reblog_of_id__in=ids, deleted_at__isnull=True).values_list(
                "reblog_of_id", flat=True
            )
        ),
        bookmarked=set(Bookmark.objects.filter(account=viewer, post_id__in=ids).values_list("post_id", flat=True)),
    )


def media_by_post(posts: list[Post]) -> dict[int, list[MediaAttachment]]:
    ids = {p.reblog_of_id or p.pk for p in posts} | {p.quote_of_id for p in posts if p.quote_of_id}
    out: dict[int, list[MediaAttachment]] = {}
    for item in MediaAttachment.objects.filter(post_id__in=ids).order_by("position", "id"):
        out.setdefault(item.post_id or 0, []).append(item)
    return out
