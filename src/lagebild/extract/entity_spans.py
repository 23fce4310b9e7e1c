"""Span rules of the entity tagger that look at one span and its neighbouring tokens: the
span type (a place after a noun naming a kind of place; an English/Spanish name that names
its kind), and where a span ends (a surname after a given name, an acronym before a person's
full name, "Washington/Kyjiw" as two places). Used by :mod:`lagebild.extract.entities`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lagebild.extract import gazetteer as gz
from lagebild.lang.names import NAME_JOINERS
from lagebild.text.lemmas import Token

__all__ = ["Span", "after_place_noun", "foreign_org_name", "is_common_noun", "org_then_person", "place_kind_name",
           "split_slashes", "with_suffix", "with_surname"]


@dataclass
class Span:
    start: int  # token index
    end: int  # token index, exclusive
    type: str
    sentence: int
    fixed: bool = False  # set by a curated rule; the CRF may not change it


def with_surname(toks: Sequence[Token], sp: Span) -> Span:
    """A person named by a given name alone ("Mats") when a capitalised word that is no common
    noun follows it ("der Ständige Sekretär der Akademie, Mats Malm, sagte"): the full name."""
    k = sp.end
    if (sp.type != "PER" or sp.fixed or sp.end - sp.start != 1 or k >= len(toks)
            or (toks[sp.start].text not in gz.FIRST_NAMES and gz.given_names().get(toks[sp.start].text, 0) < gz.COMMON_GIVEN_NAME)):
        return sp
    w = toks[k].text
    # between the commas of an apposition a noun-like surname ("Malm") is still the surname
    appos = sp.start > 0 and toks[sp.start - 1].text == "," and k + 1 < len(toks) and toks[k + 1].text == ","
    if (not w[:1].isupper() or not w.isalpha() or w.isupper() or w in gz.NON_NAMES or w in gz.FIRST_NAMES
            or (not appos and is_common_noun(w)) or gz.is_place(w)):
        return sp
    return Span(sp.start, k + 1, "PER", sp.sentence)


# Generational suffixes that end a person's name ("Donald Trump Jr.", "Martin Luther King Jr."):
# without them the son is his father (BASIL's Trump Jr. story merged both).
NAME_SUFFIXES = frozenset({"Jr", "Sr", "Jun", "Sen"})


def with_suffix(toks: Sequence[Token], sp: Span) -> Span:
    """A person's (or unknown kind's) name with the generational suffix after it ("Jr", its dot
    left to the sentence), a person."""
    k = sp.end
    if sp.type not in ("PER", "OTH") or k >= len(toks) or toks[k].text not in NAME_SUFFIXES:
        return sp
    return Span(sp.start, k + 1, "PER", sp.sentence, sp.fixed)


def org_then_person(toks: Sequence[Token], sp: Span) -> list[Span]:
    """"die Leiterin der JVA Anja Ellinger": an acronym followed by a given name and a surname
    is the organisation and then the person, not one organisation. Only after an acronym:
    "Verlag Paul Haupt", "San Antonio Spurs" are organisations (GermEval dev)."""
    k = sp.end - 2
    if (sp.type == "ORG" and not sp.fixed and k == sp.start + 1 and toks[sp.start].text.isupper()
            and len(toks[sp.start].text) >= 2 and toks[k].text in gz.FIRST_NAMES
            and toks[k + 1].text[:1].isupper() and toks[k + 1].text not in gz.FIRST_NAMES):
        return [Span(sp.start, k, "ORG", sp.sentence), Span(k, sp.end, "PER", sp.sentence)]
    return [sp]


def after_place_noun(toks: Sequence[Token], sp: Span) -> Span:
    """A short name right after a noun naming a kind of place ("vor der Insel Kranwerth",
    "die Gemeinde Füchtorf") is that place, whatever the tagger guessed."""
    if sp.fixed or sp.type == "LOC" or sp.start == 0 or sp.end - sp.start > 2:
        return sp
    if toks[sp.start - 1].text not in gz.PLACE_KIND_NOUNS:
        return sp
    return replace(sp, type="LOC")


def foreign_org_name(toks: Sequence[Token], sp: Span) -> Span:
    """An English or Spanish name of two or more words headed by an organisation noun
    ("Senate Judiciary Committee", "Comité Olímpico Internacional"), or an acronym of unknown
    kind, is an organisation."""
    if sp.fixed or sp.type == "ORG":
        return sp
    if sp.end - sp.start == 1:
        # an acronym of unknown kind that is no known place ("NAACP", "FAA") names an
        # organisation; a lone head noun ("Office", "Policía") names none
        w = toks[sp.start].text
        if sp.type == "OTH" and w.isupper() and w.isalpha() and 3 <= len(w) <= 6 and not gz.is_place(w):
            return replace(sp, type="ORG")
        return sp
    if toks[sp.end - 1].text in gz.FOREIGN_ORG_LAST or toks[sp.start].text in gz.FOREIGN_ORG_FIRST:
        return replace(sp, type="ORG")
    return sp


def place_kind_name(toks: Sequence[Token], sp: Span) -> Span:
    """An English or Spanish name of several words that names its kind of place ("Ahr
    Valley", "Río Ahr", "Lake Constance") is that place."""
    if sp.fixed or sp.type == "LOC" or sp.end - sp.start < 2:
        return sp
    if toks[sp.end - 1].text in gz.PLACE_KIND_LAST or toks[sp.start].text in gz.PLACE_KIND_FIRST:
        return replace(sp, type="LOC")
    return sp


def is_common_noun(word: str) -> bool:
    from lagebild.extract.ner_model import _hanta_feats

    return "htk=NN" in _hanta_feats(word) and not gz.is_place(word)




def split_slashes(toks: Sequence[Token], spans: list[Span]) -> list[Span]:
    """Split "Washington/Kyjiw" into two places when both sides are known places, and an
    organisation or place span "A und B" whose last part is an acronym or a curated name
    ("zwischen Deutscher Bahn und GDL" was one organisation in realnews_dev's strike
    dossier); "Bundesministerium für Arbeit und Soziales" stays whole."""
    out: list[Span] = []
    for sp in _split_joined(toks, spans):
        cuts = [k for k in range(sp.start + 1, sp.end - 1) if toks[k].text == "/"]
        if sp.type == "LOC" and cuts:
            parts, a = [], sp.start
            for k in [*cuts, sp.end]:
                parts.append((a, k))
                a = k + 1
            names = [" ".join(t.text for t in toks[x:y]) for x, y in parts]
            if all(y > x and (gz.is_place(n) or gz.alias_canonical(n)) for (x, y), n in zip(parts, names)):
                out.extend(Span(x, y, "LOC", sp.sentence) for x, y in parts)
                continue
        out.append(sp)
    return out


def _split_joined(toks: Sequence[Token], spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in spans:
        cut = next((k for k in range(sp.end - 2, sp.start, -1) if toks[k].text.lower() in NAME_JOINERS), None)
        if sp.type in ("ORG", "LOC") and not sp.fixed and cut is not None:
            right = [t.text for t in toks[cut + 1 : sp.end]]
            known = " ".join(right)
            if (len(right) == 1 and right[0].isupper() and len(right[0]) >= 2) or gz.alias_canonical(known):
                out.extend([Span(sp.start, cut, sp.type, sp.sentence), Span(cut + 1, sp.end, sp.type, sp.sentence)])
                continue
        out.append(sp)
    return out
