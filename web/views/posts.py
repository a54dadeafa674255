"""A post's page and thread, composing, editing, deleting, and the buttons under each post."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Account
from posts.access import access_post
from posts.actions import (
    do_bookmark,
    do_create_post,
    do_delete_post,
    do_edit_post,
    do_reblog,
    do_remove_bookmark,
    do_remove_upvote,
    do_unreblog,
    do_upvote,
)
from posts.media import do_upload_media
from posts.models import Post
from posts.scheduling import do_schedule_post
from timelines.feeds import thread
from tribune.lib.errors import ActionError, NotFound
from web.views.common import back, decorate, is_htmx, login_view, viewer_of, web_view
from web.views.scheduled import minimum_value, schedule_time


def _post_at(viewer: Account | None, username: str, post_id: str) -> Post:
    post = access_post(viewer, post_id)
    if post.author.acct.lower() != username.lower() or post.reblog_of_id:
        raise NotFound("Record not found")
    return post


@web_view
def detail(request: HttpRequest, username: str, post_id: str) -> HttpResponse:
    viewer = viewer_of(request)
    post = _post_at(viewer, username, post_id)
    ancestors, descendants = thread(viewer, post)
    items = decorate(viewer, [*ancestors, post, *descendants])
    n = len(ancestors)
    return render(
        request,
        "web/post.html",
        {
            "ancestors": items[:n],
            "focus": items[n],
            "descendants": items[n + 1 :],
            "reply_to": post,
            "title": _("Post by %(name)s") % {"name": post.author.name},
        },
    )


def _uploaded_media_ids(request: HttpRequest, author: Account) -> list[int]:
    ids = []
    for slot in range(1, 5):
        upload = request.FILES.get(f"media{slot}")
        if upload is not None:
            description = request.POST.get(f"alt{slot}", "")
            ids.append(do_upload_media(author, upload, description=description).pk)
    return ids


@require_POST
@login_view
def compose(request: HttpRequest) -> HttpResponse:
    author = request.user.account  # type: ignore[union-attr]  # login_view
    in_reply_to = quote_of = None
    if request.POST.get("in_reply_to"):
        in_reply_to = access_post(author, request.POST["in_reply_to"])
    if request.POST.get("quote_of"):
        quote_of = access_post(author, request.POST["quote_of"])
    if request.POST.get("scheduled_at", "").strip():
        return _schedule(request, author, in_reply_to, quote_of)
    post = do_create_post(
        author,
        request.POST.get("text", ""),
        spoiler_text=request.POST.get("spoiler_text", "").strip(),
        visibility=request.POST.get("visibility") or request.user.default_visibility,  # type: ignore[union-attr]
        in_reply_to=in_reply_to,
        quote_of=quote_of,
        media_ids=_uploaded_media_ids(request, author),
    )
    if is_htmx(request) and quote_of is not None:
        # The quote form has its own page: leave it for the new post, so the next post is not a quote too.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("web:post", kwargs={"username": author.username, "post_id": post.pk})
        return response
    if is_htmx(request):
        return render(request, "web/_post.html", {"item": decorate(author, [post])[0], "fresh": True})
    if in_reply_to is not None:
        return redirect("web:post", username=in_reply_to.author.acct, post_id=in_reply_to.pk)
    return redirect("web:post", username=author.username, post_id=post.pk)


def _schedule(request: HttpRequest, author: Account, in_reply_to: Post | None, quote_of: Post | None) -> HttpResponse:
    """The compose form with a time: a scheduled post (posts.scheduling, as the API), not a post.
    A bad time shows the compose page again (422) with what was typed."""
    p = request.POST
    try:
        when = schedule_time(author, p["scheduled_at"])  # checked before any image is stored
        do_schedule_post(
            author,
            when,
            p.get("text", ""),
            spoiler_text=p.get("spoiler_text", "").strip(),
            visibility=p.get("visibility") or request.user.default_visibility,  # type: ignore[union-attr]
            in_reply_to=in_reply_to,
            quote_of=quote_of,
            media_ids=_uploaded_media_ids(request, author),
        )
    except ActionError as e:
        if is_htmx(request):
            raise
        return _compose_page(request, quote_of, e)
    messages.success(request, _("Your post is scheduled."))
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("web:scheduled")
        return response
    return redirect("web:scheduled")


def _compose_page(request: HttpRequest, quote: Post | None, error: ActionError | None = None) -> HttpResponse:
    context: dict[str, Any] = {"quote": quote, "title": _("New post"), "schedule": True, "min_value": minimum_value()}
    if error is not None:
        p = request.POST
        context["error"] = error
        context["form"] = {
            "text": p.get("text", ""), "spoiler_text": p.get("spoiler_text", ""),
            "visibility": p.get("visibility", ""), "scheduled_at": p.get("scheduled_at", ""),
        }  # fmt: skip
    return render(request, "web/compose.html", context, status=error.status if error else 200)


@login_view
def compose_page(request: HttpRequest) -> HttpResponse:
    """The compose form on its own page: for quoting, scheduling, and for browsers without JavaScript."""
    viewer = viewer_of(request)
    quote = access_post(viewer, request.GET["quote"]) if request.GET.get("quote") else None
    return _compose_page(request, quote)


@login_view
def edit(request: HttpRequest, username: str, post_id: str) -> HttpResponse:
    viewer = request.user.account  # type: ignore[union-attr]  # login_view
    post = _post_at(viewer, username, post_id)
    if post.author_id != viewer.pk:
        raise NotFound("Record not found")
    error = None
    if request.method == "POST":
        descriptions = {}
        for item in post.media.all():
            if f"alt-{item.pk}" in request.POST:
                descriptions[item.pk] = request.POST[f"alt-{item.pk}"]
        try:
            do_edit_post(
                viewer,
                post,
                request.POST.get("text", ""),
                spoiler_text=request.POST.get("spoiler_text", "").strip(),
                media_descriptions=descriptions,
            )
            return redirect("web:post", username=viewer.username, post_id=post.pk)
        except ActionError as e:
            error = e
    status = error.status if error else 200
    context = {"post": post, "media": list(post.media.all()), "error": error, "title": _("Edit post")}
    return render(request, "web/edit.html", context, status=status)


@web_view
def history(request: HttpRequest, username: str, post_id: str) -> HttpResponse:
    post = _post_at(viewer_of(request), username, post_id)
    edits = list(post.edits.all().order_by("-id"))
    return render(request, "web/history.html", {"post": post, "edits": edits, "title": _("Edit history")})


@require_POST
@login_view
def delete(request: HttpRequest, username: str, post_id: str) -> HttpResponse:
    viewer = request.user.account  # type: ignore[union-attr]  # login_view
    post = _post_at(viewer, username, post_id)
    do_delete_post(viewer, post)
    if is_htmx(request):
        return HttpResponse("")
    return redirect("web:profile", username=viewer.username)


TOGGLES = {
    "upvote": (do_upvote, do_remove_upvote),
    "echo": (do_reblog, do_unreblog),
    "bookmark": (do_bookmark, do_remove_bookmark),
}


@require_POST
@login_view
def toggle(request: HttpRequest, post_id: str, action: str) -> HttpResponse:
    """Upvote, echo or bookmark (`on=1`), or undo it (`on=0`). Idempotent either way."""
    viewer = request.user.account  # type: ignore[union-attr]  # login_view
    post = access_post(viewer, post_id)
    if action not in TOGGLES:
        raise NotFound("Record not found")
    do, undo = TOGGLES[action]
    if request.POST.get("on", "1") == "1":
        do(viewer, post)
    else:
        undo(viewer, post)
    if is_htmx(request):
        item = decorate(viewer, [access_post(viewer, post.reblog_of_id or post.pk)])[0]
        return render(request, "web/_post_actions.html", {"item": item})
    original = post.reblog_of or post
    return back(request, reverse("web:post", kwargs={"username": original.author.acct, "post_id": original.pk}))
