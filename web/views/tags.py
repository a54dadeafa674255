"""Followed hashtags: the follow button of a hashtag's page, and the page of the hashtags one follows.

Following goes through timelines.hashtags, the actions the API's /api/v1/tags/:name/follow uses."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Account
from timelines.hashtags import check_hashtag_name, do_follow_hashtag, do_unfollow_hashtag
from timelines.models import FollowedHashtag
from tribune.lib.errors import ActionError
from tribune.lib.pagination import Page, paginate
from web.views.common import back, is_htmx, login_view


def follow_state(viewer: Account | None, name: str) -> bool | None:
    """Whether the viewer follows the hashtag; None where there is no button to show (signed out,
    or a name no hashtag can have)."""
    try:
        name = check_hashtag_name(name)
    except ActionError:
        return None
    if viewer is None:
        return None
    return FollowedHashtag.objects.filter(account=viewer, hashtag__name=name).exists()


@require_POST
@login_view
def follow(request: HttpRequest, name: str, action: str) -> HttpResponse:
    """Follow (`follow`) or unfollow (`unfollow`) a hashtag; both are idempotent."""
    account = request.user.account  # type: ignore[union-attr]  # login_view
    name = check_hashtag_name(name)
    if action == "follow":
        do_follow_hashtag(account, name)
    else:
        do_unfollow_hashtag(account, name)
    if is_htmx(request):
        context = {"hashtag": name, "following_tag": action == "follow", "next": request.POST.get("next", "")}
        return render(request, "web/_tag_follow.html", context)
    return back(request, reverse("web:tag", kwargs={"name": name}))


@login_view
def followed(request: HttpRequest) -> HttpResponse:
    """The hashtags the person follows, the latest followed first, each with its unfollow button."""
    account = request.user.account  # type: ignore[union-attr]  # login_view
    page = Page.from_params(request.GET, default=40, maximum=80)
    rows = paginate(FollowedHashtag.objects.filter(account=account).select_related("hashtag"), page)
    context = {
        "hashtags": [row.hashtag.name for row in rows],
        "older_id": rows[-1].pk if len(rows) >= page.limit else None,
        "title": _("Followed hashtags"),
    }
    return render(request, "web/followed_tags.html", context)
