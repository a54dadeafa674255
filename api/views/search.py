"""`GET /api/v2/search`: accounts, hashtags and posts the caller may see."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from api.auth import optional, viewer
from api.serializers.accounts import account_entity
from api.serializers.statuses import statuses
from api.serializers.tags import tag_entities
from search.queries import search

router = Router(tags=["search"])
KINDS = {"accounts", "hashtags", "statuses"}


@router.get("/v2/search", auth=optional("read:search"))
def search_v2(
    request: HttpRequest,
    q: str,
    type: str | None = None,
    limit: int = 20,
    offset: int = 0,
    # Named apart from `resolve`, which would shadow a method of ninja's query model.
    resolve_remote: bool = Query(False, alias="resolve"),
) -> dict[str, Any]:
    who = viewer(request)
    kind = type if type in KINDS else None
    results = search(
        who, q, kind=kind, limit=max(1, min(limit, 40)), offset=max(0, offset) if who else 0, resolve=resolve_remote
    )
    return {
        "accounts": [account_entity(a) for a in results.accounts],
        "hashtags": tag_entities(who, results.hashtags),
        "statuses": statuses(who, results.posts),
    }
