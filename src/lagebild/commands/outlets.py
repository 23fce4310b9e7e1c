"""`lagebild outlets list|set`: the outlet registry (name, domain, country, language, kind)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import LagebildError
from .common import DbOpt, FullHelpGroup, QuietOpt, VerboseOpt, fail, note, open_store_for, setup_logging

app = typer.Typer(
    name="outlets",
    help="The outlet registry: names for domains, with country, language and kind.",
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=FullHelpGroup,
)


@app.command("list")
def list_outlets(
    db: DbOpt = "lagebild.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print {\"outlets\": [...]} as JSON.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """List the outlets the store knows (filled from URLs, inputs, outlets.json and your edits)."""
    from ..outlets import Registry, to_json

    setup_logging(quiet, verbose)
    try:
        with open_store_for(db, must_exist=True) as store:
            items = Registry(store.db).entries()
    except LagebildError as e:
        fail(e)
    if as_json:
        print(to_json(items))
        return
    if not items:
        note("No outlets yet. Run: lagebild analyze FILES")
        return
    print("\t".join(("key", "name", "domain", "country", "language", "kind", "origin")))
    for o in items:
        print("\t".join(v or "" for v in (o.key, o.name, o.domain, o.country, o.language, o.kind, o.origin)))


@app.command("set")
def set_outlet(
    outlet: Annotated[str, typer.Argument(help="The outlet: its key, domain (spiegel.de), a URL or its current name.")],
    name: Annotated[str | None, typer.Option(help="The name dossiers show.")] = None,
    domain: Annotated[str | None, typer.Option(help="Its web domain, without www.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code, e.g. DE.")] = None,
    language: Annotated[str | None, typer.Option(help="Main language code, e.g. de.")] = None,
    kind: Annotated[str | None, typer.Option(help="agency, public broadcaster, private broadcaster, newspaper, tabloid, magazine, online, regional, blog, press release or other.")] = None,
    db: DbOpt = "lagebild.db",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Add or edit an outlet; stored dossiers show the new name at once."""
    from ..outlets import Registry

    setup_logging(quiet, verbose)
    try:
        with open_store_for(db, must_exist=True) as store:
            reg = Registry(store.db)
            info = reg.set(outlet, name=name, domain=domain, country=country, language=language, kind=kind)
            changed = reg.rename_in_dossiers(info, store)
    except LagebildError as e:
        fail(e)
    if not quiet:
        note(f"{info.key}: {json.dumps(info.to_dict(), ensure_ascii=False)}; {len(changed)} dossiers updated")
