"""Entity rules for English and Spanish text, which the German-trained tagger does not fit:
cut its spans at words that are never names, trust a sentence-initial word only when a
gazetteer knows it, add the capitalised runs it missed, and drop a title that stands before a
person's name. Used by :mod:`lagebild.extract.entities`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lagebild.extract import gazetteer as gz
from lagebild.extract.entity_spans import NAME_SUFFIXES, Span
from lagebild.lang.calendar import month_name, weekday_name
from lagebild.lang.quotes import OPENING_MARKS
from lagebild.text.lemmas import Token

__all__ = ["FOREIGN_NON_NAMES", "drop_titles", "foreign_rules"]


# Capitalised inside a sentence in English/Romance text without being a name.
# English and Spanish month and weekday names, capitalised (from the kit's calendar).
_FOREIGN_CALENDAR = frozenset(
    name.capitalize() for lang in ("en", "es")
    for name in [*(month_name(k, lang) for k in range(1, 13)), *(weekday_name(k, lang) for k in range(1, 8))]
)
FOREIGN_NON_NAMES = _FOREIGN_CALENDAR | frozenset(
    ["I", "Mr", "Mrs", "Ms", "Dr", "The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "Or", "El",
     "La", "Los", "Las", "Un", "Una", "Del", "De", "Le", "Les", "Du", "Des", "Il"]
) | NAME_SUFFIXES  # "Jr" ends a name (entity_spans.with_suffix), never starts one


def drop_titles(spans: list[Span], toks: Sequence[Token]) -> list[Span]:
    """English/Spanish: a capitalised run that ends in a role word right before a person's name
    is that person's title ("German Chancellor Olaf Scholz", "Prime Minister Woidke"), not an
    entity of its own."""
    out = []
    for sp in spans:
        last_role = max((k for k in range(sp.start, sp.end - 1) if gz.role_of(toks[k].text)), default=None)
        if sp.type == "PER" and not sp.fixed and last_role is not None:
            sp = replace(sp, start=last_role + 1)  # "German Chancellor Ole Brandvik" -> the name
        out.append(sp)
    starts = {sp.start for sp in out if sp.type == "PER"}
    return [sp for sp in out
            if sp.fixed or sp.type not in ("PER", "OTH") or sp.end not in starts or not gz.role_of(toks[sp.end - 1].text)]


def _supported(word: str) -> str | None:
    """The type a gazetteer gives a single word, if any."""
    canon = gz.alias_canonical(word)
    if canon:
        return gz.alias_type(canon)
    if word in gz.ORG_NAMES:
        return "ORG"
    if gz.is_place(word):
        return "LOC"
    if word in gz.FIRST_NAMES:
        return "PER"
    return None


def foreign_rules(toks: Sequence[Token], spans: list[Span], si: int) -> list[Span]:
    """For text the German-trained tagger does not fit: trust only supported sentence-initial
    words, and add capitalised word runs inside the sentence that it missed (as OTH unless a
    gazetteer or a first name says more; story-level merging then takes the type other
    articles give the same name)."""
    out = []
    for sp in (p for whole in spans for p in _split_foreign(toks, whole)):
        first = toks[sp.start].text
        if sp.type == "OTH" and not sp.fixed:
            continue
        if sp.start == 0 and sp.end == 1 and not sp.fixed and _supported(first) is None:
            continue
        out.append(sp)
    covered: set[int] = set()
    for sp in out:
        covered.update(range(sp.start, sp.end))
    i = 1
    while i < len(toks):
        w = toks[i].text
        if i in covered or not w[:1].isupper() or w in FOREIGN_NON_NAMES or len(w) < 2:
            i += 1
            continue
        j = i
        while j < len(toks) and j not in covered and toks[j].text[:1].isupper() \
                and toks[j].text not in FOREIGN_NON_NAMES:
            j += 1
        if toks[i - 1].text in _SENTENCE_ENDS or toks[i - 1].text in OPENING_MARKS:
            i = j
            continue
        typ = _supported(toks[i].text) if j - i == 1 else None
        if typ is None and (toks[i].text in gz.FIRST_NAMES or toks[i - 1].text in gz.HONORIFICS
                            or (i > 1 and toks[i - 1].text == "." and toks[i - 2].text in gz.HONORIFICS)):
            typ = "PER"
        out.append(Span(i, j, typ or "OTH", si))
        i = j
    return out


# Tokens after which a capitalised word is capitalised by its place: sentence ends (with an
# opening quotation mark from the kit).
_SENTENCE_ENDS = frozenset({".", "!", "?", ":"})
# Lowercase words that may stand inside an English/Spanish name ("Bank of England").
_FOREIGN_NAME_PARTICLES = frozenset({"of", "de", "del", "la", "las", "los", "y", "von", "van", "der", "al", "bin"})


def _split_foreign(toks: Sequence[Token], sp: Span) -> list[Span]:
    """Cut a CRF span in English/Spanish text at lowercase words other than name particles
    and at capitalised words that are never names ("Trump spoke with Putin on Tuesday" ->
    "Trump", "Putin"): the German-trained tagger reads such runs as one name."""
    if sp.fixed:
        return [sp]
    out: list[Span] = []
    a = sp.start
    for k in range(sp.start, sp.end + 1):
        word = toks[k].text if k < sp.end else ""
        cut = k == sp.end or word in FOREIGN_NON_NAMES or (
            word[:1].islower() and word not in _FOREIGN_NAME_PARTICLES)
        if cut:
            e = k
            while e > a and toks[e - 1].text in _FOREIGN_NAME_PARTICLES:
                e -= 1
            if e > a:
                out.append(Span(a, e, sp.type, sp.sentence))
            a = k + 1
    return out
