"""Tokens, lemmas and part-of-speech tags: a thin re-export of :mod:`lagebild.lang.tokens`.

The language kit owns tokenisation and the one tag memo; this module keeps the old import
path working (``from lagebild.text.lemmas import Token, tag``). New code imports from
:mod:`lagebild.lang.tokens`.
"""

from __future__ import annotations

from lagebild.lang.tokens import (
    TAG_MEMO_SIZE,
    TOKEN_RE,
    Token,
    lemma,
    lemmas,
    load_hanta,
    tag,
    tokenize,
)

__all__ = ["TAG_CACHE_SIZE", "TOKEN_RE", "Token", "lemma", "lemmas", "load_hanta", "tag",
           "tokenize"]

# The old name of the memo size (kept for callers that read it).
TAG_CACHE_SIZE = TAG_MEMO_SIZE
