"""Cleaning: from a RawArticle (plain text or HTML) to clean text, metadata and what was removed.

HTML goes through trafilatura (main text + title, author, site name, date); plain text and
trafilatura's output both go through the line classifier in ``boilerplate.py``, which is
re-run on its own output until nothing changes, so cleaning is idempotent.

Publication date, first that applies: the input's ``published`` ("input"), the page
metadata ("metadata"), a dateline or "date 2025-07" prefix, else the latest explicit full
date in the cleaned text as a lower bound ("text"; see ``pubdate.py`` for the rule),
else None ("unknown").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.limits import MAX_WORD_CHARS
from lagebild.models import RawArticle, Removed
from lagebild.text.boilerplate import classify_lines, is_heading_like, normalize_line
from lagebild.text.pubdate import latest_text_date

__all__ = ["Cleaned", "CleanedLines", "clean_article", "clean_lines"]

# The classifier is re-run until a pass removes nothing; each pass can only shrink the text,
# and on the seeds and fixtures the second pass never changes anything, so this is a guard.
MAX_PASSES = 5
# The title is looked for among this many first kept lines (seed headlines sit at line 1-3,
# after a banner line or a lead paragraph).
TITLE_SEARCH_LINES = 4
# Language id reads at most this many characters (on the seeds and 10kGNAD the label for the
# first 1,000 characters equals the label for the whole text; fastText cost grows with length).
LANGUAGE_SAMPLE_CHARS = 1000
# Share of a headline's content words that recur in the body (seed headlines 0.57-1.0, the
# seed banner line 0.33).
TITLE_MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Cleaned:
    """A cleaned article: text (one paragraph or heading per line), metadata, removals.

    ``published`` is an ISO date/datetime or "YYYY-MM"; ``published_from`` says where it
    came from: "input", "metadata", "text" or "unknown".
    """

    text: str
    title: str | None
    removed: tuple[Removed, ...]
    published: str | None
    published_from: str
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class CleanedLines:
    """Result of the line classifier run to a fixpoint over one text."""

    lines: tuple[str, ...]
    removed: tuple[Removed, ...]
    dateline: str | None  # first date from a dateline or glued date prefix


# a run of non-space characters past the word limit, matched from its start only (linear)
_LONG_WORD_RE = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")


def _cut_long_words(line: str, removed: list[Removed]) -> str:
    """The line without words longer than ``MAX_WORD_CHARS``; each cut is recorded."""
    if len(line) <= MAX_WORD_CHARS or not _LONG_WORD_RE.search(line):
        return line
    for m in _LONG_WORD_RE.finditer(line):
        w = m.group()
        removed.append(Removed(w[:80] + "…", f"word longer than {MAX_WORD_CHARS} characters ({len(w):,}; limit per word)"))
    return normalize_line(_LONG_WORD_RE.sub(" ", line))


def clean_lines(text: str) -> CleanedLines:
    """Remove boilerplate lines from ``text`` until a pass removes nothing more."""
    removed: list[Removed] = []
    lines = [normalize_line(x) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [_cut_long_words(x, removed) for x in lines if x]
    lines = [x for x in lines if x]
    dateline: str | None = None
    for _ in range(MAX_PASSES):
        changed = False
        kept: list[str] = []
        for v in classify_lines(lines):
            if v.date and dateline is None:
                dateline = v.date
            if v.why is not None:
                removed.append(Removed(v.text, v.why))
                changed = True
                continue
            if v.stripped:
                removed.append(Removed(v.stripped, v.stripped_why or "boilerplate"))
                changed = True
            if v.text:
                kept.append(v.text)
        lines = kept
        if not changed:
            break
    return CleanedLines(tuple(lines), tuple(removed), dateline)


_CONTENT_WORD_RE = re.compile(r"[^\W\d_]{5,}")


def _content_words(line: str) -> set[str]:
    # five-letter prefixes of longer words: a crude stem that skips most function words
    return {w.lower()[:5] for w in _CONTENT_WORD_RE.findall(line)}


def guess_title(lines: tuple[str, ...]) -> str | None:
    """The headline among the first kept lines.

    The earliest heading-like line whose content words mostly (``TITLE_MIN_OVERLAP``) recur
    in the rest of the article; a banner line ("1237 Tag seit der ... Invasion") or a site
    label recurs little. Falls back to the best-scoring heading-like line, else None.
    """
    best, best_score = None, -1.0
    for i, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        if not is_heading_like(line):
            continue
        words = _content_words(line)
        if not words:
            continue
        body: set[str] = set()
        for other in lines[i + 1 :]:
            body |= _content_words(other)
        score = len(words & body) / len(words)
        if score >= TITLE_MIN_OVERLAP:
            return line
        if score > best_score:
            best, best_score = line, score
    return best


def clean_article(raw: RawArticle) -> Cleaned:
    """Clean one article: main text without boilerplate, metadata, and every removal with why.

    Never raises on odd input; an article with no content comes back with ``text == ""``.
    ``raw.language``/``raw.published``/``raw.title``/... win over what cleaning finds.
    """
    meta_title = meta_author = meta_outlet = meta_date = meta_lang = None
    url = raw.url
    if raw.html is not None and raw.text is None:
        from lagebild.text.html import extract_html

        ex = extract_html(raw.html, raw.url)
        body = ex.text
        meta_title, meta_author, meta_outlet = ex.title, ex.author, ex.outlet
        meta_date, meta_lang, url = ex.published, ex.language, raw.url or ex.url
    else:
        body = raw.text or ""

    cl = clean_lines(body)
    text = "\n".join(cl.lines)

    language = raw.language or meta_lang
    if not language and text:
        from lagebild.text.language import detect_language

        language = detect_language(text[:LANGUAGE_SAMPLE_CHARS])

    published: str | None
    if raw.published:
        published, source = raw.published, "input"
    elif meta_date:
        published, source = meta_date, "metadata"
    elif cl.dateline:
        published, source = cl.dateline, "text"
    else:
        published = latest_text_date(text, language)
        source = "text" if published else "unknown"

    return Cleaned(
        text=text,
        title=raw.title or meta_title or guess_title(cl.lines),
        removed=cl.removed,
        published=published,
        published_from=source,
        author=raw.author or meta_author,
        outlet=raw.outlet or meta_outlet,
        url=url,
        language=language,
    )
