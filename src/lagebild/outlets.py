"""The outlet registry: who published an article, by name, domain, country, language and kind.

One owner for "which outlet is this": ``domain_of`` turns a URL into the outlet's domain (the
name of last resort when an input names no outlet), ``outlet_key`` is the registry key, and
``Registry`` reads and edits the ``outlets`` table. Rows come from three places, recorded in
``origin``: ``domain`` (seen only as a URL), ``input`` (an outlet name given by the input or an
outlets.json) and ``user`` (``lagebild outlets set`` or the web page; never overwritten by a run).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from .errors import UsageError
from .models import Article
from .store.db import Database

__all__ = ["KINDS", "OutletInfo", "Registry", "domain_of", "outlet_key"]

# The kinds an outlet can be tagged with (free text is refused so filters stay useful).
KINDS = ("agency", "public broadcaster", "private broadcaster", "newspaper", "tabloid", "magazine",
         "online", "regional", "blog", "press release", "other")
FIELDS = ("name", "domain", "country", "language", "kind")


def domain_of(url: str | None) -> str | None:
    """The outlet domain of a URL: host name in lower case without ``www.``; None if no host."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def outlet_key(name: str | None = None, domain: str | None = None) -> str:
    """The registry key: the domain when known, else the folded name."""
    if domain:
        return domain.lower()
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class OutletInfo:
    key: str
    name: str
    domain: str | None = None
    country: str | None = None
    language: str | None = None
    kind: str | None = None
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Registry:
    """The ``outlets`` table of one store."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def entries(self) -> list[OutletInfo]:
        rows = self.db.query("SELECT key, name, domain, country, language, kind, origin FROM outlets ORDER BY name, key")
        return [OutletInfo(**r) for r in rows]

    def get(self, key: str) -> OutletInfo | None:
        r = self.db.one("SELECT key, name, domain, country, language, kind, origin FROM outlets WHERE key = ?", (key,))
        return OutletInfo(**r) if r else None

    def find(self, ref: str) -> OutletInfo | None:
        """An entry by key, domain (also given as a URL) or name (case-insensitive)."""
        dom = domain_of(ref) if "://" in ref else None
        for k in (ref.strip().lower(), dom, outlet_key(ref)):
            if k and (hit := self.get(k)) is not None:
                return hit
        r = self.db.one("SELECT key FROM outlets WHERE lower(name) = ? OR domain = ?", (ref.strip().lower(), ref.strip().lower()))
        return self.get(r["key"]) if r else None

    def set(self, ref: str, **fields: str | None) -> OutletInfo:
        """Create or edit an entry (origin ``user``); ``ref`` is a key, domain, URL or name."""
        bad = [k for k in fields if k not in FIELDS]
        if bad:
            raise UsageError(f"unknown outlet field(s): {', '.join(bad)}", f"use {', '.join(FIELDS)}")
        kind = fields.get("kind")
        if kind and kind not in KINDS:
            raise UsageError(f"unknown outlet kind {kind!r}", f"choose from: {', '.join(KINDS)}")
        old = self.find(ref)
        if old is None:
            dom = fields.get("domain") or domain_of(ref if "://" in ref else f"http://{ref}" if "." in ref and " " not in ref else None)
            name = fields.get("name") or dom or ref
            old = OutletInfo(key=outlet_key(name, dom), name=name, domain=dom)
        changes = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in fields.items() if v is not None}
        changes_any: dict[str, Any] = {**changes, "origin": "user"}
        new = replace(old, **changes_any)
        if not new.name:
            raise UsageError("an outlet needs a name", "give --name")
        with self.db.transaction():
            self._upsert(new, overwrite=True)
        return new

    def _upsert(self, o: OutletInfo, *, overwrite: bool) -> None:
        conflict = ("DO UPDATE SET name = excluded.name, domain = excluded.domain, country = excluded.country, "
                    "language = excluded.language, kind = excluded.kind, origin = excluded.origin, updated_at = excluded.updated_at"
                    if overwrite else "DO NOTHING")
        self.db.execute(
            "INSERT INTO outlets(key, name, domain, country, language, kind, origin, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (key) {conflict}",
            (o.key, o.name, o.domain, o.country, o.language, o.kind, o.origin, _now()),
        )

    def learn(self, articles: Iterable[Article]) -> int:
        """Add an entry for every outlet the articles show that the registry lacks; returns how many.

        An article with a URL gives a domain entry (named by the article's outlet when the input
        gave one); an outlet name without a URL gives a name entry. Existing entries are kept.
        """
        seen: dict[str, OutletInfo] = {}
        for a in articles:
            dom = domain_of(a.url)
            name = a.outlet or dom
            if not name:
                continue
            key = outlet_key(name, dom)
            origin = "input" if a.outlet and a.outlet != dom else "domain"
            cur = seen.get(key)
            if cur is None or (cur.origin == "domain" and origin == "input"):
                seen[key] = OutletInfo(key=key, name=name, domain=dom, language=a.language, origin=origin)
        if not seen:
            return 0
        known = self._known(list(seen))
        added = 0
        with self.db.transaction():
            for key, info in seen.items():
                old = known.get(key)
                if old is None:
                    self._upsert(info, overwrite=False)
                    added += 1
                elif old.origin == "domain" and info.origin == "input":
                    self._upsert(info, overwrite=True)
        return added

    def _known(self, keys: Sequence[str]) -> dict[str, OutletInfo]:
        out: dict[str, OutletInfo] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self.db.query(
                f"SELECT key, name, domain, country, language, kind, origin FROM outlets WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            out.update({r["key"]: OutletInfo(**r) for r in rows})
        return out

    def display_name(self, outlet: str | None, url: str | None) -> str | None:
        """The name to show for an article.

        A name the user gave to the article's domain wins; else the input's own outlet name
        (as the registry spells it); else the registry's name for the domain; else the domain.
        """
        dom = domain_of(url)
        by_domain = None
        if dom:
            by_domain = self.db.one(
                "SELECT name, origin FROM outlets WHERE key = ? OR domain = ? "
                "ORDER BY CASE WHEN origin = 'user' THEN 0 ELSE 1 END, CASE WHEN key = ? THEN 0 ELSE 1 END",
                (dom, dom, dom),
            )
            if by_domain and by_domain["origin"] == "user":
                return str(by_domain["name"])
        if outlet and outlet != dom:
            hit = self._known([outlet_key(outlet)]).get(outlet_key(outlet))
            return hit.name if hit else outlet
        if by_domain:
            return str(by_domain["name"])
        return outlet or dom

    def named(self, articles: Sequence[Article]) -> list[Article]:
        """The articles with ``outlet`` set to the registry's name (the domain when nothing else is known)."""
        out = []
        for a in articles:
            name = self.display_name(a.outlet, a.url)
            out.append(a if name == a.outlet else replace(a, outlet=name))
        return out

    def rename_in_dossiers(self, info: OutletInfo, store: Any) -> list[str]:
        """Show ``info.name`` in every stored dossier with an article of this outlet; returns story ids."""
        changed = []
        for r in self.db.query("SELECT story_id FROM dossiers ORDER BY story_id"):
            doc: Mapping[str, Any] | None = store.get_dossier(r["story_id"])
            if doc is None:
                continue
            hit = False
            for a in doc["articles"]:
                ours = (info.domain and domain_of(a.get("url")) == info.domain) or (
                    a.get("outlet") and outlet_key(a["outlet"]) in (info.key, outlet_key(info.name))
                )
                if ours and a.get("outlet") != info.name:
                    a["outlet"] = info.name
                    hit = True
            if hit:
                row = self.db.one("SELECT built_for FROM dossiers WHERE story_id = ?", (r["story_id"],))
                store.put_dossier(r["story_id"], row["built_for"] if row else "", dict(doc), _search_text(doc))
                changed.append(r["story_id"])
        return changed


def _search_text(doc: Mapping[str, Any]) -> str:
    from .dossier import dossier_search_text

    return dossier_search_text(doc)


def to_json(items: Iterable[OutletInfo]) -> str:
    return json.dumps({"outlets": [o.to_dict() for o in items]}, ensure_ascii=False)
