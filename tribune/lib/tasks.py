"""Enqueueing background work that a sweep repairs if it is lost.

With the Redis task backend, enqueueing fails while Redis is down. The work asked for here is
always found again by a sweep once the queue is back (a published post without a delivery stamp,
timelines/recovery.py; a due delivery, federation.delivery.due_deliveries), so the action that
asked, already committed, must not fail for it: the failure is logged and left to the sweep.
"""

import logging
from typing import Any

import redis

log = logging.getLogger(__name__)


def enqueue_or_leave_to_sweep(task: Any, *args: Any) -> None:
    try:
        task.enqueue(*args)
    except redis.RedisError as error:
        log.warning("could not queue %s%r, a sweep will: %s", getattr(task, "name", task), args, error)
