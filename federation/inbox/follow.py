"""Follow, and the answers to ours: Accept and Reject."""

from typing import Any

from accounts.actions import do_accept_follow_request, do_follow, do_unfollow
from accounts.models import Account, Follow
from federation.inbox.common import local_account, object_id
from federation.inbox.verify import Refused
from federation.parse import id_of
from tribune.lib.errors import BadRequest


def handle_follow(activity: dict[str, Any], actor: Account) -> None:
    uri = id_of(activity.get("id"))
    if not uri:
        raise BadRequest("Follow has no id")
    target = local_account(object_id(activity))
    existing = Follow.objects.filter(follower=actor, target=target).first()
    follow = do_follow(actor, target, uri=uri[:2000])
    if existing is not None:
        if follow.uri != uri:
            Follow.objects.filter(pk=follow.pk).update(uri=uri[:2000])
        if follow.state == Follow.State.ACCEPTED:
            # A repeated Follow (the remote side lost our Accept): answer again.
            from federation.outbox import send_accept

            follow.uri = uri
            send_accept(follow)


def _our_follow(activity: dict[str, Any], actor: Account) -> Follow | None:
    """The local->remote follow an Accept/Reject answers: by its id, else by the embedded actor."""
    obj = activity.get("object")
    follow_uri = id_of(obj)
    if not follow_uri:
        raise BadRequest("the answer names no Follow")
    follow = Follow.objects.filter(uri=follow_uri, target=actor).select_related("follower").first()
    if follow is None and "#follows/" in follow_uri:
        key = follow_uri.rsplit("/", 1)[-1]
        if key.isdigit():
            follow = Follow.objects.filter(pk=int(key), target=actor).select_related("follower").first()
    if follow is None and isinstance(obj, dict):
        if id_of(obj.get("object")) not in ("", actor.uri):
            raise Refused("an account can only answer follows of itself")
        follower_uri = id_of(obj.get("actor"))
        follow = (
            Follow.objects.filter(target=actor, follower__domain="", follower__in=_local_by_uri(follower_uri))
            .select_related("follower")
            .first()
        )
    return follow


def _local_by_uri(uri: str) -> list[Account]:
    from federation.fetch import local_account_for_uri

    account = local_account_for_uri(uri)
    return [account] if account else []


def handle_accept(activity: dict[str, Any], actor: Account) -> None:
    follow = _our_follow(activity, actor)
    if follow is not None and follow.state == Follow.State.PENDING:
        do_accept_follow_request(actor, follow.follower)


def handle_reject(activity: dict[str, Any], actor: Account) -> None:
    follow = _our_follow(activity, actor)
    if follow is not None:
        do_unfollow(follow.follower, actor, federate=False)
