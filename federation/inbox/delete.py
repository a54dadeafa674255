"""Delete: of a Note (often as a Tombstone) or of the actor itself."""

from typing import Any

from accounts.models import Account
from federation.actions import do_delete_remote_account, do_delete_remote_post
from federation.inbox.common import object_id
from federation.inbox.verify import Refused
from posts.models import Post


def handle(activity: dict[str, Any], actor: Account) -> None:
    target = object_id(activity)
    if target == actor.uri:
        do_delete_remote_account(actor)
        return
    post = Post.objects.filter(uri=target, local=False).first()
    if post is None:
        return
    if post.author_id != actor.pk:
        raise Refused("only the author can delete a post")
    do_delete_remote_post(post)
