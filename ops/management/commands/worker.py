"""Run the background worker for every queue (database backend) or the RQ queues (Redis)."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background worker for Tribune's task queues."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--queues", default="*", help="comma-separated queues, '*' for all")

    def handle(self, *args: Any, **options: Any) -> None:
        queues = options["queues"]
        if settings.TASK_MODE == "rq":
            names = settings.TASK_QUEUES if queues == "*" else queues.split(",")
            call_command("rqworker", *names, with_scheduler=True)
        else:
            call_command("db_worker", queue_name=queues, interval=0.5, reload=False)
