"""Extra same-statement pairs for the contradiction checks, found by shared wording.

The claim aligner may (rightly, for facts) keep two sentences apart that differ exactly where
a contradiction lives ("wurde besprochen" / "wurde nicht besprochen"). The checks therefore
also look at pairs of sentences from independent outlets that share most of their content
words. The checks themselves still need a concrete difference (a flipped negation, another
figure, another date) on top of this.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Ref
from .claims import Claim, ClaimGroup
from .contra_text import Story, content_lemmas

__all__ = ["lexical_groups"]

# Two sentences are one statement for the checks when their content lemmas overlap this
# much (Jaccard) and they share at least LEXICAL_MIN_SHARED lemmas. Example corpus: the
# boat-ban pair scores 0.6 with 6 shared; seeds: different statements of one story score
# below 0.35.
LEXICAL_PAIR_JACCARD = 0.5
LEXICAL_MIN_SHARED = 4
# Lemmas in more sentences than this are too common to seed a candidate pair.
MAX_POSTING = 200


def lexical_groups(story: Story) -> list[ClaimGroup]:
    """Two-claim groups of whole sentences from independent outlets with shared wording."""
    sents: list[tuple[Ref, str, set[str]]] = []
    for aid, art in story.articles.items():
        lang = story.language(aid)
        for s in art.sentences:
            if s.heading or s.text.rstrip().endswith("?"):
                continue
            lem = {w for w in content_lemmas(s.text, lang) if not w[:1].isdigit()}
            if len(lem) >= LEXICAL_MIN_SHARED:
                sents.append((Ref(aid, s.i), s.text, lem))
    index: dict[str, list[int]] = defaultdict(list)
    for k, (_, _, lem) in enumerate(sents):
        for w in lem:
            index[w].append(k)
    seen: set[tuple[int, int]] = set()
    out = []
    for k, (ref, text, lem) in enumerate(sents):
        cands: dict[int, int] = defaultdict(int)
        for w in lem:
            post = index[w]
            if len(post) > MAX_POSTING:
                continue
            for j in post:
                if j > k:
                    cands[j] += 1
        for j, shared in cands.items():
            if shared < LEXICAL_MIN_SHARED or (k, j) in seen:
                continue
            oref, otext, olem = sents[j]
            if not story.independent(ref.article, oref.article):
                continue
            if shared / len(lem | olem) < LEXICAL_PAIR_JACCARD:
                continue
            seen.add((k, j))
            claims = tuple(_claim(story, r, t) for r, t in ((ref, text), (oref, otext)))
            out.append(ClaimGroup(f"lex-{ref.article}:{ref.sentence}-{oref.article}:"
                                  f"{oref.sentence}", claims))
    return out


def _claim(story: Story, ref: Ref, text: str) -> Claim:
    s = story.articles[ref.article].sentences[ref.sentence]
    return Claim(ref, story.outlet(ref.article), text, s.start, s.end)
