"""Direct conversations: each person's read and removed marks (ConversationState).

A conversation is keyed, as the conversations list groups it, by the first post of its thread,
and shown by its newest post, whose id is the conversation's id in the API.
Removing it hides its posts up to that one; a newer post brings it back, unread, as in Mastodon."""

from collections.abc import Iterable, Sequence

from django.db import transaction

from accounts.models import Account
from posts.access import feed_filter, visible_posts
from posts.models import ConversationState, Post, Visibility
from posts.pins import thread_root, thread_roots
from tribune.lib.errors import NotFound


def conversation_keys(posts: Sequence[Post]) -> dict[int, int]:
    """Each post's conversation: the first post of its thread."""
    return thread_roots(posts)


def conversation_key(post: Post) -> int:
    return thread_root(post)


def access_conversation(account: Account, conversation_id: int) -> Post:
    """The direct post that names the conversation, if the person may see it."""
    found = (
        feed_filter(account, visible_posts(account))
        .filter(visibility=Visibility.DIRECT, reblog_of__isnull=True, pk=conversation_id)
        .first()
    )
    if found is None:
        raise NotFound("Record not found")
    return found


def states(account: Account, keys: Iterable[int]) -> dict[int, ConversationState]:
    return {s.key: s for s in ConversationState.objects.filter(account=account, key__in=set(keys))}


@transaction.atomic
def _mark(account: Account, post: Post, *, hide: bool) -> ConversationState:
    state, _made = ConversationState.objects.select_for_update().get_or_create(
        account=account, key=conversation_key(post)
    )
    state.read_up_to = max(state.read_up_to, post.pk)
    if hide:
        state.hidden_up_to = max(state.hidden_up_to, post.pk)
    state.save(update_fields=["read_up_to", "hidden_up_to"])
    return state


def do_read_conversation(account: Account, post: Post) -> ConversationState:
    return _mark(account, post, hide=False)


def do_remove_conversation(account: Account, post: Post) -> ConversationState:
    return _mark(account, post, hide=True)
