"""The cached, viewer-independent parts of rendered posts never go stale."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.serializers.statuses import statuses
from posts import render_cache
from posts.actions import do_create_post, do_edit_post
from posts.media import do_update_media, do_upload_media
from tests.posts.test_actions import jpeg_with_exif


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


def test_second_render_reads_the_cache(alice, bob, django_assert_max_num_queries):
    posts = [do_create_post(alice, f"hello @bob #tag{i}") for i in range(5)]
    first = statuses(bob, posts)
    assert render_cache.get_many("api", posts).keys() == {p.pk for p in posts}
    with django_assert_max_num_queries(4):  # viewer state only: media, mentions and tags come from the cache
        again = statuses(bob, posts)
    assert again == first
    assert first[0]["mentions"][0]["acct"] == "bob"


def test_edit_changes_what_is_rendered(alice):
    post = do_create_post(alice, "before #old")
    assert statuses(None, [post])[0]["tags"][0]["name"] == "old"
    do_edit_post(alice, post, "after #new")
    post.refresh_from_db()
    assert [t["name"] for t in statuses(None, [post])[0]["tags"]] == ["new"]


def test_alt_text_update_is_seen(alice):
    media = do_upload_media(alice, SimpleUploadedFile("a.jpg", jpeg_with_exif(), content_type="image/jpeg"))
    post = do_create_post(alice, "picture", media_ids=[media.pk])
    assert statuses(None, [post])[0]["media_attachments"][0]["description"] is None
    do_update_media(alice, media, description="a red square")
    assert statuses(None, [post])[0]["media_attachments"][0]["description"] == "a red square"


def test_a_moderation_change_makes_the_entry_stale(alice):
    post = do_create_post(alice, "fine")
    statuses(None, [post])
    post.sensitive = True  # what marking sensitive changes
    assert render_cache.get_many("api", [post]) == {}
