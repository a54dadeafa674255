"""Endorsements (featured accounts) and private notes about accounts (accounts/endorsements.py)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accounts.access import active_accounts
from accounts.endorsements import do_endorse, do_set_note, do_unendorse
from accounts.models import Endorsement
from api.auth import me, optional, required, viewer
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.accounts import account_entity, relationship
from api.views.common import account_or_404, paged
from tribune.lib.pagination import paginate

router = Router(tags=["endorsements"])


def _endorsed(request: HttpRequest, response: HttpResponse, owner: Any, query: PageQuery) -> list[dict[str, Any]]:
    qs = Endorsement.objects.filter(account=owner, target__in=active_accounts()).select_related("target")
    rows = paginate(qs, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.target) for r in rows]


@router.get("/v1/endorsements", auth=required("read:accounts"))
def my_endorsements(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    return _endorsed(request, response, me(request), query)


@router.get("/v1/accounts/{id}/endorsements", auth=optional("read:accounts"))
def endorsements_of(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict]:
    return _endorsed(request, response, account_or_404(viewer(request), id), query)


def _endorse(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    do_endorse(account, target)
    return relationship(account, target)


def _unendorse(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    do_unendorse(account, target)
    return relationship(account, target)


@router.post("/v1/accounts/{id}/endorse", auth=required("write:accounts"))
def endorse(request: HttpRequest, id: str) -> dict[str, Any]:
    return _endorse(request, id)


@router.post("/v1/accounts/{id}/unendorse", auth=required("write:accounts"))
def unendorse(request: HttpRequest, id: str) -> dict[str, Any]:
    return _unendorse(request, id)


@router.post("/v1/accounts/{id}/pin", auth=required("write:accounts"))
def pin_account(request: HttpRequest, id: str) -> dict[str, Any]:
    """The former name of endorse."""
    return _endorse(request, id)


@router.post("/v1/accounts/{id}/unpin", auth=required("write:accounts"))
def unpin_account(request: HttpRequest, id: str) -> dict[str, Any]:
    return _unendorse(request, id)


@router.post("/v1/accounts/{id}/note", auth=required("write:accounts"))
def note(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    do_set_note(account, target, Params(request).text("comment") or "")
    return relationship(account, target)
