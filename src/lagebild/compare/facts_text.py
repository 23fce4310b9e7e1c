"""Text helpers of fact alignment: clause borders, content features, numbers, dates, negation.

Split from ``facts.py``; everything here works on one claim's text or tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..lang.calendar import WEEKDAY_RE, date_keys, iso_weekday, month_number
from ..lang.fold import fold_word
from ..lang.negation import (
    denied_indices,
    has_lexical_negative_tokens,
    in_negation_scope,
    is_negated,
    is_negator,
)
from ..lang.numbers import ARTICLE_NUMBERS, find_numbers, glued_duration, number_word_value, unit_of
from ..lang.quotes import CLOSING_MARKS
from ..lang.synonyms import concept_feature, let_go
from ..lang.tokens import default_memo
from ..models import Ref
from .claims import Claim

# Quote marks that can end a quote before "…“, sagte er" (the kit owns the set).
_CLOSERS = re.escape("".join(sorted(m for m in CLOSING_MARKS if m == '"' or "DOUBLE" in unicodedata.name(m))))

# Clause borders found by punctuation: semicolons, dashes between words, colons, the end
# of a quote („…“, sagte er), parentheses, and commas before conjunctions or complement
# clauses. A wrong split only costs recall: whole sentences stay claims too.
CLAUSE_SPLIT_RE = re.compile(
    r"\s*;\s+|\s+[–—-]\s+|\s*:\s+|[" + _CLOSERS + r"]\s*,\s*|\s*\(|\)\s*"
    r"|,\s+(?=(?:dass|daß|während|aber|doch|jedoch|obwohl|weil|da|nachdem|bevor|sondern|und|wobei|um|als|"
    r"that|while|but|although|because|after|before|and|which|who|when|"
    r"que|mientras|pero|aunque|porque|y|cuando|donde|quien|cuyo|"
    # a list of who is among a group states a fact of its own ("unas 200 personas, entre
    # ellas 140 habitantes de dos residencias": realnews_dev)
    r"darunter|among them|including|entre ellas|entre ellos|incluidos|incluidas|"
    # an English absolute clause ("..., with water levels reaching their highest levels in
    # a century": realnews_dev)
    r"with)\b)",
)
# German function words whose tag says a clause starts after a comma (HanTa STTS).
_CLAUSE_START_POS = ("KOUS", "KOUI", "PRELS", "PRELAT", "PWAV", "PWS")


def clause_cuts(s_text: str, s_start: int, toks: Sequence[Any]) -> list[tuple[int, int]]:
    """Clause spans of one sentence as (start, end) offsets inside ``s_text``.

    Regex borders (see ``CLAUSE_SPLIT_RE``) plus, for tagged German: a comma before a
    subordinating conjunction, relative pronoun or finite verb ("…, versprach jedoch …"),
    and "und"/"sowie"/"aber"/"doch" directly before a finite verb ("… dauerte fast eine
    Stunde und war der sechste Kontakt").
    """
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in CLAUSE_SPLIT_RE.finditer(s_text)]
    for k in range(len(toks) - 1):
        t, nxt = toks[k], toks[k + 1]
        if (t.pos == "KON" and t.text.lower() in ("und", "sowie", "aber", "doch", "oder") and "FIN" in nxt.pos) or (t.text == "," and (nxt.pos.startswith(_CLAUSE_START_POS) or "FIN" in nxt.pos)):
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


# Whether tokens hold a word another outlet's sentences use (see shared_with_others).
ShareTest = Callable[[Sequence[Any]], bool]


def phrase_windows(claims: Sequence[Claim], tagged: Mapping[Ref, Sequence[Any]], k: int,
                   shared: ShareTest | None = None) -> list[Claim]:
    """Windows of ``k`` word tokens (half overlapping) over every sentence longer than
    ``k + 2`` words; each is a Claim whose text is the exact span.

    With ``shared`` (:func:`shared_with_others`), only windows holding a word another outlet
    uses are made (a window is only ever compared with other outlets' claims)."""
    windows: list[Claim] = []
    for ref, sc in _sentence_claims(claims).items():
        toks = [t for t in tagged.get(ref, ()) if t.text[:1].isalnum()]
        if len(toks) <= k + 2:
            continue
        for a in range(0, len(toks) - k + 1, max(1, k // 2)):
            st, en = toks[a].start, toks[a + k - 1].end
            if sc.start <= st and en <= sc.end:
                if shared is not None and not shared(toks[a:a + k]):
                    continue
                windows.append(Claim(ref, sc.outlet, sc.text[st - sc.start : en - sc.start], st, en))
    return windows


def shared_with_others(claims: Sequence[Claim], tagged: Mapping[Ref, Sequence[Any]], min_len: int) -> ShareTest:
    """A test whether tokens hold a word that sentences of two or more outlets use: a word of
    at least ``min_len`` characters or one beginning with a digit, compared in lower case
    (the words of each outlet are those of its claims' sentences)."""
    outlets_of: dict[str, set[str]] = {}
    for ref, sc in _sentence_claims(claims).items():
        for t in tagged.get(ref, ()):
            if len(t.text) >= min_len or t.text[:1].isdigit():
                outlets_of.setdefault(t.text.lower(), set()).add(sc.outlet)
    used = frozenset(w for w, outlets in outlets_of.items() if len(outlets) > 1)

    def test(tokens: Sequence[Any]) -> bool:
        return any(t.text.lower() in used for t in tokens if len(t.text) >= min_len or t.text[:1].isdigit())

    return test


def _sentence_claims(claims: Sequence[Claim]) -> dict[Ref, Claim]:
    """The longest claim of each sentence (the sentence itself when it is a claim)."""
    sentences: dict[Ref, Claim] = {}
    for c in claims:
        cur = sentences.get(c.ref)
        if cur is None or (c.end - c.start) > (cur.end - cur.start):
            sentences[c.ref] = c
    return sentences




def _unit(word: str) -> str | None:
    """The feature of a time-unit word ("Stunde", "hours", "horas" -> "u:min60"): the kit's
    units (lang.numbers); other units are content words."""
    got = unit_of(word)
    if got is None or got[0] not in ("min", "day", "%"):
        return None
    return f"u:{got[0]}{got[1]:g}"


def _duration(number: str, unit: str) -> list[str]:
    """The length a counted time unit gives, in the unit's base: "#100" "u:day365" (cien
    años) and "#1" "u:day36500" (a century) both give "#36500@dur:day", so a span says the
    same across languages and wordings."""
    m = re.fullmatch(r"u:(min|day)([\d.]+)", unit)
    if not m or not number.startswith("#"):
        return []
    try:
        value = float(number[1:]) * float(m.group(2))
    except ValueError:
        return []
    return [f"#{value:g}@dur:{m.group(1)}"]


def _compound_span(low: str, lang: str) -> str | None:
    """The time unit a German compound noun starts with when it is a long span
    ("Jahrhunderthochwasser" -> "u:day36500"), else None."""
    if lang != "de" or len(low) < 10:
        return None
    for cut in range(4, len(low) - 3):
        got = unit_of(low[:cut])
        if got is not None and got[0] == "day" and got[1] >= COMPOUND_SPAN_MIN_DAYS:
            return f"u:day{got[1]:g}"
    return None


# A German compound noun that starts with a time unit gives its span as a feature only for
# spans this long (decade, century: "Jahrhunderthochwasser" = "highest levels in a century",
# realnews_dev); shorter units start unrelated compounds ("Tageszeitung", "Stundenlohn").
COMPOUND_SPAN_MIN_DAYS = 3650.0


def _inflected_number(low: str, lang: str) -> int | None:
    """German inflected small number words ("zweier Altenheime", "dreien") -> 2, 3."""
    if lang != "de" or not low.endswith(("er", "en")) or len(low) < 5:
        return None
    nw = number_word_value(low[:-2], "de")
    if nw is None or nw[1] or not 2 <= nw[0] <= 12 or nw[0] != int(nw[0]):
        return None
    return int(nw[0])


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
# Verbs of saying and attribution words (folded stems): they frame a statement, they are
# not its content.
_SPEECH_PREFIX = (
    "erklar", "betont", "betone", "bestatig", "bekraftig", "mitteil", "bericht", "einraum", "hinzufug",
    "wiederhol", "erinner", "ausser", "zufolge", "bekanntgeb", "angabe", "erlauter", "prazisier", "schreib", "klarstell",
    "said", "says", "tell", "told", "accord", "report", "decir", "dij", "segun", "afirm", "inform", "senal",
    "explic", "asegur", "anadi",
)
_SPEECH_EXACT = {"sagen", "sagte", "raumen", "fugen", "teilen", "melden", "laut", "say", "dice"}
def _cleared(lemma: str, toks: Sequence[Any]) -> bool:
    """"räumen" without the particle "ein" is clearing a place ("musste geräumt werden"),
    not admitting ("räumte ein"): realnews_dev flood."""
    return fold_word(lemma) == "raumen" and not any(
        t.pos.startswith("PTKVZ") and t.text.lower() == "ein" for t in toks)


def _speech(w: str) -> bool:
    """A verb of saying or an attribution word ("erklärte", "laut", "said", "según")."""
    w = fold_word(w)
    return w in _SPEECH_EXACT or w.startswith(_SPEECH_PREFIX)


def _fold(w: str, long_noun: bool = False) -> str:
    """A crude stem: the first six letters without accents (catches inflection), or the
    concept a near-synonym names (the kit's ``lang.synonyms``: "Ergebnisse" and
    "Durchbruch" give "fortsc"). A long German noun keeps its whole lemma: six letters would
    make "Waffenruhe" and "Waffenlieferungen" one word (its head is added separately)."""
    w = fold_word(w)
    concept = concept_feature(w)
    if concept is not None:
        return concept
    return w if long_noun and len(w) >= LONG_NOUN else w[:6]


# German nouns of this many letters are compared by their whole lemma (seeds).
LONG_NOUN = 12


# Marker features of a verb of saying and of any other full verb (not content; used to
# spot attribution frames).
SAY = "!say"
VERB = "!verb"
# Prefix of the marker feature of a denied word ("keine Fortschritte" gives "!no:fortsc"
# besides "fortsc"): two claims denying one thing say one statement in any wording.
DENIED = "!no:"


def claim_features(toks: Sequence[Any], language: str | None, nouns: set[str] | frozenset[str] = frozenset()) -> list[tuple[int, int, str, bool]]:
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
    words = [t.text for t in toks]
    denied = set(denied_indices(toks, lang))
    particles = [(j, t.text.lower()) for j, t in enumerate(toks) if t.pos.startswith("PTKVZ")]
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
        g = glued_duration(low) if lang == "de" else None
        if g:
            count, base, factor = g
            unit = f"u:{base}{factor:g}"
            feats.append((t.start, t.end, f"#{count:g}", False))
            feats.append((t.start, t.end, unit, False))
            feats.append((t.start, t.end, f"#{count:g}@{unit}", False))
            continue
        nw = number_word_value(low, lang)
        number = int(nw[0]) if nw is not None and nw[0] == int(nw[0]) else None
        if number is None:
            number = _inflected_number(low, lang)
        if number is None and low in ARTICLE_NUMBERS:
            number = 1
        if number is not None:
            nxt = toks[k + 1].text.lower() if k + 1 < len(toks) else ""
            if low not in ARTICLE_NUMBERS or _unit(nxt):
                feats.append((t.start, t.end, f"#{number}", False))
                feats.extend(_counted(toks, k, f"#{number}", lang))
            continue
        if _unit(low):
            feats.append((t.start, t.end, str(_unit(low)), False))
            continue
        span = _compound_span(low, lang) if t.pos.startswith("NN") else None
        if span:
            feats.append((t.start, t.end, span, False))
            feats.extend((t.start, t.end, f, False) for f in [f"#1@{span}", *_duration("#1", span)])
        if (_speech(lem) or _speech(low)) and not _cleared(lem, toks):
            if t.pos.startswith("VV") or (lang != "de" and len(low) > 3):
                feats.append((t.start, t.end, SAY, True))
            continue
        if is_negator(low, lang) or low in _STOP or lem in _STOP:
            continue
        if lang == "de" and t.pos:
            if not t.pos.startswith(_CONTENT_POS) or len(low) < 3:
                continue
            if t.pos.startswith("ADV") and len(low) < 5:
                continue
        elif len(low) < 4 or not low.isalpha():
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        prev = toks[k - 1] if k > 0 else None
        # names, titles right before a name ("Bürgermeisterin Ilka ...") and surnames HanTa
        # tags as nouns right after a first name ("Ilka Rautenberg"); a noun next to a name
        # in the genitive is a common noun ("Russlands Ziele", "Trumps Aufrufen", "Berater
        # Putins"), and so is an inflected one (a surname keeps its form)
        name = t.pos.startswith("NE") or (lang != "de" and k > 0 and t.text[:1].isupper()) or (
            t.pos.startswith("NN") and (
                (nxt is not None and nxt.pos.startswith("NE") and not _genitive(nxt))
                or (prev is not None and prev.pos.startswith("NE") and not _genitive(prev)
                    and (t.lemma or t.text) == t.text)))
        # weekdays ("Dienstagabend") place a statement in time; like names they are not
        # what it says
        name = name or bool(WEEKDAY_RE.match(low))
        feat = _fold(lem, long_noun=lang == "de" and t.pos.startswith("NN"))
        # a German particle verb is read whole for its concept ("hält ... fest" is
        # "festhalten"); "nicht vom Ziel abweichen" says "am Ziel festhalten" (kit:
        # lang.synonyms)
        finite = "FIN" in t.pos
        verbs = [(lem, k)] + ([(p + lem, j) for j, p in particles] if t.pos.startswith("VV") else [])
        for v, at in verbs:
            negated_let_go = let_go(v) and (
                in_negation_scope(words, at, lang, after=finite) or in_negation_scope(words, k, lang, after=finite))
            held = concept_feature(v, negated=negated_let_go)
            if held is not None:
                if negated_let_go:
                    # the verb itself too: "nicht aufgeben" and "gibt auf" stay comparable
                    # for the contradiction checks
                    feats.append((t.start, t.end, feat, name))
                feat = held
                break
        feats.append((t.start, t.end, feat, name))
        if k in denied and not name:
            feats.append((t.start, t.end, DENIED + feat, False))
        if t.pos.startswith("VV"):
            feats.append((t.start, t.end, VERB, True))
        if nouns and t.pos.startswith("NN") and len(lem) >= 8:
            for cut in range(3, len(lem) - 3):
                if lem[cut:] in nouns:
                    feats.append((t.start, t.end, _fold(lem[cut:], long_noun=True), False))
                    break
    return feats


def _genitive(t: Any) -> bool:
    """A German name in the genitive: HanTa's lemma drops its "s" ("Russlands" -> "Russland")."""
    text, lemma = str(t.text), str(t.lemma or t.text)
    return text != lemma and text.endswith("s") and text[:-1] == lemma


def _is_day(toks: Sequence[Any], k: int) -> bool:
    """The number at token k is the day of a date ("10. März", "10 March", "10 de marzo")."""
    nxt = [t.text.lower() for t in toks[k + 1 : k + 3]]
    if not re.fullmatch(r"\d{1,2}", toks[k].text):
        return False
    if nxt[:1] == ["."]:
        nxt = nxt[1:]
    if nxt[:1] == ["de"]:
        nxt = nxt[1:]
    return bool(nxt) and month_number(nxt[0]) is not None


def _counted(toks: Sequence[Any], k: int, number: str, lang: str) -> list[tuple[int, int, str, bool]]:
    """The number at token k with the noun it counts ("sechste telefonische Kontakt" ->
    "#6@gespra", "63 Fahrgästen" -> "#63@passag"): a fact-level feature."""
    for j in range(k + 1, min(len(toks), k + 4)):
        t = toks[j]
        low = t.text.lower()
        if _unit(low):
            unit = str(_unit(low))
            return [(toks[k].start, t.end, f, False) for f in [f"{number}@{unit}", *_duration(number, unit)]]
        if not t.text[:1].isalpha():
            return []
        noun = t.pos.startswith("NN") if lang == "de" else (len(low) >= 4 and low not in _STOP)
        if noun:
            return [(toks[k].start, t.end, f"{number}@{_fold((t.lemma or t.text).lower())}", False)]
        if lang == "de" and not t.pos.startswith("ADJ"):
            return []
    return []


def negated(text: str, language: str | None = "de") -> bool:
    """Whether a claim is negated: it holds an odd number of negators ("nicht", "kein",
    "niemand", "not", "no", ...), a verb of negative polarity counting as one more
    ("konkrete Ergebnisse blieben aus" says what "keine konkreten Ergebnisse" says)."""
    lang = language or "de"
    lexical = has_lexical_negative_tokens(default_memo().tagged(text, lang))
    return is_negated(text, lang) != lexical


def plain_numbers(text: str, language: str | None = None) -> set[float]:
    """Counts and amounts in a text, digits and number words alike (the kit's
    ``find_numbers``: "vierzig" is 40; years, clock times and dates left out)."""
    return {n.value for n in find_numbers(text, 0, language) if not (n.word and n.value == 1)}


def numbers_conflict(a: str, b: str) -> bool:
    """Both texts give counts and none of them agree (within NUMBER_TOLERANCE): "41
    Menschen" vs "14 Menschen" conflict, "rund 60" vs "63" do not."""
    na, nb = plain_numbers(a), plain_numbers(b)
    if not na or not nb:
        return False
    return not any(abs(x - y) <= NUMBER_TOLERANCE * max(x, y) for x in na for y in nb)


def _dates(text: str) -> set[tuple[int, int]]:
    return date_keys(text)


def weekdays_conflict(a: str, b: str) -> bool:
    """Both texts name a weekday and none agree ("Montagabend" vs "Dienstagabend"); the kit
    compares across languages ("Montag" = "Monday" = "lunes")."""
    wa = {iso_weekday(m.group("wd")) for m in WEEKDAY_RE.finditer(a)} - {None}
    wb = {iso_weekday(m.group("wd")) for m in WEEKDAY_RE.finditer(b)} - {None}
    return bool(wa and wb and not (wa & wb))


def dates_conflict(a: str, b: str) -> bool:
    """Both texts give a calendar day and none agree ("9. März" vs "10. März")."""
    da, db = _dates(a), _dates(b)
    return bool(da and db and not (da & db))


# Relative tolerance for vague counts ("rund 60" and "63" agree). Examples calibration.
NUMBER_TOLERANCE = 0.1
