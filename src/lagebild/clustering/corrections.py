"""A person's corrections of the stories, applied on top of every clustering run.

Corrections are stored as article-level constraints (table ``story_corrections``):

* ``together(a, b)``: a and b are in one story (``stories merge``, ``stories move``, the
  articles split off together by ``stories split``);
* ``apart(a, b)``: a and b are in different stories; a is the one that leaves (``stories
  split``, ``stories move``).

:func:`apply_corrections` first takes every article that must be apart from a member of
its group out of that group (with the articles it must stay together with), then joins the
groups of every ``together`` pair. A newer correction replaces the older ones it
contradicts when it is stored (:func:`supersede`), so the constraints never conflict.
Because they are applied after clustering, they survive re-runs and incremental analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["apply_corrections", "supersede"]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def apply_corrections(
    groups: Sequence[Sequence[str]],
    together: Iterable[tuple[str, str]],
    apart: Iterable[tuple[str, str]],
) -> list[list[str]]:
    """Groups of article ids with the corrections applied (ids not in ``groups`` ignored)."""
    known = {a for g in groups for a in g}
    tog = [(a, b) for a, b in together if a in known and b in known]
    apa = [(a, b) for a, b in apart if a in known and b in known]
    bound = _Union()
    for a, b in tog:
        bound.union(a, b)
    label = {a: i for i, g in enumerate(groups) for a in g}
    next_label = len(groups)
    # 1. apart(a, b): a (with what is bound to it) leaves b's group for a group of its own
    for a, b in apa:
        if label[a] != label[b] or bound.find(a) == bound.find(b):
            continue
        root = bound.find(a)
        moving = sorted(x for x in known if bound.find(x) == root and label[x] == label[a])
        for x in moving:
            label[x] = next_label
        next_label += 1
    # 2. together: join the groups
    merged = _Union()
    for a, b in tog:
        merged.union(f"g{label[a]:09d}", f"g{label[b]:09d}")
    out: dict[str, list[str]] = {}
    for a in sorted(known):
        out.setdefault(merged.find(f"g{label[a]:09d}"), []).append(a)
    return sorted(out.values(), key=lambda g: g[0])


def supersede(
    existing: Iterable[tuple[int, str, str, str]], kind: str, a: str, b: str
) -> list[int]:
    """Ids of stored corrections (id, kind, a, b) that the new one (kind, a, b) contradicts
    or repeats: the same pair with any kind, and for an ``apart(a, ...)`` every older
    ``together`` that binds a (the article leaves its old company)."""
    pair = {a, b}
    out = [cid for cid, _k, x, y in existing if {x, y} == pair]
    if kind == "apart":
        out += [cid for cid, k, x, y in existing if k == "together" and a in (x, y) and cid not in out]
    return out
