"""Sentence splitting with exact offsets: line breaks, then pysbd where it is needed.

Every line is a unit of its own (headlines, subheadings and paragraphs never merge). Inside
a line, candidate boundaries (``.``, ``!``, ``?``, ``…`` followed by space) are sorted into
three kinds by cheap rules:

* safe: a plain word before the stop and a capital after ("... im Iran. Das ...");
* never: a lowercase letter or comma after, a known abbreviation before ("z. B.", "Dr.",
  "Nr."), an ordinal before a month or a noun like "Jahrhundert" ("3. Juli"), or the stop
  lies inside a short quotation ("„Ich bin nicht zufrieden... Ich habe ...“, sagte Trump");
* unsure: everything else (initials, "U.S.", "usw.", ellipses) -> pysbd decides for the
  stretch between safe boundaries, and the "never" rules still veto its splits.

pysbd on every line costs ~15 s for the 1,028 10kGNAD articles; the safe pre-split lets it
run only on the stretches with an unsure candidate.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

from lagebild.guard import check_budget
from lagebild.lang.quotes import QUOTE_PAIRS
from lagebild.limits import MAX_SENTENCE_CHARS, MAX_SENTENCES
from lagebild.models import Sentence
from lagebild.text.boilerplate import CLOSING_QUOTES, SINGLE_GUILLEMETS, is_heading_like
from lagebild.text.pubdate import MONTHS

__all__ = ["is_heading_line", "quote_spans", "split_line", "split_sentences"]

# A quotation up to this many characters is never split inside (calibrated on the seeds:
# their multi-sentence quotes are 60-230 characters; longer quoted passages are interview
# paragraphs where sentence units serve the fact alignment better).
SHORT_QUOTE_MAX_CHARS = 280
# Sentences at least this long (and with MIN words) get their own language id; shorter ones
# inherit the article language (fastText is unreliable on a few words).
SENT_LID_MIN_CHARS = 40
SENT_LID_MIN_WORDS = 6
# The sentence's own language must reach this probability to override the article's
# (German sentences with English names score > 0.9 de; calibrated on the seeds).
SENT_LID_MIN_PROB = 0.8
# A sentence with at least this many function words of the article language (and more than
# twice as many as of any other listed language) keeps the article language without a
# fastText call (fastText per sentence was the largest cost of splitting 10kGNAD).
SENT_FUNCTION_WORDS_MIN = 3
# Frequent function words that are (nearly) exclusive to one language.
FUNCTION_WORDS = {
    "de": set(
        ["der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "für", "dem", "den", "des", "ein", "eine", "einen", "einem", "einer", "im", "zu", "von", "dass", "wird", "werden", "wurde", "sind", "hat", "haben", "auch", "noch", "nach", "bei", "aus", "wie", "aber", "oder", "als", "über", "vor", "sei", "seien", "habe", "wurden", "kein", "keine", "sie", "er", "wir", "ihr", "es", "so", "war", "waren", "zum", "zur", "um", "nur", "man"]
    ),
    "en": set(
        ["the", "and", "is", "are", "was", "were", "not", "with", "that", "this", "have", "has", "from", "for", "of", "to", "by", "be", "been", "which", "would", "will", "it", "its", "their", "they", "he", "she", "we", "said"]
    ),
    "es": set(
        ["el", "la", "los", "las", "y", "es", "que", "del", "con", "por", "para", "una", "un", "se", "no", "lo", "su", "sus", "fue", "como", "más", "pero", "al", "este", "esta", "dijo", "han", "ha"]
    ),
    "fr": set(
        ["le", "les", "et", "est", "une", "des", "du", "que", "qui", "pour", "dans", "pas", "sur", "au", "aux", "ce", "il", "elle", "sont", "été", "avec"]
    ),
}
_FUNCTION_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _w in _words:
        _FUNCTION_WORD_LANGS[_w] = (*_FUNCTION_WORD_LANGS.get(_w, ()), _lang)
# A segment of at most this many words with a speech verb after a closing quote is the
# quote's attribution ("Durbin said.", "Justice Breyer asked." in BASIL).
ATTRIBUTION_MAX_WORDS = 5
SPEECH_VERBS = set(
    ["said", "says", "asked", "asks", "told", "added", "wrote", "writes", "recalled", "continued", "explained", "noted", "replied", "insisted", "argued", "stated", "declared", "tweeted", "warned", "sagte", "sagt", "fragte", "fragt", "erklärte", "erklärt", "betonte", "betont", "schrieb", "schreibt", "meinte", "meint", "fügte", "ergänzte", "antwortete", "warnte", "dijo", "dice", "afirmó", "añadió", "explicó", "señaló", "preguntó", "respondió", "aseguró", "escribió"]
)
# A one-sentence line ending in "?" with at most this many words is a (FAQ/sub)heading.
QUESTION_HEADING_MAX_WORDS = 16

PYSBD_LANGUAGES = {
    "en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl", "da",
    "fr", "my", "el", "it", "ja", "de", "kk", "sk",
}

# Abbreviations after which a stop never ends a sentence (lowercased, without final dot).
NEVER_ABBREVIATIONS = {
    # German
    "z", "b", "dr", "prof", "st", "nr", "ca", "bzw", "vgl", "bspw", "sog", "ggf", "evtl",
    "inkl", "exkl", "zzgl", "abs", "bd", "hr", "fr", "frl", "dipl", "ing", "wr",
    "mio", "mrd", "tsd", "std", "sek", "tel", "str", "jh", "jhd", "jhdt", "abt",
    "gem", "lt", "urspr", "allg", "insb", "insbes", "usf", "u", "o", "a", "d", "h", "s",
    "v", "vs", "geb", "gest", "verh", "hl", "kath", "ev", "röm", "dt", "engl", "franz",
    "span", "ital", "russ", "amerik", "ehem", "stv", "gen", "kap", "aufl", "hrsg", "hg",
    "jan", "feb", "febr", "apr", "aug", "sept", "okt", "nov", "dez", "bzgl", "betr",
    "zit", "ff", "ebd", "ders", "dgl",
    # English
    "mr", "mrs", "ms", "jr", "sr", "gov", "sen", "rep", "col", "sgt", "capt",
    "cmdr", "adm", "mt", "ft", "nos", "vol", "reps", "sens", "govs", "messrs", "mmes", "e", "g", "i", "ie", "eg", "approx",
    # Spanish
    "sra", "srta", "dña", "núm", "pág", "aprox", "av", "avda", "ud", "uds", "ee",
    "uu", "pp", "dra", "lic", "arq",
}
# After an ordinal number ("3.", "19.") these words show the stop is not a sentence end.
ORDINAL_NOUNS = {
    "jahrhundert", "jahrhunderts", "jahrtausend", "platz", "stock", "stockwerk", "mal",
    "runde", "liga", "klasse", "geburtstag", "jahrestag", "todestag", "lebensjahr", "tag",
    "woche", "spieltag", "etappe", "minute", "kapitel", "auflage", "legislaturperiode",
    "amtszeit", "sitzung", "wahlgang", "artikel", "absatz", "armee", "division", "brigade",
    "bezirk", "parteitag", "kongress", "gipfel", "sinfonie", "symphonie", "bundesliga",
    "obergeschoss", "stelle", "rang", "mannschaft", "internationale", "quartal", "halbjahr",
    "gesprach", "gespräch", "telefonat", "treffen", "verhandlungsrunde", "anruf",
} | set(MONTHS)

# Quotation marks as the splitter reads them, derived from the kit's QUOTE_PAIRS with the
# splitter's own pairing rule (kept as it was before the kit: sentence splits decide every Ref,
# so they must not move):
# * single guillemets are not quotation marks here (see text.boilerplate.SINGLE_GUILLEMETS);
# * an opener never closes with itself, except the straight " (the kit also lets “ close “);
# * only a straight " closes a straight " (the kit also lets „ close with ").
_STRAIGHT = '"'
_OPENERS = {
    op: closers if op == _STRAIGHT else "".join(c for c in closers if c not in (op, _STRAIGHT))
    for op, closers in QUOTE_PAIRS.items()
    if op not in SINGLE_GUILLEMETS
}
_QUOTE_CHARS = "".join(sorted(set(_OPENERS) | {c for cl in _OPENERS.values() for c in cl}))
# Marks that end a quotation before a stop or an attribution (text.boilerplate.CLOSING_QUOTES).
_CLOSERS = re.escape("".join(sorted(CLOSING_QUOTES)))
# Marks that can stand glued before a word: the openers except the low single ‚ (as before).
_WORD_OPENERS = re.escape("".join(sorted(c for c in _OPENERS if c != "‚")))

# A run of stops and closing marks, matched from its first character only and atomically:
# the nested repetition would otherwise try every partition of a long run of dots.
_CAND_RE = re.compile(
    r"(?<![.!?…])(?>(?:[.!?…]+[" + _CLOSERS + r")\]]*)+)(?=\s+\S)"
)
_WORD_BEFORE_RE = re.compile(r"(?<![^\s" + _WORD_OPENERS + r"(\[])([^\s" + _WORD_OPENERS + r"(\[]+)$")
_WORD_AFTER_RE = re.compile(r"\s*([" + _WORD_OPENERS + r"'(¿¡]*)(\S+)")
_LETTER_RE = re.compile(r"[^\W\d_]")
_QUOTE_CHAR_RE = re.compile("[" + re.escape(_QUOTE_CHARS) + "]")
_WORD_LOWER_RE = re.compile(r"[^\W\d_]+")
_LINE_RE = re.compile(r"[^\n]+")
_NON_WORD_RE = re.compile(r"\W")
_PLAIN_WORD_RE = re.compile(r"^(?:[\w’']+-)*[^\W\d_]{2,}$")
_SCORE_RE = re.compile(r"^\d+:\d+$")


def quote_spans(line: str) -> list[tuple[int, int]]:
    """Top-level quotations in ``line`` as (start, end) with the marks included.

    German „…“ and »…«, English “…” and "…", French/Spanish «…». Unclosed quotes are left
    out (scraped lines are often cut off mid-quote).
    """
    spans: list[tuple[int, int]] = []
    open_at = -1
    closers = ""
    for m in _QUOTE_CHAR_RE.finditer(line):
        i, ch = m.start(), m.group()
        if open_at >= 0:
            if ch in closers:
                spans.append((open_at, i + 1))
                open_at = -1
        elif ch in _OPENERS:
            if ch == "“" and i > 0 and _LETTER_RE.match(line[i - 1]):
                continue  # a stray closing mark after a word
            open_at, closers = i, _OPENERS[ch]
    return spans


def _inside_short_quote(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e and e - s <= SHORT_QUOTE_MAX_CHARS for s, e in spans)


# a spaced dash and a capitalised word after a stop ("… kam. - Der Dauerregen …")
_DASH_THEN_WORD_RE = re.compile(r"[–-]\s+[A-ZÄÖÜ]")


def _last_word(line: str, start: int) -> str:
    m = _WORD_BEFORE_RE.search(line[max(0, start - 60) : start])
    return m.group(1) if m else ""


def _judge(line: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """'safe', 'never' or 'unsure' for the candidate stop line[start:end]."""
    after = _WORD_AFTER_RE.match(line, end)
    if not after:
        return "never"
    nxt = after.group(2)
    first = nxt[0]
    if first in "–-" and _DASH_THEN_WORD_RE.match(line, after.start(2)) and line[start] == "." \
            and _PLAIN_WORD_RE.match(_last_word(line, start)) and _last_word(line, start).lower() not in NEVER_ABBREVIATIONS:
        return "safe"  # "…, als das Hochwasser kam. - Der Dauerregen …": a dash opens the next one
    if first.islower() or first in ",;:)–-":
        return "never"
    if _inside_short_quote(end, spans):
        return "never"
    punct = line[start:end]
    m = _WORD_BEFORE_RE.search(line[max(0, start - 60) : start])
    before = m.group(1) if m else ""
    if "…" in punct or "..." in punct:
        return "unsure"
    if punct[0] in "!?":
        return "safe" if (first.isupper() or first.isdigit() or after.group(1)) else "unsure"
    # a full stop
    if start > 0 and (line[start - 1] in CLOSING_QUOTES or line[start - 1] in ")]"):
        return "safe" if first.isupper() or after.group(1) else "unsure"
    if before.isdigit():
        if len(before) <= 2:
            word = _NON_WORD_RE.sub("", nxt).lower()
            if word in ORDINAL_NOUNS:
                return "never"
            if word in FUNCTION_WORDS["de"] and first.isupper():
                return "safe"  # "Meldestufe 4. Im Landkreis …": an ordinal never precedes "Im"
            return "unsure"
        return "safe" if first.isupper() else "unsure"
    low = before.lower()
    if low in NEVER_ABBREVIATIONS:
        return "never"
    if _SCORE_RE.match(before):
        return "safe" if first.isupper() else "unsure"
    if "." in before or not _PLAIN_WORD_RE.match(before):
        return "unsure"
    return "safe" if (first.isupper() or after.group(1)) else "unsure"


@lru_cache(maxsize=8)
def _segmenter(language: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=language if language in PYSBD_LANGUAGES else "en", clean=False)


def _pysbd_cuts(chunk: str, language: str) -> list[int]:
    """Split points pysbd proposes inside ``chunk`` (offsets into chunk)."""
    cuts: list[int] = []
    cursor = 0
    for seg in _segmenter(language).segment(chunk):
        piece = seg.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at < 0:
            return []  # pysbd changed the text: trust no cut in this stretch
        if at > 0:
            cuts.append(at)
        cursor = at + len(piece)
    return cuts


def split_line(line: str, language: str | None = "de") -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside one line, stripped of surrounding whitespace."""
    lang = (language or "de")[:2]
    spans = quote_spans(line)
    cuts: set[int] = set()
    unsure_at: list[int] = []
    for m in _CAND_RE.finditer(line):
        kind = _judge(line, m.start(), m.end(), spans)
        if kind == "safe":
            cuts.add(m.end())
        elif kind == "unsure":
            unsure_at.append(m.end())
    if unsure_at:
        bounds = sorted(cuts | {0, len(line)})
        for a, b in itertools.pairwise(bounds):
            if any(a < u < b for u in unsure_at):
                for c in _pysbd_cuts(line[a:b], lang):
                    p = a + c
                    # step back over the whitespace pysbd put at the segment start
                    while p > a and line[p - 1].isspace():
                        p -= 1
                    if p in unsure_at:
                        cuts.add(p)
    out: list[tuple[int, int]] = []
    prev = 0
    for c in [*sorted(cuts), len(line)]:
        seg = line[prev:c]
        s = prev + (len(seg) - len(seg.lstrip()))
        if out and (dash := _DASH_THEN_WORD_RE.match(line, s)):
            s = dash.end() - 1  # the dash between two sentences belongs to neither
        e = prev + len(seg.rstrip())
        if e > s:
            if out and _is_attribution_tail(line, out[-1], (s, e)):
                out[-1] = (out[-1][0], e)  # '"... right?" Reid said.' stays one sentence
            else:
                out.append((s, e))
        prev = c
    return out


def _is_attribution_tail(line: str, prev: tuple[int, int], seg: tuple[int, int]) -> bool:
    """A short "Reid said." / "fragte Müller." right after a closing quotation mark."""
    if line[prev[1] - 1] not in CLOSING_QUOTES:
        return False
    words = line[seg[0] : seg[1]].rstrip(".!?").split()
    if not words or len(words) > ATTRIBUTION_MAX_WORDS:
        return False
    return any(w.lower().strip(",") in SPEECH_VERBS for w in words)


def is_heading_line(line: str) -> bool:
    """True for a headline/subheading line: short, no final punctuation (or a short question)."""
    line = line.strip()
    if is_heading_like(line):
        return True
    return line.endswith("?") and len(line.split()) <= QUESTION_HEADING_MAX_WORDS


def _sentence_language(text: str, default: str | None) -> str | None:
    if len(text) < SENT_LID_MIN_CHARS or len(text.split()) < SENT_LID_MIN_WORDS:
        return default
    own = FUNCTION_WORDS.get(default or "")
    if own:
        # cheap shortcut: plenty of the article language's function words and few of
        # any other's means fastText would only confirm the article language
        counts: dict[str, int] = {}
        for w in _WORD_LOWER_RE.findall(text.lower()):
            for lang in _FUNCTION_WORD_LANGS.get(w, ()):
                counts[lang] = counts.get(lang, 0) + 1
        hits = counts.pop(default or "", 0)
        other = max(counts.values(), default=0)
        if hits >= SENT_FUNCTION_WORDS_MIN and hits > 2 * other:
            return default
    from lagebild.text.language import language_scores

    scores = language_scores(text, 1)
    if scores and scores[0][1] >= SENT_LID_MIN_PROB:
        return scores[0][0]
    return default


def _cap_length(line: str, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Spans longer than ``limit`` cut into pieces, at the last space before the limit if any."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > limit:
            cut = line.rfind(" ", s + limit // 2, s + limit)
            cut = cut if cut > s else s + limit
            out.append((s, cut))
            s = cut
            while s < e and line[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str, language: str | None = "de", *, limit: int = MAX_SENTENCES) -> tuple[Sentence, ...]:
    """Sentences of a cleaned text, in order, with ``text[start:end] == sentence.text``.

    Line breaks are always boundaries; quotes and abbreviations stay intact; ``heading`` marks
    headline/subheading lines; ``language`` is the sentence's own language when it is long
    enough to tell, else ``language`` (the article's). A run longer than
    ``MAX_SENTENCE_CHARS`` without a sentence end is cut into pieces; at most ``limit``
    sentences are returned (the caller records the cut).
    """
    out: list[Sentence] = []
    for lm in _LINE_RE.finditer(text):
        line = lm.group()
        if not line.strip():
            continue
        if len(out) >= limit:
            break
        check_budget()
        spans = _cap_length(line, split_line(line, language), MAX_SENTENCE_CHARS)
        heading = len(spans) == 1 and is_heading_line(line)
        for s, e in spans[: limit - len(out)]:
            st = line[s:e]
            out.append(
                Sentence(
                    i=len(out),
                    text=st,
                    start=lm.start() + s,
                    end=lm.start() + e,
                    language=language if heading else _sentence_language(st, language),
                    heading=heading,
                )
            )
    return tuple(out)
