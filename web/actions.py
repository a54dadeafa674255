"""Changes made from the web admin area (see STYLE.md, habit 1)."""

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import InstanceSetting, User
from tribune.lib.errors import ActionError, Forbidden
from web.instance import CACHE_KEY, KEY


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


def do_update_instance_settings(acting_user: User, *, name: str, description: str, rules_text: str) -> dict:
    """Staff only. The cache is cleared after commit so every process sees the new values."""
    if not acting_user.is_staff:
        raise Forbidden(_("Only administrators can change the instance settings."))
    value = check_instance_settings(name, description, rules_text)
    with transaction.atomic():
        InstanceSetting.objects.update_or_create(key=KEY, defaults={"value": value})
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return value
