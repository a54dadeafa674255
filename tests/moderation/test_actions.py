"""Moderator actions: their effects, their audit entries in the same transaction, strikes."""

import pytest
from django.db import transaction

from accounts.actions import do_follow
from moderation.actions import (
    do_approve_post,
    do_create_report,
    do_decide,
    do_limit,
    do_mark_sensitive,
    do_remove_post,
    do_suspend,
    do_unsuspend,
    do_warn,
)
from moderation.models import AuditEntry, QueueItem, Report, Strike
from notifications.models import Notification
from posts.access import can_see
from posts.actions import do_create_post
from search.queries import search_posts
from timelines.feeds import hashtag_feed, home_feed, public_feed, trending_hashtags
from tribune.lib.errors import ActionError, Forbidden
from tribune.lib.pagination import Page


@pytest.fixture
def moderator(make_account):
    return make_account("moderator", staff=True).user


def test_remove_takes_the_post_out_of_feeds_and_tells_the_author(alice, bob, moderator):
    do_follow(bob, alice)
    post = do_create_post(alice, "something that breaks the rules")
    assert post.pk in [p.pk for p in home_feed(bob, Page())]
    entry = do_remove_post(post, acting_user=moderator, reason="threat", policy="violence")
    post.refresh_from_db()
    assert post.moderation_state == "removed"
    assert post.pk not in [p.pk for p in home_feed(bob, Page())]
    assert not can_see(alice, post)
    assert entry.acting_user == moderator and entry.target_post == post and entry.policy == "violence"
    notice = Notification.objects.filter(recipient=alice, type="moderation_warning").latest("id")
    assert "removed" in notice.text and f"/moderation/appeals/{entry.pk}" in notice.text


def test_audit_entry_is_written_in_the_same_transaction(alice, moderator):
    post = do_create_post(alice, "hello")
    with pytest.raises(RuntimeError), transaction.atomic():
        do_remove_post(post, acting_user=moderator, reason="x", policy="y")
        raise RuntimeError("roll back")
    post.refresh_from_db()
    assert post.moderation_state == "published"
    assert not AuditEntry.objects.filter(action="remove").exists()


def test_only_moderators_act(alice, bob):
    post = do_create_post(alice, "hello")
    with pytest.raises(Forbidden):
        do_remove_post(post, acting_user=bob.user, reason="", policy="")
    assert not AuditEntry.objects.filter(action="remove").exists()


def test_mark_sensitive_publishes_a_held_post_behind_a_warning(make_account, moderator):
    author = make_account("author")
    post = do_create_post(author, "I will kill you")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    do_mark_sensitive(post, acting_user=moderator, reason="fiction", policy="violence")
    post.refresh_from_db()
    assert post.sensitive and post.moderation_state == "published"


def test_three_strikes_in_ninety_days_suspend(alice, moderator):
    for i in range(2):
        do_warn(alice, acting_user=moderator, reason=f"strike {i}", policy="harassment")
    alice.refresh_from_db()
    assert alice.suspended_at is None and Strike.objects.filter(account=alice).count() == 2
    do_warn(alice, acting_user=moderator, reason="third", policy="harassment")
    alice.refresh_from_db()
    assert alice.suspended_at is not None
    assert AuditEntry.objects.filter(action="suspend", target_account=alice, policy="strikes").exists()


def test_limit_suspend_and_reverse(alice, bob, moderator):
    post = do_create_post(alice, "hello world")
    do_limit(alice, acting_user=moderator, reason="spam", policy="spam")
    alice.refresh_from_db()
    assert alice.limited
    do_suspend(alice, acting_user=moderator, reason="threats", policy="violence")
    alice.refresh_from_db()
    assert alice.suspended_at is not None and not can_see(bob, post)
    entry = AuditEntry.objects.get(action="suspend")
    assert "data_kept_until" in entry.details
    do_unsuspend(alice, acting_user=moderator, reason="appeal", policy="appeal")
    alice.refresh_from_db()
    assert alice.suspended_at is None and can_see(bob, post)
    with pytest.raises(ActionError):
        do_suspend(moderator.account, acting_user=moderator, reason="", policy="")


def test_a_limited_account_reaches_only_its_followers(alice, bob, carol, moderator):
    do_follow(bob, alice)
    post = do_create_post(alice, "loud opinions about #trains")

    def reached(viewer):
        return {
            "local": post.pk in [p.pk for p in public_feed(viewer, Page(), local_only=True)],
            "hashtag": post.pk in [p.pk for p in hashtag_feed(viewer, "trains", Page())],
            "search": post.pk in [p.pk for p in search_posts(viewer, "opinions trains")],
        }

    everywhere = {"local": True, "hashtag": True, "search": True}
    assert reached(carol) == reached(None) == everywhere
    assert "trains" in [t["name"] for t in trending_hashtags()]
    do_limit(alice, acting_user=moderator, reason="spam", policy="spam")
    nowhere = {"local": False, "hashtag": False, "search": False}
    assert reached(carol) == reached(None) == nowhere
    assert "trains" not in [t["name"] for t in trending_hashtags()]  # at once, though trends are cached
    # Followers and the author still see it everywhere; the post itself is not hidden.
    assert reached(bob) == reached(alice) == everywhere
    assert post.pk in [p.pk for p in home_feed(bob, Page())]
    assert can_see(carol, post)


def test_decide_resolves_item_and_tells_the_reporter(alice, bob, moderator):
    post = do_create_post(bob, "buy followers now")
    report = do_create_report(alice, target=bob, posts=[post], category="spam", comment="spam")
    item = report.queue_item
    do_decide(item, "remove", acting_user=moderator, reason="spam")
    item.refresh_from_db()
    post.refresh_from_db()
    assert item.state == "resolved" and item.decision == "remove" and item.first_action_at is not None
    assert post.moderation_state == "removed"
    assert Report.objects.get(pk=report.pk).outcome == "remove"
    told = Notification.objects.get(recipient=alice, type="moderation_warning")
    assert "removed" in told.text
    with pytest.raises(ActionError) as error:
        do_decide(item, "approve", acting_user=moderator)
    assert error.value.status == 409


def test_escalate_raises_priority_and_keeps_item_open(alice, bob, moderator):
    post = do_create_post(bob, "hmm")
    item = do_create_report(alice, target=bob, posts=[post], category="other").queue_item
    before = item.priority
    do_decide(item, "escalate", acting_user=moderator, reason="needs a second look")
    item.refresh_from_db()
    assert item.state == "open" and item.escalated and item.priority > before
    with pytest.raises(ActionError):
        do_decide(item, "explode", acting_user=moderator)


def test_approve_publishes_and_delivers(make_account, alice, moderator):
    author = make_account("author")
    do_follow(alice, author)
    post = do_create_post(author, "I will kill you")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    do_approve_post(post, acting_user=moderator, reason="quote from a film", policy="violence")
    assert post.pk in [p.pk for p in home_feed(alice, Page())]
    assert QueueItem.objects.filter(post=post).exists()
