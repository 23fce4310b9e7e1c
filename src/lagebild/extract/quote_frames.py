"""Frames around a message that the indirect-quote rules share: "wie X mitteilte, …" /
"…, wie X sagte." (German) and "<message>, X said." / "…, dijo X." (English, Spanish).
Used by :mod:`lagebild.extract.quote_indirect`."""

from __future__ import annotations

from lagebild.extract.chunker import Chunker
from lagebild.extract.quote_doc import Cand, Doc, char_span, clause_end, clause_start_back, speaker_of
from lagebild.extract.speech import COMPLEMENTIZERS, is_speech_verb
from lagebild.lang.calendar import iso_weekday
from lagebild.lang.speech import FRAME_ADJUNCT_STARTS

__all__ = [
    "POSTPOSED_MIN_WORDS",
    "POSTPOSED_SUBJECT_MAX",
    "WIE_MAX_BACK",
    "emerges_from",
    "postposed_frame",
    "reporter_after",
    "stance_adjective",
    "wie_clause",
    "wie_message",
]

# English/Spanish frames after their message: "<message>, GDL said in a statement.",
# "<message>, the court said on Monday.", "<message>, said the spokesman.", "<message>, dijo
# el tribunal.". The subject between the comma and the verb has at most this many tokens
# ("a spokesman for the company"); the message before the comma at least POSTPOSED_MIN_WORDS
# words. Written from realnews_dev's English reports outside the multilingual gold set
# (dev-045 "…, it added."), 2026-12-02.
POSTPOSED_SUBJECT_MAX = 6
POSTPOSED_MIN_WORDS = 4


def _frame_tail_ok(doc: Doc, k: int, sb: int, lang: str) -> bool:
    """From token ``k`` to the sentence end: nothing, or an adjunct without a clause of its
    own ("in a statement in the early hours of Monday", "on Monday")."""
    if k >= sb or doc.toks[k].text in ".!?":
        return True
    day = any(iso_weekday(doc.toks[m].text) is not None for m in range(k, min(sb, k + 2)))  # "(el) lunes"
    if not day and doc.toks[k].text.lower() not in FRAME_ADJUNCT_STARTS.get(lang, frozenset()):
        return False
    return not any(doc.toks[m].text == "," or doc.toks[m].text.lower() in COMPLEMENTIZERS for m in range(k, sb))


def postposed_frame(doc: Doc, chunker: Chunker, i: int, inside: list[bool]) -> Cand | None:
    """The message before "…, X said [adjunct]." or "…, said X." (English, Spanish)."""
    sa, sb = doc.sent_bounds(i)
    lang = doc.language[:2]
    spk: tuple[int, int] | None
    if i > sa and doc.toks[i - 1].text == ",":
        c = i - 1  # "…, said the spokesman."
        spk = chunker.np_at(i + 1) if i + 1 < sb else None
        if spk is None:
            return None
        # "dijo el tribunal el lunes": the day is the frame's adjunct, not the speaker
        day = next((m for m in range(spk[0] + 1, spk[1]) if iso_weekday(doc.toks[m].text) is not None), None)
        if day is not None:
            spk = (spk[0], day - 1 if day - 1 > spk[0] and not doc.toks[day - 1].text[:1].isupper() else day)
        if not _frame_tail_ok(doc, spk[1], sb, lang):
            return None
    else:
        found = next((k for k in range(i - 1, max(sa, i - 1 - POSTPOSED_SUBJECT_MAX) - 1, -1) if doc.toks[k].text == ","), None)
        if found is None or found == i - 1 or any(inside[k] or not doc.toks[k].text[:1].isalnum() for k in range(found + 1, i)):
            return None
        if not _frame_tail_ok(doc, i + 1, sb, lang):
            return None
        c, spk = found, (found + 1, i)
    if inside[c - 1] or sum(1 for k in range(sa, c) if doc.toks[k].text[:1].isalnum()) < POSTPOSED_MIN_WORDS:
        return None  # a direct quote before the comma is the direct extractor's
    s, e = char_span(doc, sa, c)
    return Cand(s, e, "indirect", doc.sent_of[i], cue=(doc.toks[i].start, doc.toks[i].end), spk=spk)



def wie_clause(doc: Doc, i: int) -> int | None:
    """Index of "wie" when the verb at ``i`` ends a "wie X sagte" clause, else None."""
    sa, _ = doc.sent_bounds(i)
    commas = 0
    for m in range(i - 1, max(sa - 1, i - WIE_MAX_BACK), -1):
        tx = doc.toks[m].text
        if tx.lower() == "wie" and (m == sa or doc.toks[m - 1].text in (",", "–")):
            return m
        if tx == ",":
            commas += 1  # "Wie Steve Marshall, Sprecher des UN-Büros, mitteilte, …"
            if commas > 2 or (m + 1 < i and doc.pos[m + 1] not in ("NN", "NE", "ART", "ADJA", "PPOSAT")):
                return None
            continue
        if tx in (":", ";") or doc.pos[m] in ("VVFIN", "VAFIN", "VMFIN"):
            return None
    return None


# How far back from its verb "wie" may open a "wie X mitteilte" clause, in tokens (with an
# apposition: "Wie Steve Marshall, Sprecher der UN-Büros in Birma, in Bangkok mitteilte").
WIE_MAX_BACK = 16

def wie_message(doc: Doc, chunker: Chunker, i: int, wie: int, spk: tuple[int, int] | None,
                 inside: list[bool]) -> Cand | None:
    sa, sb = doc.sent_bounds(i)
    si = doc.sent_of[i]
    cue = (doc.toks[i].start, doc.toks[i].end)
    k = i + 1
    while k < sb and doc.pos[k] in ("PTKVZ", "VAFIN", "VAPP", "VAINF", "VMFIN"):
        k += 1
    if spk is None and doc.pos[wie + 1] not in ("VVFIN", "VAFIN"):
        r = chunker.np_at(wie + 1)
        spk = r if r and r[1] <= i else None
    if wie == sa and k < sb and doc.toks[k].text == ",":
        end = clause_end(doc, k + 1, inside)
        if end - k - 1 >= 3:
            s, e = char_span(doc, k + 1, end)
            return Cand(s, e, "indirect", si, cue=cue, spk=spk)
    if wie > sa and (k >= sb - 1 or doc.toks[k].text in ".!?"):
        a = clause_start_back(doc, wie - 1, inside)
        if wie - 1 - a >= 3 and not inside[wie - 2]:
            s, e = char_span(doc, a, wie - 1)
            return Cand(s, e, "indirect", si, cue=cue, spk=spk)
    return None


def reporter_after(doc: Doc, chunker: Chunker, k: int) -> tuple[int, tuple[int, int]] | None:
    """German: the frame after a message that ends at the comma ``k`` (", sagte X", ", hatte
    X damals gesagt"): the frame's speech verb and its subject, else None. A message whose
    own verb is reported ("Sie wisse, dass …, hatte X gesagt") is X's words."""
    _, sb = doc.sent_bounds(k) if k < len(doc.toks) else (0, 0)
    if k + 2 >= sb or doc.toks[k].text != ",":
        return None
    j = k + 1
    if doc.pos[j] == "VVFIN" and is_speech_verb(doc.toks, j, doc.language):
        r = chunker.np_at(j + 1)
        return (j, r) if r is not None else None
    if doc.pos[j] != "VAFIN" or (doc.toks[j].lemma or "").lower() not in ("haben", "sein"):
        return None
    r = chunker.np_at(j + 1)
    if r is None:
        return None
    m = r[1]
    while m < sb and doc.pos[m] in ("ADV", "ADJD", "PTKNEG"):
        m += 1
    if (m < sb and doc.pos[m] == "VVPP" and is_speech_verb(doc.toks, m, doc.language)
            and (m + 1 >= sb or doc.toks[m + 1].text in ".,;!" or doc.toks[m + 1].text == "und")):
        return (m, r)
    return None


# Verbs of "X zeigte sich überzeugt, dass …" / "X war sich sicher, dass …": a stance stated
# with a reflexive verb and an adjective, whose "dass" clause is the subject's report.
_STANCE_REFLEXIVE_VERBS = frozenset({"zeigen", "sein"})


def stance_adjective(doc: Doc, chunker: Chunker, i: int, inside: list[bool]) -> Cand | None:
    """German: the adjective at ``i`` closes "zeigte sich (besonders darüber) besorgt" or "war
    sich sicher" and a "dass" clause follows: that clause, with the verb's subject."""
    sa, sb = doc.sent_bounds(i)
    if doc.language[:2] != "de" or doc.pos[i] not in ("ADJD", "VVPP"):  # "überzeugt" reads as a participle
        return None
    k = i + 1
    if k < sb and doc.pos[k] == "PROAV":
        k += 1  # "darüber"
    if k + 1 >= sb or doc.toks[k].text != "," or doc.toks[k + 1].text.lower() not in ("dass", "daß"):
        return None
    sich = next((m for m in range(i - 1, max(sa, i - 5) - 1, -1) if doc.toks[m].text.lower() == "sich"), None)
    if sich is None:
        return None
    verb = next((m for m in range(sich - 1, max(sa, sich - 8) - 1, -1)
                 if doc.pos[m] in ("VVFIN", "VAFIN") and (doc.toks[m].lemma or "").lower() in _STANCE_REFLEXIVE_VERBS), None)
    if verb is None:
        return None
    end = clause_end(doc, k + 1, inside)
    if end - k - 1 < 4:
        return None
    s, e = char_span(doc, k + 1, end)
    return Cand(s, e, "indirect", doc.sent_of[i], cue=(doc.toks[verb].start, doc.toks[i].end),
                spk=speaker_of(doc, chunker, verb))


def emerges_from(doc: Doc, chunker: Chunker, i: int, inside: list[bool]) -> Cand | None:
    """German "hervorgehen": "Aus dem Bericht geht hervor, dass …" (the dass clause) and "Wie
    aus dem Bericht hervorgeht, …" (the clause after the comma); the source is the phrase
    after "aus". ``i`` is "hervor" (a separated particle) or "hervorgeht"."""
    sa, sb = doc.sent_bounds(i)
    low = doc.toks[i].text.lower()
    if doc.language[:2] != "de" or not low.startswith("hervor") or i + 1 >= sb or doc.toks[i + 1].text != ",":
        return None
    if low == "hervor" and not any((doc.toks[m].lemma or "").lower() == "gehen" for m in range(max(sa, i - 12), i)):
        return None
    aus = next((m for m in range(i - 1, max(sa - 1, i - 14), -1) if doc.toks[m].text.lower() == "aus"), None)
    if aus is None:
        return None
    src = chunker.np_at(aus + 1)
    if src is None or src[1] > i:
        return None
    first = i + 2
    if doc.toks[first].text.lower() not in ("dass", "daß") and not (aus > sa and doc.toks[aus - 1].text.lower() == "wie"):
        return None
    end = clause_end(doc, first, inside)
    if end - first < 3:
        return None
    s, e = char_span(doc, first, end)
    cue_start = next((m for m in range(aus, i) if (doc.toks[m].lemma or "").lower() == "gehen"), i)
    return Cand(s, e, "indirect", doc.sent_of[i], cue=(doc.toks[cue_start].start, doc.toks[i].end), spk=src)
