import re

from django.test import Client

from accounts.actions import do_follow
from notifications.models import Notification, NotificationPolicy, NotificationRequest
from notifications.policy import do_update_policy
from posts.actions import do_create_post
from tests.web.helpers import HTMX


def login(client: Client, account) -> Client:
    client.force_login(account.user)
    return client


def filtering(account) -> None:
    do_update_policy(account, {"for_not_following": "filter"})


def test_a_strangers_mention_waits_in_a_request(client, alice, bob, carol):
    filtering(alice)
    do_follow(alice, carol)
    do_create_post(bob, "@alice first words")
    do_create_post(bob, "@alice a stranger writes")
    do_create_post(carol, "@alice from a friend")
    login(client, alice)
    notifications = client.get("/notifications").content.decode()
    assert "a stranger writes" not in notifications and "from a friend" in notifications
    assert 'href="/notifications/requests"' in notifications and "1 request" in notifications
    found = NotificationRequest.objects.get(account=alice)
    page = client.get("/notifications/requests").content.decode()
    assert "@bob" in page and "2 notifications" in page and "a stranger writes" in page
    assert "first words" not in page  # only the last post's excerpt
    assert f'action="/notifications/requests/{found.pk}/accept"' in page
    assert f'action="/notifications/requests/{found.pk}/dismiss"' in page
    detail = client.get(f"/notifications/requests/{found.pk}").content.decode()
    assert "first words" in detail and "a stranger writes" in detail and "mentioned you" in detail


def test_no_link_without_requests(client, alice):
    body = login(client, alice).get("/notifications").content.decode()
    assert 'href="/notifications/requests"' not in body
    assert 'href="/notifications/requests#policy"' in client.get("/settings").content.decode()
    assert "No filtered notifications." in client.get("/notifications/requests").content.decode()


def test_accept_moves_the_notifications(client, alice, bob):
    filtering(alice)
    do_create_post(bob, "@alice please see this")
    found = NotificationRequest.objects.get(account=alice)
    login(client, alice)
    response = client.post(f"/notifications/requests/{found.pk}/accept")
    assert response.status_code == 302 and response["Location"] == "/notifications/requests"
    assert not NotificationRequest.objects.exists()
    assert "Accepted" in client.get("/notifications/requests").content.decode()
    assert "please see this" in client.get("/notifications").content.decode()
    do_create_post(bob, "@alice now accepted")
    assert Notification.objects.filter(recipient=alice, filtered=False).count() == 2


def test_dismiss_removes_the_request(client, alice, bob, carol):
    filtering(alice)
    do_create_post(bob, "@alice go away")
    do_create_post(carol, "@alice htmx")
    found = NotificationRequest.objects.get(account=alice, from_account=bob)
    login(client, alice)
    response = client.post(f"/notifications/requests/{found.pk}/dismiss")
    assert response.status_code == 302
    assert not NotificationRequest.objects.filter(pk=found.pk).exists()
    assert not Notification.objects.filter(recipient=alice, actor=bob).exists()
    assert "go away" not in client.get("/notifications").content.decode()
    other = NotificationRequest.objects.get(account=alice, from_account=carol)
    response = client.post(f"/notifications/requests/{other.pk}/dismiss", **HTMX)
    assert response.status_code == 200 and response.content == b""
    assert not NotificationRequest.objects.exists()


def test_policy_form_saves_and_checks(client, alice):
    login(client, alice)
    values = {
        "for_not_following": "filter", "for_not_followers": "accept", "for_new_accounts": "drop",
        "for_private_mentions": "filter", "for_limited_accounts": "drop",
    }  # fmt: skip
    response = client.post("/notifications/policy", values)
    assert response.status_code == 302 and response["Location"] == "/notifications/requests"
    policy = NotificationPolicy.objects.get(account=alice)
    assert {f: getattr(policy, f) for f in values} == values
    page = client.get("/notifications/requests").content.decode()
    assert re.search(r'name="for_new_accounts">\s*<option value="accept">[^<]*</option><option value="filter">'
                     r'[^<]*</option><option value="drop" selected>', page)  # fmt: skip
    response = client.post("/notifications/policy", {**values, "for_not_followers": "maybe"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'class="notice error"' in body and '<option value="drop" selected>' in body
    policy.refresh_from_db()
    assert policy.for_not_followers == "accept"
    assert client.get("/notifications/policy").status_code == 405


def test_another_persons_request_is_not_found(client, alice, bob, carol):
    filtering(bob)
    do_create_post(carol, "@bob private to bob")
    found = NotificationRequest.objects.get(account=bob)
    login(client, alice)
    assert client.get(f"/notifications/requests/{found.pk}").status_code == 404
    assert client.post(f"/notifications/requests/{found.pk}/accept").status_code == 404
    assert client.post(f"/notifications/requests/{found.pk}/dismiss").status_code == 404
    assert client.get("/notifications/requests/99999999999999999999999").status_code == 404
    assert client.get(f"/notifications/requests/{found.pk}/accept").status_code == 405
    assert "private to bob" not in client.get("/notifications/requests").content.decode()
    assert NotificationRequest.objects.filter(pk=found.pk).exists()
    client.logout()
    assert client.get("/notifications/requests").status_code == 302


def test_notification_requests_in_french(client, alice, bob):
    filtering(alice)
    do_create_post(bob, "@alice bonjour")
    found = NotificationRequest.objects.get(account=alice)
    client.cookies["tribune_language"] = "fr"
    login(client, alice)
    index = client.get("/notifications/requests").content.decode()
    assert "<h1>Notifications filtrées</h1>" in index and "Accepter" in index and "Rejeter" in index
    assert "Personnes que vous ne suivez pas" in index and "Ignorer" in index and "1 notification" in index
    detail = client.get(f"/notifications/requests/{found.pk}").content.decode()
    assert "Notifications de" in detail and "mentionn" in detail
    notifications = client.get("/notifications").content.decode()
    assert "Notifications filtrées\u202f: 1 demande" in notifications
    error = client.post("/notifications/policy", {"for_not_following": "maybe"}).content.decode()
    for body in (index, detail, notifications, error):
        text = re.sub(r"<[^>]*>", " ", body)  # what is read, not the ids and classes
        for english in (
            "Filtered", "filtered", "Accept", "Dismiss", "People", "New accounts", "Private mentions",
            "limited", "Ignore", "request", "Back to", "What to", "Choose", "mentioned you", "from",
        ):  # fmt: skip
            assert not re.search(rf"\b{english}\b", text), english  # "Accept", not "Accepter"
