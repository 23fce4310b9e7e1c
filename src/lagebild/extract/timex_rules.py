"""Recognition rules of the temporal tagger: regular expressions that turn text into Frames.

A :class:`Frame` is what one expression *says* (a day and a month, "two days before", a
weekday, a duration), before it is resolved against the publication date or the story's
last mentioned date in :mod:`lagebild.extract.times`. Rules only find and describe;
they never look at the anchor.
"""

from __future__ import annotations

from collections.abc import Iterator

# the rule modules register their rules on import, in this order (earlier rules win ties)
from lagebild.extract import timex_dates, timex_relative  # noqa: F401  (registration)
from lagebild.extract.timex_base import RULES, Frame, parse_number

__all__ = ["Frame", "parse_number", "scan"]


def scan(text: str) -> Iterator[Frame]:
    """Every candidate expression any rule finds in ``text`` (overlapping; rule order kept)."""
    for idx, (pattern, build) in enumerate(RULES):
        for m in pattern.finditer(text):
            fr = build(m, text)
            if fr is not None and fr.end > fr.start:
                fr.rule = idx
                yield fr
