"""Lists: the person's lists, a list's timeline, and the list's editor (title, replies policy,
exclusive, members among the accounts they follow).

Every change goes through timelines.lists, the actions the API's lists use; a list is always
read through `access_list`, so another person's list, like an unknown id, is not found (404)."""

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import access_account, active_accounts, following_of
from timelines.lists import (
    access_list,
    do_add_list_members,
    do_create_list,
    do_delete_list,
    do_remove_list_members,
    do_update_list,
    list_feed,
)
from timelines.models import List, ListMember
from tribune.lib.errors import ActionError
from tribune.lib.pagination import Page, paginate
from web.views.common import back, is_htmx, list_context, login_view, owner_of, record_id
from web.views.feeds import one_per_original

SEARCH_MAX = 100  # characters of a search among the accounts one follows


def _form(request: HttpRequest, error: ActionError | None, found: List | None = None) -> dict[str, Any]:
    """What the list's fields show: what was typed after an error, else the list's values."""
    if error is not None:
        p = request.POST
        return {"title": p.get("title", ""), "replies_policy": p.get("replies_policy"), "exclusive": "exclusive" in p}
    if found is not None:
        return {"title": found.title, "replies_policy": found.replies_policy, "exclusive": found.exclusive}
    return {"title": "", "replies_policy": List.RepliesPolicy.LIST, "exclusive": False}


def _index(request: HttpRequest, error: ActionError | None = None) -> HttpResponse:
    owned = (
        List.objects.filter(account=owner_of(request))
        .annotate(size=Count("members", filter=Q(members__account__in=active_accounts())))
        .order_by(Lower("title"), "id")
    )
    context = {"lists": owned, "error": error, "form": _form(request, error), "title": _("Lists")}
    return render(request, "web/lists.html", context, status=error.status if error else 200)


@login_view
def lists(request: HttpRequest) -> HttpResponse:
    """The person's lists, and (POST) a new one, whose editor opens next to add its members."""
    if request.method != "POST":
        return _index(request)
    p = request.POST
    try:
        found = do_create_list(
            owner_of(request),
            p.get("title", ""),
            replies_policy=p.get("replies_policy") or List.RepliesPolicy.LIST,
            exclusive=p.get("exclusive") == "on",
        )
    except ActionError as e:
        return _index(request, e)
    messages.success(request, _("List created. Add people you follow to it."))
    return redirect("web:list_edit", list_id=found.pk)


@login_view
def timeline(request: HttpRequest, list_id: str) -> HttpResponse:
    """The list's timeline, read as the API reads it (timelines.lists.list_feed), paged as home is."""
    owner = owner_of(request)
    found = access_list(owner, record_id(list_id))
    page = Page.from_params(request.GET)
    posts = list_feed(owner, found, page)
    context = {
        "title": found.title,
        "list": found,
        "has_members": ListMember.objects.filter(list=found).exists(),
        **list_context(owner, one_per_original(posts), page),
        # the page pages on from the last post read, before one_per_original thinned it
        "older_id": posts[-1].pk if len(posts) >= page.limit else None,
    }
    return render(request, "web/list.html", context)


def _editor(request: HttpRequest, found: List, error: ActionError | None = None) -> HttpResponse:
    owner = owner_of(request)
    members = [
        m.account
        for m in ListMember.objects.filter(list=found, account__in=active_accounts())
        .select_related("account")
        .order_by(Lower("account__username"), "account__domain")
    ]
    query = request.GET.get("q", "").strip()[:SEARCH_MAX]
    followed = following_of(owner).exclude(pk__in=ListMember.objects.filter(list=found).values("account_id"))
    if query:
        followed = followed.filter(Q(username__icontains=query) | Q(display_name__icontains=query))
    page = Page.from_params(request.GET, default=40, maximum=80)
    candidates = paginate(followed, page)
    context: dict[str, Any] = {
        "list": found,
        "members": members,
        "candidates": candidates,
        "q": query,
        "older_id": candidates[-1].pk if len(candidates) >= page.limit else None,
        "error": error,
        "form": _form(request, error, found),
        "next": request.get_full_path(),
        "title": _("Edit list"),
    }
    return render(request, "web/list_edit.html", context, status=error.status if error else 200)


@login_view
def edit(request: HttpRequest, list_id: str) -> HttpResponse:
    """The list's settings and members; POST saves the title, replies policy and exclusive flag."""
    owner = owner_of(request)
    found = access_list(owner, record_id(list_id))
    if request.method != "POST":
        return _editor(request, found)
    p = request.POST
    try:
        do_update_list(
            owner,
            found,
            title=p.get("title", ""),
            replies_policy=p.get("replies_policy") or None,
            exclusive=p.get("exclusive") == "on",
        )
    except ActionError as e:  # checked before anything changed
        return _editor(request, found, e)
    messages.success(request, _("Saved."))
    return redirect("web:list_edit", list_id=found.pk)


@require_POST
@login_view
def member(request: HttpRequest, list_id: str, action: str) -> HttpResponse:
    """Add (`add`) one of the accounts the person follows to the list, or remove (`remove`) a member."""
    owner = owner_of(request)
    found = access_list(owner, record_id(list_id))
    account = access_account(owner, record_id(request.POST.get("account_id", "")))
    if action == "add":
        do_add_list_members(owner, found, [account])
    else:
        do_remove_list_members(owner, found, [account.pk])
    if is_htmx(request):
        context = {"list": found, "a": account, "is_member": action == "add", "next": request.POST.get("next", "")}
        return render(request, "web/_list_member.html", context)
    return back(request, reverse("web:list_edit", kwargs={"list_id": found.pk}))


@require_POST
@login_view
def delete(request: HttpRequest, list_id: str) -> HttpResponse:
    owner = owner_of(request)
    found = access_list(owner, record_id(list_id))
    do_delete_list(owner, found)
    messages.success(request, _("The list “%(title)s” is deleted.") % {"title": found.title})
    return redirect("web:lists")
