"""People, organisations and places: mentions in one article, entities across a story.

``find_mentions`` tags each sentence with the shipped CRF (:mod:`lagebild.extract.ner_model`),
then applies German news rules: curated multi-word names ("Weißes Haus", "Vereinigte
Staaten", "Nahen Osten") are whole entities; bare function words and role nouns are never
names; a name seen once in the article is found again elsewhere (also in lowercase
headlines); each mention gets the fullest name the article uses for it ("Trump" ->
"Donald Trump", "Putins" -> "Wladimir Putin") and a role when one stands right beside it
("Putins Berater Juri Uschakow" -> "Berater").

``merge_entities`` merges mentions of one story across articles, spellings, inflection and
languages (Uschakow / Ushakov, Kiew / Kyiv, Weißen Hauses / White House). ``entity_key`` and
``same_entity`` expose the same comparison to the quote and verification stages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lagebild.extract import gazetteer as gz
from lagebild.extract.entity_foreign import FOREIGN_NON_NAMES, drop_titles, foreign_rules
from lagebild.extract.entity_merge import entity_key, merge_entities, same_entity
from lagebild.extract.entity_spans import (
    NAME_SUFFIXES,
    after_place_noun,
    foreign_org_name,
    is_common_noun,
    org_then_person,
    place_kind_name,
    split_slashes,
    with_suffix,
    with_surname,
)
from lagebild.extract.entity_spans import (
    Span as _Span,
)
from lagebild.lang.calendar import AMBIGUOUS_MONTHS, TIME_ZONES, month_number
from lagebild.lang.names import may_start_alias, strip_genitive
from lagebild.lang.quotes import OPENING_MARKS
from lagebild.lang.tokens import is_known
from lagebild.models import Mention, Sentence
from lagebild.text.lemmas import Token, tokenize

if TYPE_CHECKING:
    from lagebild.extract.ner_model import Tagger

__all__ = ["entity_key", "find_mentions", "merge_entities", "same_entity"]

TYPES = ("PER", "ORG", "LOC", "OTH")
# Role nouns that are forms of address, not roles worth recording.
_NOT_ROLES = frozenset({"herr", "frau", "dr.", "prof.", "mitglied"})
# Words that may stand between a role noun and the name it belongs to
# ("Sprecherin des Weißen Hauses Anna Kelly", "Botschafter bei der NATO, Matthew Whitaker").
_ROLE_LINKS = frozenset(
    ["des", "der", "dem", "den", "die", "von", "vom", "bei", "beim", "für", "im", "in", "am", "zur", "zum", "of", "the", "de", "del", "la", "el"]
)
# How many tokens a role noun may stand away from its name (counted over link words and
# other names). Set by reading the seed articles: "US-Botschafter bei der NATO, Matthew
# Whitaker" needs 4.
ROLE_WINDOW = 5
# Shortest lowercase word that is matched against names found elsewhere in the article
# (lowercased headlines: "telefonat von trump und putin"); shorter ones ("us", "eu") collide
# with ordinary words in other languages.
MIN_LOWERCASE_MATCH = 4


# --------------------------------------------------------------------------- mentions


def find_mentions(
    text: str,
    sentences: Sequence[Sentence],
    language: str | None = "de",
    *,
    tagger: Tagger | None = None,
) -> list[Mention]:
    """Named-entity mentions in ``text``, in text order.

    ``start``/``end`` are character offsets into ``text`` (``text[start:end] == mention.text``);
    ``type`` is PER, ORG, LOC or OTH; ``entity`` the fullest name the article uses for the
    same entity, in nominative form where known; ``role`` the role noun standing beside a
    person's name, if any. Sentences give the units tagged together; when empty, the whole
    text is one unit. ``language`` is accepted for all languages; rules that rely on German
    capitalisation of nouns are skipped for others.
    """
    from lagebild.extract import ner_model

    if not text:
        return []
    units = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    german = (language or "de") == "de"
    sent_tokens: list[list[Token]] = []
    spans: list[_Span] = []
    for si, (a, b) in enumerate(units):
        toks = tokenize(text[a:b], a)
        sent_tokens.append(toks)
        if not toks:
            continue
        labels = ner_model.tag_words([tk.text for tk in toks], tagger)
        crf = _bio_spans(labels, si)
        spans.extend(_apply_rules(toks, crf, si, german))
    spans = _propagate(sent_tokens, spans)
    return _to_mentions(text, sent_tokens, spans, None if german else (language or "en"))


def _bio_spans(labels: Sequence[str], si: int) -> list[_Span]:
    out: list[_Span] = []
    cur: _Span | None = None
    for i, lab in enumerate(labels):
        typ = lab[2:]
        if typ not in TYPES:  # "LOCderiv"/"ORGpart" labels of a model trained with them
            lab, typ = "O", ""
        if lab.startswith("B-") or (lab.startswith("I-") and (cur is None or cur.type != typ)):
            if cur:
                out.append(cur)
            cur = _Span(i, i + 1, typ, si)
        elif lab.startswith("I-") and cur is not None:
            cur.end = i + 1
        else:
            if cur:
                out.append(cur)
            cur = None
    if cur:
        out.append(cur)
    return out


def _alias_matches(toks: Sequence[Token], si: int) -> list[_Span]:
    """Curated names (any listed spelling), longest match first, as fixed spans."""
    out: list[_Span] = []
    i, n = 0, len(toks)
    while i < n:
        hit = None
        # every window starting here shares its first word: a lowercase one matches nothing
        # (nor one no curated alias can start with: lang.names.may_start_alias)
        for length in (5, 4, 3, 2, 1) if toks[i].text[:1].isupper() and may_start_alias(toks[i].text) else ():
            if i + length > n:
                continue
            words = [tk.text for tk in toks[i : i + length]]
            # Rebuild the surface with the real gaps ("Washington D.C." has none before dots).
            surface = "".join(
                w if k == 0 or toks[i + k].start == toks[i + k - 1].end else " " + w
                for k, w in enumerate(words)
            )
            canon = gz.alias_canonical(surface)
            if canon is None:
                continue
            if length == 1 and (surface in ("US", "UK", "UE") or not _alias_single_ok(surface)
                                or not _acronym_case_ok(surface, canon)):
                continue
            hit = (length, gz.alias_type(canon) or "LOC")
            break
        if hit:
            out.append(_Span(i, i + hit[0], hit[1], si, fixed=True))
            i += hit[0]
        else:
            i += 1
    return out


def _alias_single_ok(word: str) -> bool:
    return len(word) >= 2 and word not in gz.NON_NAMES


def _acronym_case_ok(surface: str, canon: str) -> bool:
    """An acronym variant ("UN", "ONU") matches only in capitals: Spanish "Un" is an article."""
    variants = gz.ALIAS_GROUPS.get(canon, ())
    folded = gz.fold(surface)
    same = [v for v in variants if gz.fold(v) == folded]
    return not same or surface in same or not all(v.isupper() for v in same)


def _apply_rules(toks: Sequence[Token], crf: list[_Span], si: int, german: bool) -> list[_Span]:
    fixed = _alias_matches(toks, si)
    taken: set[int] = set()
    for sp in fixed:
        taken.update(range(sp.start, sp.end))
    out = list(fixed)
    for sp in crf:
        inside = [f for f in fixed if sp.start <= f.start and f.end <= sp.end]
        if sp.type in ("ORG", "LOC", "OTH") and inside and (sp.end - sp.start) > (inside[0].end - inside[0].start):
            # A curated name inside a longer organisation or place name ("Financial Times
            # Deutschland", "Reichsvereinigung der Juden in Deutschland"): the longer name wins.
            for f in inside:
                out.remove(f)
                taken.difference_update(range(f.start, f.end))
            out.append(sp)
            continue
        if taken.intersection(range(sp.start, sp.end)):
            # A curated name inside a longer CRF span ("Weißen Hauses Anna Kelly"): keep the
            # parts of the CRF span outside the curated name.
            part_start = sp.start
            for k in range(sp.start, sp.end + 1):
                if k == sp.end or k in taken:
                    if k > part_start:
                        out.append(_Span(part_start, k, sp.type, si))
                    part_start = k + 1
            continue
        out.append(sp)
    # Organisation names the CRF missed ("Pentagon", "NATO" in unusual contexts).
    covered: set[int] = set()
    for sp in out:
        covered.update(range(sp.start, sp.end))
    for i, tk in enumerate(toks):
        if i not in covered and tk.text in gz.ORG_NAMES and (i > 0 or tk.text.isupper()):
            out.append(_Span(i, i + 1, "ORG", si, fixed=True))
    if german:
        out.extend(_adjective_org_names(toks, covered, si))
        out = [after_place_noun(toks, sp) for sp in out]
    else:
        out = drop_titles([foreign_org_name(toks, place_kind_name(toks, sp))
                           for sp in foreign_rules(toks, out, si)], toks)
    cleaned = []
    for whole in split_slashes(toks, out):
        trimmed = _trim(toks, whole)
        if trimmed is not None:
            cleaned.extend(org_then_person(toks, with_suffix(toks, with_surname(toks, trimmed))))
    return sorted(cleaned, key=lambda s: s.start)


_ADJ_ENDING = re.compile(r"[a-zäöüß](e|en|er|es|em)$")


def _adjective_org_names(toks: Sequence[Token], covered: set[int], si: int) -> list[_Span]:
    """Capitalised adjective(s) + organisation noun inside a German sentence ("Deutsche
    Bank", "Europäische Zentralbank"): German capitalises such adjectives only in names."""
    out: list[_Span] = []
    for j in range(1, len(toks)):
        if j in covered or not toks[j].text[:1].isupper() or not gz.is_org_cue(toks[j].text):
            continue
        i = j
        while i - 1 >= 1 and i - 1 not in covered and toks[i - 1].text[:1].isupper() \
                and _ADJ_ENDING.search(toks[i - 1].text) and toks[i - 1].text not in gz.NON_NAMES:
            i -= 1
        if i < j:
            out.append(_Span(i, j + 1, "ORG", si))
            covered.update(range(i, j + 1))
    return out


# Tokens after which a capitalised word is capitalised by its place: the openers of a clause
# in _sentence_initial_word (sentence ends are entity_foreign's).
_CLAUSE_OPENERS = frozenset({":", "(", "–", "-"})


# Words of any of our languages that are never a name on their own, wherever they stand:
# foreign function words in German text ("Según der Flusspolizei" in a machine
# translation) and English/Spanish weekdays and months ("on Tuesday").
_NEVER_NAMES = FOREIGN_NON_NAMES | frozenset(
    {"Según", "Segun", "Tras", "Ante", "Sin", "Con", "Por", "Para", "Desde", "Hasta", "Entre",
     "Sobre", "Hacia", "Durante", "Mediante", "According",
     "After", "Before", "During", "With", "From", "Since", "Until", "Yesterday", "Today",
     "Tomorrow", "This", "That", "These", "Those", "It", "He", "She", "We", "They", "Ayer",
     "Hoy", "Mañana", "Este", "Esta", "Estos", "Estas", "Unos", "Unas", "Al", "Lo", "Se"}
) - {"I"} - {w.capitalize() for w in AMBIGUOUS_MONTHS}  # "Theresa May", "August Bebel"


def _sentence_initial_word(toks: Sequence[Token], sp: _Span) -> bool:
    """A single capitalised word that opens its sentence (or a quote) and, written in
    lowercase, is a known German non-noun ("Knapp", "Rund", "Kaum"): capitalised by its place,
    not a name."""
    if sp.end - sp.start != 1 or sp.fixed:
        return False
    prev = toks[sp.start - 1].text if sp.start > 0 else ""
    if sp.start > 0 and prev not in OPENING_MARKS and prev not in _CLAUSE_OPENERS:
        return False
    w = toks[sp.start].text
    if w in gz.FIRST_NAMES or gz.alias_canonical(w) or gz.is_place(w) or w in gz.ORG_NAMES:
        return False
    from lagebild.extract.ner_model import _hanta_feats

    return any(f.startswith("htlow=") for f in _hanta_feats(w))


def _trim(toks: Sequence[Token], sp: _Span) -> _Span | None:
    """Drop role nouns and function words from the edges of a span; None when nothing is left."""
    if sp.fixed:
        return sp
    s, e = sp.start, sp.end
    while s < e and (
        (sp.type == "PER" and gz.role_of(toks[s].text) and toks[s].text not in gz.FIRST_NAMES)
        or toks[s].text in gz.NON_NAMES
        or toks[s].text in _NEVER_NAMES
        or not toks[s].text[:1].isalnum()
    ):
        s += 1
    while e > s and ((not toks[e - 1].text[:1].isalnum() and toks[e - 1].text not in (".", ")"))
                     or toks[e - 1].text in _NEVER_NAMES):
        e -= 1
    if s >= e or _sentence_initial_word(toks, _Span(s, e, sp.type, sp.sentence)):
        return None
    # "Russlands Ziele", "Trumps Aufrufe": a genitive name followed by a common noun.
    while e - s >= 2 and sp.type in ("LOC", "PER") and strip_genitive(toks[e - 2].text) != toks[e - 2].text \
            and toks[e - 2].text not in gz.FIRST_NAMES and is_common_noun(toks[e - 1].text):
        e -= 1
    words = [t.text for t in toks[s:e]]
    # a date ("Jan 22" in a wire dateline) or a time zone ("1700 GMT") names no one
    if (any(w.isdigit() for w in words) and month_number(words[0]) and sp.type == "PER") or (
        len(words) == 1 and words[0] in TIME_ZONES
    ):
        return None
    # a role alone ("President" left of "Minister President", "Minister") names no one
    if sp.type in ("PER", "OTH") and all(gz.role_of(w) and w not in gz.FIRST_NAMES for w in words):
        return None
    if len(words) == 1:
        w = words[0]
        if w in gz.NON_NAMES:
            return None
        if not any(c.isalpha() for c in w):
            return None
    return _Span(s, e, sp.type, sp.sentence, sp.fixed)


def _propagate(sent_tokens: list[list[Token]], spans: list[_Span]) -> list[_Span]:
    """Find again, in untagged places, names the article uses elsewhere.

    A capitalised token sequence equal to a tagged name gets its type; a lowercase one
    (scraped headlines: "trump und putin") too, when it is long enough to be safe.
    """
    known: dict[tuple[str, ...], str] = {}
    for sp in spans:
        toks = sent_tokens[sp.sentence][sp.start : sp.end]
        words = tuple(gz.fold(t.text) for t in toks)
        if len(words) > 1 and sp.type == "PER" and words[-1].endswith("'s"):
            words = (*words[:-1], gz.fold(strip_genitive(toks[-1].text)))  # "Donald Trump’s"
        if sp.type in ("PER", "ORG", "LOC") and all(w[:1].isalnum() for w in (words[0], words[-1])):
            known.setdefault(words, sp.type)
            if sp.type == "PER" and len(words) > 2 and sent_tokens[sp.sentence][sp.end - 1].text in NAME_SUFFIXES:
                known.setdefault(words[-2:], "PER")  # "Trump Jr" of "Donald Trump Jr"
            elif sp.type == "PER" and len(words) > 1 and words[-1].isalpha() and len(words[-1]) > 1:
                known.setdefault(words[-1:], "PER")
    if not known:
        return spans
    max_len = max(len(k) for k in known)
    covered: dict[int, set[int]] = defaultdict(set)
    for sp in spans:
        covered[sp.sentence].update(range(sp.start, sp.end))
    added: list[_Span] = []
    # the first word of every known name: a token that is none (nor one with a genitive s
    # that is one, for a one-word name) starts no match at any length
    firsts = {k[0] for k in known}
    for si, toks in enumerate(sent_tokens):
        folded = [gz.fold(t.text) for t in toks]
        i = 0
        while i < len(toks):
            f0 = folded[i]
            if f0 not in firsts and not (f0.endswith("s") and f0[:-1] in firsts):
                i += 1
                continue
            hit = None
            for length in range(min(max_len, len(toks) - i), 0, -1):
                idx = range(i, i + length)
                if covered[si].intersection(idx):
                    continue
                words = tuple(folded[i : i + length])
                typ = known.get(words)
                if typ is None and words[-1].endswith("s"):
                    typ = known.get((*words[:-1], words[-1][:-1]))  # genitive "Putins"
                if typ is None:
                    continue
                first = toks[i].text
                if first[:1].islower() and len("".join(words)) < MIN_LOWERCASE_MATCH:
                    continue
                if first in gz.NON_NAMES:
                    continue
                hit = (length, typ)
                break
            if hit:
                added.append(with_suffix(toks, _Span(i, i + hit[0], hit[1], si)))
                i = added[-1].end
            else:
                i += 1
    return sorted(spans + added, key=lambda s: (s.sentence, s.start))


def _split_joined_persons(sent_tokens: list[list[Token]], spans: list[_Span]) -> list[_Span]:
    """Split person spans that join two names the article also uses alone
    ("informierte Putin Trump über ..." -> "Putin", "Trump")."""
    alone = set()
    for sp in spans:
        if sp.type == "PER" and sp.end - sp.start == 1:
            alone.add(gz.fold(strip_genitive(sent_tokens[sp.sentence][sp.start].text)))
    out: list[_Span] = []
    for sp in spans:
        toks = sent_tokens[sp.sentence]
        if sp.type == "PER" and sp.end - sp.start == 2 and not sp.fixed:
            a, b = (gz.fold(strip_genitive(toks[k].text)) for k in (sp.start, sp.start + 1))
            if a in alone and b in alone and a != b:
                out.append(_Span(sp.start, sp.start + 1, "PER", sp.sentence))
                out.append(_Span(sp.start + 1, sp.end, "PER", sp.sentence))
                continue
        out.append(sp)
    return out


def _keep_oth(toks: Sequence[Token], sp: _Span, foreign: str | None = None) -> bool:
    """OTH only where sure: short, all capitalised, not a lone common noun (in English and
    Spanish text: not a lone word of the language's dictionary, "Office", "Policía")."""
    words = [t.text for t in toks[sp.start : sp.end]]
    if len(words) > 3 or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    if len(words) == 1:
        if foreign is not None:
            return not is_known(words[0].lower(), foreign)
        from lagebild.extract.ner_model import _hanta_feats

        return "htk=NN" not in _hanta_feats(words[0])
    return True


def _to_mentions(text: str, sent_tokens: list[list[Token]], spans: list[_Span],
                 foreign: str | None = None) -> list[Mention]:
    """Mentions of the spans; ``foreign`` is the language of a non-German text."""
    spans = _split_joined_persons(sent_tokens, spans)
    spans = [sp for sp in spans if sp.type != "OTH" or _keep_oth(sent_tokens[sp.sentence], sp, foreign)]
    # Fullest person names in this article, indexed by their folded last word.
    full_names: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: Counter[str] = Counter()
    for sp in spans:
        toks = sent_tokens[sp.sentence][sp.start : sp.end]
        surface = text[toks[0].start : toks[-1].end]
        surfaces[gz.fold(surface)] += 1
        if sp.type == "PER" and len(toks) > 1:
            full_names[gz.fold(strip_genitive(toks[-1].text))][_nominative(surface, sp.type)] += 1
            full_names[gz.fold(toks[-1].text)][_nominative(surface, sp.type)] += 1
    out: list[Mention] = []
    for sp in spans:
        toks = sent_tokens[sp.sentence]
        span_toks = toks[sp.start : sp.end]
        start, end = span_toks[0].start, span_toks[-1].end
        surface = text[start:end]
        typ = sp.type
        canon = gz.alias_canonical(surface)
        if canon:
            entity = canon
            typ = gz.alias_type(canon) or typ
        else:
            entity = _nominative(surface, typ, surfaces)
            last = gz.fold(span_toks[-1].text)
            cands = full_names.get(last) or full_names.get(gz.fold(strip_genitive(span_toks[-1].text)))
            # A single word that is the last name of a person named in full elsewhere in the
            # article is that person, whatever the tagger said ("zwischen Trump und Putin").
            if cands and (typ == "PER" or len(span_toks) == 1):
                best = max(cands.items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]
                if len(best.split()) >= len(entity.split()):
                    entity = best
                    typ = "PER"
        out.append(Mention(start, end, surface, typ, entity, None))
    out = _vote_types(out)
    return [
        replace(m, role=_role(sent_tokens[sp.sentence], sp, spans)) if m.type == "PER" else m
        for m, sp in zip(out, spans)
    ]


def _vote_types(mentions: list[Mention]) -> list[Mention]:
    """One type per entity within an article: the most frequent one (ties: PER, ORG, LOC)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[m.entity][m.type] += 1
    order = {"PER": 3, "ORG": 2, "LOC": 1, "OTH": 0}
    best = {e: max(c.items(), key=lambda kv: (kv[1], order[kv[0]]))[0] for e, c in votes.items()}
    return [m if m.type == best[m.entity] else replace(m, type=best[m.entity]) for m in mentions]


def _nominative(surface: str, typ: str, surfaces: Counter[str] | None = None) -> str:
    """Drop a German genitive -s from a name when the article (or gazetteer) knows the base."""
    words = surface.split()
    last = words[-1]
    base = strip_genitive(last)
    if base == last:
        return surface
    cand = " ".join([*words[:-1], base])
    if last.endswith(("'s", "’s", "'", "’")):
        return cand
    if surfaces is not None and gz.fold(cand) in surfaces:
        return cand
    if typ in ("LOC", "ORG") and gz.is_place(cand) and not gz.is_place(surface):
        return cand
    # "Putins" when "Wladimir Putin" occurs: the base is a known last name.
    if typ == "PER" and surfaces is not None and any(k.split()[-1] == gz.fold(base) for k in surfaces if k):
        return cand
    return surface


def _role(toks: Sequence[Token], sp: _Span, spans: Sequence[_Span]) -> str | None:
    """A role noun standing right before or after (as an apposition) the person's name."""
    in_other: set[int] = set()
    for other in spans:
        if other.sentence == sp.sentence and other is not sp:
            in_other.update(range(other.start, other.end))
    # Before: "US-Präsident Donald Trump", "Sprecherin des Weißen Hauses Anna Kelly",
    # "der US-Botschafter bei der NATO, Matthew Whitaker".
    k = sp.start - 1
    steps = 0
    if k >= 0 and toks[k].text == ",":
        k -= 1
    while k >= 0 and steps < ROLE_WINDOW:
        w = toks[k].text
        r = gz.role_of(w)
        if r and r.lower() not in _NOT_ROLES and k not in in_other:
            return r
        if k in in_other or w.lower() in _ROLE_LINKS or (w[:1].islower() and w.isalpha() and steps > 0):
            k -= 1
            steps += 1
            continue
        if _is_genitive_name(w) and k == sp.start - 1:
            k -= 1
            steps += 1
            continue
        break
    # After: "Anna Kelly, Sprecherin des Weißen Hauses".
    k = sp.end
    if k < len(toks) and toks[k].text == ",":
        for j in range(k + 1, min(k + 4, len(toks))):
            w = toks[j].text
            r = gz.role_of(w)
            if r and r.lower() not in _NOT_ROLES:
                return r
            if w.lower() in _ROLE_LINKS or (w[:1].islower() and w.isalpha()):
                continue
            break
    return None


def _is_genitive_name(word: str) -> bool:
    return word[:1].isupper() and word.endswith("s")
