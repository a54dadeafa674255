"""The encoder as a torch module, for fine-tuning (imported only when training:
torch is in the `train` extra, never needed to serve).

Same arithmetic as `forward.NumpyEncoder`; the word embeddings are frozen (they are
the checkpoint's Q4_0 rows, dequantised, so training and serving see identical
inputs), everything above them is trained, and a linear head per label reads the
mean of the last layer's token states.
"""

import math

import numpy as np
import torch
from torch import nn

from moderation.encoder.weights import Checkpoint

MATRICES = ("q", "k", "v", "ao", "fi", "fo")


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(hidden, hidden)
        self.k = nn.Linear(hidden, hidden)
        self.v = nn.Linear(hidden, hidden)
        self.ao = nn.Linear(hidden, hidden)
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi = nn.Linear(hidden, intermediate)
        self.fo = nn.Linear(intermediate, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        head_dim = hidden // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, head_dim).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim) + mask
        context = torch.softmax(scores, dim=-1) @ v
        context = context.transpose(1, 2).reshape(batch, length, hidden)
        x = self.aln(x + self.dropout(self.ao(context)))
        middle = nn.functional.gelu(self.fi(x))
        return self.oln(x + self.dropout(self.fo(middle)))


class Classifier(nn.Module):
    def __init__(self, checkpoint: Checkpoint, labels: int) -> None:
        super().__init__()
        cfg = checkpoint.config
        self.eps = cfg.eps
        word = torch.from_numpy(checkpoint.array("emb.word"))
        self.word = nn.Embedding.from_pretrained(word, freeze=True)
        self.pos = nn.Parameter(torch.from_numpy(checkpoint.array("emb.pos").copy()))
        self.token_type = nn.Parameter(torch.from_numpy(checkpoint.array("emb.type")[0].copy()))
        self.eln = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.layers = nn.ModuleList(Layer(cfg.hidden, cfg.heads, cfg.intermediate, cfg.eps) for _ in range(cfg.layers))
        self.head = nn.Linear(cfg.hidden, labels)
        self.dropout = nn.Dropout(0.1)
        with torch.no_grad():
            self.eln.weight.copy_(torch.from_numpy(checkpoint.array("emb.ln.w")))
            self.eln.bias.copy_(torch.from_numpy(checkpoint.array("emb.ln.b")))
            for i, layer in enumerate(self.layers):
                for name in MATRICES:
                    linear = getattr(layer, name)
                    linear.weight.copy_(torch.from_numpy(checkpoint.array(f"l{i}.{name}.w")))
                    linear.bias.copy_(torch.from_numpy(checkpoint.array(f"l{i}.{name}.b")))
                for name in ("aln", "oln"):
                    norm = getattr(layer, name)
                    norm.weight.copy_(torch.from_numpy(checkpoint.array(f"l{i}.{name}.w")))
                    norm.bias.copy_(torch.from_numpy(checkpoint.array(f"l{i}.{name}.b")))
            self.head.weight.normal_(0, 0.02)
            self.head.bias.zero_()

    def pooled(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        length = ids.shape[1]
        x = self.eln(self.word(ids) + self.pos[:length] + self.token_type)
        mask = (1.0 - attention[:, None, None, :].to(x.dtype)) * -1e9
        for layer in self.layers:
            x = layer(x, mask)
        weights = attention.to(x.dtype).unsqueeze(-1)
        return (x * weights).sum(1) / weights.sum(1)

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.pooled(ids, attention)))

    def export(self) -> dict[str, np.ndarray]:
        """The trained weights under forward.NumpyEncoder's names (word embeddings excluded)."""
        out = {
            "emb.pos": self.pos.detach().numpy().copy(),
            "emb.type": self.token_type.detach().numpy()[None].copy(),
            "emb.ln.w": self.eln.weight.detach().numpy().copy(),
            "emb.ln.b": self.eln.bias.detach().numpy().copy(),
            "head.w": self.head.weight.detach().numpy().copy(),
            "head.b": self.head.bias.detach().numpy().copy(),
        }
        for i, layer in enumerate(self.layers):
            for name in (*MATRICES, "aln", "oln"):
                module = getattr(layer, name)
                out[f"l{i}.{name}.w"] = module.weight.detach().numpy().copy()
                out[f"l{i}.{name}.b"] = module.bias.detach().numpy().copy()
        return out
