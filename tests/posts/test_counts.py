"""Counts others see never include what they cannot: a held or removed reply is not in its
parent's replies_count, a held post not in its author's statuses_count, and a moderation
decision that releases or removes a post moves both."""

from django.test import Client

from moderation.actions import do_approve_post, do_remove_post
from posts.actions import do_create_post, do_delete_post, do_reblog
from posts.models import Post


def _counts(parent: Post, author) -> tuple[int, int]:
    parent.refresh_from_db()
    author.refresh_from_db()
    return parent.replies_count, author.posts_count


def test_held_and_removed_replies_are_not_counted(alice, make_account) -> None:
    moderator = make_account("boss", staff=True).user
    newcomer = make_account("newcomer")
    parent = do_create_post(alice, "What do you think?")
    reply = do_create_post(newcomer, "I will kill you", in_reply_to=parent)
    reply.refresh_from_db()
    assert reply.moderation_state == "held"
    assert _counts(parent, newcomer) == (0, 0)
    statuses = Client().get(f"/api/v1/accounts/{newcomer.pk}").json()["statuses_count"]
    assert statuses == 0
    do_approve_post(reply, acting_user=moderator, reason="fiction", policy="violence")
    assert _counts(parent, newcomer) == (1, 1)
    do_remove_post(reply, acting_user=moderator, reason="threat", policy="violence")
    assert _counts(parent, newcomer) == (0, 0)
    do_delete_post(newcomer, Post.objects.get(pk=reply.pk))  # deleting a removed post takes nothing more
    assert _counts(parent, newcomer) == (0, 0)


def test_published_posts_count_and_echoes_do_not(alice, bob) -> None:
    parent = do_create_post(alice, "hello")
    reply = do_create_post(bob, "hi", in_reply_to=parent)
    echo = do_reblog(bob, parent)
    assert _counts(parent, bob) == (1, 1)
    do_delete_post(bob, echo)
    assert _counts(parent, bob) == (1, 1)
    do_delete_post(bob, reply)
    assert _counts(parent, bob) == (0, 0)
