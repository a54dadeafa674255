"""Per-language calibration onto the policy's levels, alone and beside another tier."""

import numpy as np

from moderation.scoring import calibration

LEVELS = ((0.05, 0.30), (0.02, 0.55))


def _flagged(cal: calibration.Calibration, raw: np.ndarray, level: float) -> np.ndarray:
    return np.array([cal.apply("en", "violence", float(r)) >= level for r in raw])


def test_each_level_flags_its_rate_of_the_negatives():
    raw = np.linspace(0, 1, 1000, endpoint=False)
    cal = calibration.fit({"en": {"violence": [raw.tolist()]}}, LEVELS)
    assert _flagged(cal, raw, 0.30).mean() <= 0.05
    assert _flagged(cal, raw, 0.30).mean() >= 0.049
    assert _flagged(cal, raw, 0.55).mean() <= 0.02


def test_beside_another_tier_the_two_together_keep_the_rate():
    rng = np.random.default_rng(0)
    raw = rng.random(2000)
    # The other tier already flags 3% of these negatives at the review level, none at hold, and
    # they are not the ones this tier ranks highest.
    other = np.where(rng.random(2000) < 0.03, 0.4, 0.1)
    alone = calibration.fit({"en": {"violence": [raw.tolist()]}}, LEVELS)
    together = calibration.fit(
        {"en": {"violence": [raw.tolist()]}}, LEVELS, beside={"en": {"violence": [other.tolist()]}}
    )
    either_alone = _flagged(alone, raw, 0.30) | (other >= 0.30)
    either_together = _flagged(together, raw, 0.30) | (other >= 0.30)
    assert either_alone.mean() > 0.07, "calibrated alone, the union runs over the rate"
    assert 0.045 <= either_together.mean() <= 0.05
    assert _flagged(together, raw, 0.55).mean() <= 0.02


def test_beside_a_tier_that_spends_the_whole_rate_this_one_adds_nothing_at_that_level():
    raw = np.linspace(0, 1, 1000, endpoint=False)
    other = np.where(np.arange(1000) % 20 == 0, 0.9, 0.0)  # 5% flagged at every level
    together = calibration.fit(
        {"en": {"violence": [raw.tolist()]}}, LEVELS, beside={"en": {"violence": [other.tolist()]}}
    )
    assert not _flagged(together, raw, 0.30).any()
