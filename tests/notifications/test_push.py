"""Web Push: a notification reaches the subscribed app's push service encrypted for the app's own
key pair, signed with the instance's VAPID key, and only the kinds and senders it asked for; failed
pushes are retried as federation deliveries are. The test plays the push service on a loopback port
and decrypts what it received as the app would (Mastodon.py for Mastodon's legacy format)."""

import base64
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone
from mastodon import Mastodon
from py_vapid import Vapid01, Vapid02

from accounts.actions import do_follow
from accounts.models import Account
from notifications.models import Notification, PushDelivery, PushSubscription
from notifications.tasks import retry_due_pushes
from notifications.vapid import vapid_public_key
from posts.actions import do_create_post, do_delete_post
from tests.notifications.push_service import PushService, serve

CLIENT = Mastodon(api_base_url="http://127.0.0.1", version_check_mode="none")


@pytest.fixture
def service() -> Iterator[PushService]:
    yield from serve()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()  # standard base64, as Mastodon.py sends the keys


@pytest.fixture
def subscribe(api_as: Any, service: PushService) -> Any:
    """subscribe(account, alerts, policy=..., standard=...) -> (the app's private keys, API answer)."""

    def make(account: Account, alerts: dict[str, bool], **options: Any) -> tuple[dict, dict]:
        private, public = CLIENT.push_subscription_generate_keys()
        body = {
            "subscription": {
                "endpoint": service.endpoint(account.username),
                "keys": {"p256dh": b64(public["pubkey"]), "auth": b64(public["auth"])},
                "standard": options.pop("standard", False),
            },
            "data": {"alerts": alerts, **options},
        }
        response = api_as(account).post("/api/v1/push/subscription", body)
        assert response.status_code == 200, response.content
        return private, response.json()

    return make


def decrypt_standard(private: dict, body: bytes) -> dict:
    key = ec.derive_private_key(private["privkey"], ec.SECP256R1())
    return json.loads(http_ece.decrypt(body, private_key=key, auth_secret=private["auth"], version="aes128gcm"))


def test_a_notification_is_pushed_encrypted_for_the_apps_key_pair(
    subscribe: Any, service: PushService, alice: Account, bob: Account
) -> None:
    private, answer = subscribe(alice, {"follow": True, "mention": True})
    assert answer["server_key"] == vapid_public_key() and answer["alerts"]["follow"] is True
    assert answer["alerts"]["favourite"] is False and answer["policy"] == "all" and answer["standard"] is False
    do_follow(bob, alice)
    [received] = service.received
    assert received.path == "/push/alice" and received.headers["content-encoding"] == "aesgcm"
    assert int(received.headers["ttl"]) > 0
    assert b"Bob" not in received.body  # encrypted
    message = CLIENT.push_subscription_decrypt_push(
        received.body, private, received.headers["encryption"], received.headers["crypto-key"]
    )
    notification = Notification.objects.get(recipient=alice, type="follow")
    subscription = PushSubscription.objects.get(account=alice)
    assert message["notification_id"] == str(notification.pk) and message["notification_type"] == "follow"
    assert message["title"] == "Bob followed you" and message["access_token"] == subscription.access_token.token
    assert message["preferred_locale"] == "en" and message["icon"].startswith("http")
    # Signed with the instance's VAPID key (the draft's header pair: WebPush token, p256ecdsa key).
    assert received.headers["crypto-key"].endswith("p256ecdsa=" + vapid_public_key().rstrip("="))
    token = received.headers["authorization"].removeprefix("WebPush ")
    vapid = Vapid01.from_raw_public(vapid_public_key().encode())
    assert vapid.verify_token(token.rsplit(".", 1)[0].encode(), token.rsplit(".", 1)[1])
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert claims["aud"] == service.base and claims["exp"] > timezone.now().timestamp()
    assert PushDelivery.objects.get().state == PushDelivery.State.SENT


def test_standard_subscriptions_get_rfc8291_messages_in_the_recipients_language(
    subscribe: Any, service: PushService, alice: Account, bob: Account
) -> None:
    alice.user.language = "fr"
    alice.user.save(update_fields=["language"])
    private, _answer = subscribe(alice, {"mention": True}, standard=True)
    do_create_post(bob, "@alice un secret bien gardé")
    [received] = service.received
    assert received.headers["content-encoding"] == "aes128gcm" and "encryption" not in received.headers
    assert Vapid02.verify(received.headers["authorization"])
    assert received.headers["authorization"].endswith("k=" + vapid_public_key().rstrip("="))
    message = decrypt_standard(private, received.body)
    assert message["title"] == "Bob vous a mentionné" and message["preferred_locale"] == "fr"
    assert message["body"] == "@alice un secret bien gardé" and message["notification_type"] == "mention"


def test_only_the_kinds_and_senders_asked_for_are_pushed(
    subscribe: Any, service: PushService, alice: Account, bob: Account, carol: Account
) -> None:
    subscribe(alice, {"mention": True}, policy="followed")
    do_follow(bob, alice)  # a follow: not asked for
    do_create_post(bob, "@alice from someone alice does not follow")
    assert service.received == []
    do_follow(alice, carol)
    do_create_post(carol, "@alice from someone alice follows")
    assert len(service.received) == 1
    PushSubscription.objects.filter(account=alice).update(policy="none")
    do_create_post(carol, "@alice again")
    assert len(service.received) == 1


def test_a_failed_push_is_retried_and_given_up_when_its_post_is_gone(
    subscribe: Any, service: PushService, alice: Account, bob: Account
) -> None:
    private, _answer = subscribe(alice, {"mention": True})
    service.statuses = [500]
    post = do_create_post(bob, "@alice soon deleted")
    delivery = PushDelivery.objects.get()
    assert delivery.state == PushDelivery.State.FAILED and delivery.attempts == 1 and delivery.last_status == 500
    assert delivery.next_try_at > timezone.now() + timedelta(seconds=50)
    assert retry_due_pushes.call() == 0  # not due yet
    PushDelivery.objects.update(next_try_at=timezone.now() - timedelta(seconds=1))
    assert retry_due_pushes.call() == 1
    delivery.refresh_from_db()
    assert delivery.state == PushDelivery.State.SENT and delivery.attempts == 2 and len(service.received) == 2
    # A second message for a post deleted before its retry: nothing about it leaves the instance.
    service.statuses = [503]
    service.extra_headers = {"Retry-After": "120"}
    second = do_create_post(bob, "@alice deleted before the retry")
    retry = PushDelivery.objects.get(notification__post=second)
    wait = retry.next_try_at - timezone.now()
    assert retry.state == PushDelivery.State.FAILED and timedelta(seconds=100) < wait <= timedelta(seconds=120)
    do_delete_post(bob, second)
    PushDelivery.objects.update(next_try_at=timezone.now() - timedelta(seconds=1))
    received = len(service.received)
    retry_due_pushes.call()
    retry.refresh_from_db()
    assert retry.state == PushDelivery.State.GAVE_UP and "no longer visible" in retry.last_error
    assert len(service.received) == received
    assert post.pk


def test_an_expired_subscription_is_removed(subscribe: Any, service: PushService, alice: Account, bob: Account) -> None:
    subscribe(alice, {"follow": True})
    service.statuses = [410]
    do_follow(bob, alice)
    assert not PushSubscription.objects.exists() and not PushDelivery.objects.exists()


def test_a_permanent_refusal_is_not_retried(subscribe: Any, service: PushService, alice: Account, bob: Account) -> None:
    subscribe(alice, {"follow": True})
    service.statuses = [400]
    do_follow(bob, alice)
    delivery = PushDelivery.objects.get()
    assert delivery.state == PushDelivery.State.GAVE_UP and delivery.last_status == 400
    assert PushSubscription.objects.exists()
