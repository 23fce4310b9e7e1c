"""Tokens with character offsets, lemmas and part-of-speech tags: the one tag memo.

German goes through HanTa (STTS tags); other languages get simplemma lemmas and a coarse
tag (``CARD`` for figures, ``$.`` for punctuation, ``NE`` for capitalised words not at the
start of the sentence, else ``X``).

Tagging is memoised in ONE place, :class:`TagMemo`: entities, quotes, fact alignment and
the contradiction checks all ask the same memo, so each sentence is tagged once. HanTa tags
a word in the context of its sentence (an HMM over the whole sentence: "die" is an article
or a relative pronoun depending on its neighbours), so the memo keeps whole tagged
sentences; lemmas and HanTa's context-free analysis of a single word are memoised per word
(:func:`lemma`, :func:`hanta_lemma`, :func:`analyze_word`). A German token's lemma is
computed when it is first read (:class:`Token`): most callers read only tags.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import FrozenInstanceError
from functools import lru_cache
from typing import Any

__all__ = [
    "TAG_MEMO_SIZE",
    "TOKEN_RE",
    "TagMemo",
    "Token",
    "analyze_word",
    "default_memo",
    "hanta_lemma",
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


class Token:
    """One token: its text, character offsets, lemma and part-of-speech tag.

    Frozen, compared and hashed by all five fields, like the dataclass it was. A token HanTa
    tagged may be built with ``lemma=None``: its lemma is then HanTa's lemma of the word for
    its tag (:func:`hanta_lemma`, memoised), computed on first read of :attr:`lemma` (issue #9:
    computing a lemma for every tagged word was 16 % of the per-article stage, and few
    callers read lemmas). The lemma read is the one tagging with lemmas gives.
    """

    __slots__ = ("_lemma", "end", "pos", "start", "text")

    text: str
    start: int
    end: int
    pos: str
    _lemma: str | None

    def __init__(self, text: str, start: int, end: int, lemma: str | None = "", pos: str = "") -> None:
        _set_text(self, text)
        _set_start(self, start)
        _set_end(self, end)
        _set_lemma(self, lemma)
        _set_pos(self, pos)

    @property
    def lemma(self) -> str:
        """The lemma (HanTa's, through its memo, when the token was built without one)."""
        lem = self._lemma
        return lem if lem is not None else hanta_lemma(self.text, self.pos)

    def shifted(self, offset: int) -> Token:
        """The same token with its offsets moved by ``offset`` (a lemma not read yet stays
        unread: it is computed when the copy's lemma is read)."""
        return _token(self.text, self.start + offset, self.end + offset, self._lemma, self.pos)

    def _key(self) -> tuple[str, int, int, str, str]:
        return (self.text, self.start, self.end, self.lemma, self.pos)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Token)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Token(text={self.text!r}, start={self.start!r}, end={self.end!r}, "
                f"lemma={self.lemma!r}, pos={self.pos!r})")

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Token], tuple[str, int, int, str | None, str]]:
        return (Token, (self.text, self.start, self.end, self._lemma, self.pos))


# The slots' own setters (the frozen class refuses setattr) and a constructor built on them:
# tokens are made by the hundred thousand (tokenize, tagging, shifted copies), and this
# makes one in about a third of the time of Token(...) (issue #9 profile).
_set_text = vars(Token)["text"].__set__
_set_start = vars(Token)["start"].__set__
_set_end = vars(Token)["end"].__set__
_set_lemma = vars(Token)["_lemma"].__set__
_set_pos = vars(Token)["pos"].__set__
_new = object.__new__


def _token(text: str, start: int, end: int, lemma: str | None = "", pos: str = "") -> Token:
    """``Token(text, start, end, lemma, pos)``, made faster."""
    tok: Token = _new(Token)
    _set_text(tok, text)
    _set_start(tok, start)
    _set_end(tok, end)
    _set_lemma(tok, lemma)
    _set_pos(tok, pos)
    return tok


def norm_language(language: str | None) -> str:
    """The two-letter code the tagger uses ("de-AT" -> "de"; None -> "de")."""
    return (language or "de")[:2].lower() or "de"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``."""
    return [_token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


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
    # The two searches themselves run as lagebild.lang.hanta_fast's rewrite (the same results,
    # about 2.5 times faster) when the model has the layout it was written for.
    from .hanta_fast import install

    if not install(tagger, HANTA_WORD_MEMO):
        tagger.analyze_forward = lru_cache(maxsize=HANTA_WORD_MEMO)(tagger.analyze_forward)
    tagger._analyze = lru_cache(maxsize=HANTA_WORD_MEMO)(tagger._analyze)
    # The scored tags of a word, which the sentence tagger asks of every token, are pure too
    # (the memoised analysis plus fixed case and tag weights): memoised per word and options.
    tagger._tag_word = _memoised_tag_word(tagger._tag_word)
    return tagger


def _memoised_tag_word(tag_word: Any) -> Any:
    """HanTa's ``_tag_word`` memoised per (word, options); its result as a tuple (every
    caller in HanTa only reads it)."""
    @lru_cache(maxsize=HANTA_WORD_MEMO)
    def memo(word: str, cutoff: int, casesensitive: bool, conditional: bool) -> tuple[Any, ...]:
        return tuple(tag_word(word, cutoff, casesensitive, conditional))

    def call(word: str, cutoff: int = 5, casesensitive: bool = True, conditional: bool = False) -> tuple[Any, ...]:
        return memo(word, cutoff, casesensitive, conditional)

    return call


@lru_cache(maxsize=1)
def _simplemma_ready() -> None:
    """Let simplemma's low-memory dictionaries read their index from lagebild's cache
    (:mod:`lagebild.lang.dictionary_cache`), once per process before the first lookup."""
    from .dictionary_cache import install

    install()


@lru_cache(maxsize=65536)
def lemma(word: str, language: str | None = "de") -> str:
    """Lemma of one word by simplemma (memoised per word); the word itself when unknown."""
    import simplemma

    _simplemma_ready()
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

    _simplemma_ready()
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


@lru_cache(maxsize=HANTA_WORD_MEMO)
def hanta_lemma(word: str, pos: str) -> str:
    """HanTa's lemma of the German ``word`` tagged ``pos`` (memoised per word and tag): the
    lemma HanTa's sentence tagger gives the word with that tag (both ask HanTa's analysis of
    the word for the tag; ``tests/test_lazy_lemmas.py`` compares them)."""
    return str(load_hanta().analyze(word, pos, taglevel=1)[0])


# The tag name HanTa's public ``analyze`` reads as "no tag given" (it then picks the word's
# best tag itself): a sentence tagged with it gets its lemmas from the sentence tagger.
_HANTA_NO_TAG = "EMPTY"


def _tag_sentence(text: str, language: str) -> tuple[Token, ...]:
    # the tokens of tokenize(text), each made once, with its tags (issue #13: making the
    # untagged tokens first was a tenth of tagging the 10kGNAD sentences)
    found = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    if not found:
        return ()
    if language == "de":
        words = [w for w, _, _ in found]
        tags = [str(p) for p in load_hanta().tag_sent(words, taglevel=0)]
        if _HANTA_NO_TAG not in tags:  # lemmas on first read (Token.lemma)
            return tuple(_token(w, a, b, None, pos) for (w, a, b), pos in zip(found, tags))
        tagged = load_hanta().tag_sent(words, taglevel=1)
        return tuple(_token(w, a, b, str(lem), str(pos))
                     for (w, a, b), (_, lem, pos) in zip(found, tagged))
    return tuple(_token(w, a, b, lemma(w, language), _coarse_pos(w, i))
                 for i, (w, a, b) in enumerate(found))


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
        # a tag alone stands for HanTa's lemma of the word for that tag (computed when read):
        # exporting reads no lemma, and the text does not depend on which lemmas were read
        return json.dumps([t.pos if t._lemma is None else [t._lemma, t.pos] for t in got],
                          ensure_ascii=False)

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
        got: list[Token] = []
        for t, p in zip(toks, pairs):
            one = _seeded(t, p, key[1])
            if one is None:
                return False
            got.append(one)
        self._memo[key] = tuple(got)
        if len(self._memo) > self.size:
            self._memo.popitem(last=False)
        return True


def _seeded(tok: Token, item: Any, language: str) -> Token | None:
    """``tok`` with the tags :meth:`TagMemo.export` wrote for it: a tag alone (HanTa's lemma
    for it, read when needed) or [lemma, tag]; None when ``item`` is neither."""
    if isinstance(item, str) and language == "de" and item != _HANTA_NO_TAG:
        return Token(tok.text, tok.start, tok.end, None, item)
    if isinstance(item, list) and len(item) == 2:
        return Token(tok.text, tok.start, tok.end, str(item[0]), str(item[1]))
    return None


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
        return [t.shifted(offset) for t in toks]
    return list(toks)
