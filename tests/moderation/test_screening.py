"""Screening inside post creation, and the end-to-end promise: a flagged threat
never reaches a follower's home feed until a moderator approves it."""

from datetime import timedelta

from django.utils import timezone

from accounts.actions import do_follow
from accounts.models import Account
from moderation.actions import do_decide
from moderation.models import AuditEntry, PostScore, QueueItem
from notifications.models import Notification
from posts.access import can_see, visible_posts
from posts.actions import do_create_post, do_edit_post
from timelines.feeds import home_feed, public_feed
from tribune.lib.pagination import Page


def _new(account: Account) -> Account:
    Account.objects.filter(pk=account.pk).update(created_at=timezone.now() - timedelta(days=7), posts_count=3)
    account.refresh_from_db()
    return account


def feed_ids(viewer: Account) -> list[int]:
    return [p.pk for p in home_feed(viewer, Page())]


def test_threat_from_new_account_waits_for_a_moderator(make_account, alice):
    mallory = _new(make_account("mallory"))
    moderator = make_account("mod", staff=True)
    do_follow(alice, mallory)
    post = do_create_post(mallory, "Je vais te b.u.t.e.r @alice, t'es mort")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    assert post.pk not in feed_ids(alice)
    assert post.pk not in [p.pk for p in public_feed(None, Page())]
    assert not can_see(alice, post) and can_see(mallory, post)
    assert post.pk in feed_ids(mallory)  # the author sees it, marked pending
    item = QueueItem.objects.get(post=post, state="open")
    assert item.urgent and item.category == "violence"
    hold = AuditEntry.objects.get(action="hold", target_post=post)
    assert hold.acting_user is None and hold.acting_label.startswith("scorer:")
    assert "builtin:fr:" in hold.policy
    notice = Notification.objects.get(recipient=mallory, type="moderation_warning", post=post)
    assert "appeal" in notice.text and f"/moderation/appeals/{hold.pk}" in notice.text
    # Written for the person: no rule ids, scores or thresholds, and the decision linked for its appeal.
    assert hold.policy not in notice.text and "score" not in notice.text and "threshold" not in notice.text
    assert notice.decision == hold
    assert not Notification.objects.filter(recipient=alice, type="mention", post=post).exists()
    do_decide(item, "approve", acting_user=moderator.user, reason="banter between friends")
    post.refresh_from_db()
    assert post.moderation_state == "published"
    assert post.pk in feed_ids(alice)
    assert Notification.objects.filter(recipient=alice, type="mention", post=post).exists()


def test_ordinary_post_is_published_and_scored(alice, bob):
    do_follow(bob, alice)
    post = do_create_post(alice, "Lovely morning at the market")
    assert post.moderation_state == "published"
    assert post.pk in feed_ids(bob)
    assert PostScore.objects.get(post=post).action == "publish"
    assert not QueueItem.objects.exists()


def test_hateful_but_not_violent_post_is_queued_not_urgent(make_account):
    regular = make_account("regular")
    Account.objects.filter(pk=regular.pk).update(
        created_at=timezone.now() - timedelta(days=400), posts_count=400, followers_count=200
    )
    regular.refresh_from_db()
    post = do_create_post(regular, "I hate immigrants")
    assert post.moderation_state == "published"
    item = QueueItem.objects.get(post=post)
    assert item.category == "hate" and not item.urgent


def test_editing_into_a_threat_holds_and_unfeeds(make_account, alice):
    mallory = _new(make_account("mallory"))
    do_follow(alice, mallory)
    post = do_create_post(mallory, "see you at the meeting tomorrow")
    assert post.pk in feed_ids(alice)
    do_edit_post(mallory, post, "see you tomorrow, I will kill you")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    assert post.pk not in feed_ids(alice)
    # Editing back does not release it: only a moderator does.
    do_edit_post(mallory, post, "see you at the meeting tomorrow")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    assert post.pk not in [p.pk for p in visible_posts(alice)]


def test_an_edit_that_holds_a_published_post_tells_streams_and_other_servers(make_account, alice):
    from api.views.streaming import Poller
    from federation.fetch import fetch_actor
    from tests.federation.peer import Peer

    mallory = _new(make_account("mallory"))
    do_follow(alice, mallory)
    peer = Peer()
    try:
        do_follow(fetch_actor(peer.actor("fan")), mallory)
        post = do_create_post(mallory, "see you at the meeting tomorrow")
        poller = Poller(alice, "user", "")
        peer.received.clear()
        do_edit_post(mallory, post, "see you tomorrow, I will kill you")
        kinds = [body["type"] for _path, body, _headers in peer.received]
    finally:
        peer.close()
    assert ("user", "delete", str(post.pk)) in poller.poll()
    assert kinds == ["Delete"], "the old text is withdrawn; the new one never leaves"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.HOLD, target_post=post)
    assert entry.details["was"] == "published" and entry.details["edited"]
