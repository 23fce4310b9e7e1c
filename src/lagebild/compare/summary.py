"""The story's summary: whole real sentences, each with every sentence that supports it.

The lead (first item) states the core event: among the most widely carried facts, the one
whose sentence stands alone (no pronoun or "dabei" pointing back, not a headline) and says
who did what, when and where (names, a date or weekday, a number). The other items follow
by how many outlets carry them; no two say the same (same shown sentence, mostly the same
supporting sentences, or near-identical meaning).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from ..models import Article, Fact, Ref, SummaryItem
from .alignment import Alignment, FactOptions

__all__ = ["event_score", "summarize"]

# Near-repeats of a chosen sentence are skipped (seeds: restatements of one fact score 0.8+
# against each other; realnews_dev: the ECB's two rates in one sentence vs the deposit rate
# alone 0.78).
REDUNDANT_COS = 0.8
# A fact whose supporting sentences are more than this share in a chosen item says the same.
REDUNDANT_SUPPORT = 0.6
# The lead is taken from the facts carried by at least this share of the widest fact's
# outlets (seeds: the context sentence "In beiden Gesprächen ..." in 5 outlets, the call's
# facts in 4; realnews_dev flood: the firefighter's death in 3-4 of 7).
LEAD_WIDTH_SHARE = 0.6
# The summary is at least this long when the story has the sentences for it (issue 12: 4-8).
MIN_ITEMS = 4

# Words that point back at an earlier sentence: a sentence opening with one cannot lead
# (German, English, Spanish).
_ANAPHORIC = frozenset({
    "dabei", "damit", "dazu", "daher", "darauf", "dort", "auch", "zudem", "außerdem", "er",
    "sie", "es", "beide", "beiden", "dies", "diese", "dieser", "dieses", "deshalb", "so",
    "jetzt", "nun", "he", "she", "it", "they", "this", "these", "also", "él", "ella",
    "ellos", "esto", "además", "también", "allí",
})
_WEEKDAY_OR_DATE = re.compile(
    r"\b(\d{1,2}\.\s?\w+|\d{4}|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|"
    r"sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|"
    r"jueves|viernes|sábado|domingo|gestern|heute|yesterday|today|ayer|hoy|nacht|night|noche)\b",
    re.IGNORECASE,
)


def event_score(text: str) -> float:
    """How much a sentence reads as the core event: names, a time, a number; minus for a
    sentence that points back or frames."""
    words = re.findall(r"[\w-]+", text)
    if not words:
        return -9.0
    score = 0.0
    if words[0].lower() in _ANAPHORIC or text.lstrip().startswith(("In beiden", "Dabei")):
        score -= 3.0
    names = [w for w in words[1:] if w[:1].isupper() and len(w) > 2]
    score += min(2.0, 0.5 * len(names))
    if _WEEKDAY_OR_DATE.search(text):
        score += 1.0
    if re.search(r"\d", text):
        score += 0.5
    n = len(words)
    if n > 35:
        score -= 1.0  # a long sentence says several things
    if n < 6:
        score -= 1.0
    return score


def summarize(
    al: Alignment,
    facts: Sequence[Fact],
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> list[SummaryItem]:
    """An extractive summary of whole real sentences, the core event first.

    Each item is a fact shown as a whole sentence (see ``facts_from_groups``) with the
    fact's whole support; when a story has few shared facts, the lead sentences of its
    earliest article fill up (supported by that article alone).
    """
    opt = options or FactOptions()
    sent = {(a.id, s.i): s for a in articles for s in a.sentences}
    usable = [f for f in facts if f.ref is not None]
    chosen: list[SummaryItem] = []
    chosen_vecs: list[np.ndarray] = []
    chosen_support: list[set[Ref]] = []

    def add(text: str, support: tuple[Ref, ...]) -> bool:
        if any(text == c.text for c in chosen):
            return False
        sup = set(support)
        if any(len(sup & s) > REDUNDANT_SUPPORT * len(sup) for s in chosen_support):
            return False
        v = embed([text])[0]
        if any(float(v @ w) >= REDUNDANT_COS for w in chosen_vecs):
            return False
        chosen.append(SummaryItem(text, support))
        chosen_vecs.append(v)
        chosen_support.append(sup)
        return True

    if usable:
        widest = max(f.outlets for f in usable)
        leads = [f for f in usable if f.outlets >= LEAD_WIDTH_SHARE * widest]
        lead = max(leads, key=lambda f: (event_score(f.text) + f.outlets / max(1, widest), -usable.index(f)))
        add(lead.text, f_support(lead))
        for f in usable:
            if len(chosen) >= opt.summary_size:
                break
            if event_score(f.text) <= -3.0 and f.outlets < widest:
                continue  # a sentence pointing back reads badly out of its context
            add(f.text, f_support(f))
    if len(chosen) < min(MIN_ITEMS, opt.summary_size):
        lead_arts = sorted(
            (a for a in articles if a.status == "ok" and not a.duplicate_of and a.sentences),
            key=lambda a: (a.published or "9999", -len(a.sentences), a.id),
        )
        from .facts import complete_sentence

        for a in lead_arts[:1]:
            for s in a.sentences:
                if len(chosen) >= min(MIN_ITEMS, opt.summary_size):
                    break
                if s.heading or len(s.text.split()) < opt.min_exclusive_words or not complete_sentence(s.text):
                    continue
                add(s.text, (Ref(a.id, s.i),))
    _ = sent
    return chosen


def f_support(f: Fact) -> tuple[Ref, ...]:
    return f.support


def _whole_enough(f: Fact) -> bool:
    """A fact shown as a sentence whose marked part is most of it (the rest is framing)."""
    if f.mark is None:
        return True
    a, b = f.mark
    return (b - a) >= 0.5 * len(f.text)
