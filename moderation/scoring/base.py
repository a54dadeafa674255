"""The one interface every scorer implements. Pure Python: no Django here.

A scorer takes the text, its language and some context, and returns a score in
[0, 1] per category, plus what it matched (so a person can be told which rule).
"""

from dataclasses import dataclass, field
from typing import Protocol

CATEGORIES = ("violence", "incitement", "hate", "harassment", "spam")


def violence_of(scores: dict[str, float]) -> float:
    """A post's violence: the higher of its threat and incitement scores."""
    return max(scores.get("violence", 0.0), scores.get("incitement", 0.0))


@dataclass(frozen=True)
class Context:
    """What else is known about the post; every field is optional."""

    is_reply: bool = False
    mentions: int = 0
    links: int = 0
    author_risk: float = 0.0


@dataclass(frozen=True)
class Match:
    rule: str  # a stable name: "builtin:en:threat-first-person" or "db:42"
    category: str
    weight: float
    text: str  # the normalised words that matched
    mitigated: str = ""  # "negated", "quoted", "reported": why it does not count fully


@dataclass
class ScoreResult:
    scores: dict[str, float] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0.0))
    matches: list[Match] = field(default_factory=list)
    scorer: str = ""

    def top_rule(self, category: str) -> str:
        live = [m for m in self.matches if m.category == category and not m.mitigated]
        return max(live, key=lambda m: m.weight).rule if live else ""

    @property
    def violent(self) -> float:
        """Threats and calls to violence taken together (what the data labels "violent")."""
        return max(self.scores.get("violence", 0.0), self.scores.get("incitement", 0.0))


class Scorer(Protocol):
    name: str

    def score(self, text: str, language: str = "", context: Context | None = None) -> ScoreResult: ...
