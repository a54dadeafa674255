"""Home feeds in a real Redis: the same feed as the database, rebuilt when Redis
loses it, served from the database when Redis is down, and nothing lost."""

import pytest

from accounts.actions import do_follow, do_unfollow
from posts.actions import do_create_post, do_delete_post
from timelines import redis_feeds
from timelines.feeds import home_feed
from timelines.models import FeedEntry
from tribune.lib.pagination import Page

REDIS_URL = "redis://127.0.0.1:6379/0"


def feed_ids(account, **page):
    return [p.pk for p in home_feed(account, Page(**page))]


def test_feed_is_built_in_redis_and_follows_fan_out(redis_on, alice, bob):
    do_follow(alice, bob)
    first = do_create_post(bob, "before alice reads")
    assert feed_ids(alice) == [first.pk]  # rebuilt from the database on first read
    assert redis_on.exists(redis_feeds.key(alice.pk))
    second = do_create_post(bob, "pushed by fan-out")
    assert redis_on.zscore(redis_feeds.key(alice.pk), str(second.pk).zfill(20)) is not None
    assert feed_ids(alice) == [second.pk, first.pk]
    assert not FeedEntry.objects.filter(owner=alice).exists()  # Redis mode writes no feed rows


def test_pagination_matches_the_database_order(redis_on, alice):
    posts = [do_create_post(alice, f"post {i}") for i in range(6)]
    newest = [p.pk for p in reversed(posts)]
    assert feed_ids(alice, limit=2) == newest[:2]
    assert feed_ids(alice, limit=2, max_id=newest[1]) == newest[2:4]
    assert feed_ids(alice, limit=2, min_id=posts[1].pk) == [posts[3].pk, posts[2].pk]
    assert feed_ids(alice, limit=10, since_id=posts[3].pk) == [posts[5].pk, posts[4].pk]


def test_lost_feed_is_rebuilt_from_the_database(redis_on, alice, bob):
    do_follow(alice, bob)
    posts = [do_create_post(bob, f"n{i}") for i in range(3)]
    assert feed_ids(alice) == [p.pk for p in reversed(posts)]
    redis_on.delete(redis_feeds.key(alice.pk))  # Redis lost it (restart, eviction)
    assert feed_ids(alice) == [p.pk for p in reversed(posts)]


def test_redis_down_serves_from_database_and_loses_nothing(redis_on, settings, alice, bob):
    do_follow(alice, bob)
    before = do_create_post(bob, "while Redis is up")
    assert feed_ids(alice) == [before.pk]
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    redis_feeds.reset_circuit()
    during = do_create_post(bob, "while Redis is down")  # the push fails softly
    assert feed_ids(alice) == [during.pk, before.pk]  # served from the database
    settings.REDIS_URL = REDIS_URL  # Redis is back, with the stale feed in it
    redis_feeds.reset_circuit()
    assert feed_ids(alice) == [during.pk, before.pk]


def test_unfollow_and_delete_are_reflected(redis_on, alice, bob):
    do_follow(alice, bob)
    post = do_create_post(bob, "soon gone")
    kept = do_create_post(alice, "mine")
    assert feed_ids(alice) == [kept.pk, post.pk]
    do_delete_post(alice, kept)
    assert feed_ids(alice) == [post.pk]
    do_unfollow(alice, bob)
    assert feed_ids(alice) == []


def test_feeds_expire_unless_read(redis_on, settings, alice, bob):
    settings.REDIS_FEED_TTL = 100
    do_follow(alice, bob)
    feed_ids(alice)
    k = redis_feeds.key(alice.pk)
    assert 0 < redis_on.ttl(k) <= 100  # evictable under Redis's volatile-lru, and gone if never read
    redis_on.expire(k, 5)
    post = do_create_post(bob, "a read refreshes the feed's lifetime")
    assert feed_ids(alice)[0] == post.pk
    assert redis_on.ttl(k) > 5
    redis_on.delete(k)  # expired: the next read rebuilds it from the database
    assert feed_ids(alice)[0] == post.pk and redis_on.exists(k)


def test_feeds_are_capped(redis_on, settings, alice):
    settings.REDIS_FEED_CAP = 5
    feed_ids(alice)  # create the feed
    for i in range(8):
        do_create_post(alice, f"p{i}")
    assert redis_on.zcard(redis_feeds.key(alice.pk)) == 5 + 1  # plus the sentinel


@pytest.mark.parametrize("use_redis", [False, True])
def test_big_accounts_are_merged_at_read_time(request, settings, use_redis, make_account, alice):
    if use_redis:
        request.getfixturevalue("redis_on")
    settings.FANOUT_MAX_FOLLOWERS = 2
    star = make_account("star")
    fan = make_account("fan")
    do_follow(alice, star)
    do_follow(fan, star)
    star.refresh_from_db()
    assert star.followers_count == 2
    feed_ids(alice)
    post = do_create_post(star, "one post, no fan-out")
    assert not FeedEntry.objects.filter(post=post).exclude(owner=star).exists()
    assert feed_ids(alice)[0] == post.pk
    assert feed_ids(fan)[0] == post.pk


def test_the_user_stream_reads_the_redis_feed(redis_on, settings, make_account, alice, bob):
    """Streaming's `user` stream sends what reaches the home feed in Redis, where fan-out
    writes no feed rows, very followed accounts included."""
    from api.views.streaming import Poller

    settings.FANOUT_MAX_FOLLOWERS = 2
    star = make_account("star")
    do_follow(bob, alice)
    do_follow(bob, star)
    do_follow(make_account("fan"), star)
    home_feed(bob, Page())  # the feed is in Redis from here on
    stream = Poller(bob, "user", "")
    first = do_create_post(alice, "fanned out")
    merged = do_create_post(star, "merged at read time")
    assert not FeedEntry.objects.filter(post=first).exists()
    sent = [(name, data["id"]) for _s, name, data in stream.poll() if name == "update"]
    assert sent == [("update", str(first.pk)), ("update", str(merged.pk))]
    assert stream.poll() == []
