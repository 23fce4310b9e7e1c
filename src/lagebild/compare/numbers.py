"""Numbers and amounts in news text, with the interval their wording allows.

``find_amounts`` reads the figures the language kit finds (``lagebild.lang.numbers``: digits
"42", "1.200", "3,5", number words in de/en/es, scales, units, counted nouns and vague
modifiers "fast", "rund", "mehr als" ...) and gives each the interval its wording allows. Each ``Amount`` carries an
interval ``[low, high]``: "fast eine Stunde" is [0.85, 1] hours, "rund 40" is [34, 46],
"42" is [39.9, 44.1] (rounding slack). Two amounts of the same unit agree when their
intervals overlap (``amounts_agree``); "40" and "400" do not.

Dates, clock times, years and numbers inside names/laws ("Nr. 62") are not amounts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lang.calendar import duration_places_in_time
from ..lang.numbers import find_numbers, number_word_value

__all__ = ["Amount", "amounts_agree", "comparable", "find_amounts", "number_word_value"]  # number_word_value: the kit's

# Relative slack of an exact figure: journalists round, "42" and "40" may both be honest.
# Calibrated by hand on the seeds and the example corpus (no false number findings there).
EXACT_SLACK = 0.05
# "rund/etwa/about 40": +-15 % (issue 4: "rund 40" agrees with "42").
ABOUT_SLACK = 0.15
# "fast/knapp/almost one hour": up to 15 % below the figure, never above it.
BELOW_SLACK = 0.15
# "gut/über eine Stunde" (a bit more): up to 25 % above.
ABOVE_SLACK = 0.25

@dataclass(frozen=True)
class Amount:
    """One figure in a text. ``value`` is in the base unit (minutes, days, EUR ...)."""

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str | None  # "min", "day", "%", "EUR", "USD" or the lower-cased noun that follows
    ordinal: bool = False
    vague: bool = False
    open_ended: bool = False  # "mehr als", "weniger als", "bis zu": a bound, not a figure


def _interval(value: float, mod: str | None) -> tuple[float, float]:
    if mod == "below":
        return value * (1 - BELOW_SLACK), value
    if mod == "about":
        return value * (1 - ABOUT_SLACK), value * (1 + ABOUT_SLACK)
    if mod == "above":
        return value, value * (1 + ABOVE_SLACK)
    if mod == "atleast":
        return value, math.inf
    if mod == "atmost":
        return 0.0, value
    return value * (1 - EXACT_SLACK), value * (1 + EXACT_SLACK)


_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Base units whose noun is a time unit (durations).
_DURATIONS = ("min", "day")


# Texts whose amounts are remembered per process: a dossier reads the amounts of the same
# sentences for count conflicts, number conflicts and headline framing (issue #9).
AMOUNTS_MEMO = 4096


def find_amounts(text: str, offset: int = 0, language: str | None = "de") -> list[Amount]:
    """Every amount in ``text`` (offsets shifted by ``offset``), dates/times/years excluded.

    ``unit`` is the kit's base unit ("min", "day", "%", "pp", "m", "kg", "EUR", ...) or the
    noun key of what is counted ("41 Menschen" -> "mensch"); ``text`` includes that noun.
    """
    found = _amounts(text, language)
    if not offset:
        return list(found)
    return [replace(a, start=a.start + offset, end=a.end + offset) for a in found]


@lru_cache(maxsize=AMOUNTS_MEMO)
def _amounts(text: str, language: str | None) -> tuple[Amount, ...]:
    """The amounts of ``text`` with offsets into it (memoised: they do not depend on where
    the text stands)."""
    out: list[Amount] = []
    for n in find_numbers(text, 0, language):
        start, end = n.start, n.end
        unit = n.unit
        value = n.base_value if n.base_value is not None else n.value
        if unit is None and n.counted:
            unit = n.counted
            # the counted noun (after up to two adjectives) belongs to the figure's text
            for k, w in enumerate(_WORD_RE.finditer(text, end)):
                if k > 2 or w.start() - end > 40:
                    break
                if w.group()[:1].isalpha() and _noun_matches(w.group(), n.counted):
                    end = w.end()
                    break
        if unit in _DURATIONS and not n.glued and duration_places_in_time(text, start, end):
            # a duration after "vor/seit/in" or before "später/ago" (the kit's calendar words),
            # or after "Jahr", places an event in time ("vor zwei Tagen"): not an amount
            continue
        mod = n.modifier
        lo, hi = (value, value) if n.ordinal else _interval(value, mod)
        out.append(Amount(text[start:end], start, end, value, lo, hi, unit,
                          n.ordinal, mod is not None, mod in ("atleast", "atmost")))
    return tuple(out)


def _noun_matches(word: str, key: str) -> bool:
    from ..lang.numbers import noun_key

    return noun_key(word) == key


def comparable(a: Amount, b: Amount) -> bool:
    """True when both amounts count the same kind of thing (same unit, both ordinal or not)."""
    return a.unit is not None and a.unit == b.unit and a.ordinal == b.ordinal


def amounts_agree(a: Amount, b: Amount) -> bool:
    """True when the two figures can both be true (their intervals overlap)."""
    return a.low <= b.high and b.low <= a.high
