"""Combining scorers. Without a tuned model the highest score per category wins. With a
model trained by `learning.training.train_bundle`, violence (threats and calls taken
together) is the model's blend with the rules, weighted per language, then calibrated per
language so that the policy's levels mean the same false-positive rate in English and
French; a rule's own score still counts in full. Either way a negated, quoted or reported threat found by the rules damps what the
model says about violence (the model sees the words "kill you" but not who says them to whom)."""

from collections.abc import Sequence
from typing import Any

from moderation.scoring.base import CATEGORIES, Context, Scorer, ScoreResult
from moderation.scoring.calibration import Calibration

VIOLENT = ("violence", "incitement")
DAMPING = 0.35
DEFAULT_RULES_WEIGHT = 0.5


class CombinedScorer:
    def __init__(self, scorers: Sequence[Scorer]) -> None:
        self.scorers = list(scorers)
        self.name = "+".join(s.name for s in self.scorers)
        meta: dict[str, Any] = next((getattr(s, "model").meta for s in self.scorers if hasattr(s, "model")), {})  # noqa: B009
        self.blend: dict[str, float] = dict(meta.get("blend") or {})
        self.calibration = Calibration.from_json(meta.get("calibration")) if self.blend else None

    def score(self, text: str, language: str = "", context: Context | None = None) -> ScoreResult:
        results = [s.score(text, language, context) for s in self.scorers]
        matches = [m for r in results for m in r.matches]
        violent = [m for m in matches if m.category in VIOLENT]
        only_mitigated = bool(violent) and all(m.mitigated for m in violent)
        scores = dict.fromkeys(CATEGORIES, 0.0)
        rules_violent = dict.fromkeys(VIOLENT, 0.0)
        model_violence = 0.0
        for result in results:
            rule_based = bool(result.matches) or result.scorer == "rules"
            for category, value in result.scores.items():
                if category in VIOLENT and only_mitigated and not rule_based:
                    value *= DAMPING
                scores[category] = max(scores.get(category, 0.0), round(value, 4))
                if category in VIOLENT:
                    if rule_based:
                        rules_violent[category] = max(rules_violent[category], value)
                    else:
                        model_violence = max(model_violence, value)
        if self.calibration is not None:
            self._blend(self.calibration, scores, language, rules_violent, model_violence)
        return ScoreResult(scores=scores, matches=matches, scorer=self.name)

    def _blend(
        self, calibration: Calibration, scores: dict[str, float], language: str, rules: dict[str, float], model: float
    ) -> None:
        """Violence as the calibrated blend, under the category the rules named (violence by default);
        what the rules found on their own still counts in full (an explicit threat stays held)."""
        code = (language or "").split("-")[0].lower()
        weight = self.blend.get(code, sum(self.blend.values()) / len(self.blend))
        raw = weight * max(rules.values()) + (1 - weight) * model
        value = calibration.apply(code, "violence", raw)
        main = "incitement" if rules["incitement"] > rules["violence"] else "violence"
        for category in VIOLENT:
            scores[category] = round(max(value, rules[category]) if category == main else rules[category], 4)
