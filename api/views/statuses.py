"""Statuses: posting, editing, deleting, threads, upvotes (favourites), echoes (reblogs), bookmarks."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from api import openapi as bodies
from api.actions import do_create_once, idempotent_post_id
from api.auth import caller, me, optional, required, viewer
from api.pagination import PageQuery, page_from
from api.params import Params, id_list
from api.serializers.accounts import account_entity
from api.serializers.common import iso
from api.serializers.media import media_entity
from api.serializers.scheduled import scheduled_entity
from api.serializers.statuses import StatusRenderer, status_entity, statuses
from api.views.common import paged, parse_id, post_or_404
from api.views.scheduled import scheduled_time
from posts import actions as post_actions
from posts.access import visible_among, visible_posts
from posts.models import Post, Upvote
from posts.pins import do_mute_conversation, do_pin, do_unmute_conversation, do_unpin
from posts.scheduling import do_schedule_post
from timelines.feeds import thread
from tribune.lib.errors import ActionError, NotFound
from tribune.lib.pagination import paginate

router = Router(tags=["statuses"])


def _media_descriptions(params: Params) -> dict[int, str]:
    out = {}
    for item in params.items("media_attributes"):
        if isinstance(item, dict) and "id" in item and isinstance(item.get("description"), str):
            out[parse_id(item["id"])] = item["description"]
    return out


@router.post("/v1/statuses", auth=required("write:statuses"), openapi_extra=bodies.STATUS)
def create_status(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    key = request.headers.get("Idempotency-Key", "").strip()
    if key:
        earlier = idempotent_post_id(account.pk, key)
        if earlier is not None:
            return status_entity(account, post_or_404(account, earlier))
    poll = params.mapping("poll") or None
    if params.has("poll") and poll is None and params.raw("poll") not in (None, ""):
        raise ActionError("poll must hold options and expires_in", field="poll")
    in_reply_to = quote = None
    if reply_id := params.text("in_reply_to_id"):
        in_reply_to = post_or_404(account, reply_id)
    if quote_id := (params.text("quoted_status_id") or params.text("quote_id")):
        quote = post_or_404(account, quote_id)
    user = account.user
    visibility = params.text("visibility") or (user.default_visibility if user else "public")
    sensitive = params.flag("sensitive")
    if when := params.text("scheduled_at"):
        scheduled = do_schedule_post(
            account,
            scheduled_time(when),
            params.text("status") or "",
            visibility=visibility,
            spoiler_text=params.text("spoiler_text") or "",
            sensitive=bool(sensitive if sensitive is not None else (user.default_sensitive if user else False)),
            language=params.text("language") or "",
            in_reply_to=in_reply_to,
            quote_of=quote,
            media_ids=id_list(params.items("media_ids"), "media_ids"),
            poll=poll,
            application_name=caller(request).app_name,
            application_id=caller(request).application.pk if caller(request).application else 0,
        )
        return scheduled_entity(scheduled)
    post, earlier = do_create_once(
        account.pk,
        key,
        lambda: post_actions.do_create_post(
            account,
            params.text("status") or "",
            visibility=visibility,
            spoiler_text=params.text("spoiler_text") or "",
            sensitive=bool(sensitive if sensitive is not None else (user.default_sensitive if user else False)),
            language=params.text("language") or "",
            in_reply_to=in_reply_to,
            quote_of=quote,
            media_ids=id_list(params.items("media_ids"), "media_ids"),
            poll=poll,
            application_name=caller(request).app_name,
        ),
    )
    if post is None:
        return status_entity(account, post_or_404(account, earlier))
    return status_entity(account, Post.objects.select_related("author").get(pk=post.pk))


@router.get("/v1/statuses", auth=optional("read:statuses"))
def get_many(request: HttpRequest) -> list[dict[str, Any]]:
    ids = id_list(Params(request).items("id"), "id")[:40]
    who = viewer(request)
    found = {p.pk: p for p in visible_among(who, ids)}
    return statuses(who, [found[i] for i in ids if i in found])


@router.get("/v1/statuses/{id}", auth=optional("read:statuses"))
def get_status(request: HttpRequest, id: str) -> dict[str, Any]:
    who = viewer(request)
    return status_entity(who, post_or_404(who, id))


@router.put("/v1/statuses/{id}", auth=required("write:statuses"), openapi_extra=bodies.STATUS_EDIT)
def edit_status(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    post = post_or_404(account, id)
    params = Params(request)
    media_ids = id_list(params.items("media_ids"), "media_ids") if params.has("media_ids") else None
    post_actions.do_edit_post(
        account,
        post,
        params.text("status") or "",
        spoiler_text=params.text("spoiler_text"),
        sensitive=params.flag("sensitive"),
        language=params.text("language"),
        media_ids=media_ids,
        media_descriptions=_media_descriptions(params) or None,
    )
    return status_entity(account, post_or_404(account, post.pk))


@router.delete("/v1/statuses/{id}", auth=required("write:statuses"))
def delete_status(request: HttpRequest, id: str) -> dict[str, Any]:
    """Returns the deleted status with its source `text`, so a client can redraft it."""
    account = me(request)
    post = post_or_404(account, id)
    rendered = status_entity(account, post)
    post_actions.do_delete_post(account, post)
    rendered["text"] = post.text
    return rendered


@router.get("/v1/statuses/{id}/source", auth=required("read:statuses"))
def status_source(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    post = post_or_404(account, id)
    if post.author_id != account.pk:
        raise NotFound("Record not found")
    return {"id": str(post.pk), "text": post.text, "spoiler_text": post.spoiler_text}


@router.get("/v1/statuses/{id}/history", auth=optional("read:statuses"))
def status_history(request: HttpRequest, id: str) -> list[dict[str, Any]]:
    who = viewer(request)
    post = post_or_404(who, id)
    author = account_entity(post.author)
    versions = list(post.edits.all())
    if not versions:
        current = status_entity(who, post)
        return [
            {
                "content": post.content,
                "spoiler_text": post.spoiler_text,
                "sensitive": post.sensitive,
                "created_at": iso(post.created_at),
                "account": author,
                "poll": None,
                "media_attachments": current["media_attachments"],
                "emojis": [],
            }
        ]
    media = [media_entity(m) for m in post.media.all()]
    out = []
    for version in versions:
        descriptions = version.media_descriptions or []
        attachments = [
            {**m, "description": descriptions[i] if i < len(descriptions) else m["description"]}
            for i, m in enumerate(media)
        ]
        out.append(
            {
                "content": version.content,
                "spoiler_text": version.spoiler_text,
                "sensitive": version.sensitive,
                "created_at": iso(version.created_at),
                "account": author,
                "poll": None,
                "media_attachments": attachments,
                "emojis": [],
            }
        )
    return out


@router.get("/v1/statuses/{id}/context", auth=optional("read:statuses"))
def status_context(request: HttpRequest, id: str) -> dict[str, Any]:
    who = viewer(request)
    post = post_or_404(who, id)
    if post.reblog_of_id and post.reblog_of is not None:
        post = post.reblog_of
    ancestors, descendants = thread(who, post)
    renderer = StatusRenderer(who, [*ancestors, *descendants])
    return {
        "ancestors": renderer.render_many(ancestors),
        "descendants": renderer.render_many(descendants),
    }


def _interaction(request: HttpRequest, id: str, action: Any) -> dict[str, Any]:
    account = me(request)
    post = post_or_404(account, id)
    result = action(account, post)
    return status_entity(account, post_or_404(account, result.pk))


@router.post("/v1/statuses/{id}/favourite", auth=required("write:favourites"))
def favourite(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, post_actions.do_upvote)


@router.post("/v1/statuses/{id}/unfavourite", auth=required("write:favourites"))
def unfavourite(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, post_actions.do_remove_upvote)


@router.post("/v1/statuses/{id}/bookmark", auth=required("write:bookmarks"))
def bookmark(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, post_actions.do_bookmark)


@router.post("/v1/statuses/{id}/unbookmark", auth=required("write:bookmarks"))
def unbookmark(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, post_actions.do_remove_bookmark)


@router.post("/v1/statuses/{id}/reblog", auth=required("write:statuses"), openapi_extra=bodies.REBLOG)
def reblog(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    post = post_or_404(account, id)
    visibility = Params(request).text("visibility") or "public"
    echo = post_actions.do_reblog(account, post, visibility=visibility)
    return status_entity(account, post_or_404(account, echo.pk))


@router.post("/v1/statuses/{id}/unreblog", auth=required("write:statuses"))
def unreblog(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, post_actions.do_unreblog)


@router.post("/v1/statuses/{id}/pin", auth=required("write:accounts"))
def pin(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, do_pin)


@router.post("/v1/statuses/{id}/unpin", auth=required("write:accounts"))
def unpin(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, do_unpin)


@router.post("/v1/statuses/{id}/mute", auth=required("write:mutes"))
def mute_conversation(request: HttpRequest, id: str) -> dict[str, Any]:
    """`muted` is true in this answer; other reads of the post do not compute it (they say false)."""
    rendered = _interaction(request, id, do_mute_conversation)
    rendered["muted"] = True
    return rendered


@router.post("/v1/statuses/{id}/unmute", auth=required("write:mutes"))
def unmute_conversation(request: HttpRequest, id: str) -> dict[str, Any]:
    return _interaction(request, id, do_unmute_conversation)


@router.get("/v1/statuses/{id}/favourited_by", auth=optional("read:accounts"))
def favourited_by(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict]:
    who = viewer(request)
    post = post_or_404(who, id)
    from accounts.access import active_accounts

    qs = Upvote.objects.filter(post=post, account__in=active_accounts()).select_related("account")
    rows = paginate(qs, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.account) for r in rows]


@router.get("/v1/statuses/{id}/reblogged_by", auth=optional("read:accounts"))
def reblogged_by(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict]:
    who = viewer(request)
    post = post_or_404(who, id)
    echoes = visible_posts(who).filter(reblog_of=post)
    rows = paginate(echoes, page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(r.author) for r in rows]


@router.get("/v1/statuses/{id}/quotes", auth=optional("read:statuses"))
def quotes(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict[str, Any]]:
    """The quote-echoes of a post that the reader may see, newest first."""
    who = viewer(request)
    post = post_or_404(who, id)
    rows = paginate(visible_posts(who).filter(quote_of=post), page_from(query, default=20, maximum=40))
    paged(request, response, rows)
    return statuses(who, rows)
