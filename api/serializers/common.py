"""Small pieces shared by the entity renderers."""

from datetime import UTC, date, datetime

from django.conf import settings

# Compact JSON, as Mastodon sends it (api.app's renderer, and pages rendered ahead: api/home_cache.py).
COMPACT_JSON: dict = {"separators": (",", ":")}


def iso(value: datetime | None) -> str | None:
    """Mastodon's timestamps: UTC, milliseconds, `Z`."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def iso_date(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%d")


def tag_url(name: str) -> str:
    return f"{settings.SITE_URL}/tags/{name}"
