"""Precision, recall, F1 and false-positive rate, per language and category."""

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve


def binary_metrics(y_true: Sequence[int], scores: Sequence[float], threshold: float) -> dict[str, Any]:
    y = np.asarray(y_true, dtype=int)
    s = np.asarray(scores, dtype=float)
    flagged = s >= threshold
    tp = int(np.sum(flagged & (y == 1)))
    fp = int(np.sum(flagged & (y == 0)))
    fn = int(np.sum(~flagged & (y == 1)))
    tn = int(np.sum(~flagged & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    out: dict[str, Any] = {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "threshold": round(threshold, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "fpr": round(fpr, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }
    if 0 < y.sum() < len(y):
        out["average_precision"] = round(float(average_precision_score(y, s)), 4)
        out.update(operating_point(y, s))
    return out


def operating_point(y: np.ndarray, s: np.ndarray, *, max_fpr: float = 0.05) -> dict[str, float]:
    """The best recall reachable with at most `max_fpr` of negatives flagged, and the FPR at recall 0.9."""
    negatives = np.sort(s[y == 0])[::-1]
    positives = s[y == 1]
    allowed = int(np.floor(max_fpr * len(negatives)))
    cut = negatives[allowed] if allowed < len(negatives) else -np.inf
    recall_at = float(np.mean(positives > cut)) if len(positives) else 0.0
    need = np.sort(positives)[::-1][max(0, int(np.ceil(0.9 * len(positives))) - 1)] if len(positives) else 1.0
    fpr_at = float(np.mean(negatives >= need)) if len(negatives) else 0.0
    return {"recall_at_fpr_0.05": round(recall_at, 4), "fpr_at_recall_0.9": round(fpr_at, 4)}


def pr_curve(y_true: Sequence[int], scores: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    precision, recall, _thresholds = precision_recall_curve(np.asarray(y_true), np.asarray(scores))
    return precision, recall
