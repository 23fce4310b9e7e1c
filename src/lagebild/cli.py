"""The `lagebild` command: thin commands over the library.

Exit codes: 0 all fine, 1 some inputs failed (each named, the rest processed), 2 usage error,
3 internal error (a bug: the message says so and where the full report was written).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__
from .errors import LagebildError, UsageError
from .failures import CrashSafeGroup, FailurePrinter, exit_code

app = typer.Typer(
    cls=CrashSafeGroup,
    name="lagebild",
    help=(
        "Turn news articles from many outlets into story dossiers that show who reported what.\n\n"
        "Start with:  lagebild analyze examples/ --out report/   then open report/index.html."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)
out = Console()

DbOpt = Annotated[
    str,
    typer.Option("--db", help="Store: a SQLite file (created if missing) or a postgresql:// URL.", envvar="LAGEBILD_DB"),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but results and errors.")]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More detail (-v, -vv).")]
FollowOpt = Annotated[
    bool,
    typer.Option("--follow-symlinks", help="Read symlinks in input folders that lead outside the folder (skipped and named by default)."),
]
InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt .html .htm .json .jsonl), folders (every supported file below), http(s) URLs, or - for JSONL on standard input.",
        show_default=False,
    ),
]

STAGE_LABELS = {
    "clean": "Cleaning articles",
    "embed": "Embedding sentences",
    "features": "Reading stories",
    "cluster": "Grouping into stories",
    "extract": "Extracting names, quotes, dates",
    "dossier": "Building dossiers",
}


def _setup(quiet: bool, verbose: int) -> None:
    level = logging.WARNING if not verbose else (logging.INFO if verbose == 1 else logging.DEBUG)
    # force: each command (also several in one process, as in tests) logs to the current stderr
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)
    # trafilatura warns about every page it finds no text in; our failure line already says so
    logging.getLogger("trafilatura").setLevel(level if verbose else logging.ERROR)


def _open(db: str):
    from .store import open_store

    return open_store(db)


@contextmanager
def _progress(quiet: bool) -> Iterator:
    if quiet:
        yield lambda stage, done, total: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGE_LABELS.get(stage, stage), total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield tick


def _report_failures(failures, quiet: bool, printer: FailurePrinter | None = None) -> None:
    """The end-of-run summary of failures (each was already printed as it happened when a
    printer was given)."""
    (printer or FailurePrinter(err)).summary(failures)


def _fail(e: Exception) -> None:
    err.print(f"[red]error:[/red] {e}", highlight=False)
    raise typer.Exit(2 if isinstance(e, UsageError) else 1)


OptionalInputsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.txt .html .htm .json .jsonl), folders (every supported file below), http(s) URLs of pages or RSS/Atom feeds, or - for JSONL on standard input.",
        show_default=False,
    ),
]


@app.command()
def analyze(
    inputs: OptionalInputsArg = None,
    db: DbOpt = "lagebild.db",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for index.html, stories.json and stories/<id>.json|.html|.md.")] = Path("lagebild-report"),
    feeds: Annotated[Path | None, typer.Option("--feeds", help="A text file of RSS/Atom feed URLs, one per line.", exists=True, dir_okay=False)] = None,
    urls: Annotated[Path | None, typer.Option("--urls", help="A text file of article URLs, one per line.", exists=True, dir_okay=False)] = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Allow URLs on loopback/private addresses (refused by default).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each feed or page.", min=0.1)] = 10.0,
    follow_symlinks: FollowOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """The main job: clean, group into stories, build and write a dossier per story.

    Re-running with the same inputs does nothing new; new articles join existing stories or
    start new ones; an interrupted run is completed by the next one.
    """
    from .ingest.feeds import read_url_list
    from .pipeline import AnalyzeOptions
    from .pipeline import analyze as run
    from .render.files import write_report

    _setup(quiet, verbose)
    sources = list(inputs or [])
    try:
        for listing in (feeds, urls):
            if listing is not None:
                sources += read_url_list(listing)
    except LagebildError as e:
        _fail(UsageError(str(e)))
    if not sources:
        err.print("[red]error:[/red] nothing to analyse: give files, folders, URLs, -, --feeds or --urls", highlight=False)
        raise typer.Exit(2)
    opts = AnalyzeOptions(allow_private_urls=allow_private_urls, url_timeout=timeout, follow_symlinks=follow_symlinks)
    printer = FailurePrinter(err)
    try:
        with _open(db) as store, _progress(quiet) as tick:
            report = run(sources, store, opts, progress=tick, on_failure=printer.now)
            written = write_report(store, out_dir, report.stories_changed)
            n_stories = len(store.story_ids())
    except LagebildError as e:
        _fail(e)
        return
    _report_failures(report.failures, quiet, printer)
    if not quiet:
        err.print(
            f"{report.articles_new} new, {report.articles_changed} changed, {report.articles_unchanged} unchanged articles; "
            f"{report.embedded_sentences} sentences embedded ({report.cached_sentences} from cache); "
            f"{len(report.stories_changed)} stories updated, {n_stories} in the store; "
            f"{written} written to {out_dir}/ (open {out_dir / 'index.html'})",
            highlight=False,
        )
    raise typer.Exit(exit_code(report.failures))


@app.command()
def cluster(
    inputs: InputsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print {\"stories\": [{id, title, articles}]} as JSON.")] = False,
    db: DbOpt = "lagebild.db",
    follow_symlinks: FollowOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Group articles into stories only (no extraction, no dossiers) and print the stories."""
    from .dossier import story_title
    from .pipeline import AnalyzeOptions
    from .pipeline import analyze as run

    _setup(quiet, verbose)
    printer = FailurePrinter(err)
    stories: list[dict] = []
    try:
        with _open(db) as store, _progress(quiet or as_json) as tick:
            report = run(inputs, store, AnalyzeOptions(build_dossiers=False, extract=False, follow_symlinks=follow_symlinks), progress=tick, on_failure=printer.now)
            ids = set(report.article_ids)
            rows = store.db.query("SELECT id, story_id FROM articles WHERE status = 'ok' AND story_id IS NOT NULL ORDER BY id")
            by_story: dict[str, list[str]] = {}
            for r in rows:
                by_story.setdefault(r["story_id"], []).append(r["id"])
            stories = []
            for sid, members in sorted(by_story.items()):
                if not ids.intersection(members):
                    continue
                stories.append({"id": sid, "title": story_title(store.articles(members)), "articles": members})
    except LagebildError as e:
        if as_json:
            print(json.dumps({"stories": [], "error": str(e)}, ensure_ascii=False))
        _fail(e)
        return
    except Exception:
        if as_json:  # stdout stays valid JSON even when lagebild itself fails
            print(json.dumps({"stories": [], "error": "internal error (a bug in lagebild)"}))
        raise
    _report_failures(report.failures, quiet, printer)
    if as_json:
        out.print_json(json.dumps({"stories": stories}, ensure_ascii=False)) if sys.stdout.isatty() else print(
            json.dumps({"stories": stories}, ensure_ascii=False)
        )
    else:
        for s in stories:
            out.print(f"[bold]{s['id']}[/bold] {s['title']}  ({len(s['articles'])} articles)", highlight=False)
    raise typer.Exit(exit_code(report.failures))


@app.command()
def extract(
    inputs: InputsArg,
    raw: Annotated[bool, typer.Option("--raw", help="No cleaning: `text` is the input text unchanged.")] = False,
    only: Annotated[str | None, typer.Option("--only", help="Comma-separated subset of entities,quotes,times.")] = None,
    db: DbOpt = "lagebild.db",
    follow_symlinks: FollowOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Print one JSON line per article: entities, quotes and times with character offsets into `text`."""
    from .extract import EXTRACTORS
    from .extract.lines import extract_lines
    from .ingest.files import Failure, iter_raw_articles

    _setup(quiet, verbose)
    wanted = [w.strip() for w in only.split(",") if w.strip()] if only else list(EXTRACTORS)
    bad = [w for w in wanted if w not in EXTRACTORS]
    if bad:
        err.print(f"[red]error:[/red] --only: unknown {', '.join(bad)}; choose from {', '.join(EXTRACTORS)}", highlight=False)
        raise typer.Exit(2)
    printer = FailurePrinter(err)
    failures = []
    for item in extract_lines(iter_raw_articles(inputs, follow_symlinks=follow_symlinks), wanted, raw=raw):
        if isinstance(item, Failure):
            printer.now(item)
            failures.append(item)
        else:
            print(json.dumps(_extract_line(item.article, item.extraction, wanted), ensure_ascii=False), flush=True)
    _report_failures(failures, quiet, printer)
    raise typer.Exit(exit_code(failures))


def _extract_line(art, ex, wanted: list[str]) -> dict:
    line = {"id": art.id, "language": art.language, "published": art.published, "text": art.text}
    if "entities" in wanted:
        line["entities"] = [{"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": m.entity} for m in ex.mentions]
    if "quotes" in wanted:
        line["quotes"] = [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "speaker": None if q.speaker is None else {"start": q.speaker.start, "end": q.speaker.end, "text": q.speaker.text, "entity": q.speaker.entity},
                "cue": None if q.cue is None else {"start": q.cue.start, "end": q.cue.end, "text": q.cue.text},
            }
            for q in ex.quotes
        ]
    if "times" in wanted:
        line["times"] = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in ex.times]
    return line


@app.command()
def stories(
    db: DbOpt = "lagebild.db",
    query: Annotated[str | None, typer.Option("--search", "-s", help="Only stories whose title, names or text contain this.")] = None,
    limit: Annotated[int, typer.Option(help="How many stories to list.", min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /stories.json shape.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """List the stories in the store, newest first."""
    from rich.table import Table

    _setup(quiet, verbose)
    try:
        with _open(db) as store:
            items, nxt = store.list_stories(q=query, limit=limit)
    except LagebildError as e:
        _fail(e)
        return
    if as_json:
        print(json.dumps({"stories": items, "next": nxt}, ensure_ascii=False))
        return
    if not items:
        err.print("No stories yet. Run: lagebild analyze FOLDER", highlight=False)
        return
    table = Table("id", "title", "articles", "outlets", "languages", "last published", "contradictions")
    for it in items:
        table.add_row(it["id"], it["title"] or "", str(it["article_count"]), str(it["outlet_count"]), ",".join(it["languages"]), it["last_published"] or "", str(it["contradictions"]))
    out.print(table)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="A story id (see `lagebild stories`).")],
    db: DbOpt = "lagebild.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print the dossier JSON instead of Markdown.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Print one story's dossier as Markdown (or JSON)."""
    from rich.markdown import Markdown

    from .render.markdown import render_story_markdown

    _setup(quiet, verbose)
    try:
        with _open(db) as store:
            doc = store.get_dossier(story)
            known = store.story_ids() if doc is None else []
    except LagebildError as e:
        _fail(e)
        return
    if doc is None:
        hint = f" Known stories: {', '.join(known[:5])}{' …' if len(known) > 5 else ''}." if known else " The store has no stories yet."
        err.print(f"[red]error:[/red] no story {story!r} in {db}.{hint}", highlight=False)
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    elif sys.stdout.isatty():
        out.print(Markdown(render_story_markdown(doc)))
    else:
        print(render_story_markdown(doc))


@app.command()
def serve(
    db: DbOpt = "lagebild.db",
    host: Annotated[str, typer.Option(help="Address to bind. Anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(help="Access token every request must carry.", envvar="LAGEBILD_TOKEN")] = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Let the app fetch URLs on loopback/private addresses.")] = False,
    data_dir: Annotated[Path | None, typer.Option(help="Where uploads are kept (default: lagebild-data beside the store).")] = None,
    max_upload_bytes: Annotated[int, typer.Option(help="Largest upload accepted, in bytes.", min=1)] = 5_000_000,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Run the web app: browse stories, read dossiers, add articles."""
    import uvicorn

    from .web.app import check_bind, create_app

    _setup(quiet, verbose)
    try:
        check_bind(host, token)
        application = create_app(
            db, token=token, allow_private_urls=allow_private_urls, data_dir=data_dir, max_upload_bytes=max_upload_bytes
        )
    except LagebildError as e:
        _fail(e)
        return
    if not quiet:
        err.print(f"lagebild serving {db} on http://{host}:{port}/  (Ctrl-C to stop)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning" if quiet else "info")


def version_callback(value: bool) -> None:
    if value:
        print(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version.")] = False,
) -> None:
    """lagebild: story dossiers with claim-level provenance."""


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
