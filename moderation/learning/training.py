"""Training a model as the instance uses it: the linear n-gram model fitted on labelled
posts and generated examples, its blend with the rules chosen per language, and the blend
calibrated per language so that the policy's levels mean the same false-positive rate in
English and French.

    model, evaluation = train_bundle(examples, augment=150, version=store.new_version())

With no labelled examples at all the model learns from generated examples only (the
"starter" model a new instance trains for itself): nothing in it comes from data with a
restrictive licence.
"""

import random
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from moderation.learning.augment import generate
from moderation.learning.data import LABELS, Example
from moderation.learning.evaluation import labels_of
from moderation.scoring import calibration
from moderation.scoring.base import Scorer, violence_of
from moderation.scoring.learned import FastLinear, TextModel, fit_model

# Rules weights tried per language; the model gets the rest.
RULES_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
DEFAULT_RULES_WEIGHT = 0.5
# Calibration targets per negative population: held-out labelled posts at the policy's rates
# (5%, 2%, 0.5%), generated look-alikes (negated, quoted and reported threats, idioms...) at twice
# those: they are written to sit next to threats, far closer than ordinary posts.
# The target false-positive rate of each policy level, as a multiple, for the held-out labelled
# posts and for the generated look-alikes. Both at the level's own rate: allowing the look-alikes
# twice it put the review level at 6.7% (en) and 6.2% (fr) false positives on the functional
# suite, where the same rate for both gives 5.1% and 3.5% for 1.4 and 2.1 points of recall.
SCALES = (1.0, 1.0)
# How much a generated example counts beside a labelled post when fitting the n-gram model
# (`train --generated-weight`). Measured, recall at 5% false positives en / fr: on the held-out
# functional suite 0.658 / 0.733 at 1, 0.683 / 0.750 at 2.5, 0.717 / 0.758 at 10; in 5-fold
# cross-validation on dev.csv 0.607 / 0.429 at 1, 0.591 / 0.333 at 2.5. Real posts lose more than
# the functional tests gain (French most), so each example counts once.
GENERATED_WEIGHT = 1.0
TUNE_SEED = 1  # generated look-alikes held out for tuning are drawn with another seed than training's

Progress = Callable[[str], None]


def split(examples: Sequence[Example], holdout: float, seed: int = 7) -> tuple[list[Example], list[Example]]:
    """(train, held out): a reproducible shuffle, `holdout` of it held out."""
    rng = random.Random(seed)  # noqa: S311  # reproducible sampling, not security
    shuffled = list(examples)
    rng.shuffle(shuffled)
    cut = int(len(shuffled) * holdout) if len(shuffled) > 1 else 0
    return shuffled[cut:], shuffled[:cut]


def recall_at_fpr(y: np.ndarray, s: np.ndarray, fpr: float) -> float:
    """Share of positives flagged at the strictest threshold that flags at most `fpr` of negatives."""
    negatives, positives = s[y == 0], s[y == 1]
    if not len(negatives) or not len(positives):
        return 0.0
    threshold = calibration._threshold_at(negatives, fpr)
    return float((positives >= threshold).mean())


def _pairs(examples: Sequence[Example], rules: Scorer, fast: FastLinear) -> np.ndarray:
    """[rules violence, model violence] per example."""
    out = np.zeros((len(examples), 2))
    for i, e in enumerate(examples):
        out[i, 0] = violence_of(rules.score(e.text, e.lang).scores)
        out[i, 1] = fast.predict_one(e.text).get("violence", 0.0)
    return out


def _choose_weight(
    y: np.ndarray, pairs: np.ndarray, weights: Sequence[float] = RULES_WEIGHTS
) -> tuple[float, dict[str, float]]:
    """The rules weight with the best recall at 5% and 2% false positives (AUC breaks ties)."""
    best: tuple[tuple[float, float], float, dict[str, float]] = ((-1.0, -1.0), DEFAULT_RULES_WEIGHT, {})
    for w in weights:
        blended = w * pairs[:, 0] + (1 - w) * pairs[:, 1]
        figures = {
            "recall_at_fpr_0.05": recall_at_fpr(y, blended, 0.05),
            "recall_at_fpr_0.02": recall_at_fpr(y, blended, 0.02),
            "roc_auc": float(roc_auc_score(y, blended)),
        }
        key = (figures["recall_at_fpr_0.05"] + figures["recall_at_fpr_0.02"], figures["roc_auc"])
        if key > best[0]:
            best = (key, w, figures)
    return best[1], best[2]


def train_bundle(
    examples: Sequence[Example],
    *,
    version: str,
    rules: Scorer,
    augment: int = 150,
    holdout: float = 0.2,
    generated_weight: float = GENERATED_WEIGHT,
    progress: Progress | None = None,
) -> tuple[TextModel, dict[str, Any]]:
    """Fit, blend and calibrate. Returns the model (blend and calibration in its meta) and the
    tuning figures per language; `examples` may be empty (generated examples only)."""
    say = progress or (lambda _message: None)
    train, tune = split(examples, holdout)
    generated = generate(n_per_class=augment, seed=0) if augment else []
    generated_tune = generate(n_per_class=max(20, augment // 3), seed=TUNE_SEED) if augment else []
    fitted_on = train + generated
    if not fitted_on:
        raise ValueError("nothing to train on: no examples and no generated ones")
    say(f"fitting the n-gram model on {len(train):,} labelled and {len(generated):,} generated examples")
    # Beside labelled posts only: alone (a starter model) every example counts once.
    weights = [1.0] * len(train) + [generated_weight if train else 1.0] * len(generated)
    model = fit_model([e.text for e in fitted_on], labels_of(fitted_on), version=version, weights=weights)
    model.meta = {
        "examples": len(train),
        "generated": len(generated),
        "generated_weight": generated_weight,
        "languages": sorted({e.lang for e in fitted_on}),
        "positives": {label: sum(1 for e in fitted_on if e.labels[label] == 1) for label in LABELS},
    }
    fast = FastLinear(model)
    known_tune = [e for e in tune if e.labels["violence"] is not None]
    say(
        f"tuning the blend with the rules on {len(known_tune):,} held-out labelled and {len(generated_tune):,} generated"
    )
    real = _pairs(known_tune, rules, fast)
    looks = _pairs(generated_tune, rules, fast)
    blend, fitted, figures = blend_and_calibrate(known_tune, generated_tune, real, looks)
    model.meta["blend"] = blend
    model.meta["calibration"] = fitted.to_json()
    say("done: " + ", ".join(f"{lang} rules weight {f['rules_weight']}" for lang, f in figures.items()))
    return model, {"tuning": figures, "tuned_on": len(known_tune), "tuned_on_generated": len(generated_tune)}


def blend_and_calibrate(
    real_examples: Sequence[Example],
    looks_examples: Sequence[Example],
    real: np.ndarray,
    looks: np.ndarray,
    weights: Sequence[float] = RULES_WEIGHTS,
    *,
    beside_first: bool = False,
) -> tuple[dict[str, float], calibration.Calibration, dict[str, dict[str, Any]]]:
    """Per language, the weight of the first of two violence scores ([n, 2] for the held-out
    labelled examples and the generated look-alikes) in their blend, and the blend's
    calibration onto the policy's levels (each population's negatives at its own rate,
    SCALES). Used for the rules with the n-gram model, and for the fast tier with the encoder.
    `beside_first`: the first score is a tier that decides beside the blend (the policy takes the
    higher of the two, as for the fast tier and the second tier), so the levels are set for the
    two together."""
    blend: dict[str, float] = {}
    figures: dict[str, dict[str, Any]] = {}
    negatives: dict[str, dict[str, list[list[float]]]] = {}
    beside: dict[str, dict[str, list[list[float]]]] = {}
    for lang in sorted({e.lang for e in [*real_examples, *looks_examples]}):
        rows = [(i, 0) for i, e in enumerate(real_examples) if e.lang == lang]
        rows += [(i, 1) for i, e in enumerate(looks_examples) if e.lang == lang]
        y = np.array([(real_examples if src == 0 else looks_examples)[i].labels["violence"] or 0 for i, src in rows])
        pairs = np.array([(real if src == 0 else looks)[i] for i, src in rows])
        if len(set(y.tolist())) < 2:
            continue
        w, chosen = _choose_weight(y, pairs, weights)
        blend[lang] = w
        figures[lang] = {"rules_weight": w, "n": len(y), "positives": int(y.sum()), **chosen}
        # Each population's negatives calibrate separately: the strictest threshold wins.
        populations, firsts = [], []
        for src, block in ((0, real), (1, looks)):
            idx = [i for i, s in rows if s == src]
            ys = [(real_examples if src == 0 else looks_examples)[i].labels["violence"] for i in idx]
            negative = [i for i, label in zip(idx, ys, strict=True) if label == 0]
            populations.append([w * block[i, 0] + (1 - w) * block[i, 1] for i in negative])
            firsts.append([block[i, 0] for i in negative])
        negatives[lang] = {"violence": populations}
        beside[lang] = {"violence": firsts}
    others = beside if beside_first else None
    fitted = calibration.fit(negatives, scales=SCALES, beside=others)
    pooled = [[v for per in negatives.values() for v in per["violence"][i]] for i in range(len(SCALES))]
    pooled_beside = [[v for per in beside.values() for v in per["violence"][i]] for i in range(len(SCALES))]
    fitted.knots.update(
        calibration.fit(
            {calibration.ANY: {"violence": pooled}},
            scales=SCALES,
            beside={calibration.ANY: {"violence": pooled_beside}} if beside_first else None,
        ).knots
    )
    return blend, fitted, figures


def tuning_headline(tuning: dict[str, Any]) -> float:
    """Mean over languages of the tuned recall at 5% false positives (models trained without held-out labelled data)."""
    values = [f["recall_at_fpr_0.05"] for f in tuning.get("tuning", {}).values()]
    return round(float(np.mean(values)), 4) if values else 0.0
