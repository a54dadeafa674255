"""Background work for notifications: arguments are ids, every task is idempotent."""

from django_tasks import task


@task(queue_name="default")
def push(delivery_id: int) -> None:
    from notifications.push_delivery import attempt

    attempt(delivery_id)


@task(queue_name="default")
def retry_due_pushes(untouched_for_seconds: int = 0) -> int:
    """The sweep: every push that is due (including ones a crashed worker left) is tried again."""
    from datetime import timedelta

    from notifications.push_delivery import attempt, due_pushes

    ids = due_pushes(untouched_for=timedelta(seconds=untouched_for_seconds))
    for delivery_id in ids:
        attempt(delivery_id)
    return len(ids)
