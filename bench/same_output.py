"""Same output check for speed work: two source trees, the same inputs, every result compared.

    python bench/same_output.py --old /path/to/old/src [--new src] [--limit 200] [--workers 1]

Runs ``lagebild analyze`` (in process, through the pipeline) of the first N 10kGNAD test
articles + the seeds, and of realnews_dev, into fresh SQLite stores, once with each source
tree on PYTHONPATH (e.g. ``git archive main src | tar -x -C /tmp/old``), and
``lagebild extract`` (cleaned and ``--raw``) of the same files. Then compares every dossier
JSON, extraction, clustering feature row, story membership and extract line, and prints how
many were compared and how many differ (exit 1 when any differs). Per-stage CPU seconds of
each run are printed too (exact with --workers 1: everything runs in one process).
Reads ../shared/data and ../shared/seeds; prints "skipped" when they are missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GNAD = SHARED / "data" / "10kgnad" / "test.csv"
REALNEWS = SHARED / "data" / "realnews_dev" / "realnews_dev.jsonl"
SEEDS = SHARED / "seeds"

# Runs inside the child process (its PYTHONPATH picks the source tree): analyse, dump.
_CHILD = r"""
import json, sys, tempfile, time
from collections import defaultdict
from pathlib import Path
from lagebild.embed import load_model
from lagebild.pipeline import AnalyzeOptions, analyze
from lagebild.store import open_store
from lagebild.store.serialize import extraction_to_json

out, workers, inputs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
load_model(1)
cpu = defaultdict(float)
last = [time.process_time()]
def tick(stage, done, total):
    now = time.process_time()
    cpu[stage] += now - last[0]
    last[0] = now
with tempfile.TemporaryDirectory() as tmp:
    store = open_store(Path(tmp) / "s.db")
    last[0] = time.process_time()
    analyze(inputs, store, AnalyzeOptions(workers=workers, threads=1), progress=tick)
    ids = [a.id for a in store.articles()]
    doc = {
        "dossiers": {sid: store.get_dossier(sid) for sid in store.story_ids()},
        "extractions": {k: json.loads(extraction_to_json(v)) for k, v in store.extractions(ids).items()},
        "features": {k: [v[0], v[1], bytes(v[2]).hex()] for k, v in store.story_features().items()},
        "members": store.story_memberships(),
        "cpu": dict(cpu),
    }
    store.close()
json.dump(doc, open(out, "w"), ensure_ascii=False, sort_keys=True)
"""


def _env(src: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": src, "LAGEBILD_THREADS": "1", "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1"}


def _gnad_jsonl(limit: int, path: Path) -> None:
    with GNAD.open(encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        rows = [r for r in csv.reader(f, delimiter=";", quotechar="'") if len(r) >= 2][:limit]
        for k, row in enumerate(rows):
            out.write(json.dumps({"id": f"gnad-0-{k:04d}", "text": row[1], "outlet": f"gnad-{k:04d}"},
                                 ensure_ascii=False) + "\n")


def _run(src: str, tmp: Path, tag: str, workers: int, corpora: dict[str, list[str]]) -> dict[str, object]:
    got: dict[str, object] = {}
    for name, inputs in corpora.items():
        out = tmp / f"{tag}.{name}.json"
        subprocess.run([sys.executable, "-c", _CHILD, str(out), str(workers), *inputs], env=_env(src), check=True)
        got[name] = json.loads(out.read_text(encoding="utf-8"))
    files = [p for ins in corpora.values() for p in ins]
    for mode in ([], ["--raw"]):
        res = subprocess.run([sys.executable, "-m", "lagebild", "extract", "-q", "--db", str(tmp / f"{tag}.db"), *mode,
                              *[p for p in files if not mode or p != str(SEEDS)]],
                             env=_env(src), capture_output=True, text=True, check=False)
        got["extract" + "".join(mode)] = res.stdout.splitlines()
    return got


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="the source tree to compare against (a src/ folder)")
    ap.add_argument("--new", default=str(Path(__file__).resolve().parents[1] / "src"), help="default: this repo's src/")
    ap.add_argument("--limit", type=int, default=200, help="10kGNAD test articles (default 200)")
    ap.add_argument("--workers", type=int, default=1, help="worker processes (default 1: CPU per stage is exact)")
    ap.add_argument("--keep", default=None, help="a folder to keep both runs' dumps in (old.*.json, new.*.json)")
    args = ap.parse_args()
    if not GNAD.is_file() or not REALNEWS.is_file():
        print(f"skipped: {GNAD} or {REALNEWS} not found (this bench reads ../shared)")
        return 0
    bad = 0
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        gnad = tmp / "gnad.jsonl"
        _gnad_jsonl(args.limit, gnad)
        corpora = {"10kgnad+seeds": [str(gnad), str(SEEDS)], "realnews_dev": [str(REALNEWS)]}
        old = _run(args.old, tmp, "old", args.workers, corpora)
        new = _run(args.new, tmp, "new", args.workers, corpora)
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            for dump in tmp.glob("*.json"):
                shutil.copy(dump, Path(args.keep) / dump.name)
    for name in corpora:
        a, b = old[name], new[name]
        assert isinstance(a, dict) and isinstance(b, dict)
        print(f"[{name}]  CPU-s per stage old -> new: " + ", ".join(
            f"{s} {a['cpu'].get(s, 0):.1f} -> {b['cpu'].get(s, 0):.1f}" for s in sorted(a["cpu"], key=lambda s: -a["cpu"][s])))
        for key in ("dossiers", "extractions", "features", "members"):
            differ = [k for k in set(a[key]) | set(b[key]) if a[key].get(k) != b[key].get(k)]
            bad += len(differ)
            print(f"  {key:12s} {len(a[key])} vs {len(b[key])} compared, {len(differ)} differ {sorted(differ)[:5] or ''}")
    for mode in ("extract", "extract--raw"):
        la, lb = old[mode], new[mode]
        assert isinstance(la, list) and isinstance(lb, list)
        differ = sum(x != y for x, y in zip(la, lb)) + abs(len(la) - len(lb))
        bad += differ
        print(f"  {mode:12s} {len(la)} vs {len(lb)} lines compared, {differ} differ")
    print("SAME OUTPUT" if not bad else f"DIFFERENT OUTPUT: {bad} items differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
