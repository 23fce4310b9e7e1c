"""Claims: the clause-level units that facts, exclusives and contradictions are built from.

A claim is a clause of one cleaned sentence (or the whole sentence). Aligning claims across
outlets gives ``ClaimGroup``s: each group is one statement with every outlet sentence that
makes it. ``lagebild.compare.facts`` builds them; contradiction checks read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Ref

__all__ = ["Claim", "ClaimGroup"]


@dataclass(frozen=True)
class Claim:
    ref: Ref  # the sentence the clause stands in
    outlet: str  # outlet name (article id when unknown); copies share the original's outlet
    text: str  # the clause text, a substring of the sentence
    start: int  # offsets of the clause in the article's cleaned text
    end: int


@dataclass(frozen=True)
class ClaimGroup:
    """One statement as made by one or more outlets."""

    id: str
    claims: tuple[Claim, ...]

    @property
    def outlets(self) -> frozenset[str]:
        return frozenset(c.outlet for c in self.claims)
