"""Flag: a remote server reports local accounts or posts; the report joins the moderation queue."""

import logging
from typing import Any

from accounts.models import Account
from federation.fetch import local_account_for_uri, local_post_for_uri
from federation.parse import ids_of, text_of
from federation.policy import rejects_reports
from tribune.lib.errors import ActionError, BadRequest

logger = logging.getLogger("tribune.federation")


def handle(activity: dict[str, Any], actor: Account) -> None:
    if rejects_reports(actor.domain):
        return
    targets = ids_of(activity.get("object"))
    if not targets:
        raise BadRequest("Flag names nothing")
    accounts = [a for a in (local_account_for_uri(u) for u in targets) if a is not None]
    posts = [p for p in (local_post_for_uri(u) for u in targets) if p is not None]
    if not accounts and posts:
        accounts = [posts[0].author]
    if not accounts:
        return  # nothing of ours is reported
    target = accounts[0]
    posts = [p for p in posts if p.author_id == target.pk]
    comment = text_of(activity.get("content"), 1000)
    from moderation.actions import check_report_category, do_create_report

    category = text_of(activity.get("category"), 20)
    try:
        category = check_report_category(category) if category else "other"
    except ActionError:
        category = "other"  # another server's vocabulary: still a report
    report = do_create_report(
        actor, target=target, posts=posts[:20], category=category, comment=comment, forward=False, source="remote"
    )
    logger.info("report %s from %s about %s", report.pk, actor.uri, target.acct)
