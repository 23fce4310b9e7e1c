"""Ground of the temporal tagger's rules: :class:`Frame`, the rule registry, the shared regex
parts and the helpers the rule modules use (:mod:`.timex_dates`, :mod:`.timex_relative`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.lang.calendar import (
    MONTH_ABBREVIATIONS,
    alternation,
    month_name,
)
from lagebild.lang.calendar import MONTHS as _MONTH_WORDS
from lagebild.lang.calendar import TIME_UNITS as UNITS
from lagebild.lang.calendar import WEEKDAYS as _ISO_WEEKDAYS
from lagebild.lang.numbers import VAGUE_COUNTS, number_words
from lagebild.lang.quotes import OPENING_MARKS, QUOTE_CHARS

# Month words with their abbreviations ("Sept.", "Okt."); weekdays counted from 0 = Monday
# as in ``datetime.weekday()`` (the kit counts ISO 1-7).
MONTHS: dict[str, int] = {**_MONTH_WORDS, **MONTH_ABBREVIATIONS}
WEEKDAYS: dict[str, int] = {w: iso - 1 for w, iso in _ISO_WEEKDAYS.items()}
# Cardinal number words of de/en/es with the articles that count one ("eine Woche", "a week").
NUMBER_WORDS: dict[str, float] = number_words()

__all__ = ["DECLARED", "Frame", "duration_value", "frame", "parse_number", "rule"]


@dataclass
class Frame:
    """What one temporal expression says, before resolution.

    kind: ``abs`` (calendar fields, maybe without a year), ``rel`` (an offset of ``n``
    ``unit`` from a reference; ``deictic`` means from the publication date, otherwise from
    the last mentioned date), ``weekday``, ``time`` (clock time without a date),
    ``duration``, ``set`` and ``ref`` (PRESENT_REF / PAST_REF / FUTURE_REF); ``literal``
    carries the finished value of durations, sets, refs, centuries and decades.
    """

    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    bc: bool = False
    season: str | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    unit: str | None = None
    n: float | None = None
    deictic: bool = True
    weekday: int | None = None
    direction: int | None = None  # weekday: -1 last, +1 next, None from tense
    literal: str | None = None
    mod: str | None = None
    today_word: bool = False  # "heute": PRESENT_REF in narratives
    fine: bool = False  # "drei Monate später": keep the day of the reference date
    suffix: str | None = None  # rel years: "03" (März des folgenden Jahres), "SP", "H1"
    rule: int = 0


FLAGS = re.IGNORECASE | re.UNICODE
B = r"(?<![\w])"  # left word boundary that also works before "ä"
E = r"(?![\w])"
MON = rf"(?P<mon>{alternation(MONTHS)})"
MON2 = rf"(?:{alternation(MONTHS)})"
WD = rf"(?P<wd>{alternation(WEEKDAYS)})"
DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
YEAR = r"(?P<y>\d{3,4})"
NUMW = alternation(NUMBER_WORDS)
NUM = rf"(?P<n>\d{{1,4}}(?:,\d)?|{NUMW}|{alternation(VAGUE_COUNTS)})"
UNIT = rf"(?P<unit>{alternation(UNITS)})"
QUANT = (
    r"(?:(?P<q>mehr\s+als|weniger\s+als|über|fast|knapp|rund|etwa|ungefähr|gut|"
    r"mindestens|höchstens|nahezu|beinahe|bis\s+zu|genau|nur|more\s+than|almost|nearly|"
    r"about|over|less\s+than|casi|más\s+de|menos\s+de|unos|unas)\s+)?"
)
BC = r"(?P<bc>\s*v\.\s?Chr\.?|\s*BC|\s*a\.\s?C\.)?"
MODW = (
    r"(?:(?P<mod>Anfang|Anfangs|Mitte|Ende|Beginn|Ausgang|Gegen\s+Ende|zu\s+Beginn|"
    r"early|mid|late|principios\s+de|mediados\s+de|finales\s+de|fines\s+de)\s*-?\s*)"
)
MOD_MAP = {
    "anfang": "START", "anfangs": "START", "beginn": "START", "zu beginn": "START",
    "early": "START", "principios de": "START", "mitte": "MID", "mid": "MID",
    "mediados de": "MID", "ende": "END", "ausgang": "END", "gegen ende": "END",
    "late": "END", "finales de": "END", "fines de": "END",
}
SPANISH_MONTHS = frozenset(month_name(k, "es") for k in range(1, 13)) | {"setiembre"}
# Words before a bare month name or year that make it temporal ("im Mai", "seit 2017").
TEMPORAL_PREV = frozenset({
    "im", "in", "seit", "bis", "ab", "von", "vom", "zum", "anfang", "mitte", "ende", "beginn",
    "jahr", "jahre", "jahres", "jahren", "und", "oder", "bzw.", "frühjahr", "sommer", "herbst",
    "winter", "frühling", "zwischen", "gegen", "nach", "vor", "um", "spätestens",
    "frühestens", "bereits", "schon", "erst", "noch", "seitdem", "since", "until", "during",
    "en", "desde", "hasta", "año", "durante", "anfangs", "sommers", "herbstes", "winters",
    "während", "des", "dem", "der", "den", "monat", "monats", "early", "late", "mid",
})
# Words before a 4-digit number that make it a count or a number, not a year.
NUMBER_PREV = frozenset({
    "nr", "nr.", "nummer", "§", "art.", "artikel", "abs.", "absatz", "kapitel", "band", "bd.",
    "seite", "s.", "ca.", "circa", "rund", "etwa", "über", "fast", "knapp", "insgesamt",
    "mehr", "weniger", "nur", "mit", "zu", "auf", "mindestens", "höchstens", "als",
    "€", "$", "euro", "dollar", "tel.", "plz", "no.", "number", "about", "some", "unos",
    "unas", "ungefähr", "gut", "nahezu", "beinahe", "weitere", "weiteren", "je", "pro",
    # nouns that take a number, not a year: "Linie 1920", "Paragraf 2019", "Flug 1234"
    "linie", "bus", "buslinie", "zug", "flug", "raum", "zimmer", "gleis", "paragraf",
    "paragraph", "gruppe", "hausnummer", "route", "platz", "rang", "position", "modell",
    "typ", "version", "code", "postleitzahl", "konto", "startnummer", "trikotnummer",
})
# Words before a year that make it a year even before a noun ("seit 2017 Pflegebedürftigkeit").
STRONG_PREV = frozenset({
    "im", "seit", "bis", "ab", "jahr", "jahre", "jahres", "jahren", "anfang", "mitte", "ende",
    "beginn", "frühjahr", "sommer", "herbst", "winter", "frühling", "since", "until", "desde",
    "hasta", "año", "zwischen", "©", "copyright", "sommers", "herbstes", "winters", "frühjahrs",
})
DETERMINERS = frozenset({
    "der", "die", "das", "den", "dem", "des", "seinem", "seiner", "seinen", "ihrem", "ihrer",
    "ihren", "für", "einem", "einer", "eines", "sein", "ihr", "the",
})
NOT_ADJECTIVES = frozenset({
    "ihren", "seinen", "einen", "einem", "einer", "eines", "diese", "diesen", "dieser",
    "dieses", "diesem", "keine", "keinen", "jene", "jenen", "alle", "allen", "seine", "ihre",
    "unsere", "unseren", "meine", "wieder", "immer", "aber", "oder", "unter", "hinter",
    "weiter", "später", "nur", "schon", "erneut", "jeden",
})

def parse_number(word: str) -> float | None:
    """A count from digits or a number word; None for vague counts ("mehrere")."""
    w = word.lower().replace(",", ".")
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    try:
        return float(w)
    except ValueError:
        return None


def mod_of(m: re.Match[str]) -> str | None:
    g = m.groupdict().get("mod")
    return MOD_MAP.get(re.sub(r"\s+", " ", g.lower())) if g else None


# Quotation marks from the kit, escaped for character classes.
_MARKS = re.escape("".join(sorted(QUOTE_CHARS)))
_OPENERS = re.escape("".join(sorted(OPENING_MARKS)))


def prev_word(text: str, pos: int) -> str:
    mm = re.search(rf"([\w.§€$©]+)[\s({_MARKS}]*$", text[max(0, pos - 40):pos])
    return mm.group(1).lower() if mm else ""


def next_word(text: str, pos: int) -> str:
    mm = re.match(r"[ \t)]*([\w%€$]+)", text[pos:pos + 40])
    return mm.group(1) if mm else ""


def sentence_initial(text: str, pos: int) -> bool:
    return not text[:pos].strip() or bool(re.search(rf"[.!?:\n{_OPENERS}]\s*$", text[:pos]))


def year_of(m: re.Match[str]) -> tuple[int | None, bool]:
    y = m.groupdict().get("y")
    bc = bool(m.groupdict().get("bc"))
    if not y:
        return None, False
    v = int(y)
    if len(y) == 2:  # "1.9.39": two-digit years are resolved later against the anchor
        return v + 10000, False  # marker: add century later
    return v, bc


Builder = Callable[[re.Match[str], str], "Frame | None"]
# Rule declarations by rule module, in source order: (pattern, flags, builder). Patterns are
# compiled once, on first use, by :func:`lagebild.extract.timex_rules.rules`.
DECLARED: dict[str, list[tuple[str, int, Builder]]] = {}


def rule(pattern: str, flags: int = FLAGS) -> Callable[[Builder], Builder]:
    """Declare ``fn`` as the builder of ``pattern`` (nothing is compiled here)."""
    def deco(fn: Builder) -> Builder:
        DECLARED.setdefault(fn.__module__, []).append((pattern, flags, fn))
        return fn

    return deco


def frame(match: re.Match[str], kind: str, /, **kw: object) -> Frame:
    return Frame(match.start(), match.end(), kind, **kw)  # type: ignore[arg-type]

DAY_NUM = r"(?:0?[1-9]|[12]\d|3[01])"


def rel_from_count(m: re.Match[str], n: float | None, unit: str, sign: int,
                    deictic: bool) -> Frame:
    if n is None:
        return frame(m, "ref", literal="PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in {"S", "MIN", "H"}:
        return frame(m, "duration", literal=duration_value(n, unit))
    return frame(m, "rel", unit=unit, n=sign * n, deictic=deictic, fine=not deictic)


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration value of ``n`` ``unit`` ("P3Y", "PT1H", "PXD" when n is vague)."""
    time_unit = unit in {"S", "MIN", "H"}
    letter = {"MIN": "M", "DE": "DE", "CE": "CE"}.get(unit, unit)
    if n is None:
        return ("PTX" if time_unit else "PX") + letter
    if n != int(n) and unit == "Y" and n > 1 and (n * 12) == int(n * 12):
        return f"P{int(n)}Y{round((n - int(n)) * 12)}M"
    if n != int(n):
        finer = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "H"), "H": (60, "MIN"),
                 "W": (7, "D")}
        if unit in finer:
            k, u2 = finer[unit]
            return duration_value(n * k, u2)
    num = str(int(n)) if n == int(n) else str(n)
    return ("PT" if time_unit else "P") + num + letter
