from typing import Any

from django.conf import settings
from django.http import HttpRequest


def instance(request: HttpRequest) -> dict[str, Any]:
    return {
        "INSTANCE_NAME": settings.INSTANCE_NAME,
        "DOMAIN": settings.DOMAIN,
        "MAX_POST_CHARS": settings.MAX_POST_CHARS,
    }
