"""The search page: people, hashtags and posts (the search app decides what matches)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from timelines.feeds import hashtag_feed
from tribune.lib.pagination import Page
from web.views.common import decorate, viewer_of, web_view

# The page says "posts"; the search app, like the Mastodon API, says "statuses".
KINDS = {"accounts": "accounts", "hashtags": "hashtags", "posts": "statuses"}


@web_view
def search(request: HttpRequest) -> HttpResponse:
    from search.queries import search as run_search

    viewer = viewer_of(request)
    q = request.GET.get("q", "").strip()[:200]
    kind = KINDS.get(request.GET.get("type", ""))
    results = run_search(viewer, q, kind=kind, limit=20, resolve=True) if q else None
    posts = results.posts if results else []
    tag = None
    if results and results.hashtags and q.startswith("#") and kind in (None, "statuses"):
        # A hashtag search shows the posts of the hashtag it found first (the exact name, else the closest).
        tag = results.hashtags[0]
        posts = hashtag_feed(viewer, tag.name, Page(limit=20))
    context = {
        "q": q,
        "kind": kind,
        "results": results,
        "tag": tag,
        "items": decorate(viewer, posts),
        "title": _("Search"),
    }
    return render(request, "web/search.html", context)
