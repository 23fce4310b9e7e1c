"""The story timeline: dated events with the sentences that report them, merged across outlets.

Each calendar date an article gives (a DATE or TIME expression whose value is a year, month
or day, with or without a clock time) becomes a candidate event: the date, the clock time,
and the cleaned sentence that contains the expression. Candidates with the same date whose
sentences share enough content words are one event; their sentences, from one or many
outlets, are its support. The entry's ``text`` is one of those real sentences (the one
most like the others), never composed text.

Left out: durations and sets, vague references (PRESENT_REF ...), unresolved values with X,
weeks, seasons and quarters (no calendar date of the contract's kinds), and dateline noise:
sentences that are little more than the date ("14.07.2025 Deutschland").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lagebild.models import Article, Ref, Sentence, TimeExpr, TimelineEntry

__all__ = ["TIMELINE_MERGE_OVERLAP", "build_timeline", "timeline_times"]

# Two same-date sentences report one event when the shared content words make up at least
# this share of the shorter sentence's content words (and at least
# TIMELINE_MIN_SHARED words are shared). Chosen by eye on the five seed reports of the
# 3 July 2025 Trump-Putin call: the call sentences of different outlets share 20-40 %,
# unrelated same-day sentences under 10 %.
TIMELINE_MERGE_OVERLAP = 0.2
TIMELINE_MIN_SHARED = 2
# Word stems for the overlap: German inflection changes word ends, compounds put the head
# last. Chosen by eye on the seeds (Telefongespräch / Telefonat / Gespräch).
STEM_PREFIX = 5
STEM_SUFFIX = 6
COMPOUND_MIN_LEN = 8
# A sentence with fewer content words than this besides its date is a dateline, not an event.
DATELINE_MAX_WORDS = 3

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2}):(\d{2}))?")
_WORD_RE = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Function words of four letters or more that say nothing about the event.
_STOP = frozenset(["aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "auch", "auf", "aus", "bei", "beim", "bereits", "bisher", "dabei", "damit", "dann", "darauf", "darüber", "dass", "dem", "den", "denen", "der", "des", "deshalb", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "durch", "eine", "einem", "einen", "einer", "eines", "etwa", "für", "gegen", "habe", "haben", "hat", "hatte", "hatten", "heute", "hier", "ihre", "ihrem", "ihren", "ihrer", "immer", "indem", "jedoch", "jetzt", "kein", "keine", "keinen", "laut", "mehr", "mit", "nach", "nicht", "noch", "nun", "nur", "oder", "ohne", "schon", "sehr", "seien", "sein", "seine", "seinem", "seinen", "seiner", "seit", "sich", "sie", "sind", "soll", "sollen", "sowie", "über", "unter", "vom", "von", "vor", "war", "waren", "weil", "weiter", "wenn", "werden", "wie", "wieder", "will", "wird", "wurde", "wurden", "zum", "zur", "zwischen", "this", "that", "with", "from", "have", "were", "which", "their", "about", "after", "also", "been", "into", "than", "they", "will", "would", "para", "como", "pero", "este", "esta", "with", "said", "sagte", "erklärte"])


@dataclass
class _Candidate:
    date: str
    time: str | None
    ref: Ref
    text: str
    words: frozenset[str]


def timeline_times(
    articles: Sequence[Article], times: Mapping[str, Sequence[TimeExpr]]
) -> dict[str, Sequence[TimeExpr]]:
    """The times of each article for the timeline. An article dated only by the latest date
    its running text mentions (a lower bound such as "since September 2023", not its
    publication date) has its times resolved again against the day the story's other reports
    were published, when that day is not earlier: its "this year" and "on Thursday" are then
    the story's, not the background date's."""
    from lagebild.clustering.eventdate import trusted_published
    from lagebild.extract.times import find_times

    out = dict(times)
    trusted = {a.id: trusted_published(a) for a in articles}
    days = Counter(p[:10] for p in trusted.values() if p and len(p) >= 10)
    if not days:
        return out
    story_day = days.most_common(1)[0][0]
    for a in articles:
        if (a.published_from == "text" and a.published and story_day >= a.published
                and not story_day.startswith(a.published) and trusted[a.id] is None
                and any(t.anchor == a.published for t in times.get(a.id, ()))):
            out[a.id] = find_times(a.text, a.sentences, story_day, a.language)
    return out


def build_timeline(
    articles: Sequence[Article], times: Mapping[str, Sequence[TimeExpr]]
) -> list[TimelineEntry]:
    """Dated events of a story in chronological order, each with its supporting sentences.

    ``times`` maps article ids to the TimeExprs found in that article's ``text``. Every
    Ref points at the cleaned sentence containing the expression; an expression outside
    every sentence is dropped. Entries are sorted by date, then clock time (an entry with
    only a month sorts before the days of that month); ``date`` is "YYYY-MM-DD", "YYYY-MM"
    or "YYYY", ``time`` "HH:MM" or None.
    """
    candidates: list[_Candidate] = []
    for article in articles:
        if article.status != "ok":
            continue
        for expr in times.get(article.id, ()):
            cand = _candidate(article, expr)
            if cand is not None:
                candidates.append(cand)
    groups: list[list[_Candidate]] = []
    by_date: dict[str, list[list[_Candidate]]] = {}
    for cand in candidates:
        for group in by_date.get(cand.date, []):
            if any(_same_event(cand, other) for other in group):
                group.append(cand)
                break
        else:
            group = [cand]
            by_date.setdefault(cand.date, []).append(group)
            groups.append(group)
    entries = [_entry(g) for g in groups]
    entries.sort(key=lambda e: (e.date, e.time or "", e.support[0]))
    return entries


def _candidate(article: Article, expr: TimeExpr) -> _Candidate | None:
    if expr.type not in {"DATE", "TIME"}:
        return None
    m = _DATE_RE.match(expr.value)
    if m is None or expr.value.startswith("BC"):
        return None
    rest = expr.value[m.end():]
    if rest and not rest.startswith(("T", ":")) and m.group(4) is None:
        return None  # "2025-W28", "2025-SU", "2025-Q3"
    date = "-".join(g for g in m.groups()[:3] if g)
    clock = f"{m.group(4)}:{m.group(5)}" if m.group(4) else None
    sentence = _sentence_at(article.sentences, expr.start)
    if sentence is None:
        return None
    words = _content_words(sentence.text)
    rest_words = words - _content_words(expr.text)
    if len(rest_words) < DATELINE_MAX_WORDS:
        return None
    return _Candidate(date, clock, Ref(article.id, sentence.i), sentence.text, words)


def _sentence_at(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None


def _content_words(text: str) -> frozenset[str]:
    """Stems of the content words: the first letters, and for compounds also the last ones
    ("Telefongespräch" shares "telef" with "Telefonat" and "spräch" with "Gespräch")."""
    out: set[str] = set()
    for w in (x.lower() for x in _WORD_RE.findall(text)):
        if w in _STOP:
            continue
        out.add(w[:STEM_PREFIX])
        if len(w) >= COMPOUND_MIN_LEN:
            out.add("~" + w[-STEM_SUFFIX:])
    return frozenset(out)


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    if a.ref == b.ref:
        return True
    if a.time and b.time and a.time != b.time:
        return False
    shared = len(a.words & b.words)
    smaller = min(len(a.words), len(b.words)) or 1
    return shared >= TIMELINE_MIN_SHARED and shared / smaller >= TIMELINE_MERGE_OVERLAP


def _entry(group: list[_Candidate]) -> TimelineEntry:
    best = max(group, key=lambda c: (sum(len(c.words & o.words) for o in group if o is not c),
                                     c.time is not None, -group.index(c)))
    times = Counter(c.time for c in group if c.time)
    clock = times.most_common(1)[0][0] if times else None
    support = tuple(sorted({c.ref for c in group}))
    return TimelineEntry(date=group[0].date, time=clock, text=best.text, support=support)
