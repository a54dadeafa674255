"""Notification policy and requests: filtered notifications wait in a request per sender."""

from datetime import timedelta

from django.utils import timezone

from accounts.actions import do_follow
from accounts.models import Account
from notifications.actions import unread_count
from notifications.models import Notification, NotificationPolicy
from posts.actions import do_create_post


def _policy(alice: Account, **fields: str) -> None:
    NotificationPolicy.objects.update_or_create(account=alice, defaults=fields)


def test_policy_reads_defaults_and_checks_values(api_as, alice) -> None:
    client = api_as(alice)
    policy = client.get("/api/v2/notifications/policy").json()
    assert policy["for_not_following"] == "accept" and policy["for_private_mentions"] == "accept"
    assert policy["summary"] == {"pending_notifications_count": 0, "pending_requests_count": 0}
    changed = client.patch("/api/v2/notifications/policy", {"for_not_followers": "filter"}).json()
    assert changed["for_not_followers"] == "filter" and changed["for_not_following"] == "accept"
    bad = client.patch("/api/v2/notifications/policy", {"for_new_accounts": "maybe"})
    assert bad.status_code == 422
    assert client.get("/api/v2/notifications/policy").json()["for_new_accounts"] == "accept"


def test_filtered_notifications_wait_in_a_request_until_accepted(api_as, alice, bob, carol) -> None:
    _policy(alice, for_not_following="filter")
    do_follow(alice, carol)
    do_create_post(bob, "@alice first")
    do_create_post(bob, "@alice second")
    do_create_post(carol, "@alice from a friend")
    client = api_as(alice)
    listed = client.get("/api/v1/notifications").json()
    assert [n["account"]["acct"] for n in listed] == ["carol"]
    assert unread_count(alice) == 1 and client.get("/api/v1/notifications/unread_count").json() == {"count": 1}
    requests = client.get("/api/v1/notifications/requests").json()
    assert len(requests) == 1 and requests[0]["account"]["acct"] == "bob"
    assert requests[0]["notifications_count"] == "2"
    assert "first" not in requests[0]["last_status"]["content"] and "second" in requests[0]["last_status"]["content"]
    assert client.get("/api/v2/notifications/policy").json()["summary"] == {
        "pending_notifications_count": 2,
        "pending_requests_count": 1,
    }
    assert api_as(bob).get(f"/api/v1/notifications/requests/{requests[0]['id']}").status_code == 404
    assert client.post(f"/api/v1/notifications/requests/{requests[0]['id']}/accept").json() == {}
    assert sorted(n["account"]["acct"] for n in client.get("/api/v1/notifications").json()) == ["bob", "bob", "carol"]
    assert client.get("/api/v1/notifications/requests").json() == []
    do_create_post(bob, "@alice third, accepted at once")
    assert len(client.get("/api/v1/notifications").json()) == 4


def test_dismissing_a_request_deletes_its_notifications(api_as, alice, bob, carol) -> None:
    _policy(alice, for_not_followers="filter")
    do_create_post(bob, "@alice hi")
    do_create_post(carol, "@alice hello")
    client = api_as(alice)
    ids = [r["id"] for r in client.get("/api/v1/notifications/requests").json()]
    assert len(ids) == 2
    assert client.post("/api/v1/notifications/requests/dismiss", {"id": ids}).json() == {}
    assert client.get("/api/v1/notifications/requests").json() == []
    assert not Notification.objects.filter(recipient=alice).exists()
    assert client.post(f"/api/v1/notifications/requests/{ids[0]}/dismiss").status_code == 404
    assert client.get("/api/v1/notifications/requests/merged").json() == {"merged": True}


def test_drop_keeps_nothing_and_only_the_conditions_met_count(api_as, alice, bob) -> None:
    _policy(alice, for_new_accounts="drop")
    do_create_post(bob, "@alice new here")
    assert not Notification.objects.filter(recipient=alice).exists()
    Account.objects.filter(pk=bob.pk).update(created_at=timezone.now() - timedelta(days=60))
    do_create_post(bob, "@alice older now")
    assert Notification.objects.filter(recipient=alice, filtered=False).count() == 1


def test_private_mentions_are_filtered_unless_they_answer_the_recipient(api_as, alice, bob) -> None:
    _policy(alice, for_private_mentions="filter")
    do_create_post(bob, "@alice a secret", visibility="direct")
    assert Notification.objects.get(recipient=alice).filtered
    mine = do_create_post(alice, "@bob asking you", visibility="direct")
    do_create_post(bob, "@alice answering", visibility="direct", in_reply_to=mine)
    assert Notification.objects.filter(recipient=alice, filtered=False).count() == 1


def test_a_blocked_senders_request_is_not_listed(api_as, alice, bob) -> None:
    from accounts.actions import do_block

    _policy(alice, for_not_following="filter")
    do_create_post(bob, "@alice hello")
    client = api_as(alice)
    assert len(client.get("/api/v1/notifications/requests").json()) == 1
    do_block(alice, bob)
    assert client.get("/api/v1/notifications/requests").json() == []
    assert client.get("/api/v2/notifications/policy").json()["summary"]["pending_requests_count"] == 0
