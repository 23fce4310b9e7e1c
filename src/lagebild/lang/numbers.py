"""Numbers in de/en/es text: digits with separators, number words, ordinals, scales, units.

The one owner of number knowledge. :func:`parse_digits` reads "3,75", "3.75", "1.000",
"1,000", "1.000.000,5"; :func:`number_word_value` reads cardinal and ordinal words
("vierzig" 40, "einundzwanzig" 21, "elf" 11, "zwölf" 12, "forty-two" 42, "once" 11,
"doce" 12, "cuarenta" 40, "achten"/"eighth"/"octavo" 8th); ``SCALES`` holds multipliers
("Millionen", "Mio.", "million", "millones", "Mrd."), ``UNITS`` what is measured (percent,
time, distance, mass, money) in a base unit. :func:`find_numbers` reads every figure of a
text with its span, scale, unit or counted noun and a modifier ("rund", "mehr als").
So ``find_numbers("vierzig Menschen")`` and ``find_numbers("40 Menschen")`` give the same
value and counted noun, and "41 Menschen" a different value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from .calendar import ADJ_DURATION_UNITS, DATE_RE, TIME_UNITS, alternation
from .fold import fold, fold_word

__all__ = [
    "ARTICLE_NUMBERS",
    "DAYS_PER_YEAR",
    "MODIFIERS",
    "NUMBER_TOKEN_RE",
    "RANK_NOUNS",
    "SCALES",
    "UNITS",
    "VAGUE_COUNTS",
    "NumberMention",
    "find_numbers",
    "glued_duration",
    "is_rank_noun",
    "joins_a_list",
    "noun_key",
    "number_word_alternation",
    "number_word_value",
    "number_words",
    "parse_digits",
    "scale_factor",
    "unit_of",
]

# --- ranks ---------------------------------------------------------------------------------

# Nouns an ordinal places somebody on ("ersten Platz", "third place", "tercer puesto", "Rang
# zwei"): a rank, not a count. Two ranks in one story are usually of different parties
# (realnews_dev's Saxony election: CDU and AfD "um den ersten Platz", the BSW "third place"
# was flagged as a hard contradiction).
RANK_NOUNS = frozenset({"platz", "rang", "place", "position", "spot", "rank", "puesto", "lugar", "posición"})


def is_rank_noun(word: str | None) -> bool:
    """True for a rank noun of RANK_NOUNS in any case or inflection ("Platz", "Plätze", "places")."""
    if not word:
        return False
    low = word.lower().replace("ä", "a")
    return any(low == n or (low.startswith(n[:4]) and len(low) <= len(n) + 2) for n in RANK_NOUNS)


# --- digits --------------------------------------------------------------------------------

_DE_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.200.000 / 1.000,5
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,200,000 / 1,000.5
_SPACE_THOUSANDS = re.compile(r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?")  # 1 000


def parse_digits(token: str) -> float | None:
    """Value of a digit string with German, English or Spanish separators, else None.

    "3,75" and "3.75" are 3.75; "1.000" and "1,000" are 1000 (a group of exactly three
    digits after the separator is a thousands group: news rarely writes "1.000" for one);
    "1.000,5" is 1000.5 and "1,000.5" too; "1 000" with a no-break or thin space is 1000.
    A trailing "%" is ignored.
    """
    t = token.strip().rstrip("%").strip()
    if _DE_THOUSANDS.fullmatch(t):
        return float(t.replace(".", "").replace(",", "."))
    if _EN_THOUSANDS.fullmatch(t):
        return float(t.replace(",", ""))
    if _SPACE_THOUSANDS.fullmatch(t):
        return float(re.sub(r"\s", "", t).replace(",", "."))
    if re.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    return None


# --- number words --------------------------------------------------------------------------

_DE_ONES = {"null": 0, "ein": 1, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4,
            "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
            "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
            "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_DE_TENS = {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
            "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90}
_DE_ORD_IRREGULAR = {"erst": 1, "dritt": 3, "siebt": 7, "siebent": 7, "acht": 8}
_HALVES = {"anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5,
           "halb": 0.5, "halbe": 0.5, "halben": 0.5, "halbes": 0.5, "halber": 0.5,
           "half": 0.5, "medio": 0.5, "media": 0.5, "dutzend": 12, "dozen": 12, "docena": 12}

_EN_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000}
_EN_ORD_IRREGULAR = {"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9,
                     "twelfth": 12}

_ES_CARDINALS = {
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21,
    "veintiuna": 21, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
    "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
    "mil": 1000,
}
_ES_ORDINAL_STEMS = {"primer": 1, "segund": 2, "tercer": 3, "cuart": 4, "quint": 5, "sext": 6,
                     "séptim": 7, "septim": 7, "octav": 8, "noven": 9, "décim": 10,
                     "undécim": 11, "duodécim": 12, "vigésim": 20}
_ES_ORDINALS = {"primer": 1, "tercer": 3, "primero": 1, "tercero": 3}
for _stem, _v in _ES_ORDINAL_STEMS.items():
    for _end in ("o", "a", "os", "as"):
        _ES_ORDINALS.setdefault(_stem + _end, _v)

# "ein/eine/a/an/un/una" are numbers only next to a unit or a scale ("eine Stunde").
ARTICLE_NUMBERS = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "a", "an",
                             "un", "una", "uno"})
# Words that are number words in one language and ordinary words in another.
_NOT_NUMBER = {"en": frozenset({"once"}), "de": frozenset(), "es": frozenset()}


_UMLAUT_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _f(table: dict[str, int]) -> dict[str, int]:
    """Folded keys, plus the spelled-out umlaut variant ("zwoelf", "fuenf")."""
    out = {fold(k): v for k, v in table.items()}
    out.update({k.translate(_UMLAUT_SPELLED): v for k, v in table.items()})
    return out


_DE_ONES_F, _DE_TENS_F = _f(_DE_ONES), _f(_DE_TENS)
_EN_ONES_F, _EN_TENS_F = _f(_EN_ONES), _f(_EN_TENS)
_ES_F, _ES_ORD_F = _f(_ES_CARDINALS), _f(_ES_ORDINALS)
_HALVES_F = {fold(k): v for k, v in _HALVES.items()}
_DE_ORD_IRREGULAR_F = _f(_DE_ORD_IRREGULAR)


def _de_cardinal(w: str) -> int | None:
    if w in _DE_ONES_F:
        return _DE_ONES_F[w]
    if w in _DE_TENS_F:
        return _DE_TENS_F[w]
    for big, mult in (("tausend", 1000), ("hundert", 100)):
        if big in w:
            head, _, tail = w.partition(big)
            h = 1 if head in ("", "ein") else _de_cardinal(head)
            t = 0 if tail == "" else _de_cardinal(tail.removeprefix("und"))
            return h * mult + t if h is not None and t is not None else None
    if "und" in w:
        ones, _, tens = w.partition("und")
        if ones in _DE_ONES_F and tens in _DE_TENS_F and _DE_ONES_F[ones] < 10:
            return _DE_ONES_F[ones] + _DE_TENS_F[tens]
    return None


def _de_ordinal(w: str) -> int | None:
    """"sechste", "sechsten", "achten", "zwanzigsten", "ersten" -> their number."""
    for end in ("en", "er", "es", "em", "e", ""):
        if not w.endswith(end) or len(w) - len(end) < 4:
            continue
        base = w[: len(w) - len(end)] if end else w
        if base in _DE_ORD_IRREGULAR_F and end:  # "erste", "achten"; not "erst", "acht"
            return _DE_ORD_IRREGULAR_F[base]
        if base.endswith("st"):
            v = _de_cardinal(base[:-2])
            if v is not None and v >= 20:
                return v
        if base.endswith("t") and end:
            v = _de_cardinal(base[:-1])
            if v is not None and 2 <= v < 20:
                return v
    return None


def _en_cardinal(w: str) -> int | None:
    if w in _EN_ONES_F:
        return _EN_ONES_F[w]
    if w in _EN_TENS_F:
        return _EN_TENS_F[w]
    tens, _, ones = w.partition("-")
    if ones and tens in _EN_TENS_F and _EN_TENS_F[tens] < 100 and ones in _EN_ONES_F \
            and 0 < _EN_ONES_F[ones] < 10:
        return _EN_TENS_F[tens] + _EN_ONES_F[ones]
    return None


def _en_ordinal(w: str) -> int | None:
    tens, sep, last = w.rpartition("-")
    if sep:
        head = _en_cardinal(tens)
        tail = _en_ordinal(last)
        return head + tail if head is not None and tail is not None and tail < 10 else None
    if w in _EN_ORD_IRREGULAR:
        return _EN_ORD_IRREGULAR[w]
    if w.endswith("ieth"):
        return _en_cardinal(w[:-4] + "y")
    if w.endswith("th"):
        v = _en_cardinal(w[:-2])
        return v if v is not None and v >= 4 else None
    return None


@lru_cache(maxsize=16384)
def number_word_value(word: str, language: str | None = None) -> tuple[float, bool] | None:
    """(value, is_ordinal) of one number word, else None.

    German compounds ("einundzwanzig", "zweihundertfünf"), English hyphen compounds
    ("forty-two", "twenty-first"), Spanish forms ("veintidós", "doscientas"), ordinals of
    all three ("achten", "eighth", "octavo" -> (8.0, True)) and halves/dozens
    ("anderthalb", "half", "docena"). ``language`` (de/en/es) restricts the look-up to
    that language ("once" is 11 in Spanish, a plain word in English); None tries all three.
    """
    w = fold(word).strip(".")
    lang = (language or "")[:2]
    if not w or w in _NOT_NUMBER.get(lang, frozenset()):
        return None
    if w in _HALVES_F:
        return float(_HALVES_F[w]), False
    langs = (lang,) if lang in _WORD_READERS else tuple(_WORD_READERS)
    for lg in langs:
        cardinal, ordinal = _WORD_READERS[lg]
        v = cardinal(w)
        if v is not None:
            return float(v), False
        v = ordinal(w)
        if v is not None:
            return float(v), True
    return None


# Per language: (cardinal reader, ordinal reader) of one folded word, tried in this order.
_WORD_READERS: dict[str, tuple[Callable[[str], int | float | None], Callable[[str], int | float | None]]] = {
    "de": (_de_cardinal, _de_ordinal),
    "en": (_en_cardinal, _en_ordinal),
    "es": (lambda w: _ES_F.get(w), lambda w: _ES_ORD_F.get(w)),
}


_DE_ORD_ENDINGS = ("e", "en", "er", "es", "em")


def _ordinal_words(language: str) -> dict[str, int]:
    """The simple ordinals of one language, spelled out from the cardinal tables
    ("zweite", "zwanzigsten", "fifth", "twentieth", "octava"); compounds are left to
    :func:`number_word_value`."""
    out: dict[str, int] = {}
    if language == "de":
        stems = {**{k + "t": v for k, v in _DE_ONES.items()
                    if 2 <= v < 20 and v not in _DE_ORD_IRREGULAR.values()},
                 **{k + "st": v for k, v in _DE_TENS.items()},
                 "hundertst": 100, "tausendst": 1000, **_DE_ORD_IRREGULAR}
        out = {stem + end: v for stem, v in stems.items() for end in _DE_ORD_ENDINGS}
    elif language == "en":
        out = {k + "th": v for k, v in _EN_ONES.items()
               if v >= 4 and v not in _EN_ORD_IRREGULAR.values()}
        out.update({k[:-1] + "ieth" if k.endswith("y") else k + "th": v for k, v in _EN_TENS.items()})
        out.update(_EN_ORD_IRREGULAR)
    elif language == "es":
        out = dict(_ES_ORDINALS)
    # keep only what number_word_value reads back as that ordinal ("achtth" is not a word)
    return {w: v for w, v in out.items() if number_word_value(w, language) == (float(v), True)}


@lru_cache(maxsize=64)
def _number_words(language: str | None, articles: bool, ordinals: bool) -> dict[str, float]:
    langs = (language,) if language in ("de", "en", "es") else ("de", "en", "es")
    out: dict[str, float] = {}
    for lg in langs:
        cardinals = {"de": {**_DE_ONES, **_DE_TENS, "hundert": 100, "tausend": 1000},
                     "en": {**_EN_ONES, **_EN_TENS}, "es": _ES_CARDINALS}[lg]
        out.update({w: float(v) for w, v in cardinals.items() if w not in _NOT_NUMBER[lg]})
        if ordinals:
            out.update({w: float(v) for w, v in _ordinal_words(lg).items()})
    out.update({w: float(v) for w, v in _HALVES.items()})
    if articles:  # "eine Woche", "a week", "un año": one
        out.update({w: 1.0 for w in ARTICLE_NUMBERS})
    return out


def number_words(language: str | None = None, *, articles: bool = True,
                 ordinals: bool = False) -> dict[str, float]:
    """Every simple number word (not compounds) of ``language`` (de/en/es; None: all three)
    with its value: cardinals ("zwei", "forty", "doce"), halves and dozens ("anderthalb",
    "half", "docena"), the articles that count one ("eine", "a", "un": ``articles``) and,
    with ``ordinals``, simple ordinals ("zweiten", "fifth", "octavo"). For regexes that need
    the surface forms; a single word is read by :func:`number_word_value`. A new dict each
    call (callers may keep it)."""
    return dict(_number_words(language, articles, ordinals))


def number_word_alternation(language: str | None = None, *, articles: bool = True,
                            ordinals: bool = False) -> str:
    """:func:`number_words` as a trie-shaped regex alternation for use inside ``(?:...)``
    (longest word first; see :func:`lagebild.lang.calendar.alternation`)."""
    return alternation(number_words(language, articles=articles, ordinals=ordinals))


# --- scales, units, modifiers --------------------------------------------------------------

# Multipliers written after a figure. "billion" is 1e9 in English but "Billion" (de) and
# "billón" (es) are 1e12: see ``scale_factor``.
SCALES: dict[str, float] = {
    "tausend": 1e3, "thousand": 1e3, "mil": 1e3, "tsd.": 1e3, "tsd": 1e3,
    "million": 1e6, "millionen": 1e6, "mio": 1e6, "mio.": 1e6, "millón": 1e6,
    "millones": 1e6, "mn": 1e6, "mln": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mrd.": 1e9, "billion": 1e9,
    "billions": 1e9, "bn": 1e9,
    "billionen": 1e12, "billón": 1e12, "billones": 1e12, "trillion": 1e12,
    "dutzend": 12, "dutzende": 12, "dozen": 12, "dozens": 12, "docena": 12, "docenas": 12,
}

# Vague counts ("mehrere Tage", "several days"): a count without a figure.
VAGUE_COUNTS = frozenset({
    "mehrere", "mehreren", "einige", "einigen", "wenige", "wenigen", "weniger", "paar",
    "viele", "vielen", "several", "few", "many", "varios", "varias", "algunos", "algunas",
})
_SCALES_F = {fold(k): v for k, v in SCALES.items()}


@lru_cache(maxsize=16384)
def scale_factor(word: str, language: str | None = None) -> float | None:
    """The multiplier of a scale word ("Millionen" 1e6, "Mrd." 1e9), else None."""
    w = fold(word)
    if w == "billion" and (language or "")[:2] == "de":
        return 1e12
    return _SCALES_F.get(w, _SCALES_F.get(w.rstrip(".")))


# Days a year counts as when durations are brought to the base unit "day".
DAYS_PER_YEAR = 365.0
_TIMEX_TO_BASE = {"S": ("min", 1 / 60), "MIN": ("min", 1.0), "H": ("min", 60.0),
                  "D": ("day", 1.0), "W": ("day", 7.0), "M": ("day", 30.0),
                  "Y": ("day", DAYS_PER_YEAR), "DE": ("day", 10 * DAYS_PER_YEAR),
                  "CE": ("day", 100 * DAYS_PER_YEAR)}
# surface form -> (base unit, factor to the base unit). Time units come from the calendar.
UNITS: dict[str, tuple[str, float]] = {w: _TIMEX_TO_BASE[u] for w, u in TIME_UNITS.items()}
for _forms, _unit, _factor in (
    (("%", "prozent", "percent", "per cent", "por ciento", "pct", "v. h."), "%", 1.0),
    (("prozentpunkte", "prozentpunkten", "prozentpunkt", "percentage points",
      "percentage point", "puntos porcentuales", "punto porcentual"), "pp", 1.0),
    (("basispunkte", "basispunkten", "basispunkt", "basis points", "basis point", "bps",
      "puntos básicos", "punto básico"), "pp", 0.01),
    (("km", "kilometer", "kilometern", "kilometers", "kilometre", "kilometres", "kilómetro",
      "kilómetros"), "m", 1000.0),
    (("m", "meter", "metern", "meters", "metre", "metres", "metro", "metros"), "m", 1.0),
    (("meile", "meilen", "mile", "miles", "milla", "millas"), "m", 1609.344),
    (("kg", "kilogramm", "kilogram", "kilograms", "kilo", "kilos", "kilogramo",
      "kilogramos"), "kg", 1.0),
    (("tonne", "tonnen", "tonnes", "ton", "tons", "tonelada", "toneladas"), "kg", 1000.0),
    (("euro", "euros", "eur", "€"), "EUR", 1.0),
    (("dollar", "dollars", "dólar", "dólares", "usd", "$", "us-dollar"), "USD", 1.0),
    (("pfund", "pound", "pounds", "libra", "libras", "£", "gbp"), "GBP", 1.0),
    (("grad", "degrees", "grados", "°", "°c"), "deg", 1.0),
):
    for _f_ in _forms:
        UNITS[_f_] = (_unit, _factor)
_UNITS_F = {fold(k): v for k, v in UNITS.items()}


@lru_cache(maxsize=16384)
def unit_of(word: str) -> tuple[str, float] | None:
    """(base unit, factor) of a unit word or symbol ("Stunden" -> ("min", 60.0)), else None."""
    w = fold(word)
    return _UNITS_F.get(w, _UNITS_F.get(w.rstrip(".")))


# Words before a figure that make it vague or a bound: modifier -> kind
# (below: "fast eine Stunde"; about: "rund 40"; above: "gut eine Stunde";
# atleast: "mehr als 40"; atmost: "bis zu 40").
MODIFIERS: dict[str, str] = {
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


@lru_cache(maxsize=65536)
def noun_key(word: str) -> str:
    """A crude lemma of a counted noun: folded, last hyphen part, common endings removed
    ("Menschen" -> "mensch", "Fahrgästen" -> "fahrgast")."""
    w = fold(word).strip(".-").split("-")[-1]
    for end in ("innen", "ungen", "en", "er", "es", "e", "n", "s"):
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


_ADJ_UNITS_F = {fold(k): v for k, v in ADJ_DURATION_UNITS.items()}


@lru_cache(maxsize=16384)
def glued_duration(word: str) -> tuple[float, str, float] | None:
    """(count, base unit, factor) of a German duration adjective, else None:
    "einstündige" -> (1.0, "min", 60.0), "zweitägigen" -> (2.0, "day", 1.0),
    "dreijährige" -> (3.0, "day", 365.0)."""
    w = fold(word)
    for stem, letter in _ADJ_UNITS_F.items():
        k = w.find(stem)
        if k > 0:
            head = w[:k]
            nw = (1.0, False) if head == "ein" else number_word_value(head, "de")
            if nw is None or nw[1]:
                return None
            unit, factor = _TIMEX_TO_BASE[letter]
            return nw[0], unit, factor
    return None


# --- reading a text ------------------------------------------------------------------------

# Digit groups (with separators; not glued to letters, but "1st" and "5km" stay) or words (with inner hyphens/apostrophes, a final dot) or
# a unit symbol. Linear: no nested quantifiers can overlap.
NUMBER_TOKEN_RE = re.compile(
    r"(?<!\w)(?>\d+(?:[.,\u00a0\u202f\u2009]\d+)*)(?![^\W\d_]{3})"  # not inside "TV7", "abc24"
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?|[%€$£°º]"
)
_CLOCK_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:Uhr|h|a\.\s?m\.|p\.\s?m\.|am|pm)(?!\w)|\b\d{1,2}:\d{2}\b"
    r"|\b\d{1,2}[:.]\d{2}\s?horas\b|\b\d{4}-\d{2}(?!\d)",  # 18.00 horas; 2026-03
    re.IGNORECASE)
# Numbers that label rather than count ("Nr. 62", "Art. 5", "§ 3", "Seite 4").
_LABEL_RE = re.compile(r"\b(?:Nr|No|Art|Abs|Paragraf|Paragraph|Seite|S)\.?\s{0,3}\d+|§\s{0,3}\d+")
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP"}
_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th", "º", "ª", "er", "te"})
_JOINERS = frozenset({"und", "and", "y"})
_STOP_AFTER = frozenset({"the", "and", "for", "von", "der", "die", "das", "de", "del", "la",
                         "el", "los", "las", "of", "in", "en", "und", "y", "uhr"})


# Words that only list figures one after the other ("der erste und zweite Test", "the
# first, second and third flights", "el primer y segundo vuelo", "sowie"); "u" and "e" are
# Spanish "o" and "y" before a vowel.
_LIST_WORDS = frozenset({"und", "oder", "sowie", "and", "or", "y", "e", "o", "u"})


def joins_a_list(between: str) -> bool:
    """True when ``between``, the text between two figures, only lists them: a comma, a
    slash, an ampersand or one of "und", "oder", "sowie", "and", "or", "y", "o" (after an
    optional comma)."""
    words = between.replace(",", " ").replace("/", " ").replace("&", " ").split()
    if not words:
        return "," in between or "/" in between or "&" in between
    return len(words) == 1 and fold_word(words[0]) in _LIST_WORDS


@dataclass(frozen=True)
class NumberMention:
    """One figure in a text (offsets into the text, shifted by the caller's offset).

    ``value`` is the number times its scale ("2,5 Millionen" -> 2500000.0); ``base_value``
    is ``value`` in the base unit of ``unit`` ("zwei Stunden" -> 120.0 minutes).
    ``counted`` is the noun key of what is counted when no unit follows ("41 Menschen" ->
    "mensch"). ``modifier`` is a kind from ``MODIFIERS`` ("rund 40" -> "about").
    """

    text: str
    start: int
    end: int
    value: float
    ordinal: bool = False
    unit: str | None = None
    base_value: float | None = None
    counted: str | None = None
    modifier: str | None = None
    word: bool = False  # written as a word ("vierzig") rather than digits

    @property
    def glued(self) -> bool:
        """A number word glued to its unit in one word ("einstündige", "zweitägigen")."""
        return self.word and " " not in self.text.strip()


def find_numbers(text: str, offset: int = 0, language: str | None = None, *,
                 skip_dates: bool = True, skip_labels: bool = True) -> list[NumberMention]:
    """Every figure in ``text``, in order, digits and number words alike.

    With ``skip_dates`` (the default) dates ("9. März"), clock times ("19:24 Uhr") and
    years (1800-2100 standing alone) are left out; with ``skip_labels`` numbers that label
    ("Nr. 62", "§ 3") too. German duration adjectives count ("einstündige" -> 1 hour). "ein/a/un" count only before a unit or a
    scale ("eine Stunde"). Tens and ones written apart are joined ("treinta y cinco",
    "twenty one"), scales multiply ("2,5 Mio."). Linear in the length of ``text``.
    """
    lang = (language or "")[:2]
    blocked: list[tuple[int, int]] = []
    if skip_dates:
        blocked = [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
        blocked += [(m.start(), m.end()) for m in _CLOCK_RE.finditer(text)]
    if skip_labels:
        blocked += [(m.start(), m.end()) for m in _LABEL_RE.finditer(text)]
    blocked.sort()
    from .compounds import compound_numbers

    # compounds and fractions ("six-day", "a quarter-point") first; their words are skipped
    compounds = [c for c in compound_numbers(text, language) if not _inside(c.start, blocked)]
    toks = [(m.group(), m.start(), m.end()) for m in NUMBER_TOKEN_RE.finditer(text)
            if not any(c.start < m.end() and m.start() < c.end for c in compounds)]
    out: list[NumberMention] = [replace(c, start=c.start + offset, end=c.end + offset) for c in compounds]
    bi = 0
    i = 0
    while i < len(toks):
        word, s, e = toks[i]
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= s:
            i += 1
            continue
        value: float | None
        ordinal = is_word = article = False
        j = i + 1
        if word[:1].isdigit():
            value = parse_digits(word)
            if value is None:
                i += 1
                continue
            nxt = toks[j] if j < len(toks) else None
            if nxt and nxt[1] == e and fold_word(nxt[0]).rstrip(".") in _ORDINAL_SUFFIX:
                ordinal, e, j = True, nxt[2], j + 1  # "1st", "2º"
            elif lang in ("", "de") and value < 1000 and text[e:e + 1] == "." and \
                    re.match(r"\.\s+(?:[a-zäöü]+\s+)?[A-ZÄÖÜ]", text[e:e + 60]):
                ordinal, e = True, e + 1  # "der 6. Anruf"
            if skip_dates and not ordinal and re.fullmatch(r"\d{4}", word) and \
                    1800 <= value <= 2100 and not (nxt and (nxt[0] == "%" or scale_factor(nxt[0]))):
                i += 1
                continue
        else:
            low = word.lower().rstrip(".")
            glued = glued_duration(low) if lang in ("", "de") else None
            if glued is not None:
                count, gunit, gfactor = glued
                out.append(NumberMention(word, s + offset, e + offset, count, False, gunit,
                                         count * gfactor, None, None, True))
                i += 1
                continue
            nw = number_word_value(low, language)
            if nw is None and low in ARTICLE_NUMBERS:
                nw, article = (1.0, False), True
            if nw is None:
                i += 1
                continue
            value, ordinal = nw
            is_word = True
            if low in ARTICLE_NUMBERS:
                article = True
            if article and not (j < len(toks) and (scale_factor(toks[j][0], language) or (
                    len(toks[j][0]) >= 3 and _unit_at(toks, j)))):
                i += 1  # "eine Frau": an article, not a figure
                continue
            # tens and ones apart: "treinta y cinco", "twenty one", "ciento veinte"
            while not ordinal and j < len(toks):
                k = j + 1 if toks[j][0].lower() in _JOINERS else j
                if k >= len(toks):
                    break
                more = number_word_value(toks[k][0], language)
                if more is None or more[1] or not (
                        (value % 10 == 0 and 20 <= value < 100 and 1 <= more[0] < 10)
                        or (value % 100 == 0 and 100 <= value < 1000 and 1 <= more[0] < 100)):
                    break
                value, e, j = value + more[0], toks[k][2], k + 1
        scale = None
        if j < len(toks):
            scale = scale_factor(toks[j][0], language)
            if scale is not None:
                value, e, j = value * scale, toks[j][2], j + 1
        unit = counted = None
        base_value = None
        k = j
        if lang in ("", "de") and j < len(toks) and _unit_at(toks, j) is None:
            # skip up to two lower-case adjectives before a capitalised noun
            # ("sechster telefonischer Kontakt")
            for m in range(j, min(len(toks), j + 3)):
                w = toks[m][0]
                if w[:1].isupper():
                    k = m
                    break
                if not w[:1].islower() or w.lower() in _STOP_AFTER or _is_number_word(w) \
                        or _unit_at(toks, m) is not None:
                    break
        if k < len(toks):
            got = _unit_at(toks, k)
            if got is not None:
                (unit, factor), e, j = got
                base_value = value * factor
            elif toks[k][0][:1].isalpha() and toks[k][0].lower() not in _STOP_AFTER and \
                    not _is_number_word(toks[k][0]) and (
                    toks[k][0][:1].isupper() or lang in ("", "en", "es")):
                counted = noun_key(toks[k][0])
        if unit is None and i >= 1 and toks[i - 1][2] == s and toks[i - 1][0] in _CURRENCY_SIGNS:
            unit, base_value, s = _CURRENCY_SIGNS[toks[i - 1][0]], value, toks[i - 1][1]  # "€20"
            counted = None
        if article and unit is None and scale is None:
            i += 1
            continue
        modifier = None
        start = s
        prev1 = toks[i - 1][0].lower() if i >= 1 else ""
        prev2 = (toks[i - 2][0].lower() + " " + prev1) if i >= 2 else ""
        if prev2 in MODIFIERS:
            modifier, start = MODIFIERS[prev2], toks[i - 2][1]
        elif prev1 in MODIFIERS:
            modifier, start = MODIFIERS[prev1], toks[i - 1][1]
        out.append(NumberMention(text[start:e], start + offset, e + offset, value, ordinal, unit,
                                 base_value, counted, modifier, is_word))
        i = max(i + 1, j)
    return sorted(out, key=lambda n: n.start) if compounds else out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _unit_at(toks: list[tuple[str, int, int]],
             k: int) -> tuple[tuple[str, float], int, int] | None:
    """((unit, factor), end offset, next token) of a one- or two-word unit at token ``k``."""
    if k + 1 < len(toks):
        two = _UNITS_F.get(fold_word(toks[k][0] + " " + toks[k + 1][0]))
        if two is not None:
            return two, toks[k + 1][2], k + 2
    one = unit_of(toks[k][0])
    return (one, toks[k][1] + len(toks[k][0].rstrip(".")), k + 1) if one is not None else None


@lru_cache(maxsize=65536)
def _is_number_word(word: str) -> bool:
    return word[:1].isalpha() and number_word_value(word) is not None
