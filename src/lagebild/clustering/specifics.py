"""The specifics of a report: the figures and days that tell one occurrence from the next.

Two successive ECB rate cuts share every actor, word and weekday; they differ in the
figures (4.25 % vs 3.00 %), the count ("first" vs "eighth" cut) and the day. Keys:

* ``#<value><unit>`` for every figure of headline + lead (rates, vote counts, durations,
  magnitudes, flight numbers, ordinals "achten"/"eighth" as ``#8ord``), read by
  :func:`figures` (the project's number reader; one place to swap it);
* ``@MM-DD`` for every day the lead names ("24. Januar", "XXXX-01-24" from the TIMEX
  tagger), so "Mittwoch, 24. Januar" and "January 24" match without a year.

Clustering weighs them like names (IDF-weighted cosine): a key every report of a series
shares (the 2 % inflation target, "0.25 points") weighs little, a rate reached once weighs
much.
"""

from __future__ import annotations

import re

from lagebild.models import Article

__all__ = ["figures", "specific_keys"]

# Headline + this many sentences: the lead states the specifics of the event; the body
# repeats background figures of earlier occurrences ("in June 2024 the rate was 4 %").
# realnews_dev (bench/cluster_realnews.py): 3 and 5 sentences gave the same stories.
SPECIFICS_SENTENCES = 4

# Units kept in the key; other following nouns ("Prozentpunkte", "de", "empresas") are
# language-bound and dropped, so "0,25 Prozentpunkte" and "0.25 percentage points" match.
_UNITS = frozenset({"%", "min", "day", "EUR", "USD"})

_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(\d{2})-(\d{2})$")


def figures(text: str, language: str | None) -> list[str]:
    """Keys of the figures in ``text``: value plus unit, "8ord" for ordinals.

    The number reader is :func:`lagebild.compare.numbers.find_amounts` today; when the
    language kit's reader lands, only this function changes.
    """
    from lagebild.compare.numbers import find_amounts

    out: list[str] = []
    for a in find_amounts(text, language=language):
        if a.vague or a.open_ended:
            continue
        unit = "ord" if a.ordinal else (a.unit if a.unit in _UNITS else "")
        if not a.ordinal and not unit and float(a.value).is_integer() and abs(a.value) < 10:
            continue  # bare small counts ("two", "3") say little about which event
        out.append(f"#{a.value:g}{unit}")
    return out


def specific_keys(article: Article) -> frozenset[str]:
    """Figure and day keys of headline + lead (see the module text)."""
    from lagebild.extract.times import find_times

    parts = [article.title] if article.title else []
    parts += [s.text for s in article.sentences[:SPECIFICS_SENTENCES]]
    text = "\n".join(p for p in parts if p)
    if not text:
        return frozenset()
    keys = set(figures(text, article.language))
    for t in find_times(text, (), None, article.language):
        m = _DAY_VALUE.match(t.value) if t.type == "DATE" else None
        if m:
            keys.add(f"@{m[1]}-{m[2]}")
    return frozenset(keys)
