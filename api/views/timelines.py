"""Timelines (home, public, hashtag), bookmarks, favourites, markers and conversations."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from api import openapi as bodies
from api.actions import do_save_marker
from api.auth import me, optional, required, viewer
from api.home_cache import home_response
from api.models import Marker
from api.pagination import PageQuery, page_from
from api.params import Params
from api.serializers.common import iso
from api.serializers.conversations import conversations as conversation_entities
from api.serializers.statuses import statuses
from api.views.common import paged, parse_id
from posts.access import feed_filter, visible_posts
from posts.conversations import access_conversation, do_read_conversation, do_remove_conversation
from posts.models import Visibility
from timelines.feeds import (
    bookmarks_feed,
    direct_feed,
    hashtag_feed,
    home_feed,
    link_feed,
    public_feed,
    upvotes_feed,
)
from timelines.trends import trending_link
from tribune.lib.errors import NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["timelines"])


@router.get("/v1/timelines/home", auth=required("read:statuses"))
def home(request: HttpRequest, query: Query[PageQuery]) -> HttpResponse:
    """Rendered through api.home_cache: served again while nothing on the page has changed."""
    return home_response(request, me(request), page_from(query), home_feed)


@router.get("/v1/timelines/direct", auth=required("read:statuses"))
def direct(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    """Direct posts one wrote or is mentioned in (Mastodon's former direct timeline)."""
    account = me(request)
    posts = direct_feed(account, page_from(query))
    paged(request, response, posts)
    return statuses(account, posts)


class PublicQuery(PageQuery):
    local: bool = False
    remote: bool = False
    only_media: bool = False


@router.get("/v1/timelines/public", auth=optional("read:statuses"))
def public(request: HttpRequest, response: HttpResponse, query: Query[PublicQuery]) -> list[dict[str, Any]]:
    who = viewer(request)
    posts = public_feed(
        who, page_from(query), local_only=query.local, remote_only=query.remote, only_media=query.only_media
    )
    paged(request, response, posts)
    return statuses(who, posts)


@router.get("/v1/timelines/tag/{hashtag}", auth=optional("read:statuses"))
def tag(request: HttpRequest, response: HttpResponse, hashtag: str, query: Query[PublicQuery]) -> list[dict[str, Any]]:
    who = viewer(request)
    posts = hashtag_feed(who, hashtag, page_from(query), local_only=query.local)
    if query.only_media:
        posts = [p for p in posts if p.media.exists()]
    paged(request, response, posts)
    return statuses(who, posts)


class LinkQuery(PageQuery):
    url: str = ""
    local: bool = False


@router.get("/v1/timelines/link", auth=optional("read:statuses"))
def link(request: HttpRequest, response: HttpResponse, query: Query[LinkQuery]) -> list[dict[str, Any]]:
    """Public posts sharing a trending link; any other address is 404, as in Mastodon."""
    card = trending_link(query.url)
    if card is None:
        raise NotFound("Record not found")
    who = viewer(request)
    posts = link_feed(who, card.pk, page_from(query), local_only=query.local)
    paged(request, response, posts)
    return statuses(who, posts)


@router.get("/v1/bookmarks", auth=required("read:bookmarks"))
def bookmarks(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    account = me(request)
    rows = bookmarks_feed(account, page_from(query))
    paged(request, response, rows)
    return statuses(account, [r.post for r in rows])


@router.get("/v1/favourites", auth=required("read:favourites"))
def favourites(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    account = me(request)
    rows = upvotes_feed(account, page_from(query))
    paged(request, response, rows)
    return statuses(account, [r.post for r in rows])


def _marker(marker: Marker) -> dict[str, Any]:
    return {"last_read_id": str(marker.last_read_id), "version": marker.version, "updated_at": iso(marker.updated_at)}


@router.get("/v1/markers", auth=required("read:statuses"))
def get_markers(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    wanted = [t for t in Params(request).items("timeline") if t in ("home", "notifications")]
    rows = Marker.objects.filter(account_id=account.pk, timeline__in=wanted or ["home", "notifications"])
    return {m.timeline: _marker(m) for m in rows}


@router.post("/v1/markers", auth=required("write:statuses"), openapi_extra=bodies.MARKERS)
def save_markers(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    out = {}
    for timeline in ("home", "notifications"):
        section = params.mapping(timeline)
        if "last_read_id" in section:
            out[timeline] = _marker(do_save_marker(account.pk, timeline, section["last_read_id"]))
    return out


@router.get("/v1/conversations", auth=required("read:statuses"))
def conversations(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[dict[str, Any]]:
    """Direct posts the caller sent or received, one conversation per thread root, newest first."""
    account = me(request)
    qs = feed_filter(account, visible_posts(account)).filter(visibility=Visibility.DIRECT, reblog_of__isnull=True)
    posts = paginate(qs, page_from(query))
    paged(request, response, posts)
    return conversation_entities(account, posts)


@router.post("/v1/conversations/{id}/read", auth=required("write:conversations"))
def read_conversation(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    post = access_conversation(account, parse_id(id))
    do_read_conversation(account, post)
    rendered = conversation_entities(account, [post])
    if not rendered:  # removed from the list
        raise NotFound("Record not found")
    return rendered[0]


@router.delete("/v1/conversations/{id}", auth=required("write:conversations"))
def remove_conversation(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    do_remove_conversation(account, access_conversation(account, parse_id(id)))
    return {}
