"""A cheap test that proves a TIMEX rule cannot match a text, so its regex is not run.

Each rule's regular expression is read once (Python's own regex parser): from the parts
every match must contain, one is picked that is plain text (a literal run such as "uhr" or
"jahrhundert", or an alternation of literal runs such as the month and weekday names); a
text that contains none of those strings, compared in lower case, cannot hold a match.
About 40 % of the rule scans of a 10kGNAD article are skipped that way (issue #9 profile:
the TIMEX scan was a tenth of the per-article stage).

The rules match case-insensitively. Comparing lower-cased texts proves nothing for a
character Python's ``re.IGNORECASE`` equates with another one that ``str.lower`` does not
map to it (the long s "ſ" matches "s", the Kelvin sign matches "k"): a text with any
character outside :func:`safe_chars` (checked against ``re`` itself when the rules are
first used) is always scanned in full. Whatever cannot be read gives no requirement: the rule
then always runs.
"""

from __future__ import annotations

import re
import string
from typing import Any

__all__ = ["requirements", "safe_chars"]

# Letters of the corpora's languages (de, en, es and their neighbours' names) besides ASCII.
_LATIN = "äöüÄÖÜßàáâãåçèéêëìíîïñòóôõùúûýÿÀÁÂÃÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÙÚÛÝæÆøØœŒ"
# Punctuation of news text besides ASCII and the kit's quotation marks: dashes, spaces, symbols.
_PUNCT = "–—…·€£§°\u00a0\u2009\u202f"


def safe_chars(literals: set[str]) -> frozenset[str]:
    """The text characters for which ``re.IGNORECASE`` matching against each of
    ``literals`` (the rules' literal characters, :func:`pattern_literals`) is the same as
    comparing both in lower case (checked here with ``re`` itself)."""
    from lagebild.lang.quotes import QUOTE_CHARS

    candidates = {ch for ch in set(string.printable) | set(_LATIN) | set(_PUNCT) | QUOTE_CHARS
                  if len(ch.lower()) == 1}
    unsafe: set[str] = set()
    for p in literals | candidates:
        if len(p.lower()) != 1:
            continue
        rx = re.compile(re.escape(p), re.IGNORECASE)
        unsafe.update(c for c in candidates if (rx.fullmatch(c) is not None) != (c.lower() == p.lower()))
    return frozenset(candidates - unsafe)


def pattern_literals(pattern: re.Pattern[str]) -> set[str] | None:
    """Every literal character of ``pattern`` (None when it cannot be read)."""
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    c, tree = parsed
    out: set[str] = set()

    def walk(x: Any) -> None:
        if hasattr(x, "data"):
            walk(x.data)
        elif isinstance(x, (list, tuple)):
            if len(x) == 2 and x[0] is c.LITERAL and isinstance(x[1], int):
                out.add(chr(x[1]))
                return
            for y in x:
                walk(y)

    walk(tree)
    return out


def _parsed(pattern: re.Pattern[str]) -> tuple[Any, Any] | None:
    """``re``'s opcode constants and the parse tree of ``pattern``; None when it cannot be read."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as c
    try:
        return c, _parse(pattern)
    except Exception:
        return None


def _parse(pattern: re.Pattern[str]) -> Any:
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse as _parser
    return _parser.parse(pattern.pattern, pattern.flags)


def requirements(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None when
    none are known (then the pattern must always run)."""
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    c, tree = parsed

    def of_sequence(items: Any) -> frozenset[str] | None:
        # every item of a sequence is in the match: any one's requirement serves;
        # neighbouring literals make one longer (more selective) string
        found: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av).lower())
                continue
            if run:
                found.append(frozenset(["".join(run)]))
                run = []
            got = of_item(op, av)
            if got is not None:
                found.append(got)
        if run:
            found.append(frozenset(["".join(run)]))
        found = [f for f in found if all(s.strip() for s in f)]
        if not found:
            return None
        # the most selective: the longest shortest string, then the fewest strings
        return max(found, key=lambda f: (min(len(s) for s in f), -len(f)))

    def of_item(op: Any, av: Any) -> frozenset[str] | None:
        if op is c.SUBPATTERN:
            return of_sequence(av[3])
        if op is c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                got = of_sequence(alt)
                if got is None:
                    return None  # one alternative needs nothing: the branch needs nothing
                out |= got
            return frozenset(out)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, _hi, item = av
            return of_sequence(item) if lo >= 1 else None
        return None  # character classes, assertions, anchors, anything else: no requirement

    try:
        return of_sequence(tree)
    except Exception:
        return None
