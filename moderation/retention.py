"""Erasing what suspended accounts wrote once the retention period is over.

A suspension is reversible for SUSPENDED_DATA_KEPT_DAYS (30): nothing is lost
if an appeal or a moderator lifts it. After that, the account's posts, edits,
media and profile are erased and the account is closed, as if it had deleted
itself; the rows of its posts stay as empty tombstones so that reports and the
audit log keep pointing at something. Workers run this in their periodic sweep.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Account
from moderation import config
from moderation.audit import record
from moderation.models import AuditEntry
from posts.models import MediaAttachment, ModerationState, Post, PostEdit

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


def do_erase_media_of_gone_posts(now: datetime | None = None, *, post_id: int | None = None) -> int:
    """Erase the files of deleted and removed posts' images once nobody may need them: at once for
    a post its author deleted that no moderation decision or report concerns, else
    GONE_POST_MEDIA_KEPT_DAYS after the last decision about the post (and after its deletion).
    The rows stay, without files, for reports and the audit log. Idempotent; `post_id`: that
    post's only (run when an author deletes a post). Returns how many images were erased."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=config.GONE_POST_MEDIA_KEPT_DAYS)
    about_post = AuditEntry.objects.filter(target_post_id=OuterRef("post_id"))
    gone = (
        MediaAttachment.objects.filter(post__isnull=False)
        .exclude(file="", thumbnail="")
        .filter(Q(post__deleted_at__isnull=False) | Q(post__moderation_state=ModerationState.REMOVED))
        .exclude(Exists(about_post.filter(created_at__gte=cutoff)))
        .filter(~Exists(about_post) | Q(post__deleted_at__isnull=True) | Q(post__deleted_at__lt=cutoff))
    )
    if post_id is not None:
        gone = gone.filter(post_id=post_id)
    erased = 0
    for media in gone.only("pk", "file", "thumbnail", "post_id"):
        media.file.delete(save=False)
        media.thumbnail.delete(save=False)
        MediaAttachment.objects.filter(pk=media.pk).update(file="", thumbnail="", width=None, height=None)
        erased += 1
    return erased
