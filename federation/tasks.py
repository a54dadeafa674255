"""Background work for federation: arguments are ids, every task is idempotent."""

import logging
import time
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("tribune.federation")


@task(queue_name="federation")
def deliver(delivery_id: int) -> None:
    from federation.delivery import attempt

    attempt(delivery_id)


# A database that is briefly away (restarting, or SQLite locked by another writer past its busy
# timeout) fails an inbound activity that the sender was already told was accepted: it is tried
# again here, in place and then later, rather than lost.
RECEIVE_PAUSES = (0.5, 1.0, 2.0, 4.0)
RECEIVE_LATER = (60, 300, 1800)


@task(queue_name="federation")
def receive(activity: dict[str, Any], signer_id: int, later: int = 0) -> None:
    """An inbound activity whose signature the inbox checked: applied here, off the request.
    Its handlers are idempotent (a redelivered activity changes nothing twice), so a try that
    the database failed is simply made again. `later`: how many deferred tries came before."""
    from django.db import InterfaceError, OperationalError, close_old_connections, connection

    from federation.inbox import process

    for pause in (*RECEIVE_PAUSES, None):
        try:
            process(activity, signer_id)
            return
        except (OperationalError, InterfaceError) as error:
            if connection.in_atomic_block:
                raise  # inside a caller's transaction (tests): nothing to retry from here
            logger.warning("inbound activity %s: %s, trying again", activity.get("id"), error)
            close_old_connections()
            connection.close()
            if pause is None:
                break
            time.sleep(pause)
    from django_tasks import default_task_backend

    if later >= len(RECEIVE_LATER) or not default_task_backend.supports_defer:
        logger.error("inbound activity %s given up after the database kept failing", activity.get("id"))
        raise RuntimeError("the database kept failing")
    receive.using(run_after=timezone.now() + timedelta(seconds=RECEIVE_LATER[later])).enqueue(
        activity, signer_id, later + 1
    )


@task(queue_name="federation")
def retry_due_deliveries(untouched_for_seconds: int = 0) -> int:
    """The sweep: every delivery that is due (including ones a crashed worker left) is tried again."""
    from datetime import timedelta

    from federation.delivery import attempt, due_deliveries

    ids = due_deliveries(untouched_for=timedelta(seconds=untouched_for_seconds))
    for delivery_id in ids:
        attempt(delivery_id)
    return len(ids)
