"""Recognition rules of the temporal tagger: regular expressions that turn text into Frames.

A :class:`Frame` is what one expression *says* (a day and a month, "two days before", a
weekday, a duration), before it is resolved against the publication date or the story's
last mentioned date in :mod:`lagebild.extract.times`. Rules only find and describe;
they never look at the anchor.
"""

from __future__ import annotations

import copy
import importlib
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from lagebild.extract.timex_base import DECLARED, Builder, Frame, parse_number

__all__ = ["Frame", "parse_number", "rules", "scan"]

# The rule modules, in priority order (earlier rules win ties: ``Frame.rule`` is the index).
RULE_MODULES = ("lagebild.extract.timex_dates", "lagebild.extract.timex_relative")


@cache
def rules() -> tuple[tuple[re.Pattern[str], Builder], ...]:
    """Every rule, compiled: built on first use (importing the rule modules declares them),
    then kept. The order does not depend on which rule module was imported first."""
    for name in RULE_MODULES:
        importlib.import_module(name)
    return tuple((re.compile(pattern, flags), build)
                 for name in RULE_MODULES for pattern, flags, build in DECLARED[name])


# Texts whose candidate expressions are kept: the clustering features scan the same lead
# text of an article twice (event date and "since" bound, issue #9), the extraction the
# whole article once.
SCAN_MEMO = 64


def scan(text: str) -> Iterator[Frame]:
    """Every candidate expression any rule finds in ``text`` (overlapping; rule order kept).
    Each call yields new Frames (callers change them)."""
    for fr in _scanned(text):
        yield copy.copy(fr)


@cache
def _prefilters() -> tuple[tuple[frozenset[str] | None, ...], frozenset[str]]:
    """Per rule, strings one of which every match contains (None: unknown), and the
    characters a text must consist of for that test to be sound (see timex_prefilter)."""
    from lagebild.extract.timex_prefilter import pattern_literals, requirements, safe_chars

    patterns = [p for p, _ in rules()]
    literals: set[str] = set()
    for p in patterns:
        got = pattern_literals(p)
        if got is None:  # a pattern that cannot be read: no text counts as safe
            return tuple(None for _ in patterns), frozenset()
        literals |= got
    return tuple(requirements(p) for p in patterns), safe_chars(literals)


@lru_cache(maxsize=SCAN_MEMO)
def _scanned(text: str) -> tuple[Frame, ...]:
    out = []
    needs, safe = _prefilters()
    # a rule none of whose required strings the text holds cannot match: not run
    lowered = text.lower() if safe.issuperset(text) else None
    for idx, (pattern, build) in enumerate(rules()):
        need = needs[idx]
        if need is not None and lowered is not None and not any(s in lowered for s in need):
            continue
        for m in pattern.finditer(text):
            fr = build(m, text)
            if fr is not None and fr.end > fr.start:
                fr.rule = idx
                out.append(fr)
    return tuple(out)
