from accounts.actions import do_add_muted_word, do_block, do_follow, do_mute, do_unfollow
from notifications.models import Notification
from posts.actions import do_create_post, do_reblog, do_upvote
from timelines.feeds import hashtag_feed, home_feed, public_feed, thread, trending_hashtags
from tribune.lib.pagination import Page


def test_home_feed_has_followed_people_and_self(alice, bob, carol):
    do_follow(alice, bob)
    own = do_create_post(alice, "mine")
    followed = do_create_post(bob, "bob's")
    stranger = do_create_post(carol, "carol's")
    feed = [p.pk for p in home_feed(alice, Page())]
    assert feed == [followed.pk, own.pk]
    assert stranger.pk not in feed


def test_following_backfills_and_unfollowing_removes(alice, bob):
    earlier = do_create_post(bob, "before the follow")
    do_follow(alice, bob)
    assert earlier.pk in [p.pk for p in home_feed(alice, Page())]
    do_unfollow(alice, bob)
    assert earlier.pk not in [p.pk for p in home_feed(alice, Page())]


def test_feed_pagination_by_id(alice):
    posts = [do_create_post(alice, f"post {i}") for i in range(7)]
    newest_first = [p.pk for p in reversed(posts)]
    first = home_feed(alice, Page(limit=3))
    assert [p.pk for p in first] == newest_first[:3]
    second = home_feed(alice, Page(max_id=first[-1].pk, limit=3))
    assert [p.pk for p in second] == newest_first[3:6]
    newer = home_feed(alice, Page(min_id=posts[1].pk, limit=2))
    assert [p.pk for p in newer] == [posts[3].pk, posts[2].pk]
    since = home_feed(alice, Page(since_id=posts[4].pk, limit=10))
    assert [p.pk for p in since] == [posts[6].pk, posts[5].pk]


def test_mutes_and_muted_words_and_blocks_filter_feeds(alice, bob, carol):
    do_follow(alice, bob)
    do_follow(alice, carol)
    noisy = do_create_post(bob, "noise")
    spoiler = do_create_post(carol, "the ending of the film")
    do_mute(alice, bob)
    do_add_muted_word(alice, "ending")
    feed = [p.pk for p in home_feed(alice, Page())]
    assert noisy.pk not in feed and spoiler.pk not in feed
    do_block(carol, alice)
    assert spoiler.pk not in [p.pk for p in public_feed(alice, Page())]


def test_echo_reaches_followers_of_the_echoer(alice, bob, carol):
    do_follow(alice, bob)
    post = do_create_post(carol, "worth echoing")
    echo = do_reblog(bob, post)
    assert echo.pk in [p.pk for p in home_feed(alice, Page())]
    assert Notification.objects.filter(recipient=carol, type="reblog", actor=bob).exists()


def test_notifications_for_mentions_replies_and_upvotes(alice, bob):
    post = do_create_post(alice, "hello @bob")
    assert Notification.objects.filter(recipient=bob, actor=alice, type="mention", post=post).exists()
    reply = do_create_post(bob, "hi", in_reply_to=post)
    assert Notification.objects.filter(recipient=alice, type="mention", post=reply).exists()
    do_upvote(bob, post)
    assert Notification.objects.filter(recipient=alice, type="favourite", actor=bob).exists()
    do_follow(bob, alice)
    assert Notification.objects.filter(recipient=alice, type="follow", actor=bob).exists()


def test_hashtag_feed_and_trends(alice, bob, carol):
    do_create_post(alice, "#Elections today")
    do_create_post(bob, "#elections again")
    do_create_post(carol, "#cats")
    do_create_post(carol, "#elections", visibility="private")
    assert len(hashtag_feed(None, "elections", Page())) == 2
    trends = trending_hashtags()
    assert trends[0]["name"] == "elections" and trends[0]["accounts"] == 2


def test_thread_context(alice, bob):
    root = do_create_post(alice, "root")
    reply = do_create_post(bob, "reply", in_reply_to=root)
    deeper = do_create_post(alice, "deeper", in_reply_to=reply)
    hidden = do_create_post(bob, "private reply", in_reply_to=root, visibility="direct")
    ancestors, descendants = thread(None, deeper)
    assert [p.pk for p in ancestors] == [root.pk, reply.pk]
    ancestors, descendants = thread(None, root)
    assert [p.pk for p in descendants] == [reply.pk, deeper.pk]
    assert hidden.pk not in [p.pk for p in descendants]


def test_public_and_hashtag_feeds_page_past_hidden_posts(alice, bob):
    shown = []
    for i in range(8):
        shown.append(do_create_post(alice, f"open {i} #tides"))
        do_create_post(alice, f"closed {i} #tides", visibility="private")
    newest_first = [p.pk for p in reversed(shown)]
    for feed in (
        lambda page: public_feed(bob, page, local_only=True),
        lambda page: hashtag_feed(bob, "tides", page),
    ):
        first = feed(Page(limit=3))
        assert [p.pk for p in first] == newest_first[:3]
        second = feed(Page(limit=3, max_id=first[-1].pk))
        assert [p.pk for p in second] == newest_first[3:6]
        newer = feed(Page(limit=2, min_id=shown[1].pk))
        assert [p.pk for p in newer] == [shown[3].pk, shown[2].pk]


def test_out_of_range_cursors_are_ignored_not_errors(alice):
    post = do_create_post(alice, "still here")
    for value in (str(10**30), "-5", "abc", str(1 << 63)):
        page = Page.from_params({"max_id": value, "since_id": value, "limit": value})
        assert [p.pk for p in home_feed(alice, page)] == [post.pk]
