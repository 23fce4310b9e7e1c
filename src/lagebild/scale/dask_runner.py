"""Run the pipeline's per-item tasks on a Dask cluster (``--scheduler tcp://HOST:PORT``).

Cleaning, embedding, extraction and dossier building are submitted as Dask tasks (the
callables of ``scale.tasks``); results come back to this process, which stays the store's
only writer. Workers need lagebild installed (same version). A worker reads stored vectors
directly when it can reach the store (a PostgreSQL URL, or the SQLite file on the same
machine); otherwise it computes them and the client stores them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from ..errors import MissingExtra, UsageError

__all__ = ["DaskRunner"]

T = TypeVar("T")
R = TypeVar("R")

# Tasks in flight per Dask worker thread: keeps workers fed while the client writes, and
# keeps client memory flat (same reasoning as scale.pool.IN_FLIGHT_PER_WORKER).
IN_FLIGHT_PER_THREAD = 4
# Seconds to wait for the scheduler before giving up with a clear message.
CONNECT_TIMEOUT_S = 10


def _run_task(fn: Callable[[T], R], item: T, threads: int, store_where: str | None) -> R:
    """Runs on a Dask worker: set this process up once, then do one item."""
    from . import tasks

    if getattr(tasks, "_dask_ready", None) != (threads, store_where):
        from .pool import _init_worker

        _init_worker(threads, store_where)
        tasks._dask_ready = (threads, store_where)  # type: ignore[attr-defined]
    return fn(item)


class DaskRunner:
    """A runner (see ``scale.pool.Runner``) on a running Dask scheduler."""

    in_process = False

    def __init__(self, scheduler: str, threads: int | None = None, store_where: str | None = None) -> None:
        try:
            from distributed import Client
        except ImportError as e:
            raise MissingExtra("distributed", "dask") from e
        try:
            self.client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)  # type: ignore[no-untyped-call]  # distributed is untyped
        except OSError as e:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        info = self.client.scheduler_info()
        workers = info.get("workers", {})
        self.workers = max(1, len(workers))
        self.slots = max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))
        # one BLAS thread per task: a worker runs as many tasks at once as it has threads
        self.threads = 1 if threads is None else max(1, threads)
        self.store_where = store_where

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending: deque[Any] = deque()
        limit = self.slots * IN_FLIGHT_PER_THREAD
        for it in items:
            pending.append(self.client.submit(_run_task, fn, it, self.threads, self.store_where, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def imap_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
        """(index in ``items``, result) as each finishes (see ``LocalPool.imap_unordered``)."""
        from distributed import as_completed

        limit = self.slots * IN_FLIGHT_PER_THREAD
        index: dict[Any, int] = {}
        # on this runner's client's loop (without one it looks for a default client)
        done = as_completed(loop=self.client.loop)  # type: ignore[no-untyped-call]  # distributed is untyped
        for i, it in enumerate(items):
            fut = self.client.submit(_run_task, fn, it, self.threads, self.store_where, pure=False)
            index[fut] = i
            done.add(fut)  # type: ignore[no-untyped-call]  # distributed is untyped
            while len(index) >= limit:
                f = next(done)
                yield index.pop(f), f.result()
        for f in done:
            yield index.pop(f), f.result()

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]  # distributed is untyped

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
