"""Notifications: list (with type filters), one, dismiss, clear."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts.access import active_accounts
from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.accounts import account_entity
from api.serializers.notifications import notifications, tribune_types
from api.views.common import paged, parse_id
from notifications.actions import do_clear, do_dismiss
from notifications.models import Notification
from tribune.lib.errors import NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["notifications"])


def _visible(account: Any) -> Any:
    return Notification.objects.filter(
        recipient=account, dismissed=False, filtered=False, actor__in=active_accounts()
    ).select_related("actor")


@router.get("/v1/notifications", auth=required("read:notifications"))
def list_notifications(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    account = me(request)
    params = Params(request)
    qs = _visible(account)
    if types := [str(t) for t in params.items("types")]:
        qs = qs.filter(type__in=tribune_types(types))
    if excluded := [str(t) for t in params.items("exclude_types")]:
        qs = qs.exclude(type__in=tribune_types(excluded))
    if account_id := params.text("account_id"):
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


def _group(request: HttpRequest, group_key: str) -> Notification:
    """Groups hold one notification each: `ungrouped-<id>`."""
    prefix, _sep, raw = group_key.partition("-")
    if prefix != "ungrouped":
        raise NotFound("Record not found")
    found = _visible(me(request)).filter(pk=parse_id(raw)).first()
    if found is None:
        raise NotFound("Record not found")
    return found


@router.get("/v2/notifications/unread_count", auth=required("read:notifications"))
def unread_count_v2(request: HttpRequest) -> dict[str, int]:
    """Unread notification groups (each notification is its own group), at most 1,000 counted."""
    ids = _visible(me(request)).filter(read=False).values_list("id", flat=True)[:1000]
    return {"count": len(ids)}


@router.get("/v2/notifications/{group_key}", auth=required("read:notifications"))
def get_group(request: HttpRequest, response: HttpResponse, group_key: str) -> dict[str, Any]:
    found = _group(request, group_key)
    account = me(request)
    rendered = notifications(account, [found])
    if not rendered:
        raise NotFound("Record not found")
    return _grouped(rendered)


@router.get("/v2/notifications/{group_key}/accounts", auth=required("read:notifications"))
def group_accounts(request: HttpRequest, group_key: str) -> list[dict[str, Any]]:
    found = _group(request, group_key)
    return [account_entity(found.actor)]


@router.post("/v2/notifications/{group_key}/dismiss", auth=required("write:notifications"))
def dismiss_group(request: HttpRequest, group_key: str) -> dict[str, Any]:
    found = _group(request, group_key)
    do_dismiss(me(request), found.pk)
    return {}


@router.get("/v2/notifications", auth=required("read:notifications"))
def grouped_notifications(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> dict[str, Any]:
    """Grouped notifications (Mastodon 4.3); Tribune does not merge notifications, so each is its own group."""
    return _grouped(list_notifications(request, response, query))


def _grouped(items: list[dict[str, Any]]) -> dict[str, Any]:
    accounts: dict[str, Any] = {}
    statuses: dict[str, Any] = {}
    groups = []
    for item in items:
        accounts[item["account"]["id"]] = item["account"]
        status = item.get("status")
        if status:
            statuses[status["id"]] = status
        groups.append(
            {
                "group_key": item["group_key"],
                "notifications_count": 1,
                "type": item["type"],
                "most_recent_notification_id": item["id"],
                "page_min_id": item["id"],
                "page_max_id": item["id"],
                "latest_page_notification_at": item["created_at"],
                "sample_account_ids": [item["account"]["id"]],
                "status_id": status["id"] if status else None,
            }
        )
    return {"accounts": list(accounts.values()), "statuses": list(statuses.values()), "notification_groups": groups}
