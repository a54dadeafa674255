"""Read queries to a replica when TRIBUNE_DATABASE_REPLICA_URL is set.

Writes, and reads inside a transaction that already wrote, go to the primary.
Reads that must see a write just made (read-your-writes) are the caller's to
pin with `.using("default")`; the feeds and pages tolerate the replica's lag.
"""

from typing import Any

from django.db import connections


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str:
        if connections["default"].in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model: type, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"
