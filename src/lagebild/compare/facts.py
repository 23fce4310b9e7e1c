"""Facts and exclusives from the aligned claim groups (see ``alignment`` for the groups).

Negation and numbers do not stop grouping (contradictions are looked for inside groups), but
a fact never presents a negated and a plain claim, or 41 and 14, as agreeing: such members
stay in the ClaimGroup and are left out of the fact's support.

Nothing here composes text: every fact and exclusive carries the text of a real sentence
and Refs to every sentence that supports it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from ..lang.fold import DASHES
from ..lang.negation import is_negator
from ..lang.quotes import QUOTE_CHARS, is_quote_char
from ..models import Article, Exclusive, Fact, Ref, Sentence
from .alignment import Alignment, FactOptions, align_claims, outlet_keys, split_claims
from .claims import Claim, ClaimGroup
from .context import StoryContext
from .facts_text import dates_conflict, negated, numbers_conflict, weekdays_conflict
from .summary import summarize

__all__ = [
    "Alignment",
    "FactOptions",
    "align_claims",
    "exclusives",
    "facts_from_groups",
    "outlet_keys",
    "split_claims",
    "summarize",
]


def _agreeing(al: Alignment, g: ClaimGroup, anchor: Claim, langs: Mapping[str, str | None]) -> list[Claim]:
    """The members of ``g`` that agree with its anchor: same polarity ("nicht"/"kein"/
    "no" on both sides or on neither) and no conflicting number. The others stay in the
    group for the contradiction finder but do not support the fact."""
    out = []
    a_neg = negated(anchor.text, langs.get(anchor.ref.article))
    for c in g.claims:
        if c is not anchor and c != anchor:
            if negated(c.text, langs.get(c.ref.article)) != a_neg and _polarity_matters(anchor, c, a_neg):
                continue
            if numbers_conflict(anchor.text, c.text) or dates_conflict(anchor.text, c.text) or weekdays_conflict(anchor.text, c.text):
                continue
        out.append(c)
    return out


def _polarity_matters(a: Claim, b: Claim, a_negated: bool) -> bool:
    """A polarity difference counts when the negated claim denies something the other
    claim says: a word in the negator's scope (the two words after it, or the three before
    a final "nicht") appears in the other claim ("war die Fähre nicht überladen" /
    "war die Fähre überladen"). Paraphrases ("hält an seinen Zielen fest" / "werde seine
    Ziele nicht ändern") keep agreeing."""
    neg, other = (a, b) if a_negated else (b, a)

    def stem(w: str) -> str:  # "besprochen" and "gesprochen" share "sproc"
        return (w[2:] if len(w) > 6 and w[:2] in ("ge", "be") else w)[:5]

    other_stems = {stem(w) for w in re.findall(r"\w+", other.text.lower()) if len(w) > 3}
    # the scope ends at a clause border: in "entgleiste nach einem Erdrutsch, verletzt wurde
    # niemand" the negation is about "verletzt", not "Erdrutsch" (realnews_dev flood)
    for clause in re.split(r"[,;:–—]", neg.text.lower()):
        words = re.findall(r"\w+", clause)
        for k, w in enumerate(words):
            if not is_negator(w):
                continue
            after = [x for x in words[k + 1 : k + 3] if len(x) > 3]
            scope = after or [x for x in words[max(0, k - 3) : k] if len(x) > 3]
            if any(stem(x) in other_stems for x in scope):
                return True
    return False


# A member may give the fact its text (instead of a headline or foreign-language anchor)
# when the anchor also contains it this well: it then says no more than the anchor
# (examples: the headline "Schülergruppe aus der Partnerstadt an Bord" must not become
# "Unter ihnen waren 18 Schülerinnen ...").
TEXT_MUTUAL_LINK = 0.78


def facts_from_groups(
    al: Alignment, articles: Sequence[Article], prefer_language: str | None = "de",
    ctx: StoryContext | None = None,
) -> list[Fact]:
    """Statements supported by two or more independent outlets, most widely carried first.

    A fact's text is a real claim (its anchor, or the member in ``prefer_language`` when
    the anchor is in another language or a headline); its support lists every sentence
    that contains that statement and agrees with it (no negation or number conflict).
    """
    langs = {a.id: a.language for a in articles}
    keys = dict(ctx.outlets) if ctx is not None else outlet_keys(articles)
    heading = {Ref(a.id, s.i) for a in articles for s in a.sentences if s.heading}
    sent = {Ref(a.id, s.i): s for a in articles for s in a.sentences}
    # read only when a group makes a fact (a one-outlet story has none: issue #9, its
    # loaded-term scan is not needed); computed once, on first use
    tainted: dict[Ref, int] | None = None
    index = {c: i for i, c in enumerate(al.claims)}
    facts: list[Fact] = []
    for g in al.groups:
        if len(g.outlets) < 2:
            continue
        a_i = al.anchors.get(g.id)
        anchor = al.claims[a_i] if a_i is not None else g.claims[0]
        agree = _agreeing(al, g, anchor, langs)
        others = [c for c in g.claims if c not in agree]
        ref_claim = anchor
        if others:
            # the side most outlets take is the fact ("nicht überladen" in three outlets,
            # "überladen" in one); the other side stays in the group for the contradiction
            # finder
            n_agree = len({keys.get(c.ref.article, c.outlet) for c in agree})
            n_other = len({keys.get(c.ref.article, c.outlet) for c in others})
            if n_other > n_agree and al.link is not None and a_i is not None:
                lk, ai = al.link, a_i
                ref_claim = max(others, key=lambda c: float(lk[ai, index[c]]) - 0.01 * len(c.text.split()))
                agree = _agreeing(al, g, ref_claim, langs)
        n_out = len({keys.get(c.ref.article, c.outlet) for c in agree})
        if n_out < 2:
            continue
        text = ref_claim.text
        rep = ref_claim
        if ref_claim is not anchor or anchor.ref in heading or (prefer_language and langs.get(anchor.ref.article) != prefer_language):
            body = [c for c in agree if c.ref not in heading and langs.get(c.ref.article) == prefer_language]
            body = body or [c for c in agree if c.ref not in heading]
            if ref_claim is not anchor:
                body = [c for c in body if c.ref != anchor.ref]
            if al.link is not None and a_i is not None and ref_claim is anchor:
                # only a member that says no more than the anchor may stand for it
                body = [c for c in body if float(al.link[index[c], a_i]) >= TEXT_MUTUAL_LINK]
            if body and al.link is not None and a_i is not None:
                link = al.link
                rep = max(body, key=lambda c: (float(link[a_i, index[c]]) - 0.01 * len(c.text.split())))
                text = rep.text
        refs = tuple(sorted({c.ref for c in agree}))
        if tainted is None:
            tainted = tainted_sentences(articles)
        shown = _shown_sentence(rep, agree, sent, heading, langs, prefer_language, tainted, index, al, a_i)
        if shown is None:
            facts.append(Fact("f-" + g.id[2:], text, refs, n_out))
            continue
        claim, s = shown
        mark = (claim.start - s.start, claim.end - s.start)
        whole = mark == (0, len(s.text)) or claim.text.strip(" .!") == s.text.strip(" .!")
        facts.append(Fact("f-" + g.id[2:], s.text, refs, n_out, Ref(claim.ref.article, s.i), None if whole else mark))
    facts = _one_per_wording(facts, keys)
    facts.sort(key=lambda f: (-f.outlets, min(f.support)))
    return facts


def _one_per_wording(facts: list[Fact], keys: Mapping[str, str]) -> list[Fact]:
    """Facts shown as the same sentence with the same part marked say the same thing: the
    page shows them once, citing the union of their supports (and so of their outlets)."""
    merged: dict[tuple[str, Ref | None, tuple[int, int] | None], Fact] = {}
    for f in sorted(facts, key=lambda f: (-f.outlets, min(f.support))):
        key = (f.text, f.ref, f.mark)
        have = merged.get(key)
        if have is None:
            merged[key] = f
            continue
        refs = tuple(sorted(set(have.support) | set(f.support)))
        n_out = len({keys.get(r.article, r.article) for r in refs})
        merged[key] = Fact(have.id, have.text, refs, n_out, have.ref, have.mark)
    return _adjacent_parts_joined(list(merged.values()), keys)


def _adjacent_parts_joined(facts: list[Fact], keys: Mapping[str, str]) -> list[Fact]:
    """Two facts shown as the same sentence, carried by the same outlets, whose marked parts
    touch (nothing but spaces and punctuation between them) or where one marks the whole
    sentence, are one fact: the same outlets hold both parts. The page showed the sentence
    twice ("Es ist das sechste Mal: Die EZB setzt ihren Kurs fort" once per clause, both
    from the same two outlets; realnews_dev: 6 of 17 such pairs). A part and the whole
    sentence are one fact when one side's outlets are among the other's (2 more); other
    parts carried by different outlets stay apart: each names its own outlets."""
    def outlets_of(f: Fact) -> set[str]:
        return {keys.get(r.article, r.article) for r in f.support}

    out: list[Fact] = []
    for f in facts:
        outlets = outlets_of(f)
        for k, have in enumerate(out):
            if have.text != f.text or have.ref != f.ref or f.ref is None:
                continue
            held = outlets_of(have)
            if held == outlets:
                touching, mark = _joined_mark(f.text, have.mark, f.mark)
                if not touching:
                    continue
                refs = tuple(sorted(set(have.support) | set(f.support)))
                out[k] = Fact(have.id, have.text, refs, have.outlets, have.ref, mark)
                break
            # the whole sentence and a part of it: the part's outlets hold the part, the
            # whole's hold it too. Shown once, nothing claimed for an outlet it did not say.
            whole, part = (have, f) if have.mark is None else (f, have) if f.mark is None else (None, None)
            if whole is None or part is None:
                continue
            if outlets_of(whole) <= outlets_of(part):  # the part, cited by both sides
                refs = tuple(sorted(set(have.support) | set(f.support)))
                out[k] = Fact(part.id, part.text, refs, part.outlets, part.ref, part.mark)
                break
            if outlets_of(part) <= outlets_of(whole):  # the whole says it all
                out[k] = whole
                break
        else:
            out.append(f)
    return out


def _joined_mark(text: str, a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[bool, tuple[int, int] | None]:
    """(whether parts ``a`` and ``b`` of ``text`` touch, the mark covering both): nothing with
    a word character may stand between them; None marks the whole sentence."""
    if a is None or b is None:
        return True, None
    first, second = sorted((a, b))
    if text[first[1] : second[0]].strip(_JOIN_GAP_CHARS):
        return False, None
    end = max(first[1], second[1])
    if not text[: first[0]].strip(_JOIN_GAP_CHARS) and not text[end:].strip(_JOIN_GAP_CHARS + "!?"):
        return True, None  # the parts make up the whole sentence
    return True, (first[0], end)


# What may stand between two marked parts that are joined: spaces and punctuation, no word.
_JOIN_GAP_CHARS = " \t,;:.-" + DASHES


def _shown_sentence(
    rep: Claim,
    agree: Sequence[Claim],
    sent: Mapping[Ref, Sentence],
    heading: set[Ref],
    langs: Mapping[str, str | None],
    prefer_language: str | None,
    tainted: Mapping[Ref, int],
    index: Mapping[Claim, int],
    al: Alignment,
    a_i: int | None,
) -> tuple[Claim, Sentence] | None:
    """The support sentence a fact is shown as: a complete statement (never a headline or a
    sentence that opens as a subordinate clause), in the story's main language when one
    exists, without loaded terms or translation leftovers when a clean one exists, and
    saying little besides the fact (shortest first among equals).

    ``rep`` (the claim chosen as the fact's wording) wins when its sentence qualifies."""
    def rank(c: Claim) -> tuple[int, int, int, int, float, int]:
        s = sent[c.ref]
        link = 0.0
        if al.link is not None and a_i is not None and c in index:
            link = float(al.link[a_i, index[c]])
        return (
            c.ref in heading or not complete_sentence(s.text),
            bool(prefer_language) and langs.get(c.ref.article) != prefer_language,
            tainted.get(c.ref, 0),
            c is not rep,
            -round(link, 1),
            len(s.text),
        )

    pool = [c for c in agree if c.ref in sent]
    if not pool:
        return None
    best = min(pool, key=rank)
    if best.ref in heading or not complete_sentence(sent[best.ref].text):
        return None
    return best, sent[best.ref]


# Words that open a subordinate clause (German, English, Spanish): a sentence starting with
# one and holding no main clause after a comma states nothing on its own ("Während der
# US-Präsident weitere Gespräche plant"). Read off the seeds' and realnews_dev's fragments.
_SUBORDINATORS = frozenset({
    "während", "weil", "dass", "daß", "nachdem", "obwohl", "wenn", "ob", "damit", "bevor",
    "seitdem", "indem", "falls", "sodass", "wobei", "which", "while", "because", "although",
    "whereas", "que", "mientras", "aunque", "porque",
})


# What may stand before a sentence's first word: quote marks, a bracket, a dash, spaces.
_OPENERS = "".join(sorted(QUOTE_CHARS)) + "(–— "


def complete_sentence(text: str) -> bool:
    """A sentence that can stand alone: starts with a capital (or a digit or quotation mark),
    ends like a sentence and does not open as a bare subordinate clause."""
    t = text.strip()
    if len(t.split()) < 3:
        return False
    first = t.lstrip(_OPENERS)
    if not first or first[0].islower():
        return False
    if t[-1] not in ".!…" and not is_quote_char(t[-1]):
        return False
    word = re.split(r"\W+", first.lower(), maxsplit=1)[0]
    return not (word in _SUBORDINATORS and "," not in t)


def tainted_sentences(articles: Sequence[Article]) -> dict[Ref, int]:
    """How unfit each sentence is to stand for a fact: 2 for a loaded term in the outlet's
    voice, 1 for a machine-translation leftover in it or in its article."""
    from .framing import loaded_sentences
    from .translation import find_translation_artifacts

    out: dict[Ref, int] = {}
    for a in articles:
        if a.status != "ok":
            continue
        artifacts = find_translation_artifacts(a)
        for s in a.sentences:
            if artifacts:
                out[Ref(a.id, s.i)] = 1
        for t in artifacts:
            out[Ref(a.id, t.sentence)] = 2
        for i in loaded_sentences(a):
            out[Ref(a.id, i)] = 3
    return out


def exclusives(
    al: Alignment, articles: Sequence[Article], options: FactOptions | None = None,
    ctx: StoryContext | None = None,
) -> list[Exclusive]:
    """Substantive sentences that only one outlet makes (nothing alike in another outlet).

    Stories told by a single outlet have no exclusives: everything would be one. Copies
    make no exclusives of their own.
    """
    opt = options or FactOptions()
    keys = dict(ctx.outlets) if ctx is not None else outlet_keys(articles)
    if len(set(keys.values())) < 2 or not al.claims:
        return []
    idx_by_sentence: dict[Ref, list[int]] = {}
    for i, c in enumerate(al.claims):
        idx_by_sentence.setdefault(c.ref, []).append(i)
    outlets = np.array([hash(c.outlet) for c in al.claims])
    out: list[Exclusive] = []
    for a in articles:
        if a.duplicate_of or a.status != "ok":
            continue
        for s in a.sentences:
            words = s.text.split()
            # a question states nothing; a sentence ending in a colon only introduces what
            # follows ("In einer Erklärung sagte Anna Kelly, Sprecherin des Weißen Hauses:")
            if s.heading or len(words) < opt.min_exclusive_words or s.text.rstrip().endswith(("?", ":")):
                continue
            idx = idx_by_sentence.get(Ref(a.id, s.i), [])
            if not idx:
                continue
            other = np.where(outlets != hash(keys[a.id]))[0]
            if not len(other):
                continue
            best = float(al.scores[np.ix_(np.asarray(idx, dtype=np.intp), other)].max())
            if best < opt.exclusive_ceiling:
                out.append(Exclusive(s.text, Ref(a.id, s.i)))
    return out
