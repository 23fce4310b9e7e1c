"""Train the shipped CRF entity tagger and rebuild the shipped place table.

    python bench/train_ner.py            # writes src/lagebild/extract/data/
    python bench/train_ner.py --cv 5     # k-fold figures for the CRF alone

The CRF's word-cluster features read src/lagebild/extract/data/ner_clusters.tsv.gz: rebuild
that first (bench/ner_clusters.py) if it changes, then retrain.

Training data: GermEval 2014 NER, dev split, from ../shared/data/germeval2014/NER-de-dev.tsv
(CC BY 4.0; Benikova et al. 2014). The model file is a derived work shipped with credit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lagebild.extract import gazetteer, ner_model
from lagebild.text.lemmas import tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = REPO / "src" / "lagebild" / "extract" / "data"


def load(shared: Path, keep_sub: bool = False) -> list[tuple[list[str], list[str], str, list]]:
    """GermEval sentences as (words, BIO labels, text, gold spans) in our own tokenisation.
    Gold spans never include *deriv/*part; labels do when ``keep_sub``."""
    path = shared / "data" / "germeval2014" / "NER-de-dev.tsv"
    rows = []
    for (text, spans), (_, sub) in zip(ner_model.read_germeval(path), ner_model.read_germeval(path, keep_sub)):
        toks = tokenize(text)
        rows.append(([t.text for t in toks], ner_model.bio_labels(toks, sub), text, spans))
    return rows


def folds(n: int, k: int) -> list[list[int]]:
    """Deterministic interleaved folds (sentence i goes to fold i % k)."""
    return [[i for i in range(n) if i % k == f] for f in range(k)]


def _spans(words_toks, labels) -> set[tuple[int, int, str]]:
    out, cur = set(), None
    for t, lab in zip(words_toks, labels):
        if lab.startswith("B-") or (lab.startswith("I-") and (cur is None or cur[2] != lab[2:])):
            if cur:
                out.add(tuple(cur))
            cur = [t.start, t.end, lab[2:]]
        elif lab.startswith("I-"):
            cur[1] = t.end
        else:
            if cur:
                out.add(tuple(cur))
            cur = None
    if cur:
        out.add(tuple(cur))
    return out


def cv_crf(rows, k: int, params: dict | None = None, only_folds: set[int] | None = None) -> dict[str, float]:
    """Strict span F1 of the CRF alone (PER/LOC/ORG), k-fold (or some folds: ``only_folds``)."""
    import tempfile

    counts = {t: [0, 0, 0] for t in ("PER", "LOC", "ORG")}
    for f, test in enumerate(folds(len(rows), k)):
        if only_folds is not None and f not in only_folds:
            continue
        ts = set(test)
        train = [r for i, r in enumerate(rows) if i not in ts]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "m.gz"
            ner_model.train_model([r[0] for r in train], [r[1] for r in train], out, params)
            import gzip

            tagger = ner_model.open_model_bytes(gzip.decompress(out.read_bytes()))
        for i in test:
            words, _labels, text, spans = rows[i]
            toks = tokenize(text)
            pred = {s for s in _spans(toks, ner_model.tag_words(words, tagger)) if s[2] in ("PER", "LOC", "ORG")}
            gold = {tuple(s) for s in spans if s[2] != "OTH"}
            for typ, c in counts.items():
                p_t = {s for s in pred if s[2] == typ}
                g_t = {s for s in gold if s[2] == typ}
                c[0] += len(p_t & g_t)
                c[1] += len(p_t - g_t)
                c[2] += len(g_t - p_t)
    out: dict[str, float] = {}
    for typ, (tp, fp, fn) in counts.items():
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        out["f1_" + typ.lower()] = 2 * p * r / max(p + r, 1e-9)
    tp, fp, fn = (sum(c[j] for c in counts.values()) for j in range(3))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / max(p + r, 1e-9), **out}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", type=int, default=0, help="k-fold evaluation of the CRF alone")
    ap.add_argument("--fold", default=None, help="with --cv: score only these folds (e.g. 0 or 0,1), a cheap check")
    ap.add_argument("--c1", type=float, default=None)
    ap.add_argument("--c2", type=float, default=None)
    ap.add_argument("--keep-sub", action="store_true", help="train *deriv/*part as own labels")
    args = ap.parse_args()
    if not (SHARED / "data" / "germeval2014").exists():
        print(f"skipped: {SHARED / 'data' / 'germeval2014'} is absent")
        return 0
    rows = load(SHARED, args.keep_sub)
    params = dict(ner_model.CRF_PARAMS)
    if args.c1 is not None:
        params["c1"] = args.c1
    if args.c2 is not None:
        params["c2"] = args.c2
    if args.cv:
        t = time.time()
        only = {int(x) for x in args.fold.split(",")} if args.fold else None
        res = cv_crf(rows, args.cv, params, only)
        print(f"CRF alone, {args.cv}-fold (fold {args.fold}), keep_sub={args.keep_sub}, params {params}: "
              + ", ".join(f"{k}={v:.3f}" for k, v in res.items()) + f" ({time.time() - t:.0f}s)")
        return 0
    n = gazetteer.build_place_table(DATA / gazetteer.PLACES_FILE)
    print(f"place table: {n} names -> {DATA / gazetteer.PLACES_FILE}")
    t = time.time()
    ner_model.train_model([r[0] for r in rows], [r[1] for r in rows], DATA / ner_model.MODEL_FILE, params)
    size = (DATA / ner_model.MODEL_FILE).stat().st_size
    print(f"CRF trained on {len(rows)} sentences in {time.time() - t:.0f}s -> "
          f"{DATA / ner_model.MODEL_FILE} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
