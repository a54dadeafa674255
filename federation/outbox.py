"""What local events send to which remote inboxes (the hooks call these after commit).

Recipients are remote followers (their shared inbox when they have one, so one
request per server), plus remote people mentioned or replied to. Followers-only
and direct posts go only where their audience is.
"""

from typing import Any

from django.conf import settings

from accounts.models import Account, Follow
from federation import serializers
from federation.delivery import enqueue
from posts.models import Post, Visibility
from tribune.lib.ids import make_id


def _inbox(account: Account, *, shared: bool = True) -> str:
    return (account.shared_inbox_uri if shared else "") or account.inbox_uri


def follower_inboxes(account: Account) -> list[str]:
    followers = Account.objects.filter(
        following_set__target=account, following_set__state=Follow.State.ACCEPTED, deleted_at__isnull=True
    ).exclude(domain="")
    return list(dict.fromkeys(_inbox(f) for f in followers))


def _remote(accounts: list[Account]) -> list[Account]:
    return [a for a in accounts if not a.is_local and a.deleted_at is None]


def post_recipients(post: Post) -> list[str]:
    mentioned = _remote([m.account for m in post.mentions.select_related("account")])
    followers = [] if post.visibility == Visibility.DIRECT else follower_inboxes(post.author)
    inboxes = list(followers)
    # Direct posts go to each person's own inbox (a shared inbox would not tell the server who may read it).
    inboxes += [_inbox(a, shared=post.visibility != Visibility.DIRECT) for a in mentioned]
    for related in (post.in_reply_to, post.reblog_of, post.quote_of):
        if related is not None and not related.author.is_local and post.visibility != Visibility.DIRECT:
            inboxes.append(_inbox(related.author))
    if not inboxes:  # a local-only post: no block to look up
        return []
    # Never to someone the author blocked.
    blocked = set(
        Account.objects.filter(blocked_by_set__account=post.author).values_list("inbox_uri", flat=True)
    ) - set(followers if post.visibility != Visibility.DIRECT else follower_inboxes(post.author))
    return [i for i in dict.fromkeys(inboxes) if i and i not in blocked]


def send_post(post: Post) -> None:
    recipients = post_recipients(post)
    if not recipients:  # most posts of a small instance: nothing to render
        return
    if post.reblog_of is not None:
        enqueue(serializers.render_announce(post), recipients, post.author)
    else:
        enqueue(serializers.render_create(post), recipients, post.author)


def send_post_update(post: Post) -> None:
    note = serializers.render_note(post)
    stamp = int((post.edited_at or post.created_at).timestamp())
    activity = serializers.wrap(
        "Update", post.author.actor_uri(), note, id=f"{post.activity_uri()}#updates/{stamp}", to=note["to"]
    )
    activity["cc"] = note["cc"]
    enqueue(activity, post_recipients(post), post.author)


def send_poll_votes(vote_ids: list[int]) -> None:
    from posts.models import PollVote

    for vote in PollVote.objects.filter(pk__in=vote_ids).select_related("account", "poll__post__author"):
        author = vote.poll.post.author
        if author.is_local or not vote.account.is_local:
            continue
        enqueue(serializers.render_vote(vote), [_inbox(author, shared=False)], vote.account)


def send_post_delete(post: Post) -> None:
    actor = post.author.actor_uri()
    if post.reblog_of is not None:
        announce = serializers.render_announce(post)
        activity = serializers.wrap("Undo", actor, announce, id=f"{announce['id']}/undo", to=announce["to"])
    else:
        tombstone = {"id": post.activity_uri(), "type": "Tombstone"}
        activity = serializers.wrap(
            "Delete", actor, tombstone, id=f"{post.activity_uri()}#delete", to=[serializers.AS_PUBLIC]
        )
    enqueue(activity, post_recipients(post), post.author)


def send_like(account: Account, post: Post, *, added: bool) -> None:
    if post.author.is_local or not account.is_local:
        return
    like = serializers.wrap(
        "Like", account.actor_uri(), post.activity_uri(), id=f"{account.actor_uri()}#likes/{post.pk}"
    )
    activity = like if added else serializers.wrap("Undo", account.actor_uri(), like, id=f"{like['id']}/undo")
    enqueue(activity, [_inbox(post.author)], account)


def follow_activity(follow: Follow) -> dict[str, Any]:
    uri = follow.uri or f"{follow.follower.actor_uri()}#follows/{follow.pk}"
    return serializers.wrap("Follow", follow.follower.actor_uri(), follow.target.actor_uri(), id=uri)


def send_follow(follow: Follow) -> None:
    if follow.follower.is_local and not follow.target.is_local:
        enqueue(follow_activity(follow), [follow.target.inbox_uri], follow.follower)


def send_accept(follow: Follow) -> None:
    if follow.target.is_local and not follow.follower.is_local:
        activity = serializers.wrap(
            "Accept",
            follow.target.actor_uri(),
            follow_activity(follow),
            id=f"{follow.target.actor_uri()}#accepts/{follow.pk}",
        )
        enqueue(activity, [follow.follower.inbox_uri], follow.target)


def send_reject(follower: Account, target: Account, uri: str, key: str) -> None:
    if target.is_local and not follower.is_local:
        follow = serializers.wrap(
            "Follow", follower.actor_uri(), target.actor_uri(), id=uri or f"{follower.actor_uri()}#follows/{key}"
        )
        activity = serializers.wrap("Reject", target.actor_uri(), follow, id=f"{target.actor_uri()}#rejects/{key}")
        enqueue(activity, [follower.inbox_uri], target)


def send_undo_follow(follower: Account, target: Account, uri: str, key: str) -> None:
    if follower.is_local and not target.is_local:
        follow = serializers.wrap(
            "Follow", follower.actor_uri(), target.actor_uri(), id=uri or f"{follower.actor_uri()}#follows/{key}"
        )
        activity = serializers.wrap("Undo", follower.actor_uri(), follow, id=f"{follow['id']}/undo")
        enqueue(activity, [target.inbox_uri], follower)
    elif target.is_local and not follower.is_local:
        # A local person removed a remote follower: Mastodon tells the follower's server with a Reject.
        send_reject(follower, target, uri, key)


def send_block(account: Account, target: Account, block_id: int | None, *, blocked: bool) -> None:
    if not account.is_local or target.is_local:
        return
    block_uri = f"{account.actor_uri()}#blocks/{target.pk}"
    block = serializers.wrap("Block", account.actor_uri(), target.actor_uri(), id=block_uri)
    if not blocked:
        block = serializers.wrap("Undo", account.actor_uri(), block, id=f"{block_uri}/undo/{make_id()}")
    enqueue(block, [target.inbox_uri], account)


def send_actor_update(account: Account) -> None:
    doc = serializers.render_actor(account)
    stamp = make_id()
    activity = serializers.wrap("Update", doc["id"], doc, id=f"{doc['id']}#updates/{stamp}", to=[serializers.AS_PUBLIC])
    enqueue(activity, follower_inboxes(account) + _following_inboxes(account), account)


def _following_inboxes(account: Account) -> list[str]:
    targets = Account.objects.filter(follower_set__follower=account).exclude(domain="")
    return list(dict.fromkeys(_inbox(t) for t in targets))


def send_actor_delete(account: Account, inboxes: list[str]) -> None:
    uri = f"{settings.SITE_URL}/users/{account.username}"
    activity = serializers.wrap("Delete", uri, uri, id=f"{uri}#delete", to=[serializers.AS_PUBLIC])
    enqueue(activity, inboxes, account)


def send_move(account: Account, target: Account) -> None:
    activity = serializers.wrap(
        "Move", account.actor_uri(), account.actor_uri(), id=f"{account.actor_uri()}#moves/{target.pk}"
    )
    activity["target"] = target.actor_uri()
    enqueue(activity, follower_inboxes(account), account)


def send_flag(target: Account, post_uris: list[str], comment: str, *, key: str) -> None:
    """Forward a report to the reported account's server, signed by the instance actor (reporters stay anonymous)."""
    from federation.keys import instance_actor_uri

    activity = serializers.wrap(
        "Flag", instance_actor_uri(), [target.actor_uri(), *post_uris], id=f"{settings.SITE_URL}/flags/{key}"
    )
    activity["content"] = comment
    enqueue(activity, [_inbox(target)], None)
