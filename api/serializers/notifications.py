"""Notification entities. Tribune's `reply` is Mastodon's `mention`; the rest keep their names."""

from typing import Any

from accounts.models import Account
from api.serializers.accounts import account_entity
from api.serializers.common import iso
from api.serializers.statuses import StatusRenderer
from notifications.models import Notification
from posts.access import visible_among

TO_MASTODON = {"reply": "mention", "moderation_warning": "moderation_warning"}
MASTODON_TYPES = [
    "mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update",
    "admin.sign_up", "admin.report", "quote", "quoted_update", "severed_relationships", "moderation_warning",
]  # fmt: skip


def mastodon_type(kind: str) -> str:
    return TO_MASTODON.get(kind, kind)


def tribune_types(kinds: list[str]) -> set[str]:
    out = set()
    for kind in kinds:
        out.add(kind)
        if kind == "mention":
            out.add("reply")
    return out


def notifications(viewer: Account, items: list[Notification]) -> list[dict[str, Any]]:
    """Posts the viewer may no longer see are left out of the notification (or the notification is)."""
    post_ids = {n.post_id for n in items if n.post_id}
    posts = {p.pk: p for p in visible_among(viewer, post_ids)}
    renderer = StatusRenderer(viewer, list(posts.values()))
    out = []
    for n in items:
        if n.post_id and n.post_id not in posts:
            continue
        kind = mastodon_type(n.type)
        data: dict[str, Any] = {
            "id": str(n.pk),
            "type": kind,
            "created_at": iso(n.created_at),
            "group_key": f"ungrouped-{n.pk}",
            "account": account_entity(n.actor),
        }
        if n.post_id:
            data["status"] = renderer.render(posts[n.post_id])
        if kind == "moderation_warning":
            data["moderation_warning"] = {"id": str(n.pk), "action": "none", "text": n.text, "status_ids": None}
        out.append(data)
    return out
