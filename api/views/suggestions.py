"""Who to follow (v1 and v2 suggestions) and the profile directory (accounts/suggestions.py)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from accounts.suggestions import directory, do_dismiss_suggestion, suggestions
from api.auth import me, optional, required
from api.serializers.accounts import account_entity
from api.views.common import account_or_404

router = Router(tags=["suggestions"])


def _limit(value: int, default: int = 40) -> int:
    return max(1, min(value or default, 80))


@router.get("/v2/suggestions", auth=required("read"))
def suggestions_v2(request: HttpRequest, limit: int = 40) -> list[dict[str, Any]]:
    return [
        {"account": account_entity(a), "sources": [source]} for a, source in suggestions(me(request), _limit(limit))
    ]


@router.get("/v1/suggestions", auth=required("read"))
def suggestions_v1(request: HttpRequest, limit: int = 40) -> list[dict[str, Any]]:
    return [account_entity(a) for a, _source in suggestions(me(request), _limit(limit))]


@router.delete("/v1/suggestions/{account_id}", auth=required("read"))
def dismiss(request: HttpRequest, account_id: str) -> dict[str, Any]:
    account = me(request)
    do_dismiss_suggestion(account, account_or_404(account, account_id))
    return {}


@router.get("/v1/directory", auth=optional("read"))
def profile_directory(
    request: HttpRequest, offset: int = 0, limit: int = 40, order: str = "active", local: bool = False
) -> list[dict[str, Any]]:
    found = directory(local=local, order=order, offset=max(0, min(offset, 10_000)), limit=_limit(limit))
    return [account_entity(a) for a in found]
