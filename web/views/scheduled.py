"""Scheduled posts: the person's posts waiting to be published, a new time for one, its cancellation.

Every change goes through posts.scheduling, the actions the API's scheduled statuses use; a
scheduled post is always read through `access_scheduled_post`, so another person's, like an
unknown id, is not found (404). Times are typed in UTC (accounts store no time zone) with a
native `datetime-local` field; the domain checks they are at least five minutes ahead."""

from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Account
from posts.models import ScheduledPost
from posts.scheduling import access_scheduled_post, check_schedule_time, do_cancel_scheduled_post, do_reschedule_post
from tribune.lib.errors import ActionError
from web.views.common import is_htmx, login_view, owner_of, record_id

FIELD_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends and shows


def parse_local_time(value: str) -> datetime:
    """A `datetime-local` value, read in UTC (the time zone the page names)."""
    try:
        naive = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ActionError(_("Give a date and a time."), field="scheduled_at") from None
    if timezone.is_aware(naive):
        raise ActionError(_("Give a date and a time."), field="scheduled_at")
    return naive.replace(tzinfo=UTC)


def schedule_time(account: Account, value: str) -> datetime:
    """The time typed, checked as the API checks it (at least five minutes ahead, the daily limits)."""
    return check_schedule_time(account, parse_local_time(value))


def field_value(when: datetime) -> str:
    return when.astimezone(UTC).strftime(FIELD_FORMAT)


def minimum_value() -> str:
    """The earliest time the field offers: six minutes from now, to the minute."""
    return field_value(timezone.now() + timedelta(minutes=6))


def _index(request: HttpRequest, error: ActionError | None = None, failed: ScheduledPost | None = None) -> HttpResponse:
    waiting = (
        ScheduledPost.objects.filter(account=owner_of(request))
        .annotate(attachments=Count("media"))
        .order_by("scheduled_at", "id")
    )
    rows: list[dict[str, Any]] = []
    for item in waiting:
        typed = request.POST.get("scheduled_at", "") if failed is not None and failed.pk == item.pk else None
        rows.append(
            {
                "post": item,
                "text": item.params.get("text", ""),
                "spoiler_text": item.params.get("spoiler_text", ""),
                "value": typed if typed is not None else field_value(item.scheduled_at),
                "error": error if typed is not None else None,
            }
        )
    context = {"rows": rows, "error": error, "min_value": minimum_value(), "title": _("Scheduled posts")}
    return render(request, "web/scheduled.html", context, status=error.status if error else 200)


@login_view
def scheduled(request: HttpRequest) -> HttpResponse:
    """The person's scheduled posts, soonest first."""
    return _index(request)


@require_POST
@login_view
def reschedule(request: HttpRequest, scheduled_id: str) -> HttpResponse:
    owner = owner_of(request)
    found = access_scheduled_post(owner, record_id(scheduled_id))
    try:
        do_reschedule_post(owner, found, parse_local_time(request.POST.get("scheduled_at", "")))
    except ActionError as e:
        if is_htmx(request):
            raise
        return _index(request, e, found)
    messages.success(request, _("The post will be published at the new time."))
    return redirect("web:scheduled")


@require_POST
@login_view
def cancel(request: HttpRequest, scheduled_id: str) -> HttpResponse:
    owner = owner_of(request)
    found = access_scheduled_post(owner, record_id(scheduled_id))
    do_cancel_scheduled_post(owner, found)
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, _("The scheduled post is cancelled."))
    return redirect("web:scheduled")
