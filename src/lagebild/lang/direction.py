"""Which way a decision moves a figure, in de/en/es: the one owner of "cut / hold / raise".

A rate decision, a price decision or a budget vote is reported by what it does to a figure:
"EZB senkt den Leitzins", "the ECB kept rates unchanged", "el BCE sube los tipos". Reports
of one decision say the same direction; successive decisions of one body often differ (a
cut, then a hold). :func:`first_direction` reads the first direction word of a text.

Words are matched by the start of their folded form (:func:`lagebild.lang.fold.fold_word`),
so inflections and compounds that start with the word count ("gesenkt" is listed apart,
"Zinssenkung" is listed as a compound head below). Only words that name a *change of a
figure* in news wording are listed; ambiguous ones are left out ("lower" is also an
adjective, "kürzen" folds onto "kurz", "baja" is also "low", "hold" also "hold talks").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fold import fold_word

__all__ = ["DOWN", "SAME", "UP", "direction_of", "first_direction"]

DOWN, SAME, UP = -1, 0, 1

# direction -> folded word starts
_STARTS: dict[int, tuple[str, ...]] = {
    DOWN: (
        "senkt", "senken", "senkung", "gesenkt", "zinssenkung", "leitzinssenkung", "sinkt", "verringer",
        "redu",  # reduziert, reduce, reduction, redujo, reducción
        "cut", "trims", "trimmed",
        "recort", "rebaj",
    ),
    SAME: (
        "unverandert", "belasst", "belassen", "beibehalten",
        "unchanged", "steady",
    ),
    UP: (
        "erhoht", "erhohen", "erhohung", "zinserhohung", "leitzinserhohung", "anheb",
        "raise", "raising", "hike", "hiking",
        "sube", "subio", "subir", "subida", "aument",
    ),
}
# Two-word phrases (folded) that name a direction: "sin cambios", "on hold".
_PHRASES: dict[tuple[str, str], int] = {
    ("sin", "cambios"): SAME,
    ("on", "hold"): SAME,
}
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def direction_of(word: str) -> int | None:
    """The direction a single word names (``DOWN``, ``SAME``, ``UP``) or None."""
    folded = fold_word(word)
    for direction, starts in _STARTS.items():
        if folded.startswith(starts):
            return direction
    return None


def first_direction(text: str) -> int | None:
    """The direction named first in ``text`` (a word or a two-word phrase), or None."""
    words = [fold_word(w) for w in _WORD.findall(text)]
    for i, w in enumerate(words):
        if i + 1 < len(words) and (w, words[i + 1]) in _PHRASES:
            return _PHRASES[(w, words[i + 1])]
        d = direction_of(w)
        if d is not None:
            return d
    return None
