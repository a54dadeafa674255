"""Web Push subscriptions: which notifications an app wants pushed, and whose.

A subscription belongs to one access token (subscribing again replaces it; revoking the token
removes it). `alerts` says which kinds are pushed (Mastodon's names: `mention` covers replies too),
`policy` from whom: everyone, the accounts one follows, those that follow one, or nobody. The
`admin.*` alerts are kept only for staff. Deliveries: notifications/push_delivery.py.
"""

import base64
import binascii
import ipaddress
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.db import transaction

from accounts.models import Account, Follow
from notifications.models import Notification, PushSubscription
from tribune.lib.errors import ActionError

ALERTS = [
    "mention", "quote", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update",
    "admin.sign_up", "admin.report", "quoted_update",
]  # fmt: skip
STAFF_ALERTS = {"admin.sign_up", "admin.report"}
TRUE = {"true", "1", "on", "yes", "t"}
# Tribune's notification kinds under Mastodon's alert names.
ALERT_OF = {"reply": "mention"}


def alert_of(kind: str) -> str:
    return ALERT_OF.get(kind, kind)


def _decode(value: Any, name: str) -> bytes:
    """base64url or standard base64, padded or not, as apps send them."""
    if not isinstance(value, str) or not value or len(value) > 200:
        raise ActionError(f"{name} is missing", field=name)
    text = value.strip().replace("+", "-").replace("/", "_").rstrip("=")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ActionError(f"{name} is not base64", field=name) from None


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def check_endpoint(endpoint: Any) -> str:
    """An https URL (plain http only where loopback fetches are allowed, for tests). Whether its host
    is public is checked again at each delivery, where the name is resolved (federation/http.py)."""
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise ActionError("subscription[endpoint] is missing", field="subscription[endpoint]")
    endpoint = endpoint.strip()
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018  # raises on a malformed port
    except ValueError:
        raise ActionError("subscription[endpoint] is not a URL", field="subscription[endpoint]") from None
    allowed = ("https", "http") if settings.ALLOW_LOOPBACK_FETCHES else ("https",)
    if len(endpoint) > 2000 or parts.scheme not in allowed or not parts.hostname or parts.username:
        raise ActionError("subscription[endpoint] must be an https URL", field="subscription[endpoint]")
    try:
        address = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return endpoint
    if not address.is_global and not (address.is_loopback and settings.ALLOW_LOOPBACK_FETCHES):
        raise ActionError("subscription[endpoint] must be a public address", field="subscription[endpoint]")
    return endpoint


def check_keys(keys: Any) -> tuple[str, str]:
    """(p256dh, auth) in base64url: a P-256 point and a 16-byte secret."""
    keys = keys if isinstance(keys, dict) else {}
    point = _decode(keys.get("p256dh"), "subscription[keys][p256dh]")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise ActionError(
            "subscription[keys][p256dh] is not a P-256 public key", field="subscription[keys][p256dh]"
        ) from None
    secret = _decode(keys.get("auth"), "subscription[keys][auth]")
    if len(secret) != 16:
        raise ActionError("subscription[keys][auth] must be 16 bytes", field="subscription[keys][auth]")
    return _b64url(point), _b64url(secret)


def check_alerts(account: Account, alerts: Any, current: dict[str, bool] | None = None) -> dict[str, bool]:
    """Every alert name with a boolean: those sent, over `current`; unknown names are ignored."""
    out = {name: bool((current or {}).get(name, False)) for name in ALERTS}
    if isinstance(alerts, dict):
        for name, value in alerts.items():
            if name in out:
                out[name] = value if isinstance(value, bool) else str(value).strip().lower() in TRUE
    staff = account.user is not None and account.user.is_staff
    if not staff:
        for name in STAFF_ALERTS:
            out[name] = False
    return out


def check_policy(policy: Any, default: str) -> str:
    if policy is None or policy == "":
        return default
    if policy not in PushSubscription.Policy.values:
        raise ActionError("policy must be all, followed, follower or none", field="policy")
    return str(policy)


def access_subscription(token: Any) -> PushSubscription:
    found = PushSubscription.objects.filter(access_token=token).first()
    if found is None:
        raise ActionError("Record not found", status=404)
    return found


def do_subscribe(
    account: Account, token: Any, subscription: dict[str, Any], alerts: Any, policy: Any
) -> PushSubscription:
    """Replace the token's subscription (if any) by a new one. Checked before anything is written."""
    endpoint = check_endpoint(subscription.get("endpoint"))
    p256dh, auth = check_keys(subscription.get("keys"))
    standard = subscription.get("standard")
    standard = standard if isinstance(standard, bool) else str(standard or "").strip().lower() in TRUE
    checked_alerts = check_alerts(account, alerts)
    checked_policy = check_policy(policy, PushSubscription.Policy.ALL)
    with transaction.atomic():
        PushSubscription.objects.filter(access_token=token).delete()
        return PushSubscription.objects.create(
            account=account,
            access_token=token,
            endpoint=endpoint,
            p256dh=p256dh,
            auth=auth,
            standard=standard,
            alerts=checked_alerts,
            policy=checked_policy,
        )


def do_update_subscription(account: Account, found: PushSubscription, alerts: Any, policy: Any) -> PushSubscription:
    """Alerts that are sent change; the others stay as they were (Mastodon.py sends only those given)."""
    found.alerts = check_alerts(account, alerts, found.alerts)
    found.policy = check_policy(policy, found.policy)
    found.save(update_fields=["alerts", "policy", "updated_at"])
    return found


def do_unsubscribe(token: Any) -> None:
    PushSubscription.objects.filter(access_token=token).delete()


def wanted_by(notification: Notification, subscriptions: list[PushSubscription]) -> list[PushSubscription]:
    """The subscriptions whose alerts and policy want this notification pushed."""
    alert = alert_of(notification.type)
    wanting = [s for s in subscriptions if s.alerts.get(alert) and s.policy != PushSubscription.Policy.NONE]
    policies = {s.policy for s in wanting}
    recipient, actor = notification.recipient_id, notification.actor_id
    follows = (
        Follow.objects.filter(follower_id=recipient, target_id=actor, state=Follow.State.ACCEPTED).exists()
        if PushSubscription.Policy.FOLLOWED in policies
        else False
    )
    followed_by = (
        Follow.objects.filter(follower_id=actor, target_id=recipient, state=Follow.State.ACCEPTED).exists()
        if PushSubscription.Policy.FOLLOWER in policies
        else False
    )
    allowed = {PushSubscription.Policy.ALL: True, PushSubscription.Policy.FOLLOWED: follows}
    allowed[PushSubscription.Policy.FOLLOWER] = followed_by
    return [s for s in wanting if allowed[PushSubscription.Policy(s.policy)]]
