"""Text folding for comparisons: the one ``fold`` every equality test goes through.

``fold`` lower-cases (casefold), strips accents and other diacritics ("é" -> "e",
"ä" -> "a", "ł" -> "l"), writes "ß" as "ss", turns every dash into "-", every quotation
mark into '"' and every apostrophe into "'", drops soft hyphens and zero-width characters
and collapses runs of whitespace (including no-break and thin spaces) into one space.
Folded text is for matching only; never show it to users.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["DASHES", "fold", "fold_word", "normalize_marks", "strip_accents"]

# Every dash and minus sign, folded to "-".
DASHES = "‐‑‒–—―−﹘﹣－"
# Double quotation marks of all conventions, folded to '"'.
_DOUBLE_QUOTES = "„“”‟«»″〝〞＂"
# Single quotation marks and apostrophes, folded to "'".
_SINGLE_QUOTES = "‚‘’‛‹›′ʼ`´＇"
# Letters that NFKD does not decompose into base letter + combining mark.
_EXTRA_LETTERS = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h",
                  "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_MARKS_TABLE = str.maketrans(
    {**dict.fromkeys(DASHES, "-"), **dict.fromkeys(_DOUBLE_QUOTES, '"'),
     **dict.fromkeys(_SINGLE_QUOTES, "'"), **dict.fromkeys(_INVISIBLE, ""),
     **_EXTRA_LETTERS}
)
_SPACE_RE = re.compile(r"\s+")
_NON_WORD_RE = re.compile(r"[^\w\s]+")


def normalize_marks(text: str) -> str:
    """Dashes to "-", quotation marks to '"' / "'", invisible characters removed."""
    return text.translate(_MARKS_TABLE)


def strip_accents(text: str) -> str:
    """Remove diacritics ("Selenskyj" stays, "Vladímir" -> "Vladimir", "ä" -> "a")."""
    if text.isascii():  # NFKD leaves ASCII as it is and it holds no combining mark
        return text.translate(_MARKS_TABLE)
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str, *, punctuation: bool = True) -> str:
    """The comparison form of ``text`` (see the module docstring).

    With ``punctuation=False`` every run of characters that are neither letters, digits nor
    spaces becomes a space too ("Putin's" -> "putin s"), as quote and name equality want.
    """
    t = strip_accents(text).casefold()  # casefold writes "ß" as "ss"
    if not punctuation:
        t = _NON_WORD_RE.sub(" ", t)
    return _SPACE_RE.sub(" ", t).strip()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``fold`` for one word, memoised (words repeat; texts do not)."""
    return fold(word)
