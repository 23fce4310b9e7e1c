"""Character offset -> sentence index: the one implementation (bisect over sentence starts).

Sentences are anything with ``start`` and ``end`` character offsets (``models.Sentence``,
tagged sentences) or plain ``(start, end)`` pairs, in text order and not overlapping.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal, Protocol

__all__ = ["Between", "SentenceIndex", "Span", "sentence_index"]


class Span(Protocol):
    """Anything with character offsets."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# What to answer for an offset that lies in no sentence (in the gap between two, before the
# first or after the last): the next sentence, the previous one, or None.
Between = Literal["next", "previous", "none"]


def _bounds(s: Span | tuple[int, int]) -> tuple[int, int]:
    if isinstance(s, tuple):
        return s
    return s.start, s.end


class SentenceIndex:
    """Sentence look-up for one text; build once, ask many times (O(log n) per offset)."""

    def __init__(self, sentences: Sequence[Span] | Sequence[tuple[int, int]]) -> None:
        bounds = [_bounds(s) for s in sentences]
        self.starts = [a for a, _ in bounds]
        self.ends = [b for _, b in bounds]

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, pos: int, between: Between = "next") -> int | None:
        """Index of the sentence holding character ``pos`` (start <= pos < end).

        ``between`` says what an offset outside every sentence gets (see ``Between``).
        """
        k = bisect_right(self.starts, pos) - 1  # last sentence starting at or before pos
        if k >= 0 and pos < self.ends[k]:
            return k
        if between == "previous":
            return k if k >= 0 else None
        if between == "next":
            return k + 1 if k + 1 < len(self.starts) else None
        return None


def sentence_index(sentences: Sequence[Span] | Sequence[tuple[int, int]], pos: int,
                   between: Between = "next") -> int | None:
    """One-off form of :meth:`SentenceIndex.at` (build a ``SentenceIndex`` for many look-ups)."""
    return SentenceIndex(sentences).at(pos, between)
