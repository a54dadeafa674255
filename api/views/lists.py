"""Lists: CRUD, members, the list timeline (timelines/lists.py)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts.access import active_accounts
from api import openapi as bodies
from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params, id_list
from api.serializers.accounts import account_entity
from api.serializers.statuses import statuses
from api.views.common import account_or_404, paged, parse_id
from timelines import lists as list_actions
from timelines.models import List, ListMember
from tribune.lib.errors import ActionError
from tribune.lib.pagination import paginate

router = Router(tags=["lists"])


def list_entity(found: List) -> dict[str, Any]:
    return {
        "id": str(found.pk),
        "title": found.title,
        "replies_policy": found.replies_policy,
        "exclusive": found.exclusive,
    }


def _policy_and_exclusive(params: Params) -> tuple[str | None, bool | None]:
    return params.text("replies_policy"), params.flag("exclusive")


@router.get("/v1/lists", auth=required("read:lists"))
def all_lists(request: HttpRequest) -> list[dict[str, Any]]:
    return [list_entity(x) for x in List.objects.filter(account=me(request)).order_by("id")]


@router.post("/v1/lists", auth=required("write:lists"), openapi_extra=bodies.LIST)
def create_list(request: HttpRequest) -> dict[str, Any]:
    params = Params(request)
    title = params.text("title")
    if not title:
        raise ActionError("title is missing", field="title")
    policy, exclusive = _policy_and_exclusive(params)
    return list_entity(
        list_actions.do_create_list(me(request), title, replies_policy=policy or "list", exclusive=bool(exclusive))
    )


@router.get("/v1/lists/{id}", auth=required("read:lists"))
def get_list(request: HttpRequest, id: str) -> dict[str, Any]:
    return list_entity(list_actions.access_list(me(request), parse_id(id)))


@router.put("/v1/lists/{id}", auth=required("write:lists"), openapi_extra=bodies.LIST)
def update_list(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    found = list_actions.access_list(account, parse_id(id))
    params = Params(request)
    policy, exclusive = _policy_and_exclusive(params)
    list_actions.do_update_list(account, found, title=params.text("title"), replies_policy=policy, exclusive=exclusive)
    return list_entity(found)


@router.delete("/v1/lists/{id}", auth=required("write:lists"))
def delete_list(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    list_actions.do_delete_list(account, list_actions.access_list(account, parse_id(id)))
    return {}


@router.get("/v1/lists/{id}/accounts", auth=required("read:lists"))
def list_members(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict]:
    found = list_actions.access_list(me(request), parse_id(id))
    qs = ListMember.objects.filter(list=found, account__in=active_accounts()).select_related("account")
    rows = paginate(qs, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.account) for r in rows]


@router.post("/v1/lists/{id}/accounts", auth=required("write:lists"), openapi_extra=bodies.LIST_ACCOUNTS)
def add_members(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    found = list_actions.access_list(account, parse_id(id))
    ids = id_list(Params(request).items("account_ids"), "account_ids")
    if not ids:
        raise ActionError("account_ids is missing", field="account_ids")
    members = [account_or_404(account, i) for i in ids[:100]]
    list_actions.do_add_list_members(account, found, members)
    return {}


@router.delete("/v1/lists/{id}/accounts", auth=required("write:lists"))
def remove_members(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    found = list_actions.access_list(account, parse_id(id))
    list_actions.do_remove_list_members(account, found, id_list(Params(request).items("account_ids"), "account_ids"))
    return {}


@router.get("/v1/timelines/list/{list_id}", auth=required("read:lists"))
def list_timeline(request: HttpRequest, response: HttpResponse, list_id: str, query: Query[PageQuery]) -> list[dict]:
    account = me(request)
    found = list_actions.access_list(account, parse_id(list_id))
    posts = list_actions.list_feed(account, found, page_from(query))
    paged(request, response, posts)
    return statuses(account, posts)


@router.get("/v1/accounts/{id}/lists", auth=required("read:lists"))
def account_lists(request: HttpRequest, id: str) -> list[dict[str, Any]]:
    account = me(request)
    return [list_entity(x) for x in list_actions.lists_with(account, account_or_404(account, id))]
