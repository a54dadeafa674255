"""Per-language calibration: a model's raw probability mapped so that the policy's
levels mean the same false-positive rate in every language.

At training time the raw score that flags 5%, 2% and 0.5% of the held-out
non-violent posts of a language is found (`fit`); at scoring time a raw score is
mapped through those points onto the policy's review, hold and urgent levels
(0.30, 0.55, 0.85 by default), linearly in between. A French model that is less
sure of itself than the English one is thus held to the same error rate, not to
the same number. Pure Python, no Django.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# (target false-positive rate, the level it maps to): review, hold, urgent.
LEVELS: tuple[tuple[float, float], ...] = ((0.05, 0.30), (0.02, 0.55), (0.005, 0.85))
ANY = "*"


def _threshold_at(negatives: np.ndarray, fpr: float) -> float:
    """The lowest raw score that flags at most `fpr` of these negatives."""
    ordered = np.sort(negatives)[::-1]
    allowed = int(np.floor(fpr * len(ordered)))
    if allowed >= len(ordered):
        return 0.0
    return float(np.nextafter(ordered[allowed], np.float64(np.inf)))


def _threshold_beside(negatives: np.ndarray, already: np.ndarray, fpr: float) -> float:
    """The lowest raw score that, with the negatives `already` flagged by another tier, flags at
    most `fpr` of them all: the union of the two tiers keeps the rate, not each tier alone."""
    allowed = int(np.floor(fpr * len(negatives))) - int(already.sum())
    rest = np.sort(negatives[~already])[::-1]
    if allowed < 0 or not len(rest):
        return 1.0 if allowed < 0 else 0.0
    if allowed >= len(rest):
        return 0.0
    return float(np.nextafter(rest[allowed], np.float64(np.inf)))


@dataclass
class Calibration:
    """knots[language][label] = [(raw, calibrated), ...], increasing in both."""

    knots: dict[str, dict[str, list[tuple[float, float]]]] = field(default_factory=dict)

    def apply(self, language: str, label: str, raw: float) -> float:
        per_language = self.knots.get(language) or self.knots.get(ANY) or {}
        points = per_language.get(label)
        if not points:
            return raw
        xs = [0.0, *(p[0] for p in points), 1.0]
        ys = [0.0, *(p[1] for p in points), 1.0]
        return float(np.interp(raw, xs, ys))

    def to_json(self) -> dict[str, Any]:
        return {lang: {label: [list(p) for p in pts] for label, pts in per.items()} for lang, per in self.knots.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "Calibration":
        knots = {
            lang: {label: [(float(x), float(y)) for x, y in pts] for label, pts in per.items()}
            for lang, per in (data or {}).items()
        }
        return cls(knots)


def fit(
    negatives: Mapping[str, Mapping[str, Sequence[Sequence[float]]]],
    levels: Sequence[tuple[float, float]] = LEVELS,
    *,
    min_negatives: int = 50,
    scales: Sequence[float] = (),
    beside: Mapping[str, Mapping[str, Sequence[Sequence[float]]]] | None = None,
) -> Calibration:
    """negatives[language][label] = one or more populations of raw scores of negative examples
    (held-out real posts, held-out look-alikes...). Each level's raw threshold is the strictest
    of the populations', so the target rate holds in every one of them. Languages with fewer
    than `min_negatives` negatives get no entry (they fall back to ANY). `scales[i]` multiplies
    the target rates for the i-th population (1 by default): hard look-alikes written to sit next
    to threats may be allowed twice the rate of ordinary posts. `beside`, shaped like `negatives`,
    gives for the same examples the score (already on the policy's scale) of a tier that decides
    beside this one, the policy taking the higher: each level is then set so that the two tiers
    together flag at most its rate."""
    knots: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for language, per_label in negatives.items():
        for label, populations in per_label.items():
            other = (beside or {}).get(language, {}).get(label) or [[] for _ in populations]
            arrays = [
                (np.asarray(p, dtype=float), np.asarray(other[i], dtype=float), scales[i] if i < len(scales) else 1.0)
                for i, p in enumerate(populations)
                if len(p)
            ]
            if sum(len(a) for a, _other, _scale in arrays) < min_negatives:
                continue
            points: list[tuple[float, float]] = []
            for fpr, level in levels:
                raw = max(
                    _threshold_beside(a, b >= level, fpr * scale) if len(b) else _threshold_at(a, fpr * scale)
                    for a, b, scale in arrays
                )
                raw = min(max(raw, 1e-4), 1 - 1e-4)
                if points and raw <= points[-1][0]:
                    raw = min(1 - 1e-4, points[-1][0] + 1e-4)
                points.append((math.ceil(raw * 1e6) / 1e6, level))  # rounded up: never flags more
            knots.setdefault(language, {})[label] = points
    return Calibration(knots)
