"""Quotation marks and direct-speech spans: the one set of marks, the one span finder.

Conventions covered: German „…“ (also „…” and „…" as typed), ‚…‘ and »…«; English “…” and
"…"; French/Spanish/Swiss «…» and ‹…›. The straight apostrophe ' and the typographic ’ are
apostrophes far more often than quotation marks ("geht's", "don’t"), so they never open a
span; they only close a ‚…‘ span.

Everything here runs in linear time: the span finder is a single left-to-right scan, and
every regex body excludes its own opening mark, so a failed match never rescans text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

__all__ = [
    "CLOSING_MARKS",
    "OPENING_MARKS",
    "QUOTE_CHARS",
    "QUOTE_MAX_CHARS",
    "QUOTE_PAIRS",
    "is_quote_char",
    "quote_span_re",
    "quote_spans",
    "strip_quote_marks",
]

# Opening mark -> the closing marks it accepts, in order of preference.
QUOTE_PAIRS: dict[str, str] = {
    "„": "“”\"",
    "»": "«",
    "«": "»",
    "“": "”“",
    "\"": "\"",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
}
OPENING_MARKS = frozenset(QUOTE_PAIRS)
CLOSING_MARKS = frozenset("“”\"»«‘’›‹'")
# Every character that can be a quotation mark (for stripping and token boundaries).
QUOTE_CHARS = frozenset("„“”\"»«‚‘’‹›'")
# A quote whose closing mark is further away than this is treated as unclosed.
# Set by hand: the longest quotes in SpkAtt-2023 train are ~1,200 characters.
QUOTE_MAX_CHARS = 1600

_MARK_RE = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def is_quote_char(ch: str) -> bool:
    """True for any quotation mark (including the apostrophes that close ‚…‘)."""
    return ch in QUOTE_CHARS


def quote_spans(text: str, *, max_chars: int = QUOTE_MAX_CHARS, min_chars: int = 0,
                allow_unclosed: bool = False) -> list[tuple[int, int]]:
    """Top-level quotations in ``text`` as (start, end) offsets, marks included.

    A span opens at an opening mark and closes at the first closing mark its opener accepts
    (``QUOTE_PAIRS``); marks inside a span are text. A “ right after a letter is a stray
    closing mark, not an opener. An opener whose closer does not come within ``max_chars``
    is skipped and the scan goes on after it. With ``allow_unclosed`` an opener that is
    never closed opens a span to the end of ``text`` (sentence splitters cut quotes).
    Spans whose inner text is shorter than ``min_chars`` are left out.

    Linear in the number of marks (one bisect per opener), whatever the input.
    """
    marks = [(m.start(), m.group()) for m in _MARK_RE.finditer(text)]
    where: dict[str, list[int]] = {}
    for i, ch in marks:
        where.setdefault(ch, []).append(i)
    # for each opener: the sorted offsets of every closing mark it accepts
    closing = {op: sorted(k for c in closers for k in where.get(c, ()))
               for op, closers in QUOTE_PAIRS.items() if op in where}
    spans: list[tuple[int, int]] = []
    done = -1  # offsets before this are inside a span already found
    for i, ch in marks:
        if i < done or ch not in closing:
            continue
        if ch == "“" and i > 0 and _LETTER_RE.match(text[i - 1]):
            continue  # a closing mark after a word, not an opener
        close = _next(closing[ch], i)
        if close is None:
            if allow_unclosed:
                if len(text) - i - 1 >= min_chars:
                    spans.append((i, len(text)))
                break
            del closing[ch]  # no later opener of this kind can close either
            continue
        if close - i > max_chars:
            continue
        if close - i - 1 >= min_chars:
            spans.append((i, close + 1))
        done = close + 1
    return spans


def _next(positions: list[int] | None, after: int) -> int | None:
    """The first position in sorted ``positions`` greater than ``after``."""
    if not positions:
        return None
    k = bisect_right(positions, after)
    return positions[k] if k < len(positions) else None


@lru_cache(maxsize=8)
def quote_span_re(min_chars: int = 0, closed: bool = True, group: bool = False) -> re.Pattern[str]:
    """A regex for one quotation with its marks (for ``finditer``/``sub``).

    ``min_chars``: shortest inner text; ``closed=False`` also matches a quote cut off before
    its closing mark; ``group=True`` puts the inner text in the named group ``q``. Every
    body excludes its own opening mark, so the regex is linear on any input.
    """
    alts: list[str] = []
    for opener, closers in (("„", "“”\""), ("»", "«"), ("«", "»"), ("“", "”"), ("\"", "\""),
                            ("‚", "‘’"), ("‹", "›")):
        body = f"[^{re.escape(opener + closers)}]" + (f"{{{min_chars},}}" if min_chars else "*")
        end = f"[{re.escape(closers)}]" + ("" if closed else "?")
        inner = f"(?P<q{len(alts)}>{body})" if group else body
        alts.append(f"{re.escape(opener)}{inner}{end}")
    return re.compile("|".join(alts))


def strip_quote_marks(text: str) -> str:
    """``text`` without surrounding spaces and quotation marks ("„Nein“" -> "Nein")."""
    return text.strip().strip("".join(QUOTE_CHARS)).strip()
