"""Run the background worker for every queue (database backend) or the RQ queues (Redis).

Beside the queue runner, a thread sweeps every RECOVERY_SWEEP_SECONDS (30 s): it publishes the
scheduled posts that are due (posts.scheduling), finishes the polls that ended (posts.polls), and enqueues the work that a crashed worker left
unfinished, or that is due again: post deliveries (timelines.recovery), second-tier moderation
scores (moderation.second_tier.requeue_unscored), federation deliveries
(federation.tasks.retry_due_deliveries) and Web Push deliveries (notifications.tasks.retry_due_pushes).
A worker started on an instance without a moderation model first queues the starter model
(moderation.starter).
"""

import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


def _sweep_forever(stop: threading.Event) -> None:
    from federation.tasks import retry_due_deliveries
    from moderation.retention import do_erase_media_of_gone_posts, do_purge_expired_suspensions
    from moderation.second_tier import requeue_unscored
    from notifications.tasks import retry_due_pushes
    from posts.polls import finish_ended_polls
    from posts.scheduling import publish_due_posts
    from timelines.recovery import requeue_stalled_deliveries

    next_media_sweep = 0.0  # erasing removed and deleted posts' images: hourly is soon enough
    while not stop.wait(settings.RECOVERY_SWEEP_SECONDS):
        try:
            publish_due_posts()
            finish_ended_polls()
            requeue_stalled_deliveries()
            requeue_unscored()
            do_purge_expired_suspensions()
            if time.monotonic() >= next_media_sweep:
                do_erase_media_of_gone_posts()
                next_media_sweep = time.monotonic() + 3600
            # Federation retries the backend could not defer, and deliveries a crashed worker left.
            retry_due_deliveries.enqueue(60)
            retry_due_pushes.enqueue(60)
        except Exception:  # noqa: BLE001 -- the sweep must never take the worker down; it logs and retries
            import logging

            logging.getLogger(__name__).exception("recovery sweep failed")
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = "Run a background worker for Tribune's task queues."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--queues", default="*", help="comma-separated queues, '*' for all")
        parser.add_argument("--no-sweep", action="store_true", help="do not requeue work left by crashed workers")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        from moderation import starter

        if starter.wanted():
            # A fresh instance: its first moderation model, trained here from generated examples.
            starter.train_starter_model.enqueue()
        if not options["no_sweep"]:
            threading.Thread(target=_sweep_forever, args=(stop,), daemon=True, name="recovery-sweep").start()
        queues = options["queues"]
        try:
            if settings.TASK_MODE == "rq":
                names = settings.TASK_QUEUES if queues == "*" else queues.split(",")
                # django-tasks-rq's job class runs a Task (RQ's own would try to call it and fail), here
                # with the database connections checked around each job (tribune/lib/rq_job.py).
                # SimpleWorker runs each job in this process: RQ's default forks a child per job,
                # which would share the parent's pooled database connections (and costs a fork
                # per job); a killed worker's jobs are still picked up (timelines.recovery).
                call_command(
                    "rqworker",
                    *names,
                    with_scheduler=True,
                    job_class="tribune.lib.rq_job.Job",
                    worker_class="rq.SimpleWorker",
                )
            else:
                call_command("db_worker", queue_name=queues, interval=0.5, reload=False)
        finally:
            stop.set()
