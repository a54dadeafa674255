"""The learned scorer: character and word n-grams, one logistic regression per label.

Character n-grams over normalised text carry across French and English and
through obfuscation; word n-grams carry phrasing. One vectoriser is shared by
the labels, so scoring a post transforms its text once.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from moderation.scoring.base import CATEGORIES, Context, ScoreResult
from moderation.scoring.normalize import normalize

# What each trained label scores. The data's "violent" covers threats and calls to violence.
LABEL_CATEGORY = {"violence": "violence", "hate": "hate"}


def build_vectorizer(max_char: int = 300_000, max_word: int = 150_000) -> FeatureUnion:
    return FeatureUnion(
        [
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=2, max_features=max_char, sublinear_tf=True,
                    preprocessor=normalize, dtype=np.float32,
                ),
            ),
            (
                "word",
                TfidfVectorizer(
                    analyzer="word", ngram_range=(1, 2), min_df=2, max_features=max_word, sublinear_tf=True,
                    preprocessor=normalize, token_pattern=r"\S+", dtype=np.float32,  # noqa: S106  # a regex, not a password
                ),
            ),
        ]
    )  # fmt: skip


def build_classifier() -> LogisticRegression:
    # Balanced classes: violent posts are rare (about 3% of labelled rows), and a miss costs more than a review.
    # A fixed seed: liblinear shuffles, and the same data should give the same model.
    return LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000, solver="liblinear", random_state=0)


@dataclass
class TextModel:
    """A trained model: the shared vectoriser and a classifier per label."""

    version: str
    vectorizer: FeatureUnion
    classifiers: dict[str, LogisticRegression]
    meta: dict[str, Any] = field(default_factory=dict)

    def predict(self, texts: list[str]) -> dict[str, np.ndarray]:
        features = self.vectorizer.transform(texts)
        return {label: clf.predict_proba(features)[:, 1] for label, clf in self.classifiers.items()}


def fit_model(
    texts: list[str],
    labels: dict[str, list[float | None]],
    *,
    version: str,
    weights: list[float] | None = None,
) -> TextModel:
    """Fit on every text; each label's classifier only on rows where that label is known.
    `weights`: how much each text counts (1 each by default)."""
    vectorizer = build_vectorizer()
    features = vectorizer.fit_transform(texts)
    classifiers = {}
    for label, values in labels.items():
        known = np.array([v is not None for v in values])
        y = np.array([int(v) if v is not None else 0 for v in values])[known]
        if known.sum() == 0 or len(set(y.tolist())) < 2:
            continue
        clf = build_classifier()
        clf.fit(features[known], y, sample_weight=None if weights is None else np.asarray(weights)[known])
        classifiers[label] = clf
    return TextModel(version=version, vectorizer=vectorizer, classifiers=classifiers)


class FastLinear:
    """The same arithmetic as `TextModel.predict` for one text, without scikit-learn's
    per-call overhead (input validation, sparse matrix assembly), which costs about ten
    times the n-gram extraction itself. Scoring runs inside the request that creates a post."""

    def __init__(self, model: TextModel) -> None:
        self.parts = []
        offset = 0
        for _name, vec in model.vectorizer.transformer_list:
            idf = np.asarray(vec.idf_, dtype=np.float64)
            self.parts.append((vec.build_analyzer(), vec.vocabulary_, idf, offset, vec.sublinear_tf, vec.norm))
            offset += len(vec.vocabulary_)
        self.weights = {
            label: (np.asarray(clf.coef_[0], dtype=np.float64), float(clf.intercept_[0]))
            for label, clf in model.classifiers.items()
        }

    def predict_one(self, text: str) -> dict[str, float]:
        indices, values = [], []
        for analyzer, vocabulary, idf, offset, sublinear, norm in self.parts:
            counts = Counter(j for j in map(vocabulary.get, analyzer(text)) if j is not None)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            v = (1.0 + np.log(tf) if sublinear else tf) * idf[idx]
            if norm == "l2":
                v /= math.sqrt(float(v @ v)) or 1.0
            indices.append(idx + offset)
            values.append(v)
        idx_all = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64)
        val_all = np.concatenate(values) if values else np.zeros(0)
        out = {}
        for label, (w, b) in self.weights.items():
            z = float(w[idx_all] @ val_all) + b
            out[label] = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
        return out


class LearnedScorer:
    name = "model"

    def __init__(self, model: TextModel) -> None:
        self.model = model
        self.name = f"model:{model.version}"
        self.fast = FastLinear(model)

    def score(self, text: str, language: str = "", context: Context | None = None) -> ScoreResult:
        scores = dict.fromkeys(CATEGORIES, 0.0)
        for label, value in self.fast.predict_one(text).items():
            category = LABEL_CATEGORY.get(label)
            if category:
                scores[category] = round(value, 4)
        return ScoreResult(scores=scores, scorer=self.name)
