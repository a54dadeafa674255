"""The scorer this instance uses now: built-in rules, the rules administrators
added (Rule rows), and the current learned model if one was trained.

Built once per process and rebuilt when the rules or the current model change
(one cheap aggregate query and one stat per call), so a rule edited in one
process applies in every other at the next post.
"""

import logging
import threading
from typing import Any

from django.conf import settings
from django.db.models import Count, Max

from moderation.learning import store
from moderation.models import Rule
from moderation.scoring import CombinedScorer, RuleScorer, RuleSpec
from moderation.scoring.learned import LearnedScorer
from moderation.scoring.rules import PatternError, builtin_specs, compile_rule

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "scorer": None}


def rule_specs() -> list[RuleSpec]:
    specs = builtin_specs()
    for rule in Rule.objects.filter(enabled=True).order_by("id"):
        spec = RuleSpec(f"db:{rule.pk}", rule.category, float(rule.weight), rule.pattern, rule.language, rule.is_regex)
        try:
            compile_rule(spec)
        except PatternError:
            log.warning("moderation rule %s does not compile; skipped", rule.pk)
            continue
        specs.append(spec)
    return specs


def _key() -> tuple:
    rules = Rule.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    return (rules["n"], rules["changed"], store.current_version(settings.DATA_DIR))


def current_scorer() -> CombinedScorer:
    key = _key()
    with _lock:
        if _cache["key"] == key and _cache["scorer"] is not None:
            return _cache["scorer"]
    scorers: list[Any] = [RuleScorer(rule_specs(), structural=True)]
    version = key[2]
    if version:
        try:
            scorers.append(LearnedScorer(store.load(settings.DATA_DIR, version)))
        except (OSError, TypeError, ValueError, EOFError):
            log.exception("moderation model %s could not be loaded; scoring with rules only", version)
    scorer = CombinedScorer(scorers)
    with _lock:
        _cache["key"], _cache["scorer"] = key, scorer
    return scorer


def reset() -> None:
    with _lock:
        _cache["key"], _cache["scorer"] = None, None
