"""The one prioritised review queue: priority, opening items, atomic claims.

An item's `priority` is how many hours earlier than its arrival it is treated;
its `rank` (arrival in epoch seconds minus that boost) orders the queue, so a
trusted flagger's item comes before anything else and an old ordinary item
eventually overtakes a newer, slightly worse one.
"""

import math
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Account, User
from moderation.models import QueueItem, Source
from moderation.risk import account_risk
from posts.models import Post

CLAIM_MINUTES = 10
# Hours of head start per signal.
SOURCE_BOOST = {Source.TRUSTED_FLAGGER: 24 * 365 * 10, Source.REMOTE: 2.0, Source.PERSON: 2.0, Source.AUTOMATED: 0.0}
URGENT_BOOST = 72.0
SCORE_BOOST = 48.0  # times the highest category score
REACH_BOOST = 4.0  # times log10(1 + followers + 10 * echoes)
RISK_BOOST = 12.0  # times the account risk (0..1)
REPORTS_BOOST = 6.0  # times log2(1 + reports)


def compute_priority(item: QueueItem, *, author: Account, post: Post | None) -> float:
    top_score = max((float(v) for v in (item.scores or {}).values()), default=0.0)
    echoes = post.reblogs_count + post.quotes_count if post is not None else 0
    boost = SOURCE_BOOST.get(Source(item.source), 0.0)
    boost += URGENT_BOOST if item.urgent else 0.0
    boost += SCORE_BOOST * top_score
    boost += REACH_BOOST * math.log10(1 + author.followers_count + 10 * echoes)
    boost += RISK_BOOST * account_risk(author)
    boost += REPORTS_BOOST * math.log2(1 + item.reports_count)
    boost += 24.0 if item.escalated else 0.0
    return round(boost, 3)


def refresh_priority(item: QueueItem) -> None:
    """Recompute priority and rank in place (caller saves)."""
    item.priority = compute_priority(item, author=item.account, post=item.post)
    arrived = item.created_at or timezone.now()
    item.rank = arrived.timestamp() - item.priority * 3600


def open_item(
    *,
    account: Account,
    post: Post | None,
    category: str,
    source: str,
    reason: str,
    scores: dict[str, float] | None = None,
    urgent: bool = False,
    reports: int = 0,
    kind: str = QueueItem.Kind.POST,
) -> QueueItem:
    """The open item for this post (or account), created or strengthened. Caller holds the transaction."""
    existing = QueueItem.objects.filter(state=QueueItem.State.OPEN, kind=kind, account=account)
    existing = existing.filter(post=post) if post is not None else existing.filter(post__isnull=True)
    item = existing.select_for_update().first()
    if item is None:
        item = QueueItem(
            kind=kind, account=account, post=post, category=category, source=source, reason=reason, scores=scores or {}
        )
        item.created_at = timezone.now()
    else:
        if SOURCE_BOOST.get(Source(source), 0) > SOURCE_BOOST.get(Source(item.source), 0):
            item.source = source
        if scores:
            item.scores = {k: max(float(v), float(item.scores.get(k, 0.0))) for k, v in scores.items()}
        if reason and reason not in item.reason:
            item.reason = (item.reason + "\n" + reason).strip()
        if item.category == "other":
            item.category = category
    item.urgent = item.urgent or urgent
    item.reports_count += reports
    refresh_priority(item)
    item.save()
    return item


def open_queue() -> QuerySet[QueueItem]:
    return QueueItem.objects.filter(state=QueueItem.State.OPEN).order_by("rank", "id")


def is_moderator(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and (user.is_moderator or user.is_staff))


def claim(item_id: int, user: User) -> bool:
    """Claim one item for `user` for CLAIM_MINUTES. Atomic (one conditional UPDATE),
    so two moderators never hold the same item; an expired claim can be taken over."""
    now = timezone.now()
    taken = (
        QueueItem.objects.filter(pk=item_id, state=QueueItem.State.OPEN)
        .filter(Q(claimed_by__isnull=True) | Q(claim_expires_at__lt=now) | Q(claimed_by=user))
        .update(claimed_by=user, claim_expires_at=now + timedelta(minutes=CLAIM_MINUTES))
    )
    return taken == 1


def claim_next(user: User, *, limit: int = 50) -> QueueItem | None:
    """The highest-ranked item nobody else holds, claimed for `user`."""
    now = timezone.now()
    mine = open_queue().filter(claimed_by=user, claim_expires_at__gte=now).first()
    if mine is not None:
        return mine
    candidates = open_queue().filter(Q(claimed_by__isnull=True) | Q(claim_expires_at__lt=now))
    for item_id in candidates.values_list("id", flat=True)[:limit]:
        if claim(item_id, user):
            return QueueItem.objects.select_related("post", "account").get(pk=item_id)
    return None


def release(item_id: int, user: User) -> None:
    QueueItem.objects.filter(pk=item_id, claimed_by=user).update(claimed_by=None, claim_expires_at=None)
