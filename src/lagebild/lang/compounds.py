"""Figures written as compounds or fractions, which the word-by-word reader misses.

* a number and a unit joined by a hyphen: "six-day strike", "three-day walkout", "Drei-Tage-
  Streik", "35-Stunden-Woche", "24-stündigen Streik", "a 5-percent rise";
* fractions of a point: "a quarter-point", "a quarter of a percentage point", "half a point",
  "un cuarto de punto (porcentual)", "medio punto", "einen viertel Prozentpunkt",
  "Viertelprozentpunkt", "halben Prozentpunkt" (0.25 / 0.5 percentage points);
* a decimal below ``POINT_FRACTION_MAX`` followed by a bare "Punkte / points / puntos": in
  news that is a step of a rate or a poll in percentage points ("0,25 puntos", "2,5 Punkte"),
  unless "básicos" follows (basis points);
* basis points glued to the digits: "25bps", "50bp";
* the magnitude of an earthquake: "der Stärke 6,4", "magnitude 6.4", "a 6.4-magnitude quake",
  "de magnitud 6,4" (unit "mag": a bare 6.4 could be anything).

:func:`compound_numbers` gives them as :class:`lagebild.lang.numbers.NumberMention`;
:func:`lagebild.lang.numbers.find_numbers` reads them first and skips their words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .calendar import ADJ_DURATION_UNITS
from .fold import fold

if TYPE_CHECKING:
    from .numbers import NumberMention

__all__ = ["POINT_FRACTION_MAX", "compound_numbers"]

# "0,25 puntos", "2,5 Punkte": a decimal this small before a bare "points" word is a step in
# percentage points (rates, polls); index points and sports points are whole and larger.
POINT_FRACTION_MAX = 10.0

_HYPHEN_UNIT = re.compile(
    r"(?<![\w.,-])(?P<num>\d+(?:[.,]\d+)?|[^\W\d_]+)-(?P<unit>[^\W\d_]+)(?=[-\s.,;:!?)\"'»“”]|$)"
)
# (pattern, value in percentage points)
_FRACTIONS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(p, re.I), v)
    for p, v in (
        (r"\b(?:a|one)\s+quarter(?:[-\s]|\s+of\s+a\s+)(?:percentage[-\s])?point\b", 0.25),
        (r"\bquarter[-\s](?:percentage[-\s])?point\b", 0.25),
        (r"\bhalf\s+(?:of\s+)?a\s+(?:percentage[-\s])?point\b|\bhalf[-\s]point\b", 0.5),
        (r"\b(?:un\s+)?cuarto\s+de\s+punto(?:\s+porcentual)?\b", 0.25),
        (r"\bmedio\s+punto(?:\s+porcentual)?\b", 0.5),
        (r"\b(?:einen\s+|einem\s+)?viertel[-\s]?(?:prozent)?punkt(?:e|en|es)?\b", 0.25),
        (r"\b(?:einen\s+|einem\s+)?halben\s+(?:prozent)?punkt(?:e|en|es)?\b", 0.5),
    )
)
_POINT_FRACTION = re.compile(
    r"(?<![\w.,])(?P<num>\d+[.,]\d+)\s+(?:punkte|punkten|punkt|points|point|puntos|punto)\b"
    r"(?!\s+b[áa]sicos?)",
    re.I,
)
_MAGNITUDE = re.compile(
    r"\b(?:stärke|staerke|magnitude|magnitud)\s+(?:von\s+|of\s+|de\s+)?(?P<num>\d(?:[.,]\d+)?)(?![\d.,]*\d)"
    r"|(?<![\w.,])(?P<pre>\d(?:[.,]\d+)?)[-\s]magnitude\b",
    re.I,
)
_GLUED_BPS = re.compile(r"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?)\s?(?:bps|bp)\b", re.I)
_ADJ_STEMS = {fold(k): v for k, v in ADJ_DURATION_UNITS.items()}
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


def _duration_adjective(word: str) -> str | None:
    """The TIMEX unit letter of a German duration adjective without its number
    ("stündigen" -> "H", "tägige" -> "D"), else None."""
    w = fold(word)
    for stem, letter in _ADJ_STEMS.items():
        if w.startswith(stem) and w[len(stem):] in _ADJ_ENDINGS:
            return letter
    return None


def compound_numbers(text: str, language: str | None = None) -> list[NumberMention]:
    """The compound and fraction figures of ``text`` (see the module text), in order,
    without overlaps; offsets into ``text``."""
    from .numbers import _TIMEX_TO_BASE, NumberMention, number_word_value, parse_digits, unit_of

    found: list[NumberMention] = []

    def add(start: int, end: int, value: float, unit: str, base: float, word: bool) -> None:
        found.append(NumberMention(text[start:end], start, end, value, False, unit, base, None, None, word))

    for pat, share in _FRACTIONS:
        for hit in pat.finditer(text):
            add(hit.start(), hit.end(), share, "pp", share, True)
    for hit in _GLUED_BPS.finditer(text):
        bps = parse_digits(hit["num"])
        if bps is not None:
            add(hit.start(), hit.end(), bps, "pp", bps * 0.01, False)
    for hit in _MAGNITUDE.finditer(text):
        mag = parse_digits(hit["num"] or hit["pre"])
        if mag is not None:
            start = hit.start("num") if hit["num"] else hit.start()
            add(start, hit.end(), mag, "mag", mag, False)
    for hit in _POINT_FRACTION.finditer(text):
        points = parse_digits(hit["num"])
        if points is not None and not float(points).is_integer() and points < POINT_FRACTION_MAX:
            add(hit.start(), hit.end(), points, "pp", points, False)
    for hit in _HYPHEN_UNIT.finditer(text):
        num, unit_word = hit["num"], hit["unit"]
        word = not num[:1].isdigit()
        if word:
            nw = number_word_value(num, language)
            if nw is None or nw[1]:
                continue
            value = nw[0]
        else:
            parsed = parse_digits(num)
            if parsed is None:
                continue
            value = parsed
        letter = _duration_adjective(unit_word)
        if letter is not None:
            unit, factor = _TIMEX_TO_BASE[letter]
        else:
            got = unit_of(unit_word)
            if got is None:
                continue
            unit, factor = got
        add(hit.start(), hit.start() + len(num) + 1 + len(unit_word), value, unit, value * factor, word)
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[NumberMention] = []
    for n in found:
        if out and n.start < out[-1].end:
            continue  # overlaps an earlier (or longer) one
        out.append(n)
    return out

