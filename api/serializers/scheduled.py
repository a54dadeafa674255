"""The ScheduledStatus entity."""

from typing import Any

from api.serializers.common import iso
from api.serializers.media import media_entity
from posts.models import ScheduledPost


def scheduled_entity(scheduled: ScheduledPost) -> dict[str, Any]:
    params = scheduled.params
    media = sorted(scheduled.media.all(), key=lambda m: (params.get("media_ids") or []).index(m.pk)
                   if m.pk in (params.get("media_ids") or []) else 99)  # fmt: skip
    return {
        "id": str(scheduled.pk),
        "scheduled_at": iso(scheduled.scheduled_at),
        "params": {
            "text": params.get("text") or "",
            "visibility": params.get("visibility") or "public",
            "spoiler_text": params.get("spoiler_text") or None,
            "sensitive": bool(params.get("sensitive")),
            "language": params.get("language") or None,
            "in_reply_to_id": params.get("in_reply_to_id"),
            "quoted_status_id": str(params["quoted_status_id"]) if params.get("quoted_status_id") else None,
            "media_ids": [str(m.pk) for m in media] or None,
            "poll": params.get("poll"),
            "scheduled_at": None,
            "idempotency": None,
            "application_id": int(params.get("application_id") or 0),
            "with_rate_limit": False,
        },
        "media_attachments": [media_entity(m) for m in media],
    }
