"""The instance's public description (name, description, rules), edited in the admin area.

Stored in accounts.InstanceSetting under one key and cached, since every page shows the name.
"""

from typing import Any

from django.conf import settings
from django.core.cache import cache

from accounts.models import InstanceSetting

KEY = "instance"
# Their own rows: {"text": plain text, "effective_date": "YYYY-MM-DD"} (web/actions.py).
PRIVACY_KEY, TERMS_KEY = "privacy_policy", "terms_of_service"
CACHE_KEY = "web:instance-settings"


def defaults() -> dict[str, Any]:
    return {"name": settings.INSTANCE_NAME, "description": "", "rules": []}


def instance_settings() -> dict[str, Any]:
    value = cache.get(CACHE_KEY)
    if value is None:
        row = InstanceSetting.objects.filter(key=KEY).first()
        value = {**defaults(), **(row.value if row and isinstance(row.value, dict) else {})}
        cache.set(CACHE_KEY, value, 300)
    return value


def policy_text(key: str) -> tuple[str, InstanceSetting | None]:
    """The privacy policy or terms of service as the administrators wrote them, and their row."""
    row = InstanceSetting.objects.filter(key=key).first()
    text = row.value.get("text", "") if row is not None and isinstance(row.value, dict) else ""
    return text, row
