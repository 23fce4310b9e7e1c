"""When did the reported event happen? An event date per article, as a day interval.

Sources, combined (``EventDate.source`` names the one that decided):

* the publication date (``published``: metadata, feed, input, the crawler prefix
  " date YYYY-MM", a dateline); a month-only date ("2025-07") is the interval of that month,
  so reports months apart stay apart, while two reports of one month are compatible;
* a date in the URL path (``/2025/03/18/``, ``/2025-03-18/``, ``/20250318``), used when the
  article has no publication date;
* the temporal expressions of the headline and the lead, read with the project's TIMEX
  tagger (:func:`lagebild.extract.times.find_times`) against the publication date: "am
  Dienstag", "this Monday", "18. März", "el pasado lunes". Day dates close to the
  publication date (``LEAD_DAYS_BEFORE`` before it to ``LEAD_DAYS_AFTER`` after) narrow the
  interval to the event; a full date with its year written out ("20. April 2023") dates an
  article that has no publication date.

A publication date found only somewhere in the running text (``published_from == "text"``,
the latest date the text mentions, not a dateline) is not trusted: "the rates were raised in
September 2023" is background, not the day of the report (realnews_dev: 3 of 4 such dates
were background dates).

Articles without any of these get ``None``: clustering places them by content alone.

:func:`since_bound` reads a lower bound from the lead: a date after a "since" word ("zum
achten Mal seit Juni 2024", "the first cut since September 2019", "desde junio de 2024";
the kit's ``SINCE_WORDS``) says the reported event lies on or after the end of that date, so
an undated report of the eighth cut is not placed on the first one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from lagebild.clustering.lead import lead_sentences
from lagebild.models import Article

__all__ = ["EventDate", "event_date", "interval_of", "since_bound", "trusted_published"]

# Lead = headline + the first LEAD_SENTENCES sentences: where a news report says when.
LEAD_SENTENCES = 3
# A day date of the lead counts as the event date when it lies within this window around
# the publication interval: reports name the day of the event ("am Donnerstag", "gestern")
# or an announced event a few days ahead ("strike from Wednesday 24 January", published on
# the 22nd). Read off realnews_dev's GDL strike announcements (up to 2 days ahead, their
# end dates up to 7 days ahead) and BASIL (reports up to 4 days after the event).
LEAD_DAYS_BEFORE = 10
LEAD_DAYS_AFTER = 8

_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>0[1-9]|1[0-2])(?:[/-](?P<d>0[1-9]|[12]\d|3[01]))?(?=[/._-]|$)"
    r"|/(?P<y2>(?:19|20)\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=[/._-]|$)"
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
# A year as a whole ("2019", "Jahr 2022", "año 2022"); "Mitte 2024" is not the whole year.
_WHOLE_YEAR = re.compile(r"^(?:(?:jahr|jahres|ano|year) )?\d{4}$")
# "seit dem Sommer 2024", "since the summer of 2019": a since word up to this many words
# before the date expression.
SINCE_WORDS_BEFORE = 3
# An article without any date whose headline or first sentence names a year on its own
# ("Literaturnobelpreis 2023", "Oktoberfest 2007:") is dated to that year, unless a "since"
# word stands before it ("seit ihrer Neuformierung 2018"): a report of the 2024 prize does
# not join the 2023 one. realnews_dev: 6 undated reports dated so, all to their event's year.
YEAR_OF_HEADLINE = True
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class EventDate:
    """The event's day interval [lo, hi] (lo == hi for one day) and where it came from:
    "lead" (headline/lead expressions), "published" (the publication date), "url"."""

    lo: date
    hi: date
    source: str

    @property
    def iso(self) -> str:
        """"2025-03-18" for one day, "2025-03" for a whole month, else "lo/hi"."""
        if self.lo == self.hi:
            return self.lo.isoformat()
        last = calendar.monthrange(self.lo.year, self.lo.month)[1]
        if self.lo.day == 1 and self.hi == self.lo.replace(day=last):
            return self.lo.isoformat()[:7]
        return f"{self.lo.isoformat()}/{self.hi.isoformat()}"


def interval_of(value: str | None) -> tuple[date, date] | None:
    """"2025-03-18" (or a datetime) -> that day; "2025-03" -> the month; else None."""
    if not value:
        return None
    text = str(value).strip()
    m = _DAY.match(text[:10])
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return d, d
    m = _MONTH.match(text[:7]) if len(text) == 7 else None
    if m and 1 <= int(m[2]) <= 12:
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    return None


def _url_interval(url: str | None) -> tuple[date, date] | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    return interval_of(f"{y}-{mo}-{d}" if d else f"{y}-{mo}")


def trusted_published(article: Article) -> str | None:
    """``article.published`` unless it was only found somewhere in the running text."""
    return _trusted_published(article)


def _trusted_published(article: Article) -> str | None:
    if not article.published:
        return None
    if article.published_from != "text":
        return article.published
    from lagebild.text.pubdate import dateline_date, latest_text_date

    first = article.text.lstrip().split("\n", 1)[0] if article.text else ""
    found = dateline_date(first.strip())
    if found and article.published.startswith(found[:7]):
        return article.published  # a dateline
    if latest_text_date(article.text or "", article.language) == article.published:
        return None  # the latest date the running text mentions: often background
    return article.published  # a dateline that cleaning removed from the text


def _lead_text(article: Article, sentences: int = LEAD_SENTENCES) -> str:
    """Headline and the first ``sentences`` sentences, one per line."""
    parts = [article.title] if article.title else []
    parts += [s.text for s in lead_sentences(article.sentences, sentences)]
    return "\n".join(p for p in parts if p)


def _lead_days(article: Article, anchor: str | None) -> list[tuple[date, bool, bool]]:
    """Day dates of headline + lead: (day, resolved from an anchor, a named day: digits or
    a weekday)."""
    from lagebild.extract.times import find_times

    text = _lead_text(article)
    if not text:
        return []
    out: list[tuple[date, bool, bool]] = []
    for t in find_times(text, (), anchor, article.language):
        if t.type != "DATE":
            continue
        iv = interval_of(t.value) if len(t.value) == 10 else None
        if iv:
            named = t.weekday is not None or any(c.isdigit() for c in t.text)
            out.append((iv[0], t.anchor is not None, named))
    return out


def event_date(article: Article) -> EventDate | None:
    """The event date interval of ``article`` (see the module text), or None."""
    pub = interval_of(_trusted_published(article))
    source = "published"
    if pub is None:
        pub = _url_interval(article.url)
        source = "url"
    anchor = None
    if pub:
        anchor = pub[0].isoformat() if pub[0] == pub[1] else pub[0].isoformat()[:7]
    days = _lead_days(article, anchor)
    if pub:
        lo_ok = pub[0] - timedelta(days=LEAD_DAYS_BEFORE)
        hi_ok = pub[1] + timedelta(days=LEAD_DAYS_AFTER)
        # days after the publication only when named ("Mittwoch", "24. Januar"; the tagger
        # resolves a weekday by tense): a relative phrase ("zwei Tage nach dem Beben") is anchored on the wrong day then
        near = [d for d, _, digits in days if lo_ok <= d <= (hi_ok if digits else pub[1])]
        if near:
            lo, hi = min(near), max(near)
            # the report itself is published on or after the earliest event day it names
            if pub[0] == pub[1] and pub[0] < lo:
                lo = pub[0]
            return EventDate(lo, hi, "lead")
        return EventDate(pub[0], pub[1], source)
    explicit = [d for d, resolved, _ in days if not resolved]
    if explicit:
        return EventDate(min(explicit), max(explicit), "lead")
    year = _headline_year(article) if YEAR_OF_HEADLINE else None
    if year:
        return EventDate(date(year, 1, 1), date(year, 12, 31), "lead")
    return None


def _since_before(text: str, start: int) -> bool:
    from lagebild.lang.calendar import SINCE_WORDS
    from lagebild.lang.fold import fold

    before = [fold(w.strip(".,;:()\"'")) for w in text[:start].split()[-SINCE_WORDS_BEFORE:]]
    return any(w in SINCE_WORDS for w in before)


def _headline_year(article: Article) -> int | None:
    """The one year that headline + first sentence name on their own (not after "since")."""
    from lagebild.extract.times import find_times

    text = _lead_text(article, 1)
    years = {
        int(t.value)
        for t in find_times(text, (), None, article.language)
        if t.type == "DATE" and t.anchor is None and _YEAR.match(t.value) and _YEAR.match(t.text.strip())
        and not _since_before(text, t.start)
    }
    return years.pop() if len(years) == 1 else None


def since_bound(article: Article) -> date | None:
    """The last day of the latest date that headline + lead name after a "since" word (the
    event is reported as on or after it), or None. Dates are resolved against the trusted
    publication date when there is one; a bare year counts as its 31 December."""
    from lagebild.extract.times import find_times
    from lagebild.lang.fold import fold

    text = _lead_text(article)
    if not text:
        return None
    pub = interval_of(_trusted_published(article))
    anchor = pub[0].isoformat() if pub and pub[0] == pub[1] else None
    bounds: list[date] = []
    for t in find_times(text, (), anchor, article.language):
        # only dates written out with their year: a month or weekday resolved against the
        # publication date is a guess ("desde diciembre del año 2022" -> "diciembre")
        if t.type != "DATE" or t.anchor is not None:
            continue
        if not _since_before(text, t.start):
            continue
        value = t.value[:10]
        iv = interval_of(value) if len(value) in (7, 10) else None
        if iv:
            bounds.append(iv[1])
        elif _YEAR.match(value) and _WHOLE_YEAR.match(fold(t.text)):
            bounds.append(date(int(value), 12, 31))
    if pub:  # "tendrá efecto desde el próximo miércoles": after the report, not a bound
        bounds = [b for b in bounds if b <= pub[1]]
    return max(bounds) if bounds else None
