"""Combining scorers: the highest score per category wins, except that a negated,
quoted or reported threat found by the rules damps what the model says about
violence (the model sees the words "kill you" but not who says them to whom)."""

from collections.abc import Sequence

from moderation.scoring.base import CATEGORIES, Context, Scorer, ScoreResult

VIOLENT = ("violence", "incitement")
DAMPING = 0.35


class CombinedScorer:
    def __init__(self, scorers: Sequence[Scorer]) -> None:
        self.scorers = list(scorers)
        self.name = "+".join(s.name for s in self.scorers)

    def score(self, text: str, language: str = "", context: Context | None = None) -> ScoreResult:
        results = [s.score(text, language, context) for s in self.scorers]
        matches = [m for r in results for m in r.matches]
        violent = [m for m in matches if m.category in VIOLENT]
        only_mitigated = bool(violent) and all(m.mitigated for m in violent)
        scores = dict.fromkeys(CATEGORIES, 0.0)
        for result in results:
            rule_based = bool(result.matches) or result.scorer == "rules"
            for category, value in result.scores.items():
                if category in VIOLENT and only_mitigated and not rule_based:
                    value *= DAMPING
                scores[category] = max(scores.get(category, 0.0), round(value, 4))
        return ScoreResult(scores=scores, matches=matches, scorer=self.name)
