"""Writing the append-only audit log. Callers are inside the transaction of the change."""

from typing import Any

from accounts.models import Account, User
from moderation.models import AuditEntry, QueueItem
from posts.models import Post


def record(
    action: str,
    *,
    acting_user: User | None,
    acting_label: str = "",
    account: Account | None = None,
    post: Post | None = None,
    queue_item: QueueItem | None = None,
    category: str = "",
    reason: str = "",
    policy: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. `acting_user` is the moderator; None with `acting_label` names the automated actor."""
    if acting_user is None and not acting_label:
        raise ValueError("An audit entry names who acted: a moderator or an automated actor.")
    entry = AuditEntry(
        acting_user=acting_user,
        acting_label=acting_label[:100] if acting_user is None else "",
        action=action,
        target_account=account if account is not None else (post.author if post is not None else None),
        target_post=post,
        queue_item=queue_item,
        category=category,
        reason=reason,
        policy=policy[:200],
        details=details or {},
    )
    entry.save()
    return entry
