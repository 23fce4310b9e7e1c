"""Text helpers of fact alignment: clause borders, content features, numbers, dates, negation.

Split from ``facts.py``; everything here works on one claim's text or tokens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..models import Ref
from .claims import Claim

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
