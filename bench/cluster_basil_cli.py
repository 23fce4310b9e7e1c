"""BASIL through the command line, as the issue measures it: `lagebild cluster --json`.

Runs the real command (cleaning, sentence splitting, embedding, clustering) on
../shared/data/basil/basil_docs.jsonl in a fresh store and scores pairwise and BCubed F1
against the gold `cluster` field. (bench/cluster_basil.py tunes the clustering function
alone, with baselines and sensitivity.)

Run: python bench/cluster_basil_cli.py
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Measured 2026-11-21: see the closing note; floors a little under.
FLOORS = {"pairwise_f1": 0.85, "bcubed_f1": 0.90}


def _metrics():
    spec = importlib.util.spec_from_file_location("bench_cluster_basil", Path(__file__).with_name("cluster_basil.py"))
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod.pairwise_scores, mod.bcubed_scores


def run(shared: Path = SHARED) -> dict[str, float]:
    path = shared / "data" / "basil" / "basil_docs.jsonl"
    gold = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            gold[d["id"]] = str(d["cluster"])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "lagebild", "cluster", str(path), "--json", "--quiet", "--db", str(Path(tmp) / "basil.db")],
            capture_output=True, text=True, check=False,
        )
        elapsed = time.perf_counter() - t0
    if out.returncode not in (0, 1):
        raise RuntimeError(f"lagebild cluster failed ({out.returncode}): {out.stderr[-2000:]}")
    stories = json.loads(out.stdout)["stories"]
    pred = {a: s["id"] for s in stories for a in s["articles"]}
    pairwise, bcubed = _metrics()
    pp, pr, pf = pairwise(pred, gold)
    bp, br, bf = bcubed(pred, gold)
    return {
        "pairwise_p": round(pp, 3), "pairwise_r": round(pr, 3), "pairwise_f1": round(pf, 3),
        "bcubed_p": round(bp, 3), "bcubed_r": round(br, 3), "bcubed_f1": round(bf, 3),
        "stories": float(len(stories)), "gold_stories": float(len(set(gold.values()))), "seconds": round(elapsed, 1),
    }


def main() -> int:
    if not (SHARED / "data" / "basil").is_dir():
        print(f"skipped: {SHARED / 'data' / 'basil'} not found (this bench reads ../shared)")
        return 0
    figures = run()
    for k, v in figures.items():
        floor = FLOORS.get(k)
        print(f"{k:14s} {v}" + ("" if floor is None else ("  ok" if v >= floor else f"  BELOW FLOOR {floor}")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
