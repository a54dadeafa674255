"""Endpoints for features Tribune does not have, answered the way Mastodon answers an empty account.

Clients call these on start-up (featured hashtags); an empty
list lets them carry on instead of showing an error.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api.auth import me, required

router = Router(tags=["absent"])


@router.get("/v1/featured_tags", auth=required("read:accounts"))
def featured_tags(request: HttpRequest) -> list[Any]:
    me(request)
    return []
