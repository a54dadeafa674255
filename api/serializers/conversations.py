"""The Conversation entity: direct posts grouped by thread, for the conversations list and the `direct` stream."""

from typing import Any

from accounts.models import Account
from api.serializers.accounts import account_entity
from api.serializers.statuses import StatusRenderer
from posts.conversations import conversation_keys, states
from posts.models import Mention, Post


def conversations(viewer: Account, posts: list[Post]) -> list[dict[str, Any]]:
    """One conversation per thread (its first post) among `posts` (newest first), each with its newest post;
    those the viewer removed are left out until a newer post, and unread is the viewer's mark."""
    keys = conversation_keys(posts)
    marks = states(viewer, keys.values())
    posts = [p for p in posts if p.pk > getattr(marks.get(keys[p.pk]), "hidden_up_to", 0)]
    renderer = StatusRenderer(viewer, posts)
    mentioned: dict[int, list[Account]] = {}
    for mention in Mention.objects.filter(post__in=posts).select_related("account"):
        mentioned.setdefault(mention.post_id, []).append(mention.account)
    out = []
    seen: set[int] = set()
    for post in posts:
        root = keys[post.pk]
        if root in seen:
            continue
        seen.add(root)
        people = {a.pk: a for a in mentioned.get(post.pk, [])}
        people[post.author_id] = post.author
        people.pop(viewer.pk, None)
        out.append(
            {
                "id": str(post.pk),
                "unread": post.author_id != viewer.pk and post.pk > getattr(marks.get(root), "read_up_to", 0),
                "accounts": [account_entity(a) for a in people.values()],
                "last_status": renderer.render(post),
            }
        )
    return out
