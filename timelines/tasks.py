"""Background work for feeds: arguments are ids, every task is idempotent."""

from django.utils import timezone
from django_tasks import task

from accounts.models import Account


@task(queue_name="fanout")
def deliver_post(post_id: int) -> None:
    """A post became visible: home feeds, notifications, then federation.

    Runs after the creating transaction committed, and again when moderation
    approves a held post; every step is idempotent."""
    from federation.hooks import post_published
    from notifications.actions import do_notify
    from posts.cards import wants_card
    from posts.models import ModerationState, Post
    from posts.tasks import attach_card
    from timelines.actions import fan_out

    post = Post.objects.select_related("author", "reblog_of", "quote_of", "in_reply_to").filter(pk=post_id).first()
    if post is None or post.moderation_state != ModerationState.PUBLISHED or post.deleted_at is not None:
        return
    fan_out(post)
    if post.reblog_of is not None:
        do_notify(post.reblog_of.author_id, post.author_id, "reblog", post.reblog_of_id)
    else:
        mentioned = set(post.mentions.values_list("account_id", flat=True))
        for account_id in mentioned:
            do_notify(account_id, post.author_id, "mention", post.pk)
        if post.in_reply_to_id and post.in_reply_to and post.in_reply_to.author_id not in mentioned:
            do_notify(post.in_reply_to.author_id, post.author_id, "reply", post.pk)
        if post.quote_of_id and post.quote_of:
            do_notify(post.quote_of.author_id, post.author_id, "quote", post.pk)
    if post.author.is_local:
        post_published(post.pk)
    if wants_card(post):
        attach_card.enqueue(post.pk)  # if this fails, the post stays undelivered and the sweep runs all again
    Post.objects.filter(pk=post.pk).update(delivered_at=timezone.now())


@task(queue_name="fanout")
def backfill_home_feed(owner_id: int, author_id: int) -> None:
    from timelines.actions import backfill

    owner = Account.objects.filter(pk=owner_id).first()
    author = Account.objects.filter(pk=author_id).first()
    if owner and author:
        backfill(owner, author)
