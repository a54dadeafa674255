"""The Report page: a person tells the moderators about an account and some of its posts
(category, comment, the posts, and for a remote account whether to forward it to its server)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import access_account_by_handle
from moderation.actions import do_create_report
from moderation.models import Category
from moderation.templatetags.moderation_labels import CATEGORIES
from posts.access import visible_among
from timelines.feeds import profile_feed
from tribune.lib.errors import ActionError
from tribune.lib.pagination import Page
from web.views.common import login_view

# The categories a person chooses among, in the order the form lists them.
CHOICES = [
    Category.VIOLENCE,
    Category.INCITEMENT,
    Category.HATE,
    Category.HARASSMENT,
    Category.SPAM,
    Category.ILLEGAL,
    Category.OTHER,
]


def _id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 20 else None


@login_view
def report(request: HttpRequest, username: str) -> HttpResponse:
    viewer = request.user.account  # type: ignore[union-attr]  # login_view
    target = access_account_by_handle(username)
    if target.pk == viewer.pk:
        raise ActionError(_("You cannot report yourself."), status=400)
    # The posts one may attach: the account's recent posts that the reporter can see.
    recent = profile_feed(viewer, target, Page(limit=20), with_replies=True)
    candidates = [p for p in recent if p.reblog_of_id is None]
    wanted = {_id(v) for v in request.POST.getlist("posts") or request.GET.getlist("post")}
    chosen_post = [i for i in wanted if i]
    known = {p.pk for p in candidates}
    # A post linked from a feed may be older than the recent ones: add it when visible and theirs.
    extra = [p for p in visible_among(viewer, [i for i in chosen_post if i not in known]) if p.author_id == target.pk]
    candidates = extra + candidates
    error = None
    if request.method == "POST":
        posts = [p for p in candidates if p.pk in wanted]
        try:
            do_create_report(
                viewer,
                target=target,
                posts=posts,
                category=request.POST.get("category", ""),
                comment=request.POST.get("comment", "").strip(),
                forward=request.POST.get("forward") == "on" and not target.is_local,
            )
        except ActionError as e:
            error = e
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect("web:profile", username=target.acct)
    context = {
        "target": target,
        "candidates": candidates,
        "checked": wanted,
        "categories": [(c.value, CATEGORIES[c.value]) for c in CHOICES],
        "values": request.POST,
        "error": error,
        "title": _("Report %(name)s") % {"name": target.name},
    }
    return render(request, "web/report.html", context, status=error.status if error else 200)
