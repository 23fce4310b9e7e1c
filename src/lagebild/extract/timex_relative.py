"""Rules for deictic and anaphoric expressions ("gestern", "zwei Tage später"), durations
and sets."""

from __future__ import annotations

import re

from lagebild.extract.timex_base import (
    DAY,
    FLAGS,
    MODW,
    MON,
    MON2,
    MONTHS,
    NUM,
    NUMW,
    QUANT,
    UNIT,
    WD,
    WEEKDAYS,
    YEAR,
    B,
    E,
    Frame,
    duration_value,
    frame,
    mod_of,
    parse_number,
    prev_word,
    rel_from_count,
    rule,
    sentence_initial,
    year_of,
)
from lagebild.lang.calendar import ADJ_DURATION_UNITS, DAYPARTS, SEASONS, alternation
from lagebild.lang.calendar import TIME_UNITS as UNITS

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
                                           text[:m.start()], FLAGS):
        return None
    pod = DAYPARTS.get((m.group("pod") or "").lower())
    return frame(m, "rel", unit="D", n=DEICTIC_DAY[w.lower()], deictic=True, pod=pod,
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
            if adj.startswith("dies") and re.match(r"(?:an|am)\s", m.group(0), FLAGS):
                n, deictic = 0, False  # "an diesem Tag": the day just talked about
            else:
                return None  # "am letzten Tag des Krieges"
        elif n == 1:
            deictic = False  # "am nächsten Tag": the day after the last mentioned one
    if adj in {"el", "la"}:
        return None
    return frame(m, "rel", unit=unit, n=n, deictic=deictic)


@rule(rf"{B}(?:{MODW})?(?:(?P<mon>{alternation(MONTHS)})|(?P<season>{alternation(SEASONS)}))\s+"
      rf"(?:(?:des|dieses|diesen)\s+(?P<adj>folgenden|nächsten|darauffolgenden|vorigen|vergangenen|"
      rf"selben|gleichen|neuen|vorangegangenen)?\s*|desselben\s+)Jahres(?:\s+{YEAR}(?!\d))?")
def _month_of_rel_year(m: re.Match[str], text: str) -> Frame | None:
    word = (m.group("mon") or m.group("season"))
    if not word[0].isupper():
        return None
    y, _ = year_of(m)
    mon = MONTHS[word.lower()] if m.group("mon") else None
    season = SEASONS[word.lower()] if m.group("season") else None
    if y is not None:
        return frame(m, "abs", y=y, m=mon, season=season, mod=mod_of(m))
    n = REL_ADJ.get((m.group("adj") or "").lower(), (0, False))[0]
    suffix = f"{mon:02d}" if mon else season
    return frame(m, "rel", unit="Y", n=n, deictic=False, suffix=suffix, mod=mod_of(m))


@rule(rf"{B}(?:im\s+)?(?P<k>(?P<o>1|2|ersten|zweiten)\.?\s+(?:Halbjahr|Jahreshälfte)|"
      rf"Laufe\s+des\s+(?:Jahres|Tages)|das\s+ganze\s+Jahr){E}(?:\s+{YEAR}(?!\d))?")
def _part_of_year(m: re.Match[str], text: str) -> Frame | None:
    k = m.group("k").lower()
    y, _ = year_of(m)
    if y is not None and 1000 <= y <= 2100:
        half = {"1": "H1", "ersten": "H1", "2": "H2", "zweiten": "H2"}.get(
            (m.group("o") or "").lower())
        return frame(m, "abs", y=y, season=half)
    if "tages" in k:
        return frame(m, "rel", unit="D", n=0, deictic=False)
    if m.group("o"):
        half = "H1" if m.group("o").lower() in {"1", "ersten"} else "H2"
        return frame(m, "rel", unit="Y", n=0, deictic=False, suffix=half)
    return frame(m, "rel", unit="Y", n=0, deictic=False)


@rule(rf"{B}(?:am|gegen|noch\s+am|während\s+der|in\s+der)\s+(?:(?:gleichen|selben|frühen|"
      rf"späten)\s+)?(?P<pod>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht){E}"
      rf"(?!\s+(?:des|vom|zum|\d))")
def _pod_alone(m: re.Match[str], text: str) -> Frame | None:
    return frame(m, "rel", unit="D", n=0, deictic=False, pod=DAYPARTS[m.group("pod").lower()])


@rule(rf"{B}nachts{E}")
def _nights(m: re.Match[str], text: str) -> Frame | None:
    return frame(m, "rel", unit="D", n=0, deictic=False, pod="NI")


@rule(rf"{B}(?:in\s+den\s+|die\s+)?(?P<dec>zwanziger|dreißiger|vierziger|fünfziger|sechziger|"
      rf"siebziger|achtziger|neunziger)(?:\s+Jahren?|jahren?){E}")
def _word_decade(m: re.Match[str], text: str) -> Frame | None:
    digit = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
             "siebziger": 7, "achtziger": 8, "neunziger": 9}[m.group("dec").lower()]
    return frame(m, "abs", literal=f"19{digit}")


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
    return frame(m, "rel", unit=unit, n=n, deictic=deictic)


@rule(rf"{B}(?P<vor>vor|hace){E}\s+{QUANT}{NUM}\s+{UNIT}{E}")
def _ago(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    unit = UNITS[m.group("unit").lower()]
    if m.group("n")[0].isdigit() and n is not None and n > 500:
        return None
    return rel_from_count(m, n, unit, -1, deictic=True)


@rule(rf"{B}{QUANT}{NUM}\s+{UNIT}\s+(?P<dir>ago|später|danach|darauf|zuvor|vorher|früher|davor|"
      rf"later|earlier|before|after|después|antes)(?!\w)")
def _count_later(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    unit = UNITS[m.group("unit").lower()]
    d = m.group("dir").lower()
    sign = 1 if d in {"später", "danach", "darauf", "later", "after", "después"} else -1
    return rel_from_count(m, n, unit, sign, deictic=(d == "ago"))


@rule(rf"{B}{NUM}\s+{UNIT}(?=\s+(?:nach|vor)\s+(?:dem|der|den|des|seinem|seiner|ihrem|ihrer)\s)")
def _count_before_event(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    unit = UNITS[m.group("unit").lower()]
    sign = 1 if text[m.end():m.end() + 6].strip().lower().startswith("nach") else -1
    if unit != "D" or n is None:
        return frame(m, "duration", literal=duration_value(n, unit))
    return rel_from_count(m, n, unit, sign, deictic=False)


@rule(rf"{B}nach\s+{NUM}\s+(?P<unit>Tagen|Tag){E}")
def _after_days(m: re.Match[str], text: str) -> Frame | None:
    n = parse_number(m.group("n"))
    if n is None:
        return frame(m, "duration", literal="PXD")
    return rel_from_count(m, n, "D", 1, deictic=False)


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
    return frame(m, "ref", literal=lit)


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
        prev = prev_word(text, m.start())
        if prev not in {"for", "in", "durante", "within", "about"}:
            return None
    if m.group("unit")[0].islower() and unit_word in GERMAN_UNIT_WORDS:
        return None  # German nouns are capitalised; "ein jahr" is not German prose
    return frame(m, "duration", literal=duration_value(n, unit))


@rule(rf"{B}{QUANT}(?P<n>\d{{1,3}}|{NUMW}|mehr|viel|halb)-?(?P<adj>{alternation(ADJ_DURATION_UNITS)})"
      r"(?:e|en|er|es|em)?(?!\w)")
def _adj_duration(m: re.Match[str], text: str) -> Frame | None:
    adj = m.group("adj")
    if adj[0].isupper() and not sentence_initial(text, m.start("adj")):
        return None  # "der 15-Jährige" is a person, not a duration
    w = m.group("n").lower()
    n = None if w in {"mehr", "viel"} else 0.5 if w == "halb" else parse_number(w)
    return frame(m, "duration", literal=duration_value(n, ADJ_DURATION_UNITS[m.group("adj").lower()]))


@rule(rf"{B}(?P<n>\d{{1,3}}|{NUMW})-(?P<unit>Tage|Stunden|Wochen|Monats|Jahres|Jahre|Minuten)"
      rf"(?=-\w)")
def _compound_duration(m: re.Match[str], text: str) -> Frame | None:
    unit = {"monats": "M", "jahres": "Y"}.get(m.group("unit").lower()) or UNITS[
        m.group("unit").lower()]
    return frame(m, "duration", literal=duration_value(parse_number(m.group("n")), unit))


@rule(rf"{B}(?:seit|auf)\s+(?P<u>Jahren|Monaten|Wochen|Jahrzehnten|Jahrzehnte|Jahre){E}")
def _since_units(m: re.Match[str], text: str) -> Frame | None:
    unit = UNITS[m.group("u").lower()]
    return Frame(m.start("u"), m.end("u"), "duration", literal=duration_value(None, unit))


@rule(rf"{B}(?P<u>Jahre|Monate|Wochen|Tage)\s+(?:zuvor|später|danach|davor){E}")
def _units_later(m: re.Match[str], text: str) -> Frame | None:
    return frame(m, "duration", literal=duration_value(None, UNITS[m.group("u").lower()]))


@rule(rf"{B}(?P<u>Folgejahren|Folgemonaten|Folgetagen|Folgewochen){E}")
def _following_units(m: re.Match[str], text: str) -> Frame | None:
    unit = {"folgejahren": "Y", "folgemonaten": "M", "folgetagen": "D", "folgewochen": "W"}
    return frame(m, "duration", literal=duration_value(None, unit[m.group("u").lower()]))


@rule(rf"{B}(?P<u>jahre|monate|wochen|tage|stunden|jahrzehnte)lang(?:e|en|er|es|em)?{E}")
def _long(m: re.Match[str], text: str) -> Frame | None:
    unit = UNITS[m.group("u").lower()]
    return frame(m, "duration", literal=duration_value(None, unit))


@rule(rf"{B}(?:(?:in|während)\s+)?(?:den|der)\s+(?:letzten|vergangenen|kommenden|nächsten|"
      rf"folgenden|ersten|frühen|diesen|späten)\s+(?:(?P<beide>beiden)\s+|{NUM}\s+)?"
      rf"(?P<unit>Tagen|Tage|Wochen|Monaten|Jahren|Jahrzehnten){E}")
def _last_units(m: re.Match[str], text: str) -> Frame | None:
    n = 2.0 if m.group("beide") else parse_number(m.group("n")) if m.group("n") else None
    return frame(m, "duration", literal=duration_value(n, UNITS[m.group("unit").lower()]))


SET_WORDS = {
    "täglich": "P1D", "tagtäglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M",
    "jährlich": "P1Y", "alljährlich": "P1Y", "stündlich": "PT1H", "daily": "P1D",
    "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
    "diariamente": "P1D", "semanalmente": "P1W", "mensualmente": "P1M", "anualmente": "P1Y",
}


@rule(rf"{B}(?P<w>{alternation(SET_WORDS)})(?:e|en|er|es|em)?{E}")
def _set_word(m: re.Match[str], text: str) -> Frame | None:
    if m.group("w")[0].isupper() and not sentence_initial(text, m.start()):
        return None  # "Daily Mail"
    return frame(m, "set", literal=SET_WORDS[m.group("w").lower()])


@rule(rf"{B}(?:jeden|jede|jedes|alle|every|each|cada|todos\s+los|todas\s+las)\s+(?:{NUM}\s+)?"
      rf"(?:(?P<unit>{alternation(UNITS)})|{WD}s?){E}")
def _set_every(m: re.Match[str], text: str) -> Frame | None:
    if m.group("wd"):
        return frame(m, "set", literal=f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower()] + 1}")
    n = parse_number(m.group("n")) if m.group("n") else 1.0
    return frame(m, "set", literal=duration_value(n, UNITS[m.group("unit").lower()]))


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
    return frame(m, "time", hour=h, minute=mi, second=int(s) if s else None)


@rule(rf"{B}(?:(?:am|im|in\s+der|gegen)\s+)?(?:(?P<pm>frühen|späten)\s+)?(?P<pod>Morgen|"
      rf"Vormittag|Mittag|Nachmittag|Abend|Nacht|Morgenstunden|Abendstunden|Nachtstunden)\s+"
      rf"(?:des|vom)\s+(?:{DAY}\.\s*(?:{MON}"
      rf"(?:\s+{YEAR}(?!\d))?)?){E}")
def _pod_date(m: re.Match[str], text: str) -> Frame | None:
    y, bc = year_of(m)
    mon = MONTHS[m.group("mon").lower()] if m.group("mon") else None
    if mon is None and not re.match(r"\s*(?:zum|bis|auf)\s*(?:den\s+)?\d", text[m.end():m.end() + 16],
                                    FLAGS):
        return None
    mod = {"frühen": "START", "späten": "END"}.get((m.group("pm") or "").lower())
    return frame(m, "abs", y=y, bc=bc, m=mon, d=int(m.group("d")),
               pod=DAYPARTS[m.group("pod").lower()], mod=mod)


@rule(rf"(?<![\d.,]){DAY}\.(?=\s*(?:bis(?:\s+(?:zum|einschließlich))?|und|–|-|—|/|zum|auf\s+den)"
      rf"\s*(?:dem\s+|den\s+)?\d{{1,2}}\.\s*{MON2}{E})")
def _day_of_range(m: re.Match[str], text: str) -> Frame | None:
    return frame(m, "abs", d=int(m.group("d")))
