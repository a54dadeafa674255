"""The scorers on the hand-written functional suites (tests/moderation/data/functional_suite.csv
and heldout_suite.csv): floors on recall and false-positive rate at the policy's review level, per
language, for the rules alone and for a starter model trained on generated examples only. The
suites are never trained on; the floors sit a little under the figures measured when they were set
(docs/moderation.md has the figures)."""

import csv
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from moderation.learning.data import Example
from moderation.learning.training import recall_at_fpr, train_bundle, violence_of
from moderation.policy import DEFAULT_THRESHOLDS
from moderation.scoring import CombinedScorer, RuleScorer
from moderation.scoring.learned import LearnedScorer
from moderation.scoring.rules import builtin_specs

SUITE = Path(__file__).parent / "data" / "functional_suite.csv"
# Written later, by another hand, without reading the rules or the first suite; measured before any
# rule was changed for it (docs/moderation.md).
HELD_OUT = Path(__file__).parent / "data" / "heldout_suite.csv"
REVIEW = DEFAULT_THRESHOLDS["violence"].review


def _suite(path: Path = SUITE) -> list[Example]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Example(
                row["id"],
                row["text"],
                row["lang"],
                {"violence": int(row["label_violence"]), "hate": None},
                row["class"],
            )
            for row in csv.DictReader(handle)
        ]


def _figures(scorer, lang: str, path: Path = SUITE) -> dict[str, float]:
    rows = [e for e in _suite(path) if e.lang == lang]
    y = np.array([e.labels["violence"] for e in rows])
    s = np.array([violence_of(scorer.score(e.text, e.lang).scores) for e in rows])
    figures = {
        "recall": float((s[y == 1] >= REVIEW).mean()),
        "fpr": float((s[y == 0] >= REVIEW).mean()),
        "auc": float(roc_auc_score(y, s)),
        "recall_at_fpr_0.05": recall_at_fpr(y, s, 0.05),
    }
    print(path.name, lang, {k: round(v, 3) for k, v in figures.items()})
    return figures


@pytest.fixture(scope="module")
def rules() -> RuleScorer:
    return RuleScorer(builtin_specs(), structural=True)


@pytest.fixture(scope="module")
def starter(rules):
    model, tuning = train_bundle([], version="starter-test", rules=rules, augment=40)
    return model, tuning


# (suite, language, recall at least, false-positive rate at most) at the review level.
# Measured when set: rules en 0.785 / 0.039, fr 0.747 / 0.016; held out en 0.667 / 0.052,
# fr 0.642 / 0.021.
RULES_FLOORS = [
    (SUITE, "en", 0.75, 0.055),
    (SUITE, "fr", 0.71, 0.03),
    (HELD_OUT, "en", 0.62, 0.08),
    (HELD_OUT, "fr", 0.60, 0.05),
]
# (suite, language, recall, FPR, ROC-AUC) for the starter (40 generated examples per class).
# Measured when set: en 0.832 / 0.047 / 0.946, fr 0.823 / 0.039 / 0.948; held out en 0.717 /
# 0.062 / 0.917, fr 0.733 / 0.062 / 0.878.
STARTER_FLOORS = [
    (SUITE, "en", 0.79, 0.07, 0.92),
    (SUITE, "fr", 0.78, 0.06, 0.92),
    (HELD_OUT, "en", 0.67, 0.09, 0.88),
    (HELD_OUT, "fr", 0.69, 0.09, 0.84),
]


@pytest.mark.parametrize(("path", "lang", "recall", "fpr"), RULES_FLOORS)
def test_rules_alone_on_the_suite(rules, path, lang, recall, fpr):
    figures = _figures(rules, lang, path)
    assert figures["recall"] >= recall and figures["fpr"] <= fpr


@pytest.mark.parametrize(("path", "lang", "recall", "fpr", "auc"), STARTER_FLOORS)
def test_starter_model_on_the_suite(rules, starter, path, lang, recall, fpr, auc):
    model, _tuning = starter
    figures = _figures(CombinedScorer([rules, LearnedScorer(model)]), lang, path)
    assert figures["recall"] >= recall and figures["fpr"] <= fpr and figures["auc"] >= auc
