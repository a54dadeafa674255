"""Scoring posts, in pure Python (no Django): rules, a learned model, and their combination.

`RuleScorer`, `LearnedScorer` and `CombinedScorer` share one interface
(`base.Scorer`): text, language and context in, a score per category out.
"""

from moderation.scoring.base import CATEGORIES, Context, Match, Scorer, ScoreResult
from moderation.scoring.combined import CombinedScorer
from moderation.scoring.rules import PatternError, RuleScorer, RuleSpec

__all__ = [
    "CATEGORIES", "CombinedScorer", "Context", "Match", "PatternError", "RuleScorer", "RuleSpec", "ScoreResult", "Scorer",
]  # fmt: skip
