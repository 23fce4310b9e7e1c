"""The `lagebild` command: thin commands over the library.

Exit codes: 0 all fine, 1 some inputs failed (each named, the rest processed), 2 usage error,
3 internal error (a bug: the message says so and where the full report was written).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__
from .commands.common import (
    DbOpt,
    QuietOpt,
    VerboseOpt,
    error,
    fail,
    note,
    open_store_for,
    resolve_story_id,
    setup_logging,
)
from .errors import LagebildError, UsageError
from .failures import CrashSafeGroup, FailurePrinter, exit_code

if TYPE_CHECKING:
    from .ingest.files import Failure

app = typer.Typer(
    name="lagebild",
    help=(
        "Turn news articles from many outlets into story dossiers that show who reported what.\n\n"
        "Start with:  lagebild analyze examples/articles --out report/   then open report/index.html.\n\n"
        "Shell completion: lagebild --install-completion (or --show-completion to see the script)."
    ),
    no_args_is_help=True,
    add_completion=True,
    # Plain click help: never truncated ("--allow-private…"), wrapped to the terminal, no markup.
    rich_markup_mode=None,
    cls=CrashSafeGroup,  # a FullHelpGroup that turns a bug into exit code 3 and a saved report
    context_settings={"max_content_width": 120},
)
# Progress bars only; every message goes through commands.common.note (verbatim, unwrapped).
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Language of the pages and Markdown: de (default) or en. Also $LAGEBILD_LANG.", show_default=False),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", help="Worker processes for cleaning, embedding, extraction and dossiers (default: the cores available; 1 = no extra processes).", min=1, envvar="LAGEBILD_WORKERS"),
]
ThreadsOpt = Annotated[
    int | None,
    typer.Option("--threads", help="BLAS threads of the sentence embedder (default 1, the fastest measured; never more than the cores; 1 per worker when several run).", min=1, envvar="LAGEBILD_THREADS"),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run the work on a Dask cluster: address of its scheduler, e.g. tcp://10.0.0.5:8786 (needs the dask extra). The store stays written by this machine only.", show_default=False),
]
InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt .html .htm .json .jsonl, and .json/.xml written by news-please or trafilatura), folders (every supported file below), http(s) URLs, or - for JSONL on standard input.",
        show_default=False,
    ),
]

STAGE_LABELS = {
    "clean": "Cleaning articles",
    "embed": "Embedding sentences",
    "features": "Reading stories",
    "cluster": "Grouping into stories",
    "extract": "Reading articles (names, quotes, dates, story features)",
    "dossier": "Building dossiers",
}


def _page_lang(lang: str | None) -> str:
    """The page language from --lang / $LAGEBILD_LANG; a bad value is a usage error."""
    from .render.i18n import resolve_lang

    try:
        return resolve_lang(lang)
    except ValueError as e:
        error(str(e))
        raise typer.Exit(2) from None


def _setup(quiet: bool, verbose: int) -> None:
    setup_logging(quiet, verbose)


def _open(db: str, *, must_exist: bool = False) -> Any:
    return open_store_for(db, must_exist=must_exist)


class _RateColumn(ProgressColumn):
    """Items per second of a stage (from rich's moving estimate)."""

    def render(self, task):  # type: ignore[no-untyped-def]  # rich's Task is loosely typed
        from rich.text import Text

        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    if quiet or not err.is_terminal:
        yield lambda stage, done, total: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGE_LABELS.get(stage, stage), total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield tick


def _report_failures(failures: Sequence[Failure], quiet: bool, printer: FailurePrinter | None = None) -> None:
    """Notes on skipped inputs, then the end-of-run summary of failures (with a printer, each
    failure was already printed as it happened)."""
    for f in failures:
        if f.stage == "skipped" and not quiet:
            note(f"note: {f.source}: {f.reason}")
    (printer or FailurePrinter()).summary([f for f in failures if f.stage != "skipped"])


FollowOpt = Annotated[
    bool,
    typer.Option("--follow-symlinks", help="Read symlinks in input folders that lead outside the folder (skipped and named by default)."),
]


def _fail(e: Exception) -> None:
    fail(e)


OptionalInputsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.txt .html .htm .json .jsonl, and .json/.xml written by news-please or trafilatura), folders (every supported file below), http(s) URLs of pages or RSS/Atom feeds, or - for JSONL on standard input.",
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
    workers: WorkersOpt = None,
    threads: ThreadsOpt = None,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = None,
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
        error("nothing to analyse: give files, folders, URLs, -, --feeds or --urls")
        raise typer.Exit(2)
    opts = AnalyzeOptions(
        allow_private_urls=allow_private_urls, url_timeout=timeout, follow_symlinks=follow_symlinks, workers=workers, threads=threads, scheduler=scheduler
    )
    printer = FailurePrinter()
    try:
        with _open(db) as store, _progress(quiet) as tick:
            report = run(sources, store, opts, progress=tick, on_failure=printer.now)
            ok_ids = set(store.ok_article_ids())
            n_ok = sum(1 for i in report.article_ids if i in ok_ids)
            written = write_report(store, out_dir, report.stories_changed, lang=_page_lang(lang), failures=report.failures) if n_ok else 0
            n_stories = len(store.story_ids())
    except LagebildError as e:
        _fail(e)
        return
    _report_failures(report.skipped + report.failures, quiet, printer)
    _warn_no_outlet(report.no_outlet, quiet)
    if not n_ok:
        error(f"no article could be read from the inputs ({len(report.failures)} failed); no report written")
        raise typer.Exit(1)
    if not quiet:
        note(
            f"{report.articles_new} new, {report.articles_changed} changed, {report.articles_unchanged} unchanged articles; "
            f"{report.embedded_sentences} sentences embedded ({report.cached_sentences} from cache); "
            f"{len(report.stories_changed)} stories updated, {n_stories} in the store; "
            f"{written} written to {out_dir}/ (open {out_dir / 'index.html'})"
        )
    raise typer.Exit(exit_code(report.failures))


def _warn_no_outlet(ids: list[str], quiet: bool) -> None:
    if not ids or quiet:
        return
    shown = ", ".join(ids[:3]) + (" ..." if len(ids) > 3 else "")
    note(
        f"warning: {len(ids)} articles have no outlet name and no URL ({shown}); dossiers show their ids. "
        'Name them in an outlets.json beside the files ({"file-stem": "Outlet name"}) or with an "outlet" field '
        "in JSON input; `lagebild outlets set` edits names afterwards."
    )


@app.command()
def cluster(
    inputs: InputsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print {\"stories\": [{id, title, articles}]} as JSON.")] = False,
    db: DbOpt = "lagebild.db",
    follow_symlinks: FollowOpt = False,
    workers: WorkersOpt = None,
    threads: ThreadsOpt = None,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Group articles into stories only (no extraction, no dossiers) and print the stories."""
    from .contracts import story_entry, story_list
    from .dossier import story_title
    from .pipeline import AnalyzeOptions
    from .pipeline import analyze as run

    _setup(quiet, verbose)
    printer = FailurePrinter()
    try:
        with _open(db) as store, _progress(quiet or as_json) as tick:
            options = AnalyzeOptions(
                build_dossiers=False, extract=False, follow_symlinks=follow_symlinks, workers=workers, threads=threads, scheduler=scheduler
            )
            report = run(inputs, store, options, progress=tick, on_failure=printer.now)
            ids = set(report.article_ids)
            links = store.story_links()
            events = {sid: json.loads(js).get("event_date") for sid, js, _c in store.story_states()}
            stories = [
                story_entry(
                    sid, story_title(store.articles(members)), members,
                    event_date=events.get(sid), related=[o for o, _rel, _sc in links.get(sid, [])],
                )
                for sid, members in sorted(store.story_memberships().items())
                if ids.intersection(members)
            ]
    except LagebildError as e:
        if as_json:  # stdout stays valid JSON whatever happens
            print(json.dumps({"stories": [], "error": str(e)}, ensure_ascii=False))
        _fail(e)
        return
    except Exception:
        if as_json:
            print(json.dumps({"stories": [], "error": "internal error (a bug in lagebild)"}))
        raise
    _report_failures(report.skipped + report.failures, quiet, printer)
    if as_json:
        listing = json.dumps(story_list(stories), ensure_ascii=False)
        out.print_json(listing) if sys.stdout.isatty() else print(listing)
    else:
        for s in stories:
            print(f"{s['id']}\t{s['title']}\t({len(s['articles'])} articles)")
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
    from .contracts import extract_line
    from .extract import EXTRACTORS
    from .extract.lines import extract_lines
    from .ingest.files import Failure, iter_raw_articles

    _setup(quiet, verbose)
    wanted = [w.strip() for w in only.split(",") if w.strip()] if only else list(EXTRACTORS)
    bad = [w for w in wanted if w not in EXTRACTORS]
    if bad:
        error(f"--only: unknown {', '.join(bad)}; choose from {', '.join(EXTRACTORS)}")
        raise typer.Exit(2)
    printer = FailurePrinter()
    failures: list[Failure] = []
    for item in extract_lines(iter_raw_articles(inputs, follow_symlinks=follow_symlinks), wanted, raw=raw):
        if isinstance(item, Failure):
            if item.stage != "skipped":
                printer.now(item)
            failures.append(item)
        else:
            print(json.dumps(extract_line(item.article, item.extraction, wanted), ensure_ascii=False), flush=True)
    _report_failures(failures, quiet, printer)
    raise typer.Exit(exit_code([f for f in failures if f.stage != "skipped"]))


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="A story id or a unique id prefix (see `lagebild stories`).")],
    db: DbOpt = "lagebild.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print the dossier JSON instead of Markdown.")] = False,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Print one story's dossier as Markdown (or JSON)."""
    from rich.markdown import Markdown

    from .render.markdown import render_story_markdown

    _setup(quiet, verbose)
    try:
        with _open(db, must_exist=True) as store:
            doc = store.get_dossier(resolve_story_id(store, story))
    except LagebildError as e:
        _fail(e)
        return
    if doc is None:
        error(f"story {story!r} has no dossier yet (run `lagebild analyze` to finish it)")
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    elif sys.stdout.isatty():
        out.print(Markdown(render_story_markdown(doc, _page_lang(lang))))
    else:
        print(render_story_markdown(doc, _page_lang(lang)))


@app.command()
def serve(
    db: DbOpt = "lagebild.db",
    host: Annotated[str, typer.Option(help="Address to bind. Anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(help="Access token every request must carry.", envvar="LAGEBILD_TOKEN")] = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Let the app fetch URLs on loopback/private addresses.")] = False,
    data_dir: Annotated[Path | None, typer.Option(help="Where uploads are kept (default: lagebild-data beside the store).")] = None,
    max_upload_bytes: Annotated[int, typer.Option(help="Largest upload accepted, in bytes.", min=1)] = 5_000_000,
    lang: LangOpt = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name the app answers to besides 127.0.0.1, localhost and [::1] (NAME or NAME:PORT; repeatable). "
            "Requests naming any other host get 421 (protects against DNS rebinding).",
        ),
    ] = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Run the web app: browse stories, read dossiers, add articles.

    Tokens: send 'Authorization: Bearer TOKEN' (or open a page once with ?token=TOKEN, which
    sets a cookie; the token is never written to the log)."""
    import uvicorn

    from .web.app import check_bind, create_app
    from .web.security import install_log_redaction, parse_allowed_host

    _setup(quiet, verbose)
    os.environ["LAGEBILD_LANG"] = _page_lang(lang)  # the app's pages read it (render.i18n)
    try:
        check_bind(host, token)
        hosts = [parse_allowed_host(h) for h in allowed_host or []]
        if host not in ("0.0.0.0", "::", ""):
            hosts.append(parse_allowed_host(f"[{host}]" if ":" in host else host))
        application = create_app(
            db,
            token=token,
            allow_private_urls=allow_private_urls,
            data_dir=data_dir,
            max_upload_bytes=max_upload_bytes,
            allowed_hosts=hosts,
        )
    except LagebildError as e:
        _fail(e)
        return
    if not quiet:
        note(f"lagebild serving {db} on http://{host}:{port}/  (Ctrl-C to stop)")
    config = uvicorn.Config(application, host=host, port=port, log_level="warning" if quiet else "info")
    install_log_redaction()  # again, after uvicorn set up its loggers: no token in the log
    uvicorn.Server(config).run()


def version_callback(value: bool) -> None:
    if value:
        print(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version.")] = False,
) -> None:
    """lagebild: story dossiers with claim-level provenance."""


def _register() -> None:
    from .commands import export as export_cmd
    from .commands import outlets as outlets_cmd
    from .commands import watch as watch_cmd
    from .commands.stories import stories_app

    app.command("watch")(watch_cmd.watch)
    app.command("export")(export_cmd.export)
    app.add_typer(outlets_cmd.app, name="outlets")
    app.add_typer(stories_app, name="stories")


_register()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
