"""Shared ground of quote extraction: the tagged document, candidates, clause bounds and
the cue verb's speaker phrase (used by :mod:`.quotes`, :mod:`.quote_direct`, :mod:`.quote_indirect`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild.extract import gazetteer as gz
from lagebild.extract.chunker import Chunker
from lagebild.extract.speech import (
    QUOTE_CHARS,
    is_reported_mood,
    is_speech_verb,
    pos_of,
    starts_main_clause,
)
from lagebild.lang.names import particle_name
from lagebild.lang.speech import CLAIM_NOUNS, FOUND_IN_VERBS, REJECTION_VERBS, SPEAKING_GROUP_STEMS
from lagebild.models import Sentence
from lagebild.text.lemmas import Token, tag

__all__ = [
    "AFTER_FRAME_MAX_GAP",
    "COMPLEMENT_MAX_GAP",
    "CONTINUATION_WINDOW",
    "LONG_QUOTE_MIN_WORDS",
    "SENT_END",
    "SHORT_QUOTE_MAX_WORDS",
    "V2_MAX_POS",
    "WIE_FRAME_MAX_TOKENS",
    "Cand",
    "Doc",
    "bare_name",
    "can_speak",
    "char_span",
    "claim_object",
    "clause_end",
    "clause_start_back",
    "in_source",
    "speaker_of",
    "subordinate_span",
    "words_in",
]

# Quoted spans of at least this many words with a finite verb or final punctuation are
# utterances even without a cue (continuation of the last speaker). Calibrated on SpkAtt-2023 train.
LONG_QUOTE_MIN_WORDS = 4
# A quoted span this short needs a speech cue in its sentence to count as a quote.
# Calibrated on SpkAtt-2023 train (1-3 word spans without a cue are mostly titles/scare quotes).
SHORT_QUOTE_MAX_WORDS = 3
# How many sentences back a cue-less quote or a Konjunktiv-I sentence may inherit a speaker.
# Calibrated on SpkAtt-2023 train.
CONTINUATION_WINDOW = 2
# Tokens after a closing mark within which the frame verb must appear ("“, sagte X").
AFTER_FRAME_MAX_GAP = 2
# Tokens after "wie" within which its speech verb must appear ("„…“, wie der Sekretär der
# Jury, Lars Berg, bei der Bekanntgabe sagte"). Was 10 and stopped at the first comma, which
# cut every apposition off (realnews_dev's Nobel report dev-093, 2026-12-02); SpkAtt-2023
# train dev and held-out folds checked with 16.
WIE_FRAME_MAX_TOKENS = 16
# Tokens between a speech verb and the comma before its complement clause.
COMPLEMENT_MAX_GAP = 12
# Position of the finite verb in a complement main clause ("sagte, der Iran habe ...").
V2_MAX_POS = 8

SENT_END = frozenset(".!?")

@dataclass
class Cand:
    start: int
    end: int
    kind: str
    sent: int
    cue: tuple[int, int] | None = None
    spk: tuple[int, int] | None = None  # token range of the speaker phrase
    inherit: bool = False  # speaker comes from the previous report
    group: int = -1  # candidates with the same group share cue and speaker
    extras: dict[str, Any] = field(default_factory=dict)

class Doc:
    """Tokens of the whole text with sentence indices and char->token lookup."""

    def __init__(self, text: str, sentences: Sequence[Sentence], language: str | None) -> None:
        self.text = text
        self.language = language or "de"
        self.toks: list[Token] = []
        self.sent_of: list[int] = []
        self.sent_range: list[tuple[int, int]] = []
        for si, s in enumerate(sentences):
            a = len(self.toks)
            stoks = tag(s.text, self.language, s.start) if s.text.strip() else []
            self.toks.extend(stoks)
            self.sent_of.extend([si] * len(stoks))
            self.sent_range.append((a, len(self.toks)))
        self.starts = [t.start for t in self.toks]
        self.ends = [t.end for t in self.toks]
        self.pos = [pos_of(t) for t in self.toks]
        if self.language[:2] == "de":
            for k, t in enumerate(self.toks):
                if particle_name(t.text):
                    self.pos[k] = "NE"  # "el-Baradei", "al-Sisi": HanTa reads them as adverbs

    def tok_at_or_after(self, char: int) -> int:
        return bisect_left(self.ends, char + 1)

    def tok_before(self, char: int) -> int:
        """Index of the last token ending at or before ``char`` (-1 when none)."""
        return bisect_right(self.ends, char) - 1

    def sent_bounds(self, i: int) -> tuple[int, int]:
        return self.sent_range[self.sent_of[i]]

def words_in(doc: Doc, a: int, b: int) -> list[int]:
    return [k for k in range(a, b) if doc.toks[k].text[:1].isalnum()]

def clause_end(doc: Doc, i: int, inside: list[bool], main: bool = False, main_from: int = 0) -> int:
    """Token index (exclusive) where the clause/sentence starting at ``i`` ends.

    ``main``: the message is a main clause, so a second main clause after a comma
    ("…, die Polizei spricht von 4.000") ends it.
    """
    _, b = doc.sent_bounds(i)
    end = b
    while end > i and doc.toks[end - 1].text in ".!?;:" + "".join(QUOTE_CHARS):
        if doc.toks[end - 1].text in QUOTE_CHARS and not inside[end - 1]:
            break
        end -= 1
    # stop before a trailing frame: "…, sagte X." / "…, so X." / "… und fügte hinzu: „…“"
    reported = False
    for k in range(i + 1, end):
        reported = reported or (not inside[k - 1] and is_reported_mood(doc.toks, k - 1))
        if (reported and doc.language[:2] == "de" and doc.toks[k].text.lower() in (",", "und")
                and k + 1 < end and not inside[k + 1] and doc.pos[k + 1] == "VVFIN"
                and not is_reported_mood(doc.toks, k + 1)):
            # "er sei unschuldig, erkannte das Gericht nicht an": an indicative verb after a
            # report in Konjunktiv I goes on with the frame's subject, not the report
            return k
        if (doc.toks[k].text == ":" and not inside[k] and k + 1 < end and doc.toks[k + 1].text in QUOTE_CHARS
                and k - i >= 3):
            return k  # "aseguró que "están dispuestos": "Este contiene …"": a new quotation follows
        if doc.toks[k].text.lower() == "und" and k + 1 < end and doc.pos[k + 1] == "VVFIN" and is_speech_verb(
            doc.toks, k + 1, doc.language
        ):
            return k
        if doc.toks[k].text == "," and k + 1 < end:
            nxt = doc.toks[k + 1]
            if nxt.text.lower() == "so" and doc.language[:2] == "de" and k + 2 < end and doc.pos[k + 2] in ("NE", "NN", "ART", "PPER"):
                return k
            if doc.pos[k + 1] == "VVFIN" and is_speech_verb(doc.toks, k + 1, doc.language):
                return k
            if main and k > main_from and not inside[k + 1] and starts_main_clause(doc.toks, doc.pos, k + 1, end):
                return k
            # "Dass …, hatte Koch-Mehrin erklärt": a main clause with the speech verb follows
            if doc.pos[k + 1] in ("VAFIN", "VMFIN") and any(
                doc.pos[m].startswith("VV") and is_speech_verb(doc.toks, m, doc.language)
                for m in range(k + 2, min(end, k + 10))
            ):
                return k
    return end

def subordinate_span(doc: Doc, k: int, inside: list[bool]) -> tuple[int, int] | None:
    """German: the relative or conjunctional clause that token ``k`` (a source phrase such as
    "laut X", "nach Angaben von X") sits in, opened after a comma before ``k`` by a relative
    pronoun, a preposition with one or a subordinating conjunction and closed by its verb
    ("…, da nach Angaben der Post die Genehmigung zu spät beantragt worden war", "Ein Boot,
    auf dem sich nach Angaben der Polizei 300 Menschen befunden haben sollen, ist …"):
    the report is that clause, not the sentence. None outside such a clause."""
    if doc.language[:2] != "de":
        return None
    sa, sb = doc.sent_bounds(k)
    comma = next((m for m in range(k - 1, sa, -1) if doc.toks[m].text in ",;:–" and not inside[m]), None)
    if comma is None or comma + 1 >= k:
        return None
    cs = comma + 1
    opener = doc.pos[cs] in ("PRELS", "KOUS") or (
        doc.pos[cs] in ("APPR", "APPRART") and doc.pos[cs + 1] == "PRELS" and cs + 1 < k)
    if not opener or doc.toks[cs].text.lower() in ("dass", "daß", "ob"):
        return None  # a complement clause is its verb's report ("sagte, dass laut X …")
    if any(doc.pos[m] in ("VVFIN", "VAFIN", "VMFIN") for m in range(cs + 1, k)):
        return None  # the source phrase follows the clause's verb
    end = next((m for m in range(k + 1, sb) if doc.toks[m].text in ",;:" and not inside[m]), sb)
    while end > k and doc.toks[end - 1].text in ".!?":
        end -= 1
    if doc.pos[end - 1] not in ("VVFIN", "VAFIN", "VMFIN", "VVINF", "VAINF", "VMINF", "VVPP", "PTKVZ"):
        return None  # no verb-final clause end
    return cs, end


def claim_object(doc: Doc, chunker: Chunker, verb: int, lemma: str, k: int) -> tuple[int, int] | None:
    """The claim a rejecting verb at ``verb`` takes as its object between it and token ``k``
    (the comma before the complement): "wies die Darstellung zurück, die Ausländer seien …",
    "wandte sich gegen die Behauptung, …". That noun phrase, not the verb's subject, is the
    source of the complement; None for other verbs or objects."""
    if lemma not in REJECTION_VERBS.get(doc.language[:2], frozenset()):
        return None
    for m in range(verb + 1, k):
        if doc.pos[m] == "NN" and doc.toks[m].text.lower() in CLAIM_NOUNS.get(doc.language[:2], frozenset()):
            a = m - 1 if doc.pos[m - 1] in ("ART", "PDAT", "PPOSAT") else m
            r = chunker.np_at(a, appos=False)
            return r if r is not None and r[1] <= k else (a, m + 1)
    return None


def char_span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc.toks[a].start, doc.toks[b - 1].end

def clause_start_back(doc: Doc, k: int, inside: list[bool]) -> int:
    """First token of the stretch before ``k`` back to the sentence start, a colon or a quote."""
    sa, _ = doc.sent_bounds(k)
    for m in range(k - 1, sa - 1, -1):
        if doc.toks[m].text in ":;" or (inside[m] and doc.toks[m].text in QUOTE_CHARS and m < k - 1 and False):
            return m + 1
    return sa

def speaker_of(doc: Doc, chunker: Chunker, verb: int) -> tuple[int, int] | None:
    """Speaker phrase of a cue verb: its subject, a passive agent, or for "heißt es" the
    source it names ("In der Erklärung heißt es", "hieß es vom Abgeordneten X")."""
    if _passive_without_agent(doc, chunker, verb):
        return None  # "Die Männer werden beschuldigt, …": the subject is who is spoken about
    if _found_in(doc, verb):
        # "In der Zeitung fand sich die Feststellung „…“", "ist in der Behauptung zu finden
        # „…“": the subject is the statement, the source is where it is found
        r = in_source(doc, chunker, verb) or in_source(doc, chunker, verb, after=True)
        if r is not None:
            return r
    passive = doc.language[:2] == "de" and _agentless_passive(doc, chunker, verb)
    r = None if passive else chunker.subject(verb) or chunker.passive_agent(verb)
    if r is None and ((doc.toks[verb].lemma or "").lower() in ("heißen", "verlauten") or _impersonal_passive(doc, verb)):
        # "In der Erklärung heißt es", "In einem Bericht wurde gefordert, dass …"
        r = in_source(doc, chunker, verb) or in_source(doc, chunker, verb, after=True)
    if r is None and doc.language[:2] == "de" and not passive:
        r = (_prefield_subject(doc, chunker, verb) or _quoted_name_before(doc, verb)
             or _neuter_org_pronoun(doc, verb))
    elif (r is not None and r[0] > verb and doc.language[:2] == "de" and doc.pos[verb] == "VVFIN"
          and not can_speak(doc, r)):
        # "Die Haushaltspolitikerin von Bündnis 90 / Die Grünen, Anja Hajduk, kritisierte die
        # Pläne": a prefield the chunker could not read is the subject, not the object after
        # the verb
        pre = _prefield_subject(doc, chunker, verb)
        if pre is not None and can_speak(doc, pre):
            r = pre
    if r is not None and doc.language[:2] == "de" and r[1] <= verb:
        r = _inverted_subject(doc, chunker, verb, r)
    if r is not None and doc.language[:2] == "de" and not can_speak(doc, r):
        r = _comes_from(doc, chunker, verb) or r  # "Scharfe Kritik kam vom Verband: „…“"
    if r is not None and r[0] > verb and r[1] < len(doc.toks) and doc.pos[r[1]] in ("VVFIN", "VAFIN", "VMFIN"):
        # "meldete die Tagesschau, Feldmann rechne …": the "apposition" is the subject of the
        # reported clause; the speaker ends at the comma
        comma = next((m for m in range(r[1] - 1, r[0], -1) if doc.toks[m].text == ","), None)
        if comma is not None:
            r = (r[0], comma)
    return r


# How many sentences back "es" may find the neuter organisation it stands for ("Das Gericht
# … . Hier stellte es fest, dass …"). Same window as the speaker resolver's pronouns
# (speakers.PRONOUN_WINDOW), set by hand.
NEUTER_ORG_WINDOW = 2


def _neuter_org_pronoun(doc: Doc, verb: int) -> tuple[int, int] | None:
    """ "es" as the subject of a finite speech verb ("Es weist den Vorwurf zurück, …", "Hier
    stellte es fest, dass …") when a neuter organisation ("das Gericht", "das Ministerium")
    is named within NEUTER_ORG_WINDOW sentences before: the pronoun is the speaker phrase.
    Anywhere else "es" is expletive ("heißt es", "es gebe") and names nobody."""
    if doc.pos[verb] != "VVFIN" or (doc.toks[verb].lemma or "").lower() in ("heißen", "geben"):
        return None
    sa, sb = doc.sent_bounds(verb)
    es = verb + 1 if verb + 1 < sb else None
    if verb == sa + 1 and doc.toks[sa].text == "Es":
        es = sa
    if es is None or doc.toks[es].text.lower() != "es" or doc.pos[es] != "PPER":
        return None
    lo = doc.sent_range[max(0, doc.sent_of[verb] - NEUTER_ORG_WINDOW)][0]
    named = any(doc.toks[k].text.lower() == "das" and doc.pos[k] == "ART" and doc.pos[k + 1] == "NN"
                and gz.is_org_cue(doc.toks[k + 1].text) for k in range(lo, sa))
    return (es, es + 1) if named else None


def _comes_from(doc: Doc, chunker: Chunker, verb: int) -> tuple[int, int] | None:
    """ "Kritik kam vom Verband", "Widerspruch kommt aus der Opposition": the source after
    "von/vom/aus" of "kommen" whose subject is what was said."""
    if (doc.toks[verb].lemma or "").lower() != "kommen":
        return None
    _, sb = doc.sent_bounds(verb)
    for k in range(verb + 1, min(sb, verb + 4)):
        if doc.toks[k].text.lower() in ("von", "vom", "aus") and doc.pos[k] in ("APPR", "APPRART"):
            r = chunker.np_at(k + 1)
            return r if r is not None and any(doc.pos[m] in ("NN", "NE") for m in range(*r)) else None
        if doc.toks[k].text in ",:;":
            break
    return None


def _found_in(doc: Doc, verb: int) -> bool:
    """German "sich finden" / "zu finden sein" / "sich ergeben aus" at ``verb``: words found
    in a text or a finding ("In dem Bericht findet sich der Satz …", "Wie sich aus der
    Auswertung ergab, …"), not somebody who finds that ("Sie findet, dass …") or a study
    that shows it ("Die Studie ergab, dass …")."""
    lemma = (doc.toks[verb].lemma or "").lower()
    if doc.language[:2] != "de" or lemma not in FOUND_IN_VERBS["de"]:
        return False
    sa, sb = doc.sent_bounds(verb)
    if lemma == "finden" and verb > sa and doc.toks[verb - 1].text.lower() == "zu":
        return True
    cs = max([sa] + [k + 1 for k in range(sa, verb) if doc.toks[k].text in ",;:"])
    near = range(cs, min(sb, verb + 3))
    return any(doc.pos[k] == "PRF" and doc.toks[k].text.lower() == "sich" for k in near)


# Longest sentence-initial subject taken as a whole when the chunker finds none ("Der
# Vertreter der Arbeitgeber im Aufsichtsrat der BA, Peter Clever, hat … gefordert"), in
# tokens. Calibrated on SpkAtt-2023 train (dev fold).
PREFIELD_MAX_TOKENS = 25
# Words that open a German prefield that can be the subject: nominative articles and
# determiners (oblique ones open objects: "Dem Minister wurde …").
_NOMINATIVE_OPENERS = frozenset({"der", "die", "das", "ein", "eine", "mehrere", "viele", "einige", "alle", "beide"})

def can_speak(doc: Doc, r: tuple[int, int]) -> bool:
    """The phrase names someone who can speak: a name, a personal pronoun, or a head noun that
    is a role or an organisation ("Meteorologen", "die Organisation")."""
    first_noun = next((m for m in range(*r) if doc.pos[m] in ("NN", "NNA", "NE")), None)
    if first_noun is not None and doc.pos[first_noun] == "NE":
        return True  # not "Die Anwendung der Richtlinie des Kanzlers Schröder"
    if r[1] - r[0] == 1 and doc.toks[r[0]].text.lower() in ("er", "sie"):
        return True
    heads = [m for m in range(*r) if doc.pos[m] in ("NN", "NNA", "NE")]  # the first noun heads
    if not heads:
        return False
    word = doc.toks[heads[0]].text
    return (gz.role_of(word) is not None or gz.is_org_cue(word) or _chef_compound(word)
            or word.lower().endswith(SPEAKING_GROUP_STEMS))  # "Kritiker", "die Anwohner"


# "-chef" is too short a stem for the gazetteer's role suffixes; as the end of a compound of
# at least this many letters it names a role ("Parteichef", "Verbandschef", "Konzernchefin").
# Kept here, not in gazetteer.role_of, whose answers are features of the trained NER model.
CHEF_COMPOUND_MIN = 8


def _chef_compound(word: str) -> bool:
    return len(word) >= CHEF_COMPOUND_MIN and word[:1].isupper() and word.lower().endswith(("chef", "chefin"))


def bare_name(doc: Doc, k: int) -> bool:
    """A lone singular noun without an article at ``k`` ("dass Brenner die Spielerin gefragt
    habe"): a surname HanTa tagged as a noun; a common noun in the singular needs an article
    (abstract nouns in "-ung", "-heit", … and plurals are left out)."""
    t = doc.toks[k]
    if doc.pos[k] != "NN" or not t.text[:1].isupper() or (t.lemma or t.text) != t.text:
        return False
    if k > 0 and doc.sent_of[k - 1] == doc.sent_of[k] and doc.pos[k - 1] in ("ART", "PPOSAT", "PDAT", "PIAT", "ADJA"):
        return False
    return not t.text.lower().endswith(_FEMININE_SINGULAR_ENDINGS) and "-" not in t.text

# Words that open a nominative phrase right after a V2 verb ("stellte der SPD-Vorsitzende …
# in Frage", "lehnt er ab").
_POST_VERB_NOMINATIVE = frozenset({"der", "die", "ein", "eine", "er", "sie"})

def _inverted_subject(doc: Doc, chunker: Chunker, verb: int, r: tuple[int, int]) -> tuple[int, int]:
    """German object-first order: "Der Politik schlug er vor", "Die praktische Anwendung …
    stellte der SPD-Vorsitzende Franz Müntefering in Frage". When the phrase before the verb
    names nobody who can speak and a phrase that does follows the finite verb, that one is
    the subject."""
    fin = verb
    if doc.pos[verb] not in ("VVFIN", "VAFIN", "VMFIN"):
        fin = next((k for k in range(r[1], verb) if doc.pos[k] in ("VAFIN", "VMFIN")), verb)
    wrong_number = fin > r[1] - 1 and doc.toks[fin - 1].text == "," and _disagrees(doc, fin, (r[0], _first_comma(doc, r)))
    if not wrong_number and (fin != r[1] or can_speak(doc, r)):
        return r
    j = fin + 1
    while j < len(doc.toks) and doc.pos[j] in ("ADV", "PTKNEG") and j - fin <= 3:
        j += 1
    if j >= len(doc.toks) or doc.sent_of[j] != doc.sent_of[fin]:
        return r
    post = chunker.np_at(j)
    # a lone surname HanTa tagged as a noun ("Die Pläne kritisierte Brenner als „…“")
    surname = post == (j, j + 1) and bare_name(doc, j)
    if doc.toks[j].text.lower() not in _POST_VERB_NOMINATIVE and doc.pos[j] != "NE" and not surname:
        return r
    if (post is None or not (can_speak(doc, post) or surname)
            or _disagrees(doc, fin, post) or _oblique_feminine(doc, post)):
        return r
    if (not wrong_number and doc.toks[j].text.lower() not in _NOMINATIVE_ONLY
            and doc.toks[r[0]].text.lower() in _SUBJECT_ARTICLES):
        # "Das US-Magazin Barrons bezeichnete Stratfor als …", "Der Vertreter rief die Armee
        # auf": after an article-led phrase that can be the subject, a name or "die X" after
        # the verb is the object; only "der X" / "er" takes the role over ("Die praktische
        # Anwendung stellte der SPD-Vorsitzende in Frage")
        return r
    return post


def _oblique_feminine(doc: Doc, r: tuple[int, int]) -> bool:
    """ "der Bürgermeisterin", "der Regierung": "der" before a feminine singular noun is dative
    or genitive, never the subject ("Die Opposition warf der Bürgermeisterin vor, …")."""
    if doc.toks[r[0]].text.lower() != "der":
        return False
    head = next((m for m in range(*r) if doc.pos[m] in ("NN", "NE")), None)
    if head is None or doc.pos[head] != "NN":
        return False
    word = doc.toks[head].text
    return (word.lower().endswith(_FEMININE_SINGULAR_ENDINGS)
            or (word.endswith("in") and gz.role_of(word) is not None))


# Words after a V2 verb that open a nominative phrase only ("stellte der SPD-Vorsitzende …").
_NOMINATIVE_ONLY = frozenset({"der", "er"})
# Articles that open a phrase that can be a subject ("Das US-Magazin Barrons").
_SUBJECT_ARTICLES = frozenset({"der", "die", "das", "ein", "eine"})


def _first_comma(doc: Doc, r: tuple[int, int]) -> int:
    """End of ``r`` at its first comma: the head phrase before an apposition or a relative
    clause ("Die tibetischen Mönche, die …")."""
    return next((k for k in range(r[0] + 1, r[1]) if doc.toks[k].text == ","), r[1])


# Endings of German feminine nouns whose singular equals the lemma ("die Union", "die
# Regierung"): with such a head, "die X" after a plural verb is an object, not the subject.
_FEMININE_SINGULAR_ENDINGS = ("ion", "ung", "heit", "keit", "schaft", "tät", "ei", "ur")


def _disagrees(doc: Doc, fin: int, r: tuple[int, int]) -> bool:
    """The finite verb at ``fin`` is plural ("hatten", "werfen") and the phrase ``r`` is
    certainly singular (a name, or a feminine singular head), or the other way round: then
    ``r`` cannot be the verb's subject ("Die Vereinten Nationen hatten die Europäische Union
    gebeten", "Kritiker werfen Obama vor"). Unknown number never disagrees."""
    verb = doc.toks[fin].text.lower()
    plural_verb = verb.endswith("en") or verb == "sind"
    heads = [m for m in range(*r) if doc.pos[m] in ("NN", "NE")]
    if not heads or any(doc.toks[m].text.lower() in ("und", "sowie") for m in range(*r)):
        return False
    h = heads[0]
    text, lemma = doc.toks[h].text, doc.toks[h].lemma or doc.toks[h].text
    if doc.pos[h] == "NE":
        singular: bool | None = True
    elif text != lemma and not text.endswith("s"):
        singular = False
    elif text == lemma and text.lower().endswith(_FEMININE_SINGULAR_ENDINGS):
        singular = True
    else:
        singular = None
    return singular is not None and singular == plural_verb

# Participles whose passive subject is the addressee or the accused, never the speaker.
_ADDRESSEE_PASSIVES = frozenset({"beschuldigen", "vorwerfen", "verdächtigen", "anklagen", "auffordern",
                                 "bitten", "anweisen", "warnen", "fragen", "informieren"})

def _impersonal_passive(doc: Doc, verb: int) -> bool:
    """ "wurde gefordert, dass …": a participle with a finite "werden" before it."""
    if doc.pos[verb] != "VVPP":
        return False
    sa, _ = doc.sent_bounds(verb)
    return any(doc.pos[k] == "VAFIN" and (doc.toks[k].lemma or "").lower() == "werden" for k in range(sa, verb))

def _passive_without_agent(doc: Doc, chunker: Chunker, verb: int) -> bool:
    """ "X wird beschuldigt / wurde aufgefordert, …" without a "von Y": X is not the speaker."""
    if doc.pos[verb] != "VVPP" or (doc.toks[verb].lemma or "").lower() not in _ADDRESSEE_PASSIVES:
        return False
    sa, _ = doc.sent_bounds(verb)
    aux = next((k for k in range(verb - 1, sa - 1, -1) if doc.pos[k] in ("VAFIN", "VMFIN")), None)
    if aux is None or (doc.toks[aux].lemma or "").lower() != "werden":
        return False
    return chunker.passive_agent(verb) is None

def _agentless_passive(doc: Doc, chunker: Chunker, verb: int) -> bool:
    """The participle at ``verb`` is passive in its own clause ("werden die Pläne als „…“
    bezeichnet", "als „…“ bezeichnet worden") and names no agent: its subject is what was
    said or whom it was about, never the speaker ("X wird mit den Worten zitiert" aside)."""
    if doc.pos[verb] != "VVPP" or (doc.toks[verb].lemma or "").lower() == "zitieren":
        return False
    nxt = verb + 1
    if nxt < len(doc.toks) and doc.sent_of[nxt] == doc.sent_of[verb] and doc.pos[nxt] in ("VAFIN", "VAPP", "VAINF"):
        passive = (doc.toks[nxt].lemma or "").lower() == "werden"  # "bezeichnet wurde", not "erklärt hatte"
    else:
        cs = chunker._clause_start(verb, quotes=False)
        aux = next((k for k in range(verb - 1, cs - 1, -1) if doc.pos[k] in ("VAFIN", "VMFIN")), None)
        passive = aux is not None and (doc.toks[aux].lemma or "").lower() == "werden"
    return passive and chunker.passive_agent(verb) is None

def _quoted_name_before(doc: Doc, verb: int) -> tuple[int, int] | None:
    """A name in quotation marks right before its verb, with its article: "wie „heise online“
    berichtet", "Wie die „Aktion Deutschland hilft“ heute mitteilte", "„Muslix64“ erwähnte"."""
    k = verb - 1
    while k >= 0 and doc.pos[k] == "ADV" and verb - k <= 3:
        k -= 1
    if k < 1 or doc.toks[k].text not in QUOTE_CHARS or doc.sent_of[k] != doc.sent_of[verb]:
        return None
    sa, _ = doc.sent_bounds(verb)
    opening = next((m for m in range(k - 1, max(sa - 1, k - 8), -1) if doc.toks[m].text in QUOTE_CHARS), None)
    if opening is None or opening + 1 >= k:
        return None
    start = opening - 1 if opening > sa and doc.pos[opening - 1] in ("ART", "PPOSAT") else opening
    if start > sa and doc.toks[start - 1].text.lower() not in ("wie", ",") and doc.pos[start - 1] not in ("KOUS", "ADV"):
        return None  # "… der Zeitung „X“ berichtet": not the subject
    return (start, k + 1)

def _prefield_subject(doc: Doc, chunker: Chunker, verb: int) -> tuple[int, int] | None:
    """The whole prefield of a main clause when it reads as the subject: the tokens from the
    sentence start to the first finite verb, opened by a nominative article, a name, a noun or
    a quoted name ("Die „Süddeutsche Zeitung“ hatte berichtet", "„BBC News“ berichtet",
    "Die Gewerkschaft ver.di geht davon aus"), with a relative clause or trailing adverbs cut
    off ("John Edwards dagegen, der …, bekräftigte")."""
    sa, sb = doc.sent_bounds(verb)
    fin = _main_finite(doc, sa, sb)
    if fin is None or fin > verb or fin - sa > PREFIELD_MAX_TOKENS or fin == sa:
        return None
    if fin != verb and doc.pos[verb] == "VVFIN" and not (
            verb + 1 >= sb or doc.toks[verb + 1].text in ",.:;"):
        return None  # the cue verb heads its own clause
    if fin != verb and doc.toks[verb - 1].text == "," and is_reported_mood(doc.toks, fin):
        return None  # "Eine Heilung sei ausgeschlossen, heißt es": the prefield is the report's
    if fin != verb and any(doc.pos[k] in ("KOUS", "PRELS", "PWAV", "KOKOM") or doc.toks[k].text in ":;"
                           or doc.toks[k].text.lower() == "wie" for k in range(fin + 1, verb)):
        return None  # the cue sits in a subordinate clause after the main verb
    first = doc.toks[sa]
    p0 = doc.pos[sa]
    if not (first.text.lower() in _NOMINATIVE_OPENERS or p0 in ("NE", "NN") or first.text in QUOTE_CHARS):
        return None
    end = fin
    for k in range(sa + 1, fin):
        if doc.toks[k].text == "," and k + 1 < fin and doc.pos[k + 1] in ("PRELS", "KOUS", "PWAV", "PWS"):
            end = k  # "John Edwards dagegen, der …"
            break
    while end > sa + 1 and (doc.pos[end - 1] in ("ADV", "PROAV", "PTKNEG") or doc.toks[end - 1].text == ","):
        end -= 1
    if end - sa > 2 and doc.pos[end - 1] == "ADJD":
        return None
    if not any(doc.pos[k] in ("NN", "NE", "FM") for k in range(sa, end)):
        return None
    if chunker._temporal((sa, end)):
        return None
    return (sa, end)

def _main_finite(doc: Doc, sa: int, sb: int) -> int | None:
    """The first finite verb of the sentence ``sa``..``sb`` outside a relative or
    conjunctional clause set off by commas in its prefield ("John Edwards dagegen, der …
    angetreten war, bekräftigte": "bekräftigte", not "war")."""
    inner = False
    quoted = False
    for k in range(sa, sb):
        if doc.toks[k].text in QUOTE_CHARS:
            quoted = not quoted  # "Der Sprecher der Initiative „Rettet den Wald“ sagte"
            continue
        if quoted:
            continue
        if doc.toks[k].text == ",":
            inner = k + 1 < sb and (doc.pos[k + 1] in ("PRELS", "KOUS", "PWAV") or _relative_read_as_article(doc, k + 1, sb))
            continue
        if not inner and doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN") and doc.toks[k].text not in QUOTE_CHARS:
            return k
    return None

def _relative_read_as_article(doc: Doc, k: int, sb: int) -> bool:
    """ "X, der im Frühjahr angetreten war, …": HanTa tags the relative pronoun at ``k`` as an
    article; the stretch up to the next comma ends in a finite verb (a verb-final clause)."""
    if doc.pos[k] != "ART" or doc.toks[k].text not in ("der", "die", "das"):
        return False
    end = next((m for m in range(k + 1, sb) if doc.toks[m].text == ","), None)
    return end is not None and doc.pos[end - 1] in ("VVFIN", "VAFIN", "VMFIN")

def in_source(doc: Doc, chunker: Chunker, i: int, after: bool = False) -> tuple[int, int] | None:
    """ "In der Pressemitteilung des WWF heißt es" -> the phrase after "In"."""
    sa, sb = doc.sent_bounds(i)
    if not after:
        cs = chunker._clause_start(i)
        if (sa < cs < i - 1 and doc.pos[cs] in ("APPR", "APPRART") and doc.pos[cs + 1] == "PRELS"
                and doc.toks[cs - 1].text == ","):
            # "eine Erklärung der Behörde, in der es heißt": the phrase the relative pronoun
            # stands for
            ant = chunker.np_ending_at(cs - 1)
            if ant is not None:
                return ant
        # never inside a quotation before the verb ("„… im Gebet …“, heißt es in …")
        sa = max([sa] + [k + 1 for k in range(sa, i) if doc.toks[k].text in QUOTE_CHARS])
    for m in (range(i + 1, min(sb, i + 5)) if after else range(sa, i)):
        if doc.toks[m].text.lower() in ("in", "im", "von", "vom", "aus", "bei", "auf") and doc.pos[m] in ("APPR", "APPRART"):
            r = chunker.np_at(m + 1) or _np_with_adverb(doc, chunker, m + 1)
            if r and (after or r[1] <= i):
                return r
    return None

def _np_with_adverb(doc: Doc, chunker: Chunker, k: int) -> tuple[int, int] | None:
    """A noun phrase whose article and noun an adverb separates ("einer gestern verbreiteten
    Erklärung"): the chunker's phrase from the noun on, extended back to the article."""
    if k >= len(doc.toks) or doc.pos[k] not in ("ART", "PPOSAT"):
        return None
    j = k + 1
    while j < len(doc.toks) and doc.sent_of[j] == doc.sent_of[k] and doc.pos[j] in ("ADV", "ADJA", "ADJD"):
        j += 1
    if j == k + 1 or not any(doc.pos[m] == "ADV" for m in range(k + 1, j)):
        return None
    r = chunker.np_at(j)
    return (k, r[1]) if r is not None else None
