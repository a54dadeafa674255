"""What the viewer did to a page of posts (upvoted, echoed, bookmarked, pinned), in one query."""

from dataclasses import dataclass, field

from django.db import connections, router

from accounts.models import Account
from posts.models import Bookmark, MediaAttachment, Pin, Post, Upvote


@dataclass
class ViewerState:
    upvoted: set[int] = field(default_factory=set)
    reblogged: set[int] = field(default_factory=set)
    bookmarked: set[int] = field(default_factory=set)
    pinned: set[int] = field(default_factory=set)


def viewer_state(viewer: Account | None, posts: list[Post]) -> ViewerState:
    """In one UNION ALL query: one statement costs a fraction of three ORM queries."""
    if viewer is None or not posts:
        return ViewerState()
    ids = sorted({p.reblog_of_id or p.pk for p in posts} | {p.quote_of_id for p in posts if p.quote_of_id})
    marks = ", ".join(["%s"] * len(ids))
    upvotes, posts_table, bookmarks = Upvote._meta.db_table, Post._meta.db_table, Bookmark._meta.db_table
    pins = Pin._meta.db_table
    sql = (
        f"SELECT 'u', post_id FROM {upvotes} WHERE account_id = %s AND post_id IN ({marks})"  # noqa: S608  # model tables
        f" UNION ALL SELECT 'r', reblog_of_id FROM {posts_table}"
        f" WHERE author_id = %s AND reblog_of_id IN ({marks}) AND deleted_at IS NULL"
        f" UNION ALL SELECT 'b', post_id FROM {bookmarks} WHERE account_id = %s AND post_id IN ({marks})"
        f" UNION ALL SELECT 'p', post_id FROM {pins} WHERE account_id = %s AND post_id IN ({marks})"
    )
    state = ViewerState()
    sets = {"u": state.upvoted, "r": state.reblogged, "b": state.bookmarked, "p": state.pinned}
    with connections[router.db_for_read(Post)].cursor() as cursor:
        cursor.execute(sql, [viewer.pk, *ids] * 4)
        for kind, post_id in cursor.fetchall():
            sets[kind].add(post_id)
    return state


def media_by_post(posts: list[Post]) -> dict[int, list[MediaAttachment]]:
    ids = {p.reblog_of_id or p.pk for p in posts} | {p.quote_of_id for p in posts if p.quote_of_id}
    out: dict[int, list[MediaAttachment]] = {}
    for item in MediaAttachment.objects.filter(post_id__in=ids).select_related("post").order_by("position", "id"):
        out.setdefault(item.post_id or 0, []).append(item)
    return out
