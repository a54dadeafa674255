"""The job class RQ workers run (`tribune worker` with TRIBUNE_TASKS=rq).

django-tasks-rq's job, with Django's database connections checked around each job as Django
checks them around each request: a worker has no requests, so after PostgreSQL restarted, its
connection stayed closed and every later job of that worker failed on it ("the connection is
closed") until the worker itself was restarted; found by the fault run (docs/reliability.md)."""

from typing import Any

from django.db import close_old_connections
from django_tasks_rq.backend import Job as TaskJob


class Job(TaskJob):
    def perform(self) -> Any:
        close_old_connections()
        try:
            return super().perform()
        finally:
            close_old_connections()
