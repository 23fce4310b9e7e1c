"""Quoted words that are names, titles or coined terms rather than somebody's words (used
by :mod:`lagebild.extract.quote_direct`)."""

from __future__ import annotations

from lagebild.extract.quote_doc import Doc, words_in
from lagebild.extract.speech import is_reported_mood, is_speech_verb

__all__ = ["FOREIGN_SHARE", "UNATTRIBUTED_MAX_WORDS", "foreign_term", "lowercase_name", "unattributed_phrase"]


def lowercase_name(doc: Doc, a: int, b: int) -> bool:
    """German: the one quoted word is a lowercase noun or a web address ("der „taz“",
    "„profil“", "„tagesschau.de“") - German words in lowercase are no nouns, so it is a
    name, not somebody's word (adjectives and verbs in quotes are: „drastischen“)."""
    words = words_in(doc, a, b)
    if doc.language[:2] != "de" or len(words) != 1:
        return False
    t = doc.toks[words[0]]
    return t.text[:1].islower() and (doc.pos[words[0]] in ("NN", "NE", "FM", "XY") or "." in t.text[1:-1])


def unattributed_phrase(doc: Doc, a: int, b: int) -> bool:
    """A short quoted noun phrase with no speech verb, no source phrase and no speaker in its
    sentence ("im „historischen Saal“", "als „blinder Passagier“"): a coined term or a
    title in quotation marks, not somebody's words."""
    if (doc.language[:2] != "de" or len(words_in(doc, a, b)) > UNATTRIBUTED_MAX_WORDS
            or any(doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN") for k in range(a, b))):
        return False  # "„Ich habe fertig“": a clause is somebody's words
    sa, sb = doc.sent_bounds(a)
    for k in range(sa, sb):
        if doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN") and (
                is_reported_mood(doc.toks, k) or doc.toks[k].text.lower() in ("soll", "sollen")
                or is_speech_verb(doc.toks, k, doc.language)):
            return False  # "Eine „offene Frage“ sei der Grund": the report goes on
        if doc.pos[k] == "NN" and is_speech_verb(doc.toks, k, doc.language):
            return False
    return True


# Longest quoted phrase (words) that counts as a coined term when nobody in its sentence
# speaks. Calibrated on SpkAtt-2023 train (dev fold).
UNATTRIBUTED_MAX_WORDS = 3


# Share of a cue-less quoted span's words the German tagger reads as foreign (FM) above
# which the span is a title or a foreign term, not quoted speech. Calibrated on SpkAtt-2023
# train (dev fold): English song titles, Latin and French phrases in German news.
FOREIGN_SHARE = 0.3

def foreign_term(doc: Doc, a: int, b: int) -> bool:
    """German text only: most words of ``a:b`` are tagged foreign (FM)."""
    if doc.language[:2] != "de":
        return False
    words = words_in(doc, a, b)
    return bool(words) and sum(doc.pos[k] == "FM" for k in words) > FOREIGN_SHARE * len(words)
