"""Run per-item work in worker processes while the parent stays the store's single writer.

``open_runner`` gives a runner with two methods that matter: ``imap(fn, items)``, results in
input order, and ``imap_unordered(fn, items)``, (index, result) pairs as they finish (a long
item does not hold the other workers up); at most a few items in flight per worker (memory
stays flat however many items there are). One worker runs everything in-process; several run in a process pool
whose workers each use one BLAS thread; a Dask scheduler address runs them on a Dask
cluster (``scale.dask_runner``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol, TypeVar

from ..embed import available_cores, resolve_threads

__all__ = ["GC_THRESHOLDS", "IN_FLIGHT_PER_WORKER", "RECYCLE_MIN_OWN_MB", "RECYCLE_RSS_MB", "RECYCLE_TASKS_PER_WORKER", "LocalPool", "Runner",
           "default_workers", "open_runner", "tune_gc"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Items handed to each worker ahead of the one it works on: enough to keep it busy while the
# parent writes results, few enough that memory does not grow with the input (10kGNAD bench).
IN_FLIGHT_PER_WORKER = 4

# Tasks a worker runs before the pool replaces it by a fresh fork of the parent. The per-run
# memos are bounded one by one, but together, with the pages of the shared models a worker
# copies as it touches them, a worker of the 10,000-article speed bench grew to 1,665 MB
# (bar 1,500 MB); one process that ran all stages of 1,033 articles (about 3,000 tasks)
# peaked at 1,202 MB. The 1,028-article bench runs about 1,500 tasks per worker and never
# reaches this; a fresh worker starts with empty memos (the results do not depend on them).
RECYCLE_TASKS_PER_WORKER = 2_500

# ... and as soon as one worker's resident memory exceeds this (MB; read from /proc, Linux).
# The speed bench's 4,000-article run (10kGNAD four times) had its workers at 1,214 MB when
# its largest story (38 articles, the alignment's 3,000 clause claims: claims x claims
# matrices) took one to 1,511 MB for 4 s (bar 1,500 MB); with this bound the same run
# replaced its workers twice and peaked at 1,105 MB, the 10,000-article run at 1,177 MB
# (2026-12-02). The 1,028-article bench's workers stay under 920 MB and are never replaced
# for this.
RECYCLE_RSS_MB = 1_000
# A forked worker's resident memory counts the pages it shares with the process that forked
# it, so it starts at about that process's size. A worker is replaced for its memory only
# once it holds at least this much more than its parent did at the fork: a parent above
# RECYCLE_RSS_MB (a long run's writer, a test process) replaced its fresh workers after every
# RSS_CHECK_EVERY tasks before, each time waiting for the tasks in flight (seen 2026-12-02
# with a 1.2 GB parent). With the benches' parents (450-820 MB) the bound stays RECYCLE_RSS_MB.
RECYCLE_MIN_OWN_MB = 300
# The workers' memory is read before every this many tasks are handed out.
RSS_CHECK_EVERY = 8


class Runner(Protocol):
    workers: int
    in_process: bool

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def imap_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]: ...

    def close(self) -> None: ...


# The garbage collector's thresholds in the processes that run the pipeline's tasks (the
# workers; the one process of a 1-worker run). The tasks fill per-run memos (HanTa's word
# analyses, tagged sentences, entity features) with millions of objects that every full
# collection walks, and make little cyclic garbage (reference counting frees the rest):
# with CPython's default (700, 10, 10) the per-article stage of 1,028 10kGNAD articles in
# one process spent 7.0 of 65.6 CPU-s collecting (5.5 s in 14 full collections), 200
# articles 1.7 of 14.0 s; with (10000, 10, 10) the 200 spent 0.6 s. A full collection
# still comes after 10 generation-1 ones (every ~10**6 net allocations), and only when
# the objects waiting for one exceed a quarter of those already old (CPython's rule).
GC_THRESHOLDS = (10_000, 10, 10)


def tune_gc() -> None:
    """Set GC_THRESHOLDS in this process (the worker tasks' settings)."""
    gc.set_threshold(*GC_THRESHOLDS)


def default_workers() -> int:
    """Worker processes when nothing is set: LAGEBILD_WORKERS, else the cores available."""
    env = os.environ.get("LAGEBILD_WORKERS", "").strip()
    return max(1, int(env)) if env.isdigit() else available_cores()


# How often a worker checks that the process that started it still lives (seconds).
PARENT_CHECK_SECONDS = 2.0


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with -9, it cannot tell its pool):
    an orphaned worker would otherwise wait for tasks for ever and keep the store open."""
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(threads: int, store_where: str | None) -> None:
    from .tasks import set_store_location, set_threads

    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True,
                     name="lagebild-parent-watch").start()
    set_threads(threads)
    set_store_location(store_where)
    tune_gc()
    os.environ["LAGEBILD_THREADS"] = str(threads)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)
    except ImportError:  # numpy then uses its own default; the embedder still sets its own
        pass


class LocalPool:
    """In-process (1 worker) or a local process pool (several)."""

    def __init__(self, workers: int | None = None, threads: int | None = None, store_where: str | None = None) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self.in_process = self.workers == 1
        self.threads = resolve_threads(threads, self.workers)
        self._ex: ProcessPoolExecutor | None = None
        self._store_where = store_where
        self._submitted = 0  # tasks handed to the current workers
        self.recycle_after = RECYCLE_TASKS_PER_WORKER * self.workers
        self.recycled = 0  # times worn workers were replaced (RECYCLE_TASKS_PER_WORKER, RECYCLE_RSS_MB)
        self.generations = 0  # sets of workers started (cleaning workers, recycling)
        self._light = False  # the current workers were forked after warm_clean only
        self._warming: threading.Thread | None = None
        self._fork_mb = 0.0  # this process's resident memory when the current workers were forked
        if self.in_process:
            from .tasks import set_threads

            set_threads(self.threads)
            tune_gc()

    def _executor(self, fn: Callable[..., Any]) -> ProcessPoolExecutor:
        if self._ex is None:
            # fork: workers start at once and share the parent's loaded models. Not from a
            # side thread (the web app's job runner): forking a threaded server can copy a
            # held lock into the child, so those runs (and non-Linux systems) spawn.
            main = threading.current_thread() is threading.main_thread()
            method = "fork" if main and "fork" in mp.get_all_start_methods() else "spawn"
            light = False
            if method == "fork":
                from .tasks import CLEAN_TASKS, warm, warm_clean

                light = fn in CLEAN_TASKS and self._warming is None
                if light:
                    warm_clean()
                else:
                    self._join_warming()
                    warm(self.threads)
                # the loaded models, moved out of the collector's sight before the fork:
                # no worker's collection walks (and so copies) their memory pages
                gc.freeze()
            self._fork_mb = _rss_mb(os.getpid())
            self._ex = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=mp.get_context(method),
                initializer=_init_worker,
                initargs=(self.threads, self._store_where),
            )
            self._light = light
            self.generations += 1
            if light:
                self._start_warming(self._ex)
        return self._ex

    def _start_warming(self, ex: ProcessPoolExecutor) -> None:
        """Fork the cleaning workers now (a fork-context pool starts all of them with its
        first task), then load the rest of the models in a side thread of this process while
        they clean: the whole ``warm`` before the first fork had kept both cores idle for
        4.2 s of the 10kGNAD speed bench (issue #9). The next kind of task gets fresh
        workers, forked after the thread has finished (``_renew``). 10kGNAD + seeds, whole
        process, two runs each in turn (2026-12-02): 115.4 s with cleaning workers, 122.7 s
        without (the whole warm first)."""
        from .tasks import warm

        ex.submit(os.getpid).result()

        def load() -> None:
            # a failure here is met again when warm runs in the open, before the next fork
            with contextlib.suppress(Exception):
                warm(self.threads)

        self._warming = threading.Thread(target=load, daemon=True, name="lagebild-warm")
        self._warming.start()

    def _join_warming(self) -> None:
        if self._warming is not None:
            self._warming.join()

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.in_process:
            for it in items:
                yield fn(it)
            return
        pending: deque[Future[R]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for it in items:
            if self._renew(fn):
                while pending:  # the old workers finish what they hold first
                    yield pending.popleft().result()
                self._recycle()
            pending.append(self._submit(fn, it))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def imap_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
        """(index in ``items``, result) as each finishes: with ``imap`` a long item at the head
        left the other workers idle once they had done the few items behind it (10kGNAD
        dossier stage: a 5 s story among 0.01 s ones)."""
        if self.in_process:
            for i, it in enumerate(items):
                yield i, fn(it)
            return
        running: dict[Future[R], int] = {}
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for i, it in enumerate(items):
            if self._renew(fn):
                while running:  # the old workers finish what they hold first
                    yield from _finished(running)
                self._recycle()
            running[self._submit(fn, it)] = i
            while len(running) >= limit:
                yield from _finished(running)
        while running:
            yield from _finished(running)

    def _submit(self, fn: Callable[[T], R], item: T) -> Future[R]:
        self._submitted += 1
        return self._executor(fn).submit(fn, item)

    def _renew(self, fn: Callable[..., Any]) -> bool:
        """True when the workers must be replaced before ``fn`` runs: they are worn
        (RECYCLE_TASKS_PER_WORKER), or they were forked for cleaning and ``fn`` is another
        task (it needs the models loaded since)."""
        if self._ex is None:
            return False
        if self._light:
            from .tasks import CLEAN_TASKS

            if fn not in CLEAN_TASKS:
                return True
        if self._submitted >= self.recycle_after:
            return True
        if self._submitted % RSS_CHECK_EVERY:
            return False
        return self._largest_worker_mb() > max(RECYCLE_RSS_MB, self._fork_mb + RECYCLE_MIN_OWN_MB)

    def _largest_worker_mb(self) -> float:
        """The resident memory of the largest current worker in MB (0 where /proc cannot
        tell: other systems recycle by task count only)."""
        procs = getattr(self._ex, "_processes", None) or {}
        return max((_rss_mb(pid) for pid in list(procs)), default=0.0)

    def _recycle(self) -> None:
        """Replace the workers by fresh ones."""
        worn = not self._light
        if worn:
            log.info("worker processes replaced after %d tasks (largest %.0f MB)", self._submitted, self._largest_worker_mb())
        self.close()
        self.recycled += worn

    def close(self) -> None:
        self._join_warming()
        if self._ex is not None:
            self._ex.shutdown(wait=True, cancel_futures=True)
            self._ex = None
        self._submitted = 0
        self._light = False

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _finished(running: dict[Future[R], int]) -> Iterator[tuple[int, R]]:
    """Wait for at least one of ``running`` to finish; take the finished ones out (in input
    order) and yield them with their indexes."""
    done, _ = wait(running, return_when=FIRST_COMPLETED)
    for fut in sorted(done, key=running.__getitem__):
        yield running.pop(fut), fut.result()


def open_runner(
    workers: int | None = None,
    threads: int | None = None,
    scheduler: str | None = None,
    store_where: str | None = None,
) -> Any:
    """A LocalPool, or a DaskRunner when ``scheduler`` (tcp://HOST:PORT) is given."""
    if scheduler:
        from .dask_runner import DaskRunner

        return DaskRunner(scheduler, threads=threads, store_where=store_where)
    return LocalPool(workers, threads, store_where)
