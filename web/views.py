from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from timelines.feeds import home_feed, public_feed
from tribune.lib.pagination import Page


def _viewer(request: HttpRequest):  # type: ignore[no-untyped-def]
    return request.user.account if request.user.is_authenticated else None


def local(request: HttpRequest) -> HttpResponse:
    posts = public_feed(_viewer(request), Page.from_params(request.GET), local_only=True)
    return render(request, "web/feed.html", {"posts": posts, "title": "Local"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    posts = home_feed(request.user.account, Page.from_params(request.GET))  # type: ignore[union-attr]
    return render(request, "web/feed.html", {"posts": posts, "title": "Home"})
