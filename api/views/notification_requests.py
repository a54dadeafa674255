"""Notification policy (v2) and the requests it files (notifications/policy.py).

Registered before the notifications router, whose `/v1/notifications/{id}` would take `requests`."""

from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts.models import Account
from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params, id_list
from api.serializers.accounts import account_entity
from api.serializers.common import iso
from api.serializers.statuses import StatusRenderer
from api.views.common import paged, parse_id
from notifications.models import Notification, NotificationPolicy, NotificationRequest
from notifications.policy import (
    POLICY_FIELDS,
    check_policy,
    do_accept_requests,
    do_dismiss_requests,
    do_update_policy,
    pending_requests,
    policy_of,
    summary,
)
from posts.access import visible_among
from tribune.lib.errors import NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["notifications"])


def _policy(account: Account, policy: NotificationPolicy) -> dict[str, Any]:
    return {**{field: getattr(policy, field) for field in POLICY_FIELDS}, "summary": summary(account)}


@router.get("/v2/notifications/policy", auth=required("read:notifications"))
def get_policy(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    return _policy(account, policy_of(account))


@router.patch("/v2/notifications/policy", auth=required("write:notifications"))
def update_policy(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    changes = check_policy({field: params.text(field) for field in POLICY_FIELDS})
    return _policy(account, do_update_policy(account, changes))


def _requests(viewer: Account, rows: list[NotificationRequest]) -> list[dict[str, Any]]:
    """NotificationRequest entities: the filtered notifications counted in one query, the posts read
    through the visibility helper (one the viewer may no longer see is left out)."""
    senders = [r.from_account_id for r in rows]
    filtered = Notification.objects.filter(recipient=viewer, filtered=True, dismissed=False, actor_id__in=senders)
    counts = dict(filtered.values("actor_id").annotate(n=Count("id")).values_list("actor_id", "n"))
    posts = {p.pk: p for p in visible_among(viewer, {r.last_post_id for r in rows if r.last_post_id})}
    renderer = StatusRenderer(viewer, list(posts.values()))
    return [
        {
            "id": str(r.pk),
            "created_at": iso(r.created_at),
            "updated_at": iso(r.updated_at),
            "notifications_count": str(counts.get(r.from_account_id, 0)),
            "account": account_entity(r.from_account),
            "last_status": renderer.render(posts[r.last_post_id]) if r.last_post_id in posts else None,
        }
        for r in rows
    ]


@router.get("/v1/notifications/requests", auth=required("read:notifications"))
def list_requests(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    account = me(request)
    rows = paginate(pending_requests(account).select_related("from_account"), page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return _requests(account, rows)


@router.get("/v1/notifications/requests/merged", auth=required("read:notifications"))
def merged(request: HttpRequest) -> dict[str, bool]:
    """Accepting a request moves its notifications at once, so they are always merged."""
    return {"merged": True}


@router.post("/v1/notifications/requests/accept", auth=required("write:notifications"))
def accept_many(request: HttpRequest) -> dict[str, Any]:
    do_accept_requests(me(request), id_list(Params(request).items("id"), "id"))
    return {}


@router.post("/v1/notifications/requests/dismiss", auth=required("write:notifications"))
def dismiss_many(request: HttpRequest) -> dict[str, Any]:
    do_dismiss_requests(me(request), id_list(Params(request).items("id"), "id"))
    return {}


def _request(request: HttpRequest, id: str) -> NotificationRequest:
    found = pending_requests(me(request)).select_related("from_account").filter(pk=parse_id(id)).first()
    if found is None:
        raise NotFound("Record not found")
    return found


@router.get("/v1/notifications/requests/{id}", auth=required("read:notifications"))
def get_request(request: HttpRequest, id: str) -> dict[str, Any]:
    return _requests(me(request), [_request(request, id)])[0]


@router.post("/v1/notifications/requests/{id}/accept", auth=required("write:notifications"))
def accept(request: HttpRequest, id: str) -> dict[str, Any]:
    do_accept_requests(me(request), [_request(request, id).pk])
    return {}


@router.post("/v1/notifications/requests/{id}/dismiss", auth=required("write:notifications"))
def dismiss(request: HttpRequest, id: str) -> dict[str, Any]:
    do_dismiss_requests(me(request), [_request(request, id).pk])
    return {}
