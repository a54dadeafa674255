from django.test import Client

from accounts.actions import do_follow
from posts.actions import do_create_post, do_upvote


def login(client: Client, account) -> Client:
    client.force_login(account.user)
    return client


def test_local_feed_is_public_and_lists_local_posts(client, alice):
    post = do_create_post(alice, "hello from #tribune")
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "hello from" in body
    assert f'id="post-{post.pk}"' in body
    assert 'lang="en"' in body
    assert "Skip to content" in body


def test_private_posts_stay_off_the_local_feed(client, alice):
    do_create_post(alice, "followers only secret", visibility="private")
    assert "followers only secret" not in client.get("/").content.decode()


def test_home_feed_needs_login_and_shows_followed_posts(client, alice, bob):
    response = client.get("/home")
    assert response.status_code == 302
    assert response["Location"].startswith("/login")
    do_follow(alice, bob)
    do_create_post(bob, "bob says hi")
    response = login(client, alice).get("/home")
    assert response.status_code == 200
    assert "bob says hi" in response.content.decode()


def test_home_feed_query_count_does_not_grow_with_posts(client, alice, bob, django_assert_max_num_queries):
    do_follow(alice, bob)
    for i in range(3):
        do_upvote(alice, do_create_post(bob, f"post {i}"))
    login(client, alice)
    with django_assert_max_num_queries(20) as few:
        client.get("/home")
    for i in range(3, 20):
        do_create_post(bob, f"post {i} with #tag{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/home")
    assert response.content.decode().count('class="post') == 20


def test_older_link_pages_by_max_id(client, alice):
    posts = [do_create_post(alice, f"numbered {i}") for i in range(25)]
    body = client.get("/").content.decode()
    assert "numbered 24" in body and "numbered 4" not in body
    oldest_shown = posts[5].pk
    assert f"max_id={oldest_shown}" in body
    older = client.get(f"/?max_id={oldest_shown}").content.decode()
    assert "numbered 4" in older and "numbered 24" not in older


def test_hashtag_feed_and_trending(client, alice, bob):
    do_create_post(alice, "I like #gardening")
    do_create_post(bob, "me too #gardening")
    do_create_post(bob, "unrelated")
    body = client.get("/tags/gardening").content.decode()
    assert "I like" in body and "me too" in body and "unrelated" not in body
    explore = client.get("/explore").content.decode()
    assert 'href="/tags/gardening"' in explore
    assert "2 people" in explore


def test_bookmarks_page_lists_bookmarked_posts(client, alice, bob):
    post = do_create_post(bob, "worth keeping")
    do_create_post(bob, "not kept")
    login(client, alice)
    client.post(f"/posts/{post.pk}/bookmark", {"on": "1"})
    body = client.get("/bookmarks").content.decode()
    assert "worth keeping" in body and "not kept" not in body


def test_local_and_profile_pages_query_counts_do_not_grow(client, alice, bob, django_assert_max_num_queries):
    do_follow(alice, bob)
    do_create_post(bob, "one")
    login(client, alice)
    counts = {}
    for url in ("/", "/@bob", "/@bob?tab=replies"):
        with django_assert_max_num_queries(25) as q:
            client.get(url)
        counts[url] = len(q.captured_queries)
    for i in range(15):
        do_upvote(alice, do_create_post(bob, f"more {i}"))
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            body = client.get(url).content.decode()
        assert body.count('class="post') == 16


def test_hostile_paging_and_ids_are_4xx_or_ignored(client, alice):
    do_create_post(alice, "still here")
    huge = "9" * 30
    assert client.get(f"/?max_id={huge}").status_code == 200
    assert client.get("/?max_id=abc&limit=-5").status_code == 200
    assert client.get(f"/@alice/{huge}").status_code == 404
    assert client.get("/tags/%00%01").status_code == 400
    assert client.get("/search", {"q": "a\x00b"}).status_code == 400
    login(client, alice)
    assert client.post(f"/posts/{huge}/upvote", {"on": "1"}).status_code == 404
    assert client.post("/posts/new", {"text": "x", "in_reply_to": huge}).status_code == 404
    assert client.post("/posts/new", {"text": "x", "quote_of": "abc"}).status_code == 404
    assert client.post("/posts/new", {"text": "nul \x00 byte"}).status_code == 400
    assert client.post("/settings/profile", {"display_name": "\x00"}).status_code == 400


def test_new_posts_bar_counts_what_arrived_since_the_page(client, alice, bob, carol):
    do_follow(alice, bob)
    first = do_create_post(bob, "before the page")
    body = login(client, alice).get("/home").content.decode()
    assert f'hx-get="/home/new?since_id={first.pk}"' in body and 'hx-trigger="every 15s"' in body
    assert client.get(f"/home/new?since_id={first.pk}").content.decode().strip() == ""  # nothing yet: no bar
    do_create_post(bob, "one")
    do_create_post(bob, "two")
    do_create_post(alice, "mine, already in the page")
    do_create_post(carol, "not followed")
    bar = client.get(f"/home/new?since_id={first.pk}").content.decode()
    assert "2 new posts" in bar and 'href="/home"' in bar
    # Local counts every local public post, the reader's own aside; it works signed out too.
    assert "3 new posts" in client.get(f"/local/new?since_id={first.pk}").content.decode()
    client.logout()
    assert "4 new posts" in client.get(f"/local/new?since_id={first.pk}").content.decode()
    assert client.get(f"/home/new?since_id={first.pk}").content.decode().strip() == ""
    assert 'hx-get="/local/new?since_id=' in client.get("/").content.decode()
    # An older page does not ask (the reader is reading back).
    assert "hx-trigger" not in login(client, alice).get(f"/home?max_id={first.pk}").content.decode()
    assert client.get("/home/new?since_id=x").status_code == 200  # a bad id reads as none
