"""Dev bench for cross-outlet fact alignment on the five seed reports.

Cleans ../shared/seeds with the real cleaning/sentence code, aligns, and scores with
bench/seeds.py:evaluate (facts_complete, fact_outlet_recall) plus a support precision from
hand labels below: for the fact that evaluate matches to each expected fact, the share of
its supporting sentences that really state it.

Run: python bench/facts_seeds_dev.py [option=value ...] [-v]
(option = a FactOptions field; embeddings are cached in bench/out/facts_cache.db)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
sys.path.insert(0, str(HERE))

# (article prefix, sentence index) of the seed sentences that state each expected fact,
# read by hand from the cleaned sentences (lenient: close paraphrases count).
LABELS: dict[str, set[tuple[str, int]]] = {
    "no progress": {("000", 1), ("000", 2), ("000", 3), ("000", 5), ("000", 6), ("001", 2), ("001", 20),
                    ("002", 23), ("003", 0), ("003", 15), ("004", 0), ("004", 4), ("004", 6)},
    "almost an hour": {("000", 11), ("001", 1), ("001", 16), ("003", 6)},
    "sixth call": {("000", 10), ("002", 8), ("003", 5), ("003", 6), ("004", 9)},
    "Putin sticks to goals": {("000", 13), ("001", 0), ("001", 4), ("001", 5), ("001", 6), ("001", 8),
                              ("002", 11), ("003", 3), ("003", 4), ("003", 16), ("003", 20), ("004", 10)},
    "Trump pushed for quick end": {("000", 12), ("001", 14), ("002", 10), ("003", 3), ("003", 16)},
    "Iran / Middle East discussed": {("000", 4), ("000", 14), ("001", 17), ("001", 18), ("003", 9),
                                     ("003", 10), ("003", 18)},
}


def _facts_module():
    """lagebild.compare.facts, or the file named by $FACTS_MODULE (to compare versions)."""
    import importlib.util
    import os

    path = os.environ.get("FACTS_MODULE")
    if not path:
        import lagebild.compare.facts as mod

        return mod
    spec = importlib.util.spec_from_file_location("lagebild.compare._facts_alt", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    if not (SHARED / "seeds").is_dir():
        print(f"skipped: {SHARED / 'seeds'} not found (this bench reads ../shared/seeds)")
        return 0
    import seeds as B

    F = _facts_module()
    FactOptions, align_claims, exclusives, facts_from_groups = F.FactOptions, F.align_claims, F.exclusives, F.facts_from_groups
    from lagebild.embed import Embedder
    from lagebild.ingest.files import iter_raw_articles
    from lagebild.models import Dossier, Story
    from lagebild.pipeline import prepare_article, raw_hash
    from lagebild.store import open_store

    arts = [prepare_article(r, raw_hash(r)) for r in iter_raw_articles([SHARED / "seeds"])]
    kw = {}
    for a in sys.argv[1:]:
        if "=" in a:
            k, v = a.split("=")
            kw[k] = float(v) if "." in v else int(v)
    opt = FactOptions(**kw)
    (HERE / "out").mkdir(exist_ok=True)
    emb = Embedder(open_store(HERE / "out" / "facts_cache.db"))
    t = time.time()
    al = align_claims(arts, emb, opt)
    facts = facts_from_groups(al, arts)
    ex = exclusives(al, arts, opt)
    print("align", round(time.time() - t, 1), "s", len(al.claims), "claims", emb.computed, "embedded")
    doc = Dossier(Story("s", "t", tuple(a.id for a in arts)), tuple(arts), facts=tuple(facts), exclusive=tuple(ex)).to_dict()
    fig, _ = B.evaluate([doc])
    sent = {(a.id, s.i): s.text for a in arts for s in a.sentences}
    good = bad = 0
    for name, got, missing, text in B.evaluate.details:
        f = next((f for f in facts if f.text == text), None)
        sup = [(r.article[:3], r.sentence) for r in f.support] if f else []
        wrong = [r for r in sup if r not in LABELS[name]]
        good += len(sup) - len(wrong)
        bad += len(wrong)
        print(f"  {name:28s} found {','.join(got) or '-':20s} missing {','.join(missing) or '-':12s} wrong {wrong} | {text[:60]}")
    all_labeled = set().union(*LABELS.values())
    fig["support_precision"] = round(good / max(1, good + bad), 3)
    # facts whose support holds no labeled sentence at all: not one of the six (may be real)
    fig["other_facts"] = sum(1 for f in facts if not {(r.article[:3], r.sentence) for r in f.support} & all_labeled)
    print(fig)
    if "-v" in sys.argv:
        for f in facts:
            g = next(g for g in al.groups if g.id[2:] == f.id[2:])
            anc = al.claims[getattr(al, "anchors", {}).get(g.id, 0)]
            print(f"[{f.outlets}] {f.text[:110]}   <ANCHOR {anc.ref.article[:3]}:{anc.ref.sentence} {anc.text[:60]}>")
            for r in f.support:
                print("      ", r.article[:3], r.sentence, sent[(r.article, r.sentence)][:100])
        print("EXCLUSIVE")
        for e in ex:
            print("   ", e.ref.article[:3], e.text[:110])
    return 0


if __name__ == "__main__":
    sys.exit(main())
