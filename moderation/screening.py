"""The moderation hook every new or edited post passes through before anyone else sees it.

`screen_post` runs inside the transaction that stores the post and returns the
moderation state the post starts in: it scores the text (rules and the current
model), checks for re-posts of removed content, applies the policy, and when
the policy acts, opens the queue item and writes the audit entry in the same
transaction. The author is told after commit.
"""

import re

from moderation import config, neardup
from moderation.audit import record
from moderation.engine import current_scorer
from moderation.models import AuditEntry, PostScore, Source
from moderation.notices import tell_author
from moderation.policy import Decision, Outcome, decide
from moderation.queue import open_item
from moderation.risk import account_risk
from moderation.scoring import Context
from posts.models import ModerationState, Post

LINK = re.compile(r"https?://", re.IGNORECASE)


def post_text(post: Post) -> str:
    return "\n".join(t for t in (post.spoiler_text, post.text) if t)


def screen_post(post: Post, *, edited: bool = False) -> str:
    """Score the post and apply the policy; returns the post's moderation state."""
    if post.reblog_of_id is not None:
        return post.moderation_state
    text = post_text(post)
    if not text.strip():
        return post.moderation_state
    scorer = current_scorer()
    context = Context(
        is_reply=post.in_reply_to_id is not None,
        mentions=text.count("@"),
        links=len(LINK.findall(text)),
    )
    result = scorer.score(text, post.language, context)
    risk = account_risk(post.author)
    rules = {c: result.top_rule(c) or scorer.name for c in result.scores}
    decision = decide(result.scores, risk=risk, thresholds=config.thresholds(), rules=rules)
    repost_of = neardup.fingerprint_and_match(post, text)
    if repost_of is not None and decision.outcome in (Outcome.PUBLISH, Outcome.REVIEW):
        decision = Decision(
            Outcome.HOLD, "violence", 1.0, 0.0, risk, "near-duplicate of removed post", {"repost": "hold"}
        )
    PostScore.objects.update_or_create(
        post=post,
        defaults={
            "scores": result.scores,
            "matched_rules": [m.rule + (f" ({m.mitigated})" if m.mitigated else "") for m in result.matches],
            "model_version": scorer.name,
            "action": decision.outcome.value,
            "second_tier": {},  # this text is not scored by the second tier yet (an edit's neither)
        },
    )
    from moderation import second_tier

    second_tier.queue_after_commit(post.pk)
    current = post.moderation_state
    if edited and current in (ModerationState.HELD, ModerationState.REMOVED):
        # An edit never releases a held or removed post; only a moderator does.
        if decision.outcome != Outcome.PUBLISH:
            queue_post(post, decision, result.scores, repost_of)
        return current
    if decision.outcome == Outcome.PUBLISH:
        neardup.note_campaign(post)
        return ModerationState.PUBLISHED
    item = queue_post(post, decision, result.scores, repost_of)
    if decision.outcome == Outcome.REVIEW:
        neardup.note_campaign(post)
        return ModerationState.PUBLISHED
    entry = record(
        AuditEntry.Action.HOLD,
        acting_user=None,
        acting_label=f"scorer:{scorer.name}"[:100],
        post=post,
        queue_item=item,
        category=decision.category,
        reason=decision.explanation,
        policy=decision.rule,
        details={"scores": result.scores, "risk": risk, "outcome": decision.outcome.value, "edited": edited}
        | ({"repost_of": repost_of} if repost_of else {})
        # An edit that holds a published post: streams send their `delete` for it (api/views/streaming.py).
        | ({"was": current} if edited else {}),
    )
    tell_author(entry, attach_post=True)
    return ModerationState.HELD


def queue_post(  # type: ignore[no-untyped-def]
    post: Post, decision: Decision, scores: dict[str, float], repost_of: int | None = None, acting_label: str = "scorer"
):
    """Open or strengthen the post's queue item; an item for review gets its audit entry here (a hold's
    entry is written by the caller)."""
    reason = decision.explanation + (f"; re-post of removed post {repost_of}" if repost_of else "")
    if decision.rule:
        reason += f" [{decision.rule}]"
    item = open_item(
        account=post.author,
        post=post,
        category=decision.category or "other",
        source=Source.AUTOMATED,
        reason=reason,
        scores=scores,
        urgent=decision.outcome == Outcome.URGENT,
    )
    if decision.outcome == Outcome.REVIEW:
        record(
            AuditEntry.Action.QUEUE,
            acting_user=None,
            acting_label=acting_label[:100],
            post=post,
            queue_item=item,
            category=decision.category,
            reason=reason,
            policy=decision.rule,
            details={"scores": scores, "risk": decision.risk},
        )
    return item
