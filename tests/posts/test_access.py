"""Visibility is decided in one place; every combination a leak could hide in."""

import pytest

from accounts.actions import do_block, do_follow
from posts.access import access_post, visible_posts
from posts.actions import do_create_post, do_delete_post, do_reblog
from posts.models import ModerationState, Post
from tribune.lib.errors import NotFound


def ids(viewer):
    return set(visible_posts(viewer).values_list("id", flat=True))


def test_public_and_unlisted_are_visible_to_anyone(alice, bob):
    public = do_create_post(alice, "hello world")
    unlisted = do_create_post(alice, "quiet", visibility="unlisted")
    assert {public.pk, unlisted.pk} <= ids(None)
    assert {public.pk, unlisted.pk} <= ids(bob)


def test_followers_only_needs_an_accepted_follow(alice, bob, carol):
    alice.locked = True
    alice.save()
    post = do_create_post(alice, "for my followers", visibility="private")
    assert post.pk not in ids(None)
    assert post.pk not in ids(bob)
    do_follow(bob, alice)  # pending: alice is locked
    assert post.pk not in ids(bob)
    from accounts.actions import do_accept_follow_request

    do_accept_follow_request(alice, bob)
    assert post.pk in ids(bob)
    assert post.pk not in ids(carol)
    assert post.pk in ids(alice)


def test_direct_posts_reach_only_mentioned_people(alice, bob, carol):
    post = do_create_post(alice, "@bob a secret", visibility="direct")
    assert post.pk in ids(bob)
    assert post.pk not in ids(carol)
    assert post.pk not in ids(None)
    with pytest.raises(NotFound):
        access_post(carol, post.pk)


def test_blocks_hide_posts_both_ways(alice, bob):
    post = do_create_post(alice, "visible to all but blocked")
    do_block(alice, bob)
    assert post.pk not in ids(bob)
    mine = do_create_post(bob, "bob speaks")
    assert mine.pk not in ids(alice)


def test_held_posts_are_seen_by_their_author_only(alice, bob):
    post = do_create_post(alice, "pending review")
    Post.objects.filter(pk=post.pk).update(moderation_state=ModerationState.HELD)
    assert post.pk in ids(alice)
    assert post.pk not in ids(bob)
    assert post.pk not in ids(None)
    Post.objects.filter(pk=post.pk).update(moderation_state=ModerationState.REMOVED)
    assert post.pk not in ids(alice)


def test_deleted_post_and_its_echoes_disappear(alice, bob):
    post = do_create_post(alice, "soon gone")
    echo = do_reblog(bob, post)
    assert echo.pk in ids(None)
    do_delete_post(alice, post)
    assert post.pk not in ids(None)
    assert echo.pk not in ids(None)


def test_echo_of_a_removed_post_is_hidden(alice, bob):
    post = do_create_post(alice, "will be removed")
    echo = do_reblog(bob, post)
    Post.objects.filter(pk=post.pk).update(moderation_state=ModerationState.REMOVED)
    assert echo.pk not in ids(None)
    assert echo.pk not in ids(bob)


def test_unknown_or_malformed_ids_are_not_found(alice):
    for bad in ("abc", 10**30, -1, None):
        with pytest.raises(NotFound):
            access_post(alice, bad)
