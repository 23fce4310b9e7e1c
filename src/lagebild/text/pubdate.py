"""Publication dates found in the text of an article.

Three sources, strongest first (``clean.py`` applies them only when neither metadata nor the
input gave a date):

1. a dated header line ("14.07.2025 Deutschland", "Montag, 14. Juli 2025",
   "Stand: 14.07.2025, 10:32 Uhr") -> that date; the line is removed as "dateline";
2. a glued prefix token ("date 2025-07 Donald Trump hat ...") -> "2025-07";
3. dated statements in the text ("am 03.07.2025 um 19:24 Uhr"): the LATEST explicit full
   date (day, month and year all written) is taken as a lower bound. An article reports
   events that happened before it was published, so the latest dated event is the closest
   lower bound the text gives. Dates outside ``PLAUSIBLE_YEARS`` are ignored; an article
   that announces a future date ("Die Wahl findet am 12.09.2027 statt") will be dated too
   late, which is why this rule comes last.

Day-first is assumed for numeric dates ("03.07.2025", "03/07/2025") except in English
text, where "07/03/2025" is month-first unless the first number is above 12.
"""

from __future__ import annotations

import re
from datetime import date

from lagebild.lang.calendar import MONTH_ABBREVIATIONS, TIME_ZONES, iso_weekday
from lagebild.lang.calendar import MONTHS as KIT_MONTHS

__all__ = [
    "MONTHS",
    "dateline_date",
    "find_dates",
    "latest_text_date",
    "prefix_date",
]

# Years a news article can plausibly be about (sanity bound for OCR/scrape noise).
PLAUSIBLE_YEARS = (1990, 2100)
# A dateline line may carry at most this many words beyond the date, time and labels
# ("14.07.2025 Deutschland" has one; calibrated on the seeds and fixture datelines).
DATELINE_MAX_EXTRA_WORDS = 2

# Month words for written dates: the kit's names (with genitives, "Jänner", "Feber") and its
# abbreviations, which a date writes with or without the dot ("14. Okt 2025", "Sept. 3, 2025").
MONTHS: dict[str, int] = {
    **{a.rstrip("."): n for a, n in MONTH_ABBREVIATIONS.items()},
    **KIT_MONTHS,
}

# dd.mm.yyyy, dd/mm/yyyy, dd-mm-yyyy
NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d])")
ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2})?)?(?!\d)")
# 14. Juli 2025 / 14 de julio de 2025 / 14 July 2025 / July 14, 2025 / Juli 2025: the month
# is matched as any word and looked up in MONTHS (a big alternation is ~10x slower).
_W = r"\b([^\W\d_]{3,10})"
DAY_MONTH_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s*(?:de\s+)?{_W}\.?\s*(?:de\s+|del\s+)?,?\s*(\d{{4}})(?!\d)"
)
MONTH_DAY_RE = re.compile(rf"{_W}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)")
MONTH_YEAR_RE = re.compile(rf"{_W}\s+(?:de\s+)?(\d{{4}})(?!\d)")
# full month names only for month-year ("Mai 2025", not "Mar 2025")
FULL_MONTHS = frozenset(KIT_MONTHS)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
# characters around a year that can belong to its date ("14 de septiembre de 2025")
_WINDOW_BEFORE = 28
_WINDOW_AFTER = 10
_DL_WORD_RE = re.compile(r"[^\W\d_][\w\-]*")
_FINAL_STOP_RE = re.compile(r"[.!?]\s*$")
TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?", re.I)
PREFIX_RE = re.compile(
    r"^\s*(?P<prefix>(?:date|datum|fecha|published|veröffentlicht|publicado)\s*:?\s+"
    r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)(?:\s+|$)",
    re.I,
)
DATELINE_LABELS = {
    "stand", "veröffentlicht", "aktualisiert", "zuletzt", "erstellt", "am", "um", "uhr", "vom",
    "published", "updated", "last", "on", "at", "publicado", "actualizado", "el", "a", "las",
    "de", "del", "datum", "date", "fecha", "h", "pm", "i", "und", "and", "y", "von", "by", "por",
    # a broadcaster's programme note ("Sendung: Bayern 2 Nachrichten, 02.09.2024 06:00 Uhr")
    "sendung", "sendedatum",
} | {zone.lower() for zone in TIME_ZONES}


def _valid(y: int, m: int, d: int) -> str | None:
    if not PLAUSIBLE_YEARS[0] <= y <= PLAUSIBLE_YEARS[1]:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str, language: str | None = "de") -> list[tuple[int, int, str]]:
    """Every explicit full date (day, month, year) in ``text`` as (start, end, ISO date)."""
    found: set[tuple[int, int, str]] = set()
    # every full date contains a four-digit year: look only at windows around years
    # (scanning whole articles with five patterns cost more than the rest of cleaning)
    for y in _YEAR_RE.finditer(text):
        lo = max(0, y.start() - _WINDOW_BEFORE)
        window = text[lo : y.end() + _WINDOW_AFTER]
        for s, e, iso in _window_dates(window, language):
            found.add((lo + s, lo + e, iso))
    out: list[tuple[int, int, str]] = []
    for f in sorted(found, key=lambda f: (f[0], -f[1])):
        if out and f[0] < out[-1][1]:
            continue  # nested in (or overlapping) an earlier, longer match
        out.append(f)
    return out


def _window_dates(text: str, language: str | None) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for m in ISO_RE.finditer(text):
        iso = _valid(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in NUMERIC_RE.finditer(text):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        day, month = (a, b)
        if m[2] == "/" and (language or "").startswith("en") and a <= 12:
            day, month = b, a
        iso = _valid(y, month, day)
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in DAY_MONTH_RE.finditer(text):
        named = MONTHS.get(m[2].lower())
        iso = _valid(int(m[3]), named, int(m[1])) if named else None
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in MONTH_DAY_RE.finditer(text):
        named = MONTHS.get(m[1].lower())
        iso = _valid(int(m[3]), named, int(m[2])) if named else None
        if iso:
            found.append((m.start(), m.end(), iso))
    return found


def dateline_date(line: str) -> str | None:
    """The date of a dated header line, or None when the line is more than a dateline.

    A dateline is one full date plus at most a time, a weekday, labels like "Stand:" and
    ``DATELINE_MAX_EXTRA_WORDS`` other words (a place or section: "14.07.2025 Deutschland").
    """
    if len(line) > 120:
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    s, e, iso = dates[0]
    rest = TIME_RE.sub(" ", line[:s] + " " + line[e:])
    words = _DL_WORD_RE.findall(rest)
    extra = [w for w in words if w.lower() not in DATELINE_LABELS and iso_weekday(w, abbreviations=True) is None]
    if len(extra) > DATELINE_MAX_EXTRA_WORDS:
        return None
    if any(w[0].islower() for w in extra):
        return None  # "am 3.7.2025 sprach er" is a sentence, not a dateline
    if _FINAL_STOP_RE.search(rest) and extra:
        return None
    return iso


def prefix_date(line: str) -> tuple[str, str, str] | None:
    """A scraper's date token glued before the text: (prefix, ISO date or month, rest)."""
    m = PREFIX_RE.match(line)
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"]), m["d"]
    if not PLAUSIBLE_YEARS[0] <= y <= PLAUSIBLE_YEARS[1] or not 1 <= mo <= 12:
        return None
    if d is not None:
        iso = _valid(y, mo, int(d))
        if iso is None:
            return None
    else:
        iso = f"{y:04d}-{mo:02d}"
    return m["prefix"].strip(), iso, line[m.end():].strip()


def latest_text_date(text: str, language: str | None = "de") -> str | None:
    """The latest explicit full date written in ``text`` (a publication lower bound).

    Without any full date, the latest written month and year ("im Juli 2025") gives
    "YYYY-MM"; a year alone gives nothing.
    """
    dates = [iso for _, _, iso in find_dates(text, language)]
    if dates:
        return max(dates)
    months = []
    for y in _YEAR_RE.finditer(text):
        lo = max(0, y.start() - _WINDOW_BEFORE)
        for m in MONTH_YEAR_RE.finditer(text[lo : y.end()]):
            if m[1].lower() not in FULL_MONTHS:
                continue
            yr, mo = int(m[2]), MONTHS[m[1].lower()]
            if PLAUSIBLE_YEARS[0] <= yr <= PLAUSIBLE_YEARS[1]:
                months.append(f"{yr:04d}-{mo:02d}")
    return max(months) if months else None
