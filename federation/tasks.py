"""Background work for federation: arguments are ids, every task is idempotent."""

from typing import Any

from django_tasks import task


@task(queue_name="federation")
def deliver(delivery_id: int) -> None:
    from federation.delivery import attempt

    attempt(delivery_id)


@task(queue_name="federation")
def receive(activity: dict[str, Any], signer_id: int) -> None:
    """An inbound activity whose signature the inbox checked: applied here, off the request.
    Its handlers are idempotent (a redelivered activity changes nothing twice)."""
    from federation.inbox import process

    process(activity, signer_id)


@task(queue_name="federation")
def retry_due_deliveries(untouched_for_seconds: int = 0) -> int:
    """The sweep: every delivery that is due (including ones a crashed worker left) is tried again."""
    from datetime import timedelta

    from federation.delivery import attempt, due_deliveries

    ids = due_deliveries(untouched_for=timedelta(seconds=untouched_for_seconds))
    for delivery_id in ids:
        attempt(delivery_id)
    return len(ids)
