"""Changes made from the web admin area (see STYLE.md, habit 1)."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import InstanceSetting, User
from tribune.lib.errors import ActionError, Forbidden
from web.instance import CACHE_KEY, KEY, PRIVACY_KEY, TERMS_KEY

MAX_POLICY = 50_000


def check_instance_settings(name: str, description: str, rules_text: str) -> dict:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ActionError(_("An instance name has 1 to 100 characters."), field="name")
    if len(description or "") > 2000:
        raise ActionError(_("A description has at most 2,000 characters."), field="description")
    rules = [line.strip() for line in (rules_text or "").splitlines() if line.strip()]
    if len(rules) > 30 or any(len(r) > 500 for r in rules):
        raise ActionError(_("At most 30 rules of at most 500 characters each."), field="rules")
    return {"name": name, "description": (description or "").strip(), "rules": rules}


def do_update_instance_settings(
    acting_user: User,
    *,
    name: str,
    description: str,
    rules_text: str,
    privacy_policy: str | None = None,
    terms: str | None = None,
) -> dict:
    """Staff only. The cache is cleared after commit so every process sees the new values. The
    privacy policy and the terms of service (plain text; None leaves them) keep their own rows, so
    that their dates (`updated_at`, the terms' `effective_date`) change only when their text does."""
    if not acting_user.is_staff:
        raise Forbidden(_("Only administrators can change the instance settings."))
    value = check_instance_settings(name, description, rules_text)
    texts = {PRIVACY_KEY: privacy_policy, TERMS_KEY: terms}
    if any(len(text or "") > MAX_POLICY for text in texts.values()):
        raise ActionError(_("A privacy policy or terms of service have at most 50,000 characters."))
    with transaction.atomic():
        InstanceSetting.objects.update_or_create(key=KEY, defaults={"value": value})
        for key, text in texts.items():
            text = (text or "").strip() if text is not None else None
            row = InstanceSetting.objects.filter(key=key).first()
            if text is None or (row is not None and row.value.get("text") == text):
                continue
            stored = {"text": text, "effective_date": timezone.localdate().isoformat()}
            InstanceSetting.objects.update_or_create(key=key, defaults={"value": stored})
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return value
