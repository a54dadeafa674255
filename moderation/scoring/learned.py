"""The learned scorer: character and word n-grams, one logistic regression per label.

Character n-grams over normalised text carry across French and English and
through obfuscation; word n-grams carry phrasing. One vectoriser is shared by
the labels, so scoring a post transforms its text once.
"""

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
    return LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000, solver="liblinear")


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


def fit_model(texts: list[str], labels: dict[str, list[float | None]], *, version: str) -> TextModel:
    """Fit on every text; each label's classifier only on rows where that label is known."""
    vectorizer = build_vectorizer()
    features = vectorizer.fit_transform(texts)
    classifiers = {}
    for label, values in labels.items():
        known = np.array([v is not None for v in values])
        y = np.array([int(v) if v is not None else 0 for v in values])[known]
        if known.sum() == 0 or len(set(y.tolist())) < 2:
            continue
        clf = build_classifier()
        clf.fit(features[known], y)
        classifiers[label] = clf
    return TextModel(version=version, vectorizer=vectorizer, classifiers=classifiers)


class LearnedScorer:
    name = "model"

    def __init__(self, model: TextModel) -> None:
        self.model = model
        self.name = f"model:{model.version}"

    def score(self, text: str, language: str = "", context: Context | None = None) -> ScoreResult:
        scores = dict.fromkeys(CATEGORIES, 0.0)
        for label, values in self.model.predict([text]).items():
            category = LABEL_CATEGORY.get(label)
            if category:
                scores[category] = round(float(values[0]), 4)
        return ScoreResult(scores=scores, scorer=self.name)
