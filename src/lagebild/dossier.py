"""Assemble a story's ``lagebild/dossier@1`` from the stages.

The rule the whole dossier lives by: every statement points at an existing cleaned sentence
of an article of the story. ``checked_dict`` enforces it on the final JSON: an item whose
Ref does not resolve is dropped, never shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .compare.context import StoryContext
from .compare.facts import (
    FactOptions,
    align_claims,
    exclusives,
    facts_from_groups,
    summarize,
)
from .contracts import check_dossier, checking_enabled
from .models import Article, Dossier, Extraction, Story
from .text.headline import HEADLINE_MAX_CHARS

__all__ = ["build_dossier", "checked_dict", "dossier_search_text", "story_title"]


def story_title(articles: Sequence[Article], prefer_language: str | None = None) -> str:
    """The headline of the story's earliest independent article, in the main language if
    possible, preferring articles without machine-translation leftovers or loaded headlines,
    and a headline that can stand as one (:mod:`lagebild.text.headline`: not a label,
    dateline or caption) over a lead sentence."""
    from .compare.framing import loaded_sentences
    from .compare.translation import find_translation_artifacts
    from .text.headline import article_headline

    pool = [a for a in articles if a.status == "ok" and not a.duplicate_of] or list(articles)
    lang = prefer_language or main_language(pool)
    heads = {a.id: article_headline(a) for a in pool}

    def unclean(a: Article) -> bool:
        """A machine translation or a loaded headline does not name the story."""
        return bool(a.status == "ok" and (find_translation_artifacts(a) or (a.sentences and a.sentences[0].heading and 0 in loaded_sentences(a))))

    def kind(a: Article) -> int:
        got = heads[a.id]
        return got[0] if got else 3  # after a title that is a bare quotation (kind 2)

    if len(pool) > 1:  # one article needs no ordering (nor its costly headline checks)
        pool.sort(key=lambda a: (a.language != lang, unclean(a), kind(a), a.published or "9999", a.id))
    for a in pool:
        got = heads[a.id]
        if got:
            return got[1]
    for a in pool:  # nothing can stand as a headline: the old choice
        if a.title:
            return a.title
        if a.sentences:
            return a.sentences[0].text[:HEADLINE_MAX_CHARS]
    return pool[0].id if pool else "(empty story)"


def main_language(articles: Sequence[Article]) -> str | None:
    langs = Counter(a.language for a in articles if a.language)
    if not langs:
        return None
    # German first: on a tie the German reports give the story its language.
    return max(langs, key=lambda lang: (langs[lang], lang == "de"))


def build_dossier(
    story_id: str,
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> Dossier:
    """Run the comparison stages over one story's articles and assemble its dossier."""
    from .compare.contra_counts import count_conflicts
    from .compare.contradictions import find_contradictions
    from .compare.framing import frame_articles
    from .compare.quotes import finish_quotes, group_quotes
    from .compare.timeline import build_timeline, timeline_times
    from .compare.translated_copies import mark_translated_copies
    from .extract.entities import merge_entities

    arts = sorted((a for a in articles if a.status == "ok"), key=lambda a: (a.published or "9999", a.id))
    # translated copies count once, like copies (issue 12: a machine translation is no
    # second independent outlet)
    arts, translated = mark_translated_copies(arts, embed)
    lang = main_language(arts)
    story = Story(story_id, story_title(arts, lang), tuple(a.id for a in arts))
    ex = {a.id: extractions.get(a.id) or Extraction(a.id) for a in arts}
    # one context per story: outlet identities, quote items, tagged sentences (issue 11)
    ctx = StoryContext.build(arts, ex)
    al = align_claims(arts, embed, options, ctx=ctx)
    facts = facts_from_groups(al, arts, lang, ctx=ctx)
    quotes = finish_quotes(group_quotes(arts, ex, embed, ctx=ctx), arts)
    contradictions = find_contradictions(arts, ex, al.groups, quote_groups=quotes, ctx=ctx)
    counted, developments = count_conflicts(arts, embed, ctx.outlet_of, ctx.label)
    # a count the claim-group checks already compare is reported once, by them
    compared = {r for c in contradictions if c.kind == "number" for r in c.claims}
    contradictions += [c for c in counted if not set(c.claims) & compared]
    return Dossier(
        story=story,
        articles=tuple(arts),
        summary=tuple(summarize(al, facts, arts, embed, options)),
        facts=tuple(facts),
        # an exclusive never repeats a fact: a sentence another outlet's fact rests on is shared
        exclusive=tuple(e for e in exclusives(al, arts, options, ctx=ctx) if e.ref not in {r for f in facts for r in f.support}),
        contradictions=tuple(contradictions),
        quotes=tuple(quotes),
        entities=tuple(merge_entities({a.id: ex[a.id].mentions for a in arts})),
        timeline=tuple(build_timeline(arts, timeline_times(arts, {a.id: ex[a.id].times for a in arts}))),
        framing=tuple(frame_articles(arts, facts, ex, ctx=ctx)),
        extra={"developments": [d.to_dict() for d in developments],
               "translated_copies": [{"article": c, "of": o} for c, o in sorted(translated.items())]},
    )


def checked_dict(dossier: Dossier) -> dict[str, Any]:
    """The dossier's JSON with every item whose Refs do not resolve removed."""
    doc = dossier.to_dict()
    n_sent = {a["id"]: len(a["sentences"]) for a in doc["articles"]}

    def ok(ref: Mapping[str, Any]) -> bool:
        return ref.get("article") in n_sent and isinstance(ref.get("sentence"), int) and 0 <= ref["sentence"] < n_sent[ref["article"]]

    doc["summary"] = [s for s in doc["summary"] if s["support"] and all(ok(r) for r in s["support"])]
    doc["facts"] = [f for f in doc["facts"] if f["support"] and all(ok(r) for r in f["support"])]
    doc["exclusive"] = [e for e in doc["exclusive"] if ok(e["ref"])]
    doc["contradictions"] = [c for c in doc["contradictions"] if c["claims"] and all(ok(r) for r in c["claims"])]
    doc["timeline"] = [t for t in doc["timeline"] if t["support"] and all(ok(r) for r in t["support"])]
    doc["developments"] = [d for d in doc.get("developments", []) if d["claims"] and all(ok(r) for r in d["claims"])]
    quotes = []
    for q in doc["quotes"]:
        q["carriers"] = [c for c in q["carriers"] if ok(c)]
        if q["carriers"]:
            quotes.append(q)
    doc["quotes"] = quotes
    framing = []
    for f in doc["framing"]:
        if f["article"] not in n_sent:
            continue
        f["loaded_terms"] = [t for t in f["loaded_terms"] if ok({"article": f["article"], "sentence": t["sentence"]})]
        f["translation_artifacts"] = [
            t for t in f["translation_artifacts"] if ok({"article": f["article"], "sentence": t["sentence"]})
        ]
        framing.append(f)
    doc["framing"] = framing
    if checking_enabled():  # the test suite checks every dossier it builds
        check_dossier(doc)
    return doc


def dossier_search_text(doc: Mapping[str, Any]) -> str:
    """What the story list searches: title, entity names and aliases, article titles and text."""
    parts = [doc["story"]["title"] or ""]
    for e in doc.get("entities", []):
        parts.append(e["name"])
        parts.extend(e.get("aliases", []))
    for a in doc["articles"]:
        parts.append(a.get("title") or "")
        parts.append(a.get("outlet") or "")
        parts.extend(s["text"] for s in a["sentences"])
    return "\n".join(parts)
