"""Endpoints for features Tribune does not have, answered the way Mastodon answers an empty account.

Clients call these on start-up (lists, followed hashtags, suggestions); an empty
list lets them carry on instead of showing an error.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api.auth import me, optional, required, viewer
from api.serializers.tags import tag_entity
from posts.models import Hashtag
from tribune.lib.errors import NotFound

router = Router(tags=["absent"])


@router.get("/v1/followed_tags", auth=required("read:follows"))
def followed_tags(request: HttpRequest) -> list[Any]:
    me(request)
    return []


@router.get("/v1/featured_tags", auth=required("read:accounts"))
def featured_tags(request: HttpRequest) -> list[Any]:
    me(request)
    return []


@router.get("/v1/endorsements", auth=required("read:accounts"))
def endorsements(request: HttpRequest) -> list[Any]:
    me(request)
    return []


@router.get("/v2/suggestions", auth=required("read"))
def suggestions(request: HttpRequest) -> list[Any]:
    me(request)
    return []


@router.get("/v1/tags/{name}", auth=optional("read"))
def tag(request: HttpRequest, name: str) -> dict[str, Any]:
    hashtag = Hashtag.objects.filter(name=name.lower().lstrip("#")[:100]).first()
    if hashtag is None:
        raise NotFound("Record not found")
    return tag_entity(viewer(request), hashtag)
