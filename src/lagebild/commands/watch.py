"""`lagebild watch`: poll feeds and URL lists on a schedule and analyse what is new."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from ..errors import LagebildError, UsageError
from ..ingest.files import Failure
from .common import DbOpt, QuietOpt, VerboseOpt, error, fail, note, open_store_for, setup_logging


def watch(
    feeds: Annotated[Path | None, typer.Option("--feeds", help="A text file of RSS/Atom feed URLs, one per line ('#' comments).", dir_okay=False)] = None,
    urls: Annotated[Path | None, typer.Option("--urls", help="A text file of article page URLs, one per line; each is re-read when it changes.", dir_okay=False)] = None,
    every: Annotated[str, typer.Option("--every", help="Pause between cycles: 30s, 15m, 2h, 1d.")] = "15m",
    cycles: Annotated[int | None, typer.Option("--cycles", help="Stop after this many cycles (default: run until Ctrl-C).", min=1)] = None,
    db: DbOpt = "lagebild.db",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the report, rewritten after each cycle that changed stories.")] = Path("lagebild-report"),
    allow_private_urls: Annotated[bool, typer.Option(help="Allow feeds and pages on loopback/private addresses (refused by default).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each feed or page.", min=0.1)] = 10.0,
    host_interval: Annotated[float, typer.Option(help="At least this many seconds between two requests to one host (robots.txt Crawl-delay may raise it).", min=0.0)] = 1.0,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Watch feeds and pages: each cycle fetches what changed (conditional GET), honours
    robots.txt and a per-host rate limit, retries with backoff, analyses the new articles into
    the store and rewrites the report. Feed errors are reported and the watch goes on.
    Proxies come from HTTP_PROXY / HTTPS_PROXY / NO_PROXY. Ctrl-C stops after the current article."""
    from ..ingest.feeds import read_url_list
    from ..render.files import write_report
    from ..watch import CycleReport, WatchOptions, parse_interval
    from ..watch import watch as run_watch

    setup_logging(quiet, verbose)
    if feeds is None and urls is None:
        fail(UsageError("nothing to watch", "give --feeds FILE and/or --urls FILE"))
    try:
        interval = parse_interval(every)
        feed_list = read_url_list(feeds) if feeds else []
        url_list = read_url_list(urls) if urls else []
    except LagebildError as e:
        fail(UsageError(e.message, e.hint))
    if not feed_list and not url_list:
        fail(UsageError("the lists hold no URLs", "write one URL per line"))
    opts = WatchOptions(every=interval, cycles=cycles, allow_private=allow_private_urls, timeout=timeout,
                        host_interval=host_interval)
    stop = threading.Event()

    def on_sigint(_sig: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        note("stopping after the current article (Ctrl-C again to abort)")

    failed = 0
    previous = signal.signal(signal.SIGINT, on_sigint) if threading.current_thread() is threading.main_thread() else None
    try:
        with open_store_for(db) as store:
            def on_cycle(rep: CycleReport) -> None:
                nonlocal failed
                for f in rep.failures:
                    note(f"failed {f.source}: {f.reason}")
                failed += len(rep.failures)
                if rep.stories_changed:
                    unwritten: list[Failure] = []
                    write_report(store, out_dir, rep.stories_changed, failures=unwritten)
                    for f in unwritten:
                        note(f"failed {f.source}: {f.reason}")
                    failed += len(unwritten)
                if not quiet:
                    note(rep.line() + (f"; report in {out_dir}/" if rep.stories_changed else ""))

            if not quiet:
                note(f"watching {len(feed_list)} feeds and {len(url_list)} pages every {every}"
                     + (f" for {cycles} cycles" if cycles else " (Ctrl-C to stop)"))
            run_watch(store, feed_list, url_list, opts, stop=stop, on_cycle=on_cycle)
    except LagebildError as e:
        fail(e)
    except KeyboardInterrupt:
        error("aborted")
        raise typer.Exit(130) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    raise typer.Exit(1 if failed else 0)
