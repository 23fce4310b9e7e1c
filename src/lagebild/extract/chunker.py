"""Noun phrases over HanTa tags: the speaker phrases of quote frames (used by
:mod:`lagebild.extract.quotes` and :mod:`lagebild.extract.speakers`)."""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.extract.chunker_coarse import CoarseChunking
from lagebild.extract.speech import PRONOUNS, QUOTE_CHARS, is_reported_mood, is_speech_verb, name_like
from lagebild.lang.calendar import MONTHS, TIME_UNITS, WEEKDAYS
from lagebild.lang.names import NAME_TITLE_ABBREVIATIONS
from lagebild.text.lemmas import Token

__all__ = ["NP_MAX_TOKENS", "Chunker"]

NP_PRE = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "ADJA", "CARD", "PWAT"})
NP_NOM = frozenset({"NN", "NE", "FM", "TRUNC", "NNA", "NNI"})
NP_LINK_PREP = frozenset({"von", "vom", "bei", "beim", "für", "aus", "of", "de", "del"})
GEN_ART = frozenset({"des", "der", "einer", "eines"})
_QUOTE_MARKS = QUOTE_CHARS
_BOUNDARY = frozenset({",", ":", ";", "–", "—", "-"}) | _QUOTE_MARKS
# Nouns of time that head a fronted adverbial ("zwei Tage zuvor hatten …"), never a speaker.
_TIME_NOUNS = frozenset(
    {"zeit", "abend", "morgen", "nacht", "mal", "wochenende"}
) | frozenset(TIME_UNITS) | frozenset(MONTHS) | frozenset(WEEKDAYS)
_SKIP_BEFORE_NP = frozenset({"ADV", "KON", "PTKNEG", "ADJD", "PTKVZ", "KOKOM"})
# "Demnach …": the adverb stands for the source named just before.
ANAPHORIC_ADVERBS = frozenset({"demnach", "demzufolge", "danach"})
# Demonstrative pronouns that stand for a speaker named before ("Dieser bestätigte, …").
_DEMONSTRATIVES = frozenset({"dieser", "diese", "jener", "jene", "letzterer", "letztere"})
# Words after a truncated compound's hyphen ("Fraktions- und Parteivorsitzende").
_TRUNCATION_LINKS = frozenset({"und", "oder", "sowie", "bzw.", ","})
# words that join two noun phrases into one subject or source ("X und Y teilten mit")
_COORDINATORS = frozenset({"und", "sowie"})
# Lowercase particles inside personal names.
_NAME_PARTICLES = frozenset({"von", "van", "de", "zu", "da", "di", "del", "der", "bin", "ibn", "al"})
# Articles that cannot open a subject (dative/accusative/genitive forms).
_OBLIQUE_ARTICLES = frozenset({"den", "dem", "einem", "einen", "des", "eines", "einer"})
# Longest prepositional attribute between an article and its noun ("die in New York City
# geborene Lopez" needs 5). Set by hand.
ATTRIBUTE_MAX_TOKENS = 8
# Closed-class tags: never a name on their own.
_FUNCTION_TAGS = frozenset({"ART", "PPOSAT", "PDAT", "PDS", "PIAT", "PIS", "PPER", "PRF", "PRELS", "PRELAT",
                            "APPR", "APPRART", "APPO", "KON", "KOUS", "KOKOM", "ADV", "PROAV", "PTKNEG",
                            "PTKVZ", "PTKZU", "PTKA", "PWS", "PWAV", "VAFIN", "VMFIN", "VVFIN", "VVINF",
                            "VVPP", "VAINF", "VMINF", "VVIZU", "CARD"})
# Endings of a present participle used as an adjective ("darstellende", "inszenierenden").
_PRESENT_PARTICIPLE = ("ende", "enden", "ender", "endes", "endem")
# Longest quoted name without an article taken as a noun phrase, in tokens with the opening
# mark ("„BBC News“" needs 3). Set by hand.
QUOTED_NAME_MAX_TOKENS = 5
# Tags inside such an attribute ("die [in New York City geborene] Lopez", "der [sich selbst
# medienwirksam als Gegner Thaksins inszenierende] Unternehmer").
_ATTRIBUTE_TAGS = frozenset({"ART", "NE", "NN", "CARD", "ADJA", "ADV", "APPR", "APPRART", "PRF", "ADJD", "KOKOM"})
# Relative pronouns that are (or may be) objects: a name or pronoun right after one is the
# relative clause's subject ("die Marke, die Gerhard Schröder erklärt hatte").
_OBJECT_RELATIVES = frozenset({"die", "das", "den", "dem", "denen"})
# Relative/demonstrative genitives that open a noun phrase like a possessive ("dessen
# Vorsitzende", "deren Sprecherin"); HanTa tags them PDS or PRELAT.
_GENITIVE_DETERMINERS = frozenset({"dessen", "deren"})
# Conjunctions HanTa also reads as prepositions ("Als X sagte, …", "Während X erklärte, …").
_CONJUNCTION_PREPS = frozenset({"als", "während", "seit"})
# Longest speaker phrase we accept, in tokens (appositions included). Set by hand.
NP_MAX_TOKENS = 18
# Feminine role nouns end like this ("Sprecherin"); used to keep "er" off a woman.
FEMININE_SUFFIX = "in"


class Chunker(CoarseChunking):
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
        if toks[i].text.lower() in _DEMONSTRATIVES and (
                pos[i] == "PDS" or i + 1 >= len(toks) or not self._same(i, i + 1)
                or toks[i + 1].text in _BOUNDARY | {".", "!", "?"}):
            return (i, i + 1)  # "Dieser bestätigte, dass …", "„…“, so letztere."
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

    def source_np(self, i: int) -> tuple[int, int] | None:
        """The object of a source preposition at token ``i`` ("laut X", "so X"): its noun
        phrase, else one name-like word the tagger did not read as a noun ("laut
        el-Baradei"): a word with a capital letter, a hyphen or a dot inside, not a function
        word."""
        r = self.np_at(i)
        if r is not None:
            return self.coordinated(r)
        if i >= len(self.toks) or self.lang != "de":
            return r
        if self.pos[i] == "ART" and self._same(i, i + 1) and self.toks[i + 1].text in _QUOTE_MARKS:
            # "laut der „taz“": a quoted name in lowercase after the article
            close = next((m for m in range(i + 2, min(len(self.toks), i + 2 + QUOTED_NAME_MAX_TOKENS))
                          if self.toks[m].text in _QUOTE_MARKS), None)
            if close is not None and close > i + 2 and self._same(i, close):
                return (i, close + 1)
        t = self.toks[i].text
        if (t[:1].isalnum() and self.pos[i] not in _FUNCTION_TAGS and len(t) > 2
                and (any(ch.isupper() for ch in t) or "-" in t[1:-1] or "." in t[1:-1])):
            return (i, i + 1)
        return None

    def coordinated(self, r: tuple[int, int]) -> tuple[int, int]:
        """A source noun phrase with the one it is coordinated with: "laut ARD und ZDF",
        "nach Angaben von Polizei und Feuerwehr" (German; other languages keep ``r``)."""
        e = r[1]
        if (self.lang != "de" or e + 1 >= len(self.toks) or self.toks[e].text.lower() not in _COORDINATORS
                or not self._same(r[0], e + 1)):
            return r
        r2 = self.np_at(e + 1, appos=False)
        return (r[0], r2[1]) if r2 is not None and self.pos[e + 1] != "PPER" else r

    def _abbreviation_dot(self, i: int, j: int) -> bool:
        """Token ``j`` is a title abbreviation or an initial, or the dot glued to one, inside a
        name that goes on ("Prof. Dr. Karl-Heinz Brenner", "Matthias W. Beckmann")."""
        toks = self.toks
        k = j - 1 if toks[j].text == "." else j
        if k < i or not self._same(i, k + 2) or k + 1 >= len(toks) or toks[k + 1].text != ".":
            return False
        word = toks[k].text
        return (toks[k].end == toks[k + 1].start and toks[k + 2].text[:1].isupper()
                and (word.lower() in NAME_TITLE_ABBREVIATIONS or (len(word) == 1 and word.isupper())))

    def _nom(self, i: int, j: int) -> bool:
        """Token ``j`` (same sentence as ``i``) can be part of a noun's head."""
        if self.lang == "de" and self._same(i, j) and self._abbreviation_dot(i, j):
            return True
        if not self._same(i, j) or not self.toks[j].text[:1].isalnum():
            return False
        if self.pos[j] in NP_NOM:
            return True
        # a first name HanTa mis-tagged ("Henk" as imperative) right before a name
        nxt = j + 1
        if (self._same(i, nxt + 1) and self.pos[nxt] == "NN" and self.toks[nxt].text[:1].isupper()
                and self.pos[nxt + 1] == "NE"):
            nxt += 1  # "Henk Jaap Meijer" with the middle name read as a noun
        return (self.toks[j].text[:1].isupper() and self.pos[j] in ("VVIMP", "ADJD", "ADV", "VVFIN", "XY")
                and self._same(i, nxt) and self.pos[nxt] == "NE" and (j == 0 or not self._same(j, j - 1)
                                                                     or self.toks[j - 1].text in _BOUNDARY))

    def _core(self, i: int) -> int | None:
        toks, pos = self.toks, self.pos
        j = i
        if (toks[i].text.lower() in _GENITIVE_DETERMINERS and self._same(i, i + 1)
                and pos[i + 1] in NP_NOM | {"ADJA"}):
            j = i + 1  # "sagte dessen Vorsitzende X", "deren Sprecherin"
        while self._same(i, j) and (pos[j] in NP_PRE or (
                toks[j].text == "-" and j > i and pos[j - 1] == "CARD")):  # "der 84-jährige"
            j += 1
        if (j > i and pos[j - 1] == "CARD" and self._same(i, j + 2) and toks[j].text == "Jahre"
                and toks[j + 1].text.startswith("alt") and pos[j + 1] == "ADJA"):
            j += 2  # "der 54 Jahre alte Kolbe"
        if (j == i and pos[i] == "PIS" and self._same(i, i + 1) and toks[i + 1].text.lower() in GEN_ART
                and toks[i].text[:1].isupper()):
            j = i + 1  # "Einer der Feuerwehrmänner": the genitive below does the rest
        elif self._same(i, j) and toks[j].text in _QUOTE_MARKS:
            # a quoted name after an article: "die „Süddeutsche Zeitung“"; without one only
            # when the quoted words read as a name ("zitiert „BBC News“ aus …")
            close = next((m for m in range(j + 1, min(len(toks), j + 7)) if toks[m].text in _QUOTE_MARKS), None)
            lower_name = (j > i and close == j + 2 and not toks[j + 1].text[:1].isupper()
                          and not (self._same(i, close + 1) and pos[close + 1] in ("NN", "NE", "ADJA")))
            if (close is None or close == j + 1 or not self._same(i, close)
                    or not (toks[j + 1].text[:1].isupper() or lower_name)):
                return None  # "die „taz“" is a name; "die „drastischen“ Maßnahmen" no phrase here
            if j == i and (close - j > QUOTED_NAME_MAX_TOKENS
                           or not name_like(toks, pos, self.sent_of, j + 1, close)):
                return None
            return close + 1
        elif (j > i and pos[i] == "ART" and pos[j - 1] == "ADJA" and not self._nom(i, j)
              and ("jährig" in toks[j - 1].text.lower() or toks[j - 1].text[:1].isupper())):
            return j  # "der 81-jährige", "die Hongkonger": an adjective used as the noun
        elif (self._same(i, i + 1) and ((j == i + 1 and pos[i] == "ART" and pos[j] in ("APPR", "APPRART", "PRF"))
                                        or (pos[i] == "PRELS" and pos[i + 1] == "PRF"))):
            # "die in New York City geborene Lopez", "der sich selbst als Gegner inszenierende
            # X" (HanTa reads that "der" as a relative pronoun: only a present participle
            # before the noun makes it an article, "der sich in der neuen Regierung …" stays
            # a relative clause)
            k = self._attribute_end(i + 1)
            if k is None or (pos[i] == "PRELS" and not toks[k - 1].text.lower().endswith(_PRESENT_PARTICIPLE)):
                return None
            j = k
        elif not self._nom(i, j):
            return None
        while self._nom(i, j):
            if (j > i and pos[j] == "NN" and pos[j - 1] == "NE" and not toks[j - 1].text.endswith("s")
                    and self._same(i, j + 1) and toks[j + 1].text[:1].islower()
                    and pos[j + 1] not in ("VVFIN", "VAFIN", "VMFIN", "VVPP")
                    and not (j - 1 > i and pos[j - 2] in ("NN", "NE") and toks[j].lemma == toks[j].text)):
                # "laut Uschakow Fragen rund um …": the name ends the phrase; not after a role
                # and a first name ("Professor Karl Brenner am Montag": a surname read as noun)
                break
            j += 1
        if j > i and pos[j - 1] == "NE" and toks[j - 1].text.endswith("s"):
            # possessive name: "Putins außenpolitischer Berater Juri Uschakow"
            k = j
            while self._same(i, k) and pos[k] in NP_PRE:
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
            if low in GEN_ART and pos[j] == "ART" and pos[j - 1] == "NE":
                break  # a name takes no genitive: "eine Sprecherin der Stadt Köln [der dpa]"
            if (low in GEN_ART and pos[j] == "ART") or (low in NP_LINK_PREP and pos[j - 1] in ("NN", "NE")):
                k = j + 1
                while self._same(i, k) and pos[k] in NP_PRE:
                    k += 1
                if self._nom(i, k):
                    while self._nom(i, k):
                        k += 1
                    j = k
                    continue
            break
        return j if j - i <= NP_MAX_TOKENS else None

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
        while k >= 0 and self._same(anchor, k) and (self.toks[k].text not in stop or self._glued(k)):
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
        pos = self.pos
        if (r is not None and r[0] > v and v > 0 and pos[v - 1] == "KON" and pos[v] == "VVFIN"
                and _depth <= 1):
            # "Der Vertreter nannte … und rief die libysche Armee auf": after "und" the
            # phrase behind the verb is its object; the subject is the first verb's
            shared = self._shared_subject(v, _depth, comma=False)
            if shared is not None:
                return shared
        if r is not None or _depth > 1:
            return r
        cs = self._clause_start(v)
        comma = (cs == v and v > 0 and self.toks[v - 1].text == "," and pos[v] in ("VVFIN", "VVINF")
                 and not (self._same(v, v + 1) and pos[v + 1] == "PPER"))  # "…, heißt es"
        coordinated = (v > 0 and pos[v - 1] == "KON") or comma
        if not coordinated:
            return None
        return self._shared_subject(v, _depth, comma)

    def _shared_subject(self, v: int, _depth: int, comma: bool) -> tuple[int, int] | None:
        """The subject of the finite verb before ``v`` that ``v`` is coordinated with."""
        pos = self.pos
        earlier = [k for k in range(v - 2, -1, -1) if self._same(v, k) and pos[k] in ("VVFIN", "VAFIN", "VMFIN")]
        if comma and earlier and is_reported_mood(self.toks, earlier[0]):
            return None  # "Eine Heilung sei ausgeschlossen, heißt es": a frame, not a coordination
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
            # the auxiliary may stand before a quoted name ("hatte er laut „Tagesblatt“
            # kritisiert"), never inside a quotation closed before the verb
            cs = self._clause_start(v, quotes=False)
            fin = next((k for k in range(v - 1, cs - 1, -1) if pos[k] in ("VAFIN", "VMFIN")
                        and sum(toks[m].text in _QUOTE_MARKS for m in range(k, v)) % 2 == 0), None)
            if fin is None and pos[v] == "VVIZU":
                return None
            if (pos[v] == "VVINF" and fin is not None and toks[fin].lemma in ("sein", "haben")
                    and (r := self._subject_after_link(cs, v)) is not None):
                return r  # "Dies war nicht der erste Streit, und die Anwohner befürchten, …"
            # no auxiliary: "sagen"/"kritisiert" were finite forms HanTa read as INF/PP
            anchor = fin if fin is not None else v
        cs = self._clause_start(anchor)
        if (anchor == v and cs >= 2 and pos[cs] in ("APPR", "APPRART") and toks[cs - 1].text == ","
                and (v + 1 >= len(toks) or toks[v + 1].text in _BOUNDARY | {"."})  # verb-final
                and self._pp_end(cs, anchor) == anchor):
            # "wie der Sekretär der Jury, Lars Berg, bei der Bekanntgabe sagte": an adjunct
            # after the apposition's closing comma; the subject ends before it
            anchor = cs
            cs = self._clause_start(anchor)
        if 0 < cs <= anchor and toks[cs - 1].text in _QUOTE_MARKS and anchor == v:
            # "weil die Regierung das Land als „…“ bezeichnet hat": the clause opens before
            # the quoted words ("die das Land als „…“ bezeichnet hatte")
            cs0 = self._clause_start(anchor, quotes=False)
            if ((pos[cs0] in ("KOUS", "PWAV", "PRELS") or self._conjunction_as_prep(cs0, v))
                    and sum(toks[m].text in _QUOTE_MARKS for m in range(cs0, anchor)) % 2 == 0):
                cs = cs0  # the quoted words sit inside the clause, not the clause inside them
        # relative clause: "Yuri Ushakov, der erläuterte, dass …"
        if cs < len(toks) and pos[cs] == "PRELS" and cs >= 2 and toks[cs - 1].text == ",":
            # the relative pronoun is the speaker phrase; its entity is the antecedent's
            # (a nominative relative pronoun after a verb or a PP is still the speaker phrase:
            # "ein Prediger wurde zugeschaltet, der alle aufforderte"; it resolves to nobody)
            nominative = toks[cs].text.lower() in ("der", "die", "welcher", "welche")
            inner = self.np_at(cs + 1, appos=False) if toks[cs].text.lower() in _OBJECT_RELATIVES else None
            if (inner is not None and toks[inner[0]].text.lower() not in _OBLIQUE_ARTICLES
                    and (any(pos[m] in ("NE", "PPER") for m in range(*inner))
                         or (toks[inner[0]].text.lower() == "der" and toks[cs].text.lower() != "der"
                             and pos[inner[1] - 1] == "NN" and not toks[inner[1] - 1].text.endswith("in")))):
                # "die Marke, die Gerhard Schröder … erklärt hatte", "die Pläne, die der
                # Minister als „…“ bezeichnet hatte": the name or "der X" speaks
                return inner
            return (cs, cs + 1) if self.np_ending_at(cs - 1) or nominative else None
        # verb-final subordinate clause: "dass Putin … betonte", "wie die Agentur berichtete"
        if (cs < anchor and (pos[cs] in ("KOUS", "PWAV", "KOKOM") or self._conjunction_as_prep(cs, v))
                and anchor == v
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
                if e < anchor and toks[e].text.lower() in _COORDINATORS:
                    r2 = self.np_at(e + 1, appos=False)
                    if r2 and r2[1] <= anchor:
                        r, e = (r[0], r2[1]), r2[1]  # "Özcan Mutlu und Benedikt Lux prangerten an"
                if (e + 2 <= anchor and toks[e].text.lower() in ("in", "aus") and pos[e + 1] == "NE"
                        and all(pos[m] == "NE" for m in range(e + 1, anchor))):
                    r, e = (r[0], anchor), anchor  # "Die US-Botschaft in Riad teilte mit"
                if e < anchor and pos[e] in ("APPR", "APPRART"):
                    e2 = self._pp_end(e, anchor)
                    if e2 == anchor:
                        r, e = (r[0], e2), e2  # "Der Fraktionsvorsitzende im Landtag hatte"
                while e < anchor and pos[e] in ("ADV", "PTKNEG", "ADJD"):
                    e += 1  # "Putin wiederum betonte"
                if e == anchor and not self._temporal(r):
                    return r
        # apposition closed by a comma: "Anna Kelly, Sprecherin des Weißen Hauses, sagte"
        if cs == anchor and anchor >= 2 and toks[anchor - 1].text == ",":
            x0 = anchor - 1
            while (x0 > 0 and self._same(anchor, x0 - 1) and toks[x0 - 1].text not in (":", ";")
                   and toks[x0 - 1].text not in _QUOTE_MARKS):  # never into a quotation
                x0 -= 1
            while x0 < anchor and pos[x0] in _SKIP_BEFORE_NP:
                x0 += 1
            r = self.np_at(x0, appos=False)
            if r is not None and pos[r[1]] in ("APPR", "APPRART"):
                e2 = self._pp_end(r[1], anchor - 1)  # "Der Fraktionsvorsitzende im Landtag, X,"
                if toks[e2].text == ",":
                    r = (r[0], e2)
            # the sentence-initial phrase ends at a comma that opens the apposition
            if (r is not None and (x0 == 0 or pos[x0 - 1] not in ("APPR", "APPRART"))
                    and toks[r[1]].text == "," and r[1] < anchor - 1 and anchor - r[1] <= 40):
                return (r[0], anchor - 1)
            for x in range(max(0, anchor - NP_MAX_TOKENS), anchor - 1):
                if not self._same(anchor, x) or toks[x].text in _BOUNDARY:
                    continue
                if (x > 0 and self._same(anchor, x - 1) and toks[x - 1].text not in _BOUNDARY
                        and pos[x - 1] not in _SKIP_BEFORE_NP | {"KOUS", "PWAV"}):
                    continue  # "wie Burt Rutan, Chef der Firma, mitteilte" may start after "wie"
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
                # "erklärten Polizei und Staatsanwaltschaft": a plural verb's coordinated subject
                return self.coordinated(r) if toks[v].text.endswith("en") else r
        if anchor == v and pos[v] == "VVFIN":
            return self._subject_after_link(cs, v)
        return None

    def _subject_after_link(self, cs: int, v: int) -> tuple[int, int] | None:
        """A clause that opens inside the stretch before ``v`` without a comma: "…, und die
        Hongkonger befürchten", "und das FBI seinerseits versprach", "einen Zettel, in dem
        er verlangte": the noun phrase right after the last coordinating conjunction or
        relative pronoun, when it reaches the verb (adverbs aside) and is no object."""
        toks, pos = self.toks, self.pos
        for x in range(v - 1, cs, -1):
            if pos[x - 1] not in ("KON", "PRELS") or toks[x].text.lower() in _OBLIQUE_ARTICLES:
                continue
            r = self.np_at(x, appos=False)
            if r is None:
                return None
            e = r[1]
            while e < v and pos[e] in ("ADV", "PTKNEG"):
                e += 1
            if e == v and not self._temporal(r) and any(pos[m] in ("NE", "NN", "PPER") or (
                    pos[m] == "ADJA" and toks[m].text[:1].isupper()) for m in range(*r)):
                return r
            return None
        return None

    def _attribute_end(self, j: int) -> int | None:
        """After an article, a prepositional phrase that ends in a participle before the noun
        ("die [in New York City geborene] Lopez"): the index of the noun, or None."""
        k = j + 1
        while self._same(j, k) and k - j <= ATTRIBUTE_MAX_TOKENS and self.pos[k] in _ATTRIBUTE_TAGS:
            if self.pos[k] == "ADJA" and self._nom(j, k + 1):
                return k + 1
            k += 1
        return None

    def _conjunction_as_prep(self, cs: int, v: int) -> bool:
        """ "Als X sagte, …", "Während X erklärte, …": HanTa tags the conjunction APPR; the
        clause ends in the finite verb ``v`` with a comma after it."""
        return (self.pos[cs] == "APPR" and self.toks[cs].text.lower() in _CONJUNCTION_PREPS
                and v + 1 < len(self.toks) and self.toks[v + 1].text == ","
                and self.pos[v] in ("VVFIN", "VAFIN", "VMFIN"))

    def _glued(self, k: int) -> bool:
        """A hyphen inside a word ("68-Jährige" tokenised 68 / - / Jährige) or ending a
        truncated compound ("Fraktions- und Parteivorsitzenden"), not a dash."""
        toks = self.toks
        if toks[k].text != "-" or not 0 < k < len(toks) - 1 or toks[k - 1].end != toks[k].start:
            return False
        return toks[k].end == toks[k + 1].start or toks[k + 1].text.lower() in _TRUNCATION_LINKS

    def _pp_end(self, e: int, limit: int) -> int:
        """End of up to two prepositional attachments from token ``e`` (a preposition) that
        stay before ``limit``: "im niedersächsischen Landtag", "im Vereinigten Königreich".
        Returns ``e`` when none fits."""
        for _ in range(2):
            if e >= limit or self.pos[e] not in ("APPR", "APPRART"):
                break
            r2 = self.np_at(e + 1, appos=False)
            if r2 is None or r2[1] > limit or self._temporal(r2):
                break
            e = r2[1]
        return e

    def _temporal(self, r: tuple[int, int]) -> bool:
        return self.toks[r[1] - 1].text.lower() in _TIME_NOUNS

    def passive_agent(self, v: int) -> tuple[int, int] | None:
        """The "von X" agent of a passive speech verb ("vom Kreml als … bezeichnet")."""
        if self.lang != "de" or self.pos[v] not in ("VVPP", "VVFIN") or (
                self.pos[v] == "VVFIN" and not self.toks[v].text.endswith("t")):
            return None  # participles of strong verbs end in -en ("angewiesen")
        cs = self._clause_start(v, quotes=False)
        # "wurde von X kritisiert"; verb-final "wie … von der Gruppe berichtet wird"
        after = v + 1 if self._same(v, v + 1) else v
        if not any(self.toks[k].lemma == "werden" and self.pos[k] == "VAFIN" for k in (*range(cs, v), after)):
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
