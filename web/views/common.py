"""What every page shares: the viewer, htmx detection, error pages, post lists."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import Account
from posts.access import visible_among
from posts.cards import cards_by_post
from posts.models import MediaAttachment, Post, PreviewCard
from posts.viewer_state import media_by_post, viewer_state
from tribune.lib.errors import ActionError, NotFound
from tribune.lib.pagination import MAX_ID, Page

View = Callable[..., HttpResponse]


def record_id(value: str) -> int:
    """An id from the URL or a form; anything else (too large for the database included) is not found."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NotFound("Record not found") from None
    if not 0 < number < MAX_ID:
        raise NotFound("Record not found")
    return number


def owner_of(request: HttpRequest) -> Account:
    """The signed-in person's account, in a `login_view`."""
    return request.user.account  # type: ignore[union-attr]  # login_view


def viewer_of(request: HttpRequest) -> Account | None:
    user = request.user
    return user.account if user.is_authenticated else None  # type: ignore[union-attr]  # authenticated means a User


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def error_page(request: HttpRequest, message: str, status: int) -> HttpResponse:
    template = "web/_error.html" if is_htmx(request) else "web/error.html"
    response = render(request, template, {"message": message, "status": status}, status=status)
    if is_htmx(request):
        # Show the message in the page's alert area whatever element made the request.
        response.headers["HX-Retarget"] = "#alerts"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def web_view(view: View) -> View:
    """Turn ActionError (bad input, unknown ids) into a translated 4xx page, never a 500.

    The actions translate their messages when raising (the request's language is active)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ActionError as e:
            message = _("This page does not exist.") if e.status == 404 else e.message
            return error_page(request, message, e.status)

    return wrapped


def login_view(view: View) -> View:
    """A page for signed-in people only; the others go to the login page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return web_view(wrapped)


def back(request: HttpRequest, default: str) -> HttpResponse:
    """Redirect to `next` (a local path only) or to `default`, for plain (non-htmx) form posts."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@dataclass
class Item:
    """One post as a page shows it: `post` is what the feed holds (maybe an echo),
    `shown` the post whose content is displayed."""

    post: Post
    shown: Post
    media: list[MediaAttachment] = field(default_factory=list)
    quote: Post | None = None
    quote_media: list[MediaAttachment] = field(default_factory=list)
    card: PreviewCard | None = None
    upvoted: bool = False
    echoed: bool = False
    bookmarked: bool = False
    mine: bool = False
    reply_to: str = ""  # the acct of the account this post replies to


def decorate(viewer: Account | None, posts: list[Post]) -> list[Item]:
    """Posts with the viewer's button states, media and visible quotes, in a fixed
    number of queries whatever the page length."""
    if not posts:
        return []
    state = viewer_state(viewer, posts)
    media = media_by_post(posts)
    cards = cards_by_post({(p.reblog_of or p).pk for p in posts})
    quote_ids = {q for p in posts if (q := (p.reblog_of or p).quote_of_id) is not None}
    quotes = {q.pk: q for q in visible_among(viewer, quote_ids)}
    # "Replying to @name": the handles in one query (a name only, never the post replied to).
    reply_ids = {a for p in posts if (a := (p.reblog_of or p).in_reply_to_account_id) is not None}
    handles = {a.pk: a.acct for a in Account.objects.filter(pk__in=reply_ids).only("id", "username", "domain")}
    items = []
    for p in posts:
        shown = p.reblog_of or p
        items.append(
            Item(
                post=p,
                shown=shown,
                media=media.get(shown.pk, []),
                quote=quotes.get(shown.quote_of_id or 0),
                quote_media=media.get(shown.quote_of_id or 0, []),
                card=cards.get(shown.pk),
                upvoted=shown.pk in state.upvoted,
                echoed=shown.pk in state.reblogged,
                bookmarked=shown.pk in state.bookmarked,
                mine=viewer is not None and shown.author_id == viewer.pk,
                reply_to=handles.get(shown.in_reply_to_account_id or 0, ""),
            )
        )
    return items


def list_context(viewer: Account | None, posts: list[Post], page: Page) -> dict[str, Any]:
    older = posts[-1].pk if len(posts) >= page.limit else None
    return {"items": decorate(viewer, posts), "older_id": older}
