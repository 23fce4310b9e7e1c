"""Numbers and amounts in news text, with the interval their wording allows.

``find_amounts`` reads digits ("42", "1.200", "3,5"), German, English and Spanish number
words ("sechs", "zwanzig", "einstündig", "sechste", "six", "seis"), scale words ("Millionen",
"Mrd."), units (the noun that follows, "%", currencies, time units) and vague modifiers
("fast", "knapp", "rund", "mehr als", "almost", "about" ...). Each ``Amount`` carries an
interval ``[low, high]``: "fast eine Stunde" is [0.85, 1] hours, "rund 40" is [34, 46],
"42" is [39.9, 44.1] (rounding slack). Two amounts of the same unit agree when their
intervals overlap (``amounts_agree``); "40" and "400" do not.

Dates, clock times, years and numbers inside names/laws ("Nr. 62") are not amounts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Amount", "amounts_agree", "comparable", "find_amounts", "number_word_value"]

# Relative slack of an exact figure: journalists round, "42" and "40" may both be honest.
# Calibrated by hand on the seeds and the example corpus (no false number findings there).
EXACT_SLACK = 0.05
# "rund/etwa/about 40": +-15 % (issue 4: "rund 40" agrees with "42").
ABOUT_SLACK = 0.15
# "fast/knapp/almost one hour": up to 15 % below the figure, never above it.
BELOW_SLACK = 0.15
# "gut/über eine Stunde" (a bit more): up to 25 % above.
ABOVE_SLACK = 0.25

_UNITS_DE_EN_ES: dict[str, tuple[str, float]] = {}
for _forms, _unit, _factor in (
    (("sekunde", "sekunden", "second", "seconds", "segundo", "segundos"), "min", 1 / 60),
    (("minute", "minuten", "minutes", "minute", "minuto", "minutos", "min"), "min", 1.0),
    (("stunde", "stunden", "hour", "hours", "hora", "horas", "std"), "min", 60.0),
    (("tag", "tage", "tagen", "tages", "day", "days", "día", "días"), "day", 1.0),
    (("woche", "wochen", "week", "weeks", "semana", "semanas"), "day", 7.0),
    (("monat", "monate", "monaten", "monats", "month", "months", "mes", "meses"), "day", 30.0),
    (("jahr", "jahre", "jahren", "jahres", "year", "years", "año", "años"), "day", 365.0),
    (("prozent", "percent", "%", "porcentaje"), "%", 1.0),
    (("euro", "eur", "€"), "EUR", 1.0),
    (("dollar", "usd", "$", "dólares", "dolares"), "USD", 1.0),
):
    for _f in _forms:
        _UNITS_DE_EN_ES[_f] = (_unit, _factor)

# Adjectives built from a number and a time unit: "einstündig", "zweitägig", "dreijährig".
_ADJ_UNITS = {"stündig": ("min", 60.0), "minütig": ("min", 1.0), "tägig": ("day", 1.0),
              "wöchig": ("day", 7.0), "monatig": ("day", 30.0), "jährig": ("day", 365.0)}

_ONES = {"null": 0, "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
         "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
         "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
         "achtzehn": 18, "neunzehn": 19}
_TENS = {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
         "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90}
_HALVES = {"anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5,
           "halb": 0.5, "halbe": 0.5, "halben": 0.5, "halbes": 0.5, "halbstündig": 0.5}
_EN = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
       "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
       "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
       "hundred": 100, "thousand": 1000, "dozen": 12, "half": 0.5,
       "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
       "nueve": 9, "diez": 10, "veinte": 20, "treinta": 30, "cien": 100, "mil": 1000}
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
           "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "primero": 1, "primera": 1,
           "segundo": 2, "segunda": 2, "tercero": 3, "tercera": 3, "cuarto": 4, "cuarta": 4,
           "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "séptimo": 7, "octavo": 8}
_DE_ORD_IRREGULAR = {"erst": 1, "dritt": 3, "siebt": 7, "acht": 8}
_ORD_ENDINGS = ("en", "er", "es", "em", "e")
# "ein/eine" is only a number next to a unit or a vague modifier.
_ARTICLE_ONES = {"ein", "eine", "einen", "einem", "einer", "eines", "a", "an", "un", "una"}

_SCALES = {"tausend": 1e3, "thousand": 1e3, "mil": 1e3, "million": 1e6, "millionen": 1e6,
           "mio": 1e6, "mio.": 1e6, "millones": 1e6, "millón": 1e6, "milliarde": 1e9,
           "milliarden": 1e9, "mrd": 1e9, "mrd.": 1e9, "billion": 1e9, "billionen": 1e12,
           "dutzend": 12, "dutzende": 12}

# modifier (lower-cased, may be two words) -> kind
_MODIFIERS = {
    "fast": "below", "knapp": "below", "beinahe": "below", "nahezu": "below",
    "annähernd": "below", "almost": "below", "nearly": "below", "casi": "below",
    "just under": "below", "knapp unter": "below",
    "rund": "about", "etwa": "about", "ungefähr": "about", "circa": "about", "ca.": "about",
    "zirka": "about", "gegen": "about", "about": "about", "around": "about", "roughly": "about",
    "approximately": "about", "some": "about", "alrededor de": "about", "unos": "about",
    "unas": "about", "cerca de": "about", "aproximadamente": "about",
    "gut": "above", "gute": "above", "guten": "above", "knapp über": "above",
    "mehr als": "atleast", "über": "atleast", "mindestens": "atleast", "wenigstens": "atleast",
    "more than": "atleast", "over": "atleast", "at least": "atleast", "más de": "atleast",
    "weniger als": "atmost", "unter": "atmost", "höchstens": "atmost", "bis zu": "atmost",
    "less than": "atmost", "under": "atmost", "up to": "atmost", "menos de": "atmost",
    "hasta": "atmost",
}

_MONTH_WORDS = ("januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|"
                "november|dezember|january|february|march|june|july|october|december|"
                "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                "noviembre|diciembre")
_DATE_LIKE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?"  # 03.07.2025, 3.7.
    r"|\b\d{1,2}\.?\s+(?:" + _MONTH_WORDS + r")\b"  # 3. Juli
    r"|\b(?:" + _MONTH_WORDS + r")\s+\d{1,2}\b"  # July 3
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:Uhr|h|a\.m\.|p\.m\.|am|pm)\b|\b\d{1,2}:\d{2}\b"  # 19:24 Uhr
    r"|\b\d{4}-\d{2}(?:-\d{2})?\b",  # 2025-07-03
    re.IGNORECASE,
)
_NAME_NUMBER = re.compile(r"\b(?:Nr|No|Art|Abs|§|Paragraf|Paragraph|Seite|S)\.?\s*\d+", re.I)
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[\w€$%]+(?:[-.]\w+)*\.?|[€$%]", re.UNICODE)
# Words after which a figure is a point in time, not an amount ("vor zwei Tagen").
_RELATIVE_BEFORE = {"vor", "seit", "binnen", "innerhalb", "in", "nach", "within", "ago", "hace",
                    "desde", "jahr", "jahre", "year", "im"}
_RELATIVE_AFTER = {"zuvor", "später", "davor", "danach", "vorher", "nachher", "ago", "later",
                   "earlier", "before", "after", "antes", "después"}


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


def number_word_value(word: str) -> tuple[float, bool] | None:
    """Value of one number word ("sechs", "einundzwanzig", "sechste", "six") and whether
    it is an ordinal; None when the word is not a number word."""
    w = word.lower().strip(".")
    if w in _HALVES:
        return _HALVES[w], False
    if w in _EN:
        return float(_EN[w]), False
    if w in _EN_ORD:
        return float(_EN_ORD[w]), True
    v = _de_cardinal(w)
    if v is not None:
        return float(v), False
    for end in ("sten", "ster", "stes", "stem", "ste", "ten", "ter", "tes", "tem", "te"):
        if w.endswith(end) and len(w) > len(end) + 2:
            stem = w[: -len(end)]
            if stem in _DE_ORD_IRREGULAR:
                return float(_DE_ORD_IRREGULAR[stem]), True
            v = _de_cardinal(stem)
            if v is not None and v >= 2:
                return float(v), True
    for stem, val in _DE_ORD_IRREGULAR.items():
        for e in _ORD_ENDINGS:
            if w == stem + e and stem != "acht":
                return float(val), True
    return None


def _de_cardinal(w: str) -> int | None:
    if w in _ONES:
        return _ONES[w]
    if w in _TENS:
        return _TENS[w]
    for big, mult in (("tausend", 1000), ("hundert", 100)):
        if big in w:
            head, _, tail = w.partition(big)
            h = 1 if head in ("", "ein") else _de_cardinal(head)
            t = 0 if tail == "" else _de_cardinal(tail.removeprefix("und"))
            if h is not None and t is not None:
                return h * mult + t
            return None
    if "und" in w:
        ones, _, tens = w.partition("und")
        if ones in _ONES and tens in _TENS and _ONES[ones] < 10:
            return _ONES[ones] + _TENS[tens]
    return None


def _parse_digits(tok: str) -> float | None:
    t = tok
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):  # 1.200.000 (German thousands)
        return float(t.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):  # 1,200 (English thousands)
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    return None


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


def find_amounts(text: str, offset: int = 0, language: str | None = "de") -> list[Amount]:
    """Every amount in ``text`` (offsets shifted by ``offset``), dates/times/years excluded."""
    blocked = [(m.start(), m.end()) for m in _DATE_LIKE.finditer(text)]
    blocked += [(m.start(), m.end()) for m in _NAME_NUMBER.finditer(text)]
    toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[Amount] = []
    i = 0
    while i < len(toks):
        word, s, e = toks[i]
        if any(bs <= s < be for bs, be in blocked):
            i += 1
            continue
        low = word.lower().rstrip(".")
        if word.endswith(".") and low not in _SCALES and low + "." not in _MODIFIERS:
            word, e = word[:-1], e - 1
        value: float | None = None
        ordinal = False
        adj_unit: tuple[str, float] | None = None
        is_article_one = False
        if word[:1].isdigit():
            value = _parse_digits(word.rstrip("%"))
            # "6." before a (lower-case adjective and a) noun is an ordinal ("der 6. Anruf")
            if value is not None and value < 1000 and \
                    re.match(r"\.\s+(?:[a-zäöü]+\s+)?[A-ZÄÖÜ]", text[e:]):
                ordinal = True
                e += 1
            if value is not None and not ordinal and re.fullmatch(r"\d{4}", word) and \
                    1800 <= value <= 2100:
                i += 1  # a year
                continue
        else:
            for suffix, unit in _ADJ_UNITS.items():
                if suffix in low:
                    head = low[: low.index(suffix)]
                    nw = (1.0, False) if head == "ein" else number_word_value(head)
                    if nw is not None:
                        value, adj_unit = nw[0], unit
                    break
            if value is None:
                if low in _ARTICLE_ONES:
                    value, is_article_one = 1.0, True
                else:
                    nw = number_word_value(low)
                    if nw is not None:
                        value, ordinal = nw
        if value is None:
            i += 1
            continue
        # modifier before
        mod = None
        prev1 = toks[i - 1][0].lower() if i >= 1 else ""
        prev2 = (toks[i - 2][0].lower() + " " + prev1) if i >= 2 else ""
        start = s
        if prev2 in _MODIFIERS:
            mod, start = _MODIFIERS[prev2], toks[i - 2][1]
        elif prev1 in _MODIFIERS:
            mod, start = _MODIFIERS[prev1], toks[i - 1][1]
        # scale and unit after
        j = i + 1
        scale = 1.0
        if j < len(toks) and toks[j][0].lower() in _SCALES:
            scale = _SCALES[toks[j][0].lower()]
            j += 1
        unit: str | None = None
        factor = 1.0
        end = e
        if adj_unit is not None:
            unit, factor = adj_unit
        else:
            k = j
            # skip up to two lower-case adjectives ("sechster telefonischer Kontakt")
            while k < len(toks) and k < j + 2 and toks[k][0][:1].islower() and \
                    toks[k][0].lower() not in _UNITS_DE_EN_ES and language == "de":
                k += 1
            if k < len(toks):
                nxt = toks[k][0].lower().rstrip(".")
                if nxt in _UNITS_DE_EN_ES:
                    unit, factor = _UNITS_DE_EN_ES[nxt]
                    end = toks[k][1] + len(toks[k][0].rstrip("."))
                elif toks[k][0][:1].isupper() or language != "de":
                    if toks[k][0][:1].isalpha():
                        unit = _noun_key(toks[k][0])
                        end = toks[k][1] + len(toks[k][0].rstrip("."))
            if word.endswith("%"):
                unit, factor, end = "%", 1.0, e
        if is_article_one and not (mod or (unit in ("min", "day", "%", "EUR", "USD")) or
                                   scale > 1):
            i += 1
            continue
        # a figure that places an event in time is not an amount ("vor zwei Tagen")
        before = toks[i - 1][0].lower() if start == s and i >= 1 else ""
        if start != s:
            k0 = next(n for n in range(i, -1, -1) if toks[n][1] == start)
            before = toks[k0 - 1][0].lower() if k0 >= 1 else ""
        if unit in ("min", "day") and adj_unit is None and (
            before in _RELATIVE_BEFORE
            or _word_after(toks, end) in _RELATIVE_AFTER
        ):
            i += 1
            continue
        v = value * scale * factor
        lo, hi = (v, v) if ordinal else _interval(v, mod)
        out.append(Amount(text[start:end], start + offset, end + offset, v, lo, hi, unit,
                          ordinal, mod is not None, mod in ("atleast", "atmost")))
        i += 1
    return out


def _word_after(toks: list[tuple[str, int, int]], pos: int) -> str:
    return next((t[0].lower() for t in toks if t[1] >= pos), "")


def _noun_key(word: str) -> str:
    """A crude lemma for a unit noun: lower-cased, common plural/case endings removed."""
    w = word.lower().strip(".-")
    w = w.split("-")[-1]
    for end in ("innen", "ungen", "en", "er", "es", "e", "n", "s"):
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


def comparable(a: Amount, b: Amount) -> bool:
    """True when both amounts count the same kind of thing (same unit, both ordinal or not)."""
    return a.unit is not None and a.unit == b.unit and a.ordinal == b.ordinal


def amounts_agree(a: Amount, b: Amount) -> bool:
    """True when the two figures can both be true (their intervals overlap)."""
    return a.low <= b.high and b.low <= a.high
