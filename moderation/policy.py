"""Turning scores into what happens to a post. Pure: no database, no Django models.

Four outcomes, from lenient to strict: publish; publish and queue for review;
hold (only the author sees it, pending review); hold and queue as urgent.
Thresholds are per category and configurable (settings.MODERATION_THRESHOLDS,
a dict like {"violence": {"review": 0.3, "hold": 0.55, "urgent": 0.85}}).
Account risk (new, few posts, few followers, prior strikes) lowers every
threshold, so a throwaway account gets held where an established one is only queued.
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    PUBLISH = "publish"
    REVIEW = "review"  # published, queued for a moderator to look at
    HOLD = "hold"  # only the author sees it until a moderator decides
    URGENT = "urgent"  # held and queued at the top


SEVERITY = [Outcome.PUBLISH, Outcome.REVIEW, Outcome.HOLD, Outcome.URGENT]


@dataclass(frozen=True)
class Thresholds:
    review: float
    hold: float
    urgent: float


DEFAULT_THRESHOLDS: dict[str, Thresholds] = {
    "violence": Thresholds(review=0.30, hold=0.55, urgent=0.85),
    "incitement": Thresholds(review=0.30, hold=0.55, urgent=0.85),
    "hate": Thresholds(review=0.50, hold=0.85, urgent=2.0),
    "harassment": Thresholds(review=0.50, hold=0.85, urgent=2.0),
    "spam": Thresholds(review=0.60, hold=0.90, urgent=2.0),
}

# At risk 1.0 every threshold is multiplied by (1 - MAX_TIGHTENING).
MAX_TIGHTENING = 0.45


@dataclass(frozen=True)
class AccountFacts:
    age_days: float
    posts: int
    followers: int
    strikes: int
    limited: bool = False
    remote: bool = False


def risk_from_facts(facts: AccountFacts) -> float:
    """0 for an established account, towards 1 for a new one with no audience and strikes."""
    age = max(0.0, 1.0 - facts.age_days / 30.0)
    posts = max(0.0, 1.0 - facts.posts / 50.0)
    followers = max(0.0, 1.0 - math.log10(1 + facts.followers) / 2.0)
    risk = 0.4 * age + 0.3 * posts + 0.3 * followers + 0.25 * facts.strikes
    if facts.limited:
        risk += 0.3
    return round(min(1.0, risk), 3)


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    category: str = ""
    score: float = 0.0
    threshold: float = 0.0
    risk: float = 0.0
    rule: str = ""  # the rule (or model) that weighed most, for the author's notice
    flagged: dict[str, str] = field(default_factory=dict)  # category -> outcome, for every category over review

    @property
    def explanation(self) -> str:
        if self.outcome == Outcome.PUBLISH:
            return ""
        return (
            f"{self.category} score {self.score:.2f} reached the {self.outcome.value} threshold "
            f"{self.threshold:.2f} (account risk {self.risk:.2f})"
        )


def thresholds_from_config(config: dict | None) -> dict[str, Thresholds]:
    merged = dict(DEFAULT_THRESHOLDS)
    for category, values in (config or {}).items():
        base = merged.get(category, Thresholds(0.5, 0.85, 2.0))
        merged[category] = Thresholds(
            review=float(values.get("review", base.review)),
            hold=float(values.get("hold", base.hold)),
            urgent=float(values.get("urgent", base.urgent)),
        )
    return merged


def tightened(thresholds: Thresholds, risk: float) -> Thresholds:
    factor = 1.0 - MAX_TIGHTENING * max(0.0, min(1.0, risk))
    return Thresholds(thresholds.review * factor, thresholds.hold * factor, thresholds.urgent * factor)


def decide(
    scores: dict[str, float],
    *,
    risk: float = 0.0,
    thresholds: dict[str, Thresholds] | None = None,
    rules: dict[str, str] | None = None,
) -> Decision:
    """The strictest outcome any category reaches. `rules` maps category -> the rule that matched."""
    table = thresholds or DEFAULT_THRESHOLDS
    best = Decision(Outcome.PUBLISH, risk=risk)
    flagged: dict[str, str] = {}
    for category, score in scores.items():
        if category not in table:
            continue
        t = tightened(table[category], risk)
        outcome, threshold = Outcome.PUBLISH, 0.0
        for level, value in ((Outcome.URGENT, t.urgent), (Outcome.HOLD, t.hold), (Outcome.REVIEW, t.review)):
            if score >= value:
                outcome, threshold = level, value
                break
        if outcome == Outcome.PUBLISH:
            continue
        flagged[category] = outcome.value
        stricter = SEVERITY.index(outcome) > SEVERITY.index(best.outcome)
        same_but_higher = outcome == best.outcome and score > best.score
        if stricter or same_but_higher:
            rule = (rules or {}).get(category, "")
            best = Decision(outcome, category, score, threshold, risk, rule)
    return Decision(best.outcome, best.category, best.score, best.threshold, risk, best.rule, flagged)
