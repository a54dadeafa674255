"""Featured hashtags (posts/featured_tags.py): one's own, another account's, suggestions, and
featuring a hashtag by name from its Tag."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api.auth import me, optional, required, viewer
from api.params import Params
from api.serializers.tags import featured_tag_entities, tag_entities, tag_entity
from api.views.common import account_or_404, parse_id
from posts.featured_tags import do_feature_hashtag, do_unfeature_hashtag, featured_of, suggested_hashtags
from posts.models import FeaturedHashtag, Hashtag
from timelines.hashtags import check_hashtag_name
from tribune.lib.errors import NotFound

router = Router(tags=["featured_tags"])


@router.get("/v1/featured_tags", auth=required("read:accounts"))
def my_featured_tags(request: HttpRequest) -> list[dict[str, Any]]:
    account = me(request)
    return featured_tag_entities(account, featured_of(account))


@router.get("/v1/featured_tags/suggestions", auth=required("read:accounts"))
def suggestions(request: HttpRequest) -> list[dict[str, Any]]:
    account = me(request)
    return tag_entities(account, suggested_hashtags(account))


@router.post("/v1/featured_tags", auth=required("write:accounts"))
def feature(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    featured = do_feature_hashtag(account, Params(request).text("name") or "")
    return featured_tag_entities(account, [featured])[0]


@router.delete("/v1/featured_tags/{id}", auth=required("write:accounts"))
def unfeature(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    featured = FeaturedHashtag.objects.filter(account=account, pk=parse_id(id)).select_related("hashtag").first()
    if featured is None:
        raise NotFound("Record not found")
    do_unfeature_hashtag(account, featured.hashtag)
    return {}


@router.get("/v1/accounts/{id}/featured_tags", auth=optional("read:accounts"))
def featured_tags_of(request: HttpRequest, id: str) -> list[dict[str, Any]]:
    account = account_or_404(viewer(request), id)
    return featured_tag_entities(account, featured_of(account))


@router.post("/v1/tags/{name}/feature", auth=required("write:accounts"))
def feature_tag(request: HttpRequest, name: str) -> dict[str, Any]:
    account = me(request)
    return tag_entity(account, do_feature_hashtag(account, name).hashtag)


@router.post("/v1/tags/{name}/unfeature", auth=required("write:accounts"))
def unfeature_tag(request: HttpRequest, name: str) -> dict[str, Any]:
    account = me(request)
    hashtag = Hashtag.objects.filter(name=check_hashtag_name(name)).first()
    if hashtag is None:
        raise NotFound("Record not found")
    do_unfeature_hashtag(account, hashtag)
    return tag_entity(account, hashtag)
