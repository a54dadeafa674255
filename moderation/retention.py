"""Erasing what suspended accounts wrote once the retention period is over.

A suspension is reversible for SUSPENDED_DATA_KEPT_DAYS (30): nothing is lost
if an appeal or a moderator lifts it. After that, the account's posts, edits,
media and profile are erased and the account is closed, as if it had deleted
itself; the rows of its posts stay as empty tombstones so that reports and the
audit log keep pointing at something. Workers run this in their periodic sweep.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Account
from moderation import config
from moderation.audit import record
from moderation.models import AuditEntry
from posts.models import MediaAttachment, Post, PostEdit

ACTOR = "retention"


def do_purge_expired_suspensions(now: datetime | None = None) -> int:
    """Idempotent: an account is purged once (it is then marked deleted)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=config.SUSPENDED_DATA_KEPT_DAYS)
    purged = 0
    for account in Account.objects.filter(suspended_at__lt=cutoff, deleted_at__isnull=True):
        with transaction.atomic():
            media = list(MediaAttachment.objects.filter(account=account))
            for item in media:
                item.file.delete(save=False)
                item.thumbnail.delete(save=False)
            MediaAttachment.objects.filter(account=account).delete()
            PostEdit.objects.filter(post__author=account).delete()
            Post.objects.filter(author=account).update(text="", content="", spoiler_text="", deleted_at=now)
            account.avatar.delete(save=False)
            account.header.delete(save=False)
            Account.objects.filter(pk=account.pk).update(
                display_name="", bio="", bio_source="", fields=[], avatar="", header="", deleted_at=now
            )
            if account.user_id:
                user = account.user
                assert user is not None  # noqa: S101  # user_id is set
                user.is_active = False
                user.set_unusable_password()
                user.save(update_fields=["is_active", "password"])
            record(
                AuditEntry.Action.PURGE, acting_user=None, acting_label=ACTOR, account=account,
                reason=f"suspended since {account.suspended_at:%Y-%m-%d}; data kept {config.SUSPENDED_DATA_KEPT_DAYS} days",
                details={"media_files": len(media)},
            )  # fmt: skip
        purged += 1
    return purged
