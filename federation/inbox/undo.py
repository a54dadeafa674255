"""Undo: of a Follow, Like, Announce or Block the actor made before."""

from typing import Any

from accounts.actions import do_unblock, do_unfollow
from accounts.models import Account, Follow
from federation.actions import do_delete_remote_post
from federation.inbox.common import known_post, local_account
from federation.inbox.verify import Refused
from federation.parse import id_of, types_of
from posts.actions import do_remove_upvote
from posts.models import Post
from tribune.lib.errors import BadRequest


def handle(activity: dict[str, Any], actor: Account) -> None:
    obj = activity.get("object")
    inner_id = id_of(obj)
    if not inner_id:
        raise BadRequest("Undo has no object")
    if isinstance(obj, dict):
        if id_of(obj.get("actor")) not in ("", actor.uri):
            raise Refused("an actor can only undo its own activities")
        kinds = types_of(obj)
        target_uri = id_of(obj.get("object"))
    else:
        kinds, target_uri = set(), ""
    if "Follow" in kinds or Follow.objects.filter(uri=inner_id, follower=actor).exists():
        follow = Follow.objects.filter(uri=inner_id, follower=actor).select_related("target").first()
        target = follow.target if follow else (local_account(target_uri) if target_uri else None)
        if target is not None:
            do_unfollow(actor, target, federate=False)
    elif kinds & {"Like", "EmojiReact"}:
        post = known_post(target_uri)
        if post is not None:
            do_remove_upvote(actor, post)
    elif "Announce" in kinds or Post.objects.filter(uri=inner_id, author=actor, reblog_of__isnull=False).exists():
        echo = Post.objects.filter(uri=inner_id, author=actor, reblog_of__isnull=False).first()
        if echo is not None:
            do_delete_remote_post(echo)
    elif "Block" in kinds:
        do_unblock(actor, local_account(target_uri))
