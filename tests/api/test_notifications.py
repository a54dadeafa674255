"""Notifications: Mastodon types (Tribune's reply is a mention), filters, one, dismiss, clear."""

from accounts.actions import do_follow
from posts.actions import do_create_post, do_upvote


def test_types_filters_dismiss_clear(api_as, alice, bob) -> None:
    post = do_create_post(alice, "hello")
    do_create_post(bob, "a reply", in_reply_to=post)
    do_upvote(bob, post)
    do_follow(bob, alice)
    client = api_as(alice)
    listed = client.get("/api/v1/notifications")
    assert listed.status_code == 200
    kinds = [n["type"] for n in listed.json()]
    assert sorted(kinds) == ["favourite", "follow", "mention"]
    mention = next(n for n in listed.json() if n["type"] == "mention")
    assert mention["status"]["content"] == "<p>a reply</p>" and mention["account"]["acct"] == "bob"
    only = client.get("/api/v1/notifications", {"types[]": ["mention"]}).json()
    assert [n["type"] for n in only] == ["mention"]
    without = client.get("/api/v1/notifications", {"exclude_types[]": ["mention", "follow"]}).json()
    assert [n["type"] for n in without] == ["favourite"]
    paged = client.get("/api/v1/notifications", {"limit": 1})
    assert len(paged.json()) == 1 and 'rel="next"' in paged.headers["Link"]
    one = client.get(f"/api/v1/notifications/{mention['id']}").json()
    assert one["id"] == mention["id"]
    assert api_as(bob).get(f"/api/v1/notifications/{mention['id']}").status_code == 404
    assert client.post(f"/api/v1/notifications/{mention['id']}/dismiss").status_code == 200
    assert len(client.get("/api/v1/notifications").json()) == 2
    assert client.post("/api/v1/notifications/clear").json() == {}
    assert client.get("/api/v1/notifications").json() == []


def test_notifications_about_posts_one_can_no_longer_see_are_hidden(api_as, alice, bob) -> None:
    post = do_create_post(bob, "@alice hidden later", visibility="private")
    assert [n["type"] for n in api_as(alice).get("/api/v1/notifications").json()] == ["mention"]
    from posts.models import Post

    Post.objects.filter(pk=post.pk).update(moderation_state="removed")
    assert api_as(alice).get("/api/v1/notifications").json() == []
