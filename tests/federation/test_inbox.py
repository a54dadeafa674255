"""Inbound activities with real payload shapes (Mastodon, Misskey, Pleroma, GoToSocial),
signed for real by a peer server on loopback whose actor documents we fetch."""

import json

from django.conf import settings
from django.test import Client

from accounts.actions import do_follow
from accounts.models import Account, Block, Follow
from posts.actions import do_create_post
from posts.models import Post, Upvote, Visibility
from tests.federation.peer import Peer

LOCAL = settings.SITE_URL


def _remote(peer: Peer, username: str = "zoe", **extra: object) -> str:
    return peer.actor(username, **extra)


def test_signed_create_from_mastodon_stores_sanitised_post(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    activity = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    response = peer.deliver(Client(), activity, actor=actor)
    assert response.status_code == 202, response.content
    post = Post.objects.get(uri=activity["object"]["id"])
    assert post.local is False
    assert post.visibility == Visibility.PUBLIC
    assert post.spoiler_text == "spoiler: elections" and post.sensitive
    assert "<script>" not in post.content and "onerror" not in post.content
    assert list(post.mentions.values_list("account_id", flat=True)) == [alice.pk]
    assert list(post.post_hashtags.values_list("hashtag__name", flat=True)) == ["tribune"]
    media = post.media.get()
    assert media.remote_url.endswith("/1.jpg") and media.description == "A cat on a mat"
    author = post.author
    assert author.domain == peer.domain and author.username == "zoe"
    assert "<script>" not in author.bio and "javascript:" not in author.bio
    assert author.avatar_remote_url.endswith("a.png")
    # Delivered twice (retries happen): stored once.
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    assert Post.objects.filter(uri=activity["object"]["id"]).count() == 1


def test_create_that_concerns_nobody_here_is_not_stored(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    activity = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    activity["object"]["tag"] = []
    activity["object"]["cc"] = activity["cc"] = []
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    assert not Post.objects.filter(uri=activity["object"]["id"]).exists()


def test_pleroma_reply_to_local_post(peer: Peer, alice: Account) -> None:
    parent = do_create_post(alice, "What do you think?")
    actor = _remote(peer, "lain")
    activity = peer.fixture("pleroma_create_reply.json", local=LOCAL, actor="lain", parent=parent.activity_uri())
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    reply = Post.objects.get(uri=activity["object"]["id"])
    assert reply.in_reply_to_id == parent.pk
    assert reply.in_reply_to_account_id == alice.pk
    parent.refresh_from_db()
    assert parent.replies_count == 1


def test_gotosocial_followers_only_post_is_private(peer: Peer, alice: Account) -> None:
    actor = _remote(peer, "gts")
    remote = Account.objects.get(uri=actor) if Account.objects.filter(uri=actor).exists() else None
    assert remote is None
    activity = peer.fixture("gotosocial_create_followers_only.json", local=LOCAL, actor="gts")
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    post = Post.objects.get(uri=activity["object"]["id"])
    assert post.visibility == Visibility.PRIVATE
    assert post.language == "en"


def test_misskey_quote_of_local_post(peer: Peer, alice: Account) -> None:
    quoted = do_create_post(alice, "Quote me")
    actor = _remote(peer, "miss")
    do_follow(alice, Account.objects.get(uri=peer_actor(actor)))
    activity = peer.fixture("misskey_create_quote.json", local=LOCAL, actor="miss", quoted=quoted.activity_uri())
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    post = Post.objects.get(uri=activity["object"]["id"])
    assert post.quote_of_id == quoted.pk


def peer_actor(uri: str) -> str:
    """Make sure the remote account is known locally (fetched through its server)."""
    from federation.fetch import fetch_actor

    return fetch_actor(uri).uri


def test_update_and_delete_of_a_note(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    create = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    peer.deliver(Client(), create, actor=actor)
    update = peer.fixture("mastodon_update_note.json", local=LOCAL, actor="zoe")
    assert peer.deliver(Client(), update, actor=actor).status_code == 202
    post = Post.objects.get(uri=create["object"]["id"])
    assert "Edited" in post.content and post.edited_at is not None and not post.sensitive
    from search.queries import search_posts

    assert [p.pk for p in search_posts(alice, "edited")] == [post.pk]  # re-indexed after the edit
    assert post.edits.count() == 2
    delete = peer.fixture("mastodon_delete_tombstone.json", local=LOCAL, actor="zoe")
    assert peer.deliver(Client(), delete, actor=actor).status_code == 202
    post.refresh_from_db()
    assert post.deleted_at is not None


def test_someone_else_cannot_edit_or_delete(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    mallory = _remote(peer, "mallory")
    create = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    peer.deliver(Client(), create, actor=actor)
    delete = peer.fixture("mastodon_delete_tombstone.json", local=LOCAL, actor="zoe")
    delete["actor"] = mallory
    assert peer.deliver(Client(), delete, actor=mallory).status_code == 202  # refused by the worker
    assert Post.objects.get(uri=create["object"]["id"]).deleted_at is None


def test_announce_like_and_their_undo(peer: Peer, alice: Account) -> None:
    post = do_create_post(alice, "Echo me")
    actor = _remote(peer)
    announce = peer.fixture("mastodon_announce.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    assert peer.deliver(Client(), announce, actor=actor).status_code == 202
    post.refresh_from_db()
    assert post.reblogs_count == 1
    echo = Post.objects.get(reblog_of=post)
    assert echo.uri == announce["id"]
    like = peer.fixture("mastodon_like.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    assert peer.deliver(Client(), like, actor=actor).status_code == 202
    assert Upvote.objects.filter(post=post, account__uri=actor).exists()
    undo_like = peer.fixture("mastodon_undo_like.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    assert peer.deliver(Client(), undo_like, actor=actor).status_code == 202
    assert not Upvote.objects.filter(post=post).exists()
    undo = peer.fixture("mastodon_undo_announce.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    assert peer.deliver(Client(), undo, actor=actor).status_code == 202
    echo.refresh_from_db()
    assert echo.deleted_at is not None


def test_misskey_and_pleroma_reactions_count_as_upvotes(peer: Peer, alice: Account) -> None:
    post = do_create_post(alice, "React to me")
    for name, user in (("misskey_like_reaction.json", "miss"), ("pleroma_emoji_react.json", "lain")):
        actor = _remote(peer, user)
        activity = peer.fixture(name, local=LOCAL, actor=user, object=post.activity_uri())
        assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    post.refresh_from_db()
    assert post.favourites_count == 2


def test_follow_of_locked_account_waits_then_accept_is_delivered(peer: Peer, make_account) -> None:
    locked = make_account("lockedlocal", locked=True)
    actor = _remote(peer)
    follow = peer.fixture("mastodon_follow.json", local=LOCAL, actor="zoe", object=locked.actor_uri())
    assert peer.deliver(Client(), follow, actor=actor).status_code == 202
    row = Follow.objects.get(target=locked)
    assert row.state == Follow.State.PENDING and row.uri == follow["id"]
    assert peer.received == []
    from accounts.actions import do_accept_follow_request

    do_accept_follow_request(locked, row.follower)
    path, accept, headers = peer.received[-1]
    assert path == "/users/zoe/inbox"
    assert accept["type"] == "Accept" and accept["object"]["id"] == follow["id"]
    assert "digest" in headers["Signature"] and headers["Digest"].startswith("SHA-256=")
    undo = peer.fixture("mastodon_undo_follow.json", local=LOCAL, actor="zoe", object=locked.actor_uri())
    assert peer.deliver(Client(), undo, actor=actor).status_code == 202
    assert not Follow.objects.filter(target=locked).exists()
    locked.refresh_from_db()
    assert locked.followers_count == 0


def test_accept_and_reject_of_our_follow(peer: Peer, alice: Account) -> None:
    actor = _remote(peer, "bigshot")
    remote = Account.objects.get(uri=peer_actor(actor))
    follow = do_follow(alice, remote)
    sent = peer.received[-1][1]
    assert sent["type"] == "Follow" and sent["object"] == actor
    assert Follow.objects.get(pk=follow.pk).state == Follow.State.PENDING
    accept = peer.fixture("mastodon_accept.json", local=LOCAL, actor="bigshot", follow=sent["id"])
    assert peer.deliver(Client(), accept, actor=actor).status_code == 202
    assert Follow.objects.get(pk=follow.pk).state == Follow.State.ACCEPTED
    reject = peer.fixture("gotosocial_reject.json", local=LOCAL, actor="bigshot", follow=sent["id"])
    assert peer.deliver(Client(), reject, actor=actor).status_code == 202
    assert not Follow.objects.filter(pk=follow.pk).exists()


def test_block_from_remote(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    remote = Account.objects.get(uri=peer_actor(actor))
    do_follow(remote, alice)
    block = peer.fixture("mastodon_block.json", local=LOCAL, actor="zoe", object=alice.actor_uri())
    assert peer.deliver(Client(), block, actor=actor).status_code == 202
    assert Block.objects.filter(account=remote, target=alice).exists()
    assert not Follow.objects.filter(follower=remote, target=alice).exists()


def test_move_moves_local_followers_after_alias_check(peer: Peer, alice: Account) -> None:
    old = _remote(peer, "oldme")
    new = _remote(peer, "newme", alsoKnownAs=[f"{peer.base}/users/oldme"])
    old_account = Account.objects.get(uri=peer_actor(old))
    do_follow(alice, old_account)
    from accounts.actions import do_accept_follow_request

    do_accept_follow_request(old_account, alice)
    move = peer.fixture("mastodon_move.json", local=LOCAL, actor="oldme", target=new)
    assert peer.deliver(Client(), move, actor=old).status_code == 202
    assert Follow.objects.filter(follower=alice, target__uri=new).exists()
    assert not Follow.objects.filter(follower=alice, target=old_account).exists()
    old_account.refresh_from_db()
    assert old_account.moved_to is not None and old_account.moved_to.uri == new


def test_move_without_alias_is_refused(peer: Peer, alice: Account) -> None:
    old = _remote(peer, "oldme")
    impostor = _remote(peer, "impostor")
    old_account = Account.objects.get(uri=peer_actor(old))
    do_follow(alice, old_account)
    move = peer.fixture("mastodon_move.json", local=LOCAL, actor="oldme", target=impostor)
    assert peer.deliver(Client(), move, actor=old).status_code == 202  # refused by the worker
    assert not Follow.objects.filter(follower=alice, target__uri=impostor).exists()


def test_update_of_actor_and_delete_of_actor(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    create = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    peer.deliver(Client(), create, actor=actor)
    doc = dict(peer.documents["/users/zoe"], name="Zoë Renamed")
    update = {"id": f"{actor}#updates/1", "type": "Update", "actor": actor, "object": doc}
    assert peer.deliver(Client(), update, actor=actor).status_code == 202
    assert Account.objects.get(uri=actor).display_name == "Zoë Renamed"
    delete = peer.fixture("mastodon_delete_actor.json", local=LOCAL, actor="zoe")
    assert peer.deliver(Client(), delete, actor=actor).status_code == 202
    account = Account.objects.get(uri=actor)
    assert account.deleted_at is not None
    assert not Post.objects.filter(author=account).exists()


def test_flag_about_local_account_is_accepted(peer: Peer, alice: Account) -> None:
    post = do_create_post(alice, "reported")
    actor = _remote(peer)
    flag = peer.fixture("mastodon_flag.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    assert peer.deliver(Client(), flag, actor=actor).status_code == 202
    from moderation.models import Report

    report = Report.objects.get(target=alice)
    assert report.source == "remote" and report.comment == "Spam and threats"
    assert list(report.posts.values_list("pk", flat=True)) == [post.pk]
    assert report.reporter is not None and report.reporter.uri == actor


def test_flag_from_a_domain_whose_reports_are_rejected_is_dropped(peer: Peer, alice: Account) -> None:
    from federation.actions import do_set_domain_policy
    from moderation.models import Report

    do_set_domain_policy(peer.domain.split(":")[0] + ".example", severity="noop")  # unrelated policy
    do_set_domain_policy(peer.domain, severity="noop", reject_reports=True)
    actor = _remote(peer)
    post = do_create_post(alice, "reported")
    flag = peer.fixture("mastodon_flag.json", local=LOCAL, actor="zoe", object=post.activity_uri())
    assert peer.deliver(Client(), flag, actor=actor).status_code == 202
    assert not Report.objects.exists()


def test_unknown_activity_types_are_accepted_and_ignored(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    activity = {"id": f"{actor}#x", "type": "Arrive", "actor": actor, "object": alice.actor_uri()}
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202


def test_malformed_payloads_get_4xx_never_500(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    post = do_create_post(alice, "target")
    bad: list[object] = [
        {"type": "Create", "actor": actor, "id": f"{actor}#1"},
        {"type": "Create", "actor": actor, "id": f"{actor}#2", "object": "not an object"},
        {"type": "Create", "actor": actor, "id": f"{actor}#3", "object": {"type": "Note"}},
        {"type": "Create", "actor": actor, "id": f"{actor}#4", "object": {"type": "Note", "id": 5, "content": []}},
        {"type": "Follow", "actor": actor, "id": f"{actor}#5", "object": f"{LOCAL}/users/nobody"},
        {"type": "Follow", "actor": actor, "object": alice.actor_uri()},
        {"type": "Like", "actor": actor, "id": f"{actor}#6"},
        {"type": "Undo", "actor": actor, "id": f"{actor}#7", "object": 12},
        {"type": "Accept", "actor": actor, "id": f"{actor}#8", "object": None},
        {"type": "Move", "actor": actor, "id": f"{actor}#9", "object": actor},
        {"type": "Update", "actor": actor, "id": f"{actor}#10", "object": ["x"]},
        {"type": "Block", "actor": actor, "id": f"{actor}#11", "object": {"id": 3}},
        {"type": "Flag", "actor": actor, "id": f"{actor}#12", "object": []},
        {"type": "Announce", "actor": actor, "id": f"{actor}#13", "object": post.activity_uri() + "999"},
        {"type": ["Create", 3], "actor": actor, "id": f"{actor}#14", "object": {"type": {"a": 1}}},
        {
            "type": "Create",
            "actor": [actor],
            "id": f"{actor}#15",
            "object": {
                "type": "Note",
                "id": f"{peer.base}/n/1",
                "attributedTo": {"id": actor},
                "to": 7,
                "tag": "x",
                "attachment": [None, 3, {"url": 5}],
                "published": "yesterday",
            },
        },
        [],
        "a string",
    ]
    for activity in bad:
        response = peer.deliver(Client(), activity, actor=actor)
        assert 200 <= response.status_code < 500, (activity, response.status_code)
    response = peer.deliver(Client(), b"{not json", actor=actor)
    assert response.status_code == 400
    huge = json.dumps({"type": "Create", "actor": actor, "content": "x" * (2 * 1024 * 1024)}).encode()
    assert peer.deliver(Client(), huge, actor=actor).status_code == 413


def test_undo_block(peer: Peer, alice: Account) -> None:
    actor = _remote(peer)
    block = peer.fixture("mastodon_block.json", local=LOCAL, actor="zoe", object=alice.actor_uri())
    assert peer.deliver(Client(), block, actor=actor).status_code == 202
    undo = {"id": f"{block['id']}/undo", "type": "Undo", "actor": actor, "object": block}
    assert peer.deliver(Client(), undo, actor=actor).status_code == 202
    assert not Block.objects.exists()


def test_remote_posts_pass_the_same_moderation_screening(peer: Peer, alice: Account) -> None:
    from timelines.models import FeedEntry

    actor = _remote(peer)
    do_follow(alice, Account.objects.get(uri=peer_actor(actor)))
    from accounts.actions import do_accept_follow_request

    do_accept_follow_request(Account.objects.get(uri=actor), alice)
    activity = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    activity["object"]["content"] = "<p>I will kill you</p>"
    activity["object"]["summary"] = None
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    post = Post.objects.get(uri=activity["object"]["id"])
    assert post.moderation_state == "held"
    assert not FeedEntry.objects.filter(owner_id=alice.pk, post_id=post.pk).exists()
    fine = peer.fixture("mastodon_create_note.json", local=LOCAL, actor="zoe")
    fine["object"]["id"] += "0"
    assert peer.deliver(Client(), fine, actor=actor).status_code == 202
    assert FeedEntry.objects.filter(owner_id=alice.pk, post__uri=fine["object"]["id"]).exists()
