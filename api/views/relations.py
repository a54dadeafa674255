"""Follow requests, blocks, mutes, blocked servers."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts import actions as account_actions
from accounts.access import active_accounts
from accounts.domain_blocks import do_block_domain, do_unblock_domain
from accounts.models import Block, DomainBlock, Follow, Mute
from api.auth import me, required
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.accounts import account_entity, relationship
from api.views.common import account_or_404, paged
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
def domain_blocks(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[str]:
    rows = paginate(DomainBlock.objects.filter(account=me(request)), page_from(query, default=100, maximum=200))
    paged(request, response, rows)
    return [r.domain for r in rows]


@router.post("/v1/domain_blocks", auth=required("write:blocks"))
def block_domain(request: HttpRequest) -> dict[str, Any]:
    do_block_domain(me(request), Params(request).text("domain") or "")
    return {}


@router.delete("/v1/domain_blocks", auth=required("write:blocks"))
def unblock_domain(request: HttpRequest) -> dict[str, Any]:
    do_unblock_domain(me(request), Params(request).text("domain") or "")
    return {}
