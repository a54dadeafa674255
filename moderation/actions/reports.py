"""Reports from people and remote servers: stored, queued, audited; the reporter learns the outcome."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account
from moderation.audit import record
from moderation.models import AuditEntry, Category, QueueItem, Report, Source
from moderation.queue import open_item
from posts.models import Post
from tribune.lib.errors import ActionError

MAX_COMMENT = 1000
MAX_POSTS = 20
# Mastodon's report categories, mapped to ours.
CATEGORY_ALIASES = {"legal": Category.ILLEGAL, "violation": Category.OTHER, "threat": Category.VIOLENCE}
URGENT_CATEGORIES = {Category.VIOLENCE, Category.INCITEMENT, Category.ILLEGAL}


def check_report_category(category: str) -> str:
    value = CATEGORY_ALIASES.get((category or "").strip().lower(), (category or "").strip().lower())
    if value not in Category.values:
        raise ActionError(_("Unknown report category."), field="category")
    return value


def check_report(
    reporter: Account | None, *, target: Account, posts: Sequence[Post], category: str, comment: str, source: str
) -> str:
    category = check_report_category(category)
    if source not in Source.values:
        raise ActionError(_("Unknown report source."), field="source")
    if reporter is not None and reporter.pk == target.pk:
        raise ActionError(_("You cannot report yourself."), field="account_id")
    if len(comment or "") > MAX_COMMENT:
        raise ActionError(_("A report comment has at most %(max)d characters.") % {"max": MAX_COMMENT}, field="comment")
    if len(posts) > MAX_POSTS:
        raise ActionError(_("A report lists at most %(max)d posts.") % {"max": MAX_POSTS}, field="status_ids")
    if any(p.author_id != target.pk for p in posts):
        raise ActionError(_("The reported posts must be by the reported account."), field="status_ids")
    return category


@transaction.atomic
def do_create_report(
    reporter: Account | None,
    *,
    target: Account,
    posts: Sequence[Post] = (),
    category: str,
    comment: str = "",
    forward: bool = False,
    source: str = "person",
) -> Report:
    """Store a report and put what it names in the queue (one item per post, or one for the account).

    The caller checked that the reporter may see the posts (posts.access)."""
    category = check_report(reporter, target=target, posts=posts, category=category, comment=comment, source=source)
    report = Report.objects.create(
        reporter=reporter, target=target, category=category, comment=comment or "", forward=forward, source=source
    )
    if posts:
        report.posts.set(posts)
    urgent = category in URGENT_CATEGORIES
    # Stored in English, whoever reported: the moderators' pages translate it (reason_text).
    reason = f"Reported for {Category(category).label}"
    if comment:
        reason += f": {comment[:200]}"
    items = [
        open_item(account=target, post=post, category=category, source=source, reason=reason, urgent=urgent, reports=1)
        for post in posts
    ] or [
        open_item(
            account=target,
            post=None,
            category=category,
            source=source,
            reason=reason,
            urgent=urgent,
            reports=1,
            kind=QueueItem.Kind.ACCOUNT,
        )
    ]
    report.queue_item = items[0]
    report.save(update_fields=["queue_item"])
    user = reporter.user if reporter is not None and reporter.is_local else None
    record(
        AuditEntry.Action.REPORT,
        acting_user=user,
        acting_label="" if user else f"{source}:{reporter.acct if reporter else 'anonymous'}",
        account=target,
        post=posts[0] if posts else None,
        queue_item=items[0],
        category=category,
        reason=comment[:500],
        details={"report_id": report.pk, "post_ids": [p.pk for p in posts], "forward": forward},
    )
    if forward and not target.is_local:
        from federation.hooks import report_forwarded

        report_id = report.pk
        transaction.on_commit(lambda: report_forwarded(report_id))
    return report


def tell_reporters(item: QueueItem, outcome: str, text: str) -> None:
    """Close the reports behind a decided item and tell each reporter the outcome (`text`, untranslated:
    each reporter reads it in their language), after commit."""
    from moderation.notices import tell
    from notifications.actions import do_notify
    from notifications.models import Notification

    reports = list(Report.objects.filter(queue_item=item, resolved_at__isnull=True).select_related("reporter"))
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(resolved_at=timezone.now(), outcome=outcome)
    for report in reports:
        if report.reporter is None or not report.reporter.is_local:
            continue
        recipient_id, actor_id = report.reporter_id, report.reporter_id
        post_id = item.post_id
        message = tell(report.reporter, text)
        transaction.on_commit(
            lambda r=recipient_id, a=actor_id, p=post_id, m=message: do_notify(  # type: ignore[misc]  # defaults bind loop values
                r, a, Notification.Type.MODERATION, p, text=m
            )
        )
