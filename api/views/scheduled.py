"""Scheduled statuses: list, read, move to another time, cancel (posts/scheduling.py)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.dateparse import parse_datetime
from ninja import Query, Router

from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.scheduled import scheduled_entity
from api.views.common import paged, parse_id
from posts.models import ScheduledPost
from posts.scheduling import access_scheduled_post, do_cancel_scheduled_post, do_reschedule_post
from tribune.lib.errors import ActionError
from tribune.lib.pagination import paginate

router = Router(tags=["scheduled statuses"])


def scheduled_time(value: str | None) -> Any:
    """An ISO 8601 time with its offset, as clients send `scheduled_at`."""
    try:
        when = parse_datetime(value or "") if value else None
    except ValueError:  # well formed, but no such time (month 13, say)
        when = None
    if when is None:
        raise ActionError("scheduled_at must be an ISO 8601 time", field="scheduled_at")
    return when


@router.get("/v1/scheduled_statuses", auth=required("read:statuses"))
def list_scheduled(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    rows = paginate(
        ScheduledPost.objects.filter(account=me(request)).prefetch_related("media"), page_from(query, maximum=40)
    )
    paged(request, response, rows)
    return [scheduled_entity(r) for r in rows]


@router.get("/v1/scheduled_statuses/{id}", auth=required("read:statuses"))
def get_scheduled(request: HttpRequest, id: str) -> dict[str, Any]:
    return scheduled_entity(access_scheduled_post(me(request), parse_id(id)))


@router.put("/v1/scheduled_statuses/{id}", auth=required("write:statuses"))
def move_scheduled(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    scheduled = access_scheduled_post(account, parse_id(id))
    when = Params(request).text("scheduled_at")
    if when:
        do_reschedule_post(account, scheduled, scheduled_time(when))
    return scheduled_entity(scheduled)


@router.delete("/v1/scheduled_statuses/{id}", auth=required("write:statuses"))
def cancel_scheduled(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    do_cancel_scheduled_post(account, access_scheduled_post(account, parse_id(id)))
    return {}
