"""Update: of the actor itself (profile, new key, alsoKnownAs) or of one of its Notes (an edit)."""

from typing import Any

from accounts.models import Account
from federation.actions import do_update_remote_post, do_upsert_remote_account
from federation.fetch import ACTOR_TYPES, NOTE_TYPES
from federation.inbox.verify import Refused
from federation.parse import id_of, types_of
from posts.models import Post
from tribune.lib.errors import BadRequest


def handle(activity: dict[str, Any], actor: Account) -> None:
    obj = activity.get("object")
    if not isinstance(obj, dict):
        raise BadRequest("Update needs an embedded object")
    obj_id = id_of(obj.get("id"))
    kinds = types_of(obj)
    if kinds & ACTOR_TYPES:
        if obj_id != actor.uri:
            raise Refused("an actor can only update itself")
        do_upsert_remote_account(obj)
    elif kinds & NOTE_TYPES:
        post = Post.objects.filter(uri=obj_id, local=False).select_related("author").first()
        if post is None:
            return  # an edit of a post we never stored
        if post.author_id != actor.pk or id_of(obj.get("attributedTo")) != actor.uri:
            raise Refused("only the author can edit a post")
        do_update_remote_post(post, obj)
