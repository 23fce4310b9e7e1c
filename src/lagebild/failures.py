"""How the command line reports failures: each as it happens, all again at the end, exit codes,
and internal errors (bugs) turned into exit code 3 with a saved report.

Exit codes: 0 all fine, 1 some inputs failed (each named, the rest processed), 2 usage error,
3 internal error.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer._click import ClickException, Context

from .commands.common import FullHelpGroup, note
from .ingest.files import Failure

__all__ = ["EXIT_FAILED", "EXIT_INTERNAL", "EXIT_OK", "CrashSafeGroup", "FailurePrinter", "exit_code", "failure_line", "write_crash_report"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def exit_code(failures: Sequence[Failure]) -> int:
    """1 when any input failed, else 0 (repaired inputs, named as warnings, and skipped
    non-article files do not count)."""
    return EXIT_FAILED if any(f.fatal and f.stage != "skipped" for f in failures) else EXIT_OK


def failure_line(f: Failure) -> str:
    """One failure in one line: ``failed SOURCE: reason (stage: ...)`` or ``warning ...``."""
    stage = f" (stage: {f.stage})" if f.stage != "ingest" else ""
    return f"{'failed' if f.fatal else 'warning'} {f.source}: {f.reason}{stage}"


class FailurePrinter:
    """Prints each failure to stderr when it happens and all of them again in the summary."""

    def now(self, f: Failure) -> None:
        note(failure_line(f))

    def summary(self, failures: Sequence[Failure]) -> None:
        if not failures:
            return
        bad = sum(1 for f in failures if f.fatal)
        head = f"{bad} input(s) failed" + (f", {len(failures) - bad} repaired" if len(failures) > bad else "")
        note(f"Summary: {head} (the rest was processed):")
        for f in failures:
            note("  " + failure_line(f))


def write_crash_report(exc: BaseException) -> Path | None:
    """Save the traceback of an internal error; returns the file (None if it cannot be written)."""
    folder = Path(os.environ.get("LAGEBILD_LOG_DIR") or tempfile.gettempdir())
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"lagebild-crash-{stamp}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(traceback.format_exception(exc)), "utf-8")
    except OSError:
        return None
    return path


class CrashSafeGroup(FullHelpGroup):
    """A command group that turns an unexpected exception into exit code 3 and a short message
    saying it is a bug and where the full report is (instead of a traceback)."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # an escaped exception is a bug by definition
            path = write_crash_report(e)
            where = f"The full report is in {path}." if path else "The report could not be saved; run again with -v."
            msg = str(e).strip().splitlines()[0][:200] if str(e).strip() else ""
            note(
                f"internal error (a bug in lagebild, not a problem with your input): {type(e).__name__}"
                + (f": {msg}" if msg else "") + f". {where} Please report it with that file."
            )
            raise typer.Exit(EXIT_INTERNAL) from None
