"""Rules for absolute dates (days, months, years, centuries, seasons) and weekdays."""

from __future__ import annotations

import re

from lagebild.extract.timex_base import (
    BC,
    DAY,
    DAY_NUM,
    DETERMINERS,
    FLAGS,
    MODW,
    MON,
    MON2,
    MONTHS,
    NOT_ADJECTIVES,
    NUMBER_PREV,
    SPANISH_MONTHS,
    STRONG_PREV,
    TEMPORAL_PREV,
    WD,
    WEEKDAYS,
    YEAR,
    B,
    E,
    Frame,
    frame,
    mod_of,
    next_word,
    prev_word,
    rule,
    year_of,
)
from lagebild.lang.calendar import AMBIGUOUS_MONTHS, CLOCK_AFTER_RE, DAYPARTS, SEASONS, alternation

# ---- absolute dates -------------------------------------------------------------------

@rule(r"(?<![\w.])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
      r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?(?![\w-])")
def _iso(m: re.Match[str], text: str) -> Frame | None:
    h = m.group("h")
    return frame(m, "abs", y=int(m.group("y")), m=int(m.group("m")), d=int(m.group("d")),
               hour=int(h) if h else None, minute=int(m.group("mi")) if h else None,
               second=int(m.group("s")) if m.group("s") else None)


@rule(rf"(?<![\w.,/:§]){DAY}\.\s?(?P<m>0?[1-9]|1[0-2])\.(?:\s?(?P<y>\d{{4}}|\d{{2}})(?!\d))?"
      r"(?![\d]|,\d)")
def _numeric(m: re.Match[str], text: str) -> Frame | None:
    if prev_word(text, m.start()) in NUMBER_PREV:
        return None
    y, _ = year_of(m)
    end = m.end()
    if y is None and not re.match(r"\s|$|[,;)]", text[end:end + 1] or " "):
        return None
    return frame(m, "abs", y=y, m=int(m.group("m")), d=int(m.group("d")))


@rule(rf"(?<![\d.,]){DAY}\.\s*{MON}{E}(?:\s+{YEAR}(?!\d){BC})?")
def _day_month_de(m: re.Match[str], text: str) -> Frame | None:
    y, bc = year_of(m)
    return frame(m, "abs", y=y, bc=bc, m=MONTHS[m.group("mon").lower()], d=int(m.group("d")))


@rule(rf"{B}{MON}\s+{DAY}(?:st|nd|rd|th)?{E}(?:,?\s+(?P<y>\d{{4}}))?")
def _month_day_en(m: re.Match[str], text: str) -> Frame | None:
    if not m.group("mon")[0].isupper():
        return None
    y, _ = year_of(m)
    return frame(m, "abs", y=y, m=MONTHS[m.group("mon").lower()], d=int(m.group("d")))


@rule(rf"(?<![\d.,]){DAY}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?{MON}{E}"
      rf"(?:,?\s+(?:de\s+|del\s+)?(?P<y>\d{{4}}))?")
def _day_month_en_es(m: re.Match[str], text: str) -> Frame | None:
    y, _ = year_of(m)
    return frame(m, "abs", y=y, m=MONTHS[m.group("mon").lower()], d=int(m.group("d")))


@rule(rf"{B}{MODW}?{MON}{E}\s+(?:de\s+|of\s+)?{YEAR}(?!\d){BC}")
def _month_year(m: re.Match[str], text: str) -> Frame | None:
    y, bc = year_of(m)
    if y is None or not (y > 1000 or bc):
        return None
    return frame(m, "abs", y=y, bc=bc, m=MONTHS[m.group("mon").lower()], mod=mod_of(m))


@rule(rf"{B}{MODW}?{MON}{E}")
def _month(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("mon")
    low = word.lower()
    if low not in SPANISH_MONTHS and not word[0].isupper():
        return None
    if low.endswith(".") and not m.group("mod"):
        return None
    prev = prev_word(text, m.start())
    after = text[m.end():m.end() + 40]
    in_range = re.match(rf"\s*(?:/|bis|und|oder|–|-)\s*(?:\d{{1,2}}\.\s*)?{MON2}{E}", after, FLAGS)
    temporal = bool(m.group("mod")) or prev in TEMPORAL_PREV or bool(in_range)
    if prev in {"und", "oder", "bzw.", "der", "den", "dem", "des"} and not re.search(
            rf"{MON2}(?:\s+\d{{4}})?\s*(?:und|oder|bzw\.|,)\s*$", text[max(0, m.start() - 25):
                                                                      m.start()], FLAGS):
        temporal = bool(in_range)  # "und Mai Thi": a list of names, not of months
    if low in AMBIGUOUS_MONTHS and not temporal:
        return None
    if not temporal and re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", after):
        return None  # "Juli Zeh", "August Bebel"
    return frame(m, "abs", m=MONTHS[low], mod=mod_of(m))


@rule(rf"{B}(?:(?:Anfang|Mitte|Ende|Beginn)\s+des\s+)?(?P<c>\d{{1,2}})\.\s*"
      rf"(?:Jahrhunderts?|Jh\.){BC}")
def _century(m: re.Match[str], text: str) -> Frame | None:
    c = int(m.group("c")) - 1
    lit = f"BC{c:02d}" if m.group("bc") else f"{c:02d}"
    return frame(m, "abs", literal=lit)


@rule(rf"{B}(?:(?:den|die|der)\s+)?(?P<dec>1\d\d|20\d)0er(?:-?\s?Jahren?)?{E}")
def _decade(m: re.Match[str], text: str) -> Frame | None:
    return frame(m, "abs", literal=m.group("dec"))


@rule(rf"{B}(?:Um\s+das\s+|um\s+das\s+)?(?:Jahre?s?|year|año)\s+(?:des\s+)?{YEAR}(?!\d){BC}")
def _year_word(m: re.Match[str], text: str) -> Frame | None:
    y, bc = year_of(m)
    if y is None or (not bc and not 1000 <= y <= 2100):
        return None
    return frame(m, "abs", y=y, bc=bc)


@rule(rf"{B}{MODW}(?:(?:des|dieses)\s+Jahres\s+)?{YEAR}(?!\d){BC}")
def _mod_year(m: re.Match[str], text: str) -> Frame | None:
    y, bc = year_of(m)
    if y is None or (not bc and not 1000 <= y <= 2100):
        return None
    return frame(m, "abs", y=y, bc=bc, mod=mod_of(m))


@rule(r"(?<=(?:1\d|20)\d\d[/–-])(?P<y>\d\d)(?![\d.,]|\s*(?:v\.|Uhr))")
def _short_range_year(m: re.Match[str], text: str) -> Frame | None:
    century = int(text[m.start() - 5:m.start() - 3])
    first = int(text[m.start() - 5:m.start() - 1])
    y = century * 100 + int(m.group("y"))
    if not 0 < y - first <= 20:
        return None
    return frame(m, "abs", y=y)  # "1918/19", "1926–28"


@rule(r"(?<![\w.,:§-])(?P<y>\d{1,4})(?=\s*[/–-]\s*\d{1,4}\s*v\.\s?Chr)")
def _bc_range_first(m: re.Match[str], text: str) -> Frame | None:
    return frame(m, "abs", y=int(m.group("y")), bc=True)  # "478/477 v. Chr."


@rule(r"(?<![\w.,:§-])(?P<y>\d{1,4})\s*(?P<bc>v\.\s?Chr\.?|n\.\s?Chr\.?|BC|AD|a\.\s?C\.)")
def _era_year(m: re.Match[str], text: str) -> Frame | None:
    bc = not m.group("bc").lower().startswith(("n", "ad"))
    return frame(m, "abs", y=int(m.group("y")), bc=bc)


@rule(r"(?<![\w.,:§€$])(?P<y>1\d{3}|20\d\d|2100)(?![\w%€$]|[.,:]\d)")
def _bare_year(m: re.Match[str], text: str) -> Frame | None:
    prev = prev_word(text, m.start())
    nxt = next_word(text, m.end())
    before = text[max(0, m.start() - 2):m.start()]
    after = text[m.end():m.end() + 8]
    if prev in NUMBER_PREV or re.match(r"\s*(?:%|Prozent|km|m\b|kg|t\b)", after) or CLOCK_AFTER_RE.match(after):
        return None
    if re.match(r"\s*(?:/|–|-|bis)\s*\d{2,4}(?!\d)", after) or re.search(r"[–/-]\s*$", before):
        return frame(m, "abs", y=int(m.group("y")))  # 1939–1945, 1939/1940
    if prev in STRONG_PREV:
        return frame(m, "abs", y=int(m.group("y")))
    if nxt and nxt[0].isupper() and nxt.lower() not in MONTHS:
        return None  # "2000 Soldaten", "1237 Tag"
    line_start = re.search(r"(?:^|\n)[ \t*•·-]*$", text[max(0, m.start() - 8):m.start()])
    if line_start and (re.search(r"[*•·]", text[max(0, m.start() - 8):m.start()])
                       or re.match(r"\s*[–—-]\s", after)):
        return frame(m, "abs", y=int(m.group("y")))  # "1918 – Festigung ...", "* 1920 ..."
    if nxt and nxt[0].islower():
        adj = re.match(r"\s*([a-zäöüß]{3,}(?:e|en|er|es|em))\s+[A-ZÄÖÜ]",
                       text[m.end():m.end() + 40])
        if adj and adj.group(1) not in NOT_ADJECTIVES and prev not in DETERMINERS \
                and prev not in TEMPORAL_PREV:
            return None  # "1500 verwundete Soldaten"; but "der 1958 erschienene Essay"
        return frame(m, "abs", y=int(m.group("y")))
    # end of a clause: a year after a preposition or a noun ("Angriff auf Polen 1939")
    line_alone = re.search(r"(?:^|\n)[ \t]*$", text[max(0, m.start() - 5):m.start()])
    if line_alone and re.match(r"[ \t]*(?:\n|$)", after):
        return frame(m, "abs", y=int(m.group("y")))  # a heading that is just a year
    if prev in TEMPORAL_PREV or (re.match(r"[ \t]*(?:\n|$|\)|,|:|;|\.\s)", after) and prev):
        return frame(m, "abs", y=int(m.group("y")))
    return None


@rule(rf"{B}(?:(?P<pre>spät|früh)(?:en?\s+)?)?(?P<season>{alternation(SEASONS)}){E}"
      rf"(?:\s+{YEAR}(?!\d){BC})?")
def _season(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("season")
    if word.lower() in {"fall", "primavera", "verano"} and not m.group("y"):
        return None
    if not (word[0].isupper() or m.group("pre")) and word.lower() not in {"otoño", "invierno"}:
        return None
    y, bc = year_of(m)
    if y is not None and not 1000 <= y <= 2100 and not bc:
        return None
    pre = (m.group("pre") or "").lower()
    return frame(m, "abs", y=y, bc=bc, season=SEASONS[word.lower()],
               mod={"spät": "END", "früh": "START"}.get(pre))


@rule(rf"{B}{MODW}(?:des|dieses)\s+(?P<unit>Jahres|Monats)(?:\s+{YEAR}(?!\d))?")
def _mod_of_unit(m: re.Match[str], text: str) -> Frame | None:
    y, _ = year_of(m)
    if y is not None:
        return frame(m, "abs", y=y, mod=mod_of(m))
    unit = "Y" if m.group("unit").lower().startswith("j") else "M"
    return frame(m, "rel", unit=unit, n=0, deictic=True, mod=mod_of(m))


@rule(r"(?<![\w])(?:zum\s+)?(?P<w>Jahres(?:ende|beginn|anfang|mitte|wechsel)|Monats(?:ende|anfang|"
      r"beginn|mitte))(?:\s+(?P<y>\d{4})(?!\d))?")
def _year_end(m: re.Match[str], text: str) -> Frame | None:
    w = m.group("w").lower()
    mod = "END" if w.endswith(("ende", "wechsel")) else "MID" if w.endswith("mitte") else "START"
    y, _ = year_of(m)
    if y is not None:
        return frame(m, "abs", y=y, mod=mod)
    return frame(m, "rel", unit="Y" if w.startswith("j") else "M", n=0, deictic=True, mod=mod)


# ---- weekdays -------------------------------------------------------------------------



@rule(rf"{B}{WD}(?P<pod>abend|morgen|nachmittag|vormittag|nacht|mittag)?{E},?\s*\(?\s*"
      rf"(?:(?:den|dem|der|the|el)\s+)?(?:(?P<d>{DAY_NUM})\.\s*{MON}|(?P<d1>{DAY_NUM})\.\s?"
      rf"(?P<nm>0?[1-9]|1[0-2])\.|(?P<mon2>{MON2})\s+(?P<d2>{DAY_NUM})|(?P<d3>{DAY_NUM})\s+de\s+"
      rf"(?P<mon3>{MON2})){E}(?:,?\s+(?:de\s+)?(?P<y>\d{{4}}|\d{{2}}(?=\D)))?")
def _weekday_date(m: re.Match[str], text: str) -> Frame | None:
    monw = m.group("mon") or m.group("mon2") or m.group("mon3")
    mon = MONTHS[monw.lower()] if monw else int(m.group("nm"))
    day = int(m.group("d") or m.group("d1") or m.group("d2") or m.group("d3"))
    if day > 31:
        return None
    y, _ = year_of(m)
    pod = DAYPARTS.get((m.group("pod") or "").lower())
    return frame(m, "abs", y=y, m=mon, d=day, weekday=WEEKDAYS[m.group("wd").lower()], pod=pod)


@rule(rf"{B}(?:(?P<dir>letzten|vergangenen|vorigen|kommenden|nächsten|diesen|an\s+diesem|"
      rf"last|next|this|el\s+pasado|el\s+próximo|este)\s+)?{WD}(?P<pod>abend|morgen|nachmittag|"
      rf"vormittag|nacht|mittag)?(?P<pl>s)?{E}")
def _weekday(m: re.Match[str], text: str) -> Frame | None:
    word = m.group("wd")
    wd = WEEKDAYS[word.lower()]
    if m.group("pl") and word.lower().endswith("tag"):
        return frame(m, "set", literal=f"XXXX-WXX-{wd + 1}")
    if m.group("pl"):
        return None
    d = (m.group("dir") or "").lower()
    direction = -1 if d in {"letzten", "vergangenen", "vorigen", "last", "el pasado"} else (
        1 if d in {"kommenden", "nächsten", "next", "el próximo"} else None)
    pod = DAYPARTS.get((m.group("pod") or "").lower())
    return frame(m, "weekday", weekday=wd, direction=direction, pod=pod)
