"""Polls across servers, with Mastodon's payloads: a Question in and out, votes as Notes with `name`."""

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.actions import do_follow
from accounts.models import Account
from federation.fetch import fetch_actor
from posts.actions import do_create_post
from posts.models import Poll, PollVote, Post
from posts.polls import do_vote, finish_ended_polls
from tests.federation.peer import Peer

LOCAL = settings.SITE_URL


def test_a_mastodon_question_becomes_a_poll_and_a_vote_goes_back_as_a_note(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    do_follow(fetch_actor(actor), alice)  # so that her posts concern this server
    remote = Account.objects.get(uri=actor)
    do_follow(alice, remote)
    end = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    activity = peer.fixture("mastodon_create_question.json", local=LOCAL, actor="zoe", end=end.isoformat())
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    post = Post.objects.get(uri=activity["object"]["id"])
    poll = Poll.objects.get(pk=post.pk)
    assert poll.options == ["Tea", "Coffee"] and poll.multiple is False
    assert (poll.remote_counts, poll.remote_voters, poll.expires_at) == ([3, 2], 5, end)

    peer.received.clear()
    do_vote(alice, poll, [1])
    [(path, body, _headers)] = [r for r in peer.received if r[1]["type"] == "Create"]
    assert path == "/users/zoe/inbox"
    vote = body["object"]
    assert vote["type"] == "Note" and vote["name"] == "Coffee" and vote["inReplyTo"] == post.uri
    assert vote["attributedTo"] == alice.actor_uri() and vote["to"] == actor

    # Its server sends the new counts (an Update of the Question).
    activity["type"] = "Update"
    activity["object"]["oneOf"][1]["replies"]["totalItems"] = 3
    activity["object"]["votersCount"] = 6
    assert peer.deliver(Client(), activity, actor=actor).status_code == 202
    poll.refresh_from_db()
    assert (poll.remote_counts, poll.remote_voters) == ([3, 3], 6)


def test_remote_votes_on_a_local_poll_and_the_question_it_is(peer: Peer, alice: Account) -> None:
    fan = fetch_actor(peer.actor("fan"))
    do_follow(fan, alice)
    post = do_create_post(alice, "Cats or dogs?", poll={"options": ["Cats", "Dogs"], "expires_in": 3600})
    question = next(body for _p, body, _h in peer.received if body["type"] == "Create")["object"]
    assert question["type"] == "Question" and [o["name"] for o in question["oneOf"]] == ["Cats", "Dogs"]
    assert question["endTime"] and "closed" not in question

    vote = peer.fixture("mastodon_vote.json", local=LOCAL, actor="fan", option="Dogs", question=post.activity_uri())
    assert peer.deliver(Client(), vote, actor=fan.uri).status_code == 202
    assert peer.deliver(Client(), vote, actor=fan.uri).status_code == 202  # delivered twice: counted once
    second = peer.fixture("mastodon_vote.json", local=LOCAL, actor="fan", option="Cats", question=post.activity_uri())
    second["object"]["id"] += "1"
    assert peer.deliver(Client(), second, actor=fan.uri).status_code == 202  # one choice only
    assert list(PollVote.objects.values_list("account_id", "choice")) == [(fan.pk, 1)]

    # At its end, the final counts go out as an Update of the Question.
    Poll.objects.filter(pk=post.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    peer.received.clear()
    assert finish_ended_polls() == 1
    [update] = [body for _p, body, _h in peer.received if body["type"] == "Update"]
    assert update["object"]["closed"] and update["object"]["oneOf"][1]["replies"]["totalItems"] == 1
