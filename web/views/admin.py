"""The staff area at /admin/: accounts, posts, instance settings (moderation has its own pages)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import two_factor
from accounts.models import Account
from posts.models import Post
from tribune.lib.errors import ActionError, Forbidden
from tribune.lib.pagination import Page, paginate
from web.actions import do_update_instance_settings
from web.instance import PRIVACY_KEY, TERMS_KEY, instance_settings, policy_text
from web.views.common import login_view


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff:
            raise Forbidden(_("This area is for administrators."))
        if two_factor.required_but_off(request.user):  # type: ignore[arg-type]  # login_view
            return two_factor.to_settings_first(request)
        return view(request, *args, **kwargs)

    return login_view(wrapped)


@staff_view
def accounts(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    qs = Account.objects.select_related("user")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q) | Q(domain__icontains=q))
    page = Page.from_params(request.GET, default=40, maximum=100)
    rows = paginate(qs, page)
    context = {
        "accounts": rows,
        "q": q,
        "older_id": rows[-1].pk if len(rows) >= page.limit else None,
        "title": _("Accounts"),
        "section": "accounts",
    }
    return render(request, "web/admin/accounts.html", context)


@staff_view
def posts(request: HttpRequest) -> HttpResponse:
    # Staff see every stored post here, with its moderation state, to find what to act on.
    page = Page.from_params(request.GET, default=40, maximum=100)
    rows = paginate(Post.objects.select_related("author").filter(reblog_of__isnull=True), page)
    context = {
        "posts": rows,
        "older_id": rows[-1].pk if len(rows) >= page.limit else None,
        "title": _("Posts"),
        "section": "posts",
    }
    return render(request, "web/admin/posts.html", context)


@staff_view
def instance(request: HttpRequest) -> HttpResponse:
    error = None
    values = instance_settings()
    form = {"name": values["name"], "description": values["description"], "rules": "\n".join(values["rules"]),
            "privacy_policy": policy_text(PRIVACY_KEY)[0], "terms": policy_text(TERMS_KEY)[0]}  # fmt: skip
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("name", "description", "rules", "privacy_policy", "terms")}
        try:
            do_update_instance_settings(
                request.user,  # type: ignore[arg-type]  # staff_view
                name=form["name"],
                description=form["description"],
                rules_text=form["rules"],
                privacy_policy=form["privacy_policy"],
                terms=form["terms"],
            )
            messages.success(request, _("Saved."))
            return redirect("web:admin_instance")
        except ActionError as e:
            error = e
    context = {"form": form, "error": error, "title": _("Instance settings"), "section": "instance"}
    return render(request, "web/admin/instance.html", context, status=error.status if error else 200)
