"""Like (and Misskey/Pleroma emoji reactions): an upvote of a local post."""

from typing import Any

from accounts.models import Account
from federation.inbox.common import known_post, object_id
from posts.actions import do_upvote


def handle(activity: dict[str, Any], actor: Account) -> None:
    post = known_post(object_id(activity))
    if post is None or not post.local:
        return  # likes of remote posts are their server's business
    do_upvote(actor, post)
