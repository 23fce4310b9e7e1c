"""Background analysis jobs for the web app: one worker thread, one writer at a time.

A job holds the inputs a user gave in the browser (saved upload files, pasted text, URLs).
The worker fetches URLs, runs ``lagebild.pipeline.analyze`` into the store and records
progress, so the job page can poll it; jobs run one after another.
"""

from __future__ import annotations

import itertools
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LagebildError
from ..models import RawArticle

__all__ = ["STATE_LABELS", "Job", "JobRunner"]

log = logging.getLogger(__name__)

STATE_LABELS = {"queued": "wartet", "running": "läuft", "done": "fertig",
                "failed": "fehlgeschlagen"}
MAX_JOBS_KEPT = 200  # finished jobs remembered for their pages; older ones are forgotten


@dataclass
class Job:
    """One analysis request and how far it got."""

    id: str
    inputs: list[str]
    files: list[Path] = field(default_factory=list)
    raws: list[RawArticle] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    state: str = "queued"
    stage: str | None = None
    done: int = 0
    total: int = 0
    articles_new: int = 0
    stories: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The job in its JSON shape (``/jobs/{id}.json``)."""
        return {"id": self.id, "state": self.state, "state_label": STATE_LABELS[self.state],
                "stage": self.stage, "done": self.done, "total": self.total,
                "inputs": list(self.inputs), "articles_new": self.articles_new,
                "stories": list(self.stories), "failures": list(self.failures),
                "error": self.error}


class JobRunner:
    """Queue of jobs worked off by one daemon thread that owns the only writing store."""

    def __init__(self, store_path: str | Path, *, allow_private_urls: bool = False,
                 fetch_max_bytes: int = 5_000_000,
                 open_writer: Callable[[], Any] | None = None) -> None:
        self.store_path = store_path
        self.allow_private_urls = allow_private_urls
        self.fetch_max_bytes = fetch_max_bytes
        self._open_writer = open_writer
        self._jobs: dict[str, Job] = {}
        self._order: list[str] = []
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._counter = itertools.count(1)

    def new_id(self) -> str:
        """A fresh job id (also used as the upload folder name)."""
        return f"{next(self._counter):04d}-{secrets.token_hex(4)}"

    def submit(self, job: Job) -> Job:
        """Queue ``job`` and start the worker if it is not running."""
        with self._lock:
            self._jobs[job.id] = job
            self._order.append(job.id)
            while len(self._order) > MAX_JOBS_KEPT:
                self._jobs.pop(self._order.pop(0), None)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="lagebild-jobs",
                                                daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def recent(self, n: int = 10) -> list[Job]:
        return [self._jobs[i] for i in reversed(self._order[-n:]) if i in self._jobs]

    def close(self, timeout: float = 2.0) -> None:
        """Stop the worker after the running job (queued jobs are dropped)."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def wait(self, job_id: str, timeout: float = 120.0) -> Job | None:
        """Block until the job is finished (for tests and scripts); returns it."""
        end = time.time() + timeout
        while time.time() < end:
            job = self.get(job_id)
            if job is None or job.state in ("done", "failed"):
                return job
            time.sleep(0.05)
        return self.get(job_id)

    # ------------------------------------------------------------------ worker

    def _work(self) -> None:
        store = None
        try:
            while True:
                job = self._queue.get()
                if job is None:
                    return
                try:
                    if store is None:
                        store = self._open_store()
                    self._run(job, store)
                except Exception as e:
                    log.exception("job %s failed", job.id)
                    job.state = "failed"
                    job.error = str(e) if isinstance(e, LagebildError) else \
                        f"Analyse fehlgeschlagen: {type(e).__name__}: {e}"
                    try:
                        if store is not None:
                            store.close()
                    except Exception:
                        pass
                    store = None
                finally:
                    job.finished = time.time()
        finally:
            if store is not None:
                store.close()

    def _open_store(self) -> Any:
        if self._open_writer is not None:
            return self._open_writer()
        from ..store import open_store

        return open_store(self.store_path)

    def _run(self, job: Job, store: Any) -> None:
        from ..ingest.fetch import fetch_url
        from ..pipeline import analyze

        job.state = "running"
        inputs: list[Any] = [*job.files, *job.raws]
        if job.urls:
            job.stage = "fetch"
            job.total = len(job.urls)
            for k, url in enumerate(job.urls):
                try:
                    inputs.append(fetch_url(url, allow_private=self.allow_private_urls,
                                            max_bytes=self.fetch_max_bytes))
                except LagebildError as e:
                    job.failures.append({"source": url, "reason": str(e)})
                job.done = k + 1
        if not inputs:
            job.state = "failed"
            job.error = "Keine der Eingaben konnte gelesen werden."
            return

        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        report = analyze(inputs, store, progress=progress)
        job.articles_new = report.articles_new
        for f in report.failures:
            job.failures.append({"source": str(getattr(f, "source", "?")),
                                 "reason": str(getattr(f, "reason", f))})
        for sid in report.stories_changed:
            d = store.get_dossier(sid)
            title = (d or {}).get("story", {}).get("title") or sid
            job.stories.append({"id": sid, "title": title})
        job.stage = None
        job.state = "done"
