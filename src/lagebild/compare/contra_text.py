"""Text helpers shared by the contradiction, quote and framing checks.

Content lemmas, negation, explicit dates and weekday names, outlet independence. Kept here
so each check module stays small; nothing in this module decides what is a contradiction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lang import calendar
from ..lang.calendar import month_name, weekday_name
from ..lang.fold import fold as _kit_fold
from ..lang.negation import LEXICAL_NEGATIVE, NOT_NEGATING_NEXT, is_negator, negators
from ..lang.quotes import quote_span_re
from ..models import Article, Extraction, Ref, Sentence
from ..text.lemmas import Token, tag
from .context import StoryContext

__all__ = [
    "WEEKDAY_NAMES",
    "DateMention",
    "Story",
    "content_lemmas",
    "find_dates",
    "fold",
    "negations",
    "sentence_at",
    "tagged",
]

# English display names for the explanations (the kit's calendar owns every name).
WEEKDAY_NAMES = [weekday_name(k, "en") for k in range(1, 8)]
MONTH_NAMES = [month_name(k, "en") for k in range(1, 13)]
# The kit's negators, all languages (content words never include them).
NEGATORS = negators(None)

STOP_LEMMAS = {
    "sein", "haben", "werden", "können", "müssen", "sollen", "wollen", "dürfen", "mögen",
    "sagen", "erklären", "betonen", "berichten", "teilen", "mitteilen", "laut", "auch",
    "so", "noch", "bereits", "schon", "weiterhin", "erneut", "jedoch", "aber", "dabei",
    "be", "have", "do", "say", "tell", "also", "ser", "estar", "haber", "decir",
}
CONTENT_POS = ("NN", "NE", "VV", "ADJ", "FM", "CARD")
_EN_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "that",
            "this", "is", "was", "were", "be", "been", "it", "he", "she", "they", "his", "her",
            "their", "at", "by", "from", "as", "had", "has", "have", "el", "la", "los", "las",
            "de", "del", "que", "en", "y", "con", "por", "para", "un", "una", "se", "su",
            "would", "could", "should", "will", "want", "there", "then", "than", "what",
            "which", "when", "where", "them", "these", "those", "very", "just", "only",
            "about", "into", "over", "also", "some", "such", "your", "our", "ours", "mine",
            "está", "esta", "este", "pero", "como", "más", "sobre", "entre", "sido", "sería"}


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces (for name/quote equality):
    the kit's ``lang.fold.fold``."""
    return _kit_fold(text)


@lru_cache(maxsize=8192)
def tagged(text: str, language: str | None = "de") -> tuple[Token, ...]:
    """Tokens with lemma and POS (cached: the same clause is looked at by several checks)."""
    lang = (language or "de")[:2]
    return tuple(tag(text, lang, 0))


def content_lemmas(text: str, language: str | None = "de") -> set[str]:
    """Lower-cased lemmas of the nouns, names, full verbs, adjectives and figures of a text."""
    out: set[str] = set()
    lang = (language or "de")[:2]
    for t in tagged(text, lang):
        lem = (t.lemma or t.text).lower()
        if lang == "de":
            if not t.pos.startswith(CONTENT_POS) or lem in STOP_LEMMAS or lem in NEGATORS:
                continue
        else:
            if not t.text[:1].isalnum() or lem in _EN_STOP or lem in STOP_LEMMAS or \
                    lem in NEGATORS or len(lem) < 3:
                continue
        out.add(lem)
    return out


def negations(text: str, language: str | None = "de") -> list[int]:
    """Indices (into ``tagged(text)``) of the tokens that negate the statement."""
    toks = tagged(text, language)
    out = []
    for i, t in enumerate(toks):
        if is_negator(t.text, language) or t.pos == "PTKNEG":
            nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
            if nxt in NOT_NEGATING_NEXT:
                continue
            out.append(i)
    return out


# Content words this many tokens after a negator are in its scope ("keine konkreten
# Fortschritte", "nicht konkret angesprochen"); seeds + example corpus.
NEGATION_SCOPE = 3
# A quotation mark opens a quote up to its closing mark or, when the sentence splitter cut
# the quote, to the end of the clause (the kit's quote marks).
_QUOTED = quote_span_re(closed=False)


def negation_scopes(text: str, language: str | None = "de",
                    skip_quoted: bool = False) -> tuple[set[str], set[str]]:
    """(negated content lemmas, all content lemmas) of a clause, lower-cased.

    A lemma is negated when it follows a negator within NEGATION_SCOPE tokens (up to the
    next punctuation). With ``skip_quoted`` words inside quotation marks are left out on
    both counts: a quote is the speaker's wording, checked by the quote checks.
    """
    lang = (language or "de")[:2]
    toks = tagged(text, lang)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if skip_quoted else []
    def is_content(t: Token) -> bool:
        if lang == "de":
            return t.pos.startswith(("NN", "NE", "VV", "ADJ"))
        return (t.text[:1].isalpha() and len(t.text) > 3 and t.text.lower() not in _EN_STOP
                and (t.lemma or t.text).lower() not in STOP_LEMMAS)

    def outside(t: Token) -> bool:
        return not any(a <= t.start < b for a, b in quoted)

    content = {(t.lemma or t.text).lower() for t in toks if is_content(t) and outside(t)}
    negated_at: set[int] = set()
    for i in negations(text, lang):
        if any(a <= toks[i].start < b for a, b in quoted):
            continue
        for k in range(i + 1, min(len(toks), i + 1 + NEGATION_SCOPE)):
            t = toks[k]
            if not t.text[:1].isalnum() or t.text.lower() in NOT_NEGATING_NEXT:
                break
            if is_content(t):
                negated_at.add(k)
    # a word counts as negated only when none of its uses in the clause is free of negation
    free = {(t.lemma or t.text).lower() for k, t in enumerate(toks)
            if is_content(t) and k not in negated_at and outside(t)}
    negated = {(toks[k].lemma or toks[k].text).lower() for k in negated_at} - free
    return negated, content


def has_lexical_negative(text: str, language: str | None = "de") -> bool:
    return any((t.lemma or "").lower() in LEXICAL_NEGATIVE for t in tagged(text, language))


@dataclass(frozen=True)
class DateMention:
    """An explicit calendar date (or weekday) written in a sentence."""

    text: str
    start: int  # offsets in the article text
    end: int
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None  # weekday named next to the date (or alone)

    def date(self, year: int | None = None) -> dt.date | None:
        y = self.year or year
        if not (y and self.month and self.day):
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Explicit dates ("Donnerstag (4. Juli)", "03.07.2025", "July 3, 2025", "9 de marzo")
    and bare weekday names ("an diesem Donnerstag") in ``text``; offsets shifted by
    ``offset``. Read by the kit's calendar; weekdays here count from Monday = 0."""
    return [DateMention(m.text, m.start, m.end, m.year, m.month, m.day,
                        None if m.weekday is None else m.weekday - 1)
            for m in calendar.find_dates(text, offset)]


def sentence_at(article: Article, pos: int) -> Sentence | None:
    """The sentence holding character ``pos`` (or the next one when ``pos`` is between)."""
    for s in article.sentences:
        if s.start <= pos < s.end:
            return s
    return next((s for s in article.sentences if s.start >= pos), None)


class Story:
    """Look-ups over the articles of one story: outlets, copies, sentences, years."""

    def __init__(self, articles: Sequence[Article], extractions: Mapping[str, Extraction],
                 ctx: StoryContext | None = None):
        self.articles = {a.id: a for a in articles if a.status == "ok"}
        self.extractions = extractions
        self.ctx = ctx if ctx is not None else StoryContext.build(list(self.articles.values()), extractions)

    def outlet(self, article_id: str) -> str:
        """The name of the outlet an article counts for (its original's, whole copy chain)."""
        return self.ctx.outlet_name(article_id)

    def label(self, article_id: str) -> str:
        """How an explanation names the source: the outlet, else the article id."""
        return self.ctx.label(article_id)

    def independent(self, a: str, b: str) -> bool:
        """True when two articles are from different outlets and neither copies the other."""
        return self.ctx.independent(a, b)

    def sentence(self, ref: Ref) -> Sentence | None:
        a = self.articles.get(ref.article)
        if a is None or not (0 <= ref.sentence < len(a.sentences)):
            return None
        return a.sentences[ref.sentence]

    def language(self, article_id: str) -> str:
        a = self.articles.get(article_id)
        return ((a.language if a else None) or "de")[:2]

    def year(self, article_id: str) -> int | None:
        """The year relative dates of this article are anchored to (publication year)."""
        a = self.articles.get(article_id)
        if a and a.published and re.match(r"\d{4}", a.published):
            return int(a.published[:4])
        return None
