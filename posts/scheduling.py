"""Scheduled posts: stored with what their author sent, published by the worker when due.

`do_schedule_post` checks the post as if it were sent now (text, visibility, images) and the
time (at least five minutes ahead, as Mastodon requires; at most 300 waiting per person, 25 on
one day); `publish_due_posts` runs in the worker's sweep (ops/management/commands/worker.py)
and publishes each due post through posts.actions.do_create_post, exactly as if it were sent
then. Publishing is idempotent: the row is locked and deleted in the same transaction as the
post is created, so two workers never publish it twice.
"""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account
from posts.models import MediaAttachment, Post, ScheduledPost
from tribune.lib.errors import ActionError, NotFound

log = logging.getLogger(__name__)

MIN_DELAY = timedelta(minutes=5)
MAX_WAITING = 300
MAX_PER_DAY = 25


def check_schedule_time(account: Account, when: datetime, *, moving: ScheduledPost | None = None) -> datetime:
    if timezone.is_naive(when):
        raise ActionError(_("The scheduled time needs a time zone."), field="scheduled_at")
    if when < timezone.now() + MIN_DELAY:
        raise ActionError(_("A post can be scheduled at least 5 minutes ahead."), field="scheduled_at")
    waiting = ScheduledPost.objects.filter(account=account)
    if moving is not None:
        waiting = waiting.exclude(pk=moving.pk)
    if moving is None and waiting.count() >= MAX_WAITING:
        raise ActionError(_("At most 300 posts can wait to be published."), field="scheduled_at")
    day_start = when.replace(hour=0, minute=0, second=0, microsecond=0)
    same_day = waiting.filter(scheduled_at__gte=day_start, scheduled_at__lt=day_start + timedelta(days=1))
    if same_day.count() >= MAX_PER_DAY:
        raise ActionError(_("At most 25 posts can be scheduled on one day."), field="scheduled_at")
    return when


@transaction.atomic
def do_schedule_post(
    account: Account,
    when: datetime,
    text: str,
    *,
    visibility: str,
    spoiler_text: str = "",
    sensitive: bool = False,
    language: str = "",
    in_reply_to: Post | None = None,
    quote_of: Post | None = None,
    media_ids: Sequence[int] = (),
    poll: dict[str, Any] | None = None,
    application_name: str = "",
    application_id: int = 0,
) -> ScheduledPost:
    """Store a post to publish at `when`. The caller checked that the author may see
    `in_reply_to` and `quote_of`; the post itself is checked now, and again when published."""
    from posts.actions import check_post_input

    check_schedule_time(account, when)
    media = check_post_input(
        account, text, spoiler_text=spoiler_text, visibility=visibility, language=language, media_ids=media_ids
    )
    if any(m.post_id is not None or m.scheduled_post_id is not None for m in media):
        raise ActionError(_("This image is already attached to a post."), field="media_ids")
    if poll is not None:
        from posts.polls import check_poll

        poll = check_poll(poll, has_media=bool(media))
    scheduled = ScheduledPost.objects.create(
        account=account,
        scheduled_at=when,
        params={
            "text": text,
            "visibility": visibility,
            "spoiler_text": spoiler_text or "",
            "sensitive": bool(sensitive),
            "language": language or "",
            "in_reply_to_id": in_reply_to.pk if in_reply_to is not None else None,
            "quoted_status_id": quote_of.pk if quote_of is not None else None,
            "poll": poll,
            "media_ids": [m.pk for m in media],
            "application_name": application_name[:100],
            "application_id": application_id,
        },
    )
    for item in media:
        item.scheduled_post = scheduled
        item.save(update_fields=["scheduled_post"])
    return scheduled


def access_scheduled_post(account: Account, scheduled_id: int) -> ScheduledPost:
    found = ScheduledPost.objects.filter(account=account, pk=scheduled_id).first()
    if found is None:
        raise NotFound("Record not found")
    return found


@transaction.atomic
def do_reschedule_post(account: Account, scheduled: ScheduledPost, when: datetime) -> ScheduledPost:
    scheduled.scheduled_at = check_schedule_time(account, when, moving=scheduled)
    scheduled.save(update_fields=["scheduled_at"])
    return scheduled


@transaction.atomic
def do_cancel_scheduled_post(account: Account, scheduled: ScheduledPost) -> None:
    """Its images are released (they may be attached to another post)."""
    MediaAttachment.objects.filter(scheduled_post=scheduled).update(scheduled_post=None)
    ScheduledPost.objects.filter(pk=scheduled.pk, account=account).delete()


def do_publish_scheduled_post(scheduled_id: int) -> Post | None:
    """Publish one scheduled post now. None when it is gone (published or cancelled meanwhile),
    or when it can no longer be posted (the author was suspended, an image removed): it is then
    dropped, and the reason logged."""
    from posts.access import visible_posts
    from posts.actions import do_create_post

    with transaction.atomic():
        scheduled = ScheduledPost.objects.select_for_update().filter(pk=scheduled_id).first()
        if scheduled is None:
            return None
        author = Account.objects.get(pk=scheduled.account_id)
        params = scheduled.params
        visible = visible_posts(author)
        in_reply_to = visible.filter(pk=params.get("in_reply_to_id") or 0).first()
        quote_of = visible.filter(pk=params.get("quoted_status_id") or 0).first()
        media_ids = list(MediaAttachment.objects.filter(scheduled_post=scheduled).values_list("id", flat=True))
        order = {pk: i for i, pk in enumerate(params.get("media_ids") or [])}
        media_ids.sort(key=lambda pk: order.get(pk, len(order)))
        MediaAttachment.objects.filter(scheduled_post=scheduled).update(scheduled_post=None)
        scheduled.delete()
        try:
            with transaction.atomic():
                return do_create_post(
                    author,
                    params.get("text") or "",
                    visibility=params.get("visibility") or "public",
                    spoiler_text=params.get("spoiler_text") or "",
                    sensitive=bool(params.get("sensitive")),
                    language=params.get("language") or "",
                    in_reply_to=in_reply_to,
                    quote_of=quote_of,
                    media_ids=media_ids,
                    poll=params.get("poll"),
                    application_name=params.get("application_name") or "",
                )
        except ActionError as error:
            log.warning("scheduled post %s dropped: %s", scheduled_id, error.message)
            return None


def publish_due_posts(limit: int = 500) -> int:
    """Publish every scheduled post whose time has come (the worker's sweep calls this)."""
    due = list(
        ScheduledPost.objects.filter(scheduled_at__lte=timezone.now())
        .order_by("scheduled_at")
        .values_list("id", flat=True)[:limit]
    )
    published = 0
    for scheduled_id in due:
        if do_publish_scheduled_post(scheduled_id) is not None:
            published += 1
    return published
