"""The cached home timeline (api/home_cache.py) in a real Redis: served again while nothing on
the page changed, and never once anything it shows has: after every kind of change, the page
read through the cache equals the page rendered afresh."""

import io
from collections.abc import Callable
from typing import Any

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.actions import (
    do_add_muted_word,
    do_block,
    do_follow,
    do_mute,
    do_remove_follower,
    do_unfollow,
    do_update_profile,
)
from accounts.models import Account
from api import home_cache
from conftest import REDIS_TEST_URL as REDIS_URL
from moderation.actions.decisions import do_mark_sensitive, do_remove_post, do_suspend
from posts.actions import (
    do_bookmark,
    do_create_post,
    do_delete_post,
    do_edit_post,
    do_reblog,
    do_unreblog,
    do_upvote,
)
from posts.media import do_update_media, do_upload_media
from posts.models import Post, Visibility
from tribune.lib import redis as shared
from tribune.lib import stamps

HOME = "/api/v1/timelines/home"


class Reader:
    """One person reading their home timeline through the API."""

    def __init__(self, api: Any, conn: redis.Redis, account: Account) -> None:
        self.api, self.conn, self.account = api, conn, account

    def read(self, path: str = HOME) -> tuple[int, Any, str | None]:
        response = self.api.get(path)
        assert response.status_code == 200
        return response.status_code, response.json(), response.get("Link")

    def cached(self, path: str = HOME) -> tuple[int, Any, str | None]:
        """Reads twice, so that a page that could be stored is; the second read is what the cache serves."""
        self.read(path)
        return self.read(path)

    def fresh(self, path: str = HOME) -> tuple[int, Any, str | None]:
        """The page rendered without the cache."""
        pages = list(self.conn.scan_iter(match=home_cache.page_key(self.account.pk, "")[:-24] + "*"))
        if pages:
            self.conn.delete(*pages)
        home_cache.forget_local_pages()
        before = home_cache.counts["hit"]
        page = self.read(path)
        assert home_cache.counts["hit"] == before
        return page


@pytest.fixture
def reader(redis_on: redis.Redis, api_as: Callable[..., Any], alice: Account) -> Reader:
    return Reader(api_as(alice), redis_on, alice)


def ids(page: tuple[int, Any, str | None]) -> list[str]:
    return [s["id"] for s in page[1]]


def test_a_page_is_served_again_until_something_on_it_changes(reader, alice, bob):
    do_follow(alice, bob)
    first = do_create_post(bob, "first")
    reader.read()
    hits = home_cache.counts["hit"]
    page = reader.cached()
    again = reader.read()
    assert home_cache.counts["hit"] >= hits + 2
    assert again == page and ids(page) == [str(first.pk)]
    assert page[2] is not None and f"max_id={first.pk}" in page[2]  # the Link header is kept
    home_cache.forget_local_pages()  # another process: the page comes from Redis
    hits = home_cache.counts["hit"]
    assert reader.read() == page and home_cache.counts["hit"] == hits + 1
    second = do_create_post(bob, "second")  # fan-out moves alice's stamp
    assert ids(reader.read()) == [str(second.pk), str(first.pk)]


def test_pages_are_per_query_string(reader, alice, bob):
    do_follow(alice, bob)
    posts = [do_create_post(bob, f"n{i}") for i in range(3)]
    reader.cached()
    assert ids(reader.cached(HOME + "?limit=1")) == [str(posts[-1].pk)]
    assert ids(reader.cached(f"{HOME}?max_id={posts[-1].pk}")) == [str(posts[1].pk), str(posts[0].pk)]


@pytest.fixture
def network(make_account: Callable[..., Account], alice: Account, bob: Account, carol: Account) -> dict[str, Any]:
    """Alice follows bob and carol; her home has a public post, a followers-only post, an echo,
    a quote and a post with an image."""
    do_follow(alice, bob)
    do_follow(alice, carol)
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(image, format="PNG")
    media = do_upload_media(bob, SimpleUploadedFile("red.png", image.getvalue(), content_type="image/png"))
    out: dict[str, Any] = {
        "moderator": make_account("moderator", staff=True).user,
        "original": do_create_post(carol, "carol's original"),
        "public": do_create_post(bob, "bob in public"),
        "private": do_create_post(bob, "bob to followers", visibility=Visibility.PRIVATE),
        "with_media": do_create_post(bob, "a picture", media_ids=[media.pk]),
        "media": media,
    }
    out["echo"] = do_reblog(bob, out["original"])
    out["quote"] = do_create_post(bob, "bob quotes carol", quote_of=out["original"])
    return out


def _very_followed(settings: Any, n: dict[str, Any], alice: Account, bob: Account, carol: Account) -> None:
    settings.FANOUT_MAX_FOLLOWERS = 1  # bob's posts are now merged in when read
    do_create_post(bob, "posted while very followed")


CHANGES: dict[str, Callable[..., Any]] = {
    "bob deletes a post": lambda s, n, a, b, c: do_delete_post(b, n["public"]),
    "a moderator removes a post": lambda s, n, a, b, c: do_remove_post(
        n["public"], acting_user=n["moderator"], reason="test", policy="violence"
    ),
    "a moderator marks a post sensitive": lambda s, n, a, b, c: do_mark_sensitive(
        n["public"], acting_user=n["moderator"], reason="test", policy="nsfw"
    ),
    "a moderator suspends bob": lambda s, n, a, b, c: do_suspend(
        b, acting_user=n["moderator"], reason="test", policy="violence"
    ),
    "bob edits a post": lambda s, n, a, b, c: do_edit_post(b, n["public"], "bob, edited"),
    "the quoted post is deleted": lambda s, n, a, b, c: do_delete_post(c, n["original"]),
    "bob undoes his echo": lambda s, n, a, b, c: do_unreblog(b, n["original"]),
    "alice upvotes": lambda s, n, a, b, c: do_upvote(a, n["public"]),
    "carol upvotes (a count)": lambda s, n, a, b, c: do_upvote(c, n["public"]),
    "alice bookmarks": lambda s, n, a, b, c: do_bookmark(a, n["private"]),
    "alice echoes": lambda s, n, a, b, c: do_reblog(a, n["public"]),
    "alice blocks bob": lambda s, n, a, b, c: do_block(a, b),
    "bob blocks alice": lambda s, n, a, b, c: do_block(b, a),
    "alice mutes bob": lambda s, n, a, b, c: do_mute(a, b),
    "alice mutes a word": lambda s, n, a, b, c: do_add_muted_word(a, "followers"),
    "alice unfollows bob": lambda s, n, a, b, c: do_unfollow(a, b),
    "bob removes alice as a follower": lambda s, n, a, b, c: do_remove_follower(b, a),
    "bob renames himself": lambda s, n, a, b, c: do_update_profile(b, display_name="Robert"),
    "bob posts again": lambda s, n, a, b, c: do_create_post(b, "news"),
    "bob, very followed, posts": _very_followed,
    "an image description changes": lambda s, n, a, b, c: do_update_media(b, n["media"], description="a red square"),
    "the post count changes without a signal": lambda s, n, a, b, c: Post.objects.filter(pk=n["public"].pk).update(
        favourites_count=41
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_after_any_change_the_cache_serves_what_a_fresh_rendering_shows(
    change, settings, reader, network, alice, bob, carol
):
    before = reader.cached()
    hits = home_cache.counts["hit"]
    assert reader.read() == before and home_cache.counts["hit"] == hits + 1  # served from the cache
    CHANGES[change](settings, network, alice, bob, carol)
    after = reader.read()
    assert after != before  # the change shows on the page...
    assert after == reader.fresh()  # ...and the cache served exactly the fresh rendering


def test_a_change_stamped_while_the_page_was_being_rendered_keeps_it_out_of_the_cache(reader, monkeypatch, alice, bob):
    do_follow(alice, bob)
    post = do_create_post(bob, "changed meanwhile")
    reader.cached()
    stored = home_cache.counts["stored"]
    original = home_cache.relations

    def changed_meanwhile(*args: Any, **kwargs: Any) -> Any:
        # Another request changes the post after this one read Redis's clock, before it reads
        # the database: what this one renders may predate the change.
        stamps.touch(reader.conn, [stamps.post(post.pk)])
        return original(*args, **kwargs)

    monkeypatch.setattr(home_cache, "relations", changed_meanwhile)
    reader.fresh()
    assert home_cache.counts["stored"] == stored  # rendered, not stored
    monkeypatch.setattr(home_cache, "relations", original)
    reader.read()
    assert home_cache.counts["stored"] == stored + 1  # once quiet, the next read stores it


def test_a_change_made_while_redis_was_away_invalidates_every_cached_page(reader, settings, alice, bob):
    do_follow(alice, bob)
    post = do_create_post(bob, "deleted while Redis is away")
    assert ids(reader.cached()) == [str(post.pk)]
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    shared.reset_circuit()
    do_delete_post(bob, post)  # its stamp cannot be set
    settings.REDIS_URL = REDIS_URL  # Redis is back, with the cached page in it
    shared.reset_circuit()
    assert ids(reader.read()) == []


def test_without_redis_every_request_is_rendered(api_as, alice, bob, settings):
    settings.REDIS_URL = ""
    do_follow(alice, bob)
    post = do_create_post(bob, "embedded default")
    hits, misses = home_cache.counts["hit"], home_cache.counts["miss"]
    api = api_as(alice)
    for _ in range(2):
        assert [s["id"] for s in api.get(HOME).json()] == [str(post.pk)]
    assert (home_cache.counts["hit"], home_cache.counts["miss"]) == (hits, misses)


def test_an_account_crossing_the_fan_out_threshold_refreshes_every_page(reader, settings, make_account, alice, bob):
    settings.FANOUT_MAX_FOLLOWERS = 2
    do_follow(alice, bob)  # bob has one follower: his posts are pushed
    before = reader.cached()
    assert ids(before) == []  # nothing of bob's on alice's page: it does not carry his stamp
    do_follow(make_account("erin"), bob)  # two followers: bob's posts are now merged when read
    post = do_create_post(bob, "merged, not pushed")
    assert ids(reader.read()) == [str(post.pk)] == ids(reader.fresh())


def test_a_page_entry_this_code_did_not_write_is_rendered_afresh(reader, alice, bob):
    do_follow(alice, bob)
    post = do_create_post(bob, "still shown")
    key = home_cache.page_key(alice.pk, HOME)
    for junk in ("not json\n[]", '{"keys": ["a"]}\n[]', '{"keys": 3, "stamps": [], "link": null}\n[]'):
        reader.conn.set(key, junk, ex=60)
        home_cache.forget_local_pages()
        assert ids(reader.read()) == [str(post.pk)]
