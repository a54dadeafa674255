"""Polls, lists, scheduled posts, filters, followed hashtags, pins, notes, endorsements and push
subscriptions driven by the real Mastodon.py and toot against a real server process."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.api.test_clients import PASSWORD, register, toot
from tests.live import LiveInstance, live_server
from tests.notifications.push_service import serve

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server() -> Iterator[LiveInstance]:
    # Loopback fetches: the push service of the push test listens on this machine.
    with live_server(TRIBUNE_ALLOW_LOOPBACK_FETCHES="1", TRIBUNE_OAUTH_PASSWORD_GRANT="1") as live:
        yield live


def test_mastodon_py_features(server: LiveInstance) -> None:
    alice, *_ = register(server, "alice")
    bob, *_ = register(server, "bob")
    alice_id, bob_id = alice.me()["id"], bob.me()["id"]
    alice.account_follow(bob_id)

    # Polls.
    posted = bob.status_post("Tea or coffee?", poll=bob.make_poll(["Tea", "Coffee"], expires_in=600))
    voted = alice.poll_vote(posted["poll"]["id"], [1])
    assert voted["own_votes"] == [1] and voted["votes_count"] == 1
    assert bob.poll(posted["poll"]["id"])["options"][1]["votes_count"] == 1

    # Lists.
    friends = alice.list_create("Friends", replies_policy="list", exclusive=False)
    alice.list_accounts_add(friends["id"], [bob_id])
    assert [s["id"] for s in alice.timeline_list(friends["id"])] == [posted["id"]]
    assert alice.list_update(friends["id"], "Close friends", exclusive=True)["exclusive"] is True
    assert posted["id"] not in [s["id"] for s in alice.timeline_home()]  # read in the list only
    alice.list_update(friends["id"], "Close friends", exclusive=False)

    # Scheduled posts: not published before their time.
    later = datetime.now(UTC) + timedelta(hours=2)
    scheduled = alice.status_post("Later", scheduled_at=later)
    assert scheduled["params"]["text"] == "Later"
    assert [s["id"] for s in alice.scheduled_statuses()] == [scheduled["id"]]
    assert alice.account_statuses(alice_id) == []
    moved = alice.scheduled_status_update(scheduled["id"], later + timedelta(days=1))
    assert moved["scheduled_at"].date() == (later + timedelta(days=1)).date()
    alice.scheduled_status_delete(scheduled["id"])
    assert alice.scheduled_statuses() == []

    # Filters v2.
    created = alice.create_filter_v2(
        "Drinks", ["home", "public"], "warn", keywords_attributes=[{"keyword": "coffee", "whole_word": True}]
    )
    alice.add_filter_keyword_v2(created["id"], "tea", whole_word=True)
    assert sorted(k["keyword"] for k in alice.filter_keywords_v2(created["id"])) == ["coffee", "tea"]
    assert [f["title"] for f in alice.filters_v2()] == ["Drinks"]
    seen = alice.status(posted["id"])
    assert seen["filtered"][0]["filter"]["title"] == "Drinks"

    # Followed hashtags.
    assert alice.tag_follow("gardening")["following"] is True
    erin, *_ = register(server, "erin")  # someone alice does not follow
    tomato = erin.status_post("Tomatoes #gardening")
    assert [t["name"] for t in alice.followed_tags()] == ["gardening"]
    assert tomato["id"] in [s["id"] for s in alice.timeline_home()]

    # Trends, suggestions, the directory.
    alice.status_favourite(tomato["id"])
    assert [s["id"] for s in bob.trending_statuses()] == [tomato["id"]]
    assert bob.trending_links() == []
    assert "erin" in [a["acct"] for a in bob.suggestions()]
    assert "erin" in [a["acct"] for a in bob.directory(local=True)]

    # Pins, muted conversations, notes, endorsements.
    mine = alice.status_post("Pinned post")
    assert alice.status_pin(mine["id"])["pinned"] is True
    assert [s["id"] for s in bob.account_statuses(alice_id, pinned=True)] == [mine["id"]]
    assert alice.status_mute(mine["id"])["muted"] is True
    assert alice.account_note_set(bob_id, "met at the market")["note"] == "met at the market"
    assert alice.account_endorse(bob_id)["endorsed"] is True
    assert [a["acct"] for a in alice.endorsements()] == ["bob"]


def test_mastodon_py_push_subscription(server: LiveInstance) -> None:
    alice, *_ = register(server, "paula")
    bob, *_ = register(server, "quentin")
    private, public = alice.push_subscription_generate_keys()
    for service in serve():
        made = alice.push_subscription_set(service.endpoint(), public, follow_events=True, policy="all")
        assert made["alerts"]["follow"] is True and made["alerts"]["mention"] is False
        assert made["server_key"] == alice.instance_v2()["configuration"]["vapid"]["public_key"]
        updated = alice.push_subscription_update(mention_events=True, policy="all")
        assert updated["alerts"]["follow"] is True and updated["alerts"]["mention"] is True
        assert alice.push_subscription()["id"] == made["id"]
        bob.account_follow(alice.me()["id"])
        [received] = service.received
        message = alice.push_subscription_decrypt_push(
            received.body, private, received.headers["encryption"], received.headers["crypto-key"]
        )
        assert message["notification_type"] == "follow" and message["title"] == "quentin followed you"
        assert message["notification_id"] == alice.notifications()[0]["id"]
        alice.push_subscription_delete()
        bob.status_post("@paula hello")
        assert len(service.received) == 1


def test_toot_features(server: LiveInstance, tmp_path: Path) -> None:
    register(server, "carol")
    dave, *_ = register(server, "dave")
    login = toot(
        server, tmp_path, "login_cli", "--instance", server.url, "--email", "carol@example.org", "--password", PASSWORD
    )
    assert login.returncode == 0, login.stderr + login.stdout
    follow = toot(server, tmp_path, "follow", "dave")
    assert follow.returncode == 0, follow.stderr

    polled = toot(server, tmp_path, "post", "Lunch?", "--poll-option", "Soup", "--poll-option", "Salad",
                  "--poll-expires-in", "1h", "--json")  # fmt: skip
    assert polled.returncode == 0, polled.stderr + polled.stdout
    assert [o["title"] for o in json.loads(polled.stdout)["poll"]["options"]] == ["Soup", "Salad"]
    theirs = dave.status_post("Which?", poll=dave.make_poll(["A", "B"], expires_in=600))
    vote = toot(server, tmp_path, "polls", "vote", theirs["poll"]["id"], "0")
    assert vote.returncode == 0, vote.stderr + vote.stdout
    assert dave.poll(theirs["poll"]["id"])["votes_count"] == 1

    created = toot(server, tmp_path, "lists", "create", "Pals", "--replies-policy", "list")
    assert created.returncode == 0, created.stderr + created.stdout
    added = toot(server, tmp_path, "lists", "add", "Pals", "dave")
    assert added.returncode == 0, added.stderr + added.stdout
    listed = toot(server, tmp_path, "timelines", "list", "Pals", "--json")
    assert listed.returncode == 0, listed.stderr + listed.stdout
    assert theirs["id"] in [s["id"] for s in json.loads(listed.stdout)]

    scheduled = toot(server, tmp_path, "post", "See you later", "--scheduled-in", "2 hours", "--json")
    assert scheduled.returncode == 0, scheduled.stderr + scheduled.stdout
    assert json.loads(scheduled.stdout)["params"]["text"] == "See you later"

    followed = toot(server, tmp_path, "tags", "follow", "cli")
    assert followed.returncode == 0, followed.stderr + followed.stdout
    tags = toot(server, tmp_path, "tags", "followed", "--json")
    assert tags.returncode == 0 and [t["name"] for t in json.loads(tags.stdout)] == ["cli"], tags.stderr

    post = json.loads(toot(server, tmp_path, "post", "Pin me", "--json").stdout)
    pinned = toot(server, tmp_path, "pin", post["id"])
    assert pinned.returncode == 0, pinned.stderr + pinned.stdout
    assert [s["id"] for s in dave.account_statuses(post["account"]["id"], pinned=True)] == [post["id"]]
    unblock = toot(server, tmp_path, "block", "dave")
    assert unblock.returncode == 0
    assert toot(server, tmp_path, "unblock", "dave").returncode == 0  # found by exact handle although blocked
