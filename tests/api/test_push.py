"""/api/v1/push/subscription: one subscription per token, checked before anything is stored, and the
`push` scope the consent page offers is the one these endpoints require."""

import base64
import re
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client
from oauth2_provider.models import AccessToken

from accounts.models import Account
from notifications.models import PushSubscription
from notifications.vapid import vapid_public_key
from tests.api.test_oauth import _app

ENDPOINT = "https://push.example.net/wpush/v2/abc"


def keys(*, urlsafe: bool = False) -> dict[str, str]:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return {
        "p256dh": encode(point).decode().rstrip("=" if urlsafe else ""),
        "auth": encode(b"0123456789abcdef").decode(),
    }


def subscription(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"endpoint": ENDPOINT, "keys": keys()}
    body.update(changes)
    return body


def test_subscribe_read_update_and_delete(api_as: Any, alice: Account) -> None:
    client = api_as(alice)
    assert client.get("/api/v1/push/subscription").status_code == 404
    made = client.post(
        "/api/v1/push/subscription",
        {"subscription": subscription(standard=True), "data": {"alerts": {"mention": True, "poll": "true"}}},
    ).json()
    assert made["endpoint"] == ENDPOINT and made["standard"] is True and made["policy"] == "all"
    assert made["server_key"] == vapid_public_key() and len(base64.urlsafe_b64decode(made["server_key"])) == 65
    assert {k for k, v in made["alerts"].items() if v} == {"mention", "poll"}
    assert client.get("/api/v1/push/subscription").json() == made
    # Only what is sent changes; `policy` is read at the top level too (Mastodon.py sends it there).
    changed = client.put("/api/v1/push/subscription", {"data": {"alerts": {"follow": True}}, "policy": "follower"})
    assert changed.status_code == 200
    assert {k for k, v in changed.json()["alerts"].items() if v} == {"mention", "poll", "follow"}
    assert changed.json()["policy"] == "follower"
    # Subscribing again replaces the token's subscription.
    again = client.post("/api/v1/push/subscription", {"subscription": subscription(keys=keys(urlsafe=True))}).json()
    assert again["id"] != made["id"] and PushSubscription.objects.count() == 1
    assert client.delete("/api/v1/push/subscription").json() == {}
    assert client.get("/api/v1/push/subscription").status_code == 404
    assert client.put("/api/v1/push/subscription", {"policy": "all"}).status_code == 404
    assert client.delete("/api/v1/push/subscription").status_code == 200


def test_each_token_has_its_own_subscription_and_revoking_removes_it(api_as: Any, alice: Account) -> None:
    phone, laptop = api_as(alice), api_as(alice)
    phone.post("/api/v1/push/subscription", {"subscription": subscription()})
    assert laptop.get("/api/v1/push/subscription").status_code == 404
    laptop.post("/api/v1/push/subscription", {"subscription": subscription()})
    assert PushSubscription.objects.filter(account=alice).count() == 2
    token = phone.headers["Authorization"].split()[1]
    AccessToken.objects.get(token=token).revoke()
    assert PushSubscription.objects.filter(account=alice).count() == 1


def test_bad_subscriptions_are_refused_with_the_field_at_fault(api_as: Any, alice: Account) -> None:
    client = api_as(alice)
    cases = [
        ({"subscription": subscription(endpoint="ftp://push.example.net/x")}, "subscription[endpoint]"),
        ({"subscription": subscription(endpoint="https://10.1.2.3/x")}, "subscription[endpoint]"),
        ({"subscription": subscription(endpoint="https://[::1")}, "subscription[endpoint]"),
        ({"subscription": {"keys": keys()}}, "subscription[endpoint]"),
        ({"subscription": subscription(keys={"p256dh": "%%%", "auth": keys()["auth"]})}, "subscription[keys][p256dh]"),
        (
            {
                "subscription": subscription(
                    keys={"p256dh": base64.b64encode(b"\x04" + b"1" * 64).decode(), "auth": keys()["auth"]}
                )
            },
            "subscription[keys][p256dh]",
        ),  # fmt: skip
        ({"subscription": subscription(keys={"p256dh": keys()["p256dh"], "auth": "YWJj"})}, "subscription[keys][auth]"),
        ({"subscription": subscription(), "data": {"policy": "friends"}}, "policy"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/push/subscription", body)
        assert response.status_code == 422, (body, response.content)
        assert field in response.json()["details"], (body, response.json())
    assert not PushSubscription.objects.exists()


def test_admin_alerts_are_kept_for_staff_only(api_as: Any, make_account: Any) -> None:
    alerts = {"admin.report": True, "admin.sign_up": True, "mention": True}
    person = api_as(make_account("person")).post(
        "/api/v1/push/subscription", {"subscription": subscription(), "data": {"alerts": alerts}}
    )
    assert person.json()["alerts"]["admin.report"] is False and person.json()["alerts"]["mention"] is True
    staff = api_as(make_account("mod", staff=True)).post(
        "/api/v1/push/subscription", {"subscription": subscription(), "data": {"alerts": alerts}}
    )
    assert staff.json()["alerts"]["admin.report"] is True


def test_the_push_scope_is_offered_and_required(api_as: Any, alice: Account) -> None:
    assert api_as(alice, scope="read write").get("/api/v1/push/subscription").status_code == 403
    assert (
        api_as(alice, scope="push").post("/api/v1/push/subscription", {"subscription": subscription()}).status_code
        == 200
    )
    browser = Client()
    browser.force_login(alice.user)
    for scopes, shown in (("read push", True), ("read", False)):
        app = _app(Client(), scopes=scopes)
        page = browser.get("/oauth/authorize", {"response_type": "code", "client_id": app["client_id"],
                           "redirect_uri": "urn:ietf:wg:oauth:2.0:oob", "scope": scopes})  # fmt: skip
        assert page.status_code == 200
        listed = re.findall(r"<li>([^<]+)</li>", page.content.decode())
        assert ("Receive push notifications" in listed) is shown, listed
