"""Read articles from files, directories and standard input.

Formats (../shared/DESIGN.md, "Input"): ``.txt`` one article; ``.html``/``.htm`` one page;
``.json`` one object or a list; ``.jsonl`` one object per line; a directory: every supported
file below it; ``-``: JSONL on standard input. An ``outlets.json`` beside ``.txt`` files maps
file stems to outlet names (plain text has no other place for it).

Every input either yields ``RawArticle``s or a ``Failure`` saying what is wrong with it; one
bad file never stops the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..models import RawArticle

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Failure",
    "content_id",
    "decode_bytes",
    "iter_raw_articles",
    "raw_from_mapping",
    "read_jsonl_stream",
    "read_path",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml")
# A news article is rarely above 200 kB even as full HTML; 20 MB leaves room for large
# JSONL batches while refusing accidental multi-GB dumps.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Share of control characters above which decoded text is treated as binary.
MAX_CONTROL_SHARE = 0.05
OUTLETS_FILE = "outlets.json"
# Other names common exports use for contract fields (read only when the contract name is
# absent): news data sets say "date"/"source"/"lang", feed dumps "pubDate".
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "published": ("date", "pubDate", "published_at", "datePublished"),
    "outlet": ("source", "site", "publisher"),
    "language": ("lang",),
    "title": ("headline",),
}


@dataclass(frozen=True)
class Failure:
    """An input that could not be turned into an article."""

    source: str
    reason: str
    stage: str = "ingest"


def content_id(text: str) -> str:
    """A stable id from content, used when neither an id nor a file stem is available."""
    return "a-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (with or without BOM), then cp1252, then latin-1.

    Returns (text, encoding). Raises ValueError for binary content.
    """
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes); give text, HTML or JSON")
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if text and control / min(len(text), 20000) > MAX_CONTROL_SHARE:
            raise ValueError("binary file (mostly control characters); give text, HTML or JSON")
        return text, enc
    raise ValueError("undecodable bytes: not UTF-8, cp1252 or latin-1")  # pragma: no cover


def raw_from_mapping(obj: Any, fallback_id: str | None, source: str) -> RawArticle:
    """Build a RawArticle from one JSON object of the input contract."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")  # noqa: TRY004 - callers turn ValueError into a named Failure
    text, html = obj.get("text"), obj.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise ValueError("the object has no 'text' or 'html' (one of them is required)")

    def opt(key: str) -> str | None:
        for name in (key, *FIELD_ALIASES.get(key, ())):
            v = obj.get(name)
            if v is not None and str(v).strip():
                return str(v).strip()
        return None

    body = text if isinstance(text, str) and text.strip() else None
    art_id = opt("id") or fallback_id or content_id(body or html or "")
    return RawArticle(
        id=art_id,
        text=body,
        html=None if body else html,
        title=opt("title"),
        url=opt("url"),
        outlet=opt("outlet"),
        published=opt("published"),
        language=opt("language"),
        author=opt("author"),
        source=source,
    )


def _load_outlets(folder: Path, cache: dict[Path, dict[str, str]]) -> dict[str, str]:
    if folder not in cache:
        mapping: dict[str, str] = {}
        f = folder / OUTLETS_FILE
        if f.is_file():
            try:
                data = json.loads(f.read_text("utf-8"))
                if isinstance(data, dict):
                    mapping = {str(k): str(v) for k, v in data.items()}
            except (OSError, ValueError):
                mapping = {}
        cache[folder] = mapping
    return cache[folder]


def read_path(path: Path, _outlets: dict[Path, dict[str, str]] | None = None) -> Iterator[RawArticle | Failure]:
    """Articles of one file (not a directory)."""
    src = str(path)
    outlets_cache = _outlets if _outlets is not None else {}
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Failure(src, f"cannot read: {e.strerror or e}")
        return
    if size == 0:
        yield Failure(src, "empty file")
        return
    if size > MAX_FILE_BYTES:
        yield Failure(
            src, f"file too large ({size / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB); split it"
        )
        return
    try:
        text, _enc = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as e:
        yield Failure(src, str(e))
        return
    if not text.strip():
        yield Failure(src, "file holds only white space")
        return
    suffix = path.suffix.lower()
    stem = path.stem
    if suffix == ".txt":
        outlet = _load_outlets(path.parent, outlets_cache).get(stem)
        yield RawArticle(id=stem, text=text, outlet=outlet, source=src)
    elif suffix in (".html", ".htm"):
        outlet = _load_outlets(path.parent, outlets_cache).get(stem)
        yield RawArticle(id=stem, html=text, outlet=outlet, source=src)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as e:
            yield Failure(src, f"invalid JSON: {e}")
            return
        from .formats import json_document

        yield from json_document(data, stem, src)
    elif suffix == ".xml":
        from .formats import xml_document

        yield from xml_document(text, stem, src)
    elif suffix == ".jsonl":
        yield from read_jsonl_lines(text.splitlines(), src)
    else:
        yield Failure(src, f"unsupported file type '{suffix}' (use {', '.join(SUPPORTED_SUFFIXES)})")


def read_jsonl_lines(lines: Iterable[str], src: str) -> Iterator[RawArticle | Failure]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{src}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as e:
            yield Failure(where, f"invalid JSON on line {n}: {e}")
            continue
        from .formats import one_record

        yield one_record(obj, None, where)


def read_jsonl_stream(stream: IO[str], src: str = "-") -> Iterator[RawArticle | Failure]:
    """JSONL from a stream (standard input)."""
    yield from read_jsonl_lines(stream, src)


def iter_raw_articles(
    inputs: Iterable[str | Path | RawArticle],
    stdin: IO[str] | None = None,
    *,
    allow_private_urls: bool = False,
    url_timeout: float = 10,
) -> Iterator[RawArticle | Failure]:
    """Every article of every input, in a stable order, with a Failure for each bad input.

    Inputs are paths (files or directories), ``-`` for JSONL on standard input, http(s)
    URLs (fetched with ``lagebild.ingest.fetch``), or RawArticle objects passed through.
    """
    outlets_cache: dict[Path, dict[str, str]] = {}
    n_items = n_failed = 0
    for raw_or_failure in _iter_inputs(inputs, stdin, outlets_cache, allow_private_urls, url_timeout):
        if isinstance(raw_or_failure, Failure):
            n_failed += 1
            log.debug("ingest: %s failed: %s", raw_or_failure.source, raw_or_failure.reason)
        else:
            n_items += 1
        yield raw_or_failure
    log.info("ingest: %d articles read, %d inputs failed", n_items, n_failed)


def _iter_inputs(
    inputs: Iterable[str | Path | RawArticle],
    stdin: IO[str] | None,
    outlets_cache: dict[Path, dict[str, str]],
    allow_private_urls: bool,
    url_timeout: float,
) -> Iterator[RawArticle | Failure]:
    for item in inputs:
        if isinstance(item, RawArticle):
            yield item
            continue
        name = str(item)
        if name == "-":
            yield from read_jsonl_stream(stdin or sys.stdin)
            continue
        if name.startswith(("http://", "https://")):
            from .feeds import read_url

            yield from read_url(name, allow_private=allow_private_urls, timeout=url_timeout)
            continue
        path = Path(name)
        if not path.exists():
            yield Failure(name, "no such file or directory")
        elif path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and p.name != OUTLETS_FILE
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            log.debug("ingest: %d supported files below %s", len(files), name)
            if not files:
                yield Failure(name, f"no supported files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder")
            for f in files:
                yield from read_path(f, outlets_cache)
        else:
            yield from read_path(path, outlets_cache)
