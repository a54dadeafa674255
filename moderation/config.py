"""Moderation settings, from Django settings or the environment (docs/moderation.md lists them)."""

import json
import os

from django.conf import settings

from moderation.policy import Thresholds, thresholds_from_config


def thresholds() -> dict[str, Thresholds]:
    """settings.MODERATION_THRESHOLDS, else TRIBUNE_MODERATION_THRESHOLDS (JSON), over the defaults."""
    config = getattr(settings, "MODERATION_THRESHOLDS", None)
    if config is None:
        raw = os.environ.get("TRIBUNE_MODERATION_THRESHOLDS", "")
        config = json.loads(raw) if raw else {}
    return thresholds_from_config(config)


def strikes_to_suspend() -> int:
    return int(getattr(settings, "MODERATION_STRIKES_TO_SUSPEND", os.environ.get("TRIBUNE_MODERATION_STRIKES", "3")))


STRIKE_WINDOW_DAYS = 90
SUSPENDED_DATA_KEPT_DAYS = 30
# The images of a removed post, or of a deleted post a moderator or report dealt with, are kept
# this long after the last decision about it (evidence for appeals and the audit log), then erased.
GONE_POST_MEDIA_KEPT_DAYS = 30
