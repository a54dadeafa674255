"""The encoder's forward pass in numpy, for scoring posts without torch.

A BERT encoder (post-LayerNorm, GELU, mean pooling) with a linear head per label.
The word embeddings stay Q4_0 blocks (54 MB instead of 384 MB of fp32) and only
the rows a post uses are dequantised; every other weight is fp32. Scoring one
post of 40 tokens costs about 1.7 GFLOP, a few tens of milliseconds on one core.
"""

import math
from collections.abc import Mapping, Sequence

import numpy as np

from moderation.encoder.weights import dequantize


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * weight + bias


def gelu(x: np.ndarray) -> np.ndarray:
    # The erf form the checkpoint was trained with (numpy has no erf; see _erf).
    return 0.5 * x * (1.0 + _erf(x * (1.0 / math.sqrt(2.0))))


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz-Stegun 7.1.26 refined (max error 1.5e-7), enough for float32 activations.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


class NumpyEncoder:
    """weights: "emb.word" (Q4_0 blocks), "emb.pos", "emb.type", "emb.ln.w/b", "l{i}.{q,k,v,ao,fi,fo}.{w,b}",
    "l{i}.{aln,oln}.{w,b}" as fp32 (matrices [out, in]), and "head.w" [labels, hidden], "head.b"."""

    def __init__(self, weights: Mapping[str, np.ndarray], *, layers: int, heads: int, eps: float) -> None:
        self.word = weights["emb.word"]
        self.layers = layers
        self.heads = heads
        self.eps = eps
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items() if k != "emb.word"}
        # Matrices transposed once so that x @ W runs without a copy.
        for name in list(self.w):
            if name.endswith(".w") and name.split(".")[1] in {"q", "k", "v", "ao", "fi", "fo"}:
                self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.hidden = self.w["emb.pos"].shape[1]

    def embed_tokens(self, ids: Sequence[int]) -> np.ndarray:
        rows = dequantize(self.word[np.asarray(ids, dtype=np.int64)])
        positions = self.w["emb.pos"][: len(ids)]
        x = rows + positions + self.w["emb.type"][0]
        return layer_norm(x, self.w["emb.ln.w"], self.w["emb.ln.b"], self.eps)

    def pooled(self, ids: Sequence[int]) -> np.ndarray:
        """Mean of the last layer's token states, shape [hidden]."""
        w, eps = self.w, self.eps
        x = self.embed_tokens(ids)
        length, hidden = x.shape
        head_dim = hidden // self.heads
        scale = 1.0 / math.sqrt(head_dim)
        for i in range(self.layers):
            p = f"l{i}."
            q = (x @ w[p + "q.w"] + w[p + "q.b"]).reshape(length, self.heads, head_dim).transpose(1, 0, 2)
            k = (x @ w[p + "k.w"] + w[p + "k.b"]).reshape(length, self.heads, head_dim).transpose(1, 2, 0)
            v = (x @ w[p + "v.w"] + w[p + "v.b"]).reshape(length, self.heads, head_dim).transpose(1, 0, 2)
            scores = (q @ k) * scale
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(length, hidden)
            x = layer_norm(x + context @ w[p + "ao.w"] + w[p + "ao.b"], w[p + "aln.w"], w[p + "aln.b"], eps)
            middle = gelu(x @ w[p + "fi.w"] + w[p + "fi.b"])
            x = layer_norm(x + middle @ w[p + "fo.w"] + w[p + "fo.b"], w[p + "oln.w"], w[p + "oln.b"], eps)
        return x.mean(axis=0)

    def logits(self, ids: Sequence[int]) -> np.ndarray:
        pooled = self.pooled(ids)
        return self.w["head.w"] @ pooled + self.w["head.b"]
