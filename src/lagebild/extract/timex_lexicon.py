"""Word lists for the temporal tagger: months, weekdays, number words, units, seasons.

German first; English and Spanish basics. Every list maps a lower-cased surface form to
its meaning, so the rules in :mod:`lagebild.extract.timex_rules` can build alternations
from the keys and read the meaning back from the match.
"""

from __future__ import annotations

import re

__all__ = [
    "ADJ_DURATION_UNITS",
    "DAYPARTS",
    "MONTHS",
    "NUMBER_WORDS",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "alternation",
]

MONTHS: dict[str, int] = {
    # German (with common abbreviations and Austrian "Jänner")
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feber": 2, "feb.": 2, "märz": 3,
    "april": 4, "apr.": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8,
    "september": 9, "sept.": 9, "sep.": 9, "oktober": 10, "okt.": 10, "november": 11,
    "nov.": 11, "dezember": 12, "dez.": 12, "januars": 1, "februars": 2, "augusts": 8,
    "septembers": 9, "oktobers": 10, "novembers": 11, "dezembers": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "december": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}

# Month names that are also ordinary words or first names; they only count as a month
# next to a day, a year or a temporal preposition.
AMBIGUOUS_MONTHS = frozenset({"mai", "august", "may", "march", "jan.", "apr.", "aug.", "sep."})

WEEKDAYS: dict[str, int] = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
    "samstag": 5, "sonnabend": 5, "sonntag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
}

NUMBER_WORDS: dict[str, float] = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2,
    "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90, "hundert": 100, "anderthalb": 1.5, "eineinhalb": 1.5,
    "zweieinhalb": 2.5, "halbes": 0.5, "halben": 0.5, "halbe": 0.5,
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "twenty": 20, "thirty": 30, "hundred": 100,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "veinte": 20,
}

# Vague counts ("mehrere Tage") give an X in the value: PXD.
VAGUE_COUNTS = frozenset({
    "mehrere", "mehreren", "einige", "einigen", "wenige", "wenigen", "weniger", "paar",
    "viele", "vielen", "several", "few", "many", "varios", "varias", "algunos", "algunas",
})

# surface form -> (TIMEX unit letter, is_time_unit)
UNITS: dict[str, str] = {}
for _forms, _unit in (
    (("sekunde", "sekunden", "second", "seconds", "segundo", "segundos"), "S"),
    (("minute", "minuten", "minutes", "minuto", "minutos"), "MIN"),
    (("stunde", "stunden", "hour", "hours", "hora", "horas"), "H"),
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
        UNITS[_f] = _unit

# Stems of adjectival durations: "einstündige", "zweitägigen", "dreijährige", "wochenlang".
ADJ_DURATION_UNITS: dict[str, str] = {
    "stündig": "H", "tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y",
    "minütig": "MIN",
}

SEASONS: dict[str, str] = {
    "frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI",
    "frühjahrs": "SP", "frühlings": "SP", "sommers": "SU", "herbstes": "FA", "winters": "WI",
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA",
    "primavera": "SP", "verano": "SU", "otoño": "FA", "invierno": "WI",
}

# Parts of the day, as TIMEX suffixes.
DAYPARTS: dict[str, str] = {
    "morgen": "MO", "morgens": "MO", "vormittag": "MO", "vormittags": "MO", "früh": "MO",
    "mittag": "MI", "mittags": "MI", "nachmittag": "AF", "nachmittags": "AF",
    "abend": "EV", "abends": "EV", "nacht": "NI", "nachts": "NI", "morgenstunden": "MO",
    "abendstunden": "EV", "nachtstunden": "NI",
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}


def alternation(words: object) -> str:
    """A regex alternation of ``words`` (longest first, escaped), for use inside (?:...)."""
    ws = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w) for w in ws)
