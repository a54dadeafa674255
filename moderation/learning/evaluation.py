"""Evaluating scorers on labelled examples: per language and category, at the
configured thresholds, with precision-recall curves and cross-validation."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from moderation.learning.data import LABELS, Example
from moderation.learning.metrics import binary_metrics, operating_point, pr_curve
from moderation.policy import DEFAULT_THRESHOLDS, Thresholds
from moderation.scoring.base import Scorer
from moderation.scoring.combined import CombinedScorer
from moderation.scoring.learned import LearnedScorer, TextModel, fit_model
from moderation.scoring.rules import RuleScorer

# The data's labels and the scorer categories they are compared with.
LABEL_SCORE = {
    "violence": lambda s: max(s.get("violence", 0.0), s.get("incitement", 0.0)),
    "hate": lambda s: s.get("hate", 0.0),
}


def score_all(examples: Sequence[Example], scorer: Scorer) -> list[dict[str, float]]:
    return [scorer.score(e.text, e.lang).scores for e in examples]


def report(
    examples: Sequence[Example],
    scores: Sequence[dict[str, float]],
    thresholds: dict[str, Thresholds] | None = None,
    *,
    level: str = "review",
) -> dict[str, Any]:
    """{"languages": {lang: {label: metrics}}, "all": {label: metrics}} at each label's threshold."""
    table = thresholds or DEFAULT_THRESHOLDS
    langs = sorted({e.lang for e in examples})
    out: dict[str, Any] = {"level": level, "languages": {}, "all": {}}
    for group in [*langs, "all"]:
        rows = [i for i, e in enumerate(examples) if group == "all" or e.lang == group]
        per_label = {}
        for label in LABELS:
            known = [i for i in rows if examples[i].labels[label] is not None]
            if not known:
                continue
            threshold = getattr(table[label], level)
            y = [examples[i].labels[label] or 0 for i in known]
            s = [LABEL_SCORE[label](scores[i]) for i in known]
            per_label[label] = binary_metrics(y, s, threshold)
        if group == "all":
            out["all"] = per_label
        else:
            out["languages"][group] = per_label
    return out


def rows(
    examples: Sequence[Example],
    scores_by_tier: Mapping[str, Sequence[dict[str, float]]],
    thresholds: dict[str, Thresholds] | None = None,
) -> list[dict[str, Any]]:
    """Flat rows for reading and plotting: per tier (rules, model, combined), language and
    category (each label, and each class or source of a labelled set, "all" for the whole
    language), at each policy level: recall, FPR, precision, F1, plus ROC-AUC and recall at 5%
    FPR where the group has both positives and negatives."""
    table = thresholds or DEFAULT_THRESHOLDS
    out: list[dict[str, Any]] = []
    langs = sorted({e.lang for e in examples})
    sources = sorted({e.source for e in examples if e.source})
    for tier, scores in scores_by_tier.items():
        for label in LABELS:
            for lang in langs:
                for category in ["all", *sources]:
                    known = [
                        i
                        for i, e in enumerate(examples)
                        if e.lang == lang and e.labels[label] is not None and category in ("all", e.source)
                    ]
                    if not known:
                        continue
                    y = np.array([examples[i].labels[label] or 0 for i in known])
                    s = np.array([LABEL_SCORE[label](scores[i]) for i in known])
                    ranked: dict[str, Any] = {}
                    if 0 < y.sum() < len(y):
                        ranked["roc_auc"] = round(float(roc_auc_score(y, s)), 4)
                        ranked.update(operating_point(y, s))
                    for level in ("review", "hold", "urgent"):
                        threshold = getattr(table[label], level)
                        if threshold > 1:
                            continue
                        m = binary_metrics(y.tolist(), s.tolist(), threshold)
                        out.append(
                            {
                                "tier": tier, "lang": lang, "label": label, "category": category, "level": level,
                                "n": m["n"], "positives": m["positives"], "threshold": m["threshold"],
                                "recall": m["recall"], "fpr": m["fpr"], "precision": m["precision"], "f1": m["f1"],
                                **ranked,
                            }
                        )  # fmt: skip
    return out


def plot_curves(
    examples: Sequence[Example], scores: Sequence[dict[str, float]], path: str | Path, *, title: str = ""
) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    langs = sorted({e.lang for e in examples})
    fig, axes = plt.subplots(1, len(LABELS), figsize=(6 * len(LABELS), 5))
    for ax, label in zip(np.atleast_1d(axes), LABELS, strict=True):
        for lang in langs:
            known = [i for i, e in enumerate(examples) if e.lang == lang and e.labels[label] is not None]
            y = [examples[i].labels[label] or 0 for i in known]
            if not known or sum(y) in (0, len(y)):
                continue
            precision, recall = pr_curve(y, [LABEL_SCORE[label](scores[i]) for i in known])
            ax.plot(recall, precision, label=f"{lang} (n={len(y)}, +{sum(y)})")
        ax.set_title(f"{label} {title}".strip())
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower left")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def labels_of(examples: Sequence[Example]) -> dict[str, list[float | None]]:
    return {label: [e.labels[label] for e in examples] for label in LABELS}


def cross_validated_scores(
    examples: Sequence[Example],
    *,
    folds: int = 5,
    rules: RuleScorer | None = None,
    seed: int = 13,
    augment: int = 150,
    progress: Any = None,
) -> list[dict[str, float]]:
    """Out-of-fold scores of the fast tier as `train` makes it (the n-gram model fitted with generated
    examples, blended with the rules and calibrated, on the other folds), stratified by language and labels."""
    from moderation.learning.training import train_bundle

    rules = rules or RuleScorer()
    strata = [f"{e.lang}:{e.labels['violence']}:{e.labels['hate']}" for e in examples]
    # Tiny strata cannot be split five ways; fold them into their language.
    counts: dict[str, int] = {}
    for key in strata:
        counts[key] = counts.get(key, 0) + 1
    strata = [key if counts[key] >= folds else key.split(":")[0] for key in strata]
    out: list[dict[str, float]] = [{} for _ in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for number, (train_idx, test_idx) in enumerate(splitter.split(np.zeros(len(examples)), strata)):
        train = [examples[i] for i in train_idx]
        if progress:
            progress(f"fold {number + 1}/{folds}: training on {len(train):,} posts")
        model, _tuning = train_bundle(train, version=f"cv-{number}", rules=rules, augment=augment)
        scorer = CombinedScorer([rules, LearnedScorer(model)])
        for i in test_idx:
            out[i] = scorer.score(examples[i].text, examples[i].lang).scores
    return out


def train(examples: Sequence[Example], *, version: str) -> TextModel:
    model = fit_model([e.text for e in examples], labels_of(examples), version=version)
    model.meta = {
        "examples": len(examples),
        "languages": sorted({e.lang for e in examples}),
        "positives": {label: sum(1 for e in examples if e.labels[label] == 1) for label in LABELS},
    }
    return model


def headline(evaluation: dict[str, Any]) -> float:
    """One number to compare models: mean over languages of violence average precision
    (hate weighs half), so a new model replaces the current one only if it ranks better."""
    values = []
    for per_label in evaluation.get("languages", {}).values():
        v = per_label.get("violence", {}).get("average_precision")
        h = per_label.get("hate", {}).get("average_precision")
        if v is not None:
            values.append(v)
        if h is not None:
            values.append(h * 0.5)
    return round(float(np.mean(values)), 4) if values else 0.0
