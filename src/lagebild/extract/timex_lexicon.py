"""Number words the temporal tagger's regular expressions match ("zwei Tage", "a week").

Months, weekdays, dayparts, seasons and time units come from :mod:`lagebild.lang.calendar`;
this list remains only because the rules need the surface forms as a regex alternation and
the kit reads number words one at a time (:func:`lagebild.lang.numbers.number_word_value`).
"""

from __future__ import annotations

__all__ = ["NUMBER_WORDS"]

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
