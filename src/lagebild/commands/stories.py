"""`lagebild stories`: list the stories, and correct them (merge, split, move).

A correction is stored in the store and applied on top of every later clustering run, so
it survives re-runs and incremental analysis; the affected dossiers are rebuilt at once.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from lagebild.commands.common import (
    DbOpt,
    QuietOpt,
    VerboseOpt,
    fail,
    note,
    open_store_for,
    resolve_story_id,
    setup_logging,
)
from lagebild.errors import LagebildError, UsageError

out = Console(soft_wrap=True)

stories_app = typer.Typer(
    help="List the stories; correct them with merge, split and move.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@stories_app.callback(invoke_without_command=True)
def stories(
    ctx: typer.Context,
    db: DbOpt = "lagebild.db",
    query: Annotated[str | None, typer.Option("--search", "-s", help="Only stories whose title, names or text contain this.")] = None,
    limit: Annotated[int, typer.Option(help="How many stories to list.", min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /stories.json shape.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """List the stories in the store, newest first (or correct them: see the commands)."""
    if ctx.invoked_subcommand:
        return
    from rich.markup import escape
    from rich.table import Table

    setup_logging(quiet, verbose)
    try:
        with open_store_for(db, must_exist=True) as store:
            items, nxt = store.list_stories(q=query, limit=limit)
            total = len(store.story_ids()) if not items else 0
    except LagebildError as e:
        fail(e)
    if as_json:
        print(json.dumps({"stories": items, "next": nxt}, ensure_ascii=False))
        return
    if not items:
        if query and total:
            note(f"no story matches {query!r} ({total} stories in the store)")
        else:
            note("No stories yet. Run: lagebild analyze FOLDER")
        return
    head = ("id", "title", "articles", "outlets", "languages", "last published", "contradictions")
    rows = [
        (it["id"], it["title"] or "", str(it["article_count"]), str(it["outlet_count"]), ",".join(it["languages"]),
         it["last_published"] or "", str(it["contradictions"]))
        for it in items
    ]
    if not out.is_terminal:
        for r in (head, *rows):
            print("\t".join(r))
        return
    table = Table(*head)
    table.columns[0].no_wrap = True
    table.columns[0].min_width = max(len(r[0]) for r in rows)
    for r in rows:
        table.add_row(*(escape(c) for c in r))  # article text: rich markup in it stays text
    out.print(table)


def corrections_for(store: object, action: str, args: list[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The article-level constraints of one correction and the articles that form one story
    after it; raises UsageError on bad ids."""
    members_of = store.story_members  # type: ignore[attr-defined]
    story_of = store.story_of  # type: ignore[attr-defined]
    if action == "merge":
        a, b = (resolve_story_id(store, x) for x in args)
        ma, mb = members_of(a), members_of(b)
        if not ma or not mb:
            raise UsageError(f"unknown story: {a if not ma else b} (see `lagebild stories`)")
        return [("together", ma[0], x) for x in mb], [*ma, *mb]
    if action == "split":
        story, arts = resolve_story_id(store, args[0]), args[1:]
        members = members_of(story)
        if not members:
            raise UsageError(f"unknown story: {story} (see `lagebild stories`)")
        bad = [x for x in arts if x not in members]
        if bad:
            raise UsageError(f"not in story {story}: {', '.join(bad)}")
        rest = [x for x in members if x not in arts]
        if not rest:
            raise UsageError("split: name some but not all articles of the story")
        items = [("apart", x, y) for x in arts for y in rest]
        items += [("together", arts[0], x) for x in arts[1:]]
        return items, list(arts)
    if action == "move":
        article, target = args[0], resolve_story_id(store, args[1])
        current = story_of(article)
        if current is None:
            raise UsageError(f"unknown article: {article}")
        members = members_of(target)
        if not members:
            raise UsageError(f"unknown story: {target} (see `lagebild stories`)")
        if current == target:
            return [], []
        items = [("apart", article, y) for y in members_of(current) if y != article]
        items.append(("together", members[0], article))
        return items, [*members, article]
    raise UsageError(f"unknown correction: {action}")


def _correct(db: str, action: str, args: list[str], quiet: bool, verbose: int) -> None:
    from lagebild.pipeline import apply_corrections

    setup_logging(quiet, verbose)
    try:
        with open_store_for(db, must_exist=True) as store:
            items, company = corrections_for(store, action, args)
            changed = apply_corrections(store, items, company) if items else []
    except LagebildError as e:
        fail(e)
    if not quiet:
        out.print(f"{action}: {len(items)} constraint(s) stored; stories changed: {', '.join(changed) or 'none'}", highlight=False)


@stories_app.command("merge")
def merge(
    story_a: Annotated[str, typer.Argument(help="The story to keep (its id stays).")],
    story_b: Annotated[str, typer.Argument(help="The story whose articles join story A.")],
    db: DbOpt = "lagebild.db",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Merge story B into story A; kept across re-runs."""
    _correct(db, "merge", [story_a, story_b], quiet, verbose)


@stories_app.command("split")
def split(
    story: Annotated[str, typer.Argument(help="The story to split.")],
    articles: Annotated[list[str], typer.Argument(help="Article ids that leave it and form a new story together.")],
    db: DbOpt = "lagebild.db",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Split the named articles off STORY into a new story of their own; kept across re-runs."""
    _correct(db, "split", [story, *articles], quiet, verbose)


@stories_app.command("move")
def move(
    article: Annotated[str, typer.Argument(help="The article id to move.")],
    story: Annotated[str, typer.Argument(help="The story it belongs to.")],
    db: DbOpt = "lagebild.db",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Move ARTICLE into STORY; kept across re-runs."""
    _correct(db, "move", [article, story], quiet, verbose)
