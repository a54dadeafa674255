"""Administrators edit the rule list (like an AutoModerator word list); each change is audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from moderation.actions.common import check_moderator
from moderation.audit import record
from moderation.models import AuditEntry, Category, Rule
from moderation.scoring import PatternError, RuleSpec
from moderation.scoring.base import CATEGORIES
from moderation.scoring.rules import compile_rule
from tribune.lib.errors import ActionError


def check_rule(category: str, pattern: str, *, is_regex: bool, weight: float, language: str) -> None:
    if category not in CATEGORIES or category not in Category.values:
        raise ActionError(_("Unknown category."), field="category")
    if not (0.0 < weight <= 1.0):
        raise ActionError(_("A weight is between 0 and 1."), field="weight")
    if not pattern or len(pattern) > 500:
        raise ActionError(_("A pattern has 1 to 500 characters."), field="pattern")
    if language and len(language) > 8:
        raise ActionError(_("Unknown language."), field="language")
    try:
        compile_rule(RuleSpec("new", category, weight, pattern, language, is_regex))
    except PatternError as e:
        raise ActionError(_("This pattern does not work: %(error)s") % {"error": e}, field="pattern") from None


@transaction.atomic
def do_add_rule(
    category: str,
    pattern: str,
    *,
    acting_user: User,
    is_regex: bool = False,
    weight: float = 0.9,
    language: str = "",
    note: str = "",
) -> Rule:
    check_moderator(acting_user)
    check_rule(category, pattern, is_regex=is_regex, weight=weight, language=language)
    rule = Rule.objects.create(
        category=category, pattern=pattern, is_regex=is_regex, weight=weight, language=language, note=note[:200],
        created_by=acting_user,
    )  # fmt: skip
    record(AuditEntry.Action.RULES_CHANGED, acting_user=acting_user, category=category,
           reason=f"rule {rule.pk} added: {pattern}", details={"rule_id": rule.pk, "weight": weight})  # fmt: skip
    return rule


@transaction.atomic
def do_set_rule_enabled(rule: Rule, enabled: bool, *, acting_user: User) -> Rule:
    check_moderator(acting_user)
    rule.enabled = enabled
    rule.save(update_fields=["enabled", "updated_at"])
    record(AuditEntry.Action.RULES_CHANGED, acting_user=acting_user, category=rule.category,
           reason=f"rule {rule.pk} {'enabled' if enabled else 'disabled'}", details={"rule_id": rule.pk})  # fmt: skip
    return rule
