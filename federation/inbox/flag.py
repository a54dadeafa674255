"""Flag: a remote server reports local accounts or posts; the report joins the moderation queue."""

import logging
from typing import Any

from accounts.models import Account
from federation.fetch import local_account_for_uri, local_post_for_uri
from federation.parse import ids_of, text_of
from federation.policy import rejects_reports
from tribune.lib.errors import BadRequest

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
    try:
        from moderation.actions import do_create_report  # type: ignore[attr-defined]  # provided by moderation
    except ImportError:
        logger.warning("report from %s about %s not stored: no report intake", actor.uri, target.acct)
        return
    do_create_report(
        actor, target=target, posts=posts, category="other", comment=comment, forward=False, source="remote"
    )
