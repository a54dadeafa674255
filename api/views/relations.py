"""Follow requests, blocks, mutes, and muted words shown as a Mastodon filter."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts import actions as account_actions
from accounts.access import active_accounts
from accounts.models import Block, Follow, Mute, MutedWord
from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.accounts import account_entity, relationship
from api.views.common import account_or_404, paged, parse_id
from tribune.lib.errors import ActionError, NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["relations"])


@router.get("/v1/follow_requests", auth=required("read:follows"))
def follow_requests(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    qs = Follow.objects.filter(target=me(request), state=Follow.State.PENDING, follower__in=active_accounts())
    rows = paginate(qs.select_related("follower"), page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.follower) for r in rows]


@router.post("/v1/follow_requests/{id}/authorize", auth=required("write:follows"))
def authorize(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    follower = account_or_404(account, id)
    account_actions.do_accept_follow_request(account, follower)
    return relationship(account, follower)


@router.post("/v1/follow_requests/{id}/reject", auth=required("write:follows"))
def reject(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    follower = account_or_404(account, id)
    account_actions.do_reject_follow_request(account, follower)
    return relationship(account, follower)


@router.get("/v1/blocks", auth=required("read:blocks"))
def blocks(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    qs = Block.objects.filter(account=me(request), target__in=active_accounts()).select_related("target")
    rows = paginate(qs, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.target) for r in rows]


@router.get("/v1/mutes", auth=required("read:mutes"))
def mutes(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    qs = Mute.objects.filter(account=me(request), target__in=active_accounts()).select_related("target")
    rows = paginate(qs, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.target) for r in rows]


@router.get("/v1/domain_blocks", auth=required("read:blocks"))
def domain_blocks(request: HttpRequest) -> list[str]:
    me(request)
    return []


# Filters: a person's muted words are one Mastodon filter ("Muted words", everywhere, hide).

FILTER_ID = "muted-words"


def _filter(account: Any) -> dict[str, Any]:
    words = list(MutedWord.objects.filter(account=account).order_by("id"))
    return {
        "id": FILTER_ID,
        "title": "Muted words",
        "context": ["home", "notifications", "public", "thread", "account"],
        "expires_at": None,
        "filter_action": "hide",
        "keywords": [_keyword(w) for w in words],
        "statuses": [],
    }


def _keyword(word: MutedWord) -> dict[str, Any]:
    return {"id": str(word.pk), "keyword": word.phrase, "whole_word": word.whole_word}


@router.get("/v2/filters", auth=required("read:filters"))
def list_filters(request: HttpRequest) -> list[dict[str, Any]]:
    account = me(request)
    return [_filter(account)] if MutedWord.objects.filter(account=account).exists() else []


@router.post("/v2/filters", auth=required("write:filters"))
def create_filter(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    keywords = [k for k in params.list("keywords_attributes") if isinstance(k, dict)]
    if not keywords:
        raise ActionError("keywords_attributes must name at least one keyword", field="keywords_attributes")
    for item in keywords:
        account_actions.do_add_muted_word(account, str(item.get("keyword", "")))
    return _filter(account)


@router.get("/v2/filters/{id}", auth=required("read:filters"))
def get_filter(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    if id != FILTER_ID:
        raise NotFound("Record not found")
    return _filter(account)


@router.delete("/v2/filters/{id}", auth=required("write:filters"))
def delete_filter(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    if id != FILTER_ID:
        raise NotFound("Record not found")
    for word_id in MutedWord.objects.filter(account=account).values_list("id", flat=True):
        account_actions.do_remove_muted_word(account, word_id)
    return {}


@router.get("/v2/filters/{id}/keywords", auth=required("read:filters"))
def filter_keywords(request: HttpRequest, id: str) -> list[dict[str, Any]]:
    account = me(request)
    if id != FILTER_ID:
        raise NotFound("Record not found")
    return [_keyword(w) for w in MutedWord.objects.filter(account=account).order_by("id")]


@router.post("/v2/filters/{id}/keywords", auth=required("write:filters"))
def add_keyword(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    if id != FILTER_ID:
        raise NotFound("Record not found")
    return _keyword(account_actions.do_add_muted_word(account, Params(request).str("keyword") or ""))


@router.delete("/v2/filters/keywords/{id}", auth=required("write:filters"))
def delete_keyword(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    word_id = parse_id(id)
    if not MutedWord.objects.filter(account=account, pk=word_id).exists():
        raise NotFound("Record not found")
    account_actions.do_remove_muted_word(account, word_id)
    return {}


@router.get("/v1/filters", auth=required("read:filters"))
def list_filters_v1(request: HttpRequest) -> list[dict[str, Any]]:
    """Version 1 filters: one per muted word."""
    account = me(request)
    return [
        {
            "id": str(w.pk),
            "phrase": w.phrase,
            "context": ["home", "notifications", "public", "thread", "account"],
            "whole_word": w.whole_word,
            "expires_at": None,
            "irreversible": True,
        }
        for w in MutedWord.objects.filter(account=account).order_by("id")
    ]
