"""Entities of a story: mentions merged across articles, spellings, inflection and languages
(Uschakow / Ushakov, Kiew / Kyiv, Weißen Hauses / White House). ``entity_key`` and
``same_entity`` expose the same comparison to the quote and verification stages (both are
re-exported by :mod:`lagebild.extract.entities`)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from lagebild.extract import gazetteer as gz
from lagebild.lang.names import name_key, strip_genitive
from lagebild.lang.names import same_entity as _same_entity
from lagebild.models import Entity, Mention

__all__ = ["entity_key", "merge_entities", "same_entity"]

# Two full names with the same last name are one person when their first names' phonetic
# forms are this similar (rapidfuzz ratio, 0-100): "volodimir"/"volodimir" 100,
# "dmitri"/"dmitrii" 92, "anna"/"andreu" 60. Set by hand on the seed names.
FIRST_NAME_SIMILARITY = 75


# --------------------------------------------------------------------------- keys


def entity_key(name: str) -> str:
    """A normalised key for comparing entity names across outlets and languages: the kit's
    :func:`lagebild.lang.names.name_key` with the shipped place table ("Vereinigte
    Staaten" = "United States"; "Uschakow" = "Ushakov")."""
    return name_key(name, gz.place_id)


def same_entity(a: str, b: str) -> bool:
    """True when two names plausibly denote the same entity (the kit's
    :func:`lagebild.lang.names.same_entity` with the shipped place table)."""
    return _same_entity(a, b, gz.place_id)


# --------------------------------------------------------------------------- merging


def merge_entities(mentions_by_article: Mapping[str, Sequence[Mention]]) -> list[Entity]:
    """Merge the mentions of one story into entities, sorted by mention count (desc).

    Mentions merge across spellings, inflection and languages (see :func:`same_entity`);
    a bare last name joins the one full name that ends with it. ``name`` is the most used
    full form (curated German name for listed entities), ``aliases`` every surface form
    seen, ``role`` the most frequent role, ``id`` "e-" + a hash of name and type.
    """
    groups: dict[str, dict[str, Any]] = {}

    def group_for(key: str) -> dict[str, Any]:
        if key not in groups:
            groups[key] = {"names": Counter(), "surfaces": Counter(), "types": Counter(),
                           "roles": Counter(), "articles": [], "n": 0}
        return groups[key]

    for art, mentions in mentions_by_article.items():
        for m in mentions:
            key = entity_key(m.entity)
            g = group_for(key)
            g["names"][m.entity] += 1
            g["surfaces"][m.text] += 1
            g["types"][m.type] += 1
            if m.role:
                g["roles"][m.role] += 1
            if art not in g["articles"]:
                g["articles"].append(art)
            g["n"] += 1

    def absorb(src: str, dst: str) -> None:
        a, b = groups.pop(src), groups[dst]
        for field in ("names", "surfaces", "types", "roles"):
            b[field].update(a[field])
        for art in a["articles"]:
            if art not in b["articles"]:
                b["articles"].append(art)
        b["n"] += a["n"]

    # Genitive keys ("n:putins") into their base when the base exists.
    for key in sorted(groups, key=len, reverse=True):
        if key in groups and key.startswith("n:") and key.endswith("s"):
            base = entity_key(strip_genitive(_top(groups[key]["names"])))
            if base != key and base in groups:
                absorb(key, base)
    # Bare last names into the single full person name that ends with them.
    persons = [k for k in groups if _top(groups[k]["types"]) in ("PER", "OTH") and k.startswith("n:")]
    for key in sorted(persons, key=lambda k: len(k.split())):
        if key not in groups or len(key.split()) != 1:
            continue
        last = key[2:]
        targets = [k for k in groups if k != key and k.startswith("n:") and len(k.split()) > 1
                   and k.split()[-1] == last and _top(groups[k]["types"]) == "PER"]
        if not targets and gz.given_names().get(key[2:].capitalize()):
            # a given name alone ("Elon" in a tabloid's "Elon Musk (51) … Elon hatte …") joins
            # the single full person name that starts with it
            targets = [k for k in groups if k != key and k.startswith("n:") and len(k.split()) > 1
                       and k[2:].split()[0] == last and _top(groups[k]["types"]) == "PER"]
        if len(targets) == 1:
            absorb(key, targets[0])
    # Full names whose first names are spelled differently but whose last names and
    # first letters agree ("Wolodymyr Selenskyj" / "Volodymyr Zelensky") are one person.
    full = [k for k in groups if k.startswith("n:") and len(k.split()) > 1]
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if a in groups and b in groups and a.split()[-1] == b.split()[-1] \
                    and fuzz.ratio(a.split()[0], b.split()[0]) >= FIRST_NAME_SIMILARITY:
                small, big = sorted((a, b), key=lambda k: groups[k]["n"])
                absorb(small, big)

    out: list[Entity] = []
    for g in groups.values():
        typ = _top(g["types"])
        name = _display_name(g["names"])
        digest = hashlib.sha1(f"{gz.fold(name)}|{typ}".encode()).hexdigest()[:10]
        aliases = tuple(sorted(set(g["surfaces"]) | set(g["names"]) - {name}, key=lambda s: (s.lower(), s)))
        out.append(Entity(
            id="e-" + digest, name=name, type=typ, aliases=aliases,
            role=_top(g["roles"]) if g["roles"] else None,
            articles=tuple(g["articles"]), mentions=g["n"],
        ))
    out.sort(key=lambda e: (-e.mentions, e.name))
    return out


def _top(c: Counter[str]) -> str:
    return str(max(c.items(), key=lambda kv: (kv[1], kv[0]))[0])


def _display_name(names: Counter[str]) -> str:
    """Curated name if any; else the most used of the longest forms."""
    for n in names:
        canon = gz.alias_canonical(n)
        if canon:
            return canon
    # a genitive form of another name ("Elon Musks" beside "Elon Musk") never names the entity
    plain = {n: c for n, c in names.items() if not (strip_genitive(n) != n and strip_genitive(n) in names)} or dict(names)
    longest = max(len(n.split()) for n in plain)
    return str(max(((n, c) for n, c in plain.items() if len(n.split()) == longest),
                   key=lambda kv: (kv[1], -sum(ord(ch) > 127 for ch in kv[0]), kv[0]))[0])
