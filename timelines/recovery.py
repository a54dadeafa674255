"""Picking up delivery work a crashed worker left unfinished.

`deliver_post` is idempotent and stamps `Post.delivered_at` when done, so a
published post without the stamp some time after creation was lost with its
worker (or its queue): enqueueing it again finishes the job. Workers run this
sweep periodically (ops/management/commands/worker.py).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from posts.models import ModerationState, Post

log = logging.getLogger(__name__)

HORIZON = timedelta(days=2)


def requeue_stalled_deliveries(*, older_than: timedelta | None = None, limit: int = 1000) -> int:
    """Requeue published posts left undelivered `older_than` after creation
    (RECOVERY_GRACE_SECONDS by default: longer than a delivery takes when workers keep up)."""
    from timelines.tasks import deliver_post

    if older_than is None:
        older_than = timedelta(seconds=settings.RECOVERY_GRACE_SECONDS)
    now = timezone.now()
    stalled = list(
        Post.objects.filter(
            moderation_state=ModerationState.PUBLISHED,
            deleted_at__isnull=True,
            delivered_at__isnull=True,
            created_at__lt=now - older_than,
            created_at__gt=now - HORIZON,
        )
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for post_id in stalled:
        deliver_post.enqueue(post_id)
    if stalled:
        log.info("requeued delivery of %d posts left unfinished", len(stalled))
    return len(stalled)
