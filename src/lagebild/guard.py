"""Crash isolation for per-item work: one article or story that fails or runs away is named
and the run goes on.

``guarded(fn, *args, budget=...)`` calls ``fn`` and returns a ``Guarded`` result: the value,
or the failure in words (exception type and message, or "took longer than N s"). It wraps one
per-item callable, so it composes with any way of running items (a loop, a worker pool: call
it inside the worker).

The time budget is CPU time of the process (a loaded machine does not turn slow work into a
failure; a runaway still ends): in the main thread of a process (the CLI, a pool worker) a
SIGPROF timer interrupts the item wherever it is in Python code (a single C call such as one
regex match finishes first); elsewhere (the web app's job thread) the deadline is only noticed
where long loops call ``check_budget()``.
"""

from __future__ import annotations

import contextvars
import logging
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["BudgetExceeded", "Guarded", "ReportingList", "check_budget", "describe", "guarded", "time_budget"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("lagebild_deadline", default=None)


class BudgetExceeded(BaseException):
    """The time budget of one item ran out.

    A BaseException, so the broad ``except Exception`` of libraries (trafilatura) does not
    swallow it.
    """


def check_budget() -> None:
    """Raise BudgetExceeded when the current item's deadline has passed (cheap; call in loops)."""
    d = _deadline.get()
    if d is not None and time.process_time() > d:
        raise BudgetExceeded


def _on_alarm(signum: int, frame: object) -> None:
    raise BudgetExceeded


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of CPU seconds; raises BudgetExceeded past it (None: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _deadline.set(time.process_time() + seconds)
    use_alarm = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_PROF)[0] == 0  # no outer timer to disturb
    )
    old: Any = None
    if use_alarm:
        old = signal.signal(signal.SIGPROF, _on_alarm)
        signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, old)
        _deadline.reset(token)


@dataclass(frozen=True)
class Guarded(Generic[T]):
    """The result of one guarded call: ``value`` when it worked, else ``error`` in words."""

    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def describe(e: BaseException) -> str:
    """An exception in words for a failure report: type and message, without a traceback."""
    msg = str(e).strip().splitlines()[0][:300] if str(e).strip() else ""
    name = type(e).__name__
    if isinstance(e, RecursionError):
        return f"input nested too deeply to process ({name})"
    if isinstance(e, MemoryError):
        return "ran out of memory (MemoryError)"
    return f"{name}: {msg}" if msg else name


def guarded(fn: Callable[..., T], *args: Any, budget: float | None = None, what: str = "", **kwargs: Any) -> Guarded[T]:
    """Call ``fn(*args, **kwargs)`` under a time budget; never raises for a failing item.

    KeyboardInterrupt and SystemExit pass through (the user stops the run, not the item).
    """
    try:
        with time_budget(budget):
            return Guarded(value=fn(*args, **kwargs))
    except BudgetExceeded:
        return Guarded(error=f"took more than {budget:g} s of CPU time (the time budget per item); skipped")
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # isolating any failure of one item is the point
        log.debug("%s failed:\n%s", what or getattr(fn, "__name__", "item"), traceback.format_exc())
        return Guarded(error=describe(e))


class ReportingList(list[T]):
    """A list that passes each appended item to a callback as well (failures printed as they
    happen, and still all in the report at the end)."""

    def __init__(self, on_append: Callable[[T], None] | None = None) -> None:
        super().__init__()
        self._on_append = on_append

    def append(self, item: T) -> None:
        super().append(item)
        if self._on_append is not None:
            self._on_append(item)
