"""Build the word-cluster table the CRF entity tagger uses (``ner_clusters.tsv.gz``).

    /work/venv/bin/python bench/ner_clusters.py

Distributional clusters computed offline from German news text we have: the 10kGNAD
articles (../shared/data/10kgnad/test.csv, DER STANDARD 2015-16, CC BY-NC-SA 4.0) and the
GermEval 2014 dev sentences (CC BY 4.0). Each word form seen at least ``MIN_COUNT`` times
gets a vector of positive PMI with its left and right neighbours (the ``CONTEXTS`` most
frequent words on each side), reduced by SVD to ``DIMS`` dimensions and normalised; k-means
at three granularities (``KS``) gives each word three cluster ids. Only the derived ids per
word are shipped (no text); the file is a few hundred kB.
"""

from __future__ import annotations

import csv
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from lagebild.lang.tokens import tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "src" / "lagebild" / "extract" / "data" / "ner_clusters.tsv.gz"

MIN_COUNT = 3  # words seen fewer times get no cluster (too little context to place them)
CONTEXTS = 1500  # most frequent (lowercased) words used as left/right context features
DIMS = 80  # SVD dimensions of the PPMI vectors
KS = (64, 256, 1024)  # k-means granularities, coarse to fine
VEC_DIMS = 24  # leading SVD dimensions shipped per word as int8 (CRF numeric features)
SEED = 13


def sentences(shared: Path) -> list[list[str]]:
    out: list[list[str]] = []
    csv.field_size_limit(10**8)
    with open(shared / "data" / "10kgnad" / "test.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                out.append([t.text for t in tokenize(row[1])])
    with open(shared / "data" / "germeval2014" / "NER-de-dev.tsv", encoding="utf-8") as fh:
        cur: list[str] = []
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                if cur:
                    out.append(cur)
                cur = []
            else:
                cur.append(parts[1])
        if cur:
            out.append(cur)
    return out


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> np.ndarray:
    cent = x[rng.choice(len(x), k, replace=False)].copy()
    lab = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        lab = np.argmax(x @ cent.T, axis=1)  # spherical k-means (rows are unit vectors)
        for c in range(k):
            m = x[lab == c]
            if len(m):
                v = m.sum(axis=0)
                cent[c] = v / max(float(np.linalg.norm(v)), 1e-9)
    return lab


def main() -> int:
    if not (SHARED / "data" / "10kgnad").exists():
        print(f"skipped: {SHARED / 'data' / '10kgnad'} is absent")
        return 0
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    t0 = time.time()
    sents = sentences(SHARED)
    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, c in freq.items() if c >= MIN_COUNT and any(ch.isalpha() for ch in w)]
    vid = {w: i for i, w in enumerate(vocab)}
    lfreq = Counter(w.lower() for s in sents for w in s)
    ctx = {w: i for i, (w, _) in enumerate(lfreq.most_common(CONTEXTS))}
    rows, cols = [], []
    for s in sents:
        low = ["<s>"] + [w.lower() for w in s] + ["</s>"]
        for i, w in enumerate(s):
            r = vid.get(w)
            if r is None:
                continue
            left, right = low[i], low[i + 2]
            if left in ctx:
                rows.append(r)
                cols.append(ctx[left])
            if right in ctx:
                rows.append(r)
                cols.append(CONTEXTS + ctx[right])
    m = coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(vocab), 2 * CONTEXTS)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    pr = np.asarray(m.sum(axis=1)).ravel() / total
    pc = np.asarray(m.sum(axis=0)).ravel() / total
    m = m.tocoo()
    pmi = np.log((m.data / total) / (pr[m.row] * pc[m.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    u, s, _ = svds(ppmi, k=DIMS, random_state=SEED)
    x = (u * np.sqrt(s)).astype(np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(SEED)
    labs = [kmeans(x, k, rng) for k in KS]
    order = np.argsort(-s)[:VEC_DIMS]
    v = u[:, order] * np.sqrt(s[order])
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    q = np.clip(np.round(v * 127), -127, 127).astype(np.int64)
    lines = [
        w + "\t" + "\t".join(str(int(lab[i])) for lab in labs) + "\t" + ",".join(str(int(c)) for c in q[i])
        for i, w in enumerate(vocab)
    ]
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(sents)} sentences, {sum(freq.values())} tokens, {len(vocab)} words clustered "
          f"into {KS} -> {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
