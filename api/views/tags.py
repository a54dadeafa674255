"""Hashtags: one tag, following and unfollowing it, the tags one follows (timelines/hashtags.py)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from api.auth import me, optional, required, viewer
from api.pagination import PageQuery, page_from
from api.serializers.tags import tag_entities, tag_entity
from api.views.common import paged
from posts.models import Hashtag
from timelines.hashtags import do_follow_hashtag, do_unfollow_hashtag
from timelines.models import FollowedHashtag
from tribune.lib.errors import NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["tags"])


@router.get("/v1/tags/{name}", auth=optional("read"))
def tag(request: HttpRequest, name: str) -> dict[str, Any]:
    hashtag = Hashtag.objects.filter(name=name.lower().lstrip("#")[:100]).first()
    if hashtag is None:
        raise NotFound("Record not found")
    return tag_entity(viewer(request), hashtag)


@router.post("/v1/tags/{name}/follow", auth=required("write:follows"))
def follow_tag(request: HttpRequest, name: str) -> dict[str, Any]:
    account = me(request)
    return tag_entity(account, do_follow_hashtag(account, name))


@router.post("/v1/tags/{name}/unfollow", auth=required("write:follows"))
def unfollow_tag(request: HttpRequest, name: str) -> dict[str, Any]:
    account = me(request)
    hashtag = do_unfollow_hashtag(account, name)
    if hashtag is None:
        raise NotFound("Record not found")
    return tag_entity(account, hashtag)


@router.get("/v1/followed_tags", auth=required("read:follows"))
def followed_tags(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    account = me(request)
    rows = paginate(
        FollowedHashtag.objects.filter(account=account).select_related("hashtag"), page_from(query, maximum=200)
    )
    paged(request, response, rows)
    return tag_entities(account, [r.hashtag for r in rows])
