"""Followed hashtags: public posts carrying them join the home timeline, on the fan-out path and
when a home feed is rebuilt from the database (Redis lost it)."""

import pytest

from posts.actions import do_create_post


def _home(client) -> list[str]:
    return [s["id"] for s in client.get("/api/v1/timelines/home").json()]


@pytest.mark.parametrize("with_redis", [False, True])
def test_followed_hashtag_posts_join_home(request, api_as, alice, bob, with_redis) -> None:
    client = api_as(alice)
    if with_redis:
        request.getfixturevalue("redis_on")
    client.get("/api/v1/timelines/home")  # the feed exists (in Redis, when on) before the posts
    followed = client.post("/api/v1/tags/Gardening/follow").json()
    assert followed["name"] == "gardening" and followed["following"] is True and len(followed["history"]) == 7
    public = do_create_post(bob, "Tomatoes! #gardening")
    unlisted = do_create_post(bob, "quiet #gardening", visibility="unlisted")
    private = do_create_post(bob, "friends #gardening", visibility="private")
    other = do_create_post(bob, "no tag")
    home = _home(client)
    assert str(public.pk) in home
    assert not {str(unlisted.pk), str(private.pk), str(other.pk)} & set(home)
    assert [t["name"] for t in client.get("/api/v1/followed_tags").json()] == ["gardening"]
    assert client.get("/api/v1/tags/gardening").json()["following"] is True
    if with_redis:
        from timelines import redis_feeds

        redis_feeds.invalidate(alice.pk)  # rebuilt from the database on the next read
        assert str(public.pk) in _home(client)

    unfollowed = client.post("/api/v1/tags/gardening/unfollow").json()
    assert unfollowed["following"] is False
    later = do_create_post(bob, "More #gardening")
    assert str(later.pk) not in _home(client)
    assert client.get("/api/v1/followed_tags").json() == []
    assert client.post("/api/v1/tags/not a tag!/follow").status_code == 422
    assert client.post("/api/v1/tags/neverused/unfollow").status_code == 404
