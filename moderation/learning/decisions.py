"""Moderator decisions as labelled examples (for `tribune moderation retrain`)."""

from moderation.learning.data import Example
from moderation.models import AuditEntry

VIOLENT = {"violence", "incitement"}


def decision_examples() -> list[Example]:
    """The latest human decision per post: removal for violence/incitement is violent,
    removal for hate is hateful, approval is neither."""
    latest: dict[int, AuditEntry] = {}
    entries = (
        AuditEntry.objects.filter(
            acting_user__isnull=False,
            target_post__isnull=False,
            # A dismissed report about a post is a moderator finding it fine, as an approval is.
            action__in=[AuditEntry.Action.APPROVE, AuditEntry.Action.DISMISS, AuditEntry.Action.REMOVE],
        )
        .select_related("target_post", "queue_item")
        .order_by("id")
    )
    for entry in entries:
        latest[entry.target_post_id] = entry  # type: ignore[index]  # filtered to non-null above
    out = []
    for entry in latest.values():
        post = entry.target_post
        if post is None or not (post.text or "").strip():
            continue
        category = entry.category or (entry.queue_item.category if entry.queue_item else "")
        if entry.action in (AuditEntry.Action.APPROVE, AuditEntry.Action.DISMISS):
            labels: dict[str, int | None] = {"violence": 0, "hate": 0}
        elif category in VIOLENT:
            labels = {"violence": 1, "hate": None}
        elif category == "hate":
            labels = {"violence": None, "hate": 1}
        else:
            continue
        out.append(Example(f"decision-{entry.pk}", post.text, post.language or "und", labels, "moderators"))
    return out
