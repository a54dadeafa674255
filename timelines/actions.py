"""Writing home feeds (fan-out) and cleaning them up."""

from django.conf import settings
from django.db.models import Q

from accounts.models import Account, Follow
from posts.models import Mention, ModerationState, Post, PostHashtag, Visibility
from timelines import redis_feeds
from timelines.models import FeedEntry, FollowedHashtag

FEED_BACKFILL = 40


def feed_recipients(post: Post) -> list[int]:
    """Local accounts whose home feed gets the post: the author, and local followers
    who may see it (mentioned people too, for direct and followers-only posts, and the
    followers of its hashtags for a public post)."""
    recipients = {post.author_id} if post.author.is_local else set()
    # Posts of very followed accounts are merged into feeds at read time instead
    # (timelines.feeds.home_feed), so one post is not a million writes.
    if post.visibility != Visibility.DIRECT and post.author.followers_count < settings.FANOUT_MAX_FOLLOWERS:
        followers = Follow.objects.filter(target_id=post.author_id, state=Follow.State.ACCEPTED, follower__domain="")
        if post.reblog_of_id:
            followers = followers.filter(show_reblogs=True)
        recipients.update(followers.values_list("follower_id", flat=True))
    if post.visibility in (Visibility.DIRECT, Visibility.PRIVATE):
        recipients.update(Mention.objects.filter(post=post, account__domain="").values_list("account_id", flat=True))
    if post.visibility == Visibility.PUBLIC and post.reblog_of_id is None:
        # People following one of its hashtags (timelines/hashtags.py).
        tags = PostHashtag.objects.filter(post=post).values("hashtag_id")
        recipients.update(FollowedHashtag.objects.filter(hashtag_id__in=tags).values_list("account_id", flat=True))
    return sorted(recipients)


def fan_out(post: Post, recipients: list[int] | None = None) -> int:
    """Insert the post into home feeds. Idempotent (existing entries are skipped)."""
    if post.moderation_state != ModerationState.PUBLISHED or post.deleted_at is not None:
        return 0
    if recipients is None:
        recipients = feed_recipients(post)
    if post.reblog_of_id:
        # An echo is not shown to people whose feed already has the original.
        have_original = set(
            FeedEntry.objects.filter(post_id=post.reblog_of_id, owner_id__in=recipients).values_list(
                "owner_id", flat=True
            )
        )
        recipients = [r for r in recipients if r not in have_original or r == post.author_id]
    write_entries(post, recipients)
    return len(recipients)


def write_entries(post: Post, recipients: list[int]) -> None:
    """Feed entries go to Redis when it is configured, else to the feed table."""
    if redis_feeds.enabled():
        redis_feeds.push(post.pk, recipients)
        return
    entries = [
        FeedEntry(owner_id=r, post_id=post.pk, post_sort_id=post.pk, author_id_copy=post.author_id) for r in recipients
    ]
    FeedEntry.objects.bulk_create(entries, batch_size=1000, ignore_conflicts=True)


def backfill(owner: Account, author: Account) -> None:
    """After a follow: the author's recent posts enter the follower's feed."""
    if not owner.is_local:
        return
    if redis_feeds.enabled():
        redis_feeds.invalidate(owner.pk)
        return
    from posts.access import visible_posts

    posts = (
        visible_posts(owner).filter(author=author).exclude(visibility=Visibility.DIRECT).order_by("-id")[:FEED_BACKFILL]
    )
    FeedEntry.objects.bulk_create(
        [FeedEntry(owner_id=owner.pk, post_id=p.pk, post_sort_id=p.pk, author_id_copy=author.pk) for p in posts],
        ignore_conflicts=True,
    )


def remove_author_from_feed(owner: Account, author: Account) -> None:
    """After an unfollow: the author's posts leave the feed, and the author the owner's lists."""
    from timelines.lists import remove_from_lists

    remove_from_lists(owner, author)
    FeedEntry.objects.filter(owner=owner, author_id_copy=author.pk).exclude(Q(post__mentions__account=owner)).delete()
    redis_feeds.invalidate(owner.pk)


def remove_post_from_feeds(post_id: int) -> None:
    owners = list(FeedEntry.objects.filter(post_id=post_id).values_list("owner_id", flat=True))
    FeedEntry.objects.filter(Q(post_id=post_id) | Q(post__reblog_of_id=post_id)).delete()
    # With Redis, ids of removed posts may stay in feeds until trimmed: every read
    # filters them out through posts.access, so they are never shown.
    redis_feeds.remove(post_id, owners)
