"""Polls through the API: create, vote once, hidden totals, end and its notifications."""

from datetime import timedelta

from django.utils import timezone

from notifications.models import Notification
from posts.models import Poll
from posts.polls import finish_ended_polls


def test_poll_create_vote_results_and_end(api_as, anon, alice, bob, carol) -> None:
    client = api_as(alice)
    created = client.post(
        "/api/v1/statuses",
        {"status": "Lunch?", "poll": {"options": ["Soup", "Salad", "Both"], "expires_in": 600, "multiple": True}},
    ).json()
    poll = created["poll"]
    assert [o["title"] for o in poll["options"]] == ["Soup", "Salad", "Both"] and poll["multiple"] is True
    assert poll["voted"] is True and poll["own_votes"] == [] and poll["expired"] is False
    voted = api_as(bob).post(f"/api/v1/polls/{poll['id']}/votes", {"choices": [0, 2]}).json()
    assert voted["own_votes"] == [0, 2] and voted["voters_count"] == 1 and voted["votes_count"] == 2
    again = api_as(bob).post(f"/api/v1/polls/{poll['id']}/votes", {"choices": [1]})
    assert again.status_code == 422 and "choices" in again.json()["details"]
    assert client.post(f"/api/v1/polls/{poll['id']}/votes", {"choices": [1]}).status_code == 422  # own poll
    assert api_as(carol).post(f"/api/v1/polls/{poll['id']}/votes", {"choices": [7]}).status_code == 422
    seen = anon.get(f"/api/v1/polls/{poll['id']}").json()
    assert [o["votes_count"] for o in seen["options"]] == [1, 0, 1] and "voted" not in seen
    status = api_as(carol).get(f"/api/v1/statuses/{created['id']}").json()
    assert status["poll"]["voted"] is False and status["poll"]["votes_count"] == 2

    Poll.objects.filter(pk=poll["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_as(carol).post(f"/api/v1/polls/{poll['id']}/votes", {"choices": [1]}).status_code == 422
    assert finish_ended_polls() == 1 and finish_ended_polls() == 0
    told = set(Notification.objects.filter(type="poll").values_list("recipient__username", flat=True))
    assert told == {"alice", "bob"}
    assert api_as(bob).get("/api/v1/notifications", {"types[]": ["poll"]}).json()[0]["status"]["poll"]["expired"]


def test_hidden_totals_bad_polls_and_private_polls(api_as, anon, alice, bob) -> None:
    client = api_as(alice)
    hidden = client.post(
        "/api/v1/statuses", {"status": "Secret ballot", "poll": {"options": ["Yes", "No"], "expires_in": 600,
                             "hide_totals": True}},
    ).json()  # fmt: skip
    api_as(bob).post(f"/api/v1/polls/{hidden['poll']['id']}/votes", {"choices": [0]})
    assert [o["votes_count"] for o in anon.get(f"/api/v1/polls/{hidden['poll']['id']}").json()["options"]] == [
        None,
        None,
    ]
    assert [o["votes_count"] for o in client.get(f"/api/v1/polls/{hidden['poll']['id']}").json()["options"]] == [1, 0]
    for bad in (
        {"options": ["Only one"], "expires_in": 600},
        {"options": ["a", "b", "c", "d", "e"], "expires_in": 600},
        {"options": ["a", "a"], "expires_in": 600},
        {"options": ["a", "b"], "expires_in": 10},
        {"options": ["a", "b"]},
        {"options": ["a", "x" * 51], "expires_in": 600},
    ):
        response = client.post("/api/v1/statuses", {"status": "bad", "poll": bad})
        assert response.status_code == 422 and "poll" in response.json()["details"], bad
    private = client.post(
        "/api/v1/statuses",
        {"status": "friends only", "visibility": "private", "poll": {"options": ["a", "b"], "expires_in": 600}},
    ).json()
    assert anon.get(f"/api/v1/polls/{private['id']}").status_code == 404
    assert api_as(bob).post(f"/api/v1/polls/{private['id']}/votes", {"choices": [0]}).status_code == 404
    # Form-encoded, as Mastodon.py and toot send it.
    form = client.post(
        "/api/v1/statuses",
        {"status": "form", "poll[options][]": ["x", "y"], "poll[expires_in]": "300"},
        json=False,
    ).json()
    assert [o["title"] for o in form["poll"]["options"]] == ["x", "y"]
