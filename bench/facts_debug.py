"""Dev helper: features and links of claims matching a substring (seeds or examples).

Run: /work/venv/bin/python bench/facts_debug.py seeds|examples "substring" [min_link]
"""
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    import lagebild.compare.facts as F
    from lagebild.embed import Embedder
    from lagebild.store import open_store
    from lagebild.text.lemmas import tag

    which, needle = sys.argv[1], sys.argv[2]
    if which == "seeds" and not (HERE.parent.parent / "shared" / "seeds").is_dir():
        print("skipped: ../shared/seeds not found (this dev helper reads it)")
        return
    lo = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    if which == "seeds":
        from lagebild.ingest.files import iter_raw_articles
        from lagebild.pipeline import prepare_article, raw_hash
        arts = [prepare_article(r, raw_hash(r)) for r in iter_raw_articles([HERE.parent.parent / "shared" / "seeds"])]
    else:
        import facts_examples as E
        arts = E.story_articles()["varnsee-ferry"]
    emb = Embedder(open_store(HERE / "out" / "facts_cache.db"))
    cap = {}
    orig_c, orig_l = F._containment_cosine, F._lexical_containment
    F._containment_cosine = lambda *a: cap.setdefault("sem", orig_c(*a))
    F._lexical_containment = lambda *a: cap.setdefault("lex", orig_l(*a))
    al = F.align_claims(arts, emb)
    sem, cover = cap["sem"], cap["lex"][1]
    for i, c in enumerate(al.claims):
        if needle not in c.text:
            continue
        a = next(a for a in arts if a.id == c.ref.article)
        s = a.sentences[c.ref.sentence]
        toks = [t for t in tag(s.text, a.language, s.start) if c.start <= t.start and t.end <= c.end]
        print(f"## [{i}] {c.ref.article[:12]}:{c.ref.sentence} {c.text}")
        print("   feats", [(f, nm) for _, _, f, nm in F.claim_features(toks, a.language)])
        row = al.link[i]
        for j in np.argsort(-row)[:12]:
            if row[j] < lo:
                break
            print(f"   -> {row[j]:.2f} sem {sem[i, j]:.2f} cov {cover[i, j]:.2f} [{j}] {al.claims[j].ref.article[:6]}:{al.claims[j].ref.sentence} {al.claims[j].text[:100]}")


main()
