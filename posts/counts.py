"""Counts others see: an account's statuses_count and a post's replies_count never include a held,
removed or deleted post (nor an echo, for statuses_count).

Creation and deletion move the counts by one (only for a published post); a moderation
decision or an edit that holds, releases or removes a post recounts them from the rows,
in the same transaction as the change.
"""

from django.db.models import Count, F, Q

from accounts.models import Account
from posts.models import ModerationState, Post

SEEN = Q(deleted_at__isnull=True, moderation_state=ModerationState.PUBLISHED)


def published_created(post: Post) -> None:
    """A new post: counted when it is published (a held one is counted when it is released)."""
    if post.moderation_state != ModerationState.PUBLISHED:
        return
    if post.author.is_local and post.reblog_of_id is None:
        Account.objects.filter(pk=post.author_id).update(posts_count=F("posts_count") + 1)
    if post.in_reply_to_id:
        Post.objects.filter(pk=post.in_reply_to_id).update(replies_count=F("replies_count") + 1)


def recount(post: Post) -> None:
    """Recount what `post`'s state changes: its local author's posts, its parent's replies."""
    if post.author.is_local:
        own = Post.objects.filter(SEEN, author_id=post.author_id, reblog_of__isnull=True)
        Account.objects.filter(pk=post.author_id).update(posts_count=own.aggregate(n=Count("pk"))["n"])
    if post.in_reply_to_id:
        replies = Post.objects.filter(SEEN, in_reply_to_id=post.in_reply_to_id).aggregate(n=Count("pk"))["n"]
        Post.objects.filter(pk=post.in_reply_to_id).update(replies_count=replies)
