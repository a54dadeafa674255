"""Cursor pagination over time-sortable ids, as Mastodon pages its lists.

`max_id` gives items older than it, `since_id` items newer than it (the newest
first), `min_id` the items immediately newer than it (the oldest of those first,
returned newest first). Results are always newest first.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

DEFAULT_LIMIT = 20
MAX_LIMIT = 40
MAX_ID = 1 << 63


@dataclass(frozen=True)
class Page:
    max_id: int | None = None
    since_id: int | None = None
    min_id: int | None = None
    limit: int = DEFAULT_LIMIT

    @classmethod
    def from_params(cls, params: Any, *, default: int = DEFAULT_LIMIT, maximum: int = MAX_LIMIT) -> "Page":
        """Reads max_id/since_id/min_id/limit from a dict-like; bad values are ignored."""

        def as_int(name: str) -> int | None:
            value = params.get(name)
            try:
                number = int(value) if value not in (None, "") else None
            except (TypeError, ValueError):
                return None
            # Ids are 64-bit: anything outside cannot match and would overflow the database's integers.
            return number if number is None or 0 <= number < MAX_ID else None

        limit = as_int("limit") or default
        return cls(as_int("max_id"), as_int("since_id"), as_int("min_id"), max(1, min(limit, maximum)))


def paginate(qs: QuerySet, page: Page, field: str = "id") -> list:
    if page.max_id is not None:
        qs = qs.filter(**{f"{field}__lt": page.max_id})
    if page.since_id is not None:
        qs = qs.filter(**{f"{field}__gt": page.since_id})
    if page.min_id is not None:
        rows = list(qs.filter(**{f"{field}__gt": page.min_id}).order_by(field)[: page.limit])
        rows.reverse()
        return rows
    return list(qs.order_by(f"-{field}")[: page.limit])
