"""`tribune seed`: counts, a heavy tail, feeds and counters consistent with what the actions would write."""

import statistics
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client

from accounts.models import Account, Follow, User
from ops.seed import SeedOptions, seed_network
from posts.models import Mention, Post, PostHashtag, Upvote, Visibility
from search.queries import search
from timelines.feeds import home_feed
from timelines.models import FeedEntry
from timelines.recovery import requeue_stalled_deliveries
from tribune.lib.pagination import Page

USERS, POSTS, CAP = 300, 3000, 60


@pytest.fixture
def network():
    call_command("seed", users=USERS, posts=POSTS, seed=7, password="correct horse battery", feed_cap=CAP, stdout=None)


def test_counts_and_counters_match_the_rows(network):
    assert Account.objects.count() == USERS
    assert Post.objects.count() == POSTS
    assert Upvote.objects.count() > POSTS * 0.9
    assert PostHashtag.objects.exists() and Mention.objects.exists()
    followers = Counter(Follow.objects.values_list("target_id", flat=True))
    following = Counter(Follow.objects.values_list("follower_id", flat=True))
    posts = Counter(Post.objects.values_list("author_id", flat=True))
    for account in Account.objects.all():
        assert account.followers_count == followers[account.pk]
        assert account.following_count == following[account.pk]
        assert account.posts_count == posts[account.pk]
    replies = Counter(Post.objects.exclude(in_reply_to=None).values_list("in_reply_to_id", flat=True))
    echoes = Counter(Post.objects.exclude(reblog_of=None).values_list("reblog_of_id", flat=True))
    upvotes = Counter(Upvote.objects.values_list("post_id", flat=True))
    for post in Post.objects.all():
        assert (post.replies_count, post.reblogs_count, post.favourites_count) == (
            replies[post.pk],
            echoes[post.pk],
            upvotes[post.pk],
        )
    kinds = Counter(
        "echo" if p.reblog_of_id else "reply" if p.in_reply_to_id else "post"
        for p in Post.objects.only("reblog_of", "in_reply_to")
    )
    assert kinds["echo"] > POSTS * 0.05 and kinds["reply"] > POSTS * 0.1
    assert set(Post.objects.exclude(language="").values_list("language", flat=True)) == {"fr", "en"}


def test_follower_counts_are_heavy_tailed(network):
    counts = sorted(Account.objects.values_list("followers_count", flat=True), reverse=True)
    assert counts[0] == USERS - 1  # the most followed account: everyone else
    assert counts[0] > 20 * statistics.median(counts)
    assert sum(counts[: USERS // 100]) > 0.1 * sum(counts)  # the top 1% hold over 10% of all follows


def test_home_feeds_follow_the_graph_and_are_capped(network):
    follows = set(Follow.objects.values_list("follower_id", "target_id"))
    mentions = set(Mention.objects.values_list("account_id", "post_id"))
    authors = dict(Post.objects.values_list("id", "author_id"))
    visibility = dict(Post.objects.values_list("id", "visibility"))
    for owner, post in FeedEntry.objects.values_list("owner_id", "post_id"):
        author = authors[post]
        if visibility[post] == Visibility.DIRECT:
            assert owner == author or (owner, post) in mentions
        else:
            assert owner == author or (owner, author) in follows or (owner, post) in mentions
    sizes = FeedEntry.objects.values("owner_id").annotate(n=Count("id")).values_list("n", flat=True)
    assert max(sizes) == CAP
    # The feed holds each person's newest eligible posts: a followed author's latest public post is in it.
    reader = Account.objects.order_by("following_count").last()
    followed = Follow.objects.filter(follower=reader).values_list("target_id", flat=True)
    newest = Post.objects.filter(author_id__in=followed, visibility=Visibility.PUBLIC).order_by("-id").first()
    assert FeedEntry.objects.filter(owner=reader, post=newest).exists()
    page = home_feed(reader, Page(limit=20))
    assert len(page) == 20 and page[0].pk == newest.pk
    # Delivered, as the feeds are written: the workers' recovery sweep has nothing to redo.
    assert not Post.objects.filter(delivered_at__isnull=True).exists()
    assert requeue_stalled_deliveries(older_than=timedelta(0)) == 0


def test_seeded_accounts_log_in_and_posts_are_searchable(network):
    username = Account.objects.order_by("id").first().username
    assert Client().login(username=username, password="correct horse battery")
    viewer = Account.objects.get(username=username)
    found = search(viewer, "manifestations", kind="statuses", limit=40).posts
    assert found and all("manifestation" in p.text for p in found)
    assert all(p.visibility in (Visibility.PUBLIC, Visibility.UNLISTED) or p.author_id == viewer.pk for p in found[:5])


def test_same_seed_same_network_and_no_second_seed_on_top():
    def snapshot():
        names = dict(Account.objects.values_list("id", "username"))
        return (
            sorted(names.values()),
            sorted((names[a], names[b]) for a, b in Follow.objects.values_list("follower_id", "target_id")),
            [(names[a], t) for a, t in Post.objects.order_by("id").values_list("author_id", "text")],
        )

    call_command("seed", users=60, posts=400, seed=3, stdout=None)
    first = snapshot()
    with pytest.raises(CommandError):
        call_command("seed", users=60, posts=400, seed=3, stdout=None)
    User.objects.all().delete()
    call_command("seed", users=60, posts=400, seed=3, stdout=None)
    assert snapshot() == first
    User.objects.all().delete()
    call_command("seed", users=60, posts=400, seed=4, stdout=None)
    assert snapshot() != first


def test_the_most_followed_account_can_be_capped():
    seed_network(SeedOptions(users=300, posts=50, seed=3, max_followers=60), progress=lambda line: None)
    counts = sorted(Account.objects.values_list("followers_count", flat=True), reverse=True)
    assert counts[0] == 60
    assert counts[1] < counts[0] and counts[-1] < 10  # still a heavy tail under the cap
