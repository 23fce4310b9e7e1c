"""The public JSON contracts, written and validated in one place.

* ``lagebild/dossier@1``: the story dossier (``analyze``, ``show --json``, ``/stories/{id}.json``).
* the extract line: one JSON object per article printed by ``lagebild extract``.
* the story list: ``cluster --json`` and ``DIR/stories.json`` (``{"stories": [...]}``).

Each contract is declared once as a small spec (:class:`Obj`, :class:`Arr`, :class:`Opt`,
:class:`Enum`, or a Python type). From the spec come :func:`validate` (a list of problems, each
with its JSON path), :func:`check` (raises :class:`ContractError`) and :func:`json_schema` (the
OpenAPI description the web app publishes). Objects accept extra keys: fields may be added to a
contract (additive); renaming or removing one needs a new version (``@2``).

The builders (:func:`dossier_to_dict`, :func:`extract_line`, :func:`story_entry`,
:func:`story_list`) are the only code that writes these shapes. Setting the environment variable
``LAGEBILD_CHECK_CONTRACTS=1`` (the test suite does) makes the store, the report writer and the
builders check every dossier, story list and extract line they write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from .models import Article, Dossier, Extraction

__all__ = [
    "DOSSIER",
    "DOSSIER_SCHEMA",
    "EXTRACT_LINE",
    "EXTRACT_PARTS",
    "STORY_LIST",
    "Arr",
    "ContractError",
    "Enum",
    "Obj",
    "Opt",
    "check",
    "check_dossier",
    "checking_enabled",
    "dossier_to_dict",
    "extract_line",
    "json_schema",
    "story_entry",
    "story_list",
    "validate",
]

DOSSIER_SCHEMA = "lagebild/dossier@1"
CHECK_ENV = "LAGEBILD_CHECK_CONTRACTS"


# -- the spec language ----------------------------------------------------------------------
@dataclass(frozen=True)
class Obj:
    """A JSON object: ``required`` keys must be present, ``optional`` keys may be; more are allowed."""

    required: Mapping[str, Spec]
    optional: Mapping[str, Spec] | None = None


@dataclass(frozen=True)
class Arr:
    """A JSON array whose items all follow ``item``."""

    item: Spec


@dataclass(frozen=True)
class Opt:
    """``spec`` or null."""

    spec: Spec


@dataclass(frozen=True)
class Enum:
    """One of a fixed set of strings."""

    values: tuple[str, ...]


Spec: TypeAlias = "Obj | Arr | Opt | Enum | type[Any]"


class ContractError(ValueError):
    """A document does not follow its contract; ``problems`` lists each place that is wrong."""

    def __init__(self, what: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "; ".join(self.problems[:8]) + (f"; … {len(self.problems) - 8} more" if len(self.problems) > 8 else "")
        super().__init__(f"{what} breaks its contract: {shown}")


def _type_ok(value: Any, t: type) -> bool:
    if t is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if t is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, t)


def validate(value: Any, spec: Spec, path: str = "$") -> list[str]:
    """Every place where ``value`` does not follow ``spec`` (empty when it does)."""
    if isinstance(spec, Opt):
        return [] if value is None else validate(value, spec.spec, path)
    if isinstance(spec, Enum):
        return [] if value in spec.values else [f"{path}: {value!r} is not one of {'|'.join(spec.values)}"]
    if isinstance(spec, Arr):
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        out: list[str] = []
        for i, item in enumerate(value):
            out += validate(item, spec.item, f"{path}[{i}]")
        return out
    if isinstance(spec, Obj):
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        out = [f"{path}.{k}: missing" for k in spec.required if k not in value]
        for fields in (spec.required, spec.optional or {}):
            for k, sub in fields.items():
                if k in value:
                    out += validate(value[k], sub, f"{path}.{k}")
        return out
    if not _type_ok(value, spec):
        return [f"{path}: expected {spec.__name__}, got {type(value).__name__}"]
    return []


def check(value: Any, spec: Spec, what: str) -> None:
    """Raise :class:`ContractError` naming every problem when ``value`` breaks ``spec``."""
    problems = validate(value, spec)
    if problems:
        raise ContractError(what, problems)


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def json_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema (OpenAPI 3.1 flavour) of a spec."""
    if isinstance(spec, Opt):
        inner = json_schema(spec.spec)
        if "type" in inner and isinstance(inner["type"], str):
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if isinstance(spec, Enum):
        return {"type": "string", "enum": list(spec.values)}
    if isinstance(spec, Arr):
        return {"type": "array", "items": json_schema(spec.item)}
    if isinstance(spec, Obj):
        props = {k: json_schema(v) for fields in (spec.required, spec.optional or {}) for k, v in fields.items()}
        return {"type": "object", "required": list(spec.required), "properties": props}
    return {"type": _JSON_TYPES.get(spec, "object")}


def checking_enabled() -> bool:
    """True when writers should check what they write (``LAGEBILD_CHECK_CONTRACTS=1``; tests)."""
    return os.environ.get(CHECK_ENV, "") not in ("", "0")


# -- dossier@1 ------------------------------------------------------------------------------
REF = Obj({"article": str, "sentence": int})
DATE = str  # ISO 8601 date or datetime, as given or found

DOSSIER = Obj({
    "schema": Enum((DOSSIER_SCHEMA,)),
    "story": Obj(
        {"id": str, "title": Opt(str), "languages": Arr(str), "first_published": Opt(DATE),
         "last_published": Opt(DATE), "article_count": int, "outlet_count": int},
        {"event_date": Opt(str), "event_date_from": Opt(str),
         "related": Arr(Obj({"id": str, "title": Opt(str), "event_date": Opt(str), "relation": str}))},
    ),
    "articles": Arr(Obj(
        {"id": str, "outlet": Opt(str), "title": Opt(str), "url": Opt(str), "published": Opt(DATE),
         "published_from": Enum(("metadata", "text", "input", "unknown")), "language": Opt(str),
         "duplicate_of": Opt(str),
         "sentences": Arr(Obj({"i": int, "text": str, "start": int, "end": int}, {"language": Opt(str)})),
         "removed": Arr(Obj({"text": str, "why": str}))},
        {"status": Enum(("ok", "failed")), "stage": Opt(str), "reason": Opt(str)},
    )),
    "summary": Arr(Obj({"text": str, "support": Arr(REF)})),
    "facts": Arr(Obj({"id": str, "text": str, "support": Arr(REF), "outlets": int})),
    "exclusive": Arr(Obj({"text": str, "ref": REF})),
    "contradictions": Arr(Obj({
        "id": str,
        "kind": Enum(("date", "weekday", "number", "negation", "order", "attribution", "quote")),
        "severity": Enum(("hard", "soft")), "explanation": str, "claims": Arr(REF)})),
    "quotes": Arr(Obj({"id": str, "speaker": Opt(str), "text": str, "carriers": Arr(Obj(
        {"article": str, "sentence": int, "text": str,
         "match": Enum(("verbatim", "variant", "paraphrase"))}))})),
    "entities": Arr(Obj({"id": str, "name": str, "type": str, "aliases": Arr(str), "role": Opt(str),
                         "articles": Arr(str), "mentions": int})),
    "timeline": Arr(Obj({"date": str, "time": Opt(str), "text": str, "support": Arr(REF)})),
    "framing": Arr(Obj(
        {"article": str, "tone": float,
         "loaded_terms": Arr(Obj({"term": str, "sentence": int}, {"why": Opt(str), "why_de": Opt(str)})),
         "translation_artifacts": Arr(Obj({"text": str, "sentence": int, "why": str}, {"why_de": Opt(str)}))},
        {"headline_mismatch": Opt(str), "headline_mismatch_de": Opt(str), "missing_facts": Arr(str)},
    )),
})


def check_dossier(doc: Any) -> None:
    """Raise :class:`ContractError` unless ``doc`` is a valid ``lagebild/dossier@1``."""
    story = doc.get("story") if isinstance(doc, dict) else None
    sid = story.get("id") if isinstance(story, dict) else None
    check(doc, DOSSIER, f"dossier {sid!r}")


def dossier_to_dict(d: Dossier) -> dict[str, Any]:
    """The ``lagebild/dossier@1`` JSON of a :class:`~lagebild.models.Dossier` (before the Ref check)."""
    arts = list(d.articles)
    dates = sorted(a.published for a in arts if a.published)
    from .compare.context import outlet_key_map  # the one outlet identity (issue 11)
    from .store.serialize import as_plain  # dataclasses.asdict, faster

    outlets = set(outlet_key_map(arts).values())
    languages = sorted({a.language for a in arts if a.language})
    doc: dict[str, Any] = {
        "schema": DOSSIER_SCHEMA,
        "story": {
            "id": d.story.id,
            "title": d.story.title,
            "languages": languages,
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
            "article_count": len(arts),
            "outlet_count": len(outlets),
        },
        "articles": [_article_dict(a) for a in arts],
        "summary": [_with_refs(as_plain(s)) for s in d.summary],
        "facts": [_with_refs(as_plain(f)) for f in d.facts],
        "exclusive": [as_plain(e) for e in d.exclusive],
        "contradictions": [_with_refs(as_plain(c), "claims") for c in d.contradictions],
        "quotes": [{**as_plain(q), "carriers": [as_plain(c) for c in q.carriers]} for q in d.quotes],
        "entities": [
            {**as_plain(e), "aliases": list(e.aliases), "articles": list(e.articles)} for e in d.entities
        ],
        "timeline": [_with_refs(as_plain(t)) for t in d.timeline],
        "framing": [
            {
                "article": f.article,
                "tone": f.tone,
                "loaded_terms": [as_plain(t) for t in f.loaded_terms],
                "translation_artifacts": [as_plain(t) for t in f.translation_artifacts],
                "headline_mismatch": f.headline_mismatch,
                "headline_mismatch_de": f.headline_mismatch_de,
                "missing_facts": list(f.missing_facts),
            }
            for f in d.framing
        ],
    }
    doc.update(d.extra)
    return doc


def _with_refs(d: dict[str, Any], key: str = "support") -> dict[str, Any]:
    d[key] = [dict(r) for r in d[key]]
    return d


def _article_dict(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "published": a.published,
        "published_from": a.published_from,
        "language": a.language,
        "duplicate_of": a.duplicate_of,
        "sentences": [
            {"i": s.i, "text": s.text, "start": s.start, "end": s.end, "language": s.language}
            for s in a.sentences
        ],
        "removed": [{"text": r.text, "why": r.why} for r in a.removed],
        "status": a.status,
        "stage": a.stage,
        "reason": a.reason,
    }


# -- the extract line -----------------------------------------------------------------------
EXTRACT_PARTS = ("entities", "quotes", "times")
_SPAN = {"start": int, "end": int, "text": str}
EXTRACT_LINE = Obj(
    {"id": str, "language": Opt(str), "published": Opt(str), "text": str},
    {
        "entities": Arr(Obj({**_SPAN, "type": Enum(("PER", "ORG", "LOC", "OTH")), "entity": str})),
        "quotes": Arr(Obj({**_SPAN, "kind": Enum(("direct", "indirect")),
                           "speaker": Opt(Obj({**_SPAN, "entity": Opt(str)})), "cue": Opt(Obj(_SPAN))})),
        "times": Arr(Obj({**_SPAN, "type": Enum(("DATE", "TIME", "DURATION", "SET")), "value": str})),
    },
)


def extract_line(art: Article, ex: Extraction, wanted: Iterable[str] = EXTRACT_PARTS) -> dict[str, Any]:
    """The ``lagebild extract`` JSON line of one article; ``wanted`` picks the parts printed."""
    parts = set(wanted)
    line: dict[str, Any] = {"id": art.id, "language": art.language, "published": art.published, "text": art.text}
    if "entities" in parts:
        line["entities"] = [
            {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": m.entity} for m in ex.mentions
        ]
    if "quotes" in parts:
        line["quotes"] = [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "speaker": None if q.speaker is None else {
                    "start": q.speaker.start, "end": q.speaker.end, "text": q.speaker.text, "entity": q.speaker.entity
                },
                "cue": None if q.cue is None else {"start": q.cue.start, "end": q.cue.end, "text": q.cue.text},
            }
            for q in ex.quotes
        ]
    if "times" in parts:
        line["times"] = [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in ex.times
        ]
    if checking_enabled():
        check(line, EXTRACT_LINE, f"extract line of {art.id!r}")
    return line


# -- the story list -------------------------------------------------------------------------
STORY_LIST = Obj({"stories": Arr(Obj(
    {"id": str, "title": Opt(str), "articles": Arr(str)},
    {"event_date": Opt(str), "related": Arr(str)},
))})


def story_entry(story_id: str, title: str | None, articles: Sequence[str], **extra: Any) -> dict[str, Any]:
    """One story of the list: id, title, article ids, then any additive fields."""
    return {"id": story_id, "title": title, "articles": list(articles), **extra}


def story_list(stories: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``{"stories": [...]}`` as printed by ``cluster --json`` and written to ``stories.json``."""
    doc = {"stories": [dict(s) for s in stories]}
    if checking_enabled():
        check(doc, STORY_LIST, "story list")
    return doc
