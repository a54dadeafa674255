"""Pinned posts (at most MAX_PINS on a profile, shown first, and in the ActivityPub `featured`
collection) and muted conversations (no more notifications from a thread)."""

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Account
from posts.models import ConversationMute, Pin, Post, Visibility
from tribune.lib.errors import ActionError

MAX_PINS = 5
MAX_THREAD_DEPTH = 100


@transaction.atomic
def do_pin(account: Account, post: Post) -> Post:
    """Only one's own posts, not echoes nor direct posts. Idempotent."""
    if post.author_id != account.pk or post.reblog_of_id is not None:
        raise ActionError(_("Only your own posts can be pinned."), field="id")
    if post.visibility == Visibility.DIRECT:
        raise ActionError(_("A direct post cannot be pinned."), field="id")
    if Pin.objects.filter(account=account, post=post).exists():
        return post
    if Pin.objects.filter(account=account).count() >= MAX_PINS:
        raise ActionError(_("At most 5 posts can be pinned."), field="id")
    try:
        with transaction.atomic():
            Pin.objects.create(account=account, post=post)
    except IntegrityError:
        pass
    _featured_changed(account)
    return post


@transaction.atomic
def do_unpin(account: Account, post: Post) -> Post:
    if Pin.objects.filter(account=account, post=post).delete()[0]:
        _featured_changed(account)
    return post


def _featured_changed(account: Account) -> None:
    """Remote followers refresh the actor, and with it its `featured` collection."""
    from federation.hooks import account_updated

    account_id = account.pk
    transaction.on_commit(lambda: account_updated(account_id))


def thread_roots(posts: Sequence[Post]) -> dict[int, int]:
    """Each post's thread: the id of its first post, found by a bounded walk up the replies, one
    query a level for all the posts at once (an answer to a post this server never had starts
    its own thread)."""
    roots = {p.pk: p.pk for p in posts}
    climbing = {p.pk: p.in_reply_to_id for p in posts if p.in_reply_to_id}
    for _level in range(MAX_THREAD_DEPTH):
        if not climbing:
            break
        parents = dict(Post.objects.filter(pk__in=set(climbing.values())).values_list("pk", "in_reply_to_id"))
        above: dict[int, int] = {}
        for pk, parent in climbing.items():
            if parent in parents:
                roots[pk] = parent
                if parents[parent]:
                    above[pk] = parents[parent]
        climbing = above
    return roots


def thread_root(post: Post) -> int:
    """The id of the first post of the thread."""
    return thread_roots([post])[post.pk]


def do_mute_conversation(account: Account, post: Post) -> Post:
    """The caller read the post through access_post. Idempotent."""
    ConversationMute.objects.get_or_create(account=account, root_id=thread_root(post))
    return post


def do_unmute_conversation(account: Account, post: Post) -> Post:
    ConversationMute.objects.filter(account=account, root_id=thread_root(post)).delete()
    return post


def is_conversation_muted(account_id: int, post_id: int) -> bool:
    if not ConversationMute.objects.filter(account_id=account_id).exists():
        return False
    post = Post.objects.filter(pk=post_id).first()
    return (
        post is not None and ConversationMute.objects.filter(account_id=account_id, root_id=thread_root(post)).exists()
    )


def pinned_posts(viewer: Account | None, account: Account) -> list[Post]:
    """The account's pinned posts the viewer may see, the latest pinned first."""
    from posts.access import visible_posts

    return list(visible_posts(viewer).filter(author=account, pins__account=account).order_by("-pins__created_at"))
