"""Trusted flaggers (hosting provider, authorities, partner organisations): tokens and batches.

A batch hides every listed post at once (held pending review, out of every
feed) and queues it at the top; the receipt lists each item's state."""

import hashlib
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from moderation.actions.common import check_moderator
from moderation.actions.reports import check_report_category
from moderation.audit import record
from moderation.models import AuditEntry, Category, FlagBatch, FlaggerToken, FlagItem, Source
from moderation.queue import open_item
from posts.counts import recount
from posts.models import ModerationState, Post
from tribune.lib.errors import ActionError

MAX_ITEMS = 500
MAX_REASON = 2000
LOCAL_PATHS = (re.compile(r"^/@[\w.]+/(\d+)/?$"), re.compile(r"^/users/[\w.]+/statuses/(\d+)/?$"))


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def do_create_flagger_token(name: str, *, acting_user: User) -> tuple[FlaggerToken, str]:
    """A new token; the plain value is returned once and only its hash is stored."""
    check_moderator(acting_user)
    if not acting_user.is_staff:
        raise ActionError(_("Only administrators manage trusted flaggers."), status=403)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ActionError(_("A trusted flagger needs a name of at most 100 characters."), field="name")
    raw = "tf_" + secrets.token_urlsafe(32)
    token = FlaggerToken.objects.create(name=name, token_hash=hash_token(raw), created_by=acting_user)
    record(AuditEntry.Action.RULES_CHANGED, acting_user=acting_user, reason=f"trusted flagger token created: {name}",
           details={"flagger_token_id": token.pk})  # fmt: skip
    return token, raw


@transaction.atomic
def do_revoke_flagger_token(token: FlaggerToken, *, acting_user: User) -> None:
    check_moderator(acting_user)
    if not acting_user.is_staff:
        raise ActionError(_("Only administrators manage trusted flaggers."), status=403)
    FlaggerToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    record(AuditEntry.Action.RULES_CHANGED, acting_user=acting_user,
           reason=f"trusted flagger token revoked: {token.name}", details={"flagger_token_id": token.pk})  # fmt: skip


def authenticate_flagger(raw: str) -> FlaggerToken | None:
    if not raw or len(raw) > 200:
        return None
    token = FlaggerToken.objects.filter(token_hash=hash_token(raw), revoked_at__isnull=True).first()
    if token is not None:
        FlaggerToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def resolve_reference(reference: str) -> Post | None:
    """A post from its id, its local URL, or its ActivityPub id / URL."""
    ref = reference.strip()
    if ref.isdigit():
        return Post.objects.filter(pk=int(ref)).first() if len(ref) < 20 else None
    parts = urlsplit(ref)
    if parts.scheme not in ("http", "https"):
        return None
    if parts.netloc.lower() in (settings.DOMAIN.lower(), settings.DOMAIN.split(":")[0].lower()):
        for pattern in LOCAL_PATHS:
            if m := pattern.match(parts.path):
                return Post.objects.filter(pk=int(m.group(1))).first()
    return Post.objects.filter(uri=ref).first() or Post.objects.filter(url=ref).first()


def check_flag_batch(references: object, reason: object, category: object) -> tuple[list[str], str, str]:
    if not isinstance(references, list) or not references:
        raise ActionError(_("Give a non-empty list of post URLs or ids."), field="items")
    if len(references) > MAX_ITEMS:
        raise ActionError(_("A batch has at most %(max)d items.") % {"max": MAX_ITEMS}, field="items")
    refs = []
    for ref in references:
        if isinstance(ref, int) and not isinstance(ref, bool):
            ref = str(ref)
        if not isinstance(ref, str) or not ref.strip() or len(ref) > 2000:
            raise ActionError(_("Each item is a post URL or id."), field="items")
        refs.append(ref.strip())
    if not isinstance(reason, str) or not reason.strip():
        raise ActionError(_("A reason is required."), field="reason")
    if len(reason) > MAX_REASON:
        raise ActionError(_("A reason has at most %(max)d characters.") % {"max": MAX_REASON}, field="reason")
    cat = check_report_category(category if isinstance(category, str) else "") if category else Category.VIOLENCE
    return refs, reason.strip(), cat


@transaction.atomic
def do_flag_batch(token: FlaggerToken, references: object, reason: object, category: object = None) -> FlagBatch:
    refs, reason_text, cat = check_flag_batch(references, reason, category)
    from timelines.actions import remove_post_from_feeds

    batch = FlagBatch.objects.create(token=token, reason=reason_text, category=cat)
    label = f"trusted_flagger:{token.name}"[:100]
    for position, ref in enumerate(refs):
        post = resolve_reference(ref)
        if post is None or post.deleted_at is not None:
            FlagItem.objects.create(batch=batch, position=position, reference=ref, state=FlagItem.State.NOT_FOUND)
            continue
        post = Post.objects.select_for_update().select_related("author").get(pk=post.pk)
        if post.moderation_state == ModerationState.REMOVED:
            FlagItem.objects.create(
                batch=batch, position=position, reference=ref, post=post, state=FlagItem.State.ALREADY_REMOVED
            )
            continue
        if post.moderation_state == ModerationState.PUBLISHED:
            remove_post_from_feeds(post.pk)
            post.moderation_state = ModerationState.HELD
            post.save(update_fields=["moderation_state"])
            recount(post)
        item = open_item(
            account=post.author, post=post, category=cat, source=Source.TRUSTED_FLAGGER,
            reason=f"{token.name}: {reason_text[:300]}", urgent=True, reports=1,
        )  # fmt: skip
        record(AuditEntry.Action.FLAG, acting_user=None, acting_label=label, post=post, queue_item=item,
               category=cat, reason=reason_text[:500], policy="trusted flagger",
               details={"batch_id": batch.pk})  # fmt: skip
        FlagItem.objects.create(
            batch=batch, position=position, reference=ref, post=post, state=FlagItem.State.HIDDEN, queue_item=item
        )
    return batch
