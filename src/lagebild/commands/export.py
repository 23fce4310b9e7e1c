"""`lagebild export`: the stored dossiers as CSV, JSON Lines or an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import LagebildError
from .common import DbOpt, QuietOpt, VerboseOpt, fail, note, open_store_for, resolve_story_id, setup_logging


def export(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into (created if missing).")],
    fmt: Annotated[str, typer.Option("--format", help="csv (one file per table), jsonl (one file per table) or xlsx (one workbook, a sheet per table; needs pip install 'lagebild[xlsx]').")] = "csv",
    story: Annotated[str | None, typer.Option("--story", help="Only this story (an id or a unique id prefix).")] = None,
    db: DbOpt = "lagebild.db",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Export stories, articles, facts (one row per fact and supporting sentence), quotes (one row
    per carrier), contradictions (one row per claim), entities and the outlet x fact table."""
    from ..errors import UsageError
    from ..export import FORMATS, write_export

    setup_logging(quiet, verbose)
    if fmt not in FORMATS:
        fail(UsageError(f"unknown --format {fmt!r}", f"choose from {', '.join(FORMATS)}"))
    try:
        with open_store_for(db, must_exist=True) as store:
            ids = [resolve_story_id(store, story)] if story else store.story_ids()
            docs = [d for d in (store.get_dossier(i) for i in ids) if d is not None]
            files = write_export(docs, fmt, out_dir)
    except LagebildError as e:
        fail(e)
    if not quiet:
        note(f"{len(docs)} stories exported as {fmt}: {', '.join(str(f) for f in files)}")
