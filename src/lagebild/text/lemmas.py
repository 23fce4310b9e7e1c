"""Tokens with character offsets, lemmas and part-of-speech tags.

German goes through HanTa (STTS tags); other languages get simplemma lemmas and a
coarse tag (``NE`` for capitalised words not at sentence start, else ``X``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Token", "lemma", "load_hanta", "tag", "tokenize"]

# Words keep inner hyphens, apostrophes and dots of abbreviations ("z.B." stays split at
# the final dot only when followed by space). Numbers keep their separators ("1.000,5").
TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*%?"  # numbers, times, dates as one token
    r"|\w+(?:[-'’]\w+)*"  # words, hyphenated compounds
    r"|[^\w\s]",  # any other single character
    re.UNICODE,
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=1)
def load_hanta() -> Any:
    """Load the German HanTa model that ships inside the HanTa wheel (offline)."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


# Entities, quotes and fact alignment each tag the same sentences; a bounded cache lets the
# second and third tagging of a sentence cost nothing (about 20k sentences of news).
TAG_CACHE_SIZE = 20000


def tag(text: str, language: str | None = "de", offset: int = 0) -> list[Token]:
    """Tokens of one sentence with lemma and POS. ``offset`` shifts the offsets."""
    toks = _tag_cached(text, language or "de")
    if offset:
        return [Token(t.text, t.start + offset, t.end + offset, t.lemma, t.pos) for t in toks]
    return list(toks)


@lru_cache(maxsize=TAG_CACHE_SIZE)
def _tag_cached(text: str, language: str) -> tuple[Token, ...]:
    return tuple(_tag(text, language))


def _tag(text: str, language: str | None, offset: int = 0) -> list[Token]:
    toks = tokenize(text, offset)
    if not toks:
        return []
    if (language or "de") == "de":
        tagger = load_hanta()
        tagged = tagger.tag_sent([t.text for t in toks], taglevel=1)
        return [
            Token(t.text, t.start, t.end, lem, pos) for t, (_, lem, pos) in zip(toks, tagged)
        ]
    return [
        Token(t.text, t.start, t.end, lemma(t.text, language), _coarse_pos(t.text, i))
        for i, t in enumerate(toks)
    ]


def _coarse_pos(word: str, i: int) -> str:
    if word[:1].isdigit():
        return "CARD"
    if not word[:1].isalnum():
        return "$."
    if word[:1].isupper() and i > 0:
        return "NE"
    return "X"


def lemma(word: str, language: str | None = "de") -> str:
    """Lemma of one word (simplemma; falls back to the word itself)."""
    import simplemma

    try:
        return simplemma.lemmatize(word, lang=language or "de")
    except (ValueError, KeyError):
        return word


def lemmas(words: Sequence[str], language: str | None = "de") -> list[str]:
    return [lemma(w, language) for w in words]
