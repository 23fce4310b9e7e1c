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
    "LIGHT_VERBS",
    "NEGATORS",
    "NOT_NEGATING_NEXT",
    "SCOPE_WORDS",
    "denied_indices",
    "has_lexical_negative",
    "has_lexical_negative_tokens",
    "in_negation_scope",
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


# --- what a negation denies --------------------------------------------------------------

# A negator reaches at most this many words ahead, inside its clause ("nicht von dem Ziel
# abweiche": four words). Seeds + examples wording.
SCOPE_WORDS = 5
# A denied noun stands at most this many words from its determiner negator ("keine
# konkreten Ergebnisse", "no real progress") or its polarity verb ("ein Durchbruch blieb aus").
DENIED_REACH = 3
# Negators that deny the noun phrase after them ("keine Fortschritte", "ohne Ergebnisse",
# "no progress", "without a deal", "sin avances", "ningún acuerdo") rather than the verb.
# Spanish "no" and German "nicht" negate a verb: what they deny is the word after a light
# verb ("no hubo avances").
_DETERMINER_NEGATORS = frozenset(fold(w) for w in (
    "kein", "keine", "keinen", "keinem", "keiner", "keines", "keinerlei", "ohne",
    "no", "without", "sin", "ningún", "ninguna", "ningunos", "ningunas", "ninguno",
))
# Verbs that carry no content of their own in "es gab keine X", "there was no X", "no hubo
# X", "failed to make X": the negation denies the word after them (lemmas).
LIGHT_VERBS = frozenset({
    "geben", "haben", "sein", "werden", "machen", "bringen", "erzielen", "erreichen",
    "be", "have", "make", "get", "give", "take", "achieve", "reach", "bring", "there", "to",
    "haber", "hay", "ser", "estar", "tener", "hacer", "dar", "lograr", "conseguir", "alcanzar",
})
# Words between a negator and its noun that the scope passes over without tags
# (articles, "any", "real"): short function words.
_SHORT = 3
_CLAUSE_BREAKS = frozenset(",;:()[]–—-")


def in_negation_scope(words: Sequence[str], k: int, language: str | None = None,
                      after: bool = False) -> bool:
    """True when word ``k`` stands in a negator's scope: a negator at most
    ``SCOPE_WORDS`` words before it, no clause break (comma, colon, dash) between, and not
    "nicht nur". "Moskau werde nicht von dem Ziel abweichen": "abweichen" is in scope.

    ``after``: a negator after the word counts too (a German finite verb in second place:
    "Russland ändert seine Ziele nicht").
    """
    for j in range(k - 1, max(-1, k - SCOPE_WORDS - 1), -1):
        w = words[j]
        if w in _CLAUSE_BREAKS:
            break
        if is_negator(w, language):
            nxt = fold_word(words[j + 1]) if j + 1 < len(words) else ""
            return nxt not in _NOT_NEXT_F
    if after:
        for j in range(k + 1, min(len(words), k + SCOPE_WORDS + 1)):
            w = words[j]
            if w in _CLAUSE_BREAKS or w in ".!?":
                return False
            if is_negator(w, language):
                nxt = fold_word(words[j + 1]) if j + 1 < len(words) else ""
                return nxt not in _NOT_NEXT_F
    return False


def denied_indices(tokens: Sequence[Any], language: str | None = None) -> list[int]:
    """Indices of the content words a negation denies: "keine (konkreten) Ergebnisse",
    "ohne Fortschritte", "keinerlei Fortschritt", "no progress", "sin avances", "no hubo
    avances", and the noun beside a verb of negative polarity ("konkrete Ergebnisse
    blieben aus", "ein Durchbruch blieb aus", "failed to make progress").

    ``tokens`` have ``text``, ``lemma`` and ``pos`` (STTS for German; other languages
    untagged): tagged German takes the first noun (NN) within ``DENIED_REACH`` words;
    untagged text the first word of four or more letters that is no light verb.
    """
    toks = list(tokens)
    lang = (language or "")[:2]
    tagged = lang == "de" and any((t.pos or "").startswith("NN") for t in toks)
    texts = [t.text or "" for t in toks]
    particles = [(t.text or "").lower() for t in toks if (t.pos or "").startswith("PTKVZ")]

    def content(j: int) -> bool:
        t = toks[j]
        if tagged:
            return (t.pos or "").startswith("NN")
        lem = (t.lemma or t.text or "").lower()
        return len(t.text or "") > _SHORT and t.text[:1].isalpha() and lem not in LIGHT_VERBS \
            and not is_negator(t.text, language)

    def ahead(k: int) -> int | None:
        for j in range(k + 1, min(len(toks), k + 1 + DENIED_REACH + 1)):
            if texts[j] in _CLAUSE_BREAKS or texts[j] in ".!?":
                return None
            if content(j):
                return j
        return None

    def around(k: int) -> int | None:
        for d in range(1, DENIED_REACH + 1):
            for j in (k - d, k + d):
                if 0 <= j < len(toks) and content(j) and not any(
                        texts[x] in _CLAUSE_BREAKS for x in range(min(j, k), max(j, k) + 1)):
                    return j
        return None

    out: list[int] = []
    for k, t in enumerate(toks):
        w = fold_word(texts[k])
        lem = (t.lemma or t.text or "").lower()
        hit: int | None = None
        if w in _DETERMINER_NEGATORS or (lang == "es" and w == "no"):
            nxt = fold_word(texts[k + 1]) if k + 1 < len(texts) else ""
            if nxt not in _NOT_NEXT_F:
                hit = ahead(k)
        elif lem in LEXICAL_NEGATIVE or ((t.pos or "").startswith("VV") and any(p + lem in LEXICAL_NEGATIVE for p in particles)):
            hit = around(k) if tagged else ahead(k)
        if hit is not None and hit not in out:
            out.append(hit)
    return out
