"""What every command shares: options, messages printed verbatim, opening the store.

Messages go to standard error as plain text (no rich markup, so ``lagebild[postgres]`` stays
whole, and no hard wrapping when the output is a pipe or a log file). Exit codes: 0 fine,
1 some inputs failed, 2 usage error (also a store that does not exist for a read command).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from ..errors import UsageError

__all__ = [
    "DbOpt",
    "FullHelpGroup",
    "QuietOpt",
    "VerboseOpt",
    "error",
    "fail",
    "is_url",
    "note",
    "open_store_for",
    "resolve_story_id",
    "setup_logging",
]

DbOpt = Annotated[
    str,
    typer.Option("--db", help="Store: a SQLite file (created if missing) or a postgresql:// URL.", envvar="LAGEBILD_DB"),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but results and errors.")]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More detail (-v, -vv).")]


def setup_logging(quiet: bool, verbose: int) -> None:
    # -v: what each stage did (counts); -vv: details. Only lagebild's own loggers get louder.
    level = logging.WARNING if not verbose else (logging.INFO if verbose == 1 else logging.DEBUG)
    # force: each command (also several in one process, as in tests) logs to the current stderr
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)
    logging.getLogger("lagebild").setLevel(level)
    # trafilatura warns about every page without text; the failure line already says so
    logging.getLogger("trafilatura").setLevel(logging.WARNING if verbose > 1 else logging.ERROR)


def note(text: str) -> None:
    """A message for the user, printed exactly as given."""
    print(text, file=sys.stderr, flush=True)


def error(text: str) -> None:
    note(f"error: {text}")


def fail(e: Exception) -> NoReturn:
    """Print the error and exit: 2 for usage errors, 1 otherwise."""
    error(str(e))
    raise typer.Exit(2 if isinstance(e, UsageError) else 1)


def is_url(db: str) -> bool:
    return "://" in db


def open_store_for(db: str, *, must_exist: bool = False) -> Any:
    """Open the store; read commands pass ``must_exist`` so a mistyped --db creates nothing."""
    from ..store import open_store

    if must_exist and not is_url(db) and not Path(db).exists():
        raise UsageError(
            f"no store at {db}",
            "run `lagebild analyze FILES --db PATH` first, or give --db the path of an existing store",
        )
    return open_store(db)


def resolve_story_id(store: Any, ref: str) -> str:
    """A story id from an id or a unique id prefix; UsageError when none or several match."""
    ids: list[str] = store.story_ids()
    if ref in ids or (ref and store.get_dossier(ref) is not None):
        return ref
    hits = [i for i in ids if i.startswith(ref)] if ref else []
    if len(hits) == 1:
        return hits[0]
    if hits:
        shown = ", ".join(hits[:5]) + (" ..." if len(hits) > 5 else "")
        raise UsageError(f"the id prefix {ref!r} matches {len(hits)} stories: {shown}", "give more of the id")
    if ids:
        shown = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
        raise UsageError(f"no story {ref!r} in {store.db.where}", f"known stories: {shown} (see `lagebild stories`)")
    raise UsageError(f"no story {ref!r}: the store {store.db.where} has no stories yet", "run `lagebild analyze FILES` first")



class FullHelpGroup(TyperGroup):
    """Lists each command's whole first sentence (click would cut it with '...' to fit a line)."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
