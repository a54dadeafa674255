"""Filters, v2 (filters with keywords and posts) and v1 (one keyword each), over accounts/filters.py."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from accounts import filters as actions
from accounts.models import Filter, MutedWord
from api import openapi as bodies
from api.auth import me, required
from api.params import Params
from api.serializers.filters import filter_entity, filter_status_entity, keyword_entity, v1_filter_entity
from api.views.common import parse_id, post_or_404
from tribune.lib.errors import ActionError

router = Router(tags=["filters"])


def _contexts(params: Params) -> list[str] | None:
    if not (params.has("context") or params.has("context[]")):
        return None
    return [str(c) for c in params.items("context")]


def _expires_in(params: Params) -> int | None | str:
    if not params.has("expires_in"):
        return "keep"
    raw = params.text("expires_in")
    if raw in (None, "", "null"):
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise ActionError("expires_in must be a number of seconds", field="expires_in") from None


def _keywords(params: Params) -> list[dict[str, Any]]:
    return [k for k in params.items("keywords_attributes") if isinstance(k, dict)]


def _flag(value: Any, default: bool = True) -> bool:
    if value is None or value == "":
        return default
    return value is True or str(value).lower() in ("true", "1", "on", "yes")


@router.get("/v2/filters", auth=required("read:filters"))
def list_filters(request: HttpRequest) -> list[dict[str, Any]]:
    rows = Filter.objects.filter(account=me(request)).prefetch_related("keywords", "statuses").order_by("id")
    return [filter_entity(f, keywords=list(f.keywords.all()), statuses=list(f.statuses.all())) for f in rows]


@router.post("/v2/filters", auth=required("write:filters"), openapi_extra=bodies.FILTER)
def create_filter(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    expires = _expires_in(params)
    found = actions.do_create_filter(
        account,
        params.text("title") or "",
        _contexts(params) or [],
        action=params.text("filter_action") or "warn",
        expires_in=expires if isinstance(expires, int) else None,
        keywords=[(str(k.get("keyword", "")), _flag(k.get("whole_word"))) for k in _keywords(params)],
    )
    return filter_entity(found)


@router.get("/v2/filters/{id}", auth=required("read:filters"))
def get_filter(request: HttpRequest, id: str) -> dict[str, Any]:
    return filter_entity(actions.access_filter(me(request), parse_id(id)))


@router.put("/v2/filters/{id}", auth=required("write:filters"), openapi_extra=bodies.FILTER)
def update_filter(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    found = actions.access_filter(account, parse_id(id))
    params = Params(request)
    actions.do_update_filter(
        account, found, title=params.text("title"), context=_contexts(params), action=params.text("filter_action"),
        expires_in=_expires_in(params),
    )  # fmt: skip
    for item in _keywords(params):
        if item.get("id"):
            keyword = actions.access_keyword(account, parse_id(item["id"]))
            if _flag(item.get("_destroy"), default=False):
                actions.do_remove_keyword(account, keyword)
            else:
                actions.do_update_keyword(
                    account, keyword, phrase=item.get("keyword"), whole_word=_flag(item.get("whole_word"))
                )
        else:
            actions.do_add_keyword(
                account, found, str(item.get("keyword", "")), whole_word=_flag(item.get("whole_word"))
            )
    return filter_entity(found)


@router.delete("/v2/filters/{id}", auth=required("write:filters"))
def delete_filter(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    actions.do_delete_filter(account, actions.access_filter(account, parse_id(id)))
    return {}


@router.get("/v2/filters/{id}/keywords", auth=required("read:filters"))
def filter_keywords(request: HttpRequest, id: str) -> list[dict[str, Any]]:
    found = actions.access_filter(me(request), parse_id(id))
    return [keyword_entity(k) for k in found.keywords.order_by("id")]


@router.post("/v2/filters/{id}/keywords", auth=required("write:filters"), openapi_extra=bodies.KEYWORD)
def add_keyword(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    found = actions.access_filter(account, parse_id(id))
    params = Params(request)
    keyword = actions.do_add_keyword(
        account, found, params.text("keyword") or "", whole_word=bool(params.flag("whole_word", True))
    )
    return keyword_entity(keyword)


@router.get("/v2/filters/keywords/{id}", auth=required("read:filters"))
def get_keyword(request: HttpRequest, id: str) -> dict[str, Any]:
    return keyword_entity(actions.access_keyword(me(request), parse_id(id)))


@router.put("/v2/filters/keywords/{id}", auth=required("write:filters"), openapi_extra=bodies.KEYWORD)
def update_keyword(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    keyword = actions.access_keyword(account, parse_id(id))
    params = Params(request)
    return keyword_entity(
        actions.do_update_keyword(account, keyword, phrase=params.text("keyword"), whole_word=params.flag("whole_word"))
    )


@router.delete("/v2/filters/keywords/{id}", auth=required("write:filters"))
def delete_keyword(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    actions.do_remove_keyword(account, actions.access_keyword(account, parse_id(id)))
    return {}


@router.get("/v2/filters/{id}/statuses", auth=required("read:filters"))
def filter_statuses(request: HttpRequest, id: str) -> list[dict[str, Any]]:
    found = actions.access_filter(me(request), parse_id(id))
    return [filter_status_entity(r) for r in found.statuses.order_by("id")]


@router.post("/v2/filters/{id}/statuses", auth=required("write:filters"))
def add_filter_status(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    found = actions.access_filter(account, parse_id(id))
    post = post_or_404(account, Params(request).text("status_id") or "")
    return filter_status_entity(actions.do_add_filter_status(account, found, post))


@router.get("/v2/filters/statuses/{id}", auth=required("read:filters"))
def get_filter_status(request: HttpRequest, id: str) -> dict[str, Any]:
    return filter_status_entity(actions.access_filter_status(me(request), parse_id(id)))


@router.delete("/v2/filters/statuses/{id}", auth=required("write:filters"))
def delete_filter_status(request: HttpRequest, id: str) -> dict[str, Any]:
    """Answers the removed FilterStatus, as Mastodon does."""
    account = me(request)
    row = actions.access_filter_status(account, parse_id(id))
    rendered = filter_status_entity(row)
    actions.do_remove_filter_status(account, row)
    return rendered


# Version 1: each filter is one keyword (of its own filter, titled after it).


def _v1_keywords(account: Any) -> Any:
    return MutedWord.objects.filter(account=account, filter__isnull=False).select_related("filter").order_by("id")


@router.get("/v1/filters", auth=required("read:filters"))
def list_filters_v1(request: HttpRequest) -> list[dict[str, Any]]:
    return [v1_filter_entity(k) for k in _v1_keywords(me(request))]


@router.post("/v1/filters", auth=required("write:filters"), openapi_extra=bodies.FILTER_V1)
def create_filter_v1(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    phrase = params.text("phrase") or ""
    expires = _expires_in(params)
    found = actions.do_create_filter(
        account, phrase or "-", _contexts(params) or [],
        action="hide" if params.flag("irreversible") else "warn",
        expires_in=expires if isinstance(expires, int) else None,
        keywords=[(phrase, bool(params.flag("whole_word", True)))],
    )  # fmt: skip
    return v1_filter_entity(found.keywords.select_related("filter").get())


@router.get("/v1/filters/{id}", auth=required("read:filters"))
def get_filter_v1(request: HttpRequest, id: str) -> dict[str, Any]:
    return v1_filter_entity(actions.access_keyword(me(request), parse_id(id)))


@router.put("/v1/filters/{id}", auth=required("write:filters"), openapi_extra=bodies.FILTER_V1)
def update_filter_v1(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    keyword = actions.access_keyword(account, parse_id(id))
    params = Params(request)
    irreversible = params.flag("irreversible")
    assert keyword.filter is not None  # noqa: S101  # access_keyword returns keywords of a filter
    actions.do_update_filter(
        account, keyword.filter, context=_contexts(params),
        action=None if irreversible is None else ("hide" if irreversible else "warn"), expires_in=_expires_in(params),
    )  # fmt: skip
    actions.do_update_keyword(account, keyword, phrase=params.text("phrase"), whole_word=params.flag("whole_word"))
    return v1_filter_entity(actions.access_keyword(account, keyword.pk))


@router.delete("/v1/filters/{id}", auth=required("write:filters"))
def delete_filter_v1(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    keyword = actions.access_keyword(account, parse_id(id))
    found = keyword.filter
    actions.do_remove_keyword(account, keyword)
    if found is not None and not found.keywords.exists() and not found.statuses.exists():
        actions.do_delete_filter(account, found)
    return {}
