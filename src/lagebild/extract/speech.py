"""Speech cues and speakers for quote extraction (used by :mod:`lagebild.extract.quotes`).

* Lexicons: speech verbs in ``data/speech_<lang>.txt`` (one infinitive a line, separable German
  verbs written joined: ``mitteilen``, ``einräumen``); HanTa's lemma plus a separated verb
  particle (``PTKVZ``) gives the joined infinitive (``teilte ... mit`` -> ``mitteilen``).
  Prepositional cues ("laut", "zufolge", "nach Angaben"), Konjunktiv I detection.
* :func:`scan_quotes`: balanced quotation marks in every German/English/Spanish style.
* :class:`Chunker`: noun phrases over HanTa tags, the subject of a cue verb.
* :class:`SpeakerResolver`: a speaker phrase -> canonical entity (mentions, full names, role
  bindings such as "US-Präsident Donald Trump", pronouns), never guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from lagebild.lang.negation import is_negator
from lagebild.lang.numbers import ARTICLE_NUMBERS
from lagebild.lang.quotes import QUOTE_CHARS as _KIT_QUOTE_CHARS
from lagebild.lang.quotes import quote_spans
from lagebild.lang.speech import (
    NON_SPEECH_OBJECTS,
    OPINION_PREPOSITIONS,
    ORG_PRONOUNS,
    PRONOUNS,
    SOURCE_NOUNS,
    SOURCE_POSTPOSITIONS,
    SOURCE_PREPOSITIONS,
    SPEECH_IDIOMS,
)
from lagebild.text.lemmas import Token

__all__ = [
    "OPINION_PREPOSITIONS",
    "ORG_PRONOUNS",
    "PRONOUNS",
    "QUOTE_CHARS",
    "SCARE_MARKERS",
    "SOURCE_NOUNS",
    "SOURCE_POSTPOSITIONS",
    "SOURCE_PREPOSITIONS",
    "bare_gap",
    "is_reported_mood",
    "is_speech_verb",
    "name_like",
    "pos_of",
    "scan_quotes",
    "speech_verbs",
    "starts_main_clause",
    "verb_lemma",
]

# Words right before a quotation mark that make it a scare quote, never a quote.
SCARE_MARKERS: frozenset[str] = frozenset(
    {"sogenannt", "sogenannte", "sogenannter", "sogenannten", "sogenanntes", "sogenanntem",
     "genannt", "genannte", "genannten", "called", "so-called", "llamado", "llamada",
     "denominado", "denominada", "titel", "motto", "namen", "stichwort", "schlagwort"}
)

# Konjunktiv I forms of auxiliaries and modals (3rd person); "habe"/"werde" are also 1st
# person indicative, so callers reject them after "ich".
_KI_AUX = frozenset(
    {"sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe",
     "möge", "wisse", "gebe", "gehe", "komme", "stehe", "liege", "bleibe", "lasse"}
)


def _norm_lang(language: str | None) -> str:
    lang = (language or "de").lower()[:2]
    return lang if lang in ("de", "en", "es") else "en"


@lru_cache(maxsize=8)
def speech_verbs(language: str | None = "de") -> frozenset[str]:
    """The speech-verb lemmas for ``language`` (de, en, es; others use English)."""
    name = f"speech_{_norm_lang(language)}.txt"
    text = resources.files("lagebild.extract").joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def pos_of(tok: Token) -> str:
    """STTS tag without HanTa's parentheses (``VV(FIN)`` -> ``VVFIN``)."""
    return tok.pos.replace("(", "").replace(")", "")


def verb_lemma(tokens: Sequence[Token], i: int) -> str:
    """Lemma of the verb at ``i``, joined with its separated particle when there is one.

    The particle is the first ``PTKVZ`` after ``i`` before a comma, colon or quotation mark.
    """
    lem = (tokens[i].lemma or tokens[i].text).lower()
    if pos_of(tokens[i]) != "VVFIN":
        return lem
    if i > 0 and tokens[i - 1].text.lower() in _ADJD_PARTICLES and pos_of(tokens[i - 1]) == "ADJD":
        return tokens[i - 1].text.lower() + lem  # verb-final "wie X bekannt gab"
    m = i + 1
    while m < min(len(tokens), i + 16):
        tok = tokens[m]
        p = pos_of(tok)
        if p == "PTKVZ":
            if tok.text.lower() in _ADVERB_PARTICLES:
                return lem  # "sagte weiter": still "sagen"
            return tok.text.lower() + lem
        if p in ("$,", "$.") or tok.text in ":" or p in ("VVFIN", "VAFIN", "VMFIN"):
            if m - 1 > i and tokens[m - 1].text.lower() in _ADJD_PARTICLES:
                return tokens[m - 1].text.lower() + lem
            for tail in SPEECH_IDIOMS.get(lem, ()):
                words = [t.text.lower() for t in tokens[m - len(tail) : m]]
                if m - len(tail) > i and words == list(tail):
                    return " ".join(tail) + " " + lem  # "gab zu bedenken, dass": "zu bedenken geben"
            app = _apposition_end(tokens, m) if p == "$," else None
            if app is not None:
                m = app + 1  # "gab der Leiter, Andreas Huber, bekannt"
                continue
            break
        m += 1
    return lem


# Particles that continue a verb rather than make a new one ("sagte weiter", "führte aus"
# stays "ausführen"): calibrated on SpkAtt-2023 train (dev fold), "X sagte weiter, dass".
_ADVERB_PARTICLES = frozenset({"weiter"})
# Longest apposition skipped when looking for a verb particle ("gab der Leiter, Andreas
# Huber, bekannt"), in tokens.
_APPOSITION_MAX = 7
_APPOSITION_POS = frozenset({"NE", "NN", "ART", "ADJA", "APPR", "APPRART", "$(", "FM"})


def _apposition_end(tokens: Sequence[Token], comma: int) -> int | None:
    """Index of the comma closing an apposition that opens at ``comma``, else None."""
    for m in range(comma + 1, min(len(tokens), comma + 2 + _APPOSITION_MAX)):
        p = pos_of(tokens[m])
        if p == "$,":
            return m if m > comma + 1 and pos_of(tokens[comma + 1]) in ("NE", "NN", "ART") else None
        if p not in _APPOSITION_POS:
            return None
    return None


# Predicative words HanTa tags ADJD where they are verb particles ("stellte klar, dass").
_ADJD_PARTICLES = frozenset({"klar", "fest", "bekannt", "deutlich"})


def is_speech_verb(tokens: Sequence[Token], i: int, language: str | None = "de") -> bool:
    """True when the token at ``i`` is a verb of saying, writing or stance in the lexicon."""
    tok = tokens[i]
    lang = _norm_lang(language)
    if lang == "de":
        if not pos_of(tok).startswith("VV"):
            return False
        lemma = verb_lemma(tokens, i)
        if lemma not in speech_verbs(lang):
            return False
        preps = NON_SPEECH_OBJECTS.get(lang, {}).get(lemma)
        # "Der Plan bestehe aus …": the preposition right after the verb makes it no cue
        return not (preps and i + 1 < len(tokens) and tokens[i + 1].text.lower() in preps)
    word = tok.text.lower()
    lem = (tok.lemma or word).lower()
    lex = speech_verbs(lang)
    return lem in lex or word in lex


def is_reported_mood(tokens: Sequence[Token], i: int) -> bool:
    """True when the finite German verb at ``i`` is in Konjunktiv I (reported speech).

    Checks the 3rd-person singular forms that differ from the indicative ("habe", "sei",
    "gehe", "könne") and plural "seien"; a preceding or following "ich" makes it indicative.
    """
    tok = tokens[i]
    p = pos_of(tok)
    if p not in ("VAFIN", "VMFIN", "VVFIN"):
        return False
    word = tok.text.lower()
    neighbours = {t.text.lower() for t in tokens[max(0, i - 2) : i + 3]}
    if "ich" in neighbours:
        return False
    if word in _KI_AUX:
        return True
    lem = (tok.lemma or "").lower()
    # "gehe" from "gehen", "betreffe" from "betreffen": stem + e is Konjunktiv I (3sg)
    if p == "VVFIN" and lem.endswith(("eln", "ern")) and len(lem) > 4:
        return word == lem[:-1] + "e"  # "handele", "ändere"
    return p == "VVFIN" and lem.endswith("en") and len(lem) > 3 and word == lem[:-1]


# --- quotation marks and cue word lists used by quotes.py ------------------------------

# Quotation marks come from the kit (:mod:`lagebild.lang.quotes`).
QUOTE_CHARS = _KIT_QUOTE_CHARS

COMPLEMENTIZERS = frozenset(
    {"dass", "daß", "ob", "wie", "warum", "weshalb", "wieso", "wann", "wo", "was", "wer", "welche",
     "welcher", "welches", "that", "whether", "que", "si"}
)
WIE = frozenset({"wie", "as"})

def scan_quotes(text: str) -> list[tuple[int, int]]:
    """(open, close) character indices of balanced quotation marks, outermost only (the
    kit's :func:`lagebild.lang.quotes.quote_spans`, empty quotes left out)."""
    return [(a, b - 1) for a, b in quote_spans(text) if text[a + 1 : b - 1].strip()]


REPORT_ADVERBS = frozenset({"demnach", "demzufolge", "angeblich"})



# Verbs that report a whole preceding clause from a final frame ("…, berichtet Reuters.").
FRAME_VERBS = frozenset(
    {"sagen", "berichten", "melden", "schreiben", "erklären", "mitteilen", "betonen", "meinen",
     "zitieren", "ergänzen", "hinzufügen", "warnen", "kritisieren", "bestätigen", "heißen",
     # more verbs that close a message in the indicative ("…, versicherte X.", "…, räumte X
     # ein."), issue 13 round 8, from a list of German verbs of saying
     "versichern", "ankündigen", "einräumen", "unterstreichen", "angeben", "erläutern", "klarstellen",
     "bekräftigen", "entgegnen", "erwidern", "antworten", "beteuern", "verkünden", "bekanntgeben",
     "feststellen", "ausführen", "zugeben", "anmerken", "bemerken", "twittern", "präzisieren"}
)
BARE_POS = frozenset(
    {"PTKVZ", "ADV", "PROAV", "ADJD", "PRF", "PPER", "PTKNEG", "VAPP", "VAINF", "VMINF", "VVPP", "VVINF"}
)



# Verbs that take an object and a zu-infinitive of what is asked ("forderte X auf, … zu tun").
DIRECTIVE_VERBS = frozenset(
    {"auffordern", "aufrufen", "bitten", "fordern", "drängen", "appellieren", "mahnen", "warnen",
     "raten", "empfehlen", "anweisen", "vorwerfen", "beschuldigen", "verpflichten"}
)



# Indefinite articles before a quoted judgement ("nannte es einen „Fehler“"): the German
# articles that count one and their negated forms ("keinen „Fehler“"), both from the kit.
_ARTICLES = frozenset(w for w in ARTICLE_NUMBERS if w.startswith("ein"))
INDEFINITE = _ARTICLES | frozenset("k" + w for w in _ARTICLES if is_negator("k" + w, "de"))
# Verbs that label something in the speaker's words ("bezeichnete es als „Fehler“").
CALL_VERBS = frozenset({"bezeichnen", "nennen", "werten", "kritisieren", "beschreiben", "loben", "verurteilen",
                        "zurückweisen", "abtun", "bewerten", "einstufen", "brandmarken", "geißeln", "begrüßen"})
# Lowercase words allowed inside a name or title ("Ärzte ohne Grenzen", "Library of Science").
TITLE_FUNCTION_WORDS = frozenset(
    {"und", "ohne", "für", "der", "die", "das", "des", "dem", "den", "zur", "zum", "im", "in",
     "von", "vom", "am", "an", "auf", "zu", "mit", "gegen", "of", "the", "for", "and", "de",
     "la", "le", "del", "dello", "della", "los", "las", "y", "et", "du", "pour", "to", "a",
     "ein", "eine", "einer", "eines"}
)


def bare_gap(pos: Sequence[str], a: int, b: int, spk: tuple[int, int] | None) -> bool:
    """Only particles, adverbs, prepositional phrases and the subject in ``pos[a:b]`` (between a
    verb and its complement): no object noun that an infinitive or clause could attach to."""
    in_pp = False
    for m in range(a, b):
        p = pos[m]
        if spk is not None and spk[0] <= m < spk[1]:
            continue
        if p in ("APPR", "APPRART"):
            in_pp = True
            continue
        if in_pp and p in ("ART", "ADJA", "NN", "NE", "CARD", "PPOSAT", "PIAT", "NNA", "FM", "PDAT"):
            continue
        in_pp = False
        if p not in BARE_POS:
            return False
    return True


def starts_main_clause(toks: Sequence[Token], pos: Sequence[str], k: int, end: int) -> bool:
    """Subject (article + noun, name or pronoun) then a finite verb: "die Polizei spricht"."""
    m = k
    if m < end and pos[m] in ("ART", "PPOSAT", "PDAT"):
        m += 1
    while m < end and pos[m] == "ADJA":
        m += 1
    if m >= end or pos[m] not in ("NN", "NE", "PPER") or toks[m].text.lower() in ("es",):
        return False
    m += 1
    return m < end and pos[m] in ("VVFIN", "VAFIN", "VMFIN") and pos[k] != "PRELS"


def name_like(toks: Sequence[Token], pos: Sequence[str], sent_of: Sequence[int], a: int, b: int) -> bool:
    """Tokens ``a:b`` inside quotation marks read as a name or title, not as quoted words.

    All words capitalised (function words aside) and no finite verb, or a capitalised span
    right after a noun ("die Zeitung „Die Welt“", "das Lied „…“").
    """
    words = [k for k in range(a, b) if toks[k].text[:1].isalnum()]
    if not words:
        return True
    if any(pos[k] in ("VVFIN", "VAFIN", "VMFIN") for k in range(a, b)) and len(words) >= 3:
        return False
    first = toks[words[0]].text[:1]
    content = [k for k in words if toks[k].text.lower() not in TITLE_FUNCTION_WORDS]
    if content and all(toks[k].text[:1].isupper() or toks[k].text[:1].isdigit() for k in content):
        return True
    prev = a - 2
    return (first.isupper() or first.isdigit()) and prev >= 0 and pos[prev] in ("NN", "NE") and (
        sent_of[prev] == sent_of[a]
    )
