"""Serving the encoder tier: a fine-tuned artifact scored with onnxruntime, no torch.

An artifact folder holds `lower.onnx` (embedding rows -> the frozen layers' token
states, 8-bit matrices), `top.onnx` (token states -> a logit per label),
`words.npy` (Q4_0 word embeddings: only the rows a post uses are dequantised),
`vocabulary.json` and `encoder.json` (labels, maximum length). One thread per
session: the moderation worker scores posts one at a time.
"""

import functools
import json
import threading
from pathlib import Path
from typing import Any

import numpy as np

from moderation.encoder.tokenizer import Tokenizer
from moderation.encoder.weights import QK, Vocabulary, dequantize
from moderation.scoring.calibration import Calibration

FORMAT = "tribune-encoder-1"
FILES = ("lower.onnx", "top.onnx", "words.npy", "vocabulary.json", "encoder.json")


class ArtifactError(ValueError):
    """The folder is not a usable encoder artifact; the message says why."""


def embedding_rows(words: np.ndarray, ids: list[int]) -> np.ndarray:
    return dequantize(words[np.asarray(ids, dtype=np.int64)]).astype(np.float32)


def pad_rows(words: np.ndarray, encoded: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Embedding rows [texts, longest, hidden] and the attention mask [texts, longest] (1 = token)."""
    width = max(len(e) for e in encoded)
    rows = np.zeros((len(encoded), width, words.shape[1] * QK), dtype=np.float32)
    attention = np.zeros((len(encoded), width), dtype=np.float32)
    for i, ids in enumerate(encoded):
        rows[i, : len(ids)] = embedding_rows(words, ids)
        attention[i, : len(ids)] = 1.0
    return rows, attention


def feeds(session: Any, **inputs: np.ndarray) -> dict[str, np.ndarray]:
    """The inputs a graph declares (export drops an unused one: no frozen layer, no attention mask)."""
    names = {i.name for i in session.get_inputs()}
    return {name: value for name, value in inputs.items() if name in names}


@functools.cache
def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class EncoderRuntime:
    def __init__(self, folder: str | Path) -> None:
        import onnxruntime

        folder = Path(folder)
        missing = [name for name in FILES if not (folder / name).exists()]
        if missing:
            raise ArtifactError(f"{folder} lacks {', '.join(missing)}")
        meta = json.loads((folder / "encoder.json").read_text())
        if meta.get("format") != FORMAT:
            raise ArtifactError(f"{folder} is not a {FORMAT} artifact")
        self.meta: dict[str, Any] = meta
        self.labels: list[str] = list(meta["labels"])
        self.blend: dict[str, float] = dict(meta.get("blend") or {})
        self.calibration = Calibration.from_json(meta.get("calibration"))
        self.max_length = int(meta.get("max_length", 128))
        raw = json.loads((folder / "vocabulary.json").read_text())
        vocabulary = Vocabulary(
            pieces=raw["pieces"], scores=np.asarray(raw["scores"], dtype=np.float32), bos=raw["bos"],
            eos=raw["eos"], pad=raw["pad"], unk=raw["unk"], normalization=raw["normalization"],
        )  # fmt: skip
        self.tokenizer = Tokenizer(vocabulary)
        self.words = np.load(folder / "words.npy", mmap_mode="r")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.lower = onnxruntime.InferenceSession(
            str(folder / "lower.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.top = onnxruntime.InferenceSession(str(folder / "top.onnx"), options, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()

    def logits(self, texts: list[str]) -> np.ndarray:
        """[len(texts), labels] logits, the texts scored as one padded batch."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        rows, attention = pad_rows(self.words, [self.tokenizer.encode(t, max_length=self.max_length) for t in texts])
        with self._lock:
            (states,) = self.lower.run(None, feeds(self.lower, rows=rows, attention=attention))
            (out,) = self.top.run(None, feeds(self.top, states=states, attention=attention))
        return np.asarray(out, dtype=np.float32)

    def probabilities(self, texts: list[str], label: str = "violence") -> np.ndarray:
        """The label's probability for each text, scored in batches of 16."""
        column = self.labels.index(label)
        out = [self.logits(texts[i : i + 16])[:, column] for i in range(0, len(texts), 16)]
        logits = np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -60, 60)))

    def decision_score(self, language: str, fast: float, raw: float) -> float:
        """The second tier's violence score on the policy's scale: the fast tier's (calibrated)
        score and the encoder's probability blended with the weight training chose for the
        language, then calibrated per language as the fast tier is (`encoder.json`)."""
        code = (language or "").split("-")[0].lower()
        weight = self.blend.get(code, sum(self.blend.values()) / len(self.blend) if self.blend else 0.0)
        return round(self.calibration.apply(code, "violence", weight * fast + (1 - weight) * raw), 4)

    def predict(self, text: str) -> dict[str, float]:
        logits = self.logits([text])[0]
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits, -60, 60)))
        return {label: float(p) for label, p in zip(self.labels, probabilities, strict=True)}
