"""Recognition rules of the temporal tagger: regular expressions that turn text into Frames.

A :class:`Frame` is what one expression *says* (a day and a month, "two days before", a
weekday, a duration), before it is resolved against the publication date or the story's
last mentioned date in :mod:`lagebild.extract.times`. Rules only find and describe;
they never look at the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lagebild.extract.timex_lexicon import NUMBER_WORDS
from lagebild.lang.calendar import (
    ADJ_DURATION_UNITS,
    AMBIGUOUS_MONTHS,
    DAYPARTS,
    MONTH_ABBREVIATIONS,
    SEASONS,
    alternation,
    month_name,
)
from lagebild.lang.calendar import MONTHS as _MONTH_WORDS
from lagebild.lang.calendar import TIME_UNITS as UNITS
from lagebild.lang.calendar import WEEKDAYS as _ISO_WEEKDAYS
from lagebild.lang.numbers import VAGUE_COUNTS

# Month words with their abbreviations ("Sept.", "Okt."); weekdays counted from 0 = Monday
# as in ``datetime.weekday()`` (the kit counts ISO 1-7).
MONTHS: dict[str, int] = {**_MONTH_WORDS, **MONTH_ABBREVIATIONS}
WEEKDAYS: dict[str, int] = {w: iso - 1 for w, iso in _ISO_WEEKDAYS.items()}

__all__ = ["Frame", "parse_number", "scan"]


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


_F = re.IGNORECASE | re.UNICODE
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


def _mod(m: re.Match[str]) -> str | None:
    g = m.groupdict().get("mod")
    return MOD_MAP.get(re.sub(r"\s+", " ", g.lower())) if g else None


def _prev_word(text: str, pos: int) -> str:
    mm = re.search(r"([\w.§€$©]+)[\s(„\"'»«]*$", text[max(0, pos - 40):pos])
    return mm.group(1).lower() if mm else ""


def _next_word(text: str, pos: int) -> str:
    mm = re.match(r"[ \t)]*([\w%€$]+)", text[pos:pos + 40])
    return mm.group(1) if mm else ""


def _sentence_initial(text: str, pos: int) -> bool:
    return not text[:pos].strip() or bool(re.search(r"[.!?:\n„\"»]\s*$", text[:pos]))


def _year(m: re.Match[str]) -> tuple[int | None, bool]:
    y = m.groupdict().get("y")
    bc = bool(m.groupdict().get("bc"))
    if not y:
        return None, False
    v = int(y)
    if len(y) == 2:  # "1.9.39": two-digit years are resolved later against the anchor
        return v + 10000, False  # marker: add century later
    return v, bc


Builder = Callable[[re.Match[str], str], "Frame | None"]
RULES: list[tuple[re.Pattern[str], Builder]] = []


def rule(pattern: str, flags: int = _F) -> Callable[[Builder], Builder]:
    def deco(fn: Builder) -> Builder:
        RULES.append((re.compile(pattern, flags), fn))
        return fn

    return deco


def _fr(match: re.Match[str], kind: str, /, **kw: object) -> Frame:
    return Frame(match.start(), match.end(), kind, **kw)  # type: ignore[arg-type]


# ---- absolute dates -------------------------------------------------------------------

@rule(r"(?<![\w.])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
      r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?(?![\w-])")
def _iso(m: re.Match[str], text: str) -> Frame | None:
    h = m.group("h")
    return _fr(m, "abs", y=int(m.group("y")), m=int(m.group("m")), d=int(m.group("d")),
               hour=int(h) if h else None, minute=int(m.group("mi")) if h else None,
               second=int(m.group("s")) if m.group("s") else None)


@rule(rf"(?<![\w.,/:§]){DAY}\.\s?(?P<m>0?[1-9]|1[0-2])\.(?:\s?(?P<y>\d{{4}}|\d{{2}})(?!\d))?"
      r"(?![\d]|,\d)")
def _numeric(m: re.Match[str], text: str) -> Frame | None:
    if _prev_word(text, m.start()) in NUMBER_PREV:
        return None
    y, _ = _year(m)
    end = m.end()
    if y is None and not re.match(r"\s|$|[,;)]", text[end:end + 1] or " "):
        return None
    return _fr(m, "abs", y=y, m=int(m.group("m")), d=int(m.group("d")))


@rule(rf"(?<![\d.,]){DAY}\.\s*{MON}{E}(?:\s+{YEAR}(?!\d){BC})?")
def _day_month_de(m: re.Match[str], text: str) -> Frame | None:
    y, bc = _year(m)
    return _fr(m, "abs", y=y, bc=bc, m=MONTHS[m.group("mon").lower()], d=int(m.group("d")))


@rule(rf"{B}{MON}\s+{DAY}(?:st|nd|rd|th)?{E}(?:,?\s+(?P<y>\d{{4}}))?")
def _month_day_en(m: re.Match[str], text: str) -> Frame | None:
    if not m.group("mon")[0].isupper():
        return None
    y, _ = _year(m)
    return _fr(m, "abs", y=y, m=MONTHS[m.group("mon").lower()], d=int(m.group("d")))


@rule(rf"(?<![\d.,]){DAY}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?{MON}{E}"
      rf"(?:,?\s+(?:de\s+|del\s+)?(?P<y>\d{{4}}))?")
def _day_month_en_es(m: re.Match[str], text: str) -> Frame | None:
    y, _ = _year(m)
    return _fr(m, "abs", y=y, m=MONTHS[m.group("mon").lower()], d=int(m.group("d")))


@rule(rf"{B}{MODW}?{MON}{E}\s+(?:de\s+|of\s+)?{YEAR}(?!\d){BC}")
def _month_year(m: re.Match[str], text: str) -> Frame | None:
    y, bc = _year(m)
    if y is None or not (y > 1000 or bc):
        return None
    return _fr(m, "abs", y=y, bc=bc, m=MONTHS[m.group("mon").lower()], mod=_mod(m))


@rule(rf"{B}{MODW}?{MON}{E}")
def _month(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("mon")
    low = word.lower()
    if low not in SPANISH_MONTHS and not word[0].isupper():
        return None
    if low.endswith(".") and not m.group("mod"):
        return None
    prev = _prev_word(text, m.start())
    after = text[m.end():m.end() + 40]
    in_range = re.match(rf"\s*(?:/|bis|und|oder|–|-)\s*(?:\d{{1,2}}\.\s*)?{MON2}{E}", after, _F)
    temporal = bool(m.group("mod")) or prev in TEMPORAL_PREV or in_range
    if prev in {"und", "oder", "bzw.", "der", "den", "dem", "des"} and not re.search(
            rf"{MON2}(?:\s+\d{{4}})?\s*(?:und|oder|bzw\.|,)\s*$", text[max(0, m.start() - 25):
                                                                      m.start()], _F):
        temporal = bool(in_range)  # "und Mai Thi": a list of names, not of months
    if low in AMBIGUOUS_MONTHS and not temporal:
        return None
    if not temporal and re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", after):
        return None  # "Juli Zeh", "August Bebel"
    return _fr(m, "abs", m=MONTHS[low], mod=_mod(m))


@rule(rf"{B}(?:(?:Anfang|Mitte|Ende|Beginn)\s+des\s+)?(?P<c>\d{{1,2}})\.\s*"
      rf"(?:Jahrhunderts?|Jh\.){BC}")
def _century(m: re.Match[str], text: str) -> Frame | None:
    c = int(m.group("c")) - 1
    lit = f"BC{c:02d}" if m.group("bc") else f"{c:02d}"
    return _fr(m, "abs", literal=lit)


@rule(rf"{B}(?:(?:den|die|der)\s+)?(?P<dec>1\d\d|20\d)0er(?:-?\s?Jahren?)?{E}")
def _decade(m: re.Match[str], text: str) -> Frame | None:
    return _fr(m, "abs", literal=m.group("dec"))


@rule(rf"{B}(?:Um\s+das\s+|um\s+das\s+)?(?:Jahre?s?|year|año)\s+(?:des\s+)?{YEAR}(?!\d){BC}")
def _year_word(m: re.Match[str], text: str) -> Frame | None:
    y, bc = _year(m)
    if y is None or (not bc and not 1000 <= y <= 2100):
        return None
    return _fr(m, "abs", y=y, bc=bc)


@rule(rf"{B}{MODW}(?:(?:des|dieses)\s+Jahres\s+)?{YEAR}(?!\d){BC}")
def _mod_year(m: re.Match[str], text: str) -> Frame | None:
    y, bc = _year(m)
    if y is None or (not bc and not 1000 <= y <= 2100):
        return None
    return _fr(m, "abs", y=y, bc=bc, mod=_mod(m))


@rule(r"(?<=(?:1\d|20)\d\d[/–-])(?P<y>\d\d)(?![\d.,]|\s*(?:v\.|Uhr))")
def _short_range_year(m: re.Match[str], text: str) -> Frame | None:
    century = int(text[m.start() - 5:m.start() - 3])
    first = int(text[m.start() - 5:m.start() - 1])
    y = century * 100 + int(m.group("y"))
    if not 0 < y - first <= 20:
        return None
    return _fr(m, "abs", y=y)  # "1918/19", "1926–28"


@rule(r"(?<![\w.,:§-])(?P<y>\d{1,4})(?=\s*[/–-]\s*\d{1,4}\s*v\.\s?Chr)")
def _bc_range_first(m: re.Match[str], text: str) -> Frame | None:
    return _fr(m, "abs", y=int(m.group("y")), bc=True)  # "478/477 v. Chr."


@rule(r"(?<![\w.,:§-])(?P<y>\d{1,4})\s*(?P<bc>v\.\s?Chr\.?|n\.\s?Chr\.?|BC|AD|a\.\s?C\.)")
def _era_year(m: re.Match[str], text: str) -> Frame | None:
    bc = not m.group("bc").lower().startswith(("n", "ad"))
    return _fr(m, "abs", y=int(m.group("y")), bc=bc)


@rule(r"(?<![\w.,:§€$])(?P<y>1\d{3}|20\d\d|2100)(?![\w%€$]|[.,:]\d)")
def _bare_year(m: re.Match[str], text: str) -> Frame | None:
    prev = _prev_word(text, m.start())
    nxt = _next_word(text, m.end())
    before = text[max(0, m.start() - 2):m.start()]
    after = text[m.end():m.end() + 8]
    if prev in NUMBER_PREV or re.match(r"\s*(?:Uhr|%|Prozent|km|m\b|kg|t\b|h\b)", after):
        return None
    if re.match(r"\s*(?:/|–|-|bis)\s*\d{2,4}(?!\d)", after) or re.search(r"[–/-]\s*$", before):
        return _fr(m, "abs", y=int(m.group("y")))  # 1939–1945, 1939/1940
    if prev in STRONG_PREV:
        return _fr(m, "abs", y=int(m.group("y")))
    if nxt and nxt[0].isupper() and nxt.lower() not in MONTHS:
        return None  # "2000 Soldaten", "1237 Tag"
    line_start = re.search(r"(?:^|\n)[ \t*•·-]*$", text[max(0, m.start() - 8):m.start()])
    if line_start and (re.search(r"[*•·]", text[max(0, m.start() - 8):m.start()])
                       or re.match(r"\s*[–—-]\s", after)):
        return _fr(m, "abs", y=int(m.group("y")))  # "1918 – Festigung ...", "* 1920 ..."
    if nxt and nxt[0].islower():
        adj = re.match(r"\s*([a-zäöüß]{3,}(?:e|en|er|es|em))\s+[A-ZÄÖÜ]",
                       text[m.end():m.end() + 40])
        if adj and adj.group(1) not in NOT_ADJECTIVES and prev not in DETERMINERS \
                and prev not in TEMPORAL_PREV:
            return None  # "1500 verwundete Soldaten"; but "der 1958 erschienene Essay"
        return _fr(m, "abs", y=int(m.group("y")))
    # end of a clause: a year after a preposition or a noun ("Angriff auf Polen 1939")
    line_alone = re.search(r"(?:^|\n)[ \t]*$", text[max(0, m.start() - 5):m.start()])
    if line_alone and re.match(r"[ \t]*(?:\n|$)", after):
        return _fr(m, "abs", y=int(m.group("y")))  # a heading that is just a year
    if prev in TEMPORAL_PREV or (re.match(r"[ \t]*(?:\n|$|\)|,|:|;|\.\s)", after) and prev):
        return _fr(m, "abs", y=int(m.group("y")))
    return None


@rule(rf"{B}(?:(?P<pre>spät|früh)(?:en?\s+)?)?(?P<season>{alternation(SEASONS)}){E}"
      rf"(?:\s+{YEAR}(?!\d){BC})?")
def _season(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("season")
    if word.lower() in {"fall", "primavera", "verano"} and not m.group("y"):
        return None
    if not (word[0].isupper() or m.group("pre")) and word.lower() not in {"otoño", "invierno"}:
        return None
    y, bc = _year(m)
    if y is not None and not 1000 <= y <= 2100 and not bc:
        return None
    pre = (m.group("pre") or "").lower()
    return _fr(m, "abs", y=y, bc=bc, season=SEASONS[word.lower()],
               mod={"spät": "END", "früh": "START"}.get(pre))


@rule(rf"{B}{MODW}(?:des|dieses)\s+(?P<unit>Jahres|Monats)(?:\s+{YEAR}(?!\d))?")
def _mod_of_unit(m: re.Match[str], text: str) -> Frame | None:
    y, _ = _year(m)
    if y is not None:
        return _fr(m, "abs", y=y, mod=_mod(m))
    unit = "Y" if m.group("unit").lower().startswith("j") else "M"
    return _fr(m, "rel", unit=unit, n=0, deictic=True, mod=_mod(m))


@rule(r"(?<![\w])(?:zum\s+)?(?P<w>Jahres(?:ende|beginn|anfang|mitte|wechsel)|Monats(?:ende|anfang|"
      r"beginn|mitte))(?:\s+(?P<y>\d{4})(?!\d))?")
def _year_end(m: re.Match[str], text: str) -> Frame | None:
    w = m.group("w").lower()
    mod = "END" if w.endswith(("ende", "wechsel")) else "MID" if w.endswith("mitte") else "START"
    y, _ = _year(m)
    if y is not None:
        return _fr(m, "abs", y=y, mod=mod)
    return _fr(m, "rel", unit="Y" if w.startswith("j") else "M", n=0, deictic=True, mod=mod)


# ---- weekdays -------------------------------------------------------------------------

_D = r"(?:0?[1-9]|[12]\d|3[01])"


@rule(rf"{B}{WD}(?P<pod>abend|morgen|nachmittag|vormittag|nacht|mittag)?{E},?\s*\(?\s*"
      rf"(?:(?:den|dem|der|the|el)\s+)?(?:(?P<d>{_D})\.\s*{MON}|(?P<d1>{_D})\.\s?"
      rf"(?P<nm>0?[1-9]|1[0-2])\.|(?P<mon2>{MON2})\s+(?P<d2>{_D})|(?P<d3>{_D})\s+de\s+"
      rf"(?P<mon3>{MON2})){E}(?:,?\s+(?:de\s+)?(?P<y>\d{{4}}|\d{{2}}(?=\D)))?")
def _weekday_date(m: re.Match[str], text: str) -> Frame | None:
    monw = m.group("mon") or m.group("mon2") or m.group("mon3")
    mon = MONTHS[monw.lower()] if monw else int(m.group("nm"))
    day = int(m.group("d") or m.group("d1") or m.group("d2") or m.group("d3"))
    if day > 31:
        return None
    y, _ = _year(m)
    pod = DAYPARTS.get((m.group("pod") or "").lower())
    return _fr(m, "abs", y=y, m=mon, d=day, weekday=WEEKDAYS[m.group("wd").lower()], pod=pod)


@rule(rf"{B}(?:(?P<dir>letzten|vergangenen|vorigen|kommenden|nächsten|diesen|an\s+diesem|"
      rf"last|next|this|el\s+pasado|el\s+próximo|este)\s+)?{WD}(?P<pod>abend|morgen|nachmittag|"
      rf"vormittag|nacht|mittag)?(?P<pl>s)?{E}")
def _weekday(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("wd")
    wd = WEEKDAYS[word.lower()]
    if m.group("pl") and word.lower().endswith("tag"):
        return _fr(m, "set", literal=f"XXXX-WXX-{wd + 1}")
    if m.group("pl"):
        return None
    d = (m.group("dir") or "").lower()
    direction = -1 if d in {"letzten", "vergangenen", "vorigen", "last", "el pasado"} else (
        1 if d in {"kommenden", "nächsten", "next", "el próximo"} else None)
    pod = DAYPARTS.get((m.group("pod") or "").lower())
    return _fr(m, "weekday", weekday=wd, direction=direction, pod=pod)


# ---- deictic and anaphoric ------------------------------------------------------------

DEICTIC_DAY = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2,
               "today": 0, "yesterday": -1, "tomorrow": 1, "hoy": 0, "ayer": -1,
               "anteayer": -2, "mañana": 1, "heutigen": 0}


@rule(rf"{B}(?P<w>heute|gestern|vorgestern|übermorgen|morgen|today|yesterday|tomorrow|hoy|ayer|"
      rf"anteayer|mañana){E}(?:\s+(?P<pod>Morgen|früh|Vormittag|Mittag|Nachmittag|Abend|Nacht|"
      rf"morning|afternoon|evening|night){E})?")
def _deictic_day(m: re.Match[str], text: str) -> Frame | None:
    w = m.group("w")
    if w in {"Morgen", "Mañana"} and m.start() > 0 and not re.search(r"[.!?\n]\s*$",
                                                                    text[:m.start()]):
        return None  # the noun "Morgen" (morning)
    if w.lower() == "mañana" and re.search(r"(?:la|por la|esta)\s*$", text[:m.start()]):
        return None
    if w.lower() == "morgen" and re.search(r"(?:am|des|dem|den|jeden|diesen|am frühen)\s*$",
                                           text[:m.start()], _F):
        return None
    pod = DAYPARTS.get((m.group("pod") or "").lower())
    return _fr(m, "rel", unit="D", n=DEICTIC_DAY[w.lower()], deictic=True, pod=pod,
               today_word=w.lower() in {"heute", "today", "hoy"})


REL_ADJ = {
    "diese": (0, True), "dieser": (0, True), "diesen": (0, True), "diesem": (0, True),
    "dieses": (0, True), "laufenden": (0, True), "laufende": (0, True),
    "letzte": (-1, True), "letzten": (-1, True), "letzter": (-1, True), "letztes": (-1, True),
    "vergangene": (-1, True), "vergangenen": (-1, True), "vergangener": (-1, True),
    "vergangenes": (-1, True), "vorige": (-1, True), "vorigen": (-1, True),
    "voriges": (-1, True), "nächste": (1, True), "nächsten": (1, True), "nächster": (1, True),
    "nächstes": (1, True), "kommende": (1, True), "kommenden": (1, True),
    "kommender": (1, True), "kommendes": (1, True), "folgende": (1, False),
    "folgenden": (1, False), "folgendes": (1, False), "darauffolgende": (1, False),
    "darauffolgenden": (1, False), "selbe": (0, False), "selben": (0, False),
    "gleiche": (0, False), "gleichen": (0, False), "demselben": (0, False),
    "derselben": (0, False), "desselben": (0, False),
    "last": (-1, True), "next": (1, True), "this": (0, True), "same": (0, False),
    "following": (1, False), "neuen": (1, False), "vorangegangenen": (-1, False), "pasado": (-1, True), "pasada": (-1, True),
    "próximo": (1, True), "próxima": (1, True), "este": (0, True), "esta": (0, True),
}
REL_UNIT = {"tag": "D", "tages": "D", "woche": "W", "monat": "M", "monats": "M", "jahr": "Y",
            "jahres": "Y", "quartal": "Q", "quartals": "Q", "wochenende": "WE", "day": "D",
            "week": "W", "month": "M", "year": "Y", "weekend": "WE", "semana": "W",
            "mes": "M", "año": "Y", "día": "D"}


@rule(rf"{B}(?:(?:im|am|an|in|zum|zur|in\s+de[rmn]|in\s+diese[rmn]|the|el|la|en\s+el|"
      rf"en\s+la)\s+)?(?P<adj>{alternation(REL_ADJ)})\s+(?P<unit>{alternation(REL_UNIT)}){E}"
      rf"(?:\s+(?P<post>pasad[oa]))?")
def _rel_unit(m: re.Match[str], text: str) -> Frame | None:
    adj = m.group("adj").lower()
    unit = REL_UNIT[m.group("unit").lower()]
    n, deictic = REL_ADJ[adj]
    if m.group("unit")[0].islower() and m.group("unit").lower() in {"tag", "woche", "monat",
                                                                  "jahr", "jahres", "tages"}:
        return None
    if unit == "D":
        if adj.startswith(("letzt", "vergangen", "vorig", "dies", "laufend", "this", "last")):
            if adj.startswith("dies") and re.match(r"(?:an|am)\s", m.group(0), _F):
                n, deictic = 0, False  # "an diesem Tag": the day just talked about
            else:
                return None  # "am letzten Tag des Krieges"
        elif n == 1:
            deictic = False  # "am nächsten Tag": the day after the last mentioned one
    if adj in {"el", "la"}:
        return None
    return _fr(m, "rel", unit=unit, n=n, deictic=deictic)


@rule(rf"{B}(?:{MODW})?(?:(?P<mon>{alternation(MONTHS)})|(?P<season>{alternation(SEASONS)}))\s+"
      rf"(?:(?:des|dieses|diesen)\s+(?P<adj>folgenden|nächsten|darauffolgenden|vorigen|vergangenen|"
      rf"selben|gleichen|neuen|vorangegangenen)?\s*|desselben\s+)Jahres(?:\s+{YEAR}(?!\d))?")
def _month_of_rel_year(m: re.Match[str], text: str) -> Frame | None:
    word = (m.group("mon") or m.group("season"))
    if not word[0].isupper():
        return None
    y, _ = _year(m)
    mon = MONTHS[word.lower()] if m.group("mon") else None
    season = SEASONS[word.lower()] if m.group("season") else None
    if y is not None:
        return _fr(m, "abs", y=y, m=mon, season=season, mod=_mod(m))
    n = REL_ADJ.get((m.group("adj") or "").lower(), (0, False))[0]
    suffix = f"{mon:02d}" if mon else season
    return _fr(m, "rel", unit="Y", n=n, deictic=False, suffix=suffix, mod=_mod(m))


@rule(rf"{B}(?:im\s+)?(?P<k>(?P<o>1|2|ersten|zweiten)\.?\s+(?:Halbjahr|Jahreshälfte)|"
      rf"Laufe\s+des\s+(?:Jahres|Tages)|das\s+ganze\s+Jahr){E}(?:\s+{YEAR}(?!\d))?")
def _part_of_year(m: re.Match[str], text: str) -> Frame | None:
    k = m.group("k").lower()
    y, _ = _year(m)
    if y is not None and 1000 <= y <= 2100:
        half = {"1": "H1", "ersten": "H1", "2": "H2", "zweiten": "H2"}.get(
            (m.group("o") or "").lower())
        return _fr(m, "abs", y=y, season=half)
    if "tages" in k:
        return _fr(m, "rel", unit="D", n=0, deictic=False)
    if m.group("o"):
        half = "H1" if m.group("o").lower() in {"1", "ersten"} else "H2"
        return _fr(m, "rel", unit="Y", n=0, deictic=False, suffix=half)
    return _fr(m, "rel", unit="Y", n=0, deictic=False)


@rule(rf"{B}(?:am|gegen|noch\s+am|während\s+der|in\s+der)\s+(?:(?:gleichen|selben|frühen|"
      rf"späten)\s+)?(?P<pod>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht){E}"
      rf"(?!\s+(?:des|vom|zum|\d))")
def _pod_alone(m: re.Match[str], text: str) -> Frame | None:
    return _fr(m, "rel", unit="D", n=0, deictic=False, pod=DAYPARTS[m.group("pod").lower()])


@rule(rf"{B}nachts{E}")
def _nights(m: re.Match[str], text: str) -> Frame | None:
    return _fr(m, "rel", unit="D", n=0, deictic=False, pod="NI")


@rule(rf"{B}(?:in\s+den\s+|die\s+)?(?P<dec>zwanziger|dreißiger|vierziger|fünfziger|sechziger|"
      rf"siebziger|achtziger|neunziger)(?:\s+Jahren?|jahren?){E}")
def _word_decade(m: re.Match[str], text: str) -> Frame | None:
    digit = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
             "siebziger": 7, "achtziger": 8, "neunziger": 9}[m.group("dec").lower()]
    return _fr(m, "abs", literal=f"19{digit}")


@rule(rf"{B}(?:(?P<a>am\s+Vortag|tags\s+zuvor|tags\s+darauf|am\s+Folgetag|am\s+Tag\s+(?:danach|"
      rf"darauf|zuvor)|im\s+Folgejahr|im\s+Jahr\s+darauf|im\s+Vorjahr|im\s+Vormonat|"
      rf"im\s+Folgemonat|the\s+day\s+before|the\s+next\s+day|the\s+following\s+day|"
      rf"al\s+día\s+siguiente|el\s+día\s+anterior)){E}")
def _rel_fixed(m: re.Match[str], text: str) -> Frame | None:
    a = re.sub(r"\s+", " ", m.group("a").lower())
    table = {
        "am vortag": ("D", -1, False), "tags zuvor": ("D", -1, False),
        "tags darauf": ("D", 1, False), "am folgetag": ("D", 1, False),
        "am tag danach": ("D", 1, False), "am tag darauf": ("D", 1, False),
        "am tag zuvor": ("D", -1, False), "im folgejahr": ("Y", 1, False),
        "im jahr darauf": ("Y", 1, False), "im vorjahr": ("Y", -1, True),
        "im vormonat": ("M", -1, True), "im folgemonat": ("M", 1, False),
        "the day before": ("D", -1, False), "the next day": ("D", 1, False),
        "the following day": ("D", 1, False), "al día siguiente": ("D", 1, False),
        "el día anterior": ("D", -1, False),
    }
    unit, n, deictic = table[a]
    return _fr(m, "rel", unit=unit, n=n, deictic=deictic)


@rule(rf"{B}(?P<vor>vor|hace){E}\s+{QUANT}{NUM}\s+{UNIT}{E}")
def _ago(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    unit = UNITS[m.group("unit").lower()]
    if m.group("n")[0].isdigit() and n is not None and n > 500:
        return None
    return _rel_from_count(m, n, unit, -1, deictic=True)


@rule(rf"{B}{QUANT}{NUM}\s+{UNIT}\s+(?P<dir>ago|später|danach|darauf|zuvor|vorher|früher|davor|"
      rf"later|earlier|before|after|después|antes)(?!\w)")
def _count_later(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    unit = UNITS[m.group("unit").lower()]
    d = m.group("dir").lower()
    sign = 1 if d in {"später", "danach", "darauf", "later", "after", "después"} else -1
    return _rel_from_count(m, n, unit, sign, deictic=(d == "ago"))


@rule(rf"{B}{NUM}\s+{UNIT}(?=\s+(?:nach|vor)\s+(?:dem|der|den|des|seinem|seiner|ihrem|ihrer)\s)")
def _count_before_event(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    unit = UNITS[m.group("unit").lower()]
    sign = 1 if text[m.end():m.end() + 6].strip().lower().startswith("nach") else -1
    if unit != "D" or n is None:
        return _fr(m, "duration", literal=duration_value(n, unit))
    return _rel_from_count(m, n, unit, sign, deictic=False)


@rule(rf"{B}nach\s+{NUM}\s+(?P<unit>Tagen|Tag){E}")
def _after_days(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    if n is None:
        return _fr(m, "duration", literal="PXD")
    return _rel_from_count(m, n, "D", 1, deictic=False)


@rule(rf"{B}(?P<w>jetzt|bald|derzeit|zurzeit|gegenwärtig|heutzutage|momentan|now|currently|"
      rf"soon|ahora|actualmente|pronto|in\s+Zukunft|künftig|zukünftig|kurz\s+zuvor|"
      rf"wenig\s+später|kurz\s+darauf|kurze\s+Zeit\s+später|in\s+der\s+Folgezeit|kurz\s+danach|"
      rf"kürzlich|jüngst|neulich|recently|heutigen\s+Tag|heutiger\s+Sicht|"
      rf"bis\s+heute){E}")
def _ref(m: re.Match[str], text: str) -> Frame | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if w in {"kurz zuvor"} or w in {"kürzlich", "jüngst", "neulich", "recently"}:
        lit = "PAST_REF"
    elif w in {"bald", "soon", "pronto", "in zukunft", "künftig", "zukünftig", "wenig später",
               "kurz darauf", "kurze zeit später", "in der folgezeit", "kurz danach"}:
        lit = "FUTURE_REF"
    else:
        lit = "PRESENT_REF"
    return _fr(m, "ref", literal=lit)


# ---- durations and sets ---------------------------------------------------------------

GERMAN_UNIT_WORDS = frozenset({
    "sekunde", "sekunden", "minuten", "stunde", "stunden", "tag", "tage", "tagen", "tages",
    "woche", "wochen", "monat", "monate", "monaten", "monats", "jahr", "jahre", "jahren",
    "jahres", "jahrzehnt", "jahrzehnte", "jahrzehnten", "jahrhundert", "jahrhunderte",
})


@rule(rf"{B}{QUANT}(?:(?:eine[nmr]?|ein)\s+(?=halb))?{NUM}\s+(?:(?:aufeinanderfolgenden|weiteren|ganzen|vollen|langen|"
      rf"harten|bangen|schweren)\s+)?{UNIT}{E}")
def _duration(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("n")
    n = parse_number(word)
    unit_word = m.group("unit").lower()
    unit = UNITS[unit_word]
    singular = unit_word in {"tag", "woche", "monat", "jahr", "stunde", "minute", "sekunde",
                             "jahrzehnt", "jahrhundert", "day", "week", "month", "year", "hour",
                             "second", "día", "semana", "mes", "año", "hora",
                             "decade", "century", "tages", "monats", "jahres"}
    if n is not None and (n <= 1) != singular and not unit_word.endswith("es"):
        return None  # "1237 Tag" is a day count, not a duration
    if unit_word in {"tages", "monats", "jahres"} and n != 1:
        return None
    if word[0].isdigit() and n is not None and n > 2000 and not m.group("q"):
        return None
    if word.lower() in {"a", "an", "un", "una"} and not m.group("q"):
        prev = _prev_word(text, m.start())
        if prev not in {"for", "in", "durante", "within", "about"}:
            return None
    if m.group("unit")[0].islower() and unit_word in GERMAN_UNIT_WORDS:
        return None  # German nouns are capitalised; "ein jahr" is not German prose
    return _fr(m, "duration", literal=duration_value(n, unit))


@rule(rf"{B}{QUANT}(?P<n>\d{{1,3}}|{NUMW}|mehr|viel|halb)-?(?P<adj>{alternation(ADJ_DURATION_UNITS)})"
      r"(?:e|en|er|es|em)?(?!\w)")
def _adj_duration(m: re.Match[str], text: str) -> Frame | None:
    adj = m.group("adj")
    if adj[0].isupper() and not _sentence_initial(text, m.start("adj")):
        return None  # "der 15-Jährige" is a person, not a duration
    w = m.group("n").lower()
    n = None if w in {"mehr", "viel"} else 0.5 if w == "halb" else parse_number(w)
    return _fr(m, "duration", literal=duration_value(n, ADJ_DURATION_UNITS[m.group("adj").lower()]))


@rule(rf"{B}(?P<n>\d{{1,3}}|{NUMW})-(?P<unit>Tage|Stunden|Wochen|Monats|Jahres|Jahre|Minuten)"
      rf"(?=-\w)")
def _compound_duration(m: re.Match[str], text: str) -> Frame | None:
    unit = {"monats": "M", "jahres": "Y"}.get(m.group("unit").lower()) or UNITS[
        m.group("unit").lower()]
    return _fr(m, "duration", literal=duration_value(parse_number(m.group("n")), unit))


@rule(rf"{B}(?:seit|auf)\s+(?P<u>Jahren|Monaten|Wochen|Jahrzehnten|Jahrzehnte|Jahre){E}")
def _since_units(m: re.Match[str], text: str) -> Frame | None:
    unit = UNITS[m.group("u").lower()]
    return Frame(m.start("u"), m.end("u"), "duration", literal=duration_value(None, unit))


@rule(rf"{B}(?P<u>Jahre|Monate|Wochen|Tage)\s+(?:zuvor|später|danach|davor){E}")
def _units_later(m: re.Match[str], text: str) -> Frame | None:
    return _fr(m, "duration", literal=duration_value(None, UNITS[m.group("u").lower()]))


@rule(rf"{B}(?P<u>Folgejahren|Folgemonaten|Folgetagen|Folgewochen){E}")
def _following_units(m: re.Match[str], text: str) -> Frame | None:
    unit = {"folgejahren": "Y", "folgemonaten": "M", "folgetagen": "D", "folgewochen": "W"}
    return _fr(m, "duration", literal=duration_value(None, unit[m.group("u").lower()]))


@rule(rf"{B}(?P<u>jahre|monate|wochen|tage|stunden|jahrzehnte)lang(?:e|en|er|es|em)?{E}")
def _long(m: re.Match[str], text: str) -> Frame | None:
    unit = UNITS[m.group("u").lower()]
    return _fr(m, "duration", literal=duration_value(None, unit))


@rule(rf"{B}(?:(?:in|während)\s+)?(?:den|der)\s+(?:letzten|vergangenen|kommenden|nächsten|"
      rf"folgenden|ersten|frühen|diesen|späten)\s+(?:(?P<beide>beiden)\s+|{NUM}\s+)?"
      rf"(?P<unit>Tagen|Tage|Wochen|Monaten|Jahren|Jahrzehnten){E}")
def _last_units(m: re.Match[str], text: str) -> Frame | None:
    n = 2.0 if m.group("beide") else parse_number(m.group("n")) if m.group("n") else None
    return _fr(m, "duration", literal=duration_value(n, UNITS[m.group("unit").lower()]))


SET_WORDS = {
    "täglich": "P1D", "tagtäglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M",
    "jährlich": "P1Y", "alljährlich": "P1Y", "stündlich": "PT1H", "daily": "P1D",
    "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
    "diariamente": "P1D", "semanalmente": "P1W", "mensualmente": "P1M", "anualmente": "P1Y",
}


@rule(rf"{B}(?P<w>{alternation(SET_WORDS)})(?:e|en|er|es|em)?{E}")
def _set_word(m: re.Match[str], text: str) -> Frame | None:
    if m.group("w")[0].isupper() and not _sentence_initial(text, m.start()):
        return None  # "Daily Mail"
    return _fr(m, "set", literal=SET_WORDS[m.group("w").lower()])


@rule(rf"{B}(?:jeden|jede|jedes|alle|every|each|cada|todos\s+los|todas\s+las)\s+(?:{NUM}\s+)?"
      rf"(?:(?P<unit>{alternation(UNITS)})|{WD}s?){E}")
def _set_every(m: re.Match[str], text: str) -> Frame | None:
    if m.group("wd"):
        return _fr(m, "set", literal=f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower()] + 1}")
    n = parse_number(m.group("n")) if m.group("n") else 1.0
    return _fr(m, "set", literal=duration_value(n, UNITS[m.group("unit").lower()]))


# ---- clock times ----------------------------------------------------------------------

@rule(r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?\s*"
      r"(?:Uhr|h\b|(?P<ap>[ap]\.?\s?m\.?)(?!\w)|horas?\b)")
def _clock_uhr(m: re.Match[str], text: str) -> Frame | None:
    return _clock(m)


@rule(r"(?:(?<=\bum\s)|(?<=\bab\s)|(?<=\bat\s)|(?<=\bbis\s)|(?<=\blas\s)|(?<=\bgegen\s))"
      r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)"
      r"(?:\s*(?P<ap>[ap]\.?\s?m\.?)(?!\w))?(?![\d:])")
def _clock_prep(m: re.Match[str], text: str) -> Frame | None:
    return _clock(m)


@rule(r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])\s*(?:Uhr(?:\s+(?P<mi>[0-5]\d)(?!\d))?|(?P<ap>[ap]\.?m\.?)"
      r"(?!\w))")
def _clock_hour(m: re.Match[str], text: str) -> Frame | None:
    return _clock(m)


def _clock(m: re.Match[str]) -> Frame:
    h = int(m.group("h"))
    mi = int(m.group("mi")) if m.groupdict().get("mi") else 0
    ap = (m.groupdict().get("ap") or "").lower()
    if ap.startswith("p") and h < 12:
        h += 12
    if ap.startswith("a") and h == 12:
        h = 0
    s = m.groupdict().get("s")
    return _fr(m, "time", hour=h, minute=mi, second=int(s) if s else None)


@rule(rf"{B}(?:(?:am|im|in\s+der|gegen)\s+)?(?:(?P<pm>frühen|späten)\s+)?(?P<pod>Morgen|"
      rf"Vormittag|Mittag|Nachmittag|Abend|Nacht|Morgenstunden|Abendstunden|Nachtstunden)\s+"
      rf"(?:des|vom)\s+(?:{DAY}\.\s*(?:{MON}"
      rf"(?:\s+{YEAR}(?!\d))?)?){E}")
def _pod_date(m: re.Match[str], text: str) -> Frame | None:
    y, bc = _year(m)
    mon = MONTHS[m.group("mon").lower()] if m.group("mon") else None
    if mon is None and not re.match(r"\s*(?:zum|bis|auf)\s*(?:den\s+)?\d", text[m.end():m.end() + 16],
                                    _F):
        return None
    mod = {"frühen": "START", "späten": "END"}.get((m.group("pm") or "").lower())
    return _fr(m, "abs", y=y, bc=bc, m=mon, d=int(m.group("d")),
               pod=DAYPARTS[m.group("pod").lower()], mod=mod)


@rule(rf"(?<![\d.,]){DAY}\.(?=\s*(?:bis(?:\s+(?:zum|einschließlich))?|und|–|-|—|/|zum|auf\s+den)"
      rf"\s*(?:dem\s+|den\s+)?\d{{1,2}}\.\s*{MON2}{E})")
def _day_of_range(m: re.Match[str], text: str) -> Frame | None:
    return _fr(m, "abs", d=int(m.group("d")))


def _rel_from_count(m: re.Match[str], n: float | None, unit: str, sign: int,
                    deictic: bool) -> Frame:
    if n is None:
        return _fr(m, "ref", literal="PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in {"S", "MIN", "H"}:
        return _fr(m, "duration", literal=duration_value(n, unit))
    return _fr(m, "rel", unit=unit, n=sign * n, deictic=deictic, fine=not deictic)


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration value of ``n`` ``unit`` ("P3Y", "PT1H", "PXD" when n is vague)."""
    time_unit = unit in {"S", "MIN", "H"}
    letter = {"MIN": "M", "DE": "DE", "CE": "CE"}.get(unit, unit)
    if n is None:
        return ("PTX" if time_unit else "PX") + letter
    if n != int(n) and unit == "Y" and n > 1 and (n * 12) == int(n * 12):
        return f"P{int(n)}Y{int(round((n - int(n)) * 12))}M"
    if n != int(n):
        finer = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "H"), "H": (60, "MIN"),
                 "W": (7, "D")}
        if unit in finer:
            k, u2 = finer[unit]
            return duration_value(n * k, u2)
    num = str(int(n)) if n == int(n) else str(n)
    return ("PT" if time_unit else "P") + num + letter


def scan(text: str) -> Iterator[Frame]:
    """Every candidate expression any rule finds in ``text`` (overlapping; rule order kept)."""
    for idx, (pattern, build) in enumerate(RULES):
        for m in pattern.finditer(text):
            fr = build(m, text)
            if fr is not None and fr.end > fr.start:
                fr.rule = idx
                yield fr
