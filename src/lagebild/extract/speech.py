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

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lagebild.models import Mention, Speaker
from lagebild.text.lemmas import Token

__all__ = [
    "PRONOUNS",
    "QUOTE_CHARS",
    "SCARE_MARKERS",
    "SOURCE_NOUNS",
    "SOURCE_POSTPOSITIONS",
    "SOURCE_PREPOSITIONS",
    "Chunker",
    "SpeakerResolver",
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

# Prepositions that introduce the source of a report ("laut X", "gemäß X", "según X").
SOURCE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "de": frozenset({"laut", "lt."}),
    "en": frozenset({"according"}),  # "according to X"
    "es": frozenset({"según"}),
}
# Postpositions: "X zufolge".
SOURCE_POSTPOSITIONS: dict[str, frozenset[str]] = {"de": frozenset({"zufolge"})}
# Nouns in "nach Angaben von X", "nach Ansicht des X", "Angaben X zufolge".
SOURCE_NOUNS: frozenset[str] = frozenset(
    {
        "angaben", "ansicht", "meinung", "auffassung", "einschätzung", "darstellung",
        "aussage", "aussagen", "worten", "informationen", "berichten", "bericht", "schätzungen",
        "schätzung", "erkenntnissen", "überzeugung", "einschätzungen", "mitteilung", "auskunft",
        "berechnungen", "recherchen", "ermittlungen", "umfrage", "studie", "prognose",
        "prognosen", "meldungen", "zählung", "zählungen",
    }
)
# Personal pronouns that can stand for a named speaker.
PRONOUNS: dict[str, frozenset[str]] = {
    "de": frozenset({"er", "sie"}),
    "en": frozenset({"he", "she"}),
    "es": frozenset({"él", "ella"}),
}
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
    for m in range(i + 1, min(len(tokens), i + 16)):
        tok = tokens[m]
        p = pos_of(tok)
        if p == "PTKVZ":
            return tok.text.lower() + lem
        if p in ("$,", "$.") or tok.text in ":" or p in ("VVFIN", "VAFIN", "VMFIN"):
            if m - 1 > i and tokens[m - 1].text.lower() in _ADJD_PARTICLES:
                return tokens[m - 1].text.lower() + lem
            break
    return lem


# Predicative words HanTa tags ADJD where they are verb particles ("stellte klar, dass").
_ADJD_PARTICLES = frozenset({"klar", "fest", "bekannt", "deutlich"})


def is_speech_verb(tokens: Sequence[Token], i: int, language: str | None = "de") -> bool:
    """True when the token at ``i`` is a verb of saying, writing or stance in the lexicon."""
    tok = tokens[i]
    lang = _norm_lang(language)
    if lang == "de":
        if not pos_of(tok).startswith("VV"):
            return False
        return verb_lemma(tokens, i) in speech_verbs(lang)
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
    if p == "VVFIN" and lem.endswith("en") and len(lem) > 3 and word == lem[:-1]:
        # "gehe" from "gehen", "betreffe" from "betreffen": stem + e is Konjunktiv I (3sg)
        return True
    return False


# --- noun phrases and speakers ---------------------------------------------------------

_NP_PRE = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "ADJA", "CARD", "PWAT"})
_NP_NOM = frozenset({"NN", "NE", "FM", "TRUNC", "NNA", "NNI"})
_NP_LINK_PREP = frozenset({"von", "vom", "bei", "beim", "für", "aus", "of", "de", "del"})
_GEN_ART = frozenset({"des", "der", "einer", "eines"})
_QUOTE_MARKS = frozenset("„“”\"»«‚‘’‹›")
_BOUNDARY = frozenset({",", ":", ";", "–", "—", "-"}) | _QUOTE_MARKS
# Nouns of time that head a fronted adverbial ("zwei Tage zuvor hatten …"), never a speaker.
_TIME_NOUNS = frozenset(
    {"tag", "tage", "tagen", "woche", "wochen", "monat", "monate", "monaten", "jahr", "jahre",
     "jahren", "stunde", "stunden", "minute", "minuten", "zeit", "abend", "morgen", "nacht",
     "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "mal",
     "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "dezember", "wochenende", "jahres", "monats"}
)
_SKIP_BEFORE_NP = frozenset({"ADV", "KON", "PTKNEG", "ADJD", "PTKVZ", "KOKOM"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "el", "la", "los", "las", "un", "una", "his", "her", "su", "sus", "this"}
)
# English/Spanish titles written before names; not part of the canonical name.
_TITLES = frozenset(
    {"mayor", "president", "minister", "senator", "governor", "chancellor", "prime", "secretary",
     "general", "dr", "mr", "mrs", "ms", "sir", "lord", "judge", "spokesman", "spokeswoman",
     "presidente", "presidenta", "ministro", "ministra", "alcalde", "alcaldesa", "señor", "señora"}
)
# English/Spanish role nouns that, like titles, can stand for a person named with them.
_ROLE_WORDS = frozenset(
    {"spokesperson", "adviser", "advisor", "ambassador", "chief", "director", "leader", "portavoz",
     "asesor", "asesora", "embajador", "embajadora", "directora", "jefe", "jefa"}
)
# "Demnach …": the adverb stands for the source named just before.
_ANAPHORIC_ADVERBS = frozenset({"demnach", "demzufolge", "danach"})
# Demonstrative pronouns that stand for a speaker named before ("Dieser bestätigte, …").
_DEMONSTRATIVES = frozenset({"dieser", "diese", "jener", "jene", "letzterer", "letztere"})
# Lowercase particles inside personal names.
_NAME_PARTICLES = frozenset({"von", "van", "de", "zu", "da", "di", "del", "der", "bin", "ibn", "al"})
# Articles that cannot open a subject (dative/accusative/genitive forms).
_OBLIQUE_ARTICLES = frozenset({"den", "dem", "einem", "einen", "des", "eines", "einer"})
# Longest speaker phrase we accept, in tokens (appositions included). Set by hand.
NP_MAX_TOKENS = 18
# Feminine role nouns end like this ("Sprecherin"); used to keep "er" off a woman.
_FEMININE_SUFFIX = "in"


class Chunker:
    """Noun phrases over tagged tokens: the speaker phrases of quote frames.

    ``np_at(i)`` gives the noun phrase starting at token ``i`` (with genitive attributes,
    "von"/"bei" attachments, a bracket "(CDU)" and one apposition); ``subject(v)`` the subject
    of the verb at ``v`` (before it, or after it in inverted order); ``passive_agent(v)`` the
    "von X" of a passive. All return token ranges ``(start, end)`` or None.
    """

    def __init__(self, toks: Sequence[Token], pos: Sequence[str], sent_of: Sequence[int], language: str) -> None:
        self.toks = toks
        self.pos = pos
        self.sent_of = sent_of
        self.lang = (language or "de")[:2]

    def _same(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.toks) and self.sent_of[i] == self.sent_of[j]

    def np_at(self, i: int, appos: bool = True) -> tuple[int, int] | None:
        """The noun phrase that starts at token ``i``, or None."""
        if i < 0 or i >= len(self.toks):
            return None
        if self.lang != "de":
            return self._np_at_coarse(i)
        toks, pos = self.toks, self.pos
        if pos[i] == "PPER" and toks[i].text.lower() in PRONOUNS["de"]:
            return (i, i + 1)
        if pos[i] == "PDS" and toks[i].text.lower() in _DEMONSTRATIVES:
            return (i, i + 1)  # "Dieser bestätigte, dass …"
        j = self._core(i)
        if j is None:
            return None
        if appos and j < len(toks) and toks[j].text == "," and self._same(i, j + 1):
            k = self._core(j + 1)
            if k is not None and (not self._same(i, k) or toks[k].text in (",", ":", ".")
                                  or pos[k].startswith("V")):
                has_ne = any(pos[m] == "NE" for m in range(i, k))
                if has_ne and k - i <= NP_MAX_TOKENS:
                    j = k
        return (i, j)

    def _nom(self, i: int, j: int) -> bool:
        """Token ``j`` (same sentence as ``i``) can be part of a noun's head."""
        if not self._same(i, j) or not self.toks[j].text[:1].isalnum():
            return False
        if self.pos[j] in _NP_NOM:
            return True
        # a first name HanTa mis-tagged ("Henk" as imperative) right before a name
        return (self.toks[j].text[:1].isupper() and self.pos[j] in ("VVIMP", "ADJD", "ADV", "VVFIN")
                and self._same(i, j + 1) and self.pos[j + 1] == "NE" and (j == 0 or not self._same(j, j - 1)
                                                                         or self.toks[j - 1].text in _BOUNDARY))

    def _core(self, i: int) -> int | None:
        toks, pos = self.toks, self.pos
        j = i
        while self._same(i, j) and (pos[j] in _NP_PRE or (
                toks[j].text == "-" and j > i and pos[j - 1] == "CARD")):  # "der 84-jährige"
            j += 1
        if (j == i and pos[i] == "PIS" and self._same(i, i + 1) and toks[i + 1].text.lower() in _GEN_ART
                and toks[i].text[:1].isupper()):
            j = i + 1  # "Einer der Feuerwehrmänner": the genitive below does the rest
        elif j > i and self._same(i, j) and toks[j].text in _QUOTE_MARKS:
            # a quoted name after an article: "die „Süddeutsche Zeitung“"
            close = next((m for m in range(j + 1, min(len(toks), j + 7)) if toks[m].text in _QUOTE_MARKS), None)
            if close is None or close == j + 1 or not self._same(i, close) or not toks[j + 1].text[:1].isupper():
                return None
            return close + 1
        elif not self._nom(i, j):
            return None
        while self._nom(i, j):
            if (j > i and pos[j] == "NN" and pos[j - 1] == "NE" and not toks[j - 1].text.endswith("s")
                    and self._same(i, j + 1) and toks[j + 1].text[:1].islower()
                    and pos[j + 1] not in ("VVFIN", "VAFIN", "VMFIN", "VVPP")):
                break  # "laut Uschakow Fragen rund um …": the name ends the phrase
            j += 1
        if j > i and pos[j - 1] == "NE" and toks[j - 1].text.endswith("s"):
            # possessive name: "Putins außenpolitischer Berater Juri Uschakow"
            k = j
            while self._same(i, k) and pos[k] in _NP_PRE:
                k += 1
            if k > j and self._nom(i, k):
                j = k
                while self._nom(i, j):
                    j += 1
        for _ in range(3):
            if not self._same(i, j):
                break
            t = toks[j].text
            low = t.lower()
            if t == "(":
                close = next((m for m in range(j + 1, min(j + 6, len(toks))) if toks[m].text == ")"), None)
                if close is not None and self._same(i, close) and all(self._nom(i, m) for m in range(j + 1, close)):
                    j = close + 1
                    continue
                break
            if (low in _NAME_PARTICLES and pos[j - 1] == "NE" and self._same(i, j + 1)
                    and pos[j + 1] == "NE" and toks[j + 1].text[:1].isupper()):
                j += 2  # "Kurt von Figura", "Thomas de Maizière"
                while self._nom(i, j):
                    j += 1
                continue
            if low == "ohne" and pos[j - 1] == "NN" and self._same(i, j + 1) and pos[j + 1] == "NN":
                j += 2  # "Ärzte ohne Grenzen"
                continue
            if low in ("in", "aus") and pos[j - 1] == "NN" and self._same(i, j + 1) and pos[j + 1] == "NE":
                j += 2  # "Ein Regierungssprecher in Berlin"
                while self._same(i, j) and pos[j] == "NE":
                    j += 1
                continue
            if (low in _GEN_ART and pos[j] == "ART") or (low in _NP_LINK_PREP and pos[j - 1] in ("NN", "NE")):
                k = j + 1
                while self._same(i, k) and pos[k] in _NP_PRE:
                    k += 1
                if self._nom(i, k):
                    while self._nom(i, k):
                        k += 1
                    j = k
                    continue
            break
        return j if j - i <= NP_MAX_TOKENS else None

    def _np_at_coarse(self, i: int) -> tuple[int, int] | None:
        toks = self.toks
        low = toks[i].text.lower()
        if low in PRONOUNS.get(self.lang, frozenset()):
            return (i, i + 1)
        j = i
        if low in _DETERMINERS:
            j += 1
            k = j
            while (self._same(i, k) and k - j < 3 and toks[k].text[:1].isalpha()
                   and not toks[k].text[:1].isupper() and not is_speech_verb(toks, k, self.lang)):
                k += 1
            j = k
        while self._same(i, j) and toks[j].text[:1].isupper():
            j += 1
        if j == i or (low in _DETERMINERS and j == i + 1):
            return None
        return (i, j)

    def np_ending_at(self, end: int) -> tuple[int, int] | None:
        """Noun phrase ending right before token ``end`` ("Angaben der Polizei zufolge")."""
        for x in range(max(0, end - NP_MAX_TOKENS), end):
            if not self._same(end - 1, x):
                continue
            r = self.np_at(x, appos=False)
            if r and r[1] == end:
                return r
        return None

    def _clause_start(self, anchor: int, quotes: bool = True) -> int:
        stop = _BOUNDARY if quotes else _BOUNDARY - _QUOTE_MARKS
        k = anchor - 1
        while k >= 0 and self._same(anchor, k) and self.toks[k].text not in stop:
            if self.toks[k].text == ")":  # skip a parenthesis with its commas: "( Awoda , dt. … )"
                m = k - 1
                while m >= 0 and self._same(anchor, m) and self.toks[m].text != "(" and k - m < 20:
                    m -= 1
                if m >= 0 and self.toks[m].text == "(":
                    k = m
            k -= 1
        return k + 1

    def subject(self, v: int, _depth: int = 0) -> tuple[int, int] | None:
        """Subject of the verb at ``v``: the phrase before the finite verb, else after it.

        A verb coordinated without its own subject ("bestätigten X und teilten mit") takes
        the subject of the finite verb before it in the sentence.
        """
        if self.lang != "de":
            return self._subject_coarse(v)
        r = self._subject(v)
        if r is not None or _depth > 1:
            return r
        cs = self._clause_start(v)
        pos = self.pos
        coordinated = (v > 0 and pos[v - 1] == "KON") or (
            cs == v and v > 0 and self.toks[v - 1].text == "," and pos[v] in ("VVFIN", "VVINF"))
        if not coordinated:
            return None
        earlier = [k for k in range(v - 2, -1, -1) if self._same(v, k) and pos[k] in ("VVFIN", "VAFIN", "VMFIN")]
        # prefer the speech verb before ("sagte, Europa brauche X und fügte hinzu")
        speech = [k for k in earlier if is_speech_verb(self.toks, k, self.lang)]
        for k in speech[:1] or earlier[:1]:
            kcs = self._clause_start(k)
            if kcs < len(pos) and pos[kcs] in ("KOUS", "PRELS", "PWAV"):
                return None  # the verb before sits in a subordinate clause
            return self.subject(k, _depth + 1)
        return None

    def _subject(self, v: int) -> tuple[int, int] | None:
        toks, pos = self.toks, self.pos
        # "X wird mit den Worten zitiert": the passive subject is the speaker
        agent = self.passive_agent(v) if (toks[v].lemma or "").lower() != "zitieren" else None
        if agent is not None:
            return agent
        anchor = v
        if pos[v] == "VVFIN" and (v + 1 >= len(toks) or toks[v + 1].text in _BOUNDARY | {"."}):
            # "hatte … betont ," : a participle HanTa read as a finite verb
            cs = self._clause_start(v)
            aux = next((k for k in range(v - 1, cs - 1, -1) if pos[k] in ("VAFIN", "VMFIN")), None)
            if aux is not None and toks[aux].lemma in ("haben", "werden", "sein"):
                anchor = aux
        if pos[v] in ("VVPP", "VVINF", "VVIZU"):
            cs = self._clause_start(v)
            fin = next((k for k in range(v - 1, cs - 1, -1) if pos[k] in ("VAFIN", "VMFIN")), None)
            if fin is None and pos[v] == "VVIZU":
                return None
            # no auxiliary: "sagen"/"kritisiert" were finite forms HanTa read as INF/PP
            anchor = fin if fin is not None else v
        cs = self._clause_start(anchor)
        # relative clause: "Yuri Ushakov, der erläuterte, dass …"
        if cs < len(toks) and pos[cs] == "PRELS" and cs >= 2 and toks[cs - 1].text == ",":
            # the relative pronoun is the speaker phrase; its entity is the antecedent's
            return (cs, cs + 1) if self.np_ending_at(cs - 1) else None
        # verb-final subordinate clause: "dass Putin … betonte", "wie die Agentur berichtete"
        if (cs < anchor and pos[cs] in ("KOUS", "PWAV", "KOKOM") and anchor == v
                and pos[v - 1] != "KON"
                and not any(pos[m] in ("VVFIN", "VAFIN", "VMFIN") for m in range(cs + 1, v))):
            r = self.np_at(cs + 1)
            if r and r[1] <= anchor and not self._temporal(r):
                return r
        x = cs
        while x < anchor and pos[x] in _SKIP_BEFORE_NP | {"KOUS", "PWAV"}:
            x += 1
        if x < anchor and (x == 0 or pos[x - 1] not in ("APPR", "APPRART")):
            r = self.np_at(x)
            if r:
                e = r[1]
                if e < anchor and toks[e].text.lower() in ("und", "sowie"):
                    r2 = self.np_at(e + 1, appos=False)
                    if r2 and r2[1] <= anchor:
                        r, e = (r[0], r2[1]), r2[1]  # "Özcan Mutlu und Benedikt Lux prangerten an"
                while e < anchor and pos[e] in ("ADV", "PTKNEG", "ADJD"):
                    e += 1  # "Putin wiederum betonte"
                if e == anchor and not self._temporal(r):
                    return r
        # apposition closed by a comma: "Anna Kelly, Sprecherin des Weißen Hauses, sagte"
        if cs == anchor and anchor >= 2 and toks[anchor - 1].text == ",":
            x0 = anchor - 1
            while x0 > 0 and self._same(anchor, x0 - 1) and toks[x0 - 1].text not in (":", ";"):
                x0 -= 1
            while x0 < anchor and pos[x0] in _SKIP_BEFORE_NP:
                x0 += 1
            r = self.np_at(x0, appos=False)
            if r is not None and (x0 == 0 or pos[x0 - 1] not in ("APPR", "APPRART")):
                # the sentence-initial phrase ends at a comma that opens the apposition
                if toks[r[1]].text == "," and r[1] < anchor - 1 and anchor - r[1] <= 40:
                    return (r[0], anchor - 1)
            for x in range(max(0, anchor - NP_MAX_TOKENS), anchor - 1):
                if not self._same(anchor, x) or toks[x].text in _BOUNDARY:
                    continue
                if x > 0 and self._same(anchor, x - 1) and toks[x - 1].text not in _BOUNDARY and pos[x - 1] not in _SKIP_BEFORE_NP:
                    continue
                r = self.np_at(x)
                r0 = self.np_at(x, appos=False)
                if r and r0 and r[1] == anchor - 1 and r0[1] != r[1]:
                    return r
        j = anchor + 1
        skipped = 0
        while self._same(anchor, j) and pos[j] in ("ADV", "PTKVZ", "ADJD", "PROAV", "PRF") and skipped < 3:
            j += 1
            skipped += 1
        if self._same(anchor, j) and pos[j - 1] not in ("APPR", "APPRART"):
            if toks[j].text.lower() in _OBLIQUE_ARTICLES:
                return None  # "dankte den Menschen": an object, not the subject
            r = self.np_at(j)
            if r:
                return r
        return None

    def _temporal(self, r: tuple[int, int]) -> bool:
        return self.toks[r[1] - 1].text.lower() in _TIME_NOUNS

    def _subject_coarse(self, v: int) -> tuple[int, int] | None:
        # "X said" (X right before) or "said X"
        for x in range(max(0, v - 6), v):
            if self._same(v, x):
                r = self.np_at(x)
                if r and r[1] == v:
                    return r
        return self.np_at(v + 1) if self._same(v, v + 1) else None

    def passive_agent(self, v: int) -> tuple[int, int] | None:
        """The "von X" agent of a passive speech verb ("vom Kreml als … bezeichnet")."""
        if self.lang != "de" or self.pos[v] not in ("VVPP", "VVFIN") or not self.toks[v].text.endswith("t"):
            return None
        cs = self._clause_start(v, quotes=False)
        if not any(self.toks[k].lemma == "werden" and self.pos[k] == "VAFIN" for k in range(cs, v)):
            return None
        for k in range(cs, v):
            low = self.toks[k].text.lower()
            if k > cs and self.pos[k - 1] in ("NN", "NE"):
                continue  # "auf der Seite von X": an attribute, not the agent
            if low == "vom":
                r = self.np_at(k + 1)
                if r:
                    return r
            if low == "von":
                r = self.np_at(k + 1)
                if r:
                    return r
        return None


@dataclass
class _Binding:
    role: frozenset[str]
    adjs: frozenset[str]
    entity: str


def _role_key(tok: Token) -> frozenset[str]:
    """Forms of a role noun to compare: its text and lemma, without a "US-" style prefix."""
    forms = {tok.text, tok.lemma or tok.text}
    return frozenset(f.lower().split("-")[-1] for f in forms)


def _roles_match(a: frozenset[str], b: frozenset[str]) -> bool:
    for x in a:
        for y in b:
            if x == y:
                return True
            short, long_ = sorted((x, y), key=len)
            # compounds: "präsidialberater" ends with "berater"; inflection: "präsidenten"
            if len(short) >= 5 and (long_.endswith(short) or (long_.startswith(short) and len(long_) - len(short) <= 2)):
                return True
    return False


class SpeakerResolver:
    """Turns speaker phrases into :class:`Speaker` with a canonical entity where possible."""

    def __init__(self, text: str, toks: Sequence[Token], pos: Sequence[str], sent_of: Sequence[int],
                 chunker: Chunker, mentions: Sequence[Mention], language: str) -> None:
        self.text = text
        self.toks = toks
        self.pos = pos
        self.sent_of = sent_of
        self.chunker = chunker
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.lang = (language or "de")[:2]
        self.recent: list[Speaker] = []
        self.full_names: dict[str, str] = {}  # last word (lower) -> full name
        self.bindings: list[_Binding] = []
        self.female: set[str] = set()
        self.male: set[str] = set()
        self.named: set[str] = set()  # entities that came from a name in a speaker phrase
        self._index()

    def _ne_runs(self, a: int, b: int) -> list[tuple[int, int]]:
        if self.lang != "de":
            return self._cap_runs(a, b)
        runs, k = [], a
        ne = "NE" if self.lang == "de" else "NE"
        while k < b:
            if self.pos[k] == ne and self.toks[k].text[:1].isupper():
                m = k
                while m < b and self.toks[m].text[:1].isupper() and (
                    self.pos[m] == ne
                    or (m + 1 < b and self.pos[m] in ("NN", "FM") and self.pos[m + 1] == ne
                        and self.toks[m + 1].text[:1].isupper()
                        and not self.toks[m - 1].text.endswith("s"))  # "Hilda Morales Trujillo"
                ):
                    m += 1
                if (m < b and self.pos[m] == "NN" and self.toks[m].text[:1].isupper()
                        and not self.toks[m - 1].text.endswith("s")
                        and (m + 1 >= b or self.pos[m + 1] not in _NP_NOM)):
                    m += 1  # "Karl Brenner" with the surname read as a noun
                runs.append((k, m))
                k = m
            else:
                k += 1
        return runs

    def _cap_runs(self, a: int, b: int) -> list[tuple[int, int]]:
        """English/Spanish: runs of capitalised words, titles ("Mayor", "Dr.") left out."""
        runs, k = [], a
        while k < b:
            t = self.toks[k].text
            if t[:1].isupper() and t.lower() not in _DETERMINERS and t.lower() not in _TITLES:
                m = k
                while m < b and self.toks[m].text[:1].isupper() and self.toks[m].text.lower() not in _TITLES:
                    m += 1
                runs.append((k, m))
                k = m
            else:
                k += 1
        return runs

    def _head_run(self, a: int, b: int) -> tuple[int, int] | None:
        """The NE run that names the phrase's referent (not "Putins", not "(CDU)")."""
        depth = 0
        gen = False
        for k in range(a, b):
            t = self.toks[k].text
            if t == "(":
                depth += 1
            elif t == ")":
                depth -= 1
        runs = []
        for r in self._ne_runs(a, b):
            before = self.toks[r[0] - 1].text.lower() if r[0] > a else ""
            inside_paren = any(self.toks[k].text == "(" for k in range(a, r[0])) and not any(
                self.toks[k].text == ")" for k in range(a, r[0])
            )
            possessive = (r[1] < b and self.pos[r[1]] in _NP_NOM | _NP_PRE
                          and self.toks[r[1] - 1].text.endswith("s"))
            gen = before in _GEN_ART | _NP_LINK_PREP and r[0] > a
            if not inside_paren and not possessive and not gen:
                runs.append(r)
        return runs[0] if runs else None

    def _canon(self, name: str) -> str:
        words = name.split()
        if len(words) == 1:
            w = words[0]
            full = self.full_names.get(w.lower())
            if full is None and w.endswith("s"):
                full = self.full_names.get(w[:-1].lower())
                if full is None and w[:-1].lower() in self.known_words:
                    return w[:-1]
            return full or w
        return name

    def _index(self) -> None:
        self.known_words: set[str] = set()
        for m in self.mentions:
            if m.type == "PER" and " " in m.entity:
                self.full_names.setdefault(m.entity.split()[-1].lower(), m.entity)
            if m.role:
                self.bindings.append(_Binding(frozenset({m.role.lower().split("-")[-1]}), frozenset(), m.entity))
        n = len(self.toks)
        for r in self._ne_runs(0, n):
            words = [self.toks[k].text for k in range(*r)]
            if len(words) == 1:
                self.known_words.add(words[0].lower())
            if len(words) >= 2 and self.sent_of[r[0]] == self.sent_of[r[1] - 1]:
                name = " ".join(words)
                self.full_names.setdefault(words[-1].lower(), name)
        # role bindings from noun phrases: "US-Präsident Donald Trump", "X, Sprecherin des Y"
        i = 0
        while i < n:
            r = self.chunker.np_at(i) if self.lang == "de" else None
            if not r:
                i += 1
                continue
            a, b = r
            head = self._head_run(a, b)
            if head is not None:
                name = self._canon(" ".join(self.toks[k].text for k in range(*head)))
                role_tok = self._role_token(a, b, head)
                if role_tok is not None:
                    adjs = frozenset(
                        self.toks[k].lemma.lower() for k in range(a, b) if self.pos[k] == "ADJA"
                    ) | frozenset(self._prefixes(role_tok))
                    role = _role_key(self.toks[role_tok])
                    self.bindings.append(_Binding(role, adjs, name))
                    if self.toks[role_tok].text.endswith(_FEMININE_SUFFIX):
                        self.female.add(name)
                    else:
                        self.male.add(name)
            i = b
        if self.lang != "de":  # "Mayor Linda Farrow", "la alcaldesa Marta Quiroga"
            for r in self._ne_runs(0, n):
                k = r[0] - 1
                if k >= 0 and self.toks[k].text.lower() in _TITLES | _ROLE_WORDS:
                    name = self._canon(" ".join(self.toks[m].text for m in range(*r)))
                    self.bindings.append(_Binding(frozenset({self.toks[k].text.lower()}), frozenset(), name))
                    if self.toks[k].text.lower().endswith(("a", "ess", "woman")):
                        self.female.add(name)

    def _prefixes(self, k: int) -> list[str]:
        parts = self.toks[k].text.lower().split("-")
        return parts[:-1]

    def _role_token(self, a: int, b: int, head: tuple[int, int]) -> int | None:
        """The role noun of a phrase: the first NN outside genitive / PP attachments."""
        for k in range(a, b):
            if head[0] <= k < head[1]:
                continue
            if self.pos[k] == "NN":
                before = self.toks[k - 1].text.lower() if k > a else ""
                if k > a and self.pos[k - 1] in ("ART",) and before in _GEN_ART and k - 1 > a and self.pos[k - 2] in _NP_NOM:
                    continue
                return k
        return None

    def _other_person_between(self, spk: Speaker, tok: int) -> bool:
        first = bisect_left([t.start for t in self.toks], spk.end)
        persons = set(self.full_names.values())
        for r in self._ne_runs(first, tok):
            name = self._canon(" ".join(self.toks[k].text for k in range(*r)))
            if name != spk.entity and name in persons and name not in (spk.entity or ""):
                return True
        return False

    def note_speaker(self, spk: Speaker) -> None:
        """Remember a resolved speaker for later pronouns."""
        if spk.entity:
            self.recent.append(spk)

    def resolve(self, span: tuple[int, int], last: Speaker | None) -> Speaker:
        """A Speaker for the token range ``span``; ``last`` is the previous speaker nearby."""
        a, b = span
        start, end = self.toks[a].start, self.toks[b - 1].end
        text = self.text[start:end]
        return Speaker(start, end, text, self._entity(a, b, start, end, last))

    def _entity(self, a: int, b: int, start: int, end: int, last: Speaker | None) -> str | None:
        head = self._head_run(a, b)
        hs, he = (self.toks[head[0]].start, self.toks[head[1] - 1].end) if head else (start, end)
        over = [m for m in self.mentions if m.start < he and m.end > hs and m.type in ("PER", "ORG")]
        if head and over:
            return over[0].entity
        if head:
            name = self._canon(" ".join(self.toks[k].text for k in range(*head)))
            self.named.add(name)
            return name
        low = self.toks[a].text.lower()
        if b - a == 1 and self.pos[a] == "PRELS":
            ant = self.chunker.np_ending_at(a - 1) if a >= 2 else None
            if ant is None:
                return None
            return self._entity(ant[0], ant[1], self.toks[ant[0]].start, self.toks[ant[1] - 1].end, last)
        if b - a == 1 and low in _ANAPHORIC_ADVERBS:
            return self.recent[-1].entity if self.recent and last is not None else None
        if b - a == 1 and low in PRONOUNS.get(self.lang, frozenset()):
            if last is None or not self.recent:
                return None
            feminine = low in ("sie", "she", "ella")
            persons = set(self.full_names.values()) | {m.entity for m in self.mentions if m.type == "PER"}
            others = {m.entity for m in self.mentions if m.type in ("ORG", "LOC")}
            people = [r for r in self.recent
                      if r.entity in persons or (r.entity in self.named and r.entity not in others)]
            if not people:
                return None
            spk = people[-1]  # the last named person who spoke
            if spk.entity is None or spk.entity in (self.male if feminine else self.female):
                return None  # gender known and different
            if self._other_person_between(spk, a):
                return None  # another person was named since: ambiguous
            return spk.entity

        over = [m for m in self.mentions if m.start < end and m.end > start and m.type in ("PER", "ORG")]
        if over:
            return over[-1].entity
        # a role phrase: "der Präsident", "der russische Präsidialberater", "the mayor"
        if self.lang == "de":
            roles = [k for k in range(a, b) if self.pos[k] == "NN"]
        else:
            roles = [k for k in range(b - 1, a - 1, -1) if self.toks[k].text.lower() in _TITLES | _ROLE_WORDS][:1]
        if not roles:
            return None
        if self.toks[roles[0]].text.lower() in self.known_words:
            return self.toks[roles[0]].text  # a name HanTa tagged NN here, NE elsewhere
        role = _role_key(self.toks[roles[0]])
        adjs = {self.toks[k].lemma.lower() for k in range(a, roles[0]) if self.pos[k] == "ADJA"}
        adjs |= set(self._prefixes(roles[0]))
        national = {x for x in adjs if x.endswith("isch") or x.isupper() or len(x) <= 3}
        cands = []
        for bnd in self.bindings:
            if _roles_match(role, bnd.role) and national <= bnd.adjs and bnd.entity not in cands:
                cands.append(bnd.entity)
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1 and last is not None and last.entity in cands:
            return last.entity
        return None


# --- quotation marks and cue word lists used by quotes.py ------------------------------

# Opening mark -> closing marks it accepts, in order of preference.
QUOTE_PAIRS: dict[str, str] = {
    "„": "“”\"",
    "»": "«",
    "«": "»",
    "“": "”“",
    "\"": "\"",
    "‚": "‘’",
    "‹": "›",
}
QUOTE_CHARS = frozenset("„“”\"»«‚‘’‹›")
# A quote whose closing mark is further away than this is treated as unclosed and skipped.
# Set by hand; the longest quotes in SpkAtt-2023 train are ~1,200 characters.
QUOTE_MAX_CHARS = 1600

COMPLEMENTIZERS = frozenset(
    {"dass", "daß", "ob", "wie", "warum", "weshalb", "wieso", "wann", "wo", "was", "wer", "welche",
     "welcher", "welches", "that", "whether", "que", "si"}
)
WIE = frozenset({"wie", "as"})

def scan_quotes(text: str) -> list[tuple[int, int]]:
    """(open, close) character indices of balanced quotation marks, outermost only."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = QUOTE_PAIRS.get(ch)
        if closers is None:
            i += 1
            continue
        if ch == "‚" and (i + 1 < n and text[i + 1].isdigit()):
            i += 1
            continue
        limit = min(n, i + QUOTE_MAX_CHARS)
        best = -1
        for c in closers:
            j = text.find(c, i + 1, limit)
            while ch in "‚" and j != -1 and j + 1 < n and text[j + 1].isalpha():
                j = text.find(c, j + 1, limit)  # ’ inside a word is an apostrophe
            if j != -1 and (best == -1 or j < best):
                best = j  # the nearest closing mark of any accepted style
        if best == -1 or not text[i + 1 : best].strip():
            i += 1
            continue
        spans.append((i, best))
        i = best + 1
    return spans



REPORT_ADVERBS = frozenset({"demnach", "demzufolge", "angeblich"})



# Verbs that report a whole preceding clause from a final frame ("…, berichtet Reuters.").
FRAME_VERBS = frozenset(
    {"sagen", "berichten", "melden", "schreiben", "erklären", "mitteilen", "betonen", "meinen",
     "zitieren", "ergänzen", "hinzufügen", "warnen", "kritisieren", "bestätigen", "heißen"}
)
BARE_POS = frozenset(
    {"PTKVZ", "ADV", "PROAV", "ADJD", "PRF", "PPER", "PTKNEG", "VAPP", "VAINF", "VMINF", "VVPP", "VVINF"}
)



# Verbs that take an object and a zu-infinitive of what is asked ("forderte X auf, … zu tun").
DIRECTIVE_VERBS = frozenset(
    {"auffordern", "aufrufen", "bitten", "fordern", "drängen", "appellieren", "mahnen", "warnen",
     "raten", "empfehlen", "anweisen", "vorwerfen", "beschuldigen", "verpflichten"}
)



INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen"})
# Verbs that label something in the speaker's words ("bezeichnete es als „Fehler“").
CALL_VERBS = frozenset({"bezeichnen", "nennen", "werten", "kritisieren", "beschreiben", "loben", "verurteilen"})
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
