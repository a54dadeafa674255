"""The notifications page: reading it marks everything shown as read."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.access import pending_follow_requests
from moderation.notices import appeal_path, describe
from notifications.actions import do_mark_read
from notifications.models import Notification
from notifications.policy import MAX_REQUESTS_COUNTED, pending_requests
from posts.access import visible_among
from tribune.lib.pagination import Page, paginate
from web.views.common import login_view


def _notice(n: Notification) -> dict[str, Any] | None:
    """A moderation decision told in the reader's language, with its appeal (moderation/notices.py)."""
    entry = n.decision
    if entry is None:
        return None
    appeal = getattr(entry, "appeal", None)  # the reverse one-to-one raises when there is none
    return {**describe(entry), "appeal_url": appeal_path(entry), "appeal": appeal}


@login_view
def notifications(request: HttpRequest) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]  # login_view
    page = Page.from_params(request.GET)
    qs = Notification.objects.filter(recipient=account, dismissed=False, filtered=False).select_related(
        "actor", "decision", "decision__queue_item", "decision__appeal"
    )
    rows = paginate(qs, page)
    # The posts go through the access helper like everywhere else: one query for the page.
    post_ids = {n.post_id for n in rows if n.post_id}
    posts = {p.pk: p for p in visible_among(account, post_ids)}
    items = [{"n": n, "post": posts.get(n.post_id or 0), "unread": not n.read, "notice": _notice(n)} for n in rows]
    if rows:
        do_mark_read(account, up_to_id=rows[0].pk)
    context = {
        "items": items,
        "older_id": rows[-1].pk if len(rows) >= page.limit else None,
        "title": _("Notifications"),
        "unread_count": 0,
        "has_requests": pending_follow_requests(account).exists(),
        # the requests the notification policy filed (notifications/policy.py), counted as the API counts them
        "filtered_count": len(pending_requests(account).values_list("id", flat=True)[:MAX_REQUESTS_COUNTED]),
    }
    return render(request, "web/notifications.html", context)
