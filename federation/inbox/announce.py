"""Announce: an echo of a post (fetched when we do not have it yet)."""

from typing import Any

from django.db import transaction

from accounts.models import Account
from federation.inbox.common import has_local_followers, known_post, object_id
from federation.parse import id_of
from posts.actions import do_reblog
from posts.models import Post
from tribune.lib.errors import BadRequest


def handle(activity: dict[str, Any], actor: Account) -> None:
    uri = id_of(activity.get("id"))
    if not uri:
        raise BadRequest("Announce has no id")
    target = object_id(activity)
    if Post.objects.filter(uri=uri).exists():
        return
    post = known_post(target)
    if post is None and not has_local_followers(actor):
        return  # an echo of something nobody here reads
    post = post or known_post(target, fetch=True)
    if post is None:
        return
    with transaction.atomic():
        echo = do_reblog(actor, post)
        if not echo.uri:
            Post.objects.filter(pk=echo.pk).update(uri=uri[:2000], local=False)
