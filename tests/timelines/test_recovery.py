from datetime import timedelta

from django.utils import timezone

from accounts.actions import do_follow
from notifications.models import Notification
from posts.actions import do_create_post
from posts.models import Post
from timelines.feeds import home_feed
from timelines.models import FeedEntry
from timelines.recovery import requeue_stalled_deliveries
from tribune.lib.pagination import Page


def test_delivery_is_stamped(alice):
    post = do_create_post(alice, "delivered")
    post.refresh_from_db()
    assert post.delivered_at is not None


def test_delivery_lost_with_a_crashed_worker_is_finished_later(alice, bob):
    do_follow(alice, bob)
    post = do_create_post(bob, "hello @alice")
    # What a worker that died before fanning out leaves behind: no feed entries,
    # no notification, no stamp.
    FeedEntry.objects.filter(post=post).delete()
    Notification.objects.filter(post=post).delete()
    Post.objects.filter(pk=post.pk).update(delivered_at=None, created_at=timezone.now() - timedelta(minutes=5))
    assert post.pk not in [p.pk for p in home_feed(alice, Page())]

    assert requeue_stalled_deliveries() == 1
    assert post.pk in [p.pk for p in home_feed(alice, Page())]
    assert Notification.objects.filter(recipient=alice, post=post, type="mention").exists()
    assert requeue_stalled_deliveries() == 0  # stamped now: nothing left to pick up


def test_recent_and_held_posts_are_left_alone(alice):
    fresh = do_create_post(alice, "just now")
    Post.objects.filter(pk=fresh.pk).update(delivered_at=None)  # its worker may still be on it
    held = do_create_post(alice, "held")
    Post.objects.filter(pk=held.pk).update(
        delivered_at=None, moderation_state="held", created_at=timezone.now() - timedelta(minutes=5)
    )
    assert requeue_stalled_deliveries() == 0
