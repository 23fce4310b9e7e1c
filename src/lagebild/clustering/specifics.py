"""The specifics of a report: the figures and days that tell one occurrence from the next.

Two successive ECB rate cuts share every actor, word and weekday; they differ in the
figures (4.25 % vs 3.00 %), the count ("first" vs "eighth" cut) and the day. Keys:

* ``#<value><unit>`` for every figure of headline + lead (rates, vote counts, durations,
  magnitudes, flight numbers, ordinals "achten"/"eighth" as ``#8ord``), read by
  :func:`figures` with the language kit's number reader;
* ``@MM-DD`` for every day the lead names ("24. Januar", "XXXX-01-24" from the TIMEX
  tagger), so "Mittwoch, 24. Januar" and "January 24" match without a year;
* ``#<1-7>wday`` for every weekday the lead names (not a figure; see WEEKDAYS);
* ``^<place>`` for every place (LOC entity of :func:`lagebild.extract.entities.find_mentions`)
  headline and lead name, keyed by the kit's :func:`lagebild.lang.names.token_key` on its
  last word ("Sachsen"/"Saxony" -> ``^sachsen``): two elections of one day in Sachsen and
  Thüringen, or floods in Bayern and Niedersachsen, name different places.

Clustering weighs them like names (IDF-weighted cosine): a key every report of a series
shares (the 2 % inflation target, "0.25 points") weighs little, a rate reached once weighs
much.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from lagebild.clustering.lead import lead_sentences
from lagebild.models import Article, Sentence

__all__ = ["figures", "specific_keys"]

# Headline + this many sentences: the lead states the specifics of the event; the body
# repeats background figures of earlier occurrences ("in June 2024 the rate was 4 %").
# realnews_dev (bench/cluster_realnews.py): 3 and 5 sentences gave the same stories.
SPECIFICS_SENTENCES = 4

# Units kept in the key (the kit's base units: "0,25 Prozentpunkte" and "0.25 percentage
# points" are both "#0.25pp"); counted nouns are language-bound and dropped.
_UNITS = frozenset({"%", "pp", "min", "day", "m", "kg", "EUR", "USD", "GBP", "deg", "mag"})
# Figures that are bounds or estimates ("mehr als 40", "rund 3000", "knapp neun") are not
# specifics: every modifier kind of the kit's MODIFIERS.
_VAGUE = frozenset({"below", "about", "above", "atleast", "atmost"})
# ... except an approximate duration: "casi tres días", "knapp eine Stunde", "rund einstündig"
# give the length of the event itself, as the exact "three-day strike" of another outlet does.
# Measured 2026-12-01 (realnews_dev pairwise P / R / F1, BCubed F1, confusable pairs joined;
# BASIL pairwise / BCubed F1; kind conflicts on, whole-group pass off): off 0.912 / 0.837 /
# 0.873, 0.911, 22; on 0.950 / 0.813 / 0.876, 0.906, 11 (the GDL strike of "casi tres días"
# no longer joins the six-day one); BASIL 0.951 / 0.973 and the seeds' one story either way.
APPROXIMATE_DURATIONS = True
_APPROXIMATE = frozenset({"below", "about"})
_TIME_UNITS = frozenset({"min", "day"})
# A duration that places the event in time or gives a reference period ("vor zwei Tagen",
# "the fourth strike in 14 months", "la huelga ya cumple tres días": the kit's
# duration_places_in_time) is not the length of the event: its key gets REFERENCE_SUFFIX
# ("#420dayref"), so it still matches the same reference period of another report ("the
# first cut in five years") but is no duration that could conflict with the event's length
# (CONFLICT_KINDS in lagebild.clustering.similarity).
REFERENCE_DURATIONS_APART = True
REFERENCE_SUFFIX = "ref"
# A duration in whole years is an age ("la escritora de 53 años"), a term or a sentence far
# more often than the length of a news event: keyed as "#53yr", its own kind, so the ages
# of two laureates (or of two victims) match across languages but never conflict with an
# event's length in days (CONFLICT_KINDS). Measured 2026-12-01 in process (realnews_dev
# pairwise F1 / BCubed F1 / confusable pairs joined; BASIL pairwise / BCubed F1): see the
# FEATURES_VERSION 7 note in lagebild.cluster.
YEARS_APART = True

# The ordinal 1 ("erste", "first", "primer") says "for the first time" / "the first round"
# far more often than which occurrence of a series it is ("the eighth cut" does). realnews_dev
# / BASIL pairwise F1 with it dropped: 0.647 -> 0.694 / 0.966 (similarity threshold 0.6;
# 0.695 / 0.962 at 0.62, see SIMILARITY_THRESHOLD); dropping ordinals 1-3: 0.719 / 0.951.
FIRST_ORDINAL = 1

# Ordinals listed together ("Beim ersten und zweiten Test war es zu Explosionen gekommen",
# "the first and second flights", "el primer y segundo vuelo"; the kit's joins_a_list) name
# earlier occurrences of the series, not this one: none of them is a specific.
ORDINAL_LISTS_APART = True

# Places as specifics (see ``places``; clustering weighs them apart from the figures, see
# PLACE_WEIGHT in lagebild.clustering.similarity for the realnews_dev / BASIL figures).
# Place keys shorter than MIN_PLACE_KEY are CRF fragments more often than places (read on the
# realnews_dev election and flood reports: "aso", "nrv"); 3 keeps "USA"-like keys.
PLACES_AS_SPECIFICS = True
MIN_PLACE_KEY = 3
# The entity tagger reads headline and lead sentence by sentence, as the extraction reads
# the article (before: the headline and lead as one unit). See FEATURES_VERSION 12 in
# lagebild.cluster for the figures.
PLACES_BY_SENTENCE = True

# The direction a decision moves its figure ("senkt", "unchanged", "sube"; the kit's
# lagebild.lang.direction), read from the headline and the first DIRECTION_SENTENCES
# sentences: the first direction word there is the decision's (later lead sentences give
# background: "Tras varias reducciones consecutivas, esta pausa ..."). Key "#-1dir", "#0dir"
# or "#1dir"; not a figure (similarity keeps it out of the figure cosine, see
# DIRECTION_PENALTY there).
DIRECTION_SENTENCES = 2

# Two named days of one sentence joined by "bis", "hasta", "to" or a dash (the kit's
# joins_a_range), at most RANGE_GAP_CHARS apart, give the event's length in days when it is
# at most RANGE_MAX_DAYS: "del 24 de enero … hasta las 6 p.m. del 29 de enero" is the six-day
# strike other outlets call "six-day". See FEATURES_VERSION 9 in lagebild.cluster.
RANGE_DURATIONS = True
RANGE_GAP_CHARS = 60
RANGE_MAX_DAYS = 31

# The weekdays headline and lead name ("am Dienstag", "Sunday", "este jueves": the TIMEX
# tagger's weekday of a date expression), keyed "#2wday" (ISO: Monday 1): when the date
# does not fix the day, the weekday tells two launches or votes of one month apart. Not a
# figure: clustering keeps these keys out of the figure cosine and compares them on their
# own (WEEKDAY_PENALTY in lagebild.clustering.similarity).
WEEKDAYS = True

_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(\d{2})-(\d{2})$")


def figures(text: str, language: str | None) -> list[str]:
    """Keys of the figures in ``text``: value in the base unit plus the unit ("#2.25%",
    "#1440min", "#8ord"); a bare count keeps its value only when it is 10 or more.

    Read by the language kit's number reader (:func:`lagebild.lang.numbers.find_numbers`).
    """
    from lagebild.lang.calendar import duration_places_in_time
    from lagebild.lang.numbers import DAYS_PER_YEAR, find_numbers

    out: list[str] = []
    found = find_numbers(text, language=language)
    listed = _listed_ordinals(text, found) if ORDINAL_LISTS_APART else set()
    for i, m in enumerate(found):
        if i in listed:
            continue  # "beim ersten und zweiten Test": earlier occurrences
        if m.modifier in _VAGUE and not (APPROXIMATE_DURATIONS and m.modifier in _APPROXIMATE and m.unit in _TIME_UNITS):
            continue
        if m.ordinal:
            if m.value == FIRST_ORDINAL:
                continue  # "erstmals", "for the first time", "primera vez": not a count
            out.append(f"#{m.value:g}ord")
            continue
        unit = m.unit if m.unit in _UNITS else ""
        value = m.base_value if unit and m.base_value is not None else m.value
        if YEARS_APART and unit == "day" and value >= DAYS_PER_YEAR and value % DAYS_PER_YEAR == 0:
            unit, value = "yr", value / DAYS_PER_YEAR  # "53 años", "die 64-Jährige": an age or a term
        if REFERENCE_DURATIONS_APART and unit in _TIME_UNITS and not m.glued \
                and duration_places_in_time(text, m.start, m.end):
            unit += REFERENCE_SUFFIX  # "vor zwei Tagen", "the first in 14 months", "ya cumple tres días"
        if not unit and float(value).is_integer() and abs(value) < 10:
            continue  # bare small counts ("two", "3") say little about which event
        out.append(f"#{value:g}{unit}")
    return out


def _listed_ordinals(text: str, found: list[Any]) -> set[int]:
    """Indices of the ordinals of ``found`` that stand in a list with another ordinal."""
    from lagebild.lang.numbers import joins_a_list

    out: set[int] = set()
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.ordinal and b.ordinal and joins_a_list(text[a.end : b.start]):
            out.update((i, i + 1))
    return out


def places(text: str, language: str | None, units: Sequence[Sentence] = ()) -> list[str]:
    """Keys of the places (LOC entities) named in ``text``: ``^`` + the kit's token key of
    the entity's last word. ``units`` are the spans tagged one by one (the headline and
    each lead sentence, as the extraction tags the article's sentences: the tagger then
    gives a sentence the same labels here and there, and computes them once); none: the
    whole text is one unit."""
    from lagebild.extract.entities import find_mentions
    from lagebild.lang.names import token_key

    out: list[str] = []
    for m in find_mentions(text, units, language):
        if m.type != "LOC" or not m.entity.split():
            continue
        key = token_key(m.entity.split()[-1])
        if len(key) >= MIN_PLACE_KEY:
            out.append("^" + key)
    return out


def _span_keys(text: str, days: list[tuple[Any, re.Match[str]]]) -> set[str]:
    """"#6day" for two named days of one sentence that are the ends of one span ("del 24 de
    enero … hasta … 29 de enero", "vom 24. bis 29. Januar"): the event's length in days."""
    from lagebild.lang.calendar import joins_a_range

    out: set[str] = set()
    for (a, ma), (b, mb) in itertools.pairwise(days):
        between = text[a.end : b.start]
        if len(between) > RANGE_GAP_CHARS or "\n" in between or not joins_a_range(between):
            continue
        try:
            first, last = date(2001, int(ma[1]), int(ma[2])), date(2001, int(mb[1]), int(mb[2]))
        except ValueError:
            continue
        n = (last - first).days % 365 + 1  # over the turn of the year: 30 Dec - 2 Jan is 4 days
        if 2 <= n <= RANGE_MAX_DAYS:
            out.add(f"#{n}day")
    return out


def specific_keys(article: Article) -> frozenset[str]:
    """Figure, day and place keys of headline + lead (see the module text)."""
    from lagebild.extract.times import find_times

    parts = [article.title] if article.title else []
    parts += [s.text for s in lead_sentences(article.sentences, SPECIFICS_SENTENCES)]
    parts = [p for p in parts if p]
    text = "\n".join(parts)
    if not text:
        return frozenset()
    units: list[Sentence] = []  # the parts' spans in ``text``
    for p in parts:
        at = units[-1].end + 1 if units else 0
        units.append(Sentence(len(units), p, at, at + len(p)))
    keys = set(figures(text, article.language))
    from lagebild.lang.direction import first_direction

    lead = [article.title] if article.title else []
    lead += [s.text for s in lead_sentences(article.sentences, DIRECTION_SENTENCES)]
    direction = first_direction("\n".join(p for p in lead if p))
    if direction is not None:
        keys.add(f"#{direction}dir")
    times = find_times(text, (), None, article.language)
    days = [(t, m) for t in times if t.type == "DATE" and (m := _DAY_VALUE.match(t.value))]
    if WEEKDAYS:
        keys.update(f"#{t.weekday + 1}wday" for t in times if t.weekday is not None)
    keys.update(f"@{m[1]}-{m[2]}" for _t, m in days)
    if RANGE_DURATIONS:
        keys.update(_span_keys(text, days))
    if PLACES_AS_SPECIFICS:
        keys.update(places(text, article.language, units if PLACES_BY_SENTENCE else ()))
    return frozenset(keys)
