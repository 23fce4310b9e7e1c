"""How each outlet frames the story: loaded terms, tone, headline vs body, left-out facts.

``frame_articles`` gives one ``Framing`` per article:

- ``loaded_terms``: evaluative words from ``lexicon/<language>.tsv`` used in the outlet's own
  voice (text inside quotation marks is the speaker's, not the outlet's, and is skipped).
  Matching is on word stems, so every inflection counts ("barbarischen Invasion"), and on
  compound parts ("Russen-Diktator", "Kreml-Tyrann" via the entries' ``head``/``prefix``
  match). See ``lexicon/README.md`` for the format.
- ``tone`` in [-1, 1]: lexicon-based. Each matched term contributes its weight (negative
  for derogatory, positive for praise); tone = sum(weights) / (sum(|weights|) +
  TONE_DAMPING). No loaded words gives 0; one derogatory term about -0.33, five about -0.7.
  It says how much the outlet itself evaluates, not whether the news is good or bad.
- ``headline_mismatch``: a sentence when the headline gives a figure the body contradicts,
  or names a person (from the extraction) the body never mentions; else None. Conservative:
  a headline that merely summarises is never flagged.
- ``missing_facts``: ids of the story's facts none of whose support is in this article (a
  copy carries what its original carries).
- ``translation_artifacts``: :func:`lagebild.compare.translation.find_translation_artifacts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..lang.quotes import quote_span_re
from ..models import Article, Extraction, Fact, Framing, LoadedTerm
from ..text.lemmas import tokenize
from .context import StoryContext, copy_chain
from .numbers import amounts_agree, comparable, find_amounts
from .quotes import name_key
from .translation import find_translation_artifacts

__all__ = ["LexiconEntry", "find_loaded_terms", "frame_articles", "load_lexicon", "tone"]

# Keeps one stray loaded word from pinning the tone at -1 (calibrated by hand: the seeds'
# tabloid outlet with two labels scores -0.5, a neutral agency text 0).
TONE_DAMPING = 2.0
MATCH_KINDS = {"word", "head", "prefix", "prefix-", "phrase"}
# A compound head/prefix match needs at least this many letters in the other part.
COMPOUND_MIN_PART = 3
_QUOTE_SPAN = quote_span_re()  # the kit's quotation marks


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    match: str  # word | head | prefix | prefix- | phrase
    weight: float
    why: str
    language: str
    why_de: str | None = None  # ``why`` in German (fifth column of the lexicon)


# A pure function called for every (token, lexicon term) pair: 4 million calls on 100
# 10kGNAD articles (profile, issue #9); memoised per word.
@lru_cache(maxsize=65536)
def _stem(word: str, language: str) -> str:
    w = word.lower()
    if language == "en":
        if w.endswith("oes"):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 4:
            w = w[:-1]
        for end in ("ing", "ed"):
            if w.endswith(end) and len(w) - len(end) >= 3:
                w = w[: -len(end)]
                if len(w) > 2 and w[-1] == w[-2]:
                    w = w[:-1]
                break
        return w
    endings = ("en", "em", "er", "es", "e", "n", "s") if language == "de" else ("es", "s")
    for end in endings:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


@lru_cache(maxsize=8)
def load_lexicon(language: str) -> tuple[LexiconEntry, ...]:
    """The loaded-terms lexicon of one language ("de", "en", "es"); empty when there is none."""
    path = resources.files("lagebild.compare").joinpath(f"lexicon/{language}.tsv")
    if not path.is_file():
        return ()
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (4, 5) or parts[1] not in MATCH_KINDS:
            raise ValueError(f"lexicon/{language}.tsv line {n}: expected term, match, weight, "
                             f"why and optionally why in German separated by tabs "
                             f"(match one of {sorted(MATCH_KINDS)})")
        why_de = parts[4].strip() if len(parts) == 5 and parts[4].strip() else None
        out.append(LexiconEntry(parts[0], parts[1], float(parts[2]), parts[3].strip(), language, why_de))
    return tuple(out)


def _token_match(e: LexiconEntry, word: str, sentence_initial: bool) -> bool:
    lang = e.language
    if e.term[:1].islower() and word[:1].isupper() and not sentence_initial and lang == "de":
        return False  # "feige" (cowardly) is not "Feige" (fig)
    sw, st = _stem(word, lang), _stem(e.term, lang)
    if e.match == "word":
        return sw == st
    if e.match == "head":
        if sw == st:
            return True
        return sw.endswith(st) and len(sw) - len(st) >= COMPOUND_MIN_PART and \
            (sw[-len(st) - 1] == "-" or lang == "de")
    if e.match == "prefix-":
        return word.lower().startswith(e.term.lower() + "-") and \
            len(word) - len(e.term) - 1 >= COMPOUND_MIN_PART
    if e.match == "prefix":
        w, t = word.lower(), e.term.lower()
        return w.startswith(t) and len(w) - len(t) - (w[len(t):len(t) + 1] == "-") >= \
            COMPOUND_MIN_PART
    return False


def find_loaded_terms(article: Article,
                      quote_spans: Sequence[tuple[int, int]] = ()) -> list[LoadedTerm]:
    """Lexicon terms in the outlet's own voice, one per word (phrases win over words), each
    listed once per article at its first use."""
    return [t for t, _ in _match_terms(article, quote_spans)]


def loaded_sentences(article: Article) -> set[int]:
    """Indexes of the sentences that use a loaded term in the outlet's own voice (every use,
    not only the first)."""
    return set(_loaded_sentences(article))


# Articles whose loaded sentences are remembered: a dossier asks for the title and the
# facts of each article (issue #9).
LOADED_MEMO = 256


@lru_cache(maxsize=LOADED_MEMO)
def _loaded_sentences(article: Article) -> frozenset[int]:
    return frozenset(t.sentence for t, _ in _match_terms(article, (), once=False))


def _match_terms(article: Article,
                 quote_spans: Sequence[tuple[int, int]], once: bool = True) -> list[tuple[LoadedTerm, float]]:
    lang = (article.language or "de")[:2]
    lex = load_lexicon(lang)
    if not lex:
        return []
    phrases = _phrases(lang)
    out: list[tuple[LoadedTerm, float]] = []
    seen_terms: set[str] = set()  # a term is listed once per article, where it first occurs
    for s in article.sentences:
        quoted = [(m.start() + s.start, m.end() + s.start)
                  for m in _QUOTE_SPAN.finditer(s.text)] + list(quote_spans)
        toks = [t for t in tokenize(s.text, s.start) if t.text[:1].isalnum()]
        stems = [_stem(t.text, lang) for t in toks]  # once per token, not per phrase and place
        used: set[int] = set()
        present = set(stems)  # a phrase whose first word the sentence lacks matches nowhere
        for e, parts in phrases:
            if parts[0] not in present:
                continue
            for k in range(len(toks) - len(parts) + 1):
                if stems[k] != parts[0]:
                    continue
                window = toks[k:k + len(parts)]
                if any(i in used for i in range(k, k + len(parts))):
                    continue
                if all(stems[k + m] == p for m, p in enumerate(parts)):
                    if _inside(window[0].start, quoted):
                        continue
                    used.update(range(k, k + len(parts)))
                    term = article.text[window[0].start:window[-1].end]
                    if term.lower() not in seen_terms or not once:
                        seen_terms.add(term.lower())
                        out.append((LoadedTerm(term, s.i, e.why, e.why_de), e.weight))
        for k, t in enumerate(toks):
            if k in used or _inside(t.start, quoted):
                continue
            single = _first_single(lang, t.text, k == 0)
            if single is not None:
                used.add(k)
                if t.text.lower() not in seen_terms or not once:
                    seen_terms.add(t.text.lower())
                    out.append((LoadedTerm(t.text, s.i, single.why, single.why_de), single.weight))
    return out


@lru_cache(maxsize=8)
def _phrases(lang: str) -> tuple[tuple[LexiconEntry, tuple[str, ...]], ...]:
    """The phrase entries of a lexicon with the stems of their words, in lexicon order
    (entries without words are left out: they match nothing)."""
    out = []
    for e in load_lexicon(lang):
        if e.match == "phrase" and e.term.split():
            out.append((e, tuple(_stem(p, lang) for p in e.term.split())))
    return tuple(out)


@lru_cache(maxsize=65536)
def _first_single(lang: str, word: str, sentence_initial: bool) -> LexiconEntry | None:
    """The strongest single-word lexicon entry matching ``word`` (memoised per word): the
    first of ``_singles(lang)`` that ``_token_match`` accepts.

    The same tests as ``_token_match``, in the same order, with the word's stem and lower
    case computed once per word and each entry's once per language (issue #9: a new word
    was compared with every entry through ``_token_match``, a million calls on 300 10kGNAD
    articles' one-article dossiers; tests/test_speed6.py compares the two on every word of
    the example corpus and on made-up compounds)."""
    upper_inside = word[:1].isupper() and not sentence_initial and lang == "de"
    sw = _stem(word, lang)
    low = word.lower()
    stems, starts = _single_keys(lang)
    # every match needs an entry stem that ends the word's stem (word, head) or an entry
    # that starts the word (prefix, prefix-): most words have neither and match nothing
    if not any(sw[k:] in stems for k in range(len(sw) + 1)) and \
            not any(low[:k] in starts for k in range(len(low) + 1)):
        return None
    for e, st, term_low, lower_term in _single_index(lang):
        if lower_term and upper_inside:
            continue  # "feige" (cowardly) is not "Feige" (fig)
        if e.match == "word":
            if sw == st:
                return e
        elif e.match == "head":
            if sw == st or (sw.endswith(st) and len(sw) - len(st) >= COMPOUND_MIN_PART
                            and (sw[-len(st) - 1] == "-" or e.language == "de")):
                return e
        elif e.match == "prefix-":
            if low.startswith(term_low + "-") and len(word) - len(e.term) - 1 >= COMPOUND_MIN_PART:
                return e
        elif e.match == "prefix" and low.startswith(term_low) and \
                len(low) - len(term_low) - (low[len(term_low):len(term_low) + 1] == "-") >= COMPOUND_MIN_PART:
            return e
    return None


@lru_cache(maxsize=8)
def _single_index(lang: str) -> tuple[tuple[LexiconEntry, str, str, bool], ...]:
    """``_singles(lang)`` in order, each with its stem, its lower case and whether it is
    written in lower case (what ``_token_match`` computes of the entry on every call)."""
    return tuple((e, _stem(e.term, e.language), e.term.lower(), e.term[:1].islower()) for e in _singles(lang))


@lru_cache(maxsize=8)
def _single_keys(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(stems of the word and head entries, lower-case terms of the prefix entries)."""
    index = _single_index(lang)
    return (frozenset(st for e, st, _t, _l in index if e.match in ("word", "head")),
            frozenset(t for e, _s, t, _l in index if e.match in ("prefix", "prefix-")))


@lru_cache(maxsize=8)
def _singles(lang: str) -> tuple[LexiconEntry, ...]:
    return tuple(sorted((e for e in load_lexicon(lang) if e.match != "phrase"), key=lambda e: -abs(e.weight)))


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def tone(weights: Sequence[float]) -> float:
    """Lexicon tone in [-1, 1] from the weights of the matched terms (see module doc)."""
    if not weights:
        return 0.0
    return round(sum(weights) / (sum(abs(w) for w in weights) + TONE_DAMPING), 3)


def frame_articles(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    extractions: Mapping[str, Extraction] | None = None,
    ctx: StoryContext | None = None,
) -> list[Framing]:
    """One ``Framing`` per ok article of a story, in the order given (see module doc).

    ``extractions`` (optional) lets direct quotes found by the extract stage count as the
    speaker's words and names the persons a headline may name.
    """
    extractions = extractions or {}
    by_id = ctx.by_id if ctx is not None else {a.id: a for a in articles}
    out = []
    for art in articles:
        if art.status != "ok":
            continue
        ext = extractions.get(art.id)
        qspans = [(q.start, q.end) for q in (ext.quotes if ext else ()) if q.kind == "direct"]
        matched = _match_terms(art, qspans)
        terms = [t for t, _ in matched]
        # a copy carries what its original (every hop up the chain) carries
        carried = {c.id for c in copy_chain(art, by_id)}
        missing = tuple(f.id for f in facts if not any(r.article in carried for r in f.support))
        out.append(Framing(
            article=art.id,
            tone=tone([w for _, w in matched]),
            loaded_terms=tuple(terms),
            translation_artifacts=tuple(find_translation_artifacts(art)),
            headline_mismatch=headline_mismatch(art, ext),
            headline_mismatch_de=headline_mismatch(art, ext, "de"),
            missing_facts=missing,
        ))
    return out


def _headline(art: Article) -> tuple[str | None, set[int]]:
    """The headline text and the indices of the sentences that are headline, not body."""
    if art.title:
        idx = {s.i for s in art.sentences if s.text.strip() == art.title.strip()}
        return art.title, idx
    first = art.sentences[0] if art.sentences else None
    if first is not None and first.heading:
        return first.text, {first.i}
    return None, set()


def headline_mismatch(art: Article, ext: Extraction | None = None, lang: str = "en") -> str | None:
    """Why the headline says more than the body, or None (conservative, see module doc)."""
    head, head_idx = _headline(art)
    if not head:
        return None
    body_sents = [s for s in art.sentences if s.i not in head_idx and not s.heading]
    if not body_sents:
        return None
    body = " ".join(s.text for s in body_sents)
    lang = (art.language or "de")[:2]
    body_amounts = [a for s in body_sents for a in find_amounts(s.text, s.start, lang)]
    for h in find_amounts(head, 0, lang):
        same = [b for b in body_amounts if comparable(h, b)]
        if same and not any(amounts_agree(h, b) for b in same):
            if lang == "de":
                return f"Die Überschrift nennt „{h.text}“, der Text „{same[0].text}“."
            return (f"The headline says „{h.text}“, the body gives „{same[0].text}“.")
    if ext is not None:
        body_keys = name_key(body)
        head_start = art.text.find(head)
        for m in ext.mentions:
            if m.type != "PER" or head_start < 0 or not (head_start <= m.start < head_start
                                                         + len(head)):
                continue
            surname = name_key(m.entity or m.text).split()
            if surname and surname[-1] not in body_keys:
                if lang == "de":
                    return f"Die Überschrift nennt {m.entity or m.text}, der Text erwähnt sie nie."
                return f"The headline names {m.entity or m.text}, the body never mentions them."
    return None
