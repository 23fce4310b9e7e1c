"""Translation leftovers: words and phrases a machine translation left behind.

``find_translation_artifacts`` looks at every sentence of a German article, word by word:

1. function words of another language ("Durante des Anruf", "during the call"): a curated
   list of Spanish and English words that are never German words, checked against
   simplemma's German dictionary, reported with the words up to the next noun;
2. names spelled with another language's accents when the article spells the same name
   without them elsewhere ("Vladímir" next to "Wladimir"), or in a short list of Spanish
   transliterations of non-Spanish names;
3. calques and broken agreement typical of word-by-word translation, from the pattern list
   ``lexicon/calques_de.tsv`` ("Für seine Teil").

Skipped for precision: text inside quotation marks (a quoted original is deliberate), words
in a run of capitalised words (titles and names: "The Washington Post", "Bank of America"),
and, when ``lagebild.text.language.foreign_words`` is installed, only its guesses that also
pass these filters are added.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..lang.quotes import quote_span_re
from ..models import Article, Sentence, TranslationArtifact
from .contra_text import fold

__all__ = ["FOREIGN_FUNCTION_WORDS", "find_translation_artifacts"]

# Words of Spanish / English that are never German words (no "die", "war", "also", "will",
# "Bank", "so", "in", "an", "was", "hat", "the" as part of names is handled by the name rule).
FOREIGN_FUNCTION_WORDS: dict[str, str] = {
    **{w: "es" for w in (
        "durante", "mientras", "según", "también", "pero", "desde", "hasta", "hacia",
        "porque", "aunque", "muy", "más", "estos", "estas", "cuando", "donde", "todavía",
        "dijo", "afirmó", "señaló", "aseguró", "explicó", "presidente", "gobierno", "mediante",
        "tras", "sino", "cuyo", "cuya", "ningún", "ninguna", "además", "entonces", "después",
        "ahora", "sobre", "del", "las", "llamada", "conversación",
    )},
    **{w: "en" for w in (
        "the", "of", "and", "with", "during", "which", "while", "their", "these", "those",
        "would", "should", "could", "been", "were", "when", "what", "where", "there", "they",
        "them", "because", "however", "although", "through", "between", "against", "without",
        "within", "from", "about", "have", "has", "said", "this", "that", "whose",
    )},
}
# Spanish renderings of non-Spanish names (Russian/Ukrainian names get Spanish accents).
SPANISH_TRANSLITERATIONS = {
    "vladímir", "volodímir", "serguéi", "alekséi", "alexéi", "mijaíl", "yevgueni", "dmítri",
    "andréi", "nikolái", "ígor", "evgueni", "guennadi", "serguei", "alexei",
    "mijail", "volodimir",
}
_LANG_NAMES = {"es": "Spanish", "en": "English", "fr": "French", "it": "Italian",
               "pt": "Portuguese", "nl": "Dutch"}
_LANG_NAMES_DE = {"es": "spanisches", "en": "englisches", "fr": "französisches", "it": "italienisches",
                  "pt": "portugiesisches", "nl": "niederländisches"}
_FOREIGN_ACCENTS = re.compile(r"[áíóúñÁÍÓÚÑãõ]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_QUOTE_SPAN = quote_span_re()  # the kit's quotation marks
# Guesses of lagebild.text.language.foreign_words are taken from this length on (short
# words collide across languages); checked on the seeds and the example corpus.
MODULE_GUESS_MIN_LEN = 5
# A leftover phrase is extended to the next noun at most this many words on.
PHRASE_MAX_WORDS = 3


@lru_cache(maxsize=1)
def _calques() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, why, why in German) of every line of ``lexicon/calques_de.tsv``; a line
    without the German column shows ``why`` in both languages."""
    text = resources.files("lagebild.compare").joinpath("lexicon/calques_de.tsv").read_text(
        encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        why = parts[1].strip() if len(parts) > 1 else ""
        why_de = parts[2].strip() if len(parts) > 2 and parts[2].strip() else why
        out.append((re.compile(parts[0]), why, why_de))
    return tuple(out)


@lru_cache(maxsize=65536)
def _known_german(word: str) -> bool:
    from ..lang.tokens import is_known

    return is_known(word, "de") or is_known(word.lower(), "de")


def _is_german(article: Article, sentence: Sentence) -> bool:
    lang = (article.language or "de")[:2]
    return lang == "de" and (sentence.language in (None, "de") or len(sentence.text) < 60)


def find_translation_artifacts(article: Article) -> list[TranslationArtifact]:
    """Leftovers of machine translation in a German article, per sentence, with why.

    Empty for articles in other languages. Each artifact's ``text`` is a substring of the
    sentence it names.
    """
    return list(_artifacts(article))


# Articles whose artifacts are remembered: one dossier asks up to four times per article
# (title, translated copies, facts, framing); issue #9.
ARTIFACT_MEMO = 256


@lru_cache(maxsize=ARTIFACT_MEMO)
def _artifacts(article: Article) -> tuple[TranslationArtifact, ...]:
    if (article.language or "de")[:2] != "de" or article.status != "ok":
        return ()
    out: list[TranslationArtifact] = []
    # the article's accentless names, read only for a capitalised word with a foreign accent
    # (rare in German text: issue #9, most articles skip folding every name)
    accentless: set[str] | None = None
    for s in article.sentences:
        if not _is_german(article, s):
            continue
        quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(s.text)]
        taken: list[tuple[int, int]] = []

        def add(start: int, end: int, why: str, why_de: str | None = None, s: Sentence = s,
                quoted: list[tuple[int, int]] = quoted, taken: list[tuple[int, int]] = taken) -> None:
            if any(a <= start < b for a, b in quoted):
                return
            if any(a < end and start < b for a, b in taken):
                return
            taken.append((start, end))
            out.append(TranslationArtifact(s.text[start:end], s.i, why, why_de))

        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(s.text)]
        for k, (w, a, b) in enumerate(words):
            lang = FOREIGN_FUNCTION_WORDS.get(w.lower())
            # simplemma's German dictionary lists English words ("the", "of"): only
            # Spanish guesses are double-checked against it
            if lang and not _in_name_run(words, k) and not (lang == "es" and _known_german(w)):
                end = _phrase_end(s.text, words, k)
                add(a, end, f"{_LANG_NAMES[lang]} word „{w}“ left in a German sentence",
                    f"{_LANG_NAMES_DE[lang]} Wort „{w}“ in einem deutschen Satz stehen geblieben")
            elif w[:1].isupper() and w.lower() in SPANISH_TRANSLITERATIONS:
                add(a, b, f"Spanish transliteration of a name („{w}“); German spells it "
                          f"differently",
                    f"spanische Umschrift eines Namens („{w}“); deutsch wird er anders geschrieben")
            elif _FOREIGN_ACCENTS.search(w) and w[:1].isupper() and fold(w) in (
                    accentless if accentless is not None else (accentless := _plain_names(article))):
                add(a, b, f"name spelled with Spanish accents („{w}“); this article spells "
                          f"it without them elsewhere",
                    f"Name mit spanischen Akzenten („{w}“); derselbe Artikel schreibt ihn sonst ohne")
        for pat, why, why_de in _calques():
            for m in pat.finditer(s.text):
                add(m.start(), m.end(), "calque: " + why, "Lehnübersetzung: " + why_de)
        first = words[0][1] if words else -1
        for a, b, w, lang in _language_module_guesses(s):
            if lang in _LANG_NAMES and (w[:1].islower() or a == first) and \
                    not _known_german(w) and len(w) >= MODULE_GUESS_MIN_LEN:
                add(a, b, f"{_LANG_NAMES[lang]} word „{w}“ left in a German sentence",
                    f"{_LANG_NAMES_DE[lang]} Wort „{w}“ in einem deutschen Satz stehen geblieben")
    return tuple(out)


def _plain_names(article: Article) -> set[str]:
    """Folded spellings of names written without foreign accents in this article, with the
    German transliteration W->V folded too ("Wladimir" -> "vladimir")."""
    out: set[str] = set()
    for m in _WORD.finditer(article.text):
        w = m.group()
        if w[:1].isupper() and not _FOREIGN_ACCENTS.search(w):
            f = fold(w)
            out.add(f)
            if f.startswith("w"):
                out.add("v" + f[1:])
    return out


def _in_name_run(words: list[tuple[str, int, int]], k: int) -> bool:
    """The word sits among capitalised words: a title or a name ("Bank of America")."""
    w = words[k][0]
    if w[:1].isupper() and k > 0:
        return True
    prev = words[k - 1][0] if k > 0 else ""
    nxt = words[k + 1][0] if k + 1 < len(words) else ""
    caps_prev = prev[:1].isupper() and k - 1 > 0
    caps_next = nxt[:1].isupper() and nxt.lower() not in FOREIGN_FUNCTION_WORDS
    if caps_prev and caps_next:
        return True
    # "The Guardian berichtet ..." (MT leftovers go on in lower case: "Durante des Anruf",
    # "Según der Polizei")
    return bool(w[:1].isupper() and k == 0 and caps_next)


def _phrase_end(text: str, words: list[tuple[str, int, int]], k: int) -> int:
    """End of the leftover phrase: the foreign word and the words up to the next noun."""
    end = words[k][2]
    for w, _a, b in words[k + 1 : k + 1 + PHRASE_MAX_WORDS]:
        end = b
        if w[:1].isupper():
            return end
    return words[k][2]


def _language_module_guesses(s: Sentence) -> list[tuple[int, int, str, str]]:
    try:
        from ..text.language import foreign_words
    except ImportError:
        return []
    try:
        return list(foreign_words(s.text, "de"))
    except Exception:
        return []
