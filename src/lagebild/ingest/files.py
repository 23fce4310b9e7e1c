"""Read articles from files, directories and standard input.

Formats (../shared/DESIGN.md, "Input"): ``.txt`` one article; ``.html``/``.htm`` one page;
``.json`` one object or a list; ``.jsonl`` one object per line; a directory: every supported
file below it; ``-``: JSONL on standard input. An ``outlets.json`` beside ``.txt`` files maps
file stems to outlet names (plain text has no other place for it).

Every input either yields ``RawArticle``s or a ``Failure`` saying what is wrong with it; one
bad file (or one bad line of a JSONL file) never stops the rest. A ``Failure`` with
``severity="warning"`` names an input that was repaired and kept (lone surrogates replaced).

Symlinks inside a folder are read when they point inside the input folder; one pointing
outside it is skipped with a message unless ``follow_symlinks``; dangling and looping links
are named. Readers per file type sit in ``TEXT_READERS`` (suffix -> reader over the decoded
text), so a new format plugs in there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..limits import MAX_JSON_DEPTH
from ..models import RawArticle

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "TEXT_READERS",
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
    # "error": the input (or this part of it) was not used; "warning": it was repaired and kept
    severity: str = "error"

    @property
    def fatal(self) -> bool:
        return self.severity != "warning"


def content_id(text: str) -> str:
    """A stable id from content, used when neither an id nor a file stem is available."""
    return "a-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Without a mark, UTF-16/32 text in a Latin script shows as NUL bytes at fixed positions: at
# least this share of the high bytes is NUL and almost none of the low bytes.
WIDE_NUL_SHARE = 0.6
_LETTER_RE = re.compile(r"[^\W\d_]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _wide_guess(data: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark, told by where its NUL bytes sit."""
    sample = data[:8192]
    n = len(sample)
    if n < 8:
        return None

    def zero_share(offset: int, step: int) -> float:
        part = sample[offset::step]
        return part.count(0) / max(1, len(part))

    if n % 4 == 0 or len(data) % 4 == 0:
        for enc, zeros, nonzero in (("utf-32-le", (1, 2, 3), 0), ("utf-32-be", (0, 1, 2), 3)):
            if all(zero_share(z, 4) >= WIDE_NUL_SHARE for z in zeros[1:]) and zero_share(nonzero, 4) < 0.05:
                return enc
    for enc, high, low in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        if zero_share(high, 2) >= WIDE_NUL_SHARE and zero_share(low, 2) < 0.05:
            return enc
    return None


def _control_share(text: str) -> float:
    head = text[:20000]
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control / max(1, len(head))


def decode_bytes(data: bytes, *, allow_nul_lines: bool = False) -> tuple[str, str]:
    """Decode file bytes: a byte-order mark (UTF-8/16/32), UTF-16/32 told by its NUL bytes,
    then UTF-8, cp1252, latin-1.

    Returns (text, encoding). Raises ValueError naming the problem for binary content or a
    UTF-16/32 file that does not decode. ``allow_nul_lines``: NUL bytes are left for a
    line-by-line reader to refuse (JSONL keeps its good lines).
    """
    wide = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if wide is None and b"\x00" in data[:8192]:
        wide = _wide_guess(data)
    if wide is not None and wide != "utf-8-sig":
        label = wide.upper().replace("-LE", "").replace("-BE", "")
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as e:
            raise ValueError(f"looks like {label} but does not decode ({e.reason} at byte {e.start}); save it as UTF-8") from None
        text = text.removeprefix("\ufeff")
        if _control_share(text) > MAX_CONTROL_SHARE:
            raise ValueError(f"binary file (decoded as {label} it is mostly control characters); give text, HTML or JSON")
        return text, wide
    if not allow_nul_lines and b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes); give text, HTML or JSON")
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not allow_nul_lines and text and _control_share(text) > MAX_CONTROL_SHARE:
            raise ValueError("binary file (mostly control characters); give text, HTML or JSON")
        return text, enc
    raise ValueError("undecodable bytes: not UTF-8, cp1252 or latin-1")  # pragma: no cover


def json_depth(obj: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(obj, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            v = list(v.values())
        if isinstance(v, list):
            d += 1
            deepest = max(deepest, d)
            if d > MAX_JSON_DEPTH:
                break
            stack.extend((x, d) for x in v if isinstance(x, (list, dict)))
    return deepest


def load_json(text: str) -> Any:
    """``json.loads`` with the nesting limit; raises ValueError naming what is wrong."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested too deeply (limit: {MAX_JSON_DEPTH} levels)") from None
    except ValueError as e:
        raise ValueError(f"invalid JSON: {e}") from None
    depth = json_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels; articles are flat objects)")
    return data


def _sanitised(value: Any) -> tuple[Any, int]:
    """The JSON value with lone UTF-16 surrogates in its strings replaced by U+FFFD, and their
    count (the value's depth is already limited by ``load_json``).

    JSON allows "\\ud800" escapes that are no character; no store or file can write them.
    """
    if isinstance(value, str):
        if _SURROGATE_RE.search(value):
            return _SURROGATE_RE.subn("\ufffd", value)
        return value, 0
    if isinstance(value, list):
        fixed = [_sanitised(v) for v in value]
        return [v for v, _ in fixed], sum(k for _, k in fixed)
    if isinstance(value, dict):
        n = 0
        out = {}
        for k, v in value.items():
            (k2, a), (v2, b) = _sanitised(k), _sanitised(v)
            out[k2] = v2
            n += a + b
        return out, n
    return value, 0


def has_letters(text: str) -> bool:
    """True when the text holds at least one letter (of any script)."""
    return _LETTER_RE.search(text) is not None


NO_TEXT = "no text: it holds no letters (only brackets, digits, symbols or invisible characters)"


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
    if body is not None and not has_letters(body) and not (isinstance(html, str) and has_letters(html)):
        raise ValueError(NO_TEXT)
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


def _repaired(data: Any, where: str) -> Iterator[Any]:
    """Yields a warning Failure when lone surrogates had to be replaced, then the repaired value
    (so a caller does ``*notes, data = _repaired(...)``)."""
    data, n = _sanitised(data)
    if n:
        yield Failure(where, f"{n} invalid character(s) (lone UTF-16 surrogates) replaced by U+FFFD; the rest was kept", severity="warning")
    yield data


def _load_outlets(folder: Path, cache: dict[Path, dict[str, str]]) -> dict[str, str]:
    if folder not in cache:
        mapping: dict[str, str] = {}
        f = folder / OUTLETS_FILE
        if f.is_file():
            try:
                data = json.loads(f.read_text("utf-8"))
                if isinstance(data, dict):
                    mapping = {str(k): str(v) for k, v in data.items()}
            except (OSError, ValueError, RecursionError):
                mapping = {}
        cache[folder] = mapping
    return cache[folder]


@dataclass(frozen=True)
class FileContext:
    """What a reader knows about the file it reads."""

    path: Path
    source: str
    outlet: str | None  # from an outlets.json beside the file


def _read_txt(text: str, ctx: FileContext) -> Iterator[RawArticle | Failure]:
    if not has_letters(text):
        yield Failure(ctx.source, NO_TEXT)
        return
    yield RawArticle(id=ctx.path.stem, text=text, outlet=ctx.outlet, source=ctx.source)


def _read_html(text: str, ctx: FileContext) -> Iterator[RawArticle | Failure]:
    yield RawArticle(id=ctx.path.stem, html=text, outlet=ctx.outlet, source=ctx.source)


def _read_json(text: str, ctx: FileContext) -> Iterator[RawArticle | Failure]:
    from .formats import json_document

    try:
        *notes, data = _repaired(load_json(text), ctx.source)
    except ValueError as e:
        yield Failure(ctx.source, str(e))
        return
    yield from notes
    if isinstance(data, list) and not data:
        yield Failure(ctx.source, "empty list: the JSON file holds no articles")
        return
    yield from _no_text_named(json_document(data, ctx.path.stem, ctx.source))


def _read_xml(text: str, ctx: FileContext) -> Iterator[RawArticle | Failure]:
    from .formats import xml_document

    yield from _no_text_named(xml_document(text, ctx.path.stem, ctx.source))


def _no_text_named(items: Iterable[RawArticle | Failure]) -> Iterator[RawArticle | Failure]:
    """Articles of any format whose text holds no letter become a "no text" Failure."""
    for item in items:
        if isinstance(item, RawArticle) and item.text is not None and not has_letters(item.text):
            yield Failure(item.source or item.id, NO_TEXT)
        else:
            yield item


def _read_jsonl(text: str, ctx: FileContext) -> Iterator[RawArticle | Failure]:
    yield from read_jsonl_lines(text.splitlines(), ctx.source)


# suffix -> reader over the decoded text of one file; register a new format here.
TextReader = Callable[[str, FileContext], Iterator[RawArticle | Failure]]
TEXT_READERS: dict[str, TextReader] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".xml": _read_xml,
}


def read_path(path: Path, _outlets: dict[Path, dict[str, str]] | None = None) -> Iterator[RawArticle | Failure]:
    """Articles of one file (not a directory)."""
    src = str(path)
    outlets_cache = _outlets if _outlets is not None else {}
    suffix = path.suffix.lower()
    reader = TEXT_READERS.get(suffix)
    if reader is None:
        yield Failure(src, f"unsupported file type '{suffix}' (use {', '.join(SUPPORTED_SUFFIXES)})")
        return
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
        text, _enc = decode_bytes(path.read_bytes(), allow_nul_lines=suffix == ".jsonl")
    except (OSError, ValueError) as e:
        yield Failure(src, str(e))
        return
    if not text.strip():
        yield Failure(src, "file holds only white space")
        return
    outlet = _load_outlets(path.parent, outlets_cache).get(path.stem) if suffix in (".txt", ".html", ".htm") else None
    yield from reader(text, FileContext(path, src, outlet))


def read_jsonl_lines(lines: Iterable[str], src: str) -> Iterator[RawArticle | Failure]:
    """One article per line; a bad line is named with its number and the others are kept."""
    for n, line in enumerate(lines, 1):
        if n == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        where = f"{src}:{n}"
        if "\x00" in line or _control_share(line) > MAX_CONTROL_SHARE:
            yield Failure(where, f"binary content (NUL or control characters) on line {n}")
            continue
        try:
            *notes, obj = _repaired(load_json(line), where)
        except ValueError as e:
            yield Failure(where, f"{e} (line {n})")
            continue
        from .formats import one_record

        yield from notes
        yield from _no_text_named([one_record(obj, None, where)])


def read_jsonl_stream(stream: IO[str], src: str = "-") -> Iterator[RawArticle | Failure]:
    """JSONL from a stream (standard input)."""
    yield from read_jsonl_lines(stream, src)


def _within(target: Path, root: Path) -> bool:
    try:
        target.relative_to(root)
    except ValueError:
        return False
    return True


def _link_problem(p: Path, root: Path, follow_symlinks: bool) -> str | None:
    """Why a symlink below ``root`` is not read, or None to read it."""
    try:
        target = p.resolve(strict=True)
    except RuntimeError:
        return "symlink loop: skipped"
    except OSError as e:
        if getattr(e, "errno", None) == 40:  # ELOOP
            return "symlink loop: skipped"
        return f"dangling symlink (its target {os.readlink(p)!r} does not exist): skipped"
    if not follow_symlinks and not _within(target, root):
        return f"symlink to {target}, outside the input folder: skipped (use --follow-symlinks to read it)"
    return None


def _folder_files(root: Path, follow_symlinks: bool) -> Iterator[Path | Failure]:
    """Supported files below ``root`` in a stable order, and a Failure for each symlink skipped."""
    real_root = root.resolve()
    seen_dirs = {real_root}
    stack = [root]
    found: list[Path | Failure] = []
    while stack:
        d = stack.pop()
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as err:
            found.append(Failure(str(d), f"cannot list folder: {err.strerror or err}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            is_link = entry.is_symlink()
            if is_link:
                problem = _link_problem(p, real_root, follow_symlinks)
                if problem is not None:
                    if p.suffix.lower() in SUPPORTED_SUFFIXES or problem.startswith(("dangling", "symlink loop")) or p.is_dir():
                        found.append(Failure(str(p), problem))
                    continue
            try:
                if p.is_dir():
                    real = p.resolve()
                    if real in seen_dirs:
                        found.append(Failure(str(p), "folder already read (a symlink loop): skipped"))
                        continue
                    seen_dirs.add(real)
                    stack.append(p)
                elif p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != OUTLETS_FILE:
                    found.append(p)
            except OSError as err:
                found.append(Failure(str(p), f"cannot read: {err.strerror or err}"))
    yield from sorted(found, key=lambda x: str(x) if isinstance(x, Path) else x.source)


def _safely(source: str, items: Iterator[RawArticle | Failure]) -> Iterator[RawArticle | Failure]:
    """A reader's items; an unexpected error ends only this input, named."""
    from ..guard import describe

    try:
        yield from items
    except Exception as e:  # one unreadable input must not end the run
        yield Failure(source, f"could not be read ({describe(e)}); this is a bug in lagebild")


def iter_raw_articles(
    inputs: Iterable[str | Path | RawArticle],
    stdin: IO[str] | None = None,
    *,
    allow_private_urls: bool = False,
    url_timeout: float = 10,
    follow_symlinks: bool = False,
) -> Iterator[RawArticle | Failure]:
    """Every article of every input, in a stable order, with a Failure for each bad input.

    Inputs are paths (files or directories), ``-`` for JSONL on standard input, http(s)
    URLs (fetched with ``lagebild.ingest.fetch``), or RawArticle objects passed through.
    A path given by name is read even when it is a symlink; inside a folder, symlinks that
    lead out of it are skipped unless ``follow_symlinks``.
    """
    outlets_cache: dict[Path, dict[str, str]] = {}
    n_items = n_failed = 0
    for raw_or_failure in _iter_inputs(inputs, stdin, outlets_cache, allow_private_urls, url_timeout, follow_symlinks):
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
    follow_symlinks: bool,
) -> Iterator[RawArticle | Failure]:
    for item in inputs:
        if isinstance(item, RawArticle):
            yield item
            continue
        name = str(item)
        if name == "-":
            yield from _safely(name, read_jsonl_stream(stdin or sys.stdin))
            continue
        if name.startswith(("http://", "https://")):
            from .feeds import read_url

            yield from _safely(name, read_url(name, allow_private=allow_private_urls, timeout=url_timeout))
            continue
        path = Path(name)
        if path.is_symlink() and not path.exists():
            problem = _link_problem(path, path.parent.resolve(), True)
            yield Failure(name, problem or "dangling symlink")
        elif not path.exists():
            yield Failure(name, "no such file or directory")
        elif path.is_dir():
            any_file = False
            for f in _folder_files(path, follow_symlinks):
                if isinstance(f, Failure):
                    yield f
                    continue
                any_file = True
                yield from _safely(str(f), read_path(f, outlets_cache))
            if not any_file:
                yield Failure(name, f"no supported files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder")
        else:
            yield from _safely(name, read_path(path, outlets_cache))
