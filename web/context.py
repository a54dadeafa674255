from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from web.instance import instance_settings


def instance(request: HttpRequest) -> dict[str, Any]:
    """Values every page uses. The callables run only if a template reads them."""
    from notifications.actions import unread_count
    from timelines.feeds import trending_hashtags

    stored = instance_settings()
    user = request.user if hasattr(request, "user") else None
    return {
        "INSTANCE_NAME": stored["name"],
        "INSTANCE": stored,
        "DOMAIN": settings.DOMAIN,
        "MAX_POST_CHARS": settings.MAX_POST_CHARS,
        "MEDIA_SLOTS": range(1, settings.MAX_MEDIA_PER_POST + 1),
        "LANGUAGES": settings.LANGUAGES,
        "LANGUAGE_CODE": translation.get_language(),
        # "light" or "dark" when chosen (a cookie, so it works signed out too); else the system's.
        "THEME": theme if (theme := request.COOKIES.get("tribune_theme", "")) in ("light", "dark") else "",
        "trending": lambda: trending_hashtags(limit=8),
        "unread_count": lambda: unread_count(user.account) if user and user.is_authenticated else 0,
    }
