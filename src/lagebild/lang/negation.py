"""Negation in de/en/es: the one list of negators and the tests built on it.

A negator is a word that turns a statement into its opposite ("nicht", "kein*", "nie",
"niemand", "not", "never", "no", "nunca", "ningún" ...), including the negating
prepositions "ohne"/"without"/"sin". "nicht nur" / "not only" / "no solo" are not
negations of the statement. :func:`is_negated` counts negators (an odd count negates);
:func:`negation_indices` says which words negate, for scope checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .fold import fold, fold_word

__all__ = [
    "LEXICAL_NEGATIVE",
    "NEGATORS",
    "NOT_NEGATING_NEXT",
    "has_lexical_negative",
    "has_lexical_negative_tokens",
    "is_negated",
    "is_negator",
    "negation_indices",
    "negators",
]

NEGATORS: dict[str, frozenset[str]] = {
    "de": frozenset({
        "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "keinerlei",
        "nie", "niemals", "nimmer", "niemand", "niemanden", "niemandem", "nichts", "weder",
        "nirgends", "nirgendwo", "keineswegs", "keinesfalls", "mitnichten", "ohne",
    }),
    "en": frozenset({
        "not", "n't", "no", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere",
        "without", "cannot",
    }),
    "es": frozenset({
        "no", "nunca", "jamás", "nadie", "nada", "ni", "ningún", "ninguno", "ninguna",
        "ningunos", "ningunas", "tampoco", "sin",
    }),
}
_ALL = frozenset().union(*NEGATORS.values())
_FOLDED = {lang: frozenset(fold(w) for w in ws) for lang, ws in NEGATORS.items()}
_FOLDED_ALL = frozenset().union(*_FOLDED.values())

# A negator followed by one of these does not negate the statement ("nicht nur ... sondern
# auch", "nicht zuletzt", "not only", "no solo").
NOT_NEGATING_NEXT = frozenset({"nur", "zuletzt", "minder", "umsonst", "ganz", "only", "just",
                               "solo", "sólo", "sólamente", "solamente", "únicamente"})

# Lemmas of verbs that carry negative polarity themselves ("Ergebnisse blieben aus").
LEXICAL_NEGATIVE = frozenset({
    "ausbleiben", "scheitern", "fehlen", "ablehnen", "verweigern", "bestreiten", "dementieren",
    "zurückweisen", "verhindern", "unterlassen", "verzichten", "absagen", "leugnen",
    "fail", "deny", "refuse", "reject", "lack",
    "fracasar", "negar", "rechazar", "faltar", "desmentir", "impedir", "renunciar",
})

_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


def negators(language: str | None = None) -> frozenset[str]:
    """The negators of ``language`` (de, en, es); all three for None or another language."""
    return NEGATORS.get((language or "")[:2], _ALL)


def is_negator(word: str, language: str | None = None) -> bool:
    """True when ``word`` negates in ``language`` (any case and accent; "don't" counts)."""
    w = fold_word(word)
    if w.endswith(("n't", "n’t")):
        return True
    return w in _FOLDED.get((language or "")[:2], _FOLDED_ALL)


def negation_indices(words: Sequence[str], language: str | None = None,
                     pos: Sequence[str] | None = None) -> list[int]:
    """Indices of the words that negate the statement.

    ``pos`` (STTS tags, optional) adds every ``PTKNEG``. A negator right before a word of
    ``NOT_NEGATING_NEXT`` ("nicht nur") is left out.
    """
    out = []
    for i, w in enumerate(words):
        if is_negator(w, language) or (pos is not None and i < len(pos) and pos[i] == "PTKNEG"):
            nxt = fold_word(words[i + 1]) if i + 1 < len(words) else ""
            if nxt in _NOT_NEXT_F:
                continue
            out.append(i)
    return out


_NOT_NEXT_F = frozenset(fold(w) for w in NOT_NEGATING_NEXT)
# Spanish n-words that agree with an earlier negator instead of cancelling it.
_ES_CONCORD = frozenset(fold(w) for w in ("nunca", "jamás", "nadie", "nada", "ni", "ningún",
                                          "ninguno", "ninguna", "ningunos", "ningunas",
                                          "tampoco"))


def is_negated(text: str | Sequence[str], language: str | None = None) -> bool:
    """True when a clause holds an odd number of negators (text or its words).

    "Die Fähre war nicht überladen" -> True; "nicht nur X, sondern auch Y" -> False;
    "not unlikely" stays True (only listed negators count). Spanish negative concord
    ("no hubo ningún avance") and English "neither ... nor" count once.
    """
    words = _WORD_RE.findall(text) if isinstance(text, str) else list(text)
    found = negation_indices(words, language)
    if (language or "es")[:2] == "es":
        # negative concord: "no hubo ningún avance" is one negation, not two
        found = [k for n, k in enumerate(found) if n == 0 or fold_word(words[k]) not in _ES_CONCORD]
    elif (language or "")[:2] == "en":
        found = [k for n, k in enumerate(found) if n == 0 or fold_word(words[k]) != "nor"]
    return len(found) % 2 == 1


def has_lexical_negative(lemmas: Sequence[str]) -> bool:
    """True when one of ``lemmas`` is a verb of negative polarity ("scheitern", "deny")."""
    return any(lem.lower() in LEXICAL_NEGATIVE for lem in lemmas)


def has_lexical_negative_tokens(tokens: Sequence[Any]) -> bool:
    """True when tagged ``tokens`` (``lemma``, ``pos``) hold a verb of negative polarity,
    German particle verbs read whole: "ein Durchbruch blieb aus" has "ausbleiben"."""
    toks = list(tokens)
    particles = [(t.text or "").lower() for t in toks if (t.pos or "").startswith("PTKVZ")]
    for t in toks:
        lem = (t.lemma or t.text or "").lower()
        if lem in LEXICAL_NEGATIVE:
            return True
        if (t.pos or "").startswith("VV") and any(p + lem in LEXICAL_NEGATIVE for p in particles):
            return True
    return False
