"""Delivery of activities to remote inboxes: durable, idempotent, retried with backoff.

Each (activity, inbox) is one `Delivery` row moving through
queued -> sent | failed -> ... -> gave_up. An attempt claims the row by bumping
`attempts` conditionally (no lock is held during the HTTP request), so two
workers never send the same row at once and a crashed worker loses nothing: the
row stays due and the sweep (`retry_due_deliveries`) picks it up.

Policy: 2xx is done; 429/503 retry after `Retry-After` when given; any other
4xx is permanent; 5xx and network errors back off exponentially; after
MAX_ATTEMPTS the row gives up. A server that cannot be reached is marked and its
deliveries wait until it is due again, without holding up other servers.
"""

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from accounts.models import Account
from federation.http import FetchError, post_activity
from federation.keys import signer_for
from federation.models import Delivery, RemoteServer
from federation.policy import domain_of, is_blocked
from tribune.lib.tasks import enqueue_or_leave_to_sweep

logger = logging.getLogger("tribune.federation")

MAX_ATTEMPTS = 10
BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=12)
MAX_RETRY_AFTER = timedelta(days=1)


def backoff(attempts: int) -> timedelta:
    return min(BASE_DELAY * (2 ** max(0, attempts - 1)), MAX_DELAY)


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return now + min(timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(when, now), now + MAX_RETRY_AFTER)


def enqueue(activity: dict[str, Any], inboxes: Iterable[str], signer: Account | None) -> list[int]:
    """Create (once) a delivery per inbox and start it. Returns the ids of new deliveries."""
    from federation.tasks import deliver

    activity_id = str(activity["id"])
    created_ids = []
    for inbox in dict.fromkeys(i for i in inboxes if i):
        domain = domain_of(inbox)
        if not domain or is_blocked(domain):
            continue
        delivery, created = Delivery.objects.get_or_create(
            activity_id=activity_id[:2000],
            inbox=inbox[:2000],
            defaults={"domain": domain, "payload": activity, "signer": signer},
        )
        if created:
            created_ids.append(delivery.pk)
    for delivery_id in created_ids:
        enqueue_or_leave_to_sweep(deliver, delivery_id)
    return created_ids


def _server_wait(domain: str, now: datetime) -> datetime | None:
    server = RemoteServer.objects.filter(domain=domain, next_try_at__gt=now).first()
    return server.next_try_at if server else None


def _mark_unreachable(domain: str, now: datetime) -> None:
    server, _created = RemoteServer.objects.get_or_create(domain=domain)
    failures = server.failures + 1
    RemoteServer.objects.filter(domain=domain).update(
        failures=failures, unreachable_since=server.unreachable_since or now, next_try_at=now + backoff(failures)
    )


def _mark_reachable(domain: str) -> None:
    RemoteServer.objects.filter(domain=domain).update(failures=0, unreachable_since=None, next_try_at=None)


def attempt(delivery_id: int) -> Delivery | None:
    """Try one delivery once (idempotent: a sent or given-up row is left alone)."""
    now = timezone.now()
    delivery = Delivery.objects.filter(pk=delivery_id).select_related("signer").first()
    if delivery is None or delivery.state in (Delivery.State.SENT, Delivery.State.GAVE_UP):
        return delivery
    if delivery.next_try_at and delivery.next_try_at > now:
        return delivery
    if is_blocked(delivery.domain):
        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.GAVE_UP, last_error="domain is blocked")
        return delivery
    wait = _server_wait(delivery.domain, now)
    if wait is not None:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.FAILED, next_try_at=wait, last_error="server marked unreachable"
        )
        return delivery
    claimed = Delivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts).update(attempts=F("attempts") + 1)
    if not claimed:
        return delivery  # another worker took it
    attempts = delivery.attempts + 1
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    status: int | None = None
    retry_at: datetime | None = None
    error = ""
    try:
        response = post_activity(delivery.inbox, body, signer=signer_for(delivery.signer))
        status = response.status_code
        if status >= 300:
            error = f"HTTP {status}"
            if status in (429, 503):
                retry_at = parse_retry_after(response.headers.get("retry-after"), now)
    except FetchError as e:
        error = str(e)[:500]
        status = e.status
    if status is not None and 200 <= status < 300:
        _mark_reachable(delivery.domain)
        state, next_try = Delivery.State.SENT, None
    elif status is not None and 400 <= status < 500 and status not in (408, 429):
        state, next_try = Delivery.State.GAVE_UP, None
    elif attempts >= MAX_ATTEMPTS:
        state, next_try = Delivery.State.GAVE_UP, None
    else:
        if status is None:
            _mark_unreachable(delivery.domain, now)
        state, next_try = Delivery.State.FAILED, retry_at or now + backoff(attempts)
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state, next_try_at=next_try, last_status=status, last_error=error
    )
    log = logger.info if state == Delivery.State.SENT else logger.warning
    log("delivery %s to %s: %s (%s) %s", delivery.activity_id, delivery.inbox, state, status, error)
    if state == Delivery.State.FAILED and next_try is not None:
        _schedule_retry(delivery.pk, next_try)
    delivery.refresh_from_db()
    return delivery


def _schedule_retry(delivery_id: int, when: datetime) -> None:
    """Queue the retry where the backend can defer; otherwise the periodic sweep finds it."""
    from django_tasks import default_task_backend

    from federation.tasks import deliver

    if default_task_backend.supports_defer:
        deliver.using(run_after=when).enqueue(delivery_id)


def due_deliveries(now: datetime | None = None, *, untouched_for: timedelta = timedelta(0)) -> list[int]:
    """Deliveries due a try. `untouched_for` leaves alone the ones changed more recently,
    which a worker may be attempting right now (the periodic sweep passes a minute)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(state__in=(Delivery.State.QUEUED, Delivery.State.FAILED))
        .filter(Q(next_try_at__isnull=True) | Q(next_try_at__lte=now))
        .filter(updated_at__lte=now - untouched_for)
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:1000]
    )
