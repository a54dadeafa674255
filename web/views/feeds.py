"""Feeds: local (the front page), home, hashtag, explore, bookmarks."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from posts.models import Post
from timelines.feeds import bookmarks_feed, hashtag_feed, home_feed, public_feed, trending_hashtags
from tribune.lib.pagination import Page
from web.views.common import list_context, login_view, viewer_of, web_view
from web.views.tags import follow_state

NEW_POSTS_MAX = 40  # the bar counts up to this many ("40+")


def _feed(request: HttpRequest, title: str, posts: list, page: Page, **extra: object) -> HttpResponse:
    # `older_id` in extra: the page was thinned (one_per_original) and pages on from its last read row.
    context = {"title": title, **list_context(viewer_of(request), posts, page), **extra}
    return render(request, "web/feed.html", context)


def _live(page: Page, posts: list[Post], name: str) -> dict[str, object]:
    """On a feed's first page, what the page asks for every few seconds (htmx): how many posts came since."""
    if page.max_id is not None or page.since_id is not None or page.min_id is not None:
        return {}
    return {"live_feed": name, "newest_id": posts[0].pk if posts else 0}


@web_view
def local(request: HttpRequest) -> HttpResponse:
    page = Page.from_params(request.GET)
    posts = public_feed(viewer_of(request), page, local_only=True)
    extra = _live(page, posts, "local")
    return _feed(request, _("Local"), posts, page, show_compose=request.user.is_authenticated, **extra)


@login_view
def home(request: HttpRequest) -> HttpResponse:
    page = Page.from_params(request.GET)
    posts = home_feed(request.user.account, page)  # type: ignore[union-attr]  # login_view
    older = posts[-1].pk if len(posts) >= page.limit else None
    extra = _live(page, posts, "home")
    return _feed(request, _("Home"), one_per_original(posts), page, show_compose=True, older_id=older, **extra)


@web_view
def new_posts(request: HttpRequest, feed: str) -> HttpResponse:
    """The "n new posts" bar of home or local: posts that arrived after `since_id`, the newest the
    page showed, leaving out the reader's own (already put in the page when they posted)."""
    viewer = viewer_of(request)
    page = Page(since_id=Page.from_params(request.GET).since_id or 0, limit=NEW_POSTS_MAX)
    if feed == "home":
        if viewer is None:
            return HttpResponse("")
        found = home_feed(viewer, page)
        posts = one_per_original(found)
    else:
        found = posts = public_feed(viewer, page, local_only=True)
    count = sum(1 for post in posts if viewer is None or post.author_id != viewer.pk)
    url = reverse("web:home" if feed == "home" else "web:local")
    # "40+" when the read was cut at its limit, however many of those it then left out
    return render(request, "web/_new_posts.html", {"count": count, "more": len(found) >= NEW_POSTS_MAX, "url": url})


def one_per_original(posts: list[Post]) -> list[Post]:
    """A post shows once in a page of a feed, as Mastodon's home does: one's own echo (or a second
    echo) of a post already shown is left out, and an echo shown first stands for the post."""
    seen: set[int] = set()
    kept = []
    for post in posts:
        original = post.reblog_of_id or post.pk
        if original in seen:
            continue
        seen.add(original)
        kept.append(post)
    return kept


@web_view
def tag(request: HttpRequest, name: str) -> HttpResponse:
    page = Page.from_params(request.GET)
    viewer = viewer_of(request)
    posts = hashtag_feed(viewer, name, page)
    following = follow_state(viewer, name)  # None: no follow button
    return _feed(request, f"#{name.lower()}", posts, page, hashtag=name.lower(), following_tag=following)


@web_view
def explore(request: HttpRequest) -> HttpResponse:
    page = Page.from_params(request.GET)
    posts = public_feed(viewer_of(request), page)
    return _feed(request, _("Explore"), posts, page, trends=trending_hashtags(limit=20), explore=True)


@login_view
def bookmarks(request: HttpRequest) -> HttpResponse:
    page = Page.from_params(request.GET)
    marks = bookmarks_feed(request.user.account, page)  # type: ignore[union-attr]  # login_view
    context = list_context(viewer_of(request), [m.post for m in marks], page)
    context["older_id"] = marks[-1].pk if len(marks) >= page.limit else None
    return render(request, "web/feed.html", {"title": _("Bookmarks"), **context})
