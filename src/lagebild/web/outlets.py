"""The outlet registry on the web: ``/outlets`` (a page with an edit form) and ``/outlets.json``.

``POST /outlets`` (form, redirects back) and ``POST /outlets.json`` (form, returns the entry)
edit one entry like ``lagebild outlets set``; stored dossiers show the new name at once.
Uploads: ``name_uploaded_outlets`` writes the form's outlet into an ``outlets.json`` beside
uploaded text and HTML files that have no outlet of their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from markupsafe import escape

from ..errors import LagebildError
from ..ingest.files import OUTLETS_FILE
from ..outlets import FIELDS, KINDS, OutletInfo, Registry

__all__ = ["OUTLETS_FILE", "add_outlet_routes", "name_uploaded_outlets"]

# Suffixes whose articles take their outlet from an outlets.json beside them.
NAMED_BY_FILE = (".txt", ".html", ".htm")


def name_uploaded_outlets(folder: Path, files: Sequence[Path], outlet: str) -> None:
    """Give ``outlet`` to every uploaded text/HTML file the user's own outlets.json leaves unnamed."""
    if not outlet.strip():
        return
    target = folder / OUTLETS_FILE
    mapping: dict[str, str] = {}
    if target.is_file():
        try:
            data = json.loads(target.read_text("utf-8"))
            mapping = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            mapping = {}
    for f in files:
        if f.suffix.lower() in NAMED_BY_FILE:
            mapping.setdefault(f.stem, outlet.strip())
    target.write_text(json.dumps(mapping, ensure_ascii=False, indent=1), "utf-8")


def _page(items: list[OutletInfo], message: str = "") -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(v or '')}</td>" for v in (o.name, o.domain, o.country, o.language, o.kind, o.origin))
        + "</tr>"
        for o in items
    )
    kinds = "".join(f'<option value="{escape(k)}">{escape(k)}</option>' for k in KINDS)
    note = f'<p class="hint">{escape(message)}</p>' if message else ""
    return f"""<h1>Medien</h1>{note}
<p class="hint">Namen, die die Dossiers zeigen: aus den Eingaben, aus outlets.json und aus den Domains der Adressen.</p>
<table class="outlets"><thead><tr><th>Name</th><th>Domain</th><th>Land</th><th>Sprache</th><th>Art</th><th>Herkunft</th></tr></thead>
<tbody>{rows}</tbody></table>
<form class="add" method="post" action="/outlets"><fieldset><legend>Medium bearbeiten</legend>
<div class="row">
<div class="field"><label for="o_ref">Medium (Name, Domain oder Schlüssel)</label><input id="o_ref" name="outlet" type="text" required></div>
<div class="field"><label for="o_name">Neuer Name</label><input id="o_name" name="name" type="text"></div>
<div class="field"><label for="o_domain">Domain</label><input id="o_domain" name="domain" type="text"></div>
<div class="field"><label for="o_country">Land</label><input id="o_country" name="country" type="text" size="4"></div>
<div class="field"><label for="o_language">Sprache</label><input id="o_language" name="language" type="text" size="4"></div>
<div class="field"><label for="o_kind">Art</label><select id="o_kind" name="kind"><option value=""></option>{kinds}</select></div>
</div><button type="submit">Speichern</button></fieldset></form>"""


def add_outlet_routes(app: FastAPI, store_path: str, pages: Any, headers: dict[str, str],
                      api_error: Callable[..., Exception]) -> None:
    """Register /outlets and /outlets.json on the app (``headers``: the app's security headers)."""

    def listing() -> list[OutletInfo]:
        from ..store import open_store

        with open_store(store_path) as store:
            return Registry(store.db).entries()

    def edit(request: Request, fields: dict[str, str]) -> OutletInfo:
        # Cross-site posts are refused before this runs (web.security.SameOriginMiddleware).
        ref = fields.pop("outlet", "").strip()
        if not ref:
            raise api_error(422, "invalid parameter: outlet is empty", hint="give the outlet's name, domain or key")
        from ..store import open_store

        try:
            with open_store(store_path) as store:
                reg = Registry(store.db)
                info = reg.set(ref, **{k: v for k, v in fields.items() if k in FIELDS and v.strip()})
                reg.rename_in_dossiers(info, store)
        except LagebildError as e:
            raise api_error(422, f"invalid parameter: {e.message}", hint=e.hint) from e
        return info

    def page(message: str = "") -> HTMLResponse:
        return HTMLResponse(_frame(pages, _page(listing(), message)), headers=headers)

    @app.get("/outlets.json", tags=["json"])
    def outlets_json() -> JSONResponse:
        """The outlet registry: {"outlets": [{key, name, domain, country, language, kind, origin}]}."""
        return JSONResponse({"outlets": [o.to_dict() for o in listing()]}, headers=headers)

    @app.get("/outlets", response_class=HTMLResponse, tags=["html"])
    def outlets_page() -> HTMLResponse:
        """The outlet registry with a form to name or describe an outlet."""
        return page()

    @app.post("/outlets", status_code=303, tags=["html"])
    def outlets_form(request: Request, outlet: str = Form(""), name: str = Form(""), domain: str = Form(""),
                     country: str = Form(""), language: str = Form(""), kind: str = Form("")) -> RedirectResponse:
        """Edit one outlet from the form; back to the list."""
        edit(request, {"outlet": outlet, "name": name, "domain": domain, "country": country, "language": language, "kind": kind})
        return RedirectResponse("/outlets", status_code=303, headers=headers)

    @app.post("/outlets.json", tags=["json"])
    def outlets_post_json(request: Request, outlet: str = Form(""), name: str = Form(""), domain: str = Form(""),
                          country: str = Form(""), language: str = Form(""), kind: str = Form("")) -> JSONResponse:
        """Edit one outlet (form fields); returns the entry."""
        info = edit(request, {"outlet": outlet, "name": name, "domain": domain, "country": country, "language": language, "kind": kind})
        return JSONResponse(info.to_dict(), headers=headers)


def _frame(pages: Any, body: str) -> str:
    """The shared page frame (base.html, CSS and JS inlined) around ``body``."""
    from markupsafe import Markup

    from ..render.html import _assets, _environment

    css, js = _assets()
    tpl = _environment().from_string('{% extends "base.html" %}{% block title %}Medien – lagebild{% endblock %}'
                                     "{% block main %}{{ body }}{% endblock %}")
    page = {"css": Markup(css), "js": Markup(js), "web": pages.links.web}
    return tpl.render(links=pages.links, page=page, body=Markup(body))
