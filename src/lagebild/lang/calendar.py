"""Months, weekdays, parts of the day, seasons, time units and date phrases in de/en/es.

The one owner of calendar words. Every table maps a lower-cased surface form (accents as
written) to its meaning; look-ups go through :func:`month_number` and :func:`iso_weekday`,
which also accept folded spellings ("marz", "miercoles", "sabado"), a trailing dot
("Sept.") and German genitives ("Januars"). Equal meanings compare equal across
languages: ``iso_weekday("Montag") == iso_weekday("Monday") == iso_weekday("lunes") == 1``,
``iso_weekday("Sonnabend") == iso_weekday("Samstag")``, and ``parse_date("9. März") ==
parse_date("9 de marzo") == parse_date("March 9") == (9, 3, None)``.

Weekday numbers are ISO (Monday = 1 ... Sunday = 7), as ``datetime.date.isoweekday()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .fold import fold

__all__ = [
    "ADJ_DURATION_UNITS",
    "AMBIGUOUS_MONTHS",
    "CLOCK_AFTER_RE",
    "DATE_RE",
    "DAYPARTS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_RE",
    "RANGE_WORDS",
    "RELATIVE_AFTER",
    "RELATIVE_BEFORE",
    "SEASONS",
    "SINCE_WORDS",
    "TIME_UNITS",
    "TIME_ZONES",
    "WEEKDAYS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_RE",
    "DateMatch",
    "alternation",
    "date_keys",
    "duration_places_in_time",
    "find_dates",
    "iso_weekday",
    "joins_a_range",
    "month_name",
    "month_number",
    "parse_date",
    "weekday_name",
]

MONTHS: dict[str, int] = {
    # German (Austrian "Jänner", "Feber"; genitives of the long forms)
    "januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3, "april": 4,
    "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
    "november": 11, "dezember": 12, "januars": 1, "jänners": 1, "februars": 2, "aprils": 4,
    "augusts": 8, "septembers": 9, "oktobers": 10, "novembers": 11, "dezembers": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "december": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}
# Abbreviations, written with their dot ("Sept.", "Okt.", "Dec.", "ene."); the dotless form
# is accepted by ``month_number`` only when ``abbreviations=True``.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan.": 1, "jän.": 1, "feb.": 2, "febr.": 2, "mär.": 3, "mrz.": 3, "mar.": 3, "apr.": 4,
    "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9, "okt.": 10, "oct.": 10,
    "nov.": 11, "dez.": 12, "dec.": 12, "ene.": 1, "abr.": 4, "may.": 5, "ago.": 8,
    "set.": 9, "dic.": 12,
}
# Month names that are also ordinary words or first names ("Mai", "August", "may",
# "march"): count them as a month only next to a day, a year or a temporal preposition.
AMBIGUOUS_MONTHS = frozenset({"mai", "august", "may", "march", "jan.", "apr.", "aug.",
                              "sep.", "mar.", "set.", "may.", "jun.", "jul."})

WEEKDAYS: dict[str, int] = {
    "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5,
    "samstag": 6, "sonnabend": 6, "sonntag": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
    "lunes": 1, "martes": 2, "miércoles": 3, "miercoles": 3, "jueves": 4, "viernes": 5,
    "sábado": 6, "sabado": 6, "domingo": 7,
}
# Abbreviations ("Mo.", "Thu", "mié."): short words that are often something else ("so",
# "mar", "sun"), so they are looked up only when asked for (``abbreviations=True``).
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mo": 1, "di": 2, "mi": 3, "do": 4, "fr": 5, "sa": 6, "so": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5,
    "sat": 6, "sun": 7,
    "lun": 1, "mar": 2, "mié": 3, "mie": 3, "jue": 4, "vie": 5, "sáb": 6, "sab": 6, "dom": 7,
}

# Parts of the day, as TIMEX suffixes ("Montagabend" is Monday evening).
DAYPARTS: dict[str, str] = {
    "morgen": "MO", "morgens": "MO", "vormittag": "MO", "vormittags": "MO", "früh": "MO",
    "mittag": "MI", "mittags": "MI", "nachmittag": "AF", "nachmittags": "AF",
    "abend": "EV", "abends": "EV", "nacht": "NI", "nachts": "NI", "morgenstunden": "MO",
    "abendstunden": "EV", "nachtstunden": "NI",
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "mañana": "MO", "manana": "MO", "mediodía": "MI", "mediodia": "MI", "tarde": "AF",
    "noche": "NI", "madrugada": "NI",
}

SEASONS: dict[str, str] = {
    "frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI",
    "frühjahrs": "SP", "frühlings": "SP", "sommers": "SU", "herbstes": "FA", "winters": "WI",
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA",
    "primavera": "SP", "verano": "SU", "otoño": "FA", "invierno": "WI",
}

# Time units: surface form -> TIMEX unit letter (S, MIN, H, D, W, M, Y, DE, CE).
TIME_UNITS: dict[str, str] = {}
for _forms, _unit in (
    (("sekunde", "sekunden", "second", "seconds", "segundo", "segundos", "sek.", "sek"), "S"),
    (("minute", "minuten", "minutes", "minuto", "minutos", "min.", "min"), "MIN"),
    (("stunde", "stunden", "hour", "hours", "hora", "horas", "std.", "std"), "H"),
    (("tag", "tage", "tagen", "tages", "day", "days", "día", "días", "dia", "dias"), "D"),
    (("woche", "wochen", "week", "weeks", "semana", "semanas"), "W"),
    (("monat", "monate", "monaten", "monats", "month", "months", "mes", "meses"), "M"),
    (("jahr", "jahre", "jahren", "jahres", "year", "years", "año", "años"), "Y"),
    (("jahrzehnt", "jahrzehnte", "jahrzehnten", "decade", "decades", "década", "décadas"),
     "DE"),
    (("jahrhundert", "jahrhunderte", "jahrhunderten", "century", "centuries", "siglo",
      "siglos"), "CE"),
):
    for _f in _forms:
        TIME_UNITS[_f] = _unit

# Stems of German adjectival durations: "einstündige", "zweitägigen", "dreijährige".
ADJ_DURATION_UNITS: dict[str, str] = {
    "stündig": "H", "tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y",
    "minütig": "MIN",
}

# Words around a duration that make it a point in time or a reference period rather than
# the length of what is reported ("vor zwei Tagen", "two days ago", "hace dos días", "drei
# Tage später", "the longest strike in 14 months", "la huelga más larga en 14 meses"), or the
# time elapsed so far ("la huelga ya cumple tres días", "lleva tres días"). See
# duration_places_in_time.
RELATIVE_BEFORE = frozenset({"vor", "seit", "binnen", "innerhalb", "in", "nach", "within",
                             "ago", "hace", "desde", "im", "en", "tras", "after",
                             "cumple", "cumplen", "lleva", "llevan"})
# Words that make the date after them a lower bound of what is reported: "zum achten Mal
# seit Juni 2024", "the first cut since September 2019", "desde junio de 2024".
SINCE_WORDS = frozenset({"seit", "seitdem", "since", "desde"})
# What follows a number that is a clock time, not a year: "1700 GMT", "0100 UTC", "1700
# hours", "1700 Uhr" (wire reports give times in 24-hour digits with a time zone;
# realnews_dev's AFP strike report had "until 1700 GMT on Monday" read as the year 1700).
TIME_ZONES = frozenset({"GMT", "UTC", "CET", "CEST", "MEZ", "MESZ", "EST", "EDT", "CST", "CDT", "PST", "PDT", "BST"})
CLOCK_AFTER_RE = re.compile(r"\s*(?:Uhr|h\b|hrs?\b|hours\b|horas\b|Z\b|" + "|".join(sorted(TIME_ZONES)) + r")\b")
# Words (or a dash) between two dates that make them the first and last day of one span:
# "vom 24. bis 29. Januar", "del 24 al 29 de enero", "hasta el 29", "from 24 to 29 January",
# "24.–29. Januar".
RANGE_WORDS = frozenset({"bis", "until", "till", "through", "to", "hasta", "al"})
_RANGE_RE = re.compile(r"(?<!\w)(?:" + "|".join(sorted(RANGE_WORDS)) + r")(?!\w)|^\s*[-–—]\s*$",
                       re.IGNORECASE)


def joins_a_range(between: str) -> bool:
    """True when ``between``, the text between two dates of one sentence, makes them the
    ends of one span ("bis", "hasta las 6 p.m. del", "to", a dash)."""
    return bool(_RANGE_RE.search(between))
RELATIVE_AFTER = frozenset({"zuvor", "später", "davor", "danach", "vorher", "nachher", "ago",
                            "later", "earlier", "before", "after", "antes", "después"})
_AFTER_WORD = re.compile(r"[^\W\d_]+")


def duration_places_in_time(text: str, start: int, end: int) -> bool:
    """True when the duration ``text[start:end]`` ("zwei Tagen", "14 meses") places an event
    in time or gives a reference period ("vor zwei Tagen", "in 14 Monaten", "two days ago",
    "ya cumple tres días", "im Jahr ...") instead of the length of what is reported."""
    words = text[:start].split()
    before = words[-1].lower().strip(",;:(") if words else ""
    after = _AFTER_WORD.match(text, end + 1) if end < len(text) else None
    return before in RELATIVE_BEFORE or TIME_UNITS.get(before) == "Y" or bool(
        after and after.group().lower() in RELATIVE_AFTER)

_MONTH_NAMES = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
_WEEKDAY_NAMES = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` for use inside (?:...), factored as a trie.

    Matches the longest word first at any position, like a longest-first list, but a
    position that starts no word is rejected after one character, not after trying every
    word (keeps the date regexes fast on long inputs).
    """
    trie: dict[str, Any] = {}
    for w in sorted(set(words)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a shorter word ends here: the longer ones are tried first (greedy ?)
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def _folded(table: dict[str, int]) -> dict[str, int]:
    return {fold(k): v for k, v in table.items()}


_MONTHS_F = _folded(MONTHS)
_MONTH_ABBR_F = _folded(MONTH_ABBREVIATIONS)
_WEEKDAYS_F = _folded(WEEKDAYS)
_WEEKDAY_ABBR_F = _folded(WEEKDAY_ABBREVIATIONS)
_DAYPARTS_F = {fold(k) for k in DAYPARTS}


@lru_cache(maxsize=4096)
def month_number(word: str, *, abbreviations: bool = True) -> int | None:
    """1-12 for a month word in German, English or Spanish, else None.

    Accepts any case and accent folding ("MÄRZ", "marz"), abbreviations with their dot
    ("Sept.", "Okt.", "dic."); without the dot ("Sept", "Dec") only when
    ``abbreviations`` (the default). Ambiguity ("Mai", "may") is the caller's concern:
    see ``AMBIGUOUS_MONTHS``.
    """
    w = fold(word)
    if w in _MONTHS_F:
        return _MONTHS_F[w]
    if not abbreviations:
        return None
    if w.endswith(".") and w in _MONTH_ABBR_F:
        return _MONTH_ABBR_F[w]
    if not w.endswith(".") and w + "." in _MONTH_ABBR_F and len(w) >= 3:
        return _MONTH_ABBR_F[w + "."]
    return None


@lru_cache(maxsize=4096)
def iso_weekday(word: str, *, abbreviations: bool = False) -> int | None:
    """ISO weekday (Monday 1 ... Sunday 7) of a weekday word in de/en/es, else None.

    "Montag" = "Monday" = "lunes" = 1; "Samstag" = "Sonnabend" = "sábado" = "sabado" = 6.
    Also reads adverbs and weekday+daypart compounds ("montags", "Montagabend",
    "Dienstagmorgen"), English plurals/possessives ("Mondays", "Monday's") and, with
    ``abbreviations``, short forms ("Mo.", "Thu", "mié.").
    """
    w = fold(word).rstrip(".")
    if w in _WEEKDAYS_F:
        return _WEEKDAYS_F[w]
    if abbreviations and w in _WEEKDAY_ABBR_F:
        return _WEEKDAY_ABBR_F[w]
    for suffix in ("'s", "s"):
        if w.endswith(suffix) and w[: -len(suffix)] in _WEEKDAYS_F:
            return _WEEKDAYS_F[w[: -len(suffix)]]
    for name, n in _WEEKDAYS_F.items():
        if w.startswith(name) and w[len(name):] in _DAYPARTS_F:
            return n
    return None


def month_name(month: int, language: str | None = "de") -> str:
    """Display name of month 1-12 in ``language`` (de, en, es; others get English)."""
    return _MONTH_NAMES.get((language or "de")[:2], _MONTH_NAMES["en"])[month - 1]


def weekday_name(iso: int, language: str | None = "de") -> str:
    """Display name of ISO weekday 1-7 in ``language`` (de, en, es; others get English)."""
    return _WEEKDAY_NAMES.get((language or "de")[:2], _WEEKDAY_NAMES["en"])[iso - 1]


# --- date phrases ------------------------------------------------------------------------

_WD_WORDS = alternation(list(WEEKDAYS) + [fold(w) for w in WEEKDAYS])
_MO_WORDS = alternation(list(MONTHS) + [fold(m) for m in MONTHS] + list(MONTH_ABBREVIATIONS)
                        + [a.rstrip(".") for a in MONTH_ABBREVIATIONS if len(a) >= 5])
_GLUED_DAYPARTS = alternation(["früh", "morgen", "vormittag", "mittag", "nachmittag", "abend",
                               "nacht"])
_DAYPART_RE = f"(?:{_GLUED_DAYPARTS})?"
# a month word ends at a word border, or right after its abbreviation dot
_MO = rf"(?:{_MO_WORDS})(?:(?<=\.)|\b)"
_DAY_MONTH = (rf"(?P<d>\d{{1,2}})(?:\.|º|°|st|nd|rd|th)?\s{{0,3}}(?:of\s+|de\s+)?(?P<m>{_MO})"
              rf"(?:,?\s{{1,3}}(?:de\s+|del\s+)?(?P<y>\d{{4}})\b)?")
_MONTH_DAY = (rf"(?P<m2>{_MO})\s{{1,3}}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b"
              rf"(?:,?\s{{1,3}}(?P<y2>\d{{4}})\b)?")
_NUMERIC = r"(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4}|\d{2})?(?!\d)"
_ISO = r"(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
# "Donnerstag (4. Juli)", "Montag, den 3. März 2025", "9. März", "9 de marzo de 2025",
# "March 9, 2025", "9 March 2025", "03.07.2025", "2025-07-03".
DATE_RE = re.compile(
    rf"(?:\b(?P<wd>{_WD_WORDS}){_DAYPART_RE}\b[\s,]{{0,3}}(?:\(\s*|den\s+|dem\s+|the\s+|el\s+)?)?"
    rf"(?:\b{_DAY_MONTH}|\b{_MONTH_DAY}|\b{_NUMERIC}|\b{_ISO}(?!\d))\)?",
    re.IGNORECASE,
)
# A weekday word, also with a daypart glued on ("Montagabend") or as adverb ("montags").
WEEKDAY_RE = re.compile(rf"\b(?P<wd>{_WD_WORDS})(?:{_GLUED_DAYPARTS}|s)?\b", re.IGNORECASE)
# A month word on its own (ambiguous ones included: check ``AMBIGUOUS_MONTHS``).
MONTH_RE = re.compile(rf"\b(?P<m>{_MO})", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date phrase (or a lone weekday) found in a text; offsets into that text."""

    text: str
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    weekday: int | None  # ISO weekday named next to the date, or alone

    @property
    def key(self) -> tuple[int | None, int | None, int | None]:
        """(day, month, year|None): equal for the same date in any language."""
        return self.day, self.month, self.year


def find_dates(text: str, offset: int = 0, *, weekdays: bool = True) -> list[DateMatch]:
    """Explicit dates in ``text`` and, with ``weekdays``, lone weekday words, in text order.

    Offsets are shifted by ``offset``. Impossible days or months (32., 13th month) are
    skipped; two-digit years are read as 20xx.
    """
    out: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        d = g["d"] or g["d2"] or g["d3"] or g["d4"]
        mo = g["m"] or g["m2"]
        month = month_number(mo) if mo else int(g["m3"] or g["m4"])
        y = g["y"] or g["y2"] or g["y3"] or g["y4"]
        year = int(y) if y else None
        if year is not None and year < 100:
            year += 2000
        if not (d and 1 <= int(d) <= 31 and month and 1 <= month <= 12):
            continue
        wd = iso_weekday(g["wd"]) if g["wd"] else None
        out.append(DateMatch(m.group().strip(), m.start() + offset, m.end() + offset,
                             int(d), month, year, wd))
        taken.append((m.start(), m.end()))
    if weekdays:
        for m in WEEKDAY_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            out.append(DateMatch(m.group(), m.start() + offset, m.end() + offset, None, None,
                                 None, iso_weekday(m.group())))
    return sorted(out, key=lambda x: x.start)


def parse_date(phrase: str) -> tuple[int, int, int | None] | None:
    """(day, month, year|None) of the first date in ``phrase``, else None.

    "9. März", "9 de marzo", "March 9", "9 March 2025", "03.03.2025" all parse; equal
    dates give equal tuples whatever the language.
    """
    for d in find_dates(phrase, weekdays=False):
        if d.day is not None and d.month is not None:
            return d.day, d.month, d.year
    return None


def date_keys(text: str) -> set[tuple[int, int]]:
    """The (day, month) pairs of every date in ``text`` (for "same day?" comparisons)."""
    return {(d.day, d.month) for d in find_dates(text, weekdays=False)
            if d.day is not None and d.month is not None}
