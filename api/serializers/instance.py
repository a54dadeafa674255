"""Instance (v1 and v2), rules and NodeInfo: what the server tells clients about itself."""

import hashlib
from typing import Any

from django.conf import settings
from django.utils.html import linebreaks

from accounts.models import Account, InstanceSetting
from api.serializers.accounts import account_entity
from notifications.vapid import vapid_public_key
from posts.featured_tags import MAX_FEATURED
from posts.models import Post
from posts.pins import MAX_PINS
from web.instance import PRIVACY_KEY, TERMS_KEY, policy_text

VERSION = "4.5.0 (compatible; Tribune 0.1.0)"
SOFTWARE_VERSION = "0.1.0"


def _setting(key: str, default: Any) -> Any:
    row = InstanceSetting.objects.filter(key=key).first()
    return row.value if row is not None else default


def _web_settings() -> dict[str, Any]:
    """What administrators edit on the web admin page (web/instance.py)."""
    from web.instance import instance_settings

    return instance_settings()


def rules() -> list[dict[str, str]]:
    items = _setting("rules", None) or _web_settings().get("rules") or []
    if not isinstance(items, list):
        return []
    out = []
    for i, item in enumerate(items, start=1):
        text = item.get("text", "") if isinstance(item, dict) else str(item)
        hint = item.get("hint", "") if isinstance(item, dict) else ""
        out.append({"id": str(i), "text": text, "hint": hint})
    return out


def _contact() -> Account | None:
    return (
        Account.objects.filter(user__is_staff=True, domain="", deleted_at__isnull=True).order_by("created_at").first()
    )


def contact_email(contact: Account | None) -> str | None:
    """TRIBUNE_CONTACT_EMAIL, else the first administrator's address; null rather than an empty
    string when there is none (clients would offer to write to it)."""
    if settings.CONTACT_EMAIL:
        return settings.CONTACT_EMAIL
    email = contact.user.email if contact is not None and contact.user is not None else ""
    return email or None


def description() -> str:
    value = _setting("description", "") or _web_settings().get("description", "")
    return value if isinstance(value, str) else ""


def description_updated_at() -> str:
    """When the description was last edited (the Unix epoch if it never was)."""
    from datetime import UTC, datetime

    from api.serializers.common import iso

    rows = InstanceSetting.objects.filter(key__in=["description", "instance"]).order_by("-updated_at")
    when = rows.values_list("updated_at", flat=True).first() or datetime(1970, 1, 1, tzinfo=UTC)
    return iso(when) or ""


def _configuration() -> dict[str, Any]:
    return {
        "urls": {"streaming": settings.SITE_URL.replace("http", "ws", 1)},
        "accounts": {"max_featured_tags": MAX_FEATURED, "max_pinned_statuses": MAX_PINS},
        "statuses": {
            "max_characters": settings.MAX_POST_CHARS,
            "max_media_attachments": settings.MAX_MEDIA_PER_POST,
            "characters_reserved_per_url": 23,
        },
        "media_attachments": {
            "supported_mime_types": ["image/jpeg", "image/png", "image/gif", "image/webp"],
            "image_size_limit": settings.MAX_IMAGE_BYTES,
            "image_matrix_limit": settings.MAX_IMAGE_PIXELS,
            "video_size_limit": 0,
            "video_frame_rate_limit": 0,
            "video_matrix_limit": 0,
            "description_limit": 1500,
        },
        "polls": {"max_options": 0, "max_characters_per_option": 0, "min_expiration": 0, "max_expiration": 0},
        "translation": {"enabled": False},
    }


def _usage() -> dict[str, int]:
    return {
        "user_count": Account.objects.filter(domain="", user__isnull=False).count(),
        "status_count": Post.objects.filter(local=True, deleted_at__isnull=True, reblog_of__isnull=True).count(),
        "domain_count": Account.objects.exclude(domain="").values("domain").distinct().count(),
    }


def instance_v1() -> dict[str, Any]:
    contact = _contact()
    config = _configuration()
    return {
        "uri": settings.DOMAIN,
        "title": settings.INSTANCE_NAME,
        "short_description": description(),
        "description": description(),
        "email": contact_email(contact),
        "version": VERSION,
        "urls": {"streaming_api": config["urls"]["streaming"]},
        "stats": _usage(),
        "thumbnail": None,
        "languages": [code for code, _ in settings.LANGUAGES],
        "registrations": settings.REGISTRATIONS_OPEN,
        "approval_required": False,
        "invites_enabled": False,
        "configuration": {k: v for k, v in config.items() if k != "urls"},
        "contact_account": account_entity(contact) if contact else None,
        "rules": rules(),
    }


def instance_v2() -> dict[str, Any]:
    contact = _contact()
    usage = _usage()
    return {
        "domain": settings.DOMAIN,
        "title": settings.INSTANCE_NAME,
        "version": VERSION,
        "source_url": settings.SITE_URL,
        "description": description(),
        "usage": {"users": {"active_month": usage["user_count"]}},
        "thumbnail": {"url": settings.SITE_URL + "/static/web/icon.png", "blurhash": None, "versions": {}},
        "icon": [],
        "languages": [code for code, _ in settings.LANGUAGES],
        "configuration": {**_configuration(), "vapid": {"public_key": vapid_public_key()}},
        "registrations": {
            "enabled": settings.REGISTRATIONS_OPEN,
            "approval_required": False,
            "message": None,
            "url": None,
        },
        "api_versions": {"mastodon": 6},
        "contact": {
            "email": contact_email(contact),
            "account": account_entity(contact) if contact else None,
        },
        "rules": rules(),
    }


def weekly_activity(weeks: int = 12) -> list[dict[str, str]]:
    from datetime import UTC, timedelta

    from django.utils import timezone

    from accounts.models import User

    now = timezone.now().astimezone(UTC)
    start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    out = []
    for back in range(weeks):
        begin = start - timedelta(weeks=back)
        end = begin + timedelta(weeks=1)
        posts = Post.objects.filter(local=True, created_at__gte=begin, created_at__lt=end, reblog_of__isnull=True)
        out.append(
            {
                "week": str(int(begin.timestamp())),
                "statuses": str(posts.count()),
                "logins": str(User.objects.filter(last_login__gte=begin, last_login__lt=end).count()),
                "registrations": str(User.objects.filter(date_joined__gte=begin, date_joined__lt=end).count()),
            }
        )
    return out


def nodeinfo(version: str) -> dict[str, Any]:
    usage = _usage()
    software: dict[str, Any] = {"name": "tribune", "version": SOFTWARE_VERSION}
    return {
        "version": version,
        "software": software,
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": []},
        "openRegistrations": settings.REGISTRATIONS_OPEN,
        "usage": {
            "users": {
                "total": usage["user_count"],
                "activeMonth": usage["user_count"],
                "activeHalfyear": usage["user_count"],
            },
            "localPosts": usage["status_count"],
        },
        "metadata": {"nodeName": settings.INSTANCE_NAME},
    }


def _policy_html(text: str) -> str:
    return linebreaks(text, autoescape=True) if text else ""


def privacy_policy() -> dict[str, Any]:
    from datetime import UTC, datetime

    from api.serializers.common import iso

    text, row = policy_text(PRIVACY_KEY)
    when = row.updated_at if row is not None else datetime(1970, 1, 1, tzinfo=UTC)
    return {"updated_at": iso(when), "content": _policy_html(text)}


def terms_of_service(date: str | None) -> dict[str, Any] | None:
    """The current terms (only they are kept), or None when there are none or `date` is another day."""
    text, row = policy_text(TERMS_KEY)
    effective = row.value.get("effective_date", "") if row is not None else ""
    if not text or (date is not None and date != effective):
        return None
    return {"effective_date": effective, "effective": True, "content": _policy_html(text), "succeeded_by": None}


def _obfuscated(domain: str) -> str:
    """Mastodon's way: the middle half of the name starred, dots kept."""
    keep = len(domain) // 4
    return "".join(c if i <= keep or i >= len(domain) - keep or c == "." else "*" for i, c in enumerate(domain))


def domain_blocks() -> list[dict[str, Any]]:
    from federation.models import DomainPolicy

    severities = (DomainPolicy.Severity.SUSPEND, DomainPolicy.Severity.SILENCE)
    return [
        {
            "domain": _obfuscated(p.domain) if p.obfuscate else p.domain,
            "digest": hashlib.sha256(p.domain.encode()).hexdigest(),
            "severity": p.severity,
            "comment": p.public_comment or None,
        }
        for p in DomainPolicy.objects.filter(severity__in=severities).order_by("domain")
    ]
