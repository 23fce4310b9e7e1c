"""Tokens with character offsets, lemmas and part-of-speech tags: the one tag memo.

German goes through HanTa (STTS tags); other languages get simplemma lemmas and a coarse
tag (``CARD`` for figures, ``$.`` for punctuation, ``NE`` for capitalised words not at the
start of the sentence, else ``X``).

Tagging is memoised in ONE place, :class:`TagMemo`: entities, quotes, fact alignment and
the contradiction checks all ask the same memo, so each sentence is tagged once. HanTa tags
a word in the context of its sentence (an HMM over the whole sentence: "die" is an article
or a relative pronoun depending on its neighbours), so the memo keeps whole tagged
sentences; lemmas and HanTa's context-free analysis of a single word are memoised per word
(:func:`lemma`, :func:`analyze_word`).
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "TAG_MEMO_SIZE",
    "TOKEN_RE",
    "TagMemo",
    "Token",
    "analyze_word",
    "default_memo",
    "is_known",
    "lemma",
    "lemmas",
    "load_hanta",
    "norm_language",
    "tag",
    "tokenize",
]

# Words keep inner hyphens and apostrophes; numbers keep their separators ("1.000,5"),
# clock times and dates stay one token; any other character is a token of its own.
TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*%?"  # numbers, times, dates as one token
    r"|\w+(?:[-'’]\w+)*"  # words, hyphenated compounds
    r"|[^\w\s]",  # any other single character
    re.UNICODE,
)

# Sentences kept by the default memo (about 20k sentences of news: a large story).
TAG_MEMO_SIZE = 20000


@dataclass(frozen=True)
class Token:
    """One token: its text, character offsets, lemma and part-of-speech tag."""

    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""


def norm_language(language: str | None) -> str:
    """The two-letter code the tagger uses ("de-AT" -> "de"; None -> "de")."""
    return (language or "de")[:2].lower() or "de"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


# Distinct words whose HanTa analyses are kept (a few hundred bytes each: 200,000 words,
# about 10,000 news articles' vocabulary, stay well under 100 MB).
HANTA_WORD_MEMO = 200_000


@lru_cache(maxsize=1)
def load_hanta() -> Any:
    """The German HanTa model that ships inside the HanTa wheel (offline, loaded once)."""
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    # HanTa analyses a word's morphology again at every occurrence (inside tag_sent and
    # tag_word): its two per-word analyses are pure, so they are memoised on this instance
    # and each word is analysed once per run (profile, issue #9: 65,000 analyses for 17,000
    # distinct words in 100 10kGNAD articles; HanTa was half of the whole analysis).
    tagger.analyze_forward = lru_cache(maxsize=HANTA_WORD_MEMO)(tagger.analyze_forward)
    tagger._analyze = lru_cache(maxsize=HANTA_WORD_MEMO)(tagger._analyze)
    return tagger


@lru_cache(maxsize=65536)
def lemma(word: str, language: str | None = "de") -> str:
    """Lemma of one word by simplemma (memoised per word); the word itself when unknown."""
    import simplemma

    try:
        # low-memory backend: the same lemmas as the full one on all 50,771 word forms of
        # 10kGNAD test (2026-12-01), one dictionary per language shared with is_known
        return str(simplemma.lemmatize(word, lang=norm_language(language), low_memory=True))
    except (ValueError, KeyError):
        return word


@lru_cache(maxsize=65536)
def is_known(word: str, language: str | None = "de") -> bool:
    """Whether simplemma's dictionary of ``language`` holds ``word`` as written (memoised per word).

    The one dictionary check (language id, translation leftovers and name tests ask it). It
    uses simplemma's low-memory backend (~10 MB per language instead of ~110 MB). False for
    a language simplemma has no dictionary for.
    """
    from simplemma import is_known as _is_known

    try:
        return bool(_is_known(word, norm_language(language), low_memory=True))
    except ValueError:  # language without a simplemma dictionary
        return False


def lemmas(words: Sequence[str], language: str | None = "de") -> list[str]:
    """Lemmas of ``words`` (see :func:`lemma`)."""
    return [lemma(w, language) for w in words]


@lru_cache(maxsize=65536)
def analyze_word(word: str) -> tuple[str, str]:
    """(lemma, STTS tag) HanTa gives one German word without context (memoised per word).

    Use it for single-word questions ("is this capitalised word a proper noun?"); tags of
    words in running text come from :func:`tag`. ("", "") when HanTa cannot analyse it.
    """
    try:
        lem, pos = load_hanta().analyze(word)[:2]
    except Exception:  # HanTa raises bare errors on odd input; an unknown word is no name
        return "", ""
    return str(lem), str(pos)


def _coarse_pos(word: str, i: int) -> str:
    if word[:1].isdigit():
        return "CARD"
    if not word[:1].isalnum():
        return "$."
    if word[:1].isupper() and i > 0:
        return "NE"
    return "X"


def _tag_sentence(text: str, language: str) -> tuple[Token, ...]:
    toks = tokenize(text)
    if not toks:
        return ()
    if language == "de":
        tagged = load_hanta().tag_sent([t.text for t in toks], taglevel=1)
        return tuple(Token(t.text, t.start, t.end, lem, pos)
                     for t, (_, lem, pos) in zip(toks, tagged))
    return tuple(Token(t.text, t.start, t.end, lemma(t.text, language), _coarse_pos(t.text, i))
                 for i, t in enumerate(toks))


class TagMemo:
    """Tagged sentences by (text, language), least recently used dropped beyond ``size``."""

    def __init__(self, size: int = TAG_MEMO_SIZE) -> None:
        self.size = size
        self._memo: OrderedDict[tuple[str, str], tuple[Token, ...]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._memo)

    def tagged(self, text: str, language: str | None = "de") -> tuple[Token, ...]:
        """Tokens of one sentence with lemma and POS, offsets relative to ``text``."""
        key = (text, norm_language(language))
        got = self._memo.get(key)
        if got is not None:
            self.hits += 1
            self._memo.move_to_end(key)
            return got
        self.misses += 1
        got = _tag_sentence(*key)
        self._memo[key] = got
        if len(self._memo) > self.size:
            self._memo.popitem(last=False)
        return got

    def clear(self) -> None:
        """Forget every tagged sentence."""
        self._memo.clear()

    def export(self, text: str, language: str | None = "de") -> str | None:
        """The tags of a sentence this memo holds, as compact text for :meth:`seed` in another
        process (None when it is not held, or not worth keeping: only HanTa's tags of German
        sentences are costly to compute again)."""
        key = (text, norm_language(language))
        got = self._memo.get(key)
        if got is None or key[1] != "de":
            return None
        return json.dumps([[t.lemma, t.pos] for t in got], ensure_ascii=False)

    def seed(self, text: str, language: str | None, exported: str) -> bool:
        """Hold the tags :meth:`export` wrote for ``text`` (tagged elsewhere: the same tokens
        tagging would give). False, and nothing held, when they do not fit the sentence."""
        key = (text, norm_language(language))
        if key in self._memo:
            return True
        try:
            pairs = json.loads(exported)
        except ValueError:
            return False
        toks = tokenize(text)
        if not isinstance(pairs, list) or len(pairs) != len(toks):
            return False
        self._memo[key] = tuple(Token(t.text, t.start, t.end, str(p[0]), str(p[1])) for t, p in zip(toks, pairs))
        if len(self._memo) > self.size:
            self._memo.popitem(last=False)
        return True


_DEFAULT = TagMemo()


def default_memo() -> TagMemo:
    """The process-wide memo :func:`tag` uses."""
    return _DEFAULT


def tag(text: str, language: str | None = "de", offset: int = 0,
        memo: TagMemo | None = None) -> list[Token]:
    """Tokens of one sentence with lemma and POS; ``offset`` shifts the offsets.

    Tagging goes through ``memo`` (the process-wide :func:`default_memo` when None), so the
    same sentence is tagged once however many stages ask.
    """
    toks = (memo if memo is not None else _DEFAULT).tagged(text, language)
    if offset:
        return [Token(t.text, t.start + offset, t.end + offset, t.lemma, t.pos) for t in toks]
    return list(toks)
