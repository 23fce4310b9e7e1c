"""Text helpers shared by the contradiction, quote and framing checks.

Content lemmas, negation, explicit dates and weekday names, outlet independence. Kept here
so each check module stays small; nothing in this module decides what is a contradiction.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..models import Article, Extraction, Ref, Sentence
from ..text.lemmas import Token, tag

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

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6, "lunes": 0, "martes": 1, "miércoles": 2,
    "jueves": 3, "viernes": 4, "sábado": 5, "domingo": 6,
}
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "december": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]

_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# "Montagabend", "Mittwochvormittag": a weekday with a part of the day is still that weekday.
_DAYPART = r"(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht)?"
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = rf"(?P<d>\d{{1,2}})\.?\s*(?:de\s+)?(?P<m>{_MO})(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?"
_MONTH_DAY = rf"(?P<m2>{_MO})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
_NUMERIC = r"(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4}|\d{2})\b"
_ISO = r"(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
DATE_RE = re.compile(
    rf"(?:\b(?P<wd>{_WD}){_DAYPART}\b[\s,]*(?:\(\s*|den\s+|dem\s+|the\s+|el\s+)?)?"
    rf"(?:\b{_DAY_MONTH}\b|\b{_MONTH_DAY}\b|\b{_NUMERIC}|\b{_ISO}\b)\)?",
    re.IGNORECASE,
)
WEEKDAY_RE = re.compile(rf"\b(?P<wd>{_WD}){_DAYPART}\b", re.IGNORECASE)

NEGATORS = {
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "keinerlei", "nie",
    "niemals", "nichts", "weder", "noch nie", "not", "n't", "no", "never", "neither", "nor",
    "none", "nothing", "nunca", "ningún", "ninguna", "jamás", "ohne", "without", "sin",
}
# "nicht nur ... sondern auch" and friends are not negations of the statement.
NOT_NEGATING_NEXT = {"nur", "zuletzt", "minder", "umsonst", "ganz", "only", "just"}
# Verbs that carry negative polarity themselves ("Ergebnisse blieben aus").
LEXICAL_NEGATIVE = {
    "ausbleiben", "scheitern", "fehlen", "ablehnen", "verweigern", "bestreiten", "dementieren",
    "zurückweisen", "verhindern", "unterlassen", "verzichten", "absagen", "leugnen",
    "fail", "deny", "refuse", "reject", "lack",
}

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
    """Lower-case, strip accents and punctuation, collapse spaces (for name/quote equality)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("ß", "ss").lower()
    t = re.sub(r"[^\w\s]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


@lru_cache(maxsize=8192)
def tagged(text: str, language: str | None = "de") -> tuple[Token, ...]:
    """Tokens with lemma and POS (cached: the same clause is looked at by several checks)."""
    lang = (language or "de")[:2]
    return tuple(tag(text, lang if lang in ("de",) else lang, 0))


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
        w = t.text.lower()
        if w in NEGATORS or t.pos == "PTKNEG" or w.endswith("n't"):
            nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
            if nxt in NOT_NEGATING_NEXT:
                continue
            out.append(i)
    return out


# Content words this many tokens after a negator are in its scope ("keine konkreten
# Fortschritte", "nicht konkret angesprochen"); seeds + example corpus.
NEGATION_SCOPE = 3
# A quotation mark opens a quote up to its closing mark or, when the sentence splitter cut
# the quote, to the end of the clause.
_QUOTED = re.compile(r"„[^“”\"]*[“”\"]?|»[^«]*«?|“[^”]*”?|\"[^\"]*\"?")


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
    is_content = (lambda t: t.pos.startswith(("NN", "NE", "VV", "ADJ"))) if lang == "de" else \
        (lambda t: t.text[:1].isalpha() and len(t.text) > 3 and t.text.lower() not in _EN_STOP
         and (t.lemma or t.text).lower() not in STOP_LEMMAS)
    def outside(t: Token) -> bool:
        return not any(a <= t.start < b for a, b in quoted)

    content = {(t.lemma or t.text).lower() for t in toks if is_content(t) and outside(t)}
    negated_at: set[int] = set()
    for i in negations(text, lang):
        if any(a <= toks[i].start < b for a, b in quoted):
            continue
        seen = 0
        for k in range(i + 1, len(toks)):
            t = toks[k]
            if not t.text[:1].isalnum() or t.text.lower() in NOT_NEGATING_NEXT:
                break
            if is_content(t):
                negated_at.add(k)
            seen += 1
            if seen >= NEGATION_SCOPE:
                break
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
    """Explicit dates ("Donnerstag (4. Juli)", "03.07.2025", "July 3, 2025") and bare
    weekday names ("an diesem Donnerstag") in ``text``; offsets shifted by ``offset``."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        d = g["d"] or g["d2"] or g["d3"] or g["d4"]
        mo = g["m"] or g["m2"]
        month = MONTHS.get(mo.lower()) if mo else int(g["m3"] or g["m4"])
        y = g["y"] or g["y2"] or g["y3"] or g["y4"]
        year = int(y) if y else None
        if year is not None and year < 100:
            year += 2000
        if not (1 <= int(d) <= 31 and month and 1 <= month <= 12):
            continue
        wd = WEEKDAYS.get(g["wd"].lower()) if g["wd"] else None
        out.append(DateMention(m.group().strip(), m.start() + offset, m.end() + offset,
                               year, month, int(d), wd))
        taken.append((m.start(), m.end()))
    for m in WEEKDAY_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(DateMention(m.group(), m.start() + offset, m.end() + offset, None, None,
                               None, WEEKDAYS[m.group("wd").lower()]))
    return sorted(out, key=lambda x: x.start)


def sentence_at(article: Article, pos: int) -> Sentence | None:
    """The sentence holding character ``pos`` (or the next one when ``pos`` is between)."""
    for s in article.sentences:
        if s.start <= pos < s.end:
            return s
    return next((s for s in article.sentences if s.start >= pos), None)


class Story:
    """Look-ups over the articles of one story: outlets, copies, sentences, years."""

    def __init__(self, articles: Sequence[Article], extractions: Mapping[str, Extraction]):
        self.articles = {a.id: a for a in articles if a.status == "ok"}
        self.extractions = extractions

    def outlet(self, article_id: str) -> str:
        a = self.articles.get(article_id)
        if a is None:
            return article_id
        if a.duplicate_of and a.duplicate_of in self.articles:
            a = self.articles[a.duplicate_of]
        return a.outlet or a.id

    def label(self, article_id: str) -> str:
        """How an explanation names the source: the outlet, else the article id."""
        a = self.articles.get(article_id)
        return (a.outlet if a and a.outlet else article_id)

    def independent(self, a: str, b: str) -> bool:
        """True when two articles are from different outlets and neither copies the other."""
        if a == b:
            return False
        return self.outlet(a) != self.outlet(b)

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
