"""Contradictions inside quote groups: changed meaning (kind ``quote``) and ``attribution``.

- ``quote``: two independent outlets print the same quote, but in one a word is negated that
  the other prints without negation (a dropped "nicht"), or a figure differs beyond the
  tolerance of :mod:`lagebild.compare.numbers`. Translations that differ in wording only
  ("keinerlei Fortschritt" / "überhaupt keine Fortschritte") are not flagged.
- ``attribution``: the same quote credited to two different people by independent outlets.
  Only person-to-person: "der Kreml" vs "Uschakow" (spokesman for an institution) is not
  a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import Article, Carrier, Contradiction, Extraction, QuoteGroup, Ref
from .context import StoryContext
from .contra_text import Story, fold, negation_scopes
from .contradictions import contradiction_id
from .numbers import amounts_agree, comparable, find_amounts
from .quotes import _speaker_evidence, quote_items, same_speaker

__all__ = ["quote_contradictions"]

# Two renderings count as the same wording (so that a dropped "nicht" or another figure is
# a change, not a translation choice) when this share of their content words is common.
# Example corpus: the dropped "nicht" pair shares all; two translations of one English
# quote share 0.1-0.3; different quotes wrongly grouped on English news (BASIL) under 0.3.
QUOTE_CHANGE_MIN_JACCARD = 0.6
_FIXED_UNITS = {"min", "day", "%", "EUR", "USD"}
# Longest quote excerpt an explanation prints.
EXCERPT_CHARS = 90
_INSTITUTIONS = {"kreml", "weisses haus", "regierung", "ministerium", "pentagon", "moskau",
                 "washington", "kiew", "nato", "eu", "behörde", "polizei", "sprecher"}


def quote_contradictions(
    quote_groups: Sequence[QuoteGroup],
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    ctx: StoryContext | None = None,
) -> list[Contradiction]:
    """Meaning changes and conflicting attributions inside each quote group (see module)."""
    story = Story(articles, extractions, ctx)
    items = {(it.article, it.sentence, fold(it.text)): it
             for it in (ctx.quote_items if ctx is not None else quote_items(articles, extractions))}
    out: list[Contradiction] = []
    for g in quote_groups:
        cs = [c for c in g.carriers if story.sentence(Ref(c.article, c.sentence)) is not None]
        done_attr = False
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                if not story.independent(a.article, b.article):
                    continue
                ia = items.get((a.article, a.sentence, fold(a.text)))
                ib = items.get((b.article, b.sentence, fold(b.text)))
                sa, sb = (ia.speaker if ia else None), (ib.speaker if ib else None)
                if not done_attr and ia and ib and same_speaker(sa, sb) is False and \
                        not _speaker_evidence(ia, ib) and \
                        _person(story, a.article, sa) and _person(story, b.article, sb):
                    refs = (Ref(a.article, a.sentence), Ref(b.article, b.sentence))
                    expl = (f"{story.label(a.article)} credits „{_cut(a.text)}“ to {sa}, "
                            f"{story.label(b.article)} to {sb}.")
                    de = (f"{story.label(a.article)} schreibt „{_cut(a.text)}“ {sa} zu, "
                          f"{story.label(b.article)} {sb}.")
                    out.append(Contradiction(contradiction_id("attribution", refs), "attribution",
                                             "hard", expl, refs, de))
                    done_attr = True
                if a.match == "paraphrase" or b.match == "paraphrase":
                    continue
                c = _meaning_change(story, a, b, g.speaker, cs)
                if c is not None:
                    out.append(c)
    return _merge_changes(out, story)


def _merge_changes(found: list[Contradiction], story: Story) -> list[Contradiction]:
    """One finding per changed rendering: pairs that share the changed carrier (the last
    claim) merge; the explanation adds the other outlets that print the original."""
    merged: dict[Ref, list[Contradiction]] = {}
    order: list[Contradiction] = []
    for c in found:
        if c.kind != "quote":
            order.append(c)
            continue
        if c.claims[-1] not in merged:
            order.append(c)
        merged.setdefault(c.claims[-1], []).append(c)
    out = []
    for c in order:
        same = merged.get(c.claims[-1]) if c.kind == "quote" else None
        if not same or same[0] is not c or len(same) == 1:
            if not same or same[0] is c:
                out.append(c)
            continue
        extra = [r for o in same[1:] for r in o.claims[:-1] if r not in c.claims]
        labels = sorted({story.label(r.article) for r in extra} - {story.label(c.claims[0].article)})
        expl = c.explanation.rstrip(".")
        de = (c.explanation_de or "").rstrip(".")
        if labels:
            verb = "prints" if len(labels) == 1 else "print"
            expl += f"; {', '.join(labels)} also {verb} the first wording"
            de += f"; {', '.join(labels)} {'druckt' if len(labels) == 1 else 'drucken'} auch die erste Fassung"
        out.append(Contradiction(c.id, c.kind, c.severity, expl + ".",
                                 tuple(extra) + c.claims, de + "." if c.explanation_de else None))
    return out


def _person(story: Story, article: str, name: str | None) -> bool:
    if not name:
        return False
    ext = story.extractions.get(article)
    types = {m.type for m in (ext.mentions if ext else ()) if m.entity == name or m.text == name}
    if types:
        return "PER" in types
    # no entity types to go by: only a full name (first and last) counts as a person
    f = fold(name)
    return not any(w in f for w in _INSTITUTIONS) and len(name.split()) >= 2 and \
        all(w[:1].isupper() for w in name.split())


def _cut(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _scopes(text: str, lang: str) -> tuple[set[str], set[str]]:
    return negation_scopes(text, lang)


def _minority(story: Story, word: str, neg: Carrier, pos: Carrier,
              group: Sequence[Carrier]) -> Carrier:
    """The rendering that changed the meaning: the side fewer outlets print (ties: the
    one without the negation, as dropping a word is the commoner slip)."""
    n_neg = n_pos = 0
    for c in group:
        if c.match == "paraphrase":
            continue
        negated, content = _scopes(c.text, story.language(c.article))
        n_neg += word in negated
        n_pos += word in content and word not in negated
    return neg if n_neg < n_pos else pos


def _meaning_change(story: Story, a: Carrier, b: Carrier, speaker: str | None,
                    group: Sequence[Carrier]) -> Contradiction | None:
    la, lb = story.language(a.article), story.language(b.article)
    refs: tuple[Ref, ...] = (Ref(a.article, a.sentence), Ref(b.article, b.sentence))
    who = f" {speaker}" if speaker else ""
    same_wording = False
    if la == lb:
        na, ca = _scopes(a.text, la)
        nb, cb = _scopes(b.text, lb)
        # two different wordings are a translation choice, not a changed quote
        same_wording = bool(ca | cb) and len(ca & cb) / len(ca | cb) >= QUOTE_CHANGE_MIN_JACCARD
        flipped = sorted((na & (cb - nb)) | (nb & (ca - na))) if same_wording else []
        if flipped:
            word = flipped[0]
            neg_side, pos_side = (a, b) if word in na else (b, a)
            changed = _minority(story, word, neg_side, pos_side, group)
            refs = tuple(Ref(c.article, c.sentence) for c in (
                (pos_side, neg_side) if changed is neg_side else (neg_side, pos_side)))
            expl = (f"{story.label(neg_side.article)} quotes{who} with a negated „{word}“ "
                    f"(„{_cut(neg_side.text)}“), {story.label(pos_side.article)} without the "
                    f"negation („{_cut(pos_side.text)}“).")
            de = (f"{story.label(neg_side.article)} zitiert{who} mit verneintem „{word}“ "
                  f"(„{_cut(neg_side.text)}“), {story.label(pos_side.article)} ohne die "
                  f"Verneinung („{_cut(pos_side.text)}“).")
            return Contradiction(contradiction_id("quote", refs[-1:], word), "quote", "hard",
                                 expl, refs, de)
    xa, xb = find_amounts(a.text, 0, la), find_amounts(b.text, 0, lb)
    for p in xa:
        # across languages (or wordings) only units that do not depend on wording count
        cands = [q for q in xb if comparable(p, q) and (same_wording or p.unit in _FIXED_UNITS)]
        if cands and not any(amounts_agree(p, q) for q in cands):
            q = cands[0]
            sev = "soft" if (p.vague or q.vague) else "hard"
            expl = (f"{story.label(a.article)} quotes{who} with „{p.text}“, "
                    f"{story.label(b.article)} with „{q.text}“ in the same quote.")
            de = (f"{story.label(a.article)} zitiert{who} mit „{p.text}“, "
                  f"{story.label(b.article)} mit „{q.text}“ im selben Zitat.")
            return Contradiction(contradiction_id("quote", refs, p.text + q.text), "quote",
                                 sev, expl, refs, de)
    return None
