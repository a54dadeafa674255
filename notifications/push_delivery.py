"""Pushing notifications to the subscriptions that want them (Web Push: RFC 8030, 8291, 8292).

When a notification is made, `queue_pushes` (after commit) writes one `PushDelivery` row per
subscription whose alerts and policy want it and queues a try of each. A try builds the message
then (so a notification dismissed, or a post its recipient may no longer see, is not pushed),
encrypts it for the subscription's keys with pywebpush (RFC 8291 `aes128gcm` for `standard`
subscriptions, else the `aesgcm` draft that Mastodon and its apps use), signs the request with
the instance's VAPID key (notifications/vapid.py) and POSTs it through federation's guarded HTTP
client (public addresses only).

Retries follow the federation deliveries' policy (federation/delivery.py): 2xx is done; 429/503
wait for `Retry-After`; 404 and 410 mean the subscription expired, which removes it; another 4xx
is permanent; 5xx and network errors back off exponentially, up to MAX_ATTEMPTS. The worker's
sweep tries again what is due (`due_pushes`), including what a crashed worker left.
"""

import json
import logging
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from py_vapid import Vapid01, Vapid02
from pywebpush import WebPusher, WebPushException

from federation.delivery import backoff, parse_retry_after
from federation.http import FetchError, post_bytes
from notifications.models import Notification, PushDelivery, PushSubscription
from notifications.push import alert_of, wanted_by
from notifications.vapid import vapid_private_key, vapid_public_key
from tribune.lib.tasks import enqueue_or_leave_to_sweep
from tribune.lib.text import html_to_text

logger = logging.getLogger("tribune.push")

MAX_ATTEMPTS = 10
TTL_SECONDS = 48 * 3600  # how long the push service keeps a message for a device that is away
BODY_LENGTH = 140


def queue_pushes(notification_id: int) -> list[int]:
    """Write (once) a delivery for each subscription that wants this notification, and start them."""
    from notifications.tasks import push

    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.dismissed or notification.filtered:
        return []
    subscriptions = list(PushSubscription.objects.filter(account_id=notification.recipient_id))
    if not subscriptions:
        return []
    created = []
    for subscription in wanted_by(notification, subscriptions):
        delivery, made = PushDelivery.objects.get_or_create(subscription=subscription, notification=notification)
        if made:
            created.append(delivery.pk)
    for delivery_id in created:
        enqueue_or_leave_to_sweep(push, delivery_id)
    return created


TITLES = {
    "follow": "followed you",
    "follow_request": "asked to follow you",
    "mention": "mentioned you",
    "reply": "replied to you",
    "reblog": "echoed your post",
    "quote": "quoted your post",
    "favourite": "upvoted your post",
    "update": "edited a post",
    "admin.report": "filed a report",
}


def message_for(subscription: PushSubscription, notification: Notification) -> dict[str, Any] | None:
    """Mastodon's push message (what its apps read), in the recipient's language; None when the
    notification's post is one its recipient may no longer see."""
    from posts.access import visible_among

    recipient, actor = notification.recipient, notification.actor
    body = ""
    if notification.post_id is not None:
        visible = visible_among(recipient, [notification.post_id])
        if not visible:
            return None
        post = visible[0]
        body = post.spoiler_text or html_to_text(post.content) or post.text
    user = recipient.user
    language = (user.language if user is not None else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        if notification.type == Notification.Type.POLL:
            title = gettext("A poll has ended")
        else:
            title = f"{actor.name} {gettext(TITLES.get(notification.type, 'sent you a notification'))}"
    if len(body) > BODY_LENGTH:
        body = body[: BODY_LENGTH - 1] + "…"
    return {
        "access_token": subscription.access_token.token,
        "preferred_locale": language,
        "notification_id": str(notification.pk),
        "notification_type": alert_of(notification.type),
        "icon": actor.avatar_url(),
        "title": title,
        "body": body,
    }


def _contact() -> str:
    """Whom a push service may write to about these messages (RFC 8292 `sub`)."""
    return f"mailto:{settings.CONTACT_EMAIL}" if settings.CONTACT_EMAIL else settings.SITE_URL


def encrypted_request(subscription: PushSubscription, message: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """The body and headers of the POST to the subscription's endpoint."""
    data = json.dumps(message, separators=(",", ":")).encode()
    pusher = WebPusher({"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh,
                        "auth": subscription.auth}})  # fmt: skip
    parts = urlsplit(subscription.endpoint)
    claims = {
        "aud": f"{parts.scheme}://{parts.netloc}",
        "sub": _contact(),
        "exp": int(timezone.now().timestamp()) + 12 * 3600,
    }
    headers = {"TTL": str(TTL_SECONDS), "Urgency": "normal", "Content-Type": "application/octet-stream"}
    # `no-strict`: the contact may be the instance's http:// address on a test or private instance.
    if subscription.standard:
        encoded = pusher.encode(data, "aes128gcm")
        headers["Content-Encoding"] = "aes128gcm"
        headers.update(Vapid02(vapid_private_key(), conf={"no-strict": True}).sign(claims))
    else:
        encoded = pusher.encode(data, "aesgcm")
        headers["Content-Encoding"] = "aesgcm"
        headers["Encryption"] = "salt=" + encoded["salt"].decode()
        signed = Vapid01(vapid_private_key(), conf={"no-strict": True}).sign(claims)
        headers["Authorization"] = signed["Authorization"]
        headers["Crypto-Key"] = f"dh={encoded['crypto_key'].decode()};p256ecdsa={vapid_public_key().rstrip('=')}"
    return encoded["body"], headers


def _finish(delivery: PushDelivery, state: str, error: str, status: int | None = None) -> None:
    PushDelivery.objects.filter(pk=delivery.pk).update(state=state, next_try_at=None, last_status=status,
                                                       last_error=error[:500])  # fmt: skip


def attempt(delivery_id: int) -> PushDelivery | None:
    """Try one push once (idempotent: a sent or given-up row is left alone; a row is claimed by
    bumping `attempts` conditionally, so two workers never send it at once)."""
    now = timezone.now()
    delivery = (
        PushDelivery.objects.filter(pk=delivery_id)
        .select_related("subscription__access_token", "notification__recipient__user", "notification__actor")
        .first()
    )
    if delivery is None or delivery.state in (PushDelivery.State.SENT, PushDelivery.State.GAVE_UP):
        return delivery
    if delivery.next_try_at and delivery.next_try_at > now:
        return delivery
    notification, subscription = delivery.notification, delivery.subscription
    if notification.dismissed:
        _finish(delivery, PushDelivery.State.GAVE_UP, "the notification was dismissed")
        return delivery
    message = message_for(subscription, notification)
    if message is None:
        _finish(delivery, PushDelivery.State.GAVE_UP, "the post is no longer visible to its recipient")
        return delivery
    claimed = PushDelivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts).update(attempts=F("attempts") + 1)
    if not claimed:
        return delivery
    attempts = delivery.attempts + 1
    status: int | None = None
    retry_at: datetime | None = None
    error = ""
    try:
        body, headers = encrypted_request(subscription, message)
        response = post_bytes(subscription.endpoint, body, headers)
        status = response.status_code
        if status >= 300:
            error = f"HTTP {status}"
            if status in (429, 503):
                retry_at = parse_retry_after(response.headers.get("retry-after"), now)
    except FetchError as e:
        error, status = str(e)[:500], e.status
    except (WebPushException, ValueError) as e:  # keys that cannot encrypt: nothing will change that
        _finish(delivery, PushDelivery.State.GAVE_UP, f"cannot encrypt: {e}")
        return delivery
    if status in (404, 410):
        logger.info("push subscription %s expired (%s): removed", subscription.pk, status)
        PushSubscription.objects.filter(pk=subscription.pk).delete()
        return None
    if status is not None and 200 <= status < 300:
        state, next_try = PushDelivery.State.SENT, None
    elif (status is not None and 400 <= status < 500 and status not in (408, 429)) or attempts >= MAX_ATTEMPTS:
        state, next_try = PushDelivery.State.GAVE_UP, None
    else:
        state, next_try = PushDelivery.State.FAILED, retry_at or now + backoff(attempts)
    PushDelivery.objects.filter(pk=delivery.pk).update(
        state=state, next_try_at=next_try, last_status=status, last_error=error
    )
    log = logger.info if state == PushDelivery.State.SENT else logger.warning
    log("push %s to subscription %s: %s (%s) %s", notification.pk, subscription.pk, state, status, error)
    if state == PushDelivery.State.FAILED and next_try is not None:
        _schedule_retry(delivery.pk, next_try)
    delivery.refresh_from_db()
    return delivery


def _schedule_retry(delivery_id: int, when: datetime) -> None:
    from django_tasks import default_task_backend

    from notifications.tasks import push

    if default_task_backend.supports_defer:
        push.using(run_after=when).enqueue(delivery_id)


def due_pushes(now: datetime | None = None, *, untouched_for: timedelta = timedelta(0)) -> list[int]:
    """Pushes due a try; `untouched_for` leaves alone those a worker may be trying now."""
    now = now or timezone.now()
    return list(
        PushDelivery.objects.filter(state__in=(PushDelivery.State.QUEUED, PushDelivery.State.FAILED))
        .filter(Q(next_try_at__isnull=True) | Q(next_try_at__lte=now))
        .filter(updated_at__lte=now - untouched_for)
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:1000]
    )
