"""Other tools' article files, read like our own JSON and recognised by their fields.

- news-please JSON (``maintext``, ``title``, ``source_domain``, ``date_publish``, ``url``,
  ``language``, ``authors``);
- trafilatura JSON (``text``, ``raw_text``, ``fingerprint``, ``source``, ``source-hostname``,
  ``hostname``, ``date``) and trafilatura XML (``<doc sitename= url= ...><main>...</main></doc>``).

A JSON document that is none of these and no article either (a ``"schema"`` file such as the
example corpus's PLANTED.json) is skipped with a note (``Failure`` with stage ``skipped``),
not counted as a failed input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..models import RawArticle
from .files import Failure, content_id, raw_from_mapping

__all__ = ["SKIPPED", "detect_format", "json_document", "one_record", "raw_from_news_please", "raw_from_trafilatura", "xml_document"]

SKIPPED = "skipped"  # Failure.stage of an input that is not an article file (a note, not an error)
_SQL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)$")


def detect_format(obj: Mapping[str, Any]) -> str:
    """"news-please", "trafilatura", "article" (our own fields) or "other"."""
    if "maintext" in obj or ("source_domain" in obj and "date_publish" in obj):
        return "news-please"
    if "text" in obj and ("raw_text" in obj or "fingerprint" in obj or "source-hostname" in obj):
        return "trafilatura"
    if "text" in obj or "html" in obj:
        return "article"
    return "other"


def _s(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        v = ", ".join(str(x) for x in v if x)
    v = str(v).strip()
    return v or None


def _iso(v: Any) -> str | None:
    s = _s(v)
    if s and (m := _SQL_DATE.match(s)):
        return f"{m.group(1)}T{m.group(2)}"
    return s


def raw_from_news_please(obj: Mapping[str, Any], fallback_id: str | None, source: str) -> RawArticle:
    text = _s(obj.get("maintext"))
    if not text:
        raise ValueError("news-please record without 'maintext' (the page's text was not extracted)")
    return RawArticle(
        id=_s(obj.get("id")) or fallback_id or content_id(text),
        text=text,
        title=_s(obj.get("title")),
        url=_s(obj.get("url")),
        outlet=_s(obj.get("source_domain")),
        published=_iso(obj.get("date_publish")),
        language=_s(obj.get("language")),
        author=_s(obj.get("authors")),
        source=source,
    )


def raw_from_trafilatura(obj: Mapping[str, Any], fallback_id: str | None, source: str) -> RawArticle:
    text = _s(obj.get("text")) or _s(obj.get("raw_text"))
    if not text:
        raise ValueError("trafilatura record without 'text'")
    return RawArticle(
        id=_s(obj.get("id")) or fallback_id or content_id(text),
        text=text,
        title=_s(obj.get("title")),
        url=_s(obj.get("url")) or _s(obj.get("source")),
        outlet=_s(obj.get("sitename")) or _s(obj.get("source-hostname")) or _s(obj.get("hostname")),
        published=_iso(obj.get("date")),
        language=_s(obj.get("language")),
        author=_s(obj.get("author")),
        source=source,
    )


def one_record(obj: Any, fallback_id: str | None, src: str) -> RawArticle | Failure:
    if not isinstance(obj, dict):
        return Failure(src, f"expected a JSON object, got {type(obj).__name__}")
    kind = detect_format(obj)
    try:
        if kind == "news-please":
            return raw_from_news_please(obj, fallback_id, src)
        if kind == "trafilatura":
            return raw_from_trafilatura(obj, fallback_id, src)
        return raw_from_mapping(obj, fallback_id, src)
    except ValueError as e:
        return Failure(src, str(e))


def json_document(data: Any, stem: str, src: str) -> Iterator[RawArticle | Failure]:
    """The articles of one parsed ``.json`` file (one object or a list of them)."""
    if isinstance(data, dict) and detect_format(data) == "other" and "schema" in data:
        yield Failure(src, f"not an article file (a {data['schema']!r} document); skipped", SKIPPED)
        return
    if isinstance(data, list):
        for i, obj in enumerate(data):
            yield one_record(obj, None, f"{src}[{i}]")
    else:
        yield one_record(data, stem, src)


def xml_document(text: str, stem: str, src: str) -> Iterator[RawArticle | Failure]:
    """A trafilatura XML document (``<doc>`` root); other XML is skipped with a note."""
    from lxml import etree

    try:
        root = etree.fromstring(text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        yield Failure(src, f"invalid XML: {e}")
        return
    if root.tag != "doc":
        yield Failure(src, f"not a trafilatura XML document (root <{root.tag}>, expected <doc>); skipped", SKIPPED)
        return
    main = root.find("main")
    blocks = [] if main is None else ["".join(el.itertext()).strip() for el in main]
    text_body = "\n".join(b for b in blocks if b)
    a = root.attrib
    obj = {k: a.get(k) for k in ("title", "author", "date", "url", "hostname", "sitename", "language", "id", "source")}
    obj["text"] = text_body
    obj["fingerprint"] = a.get("fingerprint")
    try:
        yield raw_from_trafilatura(obj, stem, src)
    except ValueError as e:
        yield Failure(src, str(e))
