"""Cheap, multilingual proper-name keys for story clustering.

A *name key* is a folded spelling of a proper name that the same person or place gets in
German, English and Spanish text: accents folded, case folded, a genitive/plural ``s``
dropped, a few transliteration variants merged ("Selenskyj"/"Zelensky"/"Zelenski",
"Kiew"/"Kyjiw"/"Kyiv"/"Kiev", "Uschakow"/"Ushakov") and common exonyms mapped to one key
("Russland"/"Russia"/"Rusia"). Keys are for matching only; they are not shown to users.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["candidate_names", "is_german_name", "name_key"]


# Capitalised words that are not names (English/Spanish have no HanTa filter): pronouns,
# titles, function words; months and weekdays come from the language kit (below).
_NOT_NAMES_WORDS = frozenset(
    ["i", "mr", "mrs", "ms", "dr", "sr", "sra", "st", "the", "a", "an", "and", "but", "or", "if", "when", "while", "after", "before", "as", "at", "in", "on", "of", "for", "to", "with", "by", "from", "this", "that", "these", "those", "it", "he", "she", "we", "they", "his", "her", "their", "its", "our", "you", "your", "there", "here", "what", "who", "why", "how", "el", "la", "los", "las", "un", "una", "y", "o", "de", "del", "en", "con", "por", "para", "sie", "ihr", "ihnen", "ihre", "ihrer", "herr", "frau", "mister", "president", "presidente", "prasident", "minister", "senator", "governor", "rep", "sen", "gov"]
)


def _calendar_words() -> frozenset[str]:
    """Month and weekday names and month abbreviations of the language kit, folded and
    without the abbreviation dot ("Jan.", "Sept", "Miércoles")."""
    from lagebild.lang.calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
    from lagebild.lang.fold import fold

    return frozenset(fold(w).rstrip(".") for w in (*MONTHS, *WEEKDAYS, *MONTH_ABBREVIATIONS))


_NOT_NAMES = _NOT_NAMES_WORDS | _calendar_words()

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def _fold(word: str) -> str:
    s = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def name_key(word: str) -> str:
    """The matching key of one name token: the language kit's
    :func:`lagebild.lang.names.token_key` (exonyms, transliteration, genitive s)."""
    from lagebild.lang.names import token_key

    return token_key(word)


# Shortest noun that counts as the head of a compound ("Asyl|standards", "Apple-|Gründer").
_MIN_HEAD = 4


def _known_de(word: str) -> bool:
    from lagebild.lang.tokens import is_known

    return is_known(word, "de")


# Endings of German common nouns that names practically never have (derivational suffixes
# and their plurals); a word with one of them skips the HanTa check.
_NOUN_SUFFIXES = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion",
    "tionen", "ität", "itäten", "ismus", "nis", "nisse", "tum", "tümer", "ment", "mente",
    "ling", "linge", "chen", "lein",
)


# Endings of German place (and ship, estate) names. Such words look like compounds of common
# nouns ("Stein", "Berg") but a word with one that no dictionary knows is a name. Checked on
# our example corpus and the seeds; 10kGNAD keeps the same seed cluster.
_PLACE_SUFFIXES = (
    "berg", "burg", "dorf", "stein", "hausen", "heim", "feld", "felde", "bach", "wald", "ingen",
    "stadt", "werth", "wörth", "wies", "furt", "brück", "hafen", "hagen", "rode", "beck", "ow",
)


def _lemma_de(word: str) -> str:
    from lagebild.lang.tokens import lemma

    return lemma(word, "de")


@lru_cache(maxsize=65536)
def _hanta_name(word: str) -> bool:
    """HanTa's ``analyze(word)`` tags ``word`` "NE" (a proper noun)."""
    from lagebild.text.lemmas import load_hanta

    tagger = load_hanta()
    try:
        # analyze() gives the word's best tag (the first of _tag_word with cutoff 0), or
        # "UNKNOWN" when its morphology search cannot reach that tag: never "NE" when the
        # best tag is another, and then its costly search is not run (issue #9 profile:
        # half the cost of this check on 10kGNAD)
        if tagger.int2tag[tagger._tag_word(word, cutoff=0, casesensitive=True)[0][0]] != "NE":
            return False
        return bool(tagger.analyze(word)[1] == "NE")
    except Exception:
        return False


@lru_cache(maxsize=65536)
def is_german_name(word: str) -> bool:
    """A capitalised German word is a proper noun (cached per word).

    Words in simplemma's German dictionary (common nouns, but also "Wien", "Merkel") go to
    HanTa, which knows which of them are names. Unknown words are names ("Putin",
    "Selenskyj", "Hjelmvik") unless they end in a known noun, i.e. are compounds
    ("Asylstandards", "Apple-Gründer"); HanTa is slow on unknown words and guesses there.
    """
    if len(word) >= 2 and word.isupper():
        return True  # acronyms: NATO, USA, SPD
    folded = word.casefold()
    if folded.endswith(_PLACE_SUFFIXES) and not _known_de(word) and len(folded) >= 7:
        return True  # "Kranwerth", "Möwenstein", "Varnhausen": compounds, but names
    if _known_de(word):
        if word.casefold().endswith(_NOUN_SUFFIXES):
            return False  # "Regierung", "Sicherheit": spares the slow HanTa call
        return _hanta_name(_lemma_de(word))
    head = word.rsplit("-", 1)[-1]
    if head != word and len(head) >= _MIN_HEAD and _known_de(head[:1].upper() + head[1:]):
        return False
    return not any(_known_de(head[i].upper() + head[i + 1 :]) for i in range(3, len(head) - _MIN_HEAD + 1))


def _shouting(words: list[str]) -> bool:
    alpha = [w for w in words if w[:1].isalpha()]
    return len(alpha) >= 3 and sum(w.isupper() for w in alpha) / len(alpha) > 0.6


def _mostly_capitalised(words: list[str]) -> bool:
    alpha = [w for w in words if w[:1].isalpha()]
    return len(alpha) >= 3 and sum(w[:1].isupper() for w in alpha) / len(alpha) > 0.5


# Curated names of several words (the kit's ALIAS_GROUPS: "European Central Bank",
# "Vereinigte Staaten", "White House") add the key of their canonical name, so they match
# the acronym or the other language. See FEATURES_VERSION 8 in lagebild.cluster for the
# figures.
MULTIWORD_ALIASES = True


def candidate_names(sentences: Iterable[str], language: str | None) -> frozenset[str]:
    """Name keys of capitalised, non-sentence-initial tokens in ``sentences``.

    Title-case lines ("Trump Declares a National Emergency") in languages other than German
    are skipped: their capitals say nothing. German tokens must be proper nouns for HanTa, which keeps "Erdbeben" and
    "Telefonat" out while "Putin" and "Kiew" stay in.
    """
    from lagebild.lang.names import multiword_aliases

    german = (language or "de") == "de"
    keys: set[str] = set()
    for sentence in sentences:
        words = _TOKEN_RE.findall(sentence)
        if MULTIWORD_ALIASES:
            # "European Central Bank" / "Europäische Zentralbank" as the one key of "EZB"/"ECB"
            keys.update("_".join(name_key(x) for x in canon.split()) for canon in multiword_aliases(sentence))
        if not german and _mostly_capitalised(words):
            continue  # German capitalises every noun; HanTa sorts its names out below
        if _shouting(words):
            continue  # "HORROR-FAHRT AUF DEM VARNSEE": every word looks like an acronym
        for w in words[1:]:
            if not w[:1].isupper() or len(w) < 2:
                continue
            folded = _fold(w)
            if folded in _NOT_NAMES:
                continue
            if german and not is_german_name(w):
                continue
            key = name_key(w)
            if len(key) >= 2:
                keys.add(key)
    return frozenset(keys)
