"""Filtered notifications: the requests the notification policy files (Mastodon's policy v2), one
per sender, each with its notifications; accepting or dismissing one; and the policy's form.

Everything goes through notifications.policy, the actions the API uses; a request is always read
through `pending_requests`, so another person's request, like an unknown id, is not found (404)."""

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Account
from notifications.models import Notification, NotificationPolicy, NotificationRequest
from notifications.policy import (
    POLICY_FIELDS,
    check_policy,
    do_accept_requests,
    do_dismiss_requests,
    do_update_policy,
    pending_requests,
    policy_of,
)
from posts.access import visible_among
from tribune.lib.errors import ActionError, NotFound
from web.views.common import is_htmx, login_view, owner_of, record_id

MAX_SHOWN = 80  # requests on the page, as the API's largest page


def _field_labels() -> list[tuple[str, str]]:
    return list(
        zip(
            POLICY_FIELDS,
            (
                _("People you don’t follow"),
                _("People who don’t follow you"),
                _("New accounts (less than 30 days old)"),
                _("Private mentions from people you don’t follow"),
                _("Accounts limited by the moderators"),
            ),
            strict=True,
        )
    )


def _choices() -> list[tuple[str, str]]:
    return [("accept", _("Accept")), ("filter", _("Filter")), ("drop", _("Ignore"))]


def _request_at(account: Account, request_id: str) -> NotificationRequest:
    found = pending_requests(account).select_related("from_account").filter(pk=record_id(request_id)).first()
    if found is None:
        raise NotFound("Record not found")
    return found


def _index(request: HttpRequest, error: ActionError | None = None) -> HttpResponse:
    owner = owner_of(request)
    rows = list(pending_requests(owner).select_related("from_account").order_by("-updated_at", "-id")[:MAX_SHOWN])
    senders = [r.from_account_id for r in rows]
    filtered = Notification.objects.filter(recipient=owner, filtered=True, dismissed=False, actor_id__in=senders)
    counts = dict(filtered.values("actor_id").annotate(n=Count("id")).values_list("actor_id", "n"))
    posts = {p.pk: p for p in visible_among(owner, {r.last_post_id for r in rows if r.last_post_id})}
    items = [
        {"request": r, "count": counts.get(r.from_account_id, 0), "post": posts.get(r.last_post_id or 0)} for r in rows
    ]
    policy = policy_of(owner)
    chosen = {f: request.POST.get(f, "") if error else getattr(policy, f) for f in POLICY_FIELDS}
    context = {
        "items": items,
        "fields": [(field, label, chosen[field]) for field, label in _field_labels()],
        "choices": _choices(),
        "error": error,
        "title": _("Filtered notifications"),
    }
    return render(request, "web/notification_requests.html", context, status=error.status if error else 200)


@login_view
def requests(request: HttpRequest) -> HttpResponse:
    """The pending requests, newest first, and the policy's form."""
    return _index(request)


@require_POST
@login_view
def policy(request: HttpRequest) -> HttpResponse:
    """Save the policy through the API's action; a value other than the three offered is a 422."""
    changes: dict[str, Any] = {}
    try:
        for field in POLICY_FIELDS:
            value = request.POST.get(field, "")
            if value not in NotificationPolicy.Action.values:
                raise ActionError(_("Choose accept, filter or ignore for each kind of sender."), field=field)
            changes[field] = value
        do_update_policy(owner_of(request), check_policy(changes))
    except ActionError as e:
        return _index(request, e)
    messages.success(request, _("Saved."))
    return redirect("web:notification_requests")


@login_view
def detail(request: HttpRequest, request_id: str) -> HttpResponse:
    """A request's notifications, newest first (they are not marked read: they are not in the list yet)."""
    owner = owner_of(request)
    found = _request_at(owner, request_id)
    rows = list(
        Notification.objects.filter(recipient=owner, actor=found.from_account, filtered=True, dismissed=False)
        .select_related("actor")
        .order_by("-id")[:MAX_SHOWN]
    )
    posts = {p.pk: p for p in visible_among(owner, {n.post_id for n in rows if n.post_id})}
    items = [{"n": n, "post": posts.get(n.post_id or 0), "unread": False} for n in rows]
    context = {
        "found": found,
        "items": items,
        "title": _("Notifications from %(name)s") % {"name": found.from_account.name},
    }
    return render(request, "web/notification_request.html", context)


@require_POST
@login_view
def answer(request: HttpRequest, request_id: str, action: str) -> HttpResponse:
    """Accept (the notifications join the list, the sender's later ones are accepted) or dismiss
    (they are deleted) one request."""
    owner = owner_of(request)
    found = _request_at(owner, request_id)
    if action == "accept":
        do_accept_requests(owner, [found.pk])
        message = _("Accepted: the notifications from %(name)s are in your notifications.")
    else:
        do_dismiss_requests(owner, [found.pk])
        message = _("Dismissed: the notifications from %(name)s are deleted.")
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, message % {"name": found.from_account.name})
    return redirect("web:notification_requests")
