"""Contradictions between (and inside) the articles of one story.

``find_contradictions`` runs these checks and returns each finding once:

- ``weekday`` (hard): a weekday named with a calendar date that falls on another weekday
  ("am Donnerstag (4. Juli)" when 4 July of the anchored year is a Friday). Inside one
  article; cites that sentence plus the sentences of other outlets that give the date the
  weekday points to (or name that weekday) for the same story.
- ``date`` (hard): two outlets put different calendar dates on the same aligned statement.
- ``number`` (hard when both figures are exact, soft when one is vague): counts, money,
  durations, percentages of the same aligned statement whose intervals do not overlap
  (see :mod:`lagebild.compare.numbers` for the tolerance of vague wording).
- ``negation`` (hard): a word of the same statement is negated by one outlet and printed
  without negation by the other ("wurde nicht besprochen" / "wurde ... gesprochen");
  negations inside quotation marks are left to the quote check.
- ``order`` (hard): one outlet puts an event before another event, the other after it.
- ``quote`` / ``attribution``: from quote groups, see :mod:`lagebild.compare.contra_quotes`;
  included here when ``quote_groups`` is passed (the pipeline passes the output of
  :func:`lagebild.compare.quotes.group_quotes`).

Precision over recall: every cross-outlet check needs an aligned ``ClaimGroup`` (or two
sentences sharing most of their content words, :mod:`lagebild.compare.contra_pairs`) *and*
shared content words beyond the differing value, only compares independent outlets (copies are
not), never compares clock times (time zones make "10:00" and "19:24" agree), and never
compares places ("Türkei" / "Istanbul").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..lang.calendar import MONTHS, WEEKDAYS, month_name, weekday_name
from ..lang.numbers import is_rank_noun
from ..models import Article, Contradiction, Extraction, QuoteGroup, Ref
from .claims import Claim, ClaimGroup
from .context import StoryContext
from .contra_text import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    DateMention,
    Story,
    content_lemmas,
    find_dates,
    has_lexical_negative,
    negation_scopes,
    tagged,
)
from .numbers import Amount, find_amounts

__all__ = ["contradiction_id", "find_contradictions"]

# Shared content lemmas (besides the differing value) two claims need before a difference
# between them counts. Calibrated on the seeds with sentence-level stand-in groups: 2 shared
# lemmas and a Jaccard of 0.25 let no agreeing wording through.
SAME_FACT_MIN_SHARED = 2
SAME_FACT_MIN_JACCARD = 0.25
# Negation needs near-identical clauses: one outlet's clause minus "nicht" must read like
# the other's (seeds: "wurde angesprochen" vs "nicht konkret angesprochen" about different
# topics share the verb but only 1 of 8 lemmas).
NEGATION_MIN_JACCARD = 0.5
# At most this many sentences of other outlets are cited next to a weekday error.
MAX_OTHER_REFS = 4
# A weekday+date pair from the extraction is checked only when written this compactly
# ("Donnerstag, den 4. Juli 2025" has 28 characters).
WEEKDAY_PAIR_MAX_CHARS = 40
# A weekday can point at a date at most this many days away from the written one.
WEEKDAY_MAX_SHIFT = 3

# Calendar words (the kit's months and weekdays) and "Uhr/Jahr/Tag" are not what two claims
# share when they state the same fact.
_DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | {"uhr", "jahr", "tag"}
_TIMEX_DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})")


def contradiction_id(kind: str, refs: Iterable[Ref], detail: str = "") -> str:
    """Stable id: "c-" + 10 hex digits of a hash over kind, the cited sentences and detail."""
    key = kind + "|" + "|".join(f"{r.article}:{r.sentence}" for r in sorted(set(refs)))
    return "c-" + hashlib.sha1((key + "|" + detail).encode()).hexdigest()[:10]


def find_contradictions(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    groups: Sequence[ClaimGroup],
    quote_groups: Sequence[QuoteGroup] | None = None,
    ctx: StoryContext | None = None,
) -> list[Contradiction]:
    """Every contradiction found in one story, hard ones first, each reported once.

    ``groups`` are the aligned claims of the story (``lagebild.compare.facts``). Checks of
    kind quote/attribution run only when ``quote_groups`` (from ``group_quotes``) is given.
    Every ``claims`` Ref points at an existing cleaned sentence. ``ctx`` is the story's
    context (outlet identities, quote items), built here when not given.
    """
    story = Story(articles, extractions, ctx)
    found: list[Contradiction] = []
    weekday = _weekday_errors(story)
    found += weekday
    flagged = {c.claims[0] for c in weekday}
    # One article has nothing to be compared with: only its own weekday slips are checked
    # (the cheap dossier of the many one-article stories, issue #9).
    if len(story.articles) > 1:
        from .contra_pairs import lexical_groups

        groups = list(groups) + lexical_groups(story)
        pairs = list(_claim_pairs(story, groups))
        found += _date_conflicts(story, groups, flagged)
        found += _number_conflicts(story, groups)
        found += _merge_pairs(_negation_conflicts(story, pairs), story)
        found += _merge_pairs(_order_conflicts(story, pairs), story)
        if quote_groups:
            from .contra_quotes import quote_contradictions

            quoted = quote_contradictions(quote_groups, articles, extractions, ctx=story.ctx)
            in_quotes = {r for c in quoted for r in c.claims}
            # a dropped "nicht" inside a quote is reported once, as a quote finding
            found = [c for c in found if not (c.kind == "negation" and
                                              set(c.claims) <= in_quotes)] + quoted
    out: dict[str, Contradiction] = {}
    seen_pairs: set[tuple[str, frozenset[Ref]]] = set()
    for c in found:
        key = (c.kind, frozenset(c.claims))
        if c.id in out or key in seen_pairs:
            continue
        if all(story.sentence(r) is not None for r in c.claims):
            out[c.id] = c
            seen_pairs.add(key)
    return sorted(out.values(), key=lambda c: (c.severity != "hard", c.kind, c.claims))


# --- weekday vs calendar -------------------------------------------------------------------


def _weekday_errors(story: Story) -> list[Contradiction]:
    out = []
    for aid, art in story.articles.items():
        if art.duplicate_of:
            continue  # the original is checked; a copy repeats the same error
        for m in _weekday_dates(story, aid):
            year = m.year or story.year(aid) or _year_in(story, aid)
            d = m.date(year)
            if d is None or m.weekday is None or d.weekday() == m.weekday:
                continue
            sent = _sentence_of(art, m.start)
            if sent is None:
                continue
            intended = _nearest_weekday(d, m.weekday)
            # outlets that back the weekday (and so another date) or the date (and so
            # another weekday) for the same event
            by_weekday, by_date = _other_date_refs(story, aid, sent, intended, m.weekday,
                                                   d.weekday())
            refs = (Ref(aid, sent), *(r for r, _ in by_weekday + by_date))
            expl = (
                f"{story.label(aid)} writes „{m.text}“, but {_fmt(d)} was a "
                f"{WEEKDAY_NAMES[d.weekday()]}"
            )
            de = (f"{story.label(aid)} schreibt „{m.text}“, aber der {_fmt(d, lang='de')} war ein "
                  f"{weekday_name(d.isoweekday(), 'de')}")
            if by_weekday:
                when = WEEKDAY_NAMES[m.weekday] + (
                    f" {_fmt(intended, year=False)}" if intended is not None else "")
                when_de = weekday_name(m.weekday + 1, "de") + (
                    f", {_fmt(intended, year=False, lang='de')}" if intended is not None else "")
                expl += f"; {_cite(story, by_weekday)} give {when}"
                de += f"; {_cite(story, by_weekday, 'de')} nennen {when_de}"
            if by_date:
                expl += f"; {_cite(story, by_date)} say {WEEKDAY_NAMES[d.weekday()]}"
                de += f"; {_cite(story, by_date, 'de')} nennen {weekday_name(d.isoweekday(), 'de')}"
            out.append(Contradiction(contradiction_id("weekday", refs[:1], m.text), "weekday",
                                     "hard", expl + ".", refs, de + "."))
    return out


def _cite(story: Story, refs: list[tuple[Ref, str]], lang: str = "en") -> str:
    parts = [f"{story.label(r.article)} („{t}“)" for r, t in refs]
    and_ = " und " if lang == "de" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + and_ + parts[-1]


def _weekday_dates(story: Story, aid: str) -> list[DateMention]:
    """Weekday + full date pairs of one article: own reading of the text, plus the
    extraction's TimeExprs that carry a weekday (when the text reading missed them)."""
    art = story.articles[aid]
    found = [m for m in find_dates(art.text) if m.weekday is not None and m.day]
    ext = story.extractions.get(aid)
    for t in (ext.times if ext else ()):
        if t.weekday is None or any(m.start <= t.start < m.end for m in found):
            continue
        if not re.search(r"\d", t.text) or len(t.text) > WEEKDAY_PAIR_MAX_CHARS:
            continue  # the weekday and the date must be written together
        mv = _TIMEX_DATE.match(t.value or "")
        if not mv:
            continue
        y = None if mv.group(1) == "XXXX" else int(mv.group(1))
        found.append(DateMention(t.text, t.start, t.end, y, int(mv.group(2)),
                                 int(mv.group(3)), t.weekday))
    return found


def _year_in(story: Story, aid: str) -> int | None:
    """The publication year when metadata lacks it: a year written in the article's dates."""
    years = [m.year for m in find_dates(story.articles[aid].text) if m.year]
    return years[0] if years and len(set(years)) == 1 else None


def _nearest_weekday(d: dt.date, weekday: int) -> dt.date | None:
    for shift in range(1, WEEKDAY_MAX_SHIFT + 1):
        for sign in (-1, 1):
            c = d + dt.timedelta(days=sign * shift)
            if c.weekday() == weekday:
                return c
    return None


def _other_date_refs(story: Story, aid: str, sent: int, date: dt.date | None, weekday: int,
                     actual: int) -> tuple[list[tuple[Ref, str]], list[tuple[Ref, str]]]:
    """Sentences of other outlets about the same event that back one reading of a wrong
    weekday/date pair: (those giving ``date`` or naming ``weekday`` — the date is wrong),
    (those naming the ``actual`` weekday of the written date — the weekday is wrong).

    Same event = the sentence shares a common noun ("Krisenstab", "Telefonat") or most of
    the names of the flagged sentence. At most one sentence per article, the closest."""
    base = _topic_lemmas(story, Ref(aid, sent))
    need = min(2, len(base))
    picked: list[tuple[int, int, Ref, str, bool]] = []
    for oid, art in story.articles.items():
        if not story.independent(aid, oid) or art.duplicate_of:
            continue
        best: tuple[int, int, Ref, str, bool] | None = None
        for s in art.sentences:
            for m in find_dates(s.text, s.start):
                if m.month and m.day:
                    if date is None or (m.month, m.day) != (date.month, date.day) or \
                            m.year not in (None, date.year):
                        continue
                    backs_weekday, rank = True, 0
                elif m.weekday in (weekday, actual):
                    backs_weekday, rank = m.weekday == weekday, 1
                else:
                    continue
                other = _topic_lemmas(story, Ref(oid, s.i))
                shared = base & other
                common = any(p.startswith("NN") for lem, p in _noun_lemmas(
                    s.text, story.language(oid)) if lem in shared)
                if not shared or (len(shared) < need and not common):
                    continue
                cand = (-len(shared), rank, Ref(oid, s.i),
                        _phrase(s.text, m.start - s.start, m.end - s.start), backs_weekday)
                if best is None or cand[:2] < best[:2]:
                    best = cand
        if best:
            picked.append(best)
    picked.sort(key=lambda x: (x[0], x[1], x[2]))
    picked = picked[:MAX_OTHER_REFS]
    by_weekday = sorted((r, t) for _, _, r, t, w in picked if w)
    by_date = sorted((r, t) for _, _, r, t, w in picked if not w)
    return by_weekday, by_date


def _phrase(text: str, start: int, end: int) -> str:
    """The date with the preposition/determiner before it ("an diesem Donnerstag")."""
    before = text[:start].split()[-2:]
    keep = [w for w in before if w.lower() in {"am", "an", "diesem", "vom", "on", "this", "el"}]
    if keep and before[-1] != keep[-1]:
        keep = []
    return (" ".join(keep) + " " + text[start:end]).strip()


def _topic_lemmas(story: Story, ref: Ref) -> set[str]:
    s = story.sentence(ref)
    if s is None:
        return set()
    lang = story.language(ref.article)
    return {lem for lem, t in _noun_lemmas(s.text, lang) if lem not in _DATE_WORDS}


def _noun_lemmas(text: str, lang: str) -> list[tuple[str, str]]:
    return [((t.lemma or t.text).lower(), t.pos) for t in tagged(text, lang)
            if t.pos.startswith(("NE", "NN")) or (lang != "de" and t.text[:1].isupper())]


def _sentence_of(art: Article, pos: int) -> int | None:
    for s in art.sentences:
        if s.start <= pos < s.end:
            return s.i
    return None


def _fmt(d: dt.date, year: bool = True, lang: str = "en") -> str:
    if lang == "de":
        return f"{d.day}. {month_name(d.month, 'de')}" + (f" {d.year}" if year else "")
    return f"{d.day} {MONTH_NAMES[d.month - 1]}" + (f" {d.year}" if year else "")


# --- pairs of claims from aligned groups --------------------------------------------------


def _claim_pairs(story: Story, groups: Sequence[ClaimGroup]) -> Iterable[tuple[Claim, Claim]]:
    """Claim pairs of one group from independent outlets whose sentences exist."""
    for g in groups:
        cs = [c for c in g.claims if story.sentence(c.ref) is not None]
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                if story.independent(a.ref.article, b.ref.article):
                    yield (a, b) if a.ref <= b.ref else (b, a)


def _same_fact(story: Story, a: Claim, b: Claim, min_jaccard: float = SAME_FACT_MIN_JACCARD,
               ignore: set[str] | None = None) -> bool:
    """Both claims speak about the same thing: shared content lemmas beyond ``ignore``."""
    ignore = (ignore or set()) | _DATE_WORDS
    la = {x for x in content_lemmas(a.text, story.language(a.ref.article)) if x not in ignore
          and not x[:1].isdigit()}
    lb = {x for x in content_lemmas(b.text, story.language(b.ref.article)) if x not in ignore
          and not x[:1].isdigit()}
    shared = la & lb
    if len(shared) < SAME_FACT_MIN_SHARED or not (la | lb):
        return False
    return len(shared) / len(la | lb) >= min_jaccard


def _is_question(c: Claim, story: Story) -> bool:
    s = story.sentence(c.ref)
    return bool(s and s.text.rstrip().endswith("?"))


# --- date and number of the same statement -----------------------------------------------


@dataclass(frozen=True)
class _Value:
    """One outlet's value for the statement of a group: a date or an amount as an interval."""

    claim: Claim
    text: str
    low: float
    high: float
    vague: bool = False
    start: int = 0  # offsets of the value in the article text
    end: int = 0
    unit: str | None = None


def _claim_dates(story: Story, c: Claim) -> list[DateMention]:
    """Explicit dates in the claim; in its whole sentence when the clause has none (the
    aligner may cut "Am Dienstag, 10. März," off "lief die Fähre ...")."""
    art = story.articles[c.ref.article]
    found = [m for m in find_dates(art.text[c.start:c.end], c.start) if m.day and m.month]
    if not found:
        s = art.sentences[c.ref.sentence]
        found = [m for m in find_dates(s.text, s.start) if m.day and m.month]
        if len(found) > 1:
            return []  # several dates in the sentence: which one belongs to the claim?
    return found


def _date_values(story: Story, g: ClaimGroup, flagged: set[Ref]) -> list[list[_Value]]:
    vals = []
    for c in g.claims:
        ds = _claim_dates(story, c)
        if c.ref in flagged or not ds or _is_question(c, story):
            continue
        if ds[0].month is None or ds[0].day is None:
            continue
        key = ds[0].month * 100 + ds[0].day  # years rarely differ inside one story
        vals.append(_Value(c, ds[0].text, key, key))
    return [vals]


# A claim giving this many figures of one unit lists results of several parties ("die Linken
# 10,4 Prozent, die Grünen 8,6 Prozent"): its first figure is no value of the statement.
# realnews_dev's Saxony 2019 dossier compared the AfD's share with the Left's (2 or 3: the
# same figures on dossier_realnews, seeds and examples; 2 also drops that false alarm).
LIST_MIN_FIGURES = 2


def _number_values(story: Story, g: ClaimGroup) -> list[list[_Value]]:
    by_unit: dict[tuple[str, bool], list[_Value]] = {}
    for c in g.claims:
        if _is_question(c, story):
            continue
        amounts = _claim_amounts(story, c)
        units = [x.unit for x in amounts if x.unit is not None and not x.ordinal]
        listed = {u for u in units if units.count(u) >= LIST_MIN_FIGURES}
        seen: set[tuple[str, bool]] = set()
        for x in amounts:
            if x.unit in listed:
                continue  # a list of results ("AfD 27,5 Prozent, die Grünen 8,3 Prozent"): whose figure is first says nothing
            key = (x.unit or "", x.ordinal)
            # a bound ("more than a month") rarely contradicts a figure on purpose
            if x.unit is None or key in seen or x.open_ended or (x.ordinal and is_rank_noun(x.unit)):
                continue  # a rank ("ersten Platz") is no figure of the statement
            seen.add(key)
            by_unit.setdefault(key, []).append(_Value(c, x.text, x.low, x.high, x.vague,
                                                      x.start, x.end, x.unit))
    return list(by_unit.values())


def _sides(values: list[_Value]) -> list[list[_Value]]:
    """Values partitioned into sides that agree (single linkage on interval overlap)."""
    sides: list[list[_Value]] = []
    for v in sorted(values, key=lambda v: (v.low, v.high)):
        hit = [s for s in sides if any(v.low <= w.high and w.low <= v.high for w in s)]
        merged = [v] + [w for s in hit for w in s]
        sides = [s for s in sides if s not in hit] + [merged]
    return sides


def _value_conflicts(story: Story, kind: str, groups: Sequence[ClaimGroup],
                     values_of: Callable[[ClaimGroup], list[list[_Value]]]) -> list[Contradiction]:
    found: list[list[_Value]] = []
    for g in groups:
        if len(g.claims) < 2:
            continue  # one claim gives at most one value per unit: nothing to disagree with
        for values in values_of(g):
            values = [v for v in values if story.sentence(v.claim.ref) is not None]
            sides = _sides(values)
            if len(sides) < 2 or not _sides_conflict(story, sides):
                continue
            found.append([v for s in sides for v in s])
    # one finding per conflict, even when the aligner split the statement over groups
    merged: list[list[_Value]] = []
    for vals in found:
        refs = {v.claim.ref for v in vals}
        hit = [m for m in merged if refs & {v.claim.ref for v in m}]
        merged = [m for m in merged if m not in hit] + [vals + [v for m in hit for v in m]]
    out = []
    for vals in merged:
        uniq = list({(v.claim.ref, v.text): v for v in vals}.values())
        sides = sorted(_sides(uniq), key=lambda s: (len({story.outlet(v.claim.ref.article)
                                                          for v in s}), s[0].claim.ref))
        if len(sides) < 2:
            continue
        parts = []
        for side in sides:
            per_outlet: dict[str, str] = {}
            for v in side:  # a copy is named by its original's outlet, once
                per_outlet.setdefault(story.outlet(v.claim.ref.article), v.text)
            parts.append(", ".join(f"{o} „{t}“" for o, t in per_outlet.items()))
        claim_refs = tuple(sorted({v.claim.ref for v in uniq}))
        noun = "date" if kind == "date" else "figure"
        expl = f"The outlets give a different {noun} for the same statement: " + \
            "; ".join(parts) + "."
        noun_de = "ein anderes Datum" if kind == "date" else "eine andere Zahl"
        expl_de = f"Die Medien nennen für dieselbe Aussage {noun_de}: " + "; ".join(parts) + "."
        exact_minor = any(not v.vague for v in sides[0])
        exact_other = any(not v.vague for side in sides[1:] for v in side)
        severity = "hard" if exact_minor and exact_other else "soft"
        minority = tuple(sorted({v.claim.ref for v in sides[0]}))
        out.append(Contradiction(contradiction_id(kind, minority, sides[0][0].text), kind,
                                 severity, expl, claim_refs, expl_de))
    return out


def _sides_conflict(story: Story, sides: list[list[_Value]]) -> bool:
    """Two sides really disagree: some cross-side pair of independent outlets speaks about
    the same thing (shared content words beyond the values)."""
    amounts: dict[int, list[Amount]] = {}  # per claim object: clauses of one sentence differ

    def also_gives(claim: Claim, v: _Value) -> bool:
        """The claim states ``v``'s figure too (a list of results gives every party's share;
        only the first figure of a unit stands for the claim)."""
        if id(claim) not in amounts:
            amounts[id(claim)] = _claim_amounts(story, claim)
        return any(x.unit == v.unit and x.low <= v.high and v.low <= x.high for x in amounts[id(claim)])

    for i, a_side in enumerate(sides):
        for b_side in sides[i + 1:]:
            for a in a_side:
                for b in b_side:
                    if not story.independent(a.claim.ref.article, b.claim.ref.article):
                        continue
                    if a.unit is not None and (also_gives(b.claim, a) or also_gives(a.claim, b)):
                        continue  # "Die Grünen … 3,2 Prozent" against "die SPD 6,1 …, die Grünen 3,2 Prozent"
                    words = {w.lower() for w in (a.text + " " + b.text).split()}
                    if _same_fact(story, a.claim, b.claim, ignore=words) and \
                            _same_context(story, a, b):
                        return True
    return False


# Durations and shares say little by their unit: "three weeks" of reopening and "a month"
# of shutdown share the unit, not the fact. Their neighbourhoods (this many characters on
# each side) must share a content word. BASIL probe: removes the reopening/shutdown pair.
CONTEXT_CHARS = 40
_CONTEXT_UNITS = {"min", "day", "%"}


def _same_context(story: Story, a: _Value, b: _Value) -> bool:
    if a.unit not in _CONTEXT_UNITS:
        return True

    def around(v: _Value) -> set[str]:
        art = story.articles[v.claim.ref.article]
        s = art.sentences[v.claim.ref.sentence]
        lo = max(s.start, v.start - CONTEXT_CHARS)
        hi = min(s.end, v.end + CONTEXT_CHARS)
        words = art.text[lo:v.start] + " " + art.text[v.end:hi]
        return content_lemmas(words, story.language(v.claim.ref.article))

    return bool(around(a) & around(b))


def _date_conflicts(story: Story, groups: Sequence[ClaimGroup],
                    flagged: set[Ref]) -> list[Contradiction]:
    return _value_conflicts(story, "date", groups, lambda g: _date_values(story, g, flagged))


def _claim_amounts(story: Story, c: Claim) -> list[Amount]:
    return find_amounts(c.text, c.start, story.language(c.ref.article))


def _number_conflicts(story: Story, groups: Sequence[ClaimGroup]) -> list[Contradiction]:
    return _value_conflicts(story, "number", groups, lambda g: _number_values(story, g))


# --- negation -----------------------------------------------------------------------------


# Verb lemmas that share a stem of this length count as one predicate ("sprechen" /
# "besprechen", "erörtern" / "erörtert"); seeds + examples.
VERB_STEM_MIN = 5


def _merge_pairs(found: list[Contradiction], story: Story) -> list[Contradiction]:
    """One finding per conflict: pair findings of one kind that share a sentence merge."""
    out: list[Contradiction] = []
    for c in found:
        hit = next((k for k, o in enumerate(out) if o.kind == c.kind and
                    set(o.claims) & set(c.claims)), None)
        if hit is None:
            out.append(c)
            continue
        o = out[hit]
        new = [r for r in c.claims if r not in o.claims]
        labels = sorted({story.label(r.article) for r in new})
        expl = o.explanation.rstrip(".") + (f"; likewise {', '.join(labels)}." if labels else ".")
        de = (o.explanation_de or "").rstrip(".") + (f"; ebenso {', '.join(labels)}." if labels else ".")
        out[hit] = Contradiction(o.id, o.kind, o.severity, expl, o.claims + tuple(new),
                                 de if o.explanation_de else None)
    return out


def _flipped(na: set[str], ca: set[str], nb: set[str], cb: set[str]) -> list[str]:
    """Words negated on one side and present without negation on the other
    ("nicht besprochen" / "gesprochen": a prefixed verb counts as its base verb)."""
    def has(w: str, words: set[str]) -> bool:
        return any(w == x or (min(len(w), len(x)) >= VERB_STEM_MIN and
                              (w.endswith(x) or x.endswith(w))) for x in words)

    out = [w for w in na if has(w, cb) and not has(w, nb)]
    out += [w for w in nb if has(w, ca) and not has(w, na)]
    return sorted(set(out))


def _negation_conflicts(story: Story, pairs: list[tuple[Claim, Claim]]) -> list[Contradiction]:
    out = []
    for a, b in pairs:
        if _is_question(a, story) or _is_question(b, story):
            continue
        la, lb = story.language(a.ref.article), story.language(b.ref.article)
        if la != lb:
            continue  # negation scopes are compared word by word
        na, ca = negation_scopes(a.text, la, skip_quoted=True)
        nb, cb = negation_scopes(b.text, lb, skip_quoted=True)
        flipped = _flipped(na, ca, nb, cb)
        if not flipped:
            continue
        neg, pos = (a, b) if any(w in na for w in flipped) else (b, a)
        if has_lexical_negative(pos.text, story.language(pos.ref.article)):
            continue
        if not _same_fact(story, a, b, min_jaccard=NEGATION_MIN_JACCARD):
            continue
        refs = (a.ref, b.ref)
        expl = (f"{story.label(pos.ref.article)} says „{pos.text.strip()}“, "
                f"{story.label(neg.ref.article)} says the opposite: „{neg.text.strip()}“.")
        de = (f"{story.label(pos.ref.article)} schreibt „{pos.text.strip()}“, "
              f"{story.label(neg.ref.article)} das Gegenteil: „{neg.text.strip()}“.")
        out.append(Contradiction(contradiction_id("negation", refs), "negation", "hard",
                                 expl, refs, de))
    return out


# --- order of events ----------------------------------------------------------------------

_ORDER_RE = re.compile(
    r"\b(?P<rel>vor|nach|bevor|nachdem|before|after|prior to|antes de|después de)\s+"
    r"(?:(?:dem|der|den|des|einem|einer|the|a|el|la|del)\s+)?(?:[a-zäöüß-]+\s+)?"
    r"(?P<ref>[A-ZÄÖÜa-z][\wäöüß-]+)",
)
_BEFORE = {"vor", "bevor", "before", "prior to", "antes de"}
# "nach Angaben von", "vor dem Hintergrund", "nach Kiew": not a point in an event order.
_NOT_EVENTS = {
    "angabe", "angaben", "ansicht", "meinung", "einschätzung", "bericht", "berichten",
    "information", "informationen", "auffassung", "darstellung", "wort", "worten", "hintergrund",
    "ort", "jahr", "jahren", "tag", "tagen", "woche", "wochen", "monat", "monaten", "stunde",
    "stunden", "minute", "minuten", "zeit", "allem", "kurzem", "langem", "wie", "ende",
    "beginn", "anfang", "mitte", "sicht", "willen", "aussage", "aussagen", "plan",
}


def _order_marks(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _ORDER_RE.finditer(text):
        ref = m.group("ref")
        if not ref[:1].isupper() and m.group("rel") in ("vor", "nach"):
            continue  # German event nouns are capitalised
        key = ref.lower()
        if key in _NOT_EVENTS:
            continue
        out.append(("before" if m.group("rel").lower() in _BEFORE else "after", key))
    return out


def _order_conflicts(story: Story, pairs: list[tuple[Claim, Claim]]) -> list[Contradiction]:
    out = []
    for a, b in pairs:
        marks_a = _order_marks(a.text)
        ma = {ref: kind for kind, ref in marks_a}
        for kind_b, ref in _order_marks(b.text):
            kind_a = ma.get(ref)
            if kind_a is None or kind_a == kind_b or (kind_b, ref) in marks_a:
                continue  # no relation to this event in a, the same one, or both
            if not _same_fact(story, a, b, ignore={ref}):
                continue
            refs = (a.ref, b.ref)
            word = {"before": "before", "after": "after"}
            expl = (f"{story.label(a.ref.article)} places this {word[kind_a]} the {ref}, "
                    f"{story.label(b.ref.article)} {word[kind_b]} it.")
            wort = {"before": "vor", "after": "nach"}
            de = (f"{story.label(a.ref.article)} ordnet dies {wort[kind_a]} „{ref}“ ein, "
                  f"{story.label(b.ref.article)} {wort[kind_b]} „{ref}“.")
            out.append(Contradiction(contradiction_id("order", refs, ref), "order", "hard",
                                     expl, refs, de))
            break
    return out
