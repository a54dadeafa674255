"""Notifications: list (with type filters), one, dismiss, clear."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts.access import active_accounts
from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.notifications import notifications, tribune_types
from api.views.common import paged, parse_id
from notifications.actions import do_clear, do_dismiss
from notifications.models import Notification
from tribune.lib.errors import NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["notifications"])


def _visible(account: Any) -> Any:
    return Notification.objects.filter(recipient=account, dismissed=False, actor__in=active_accounts()).select_related(
        "actor"
    )


@router.get("/v1/notifications", auth=required("read:notifications"))
def list_notifications(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    account = me(request)
    params = Params(request)
    qs = _visible(account)
    if types := [str(t) for t in params.list("types")]:
        qs = qs.filter(type__in=tribune_types(types))
    if excluded := [str(t) for t in params.list("exclude_types")]:
        qs = qs.exclude(type__in=tribune_types(excluded))
    if account_id := params.str("account_id"):
        qs = qs.filter(actor_id=parse_id(account_id))
    rows = paginate(qs, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return notifications(account, rows)


@router.get("/v1/notifications/unread_count", auth=required("read:notifications"))
def unread_count(request: HttpRequest) -> dict[str, int]:
    return {"count": _visible(me(request)).filter(read=False).count()}


@router.post("/v1/notifications/clear", auth=required("write:notifications"))
def clear(request: HttpRequest) -> dict[str, Any]:
    do_clear(me(request))
    return {}


@router.get("/v1/notifications/{id}", auth=required("read:notifications"))
def get_notification(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    rendered = notifications(account, list(_visible(account).filter(pk=parse_id(id))))
    if not rendered:
        raise NotFound("Record not found")
    return rendered[0]


@router.post("/v1/notifications/{id}/dismiss", auth=required("write:notifications"))
def dismiss(request: HttpRequest, id: str) -> dict[str, Any]:
    if not do_dismiss(me(request), parse_id(id)):
        raise NotFound("Record not found")
    return {}
