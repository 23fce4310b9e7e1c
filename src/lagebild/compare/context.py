"""One story context, built once per story and handed to every comparison (issue 11).

The ONE owner of "which outlet does this article count for": :meth:`StoryContext.outlet_of`
follows the whole copy chain (``duplicate_of``, which also marks translated copies) to the
original and keys it by its outlet name (stripped, lower case), else by the original's id.
``alignment.outlet_keys``, ``contra_text.Story`` and the dossier's ``outlet_count`` all
delegate here. The context also carries the story's articles by id, its extractions, the
quote items (built once, on first use) and tagged sentences through the language kit's
one tag memo (:mod:`lagebild.lang.tokens`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..lang.tokens import Token, default_memo
from ..models import Article, Extraction

if TYPE_CHECKING:
    from .quotes import QuoteItem

__all__ = ["StoryContext", "carrier_keys", "constructions", "copy_chain", "outlet_key_map", "root_of"]

_BUILT = [0]


def constructions() -> int:
    """How many story contexts this process has built (tests check one per dossier)."""
    return _BUILT[0]


def copy_chain(article: Article, by_id: Mapping[str, Article]) -> list[Article]:
    """The article, the article it copies, and so on up to the original: ``duplicate_of``
    followed through every hop that stays inside the story (a cycle stops where it closes)."""
    chain, seen = [article], {article.id}
    while chain[-1].duplicate_of and chain[-1].duplicate_of in by_id and chain[-1].duplicate_of not in seen:
        chain.append(by_id[chain[-1].duplicate_of])
        seen.add(chain[-1].id)
    return chain


def root_of(article: Article, by_id: Mapping[str, Article]) -> Article:
    """The original an article copies: ``duplicate_of`` followed through every hop that
    stays inside the story (in a cycle, where the walk first comes back)."""
    root, seen = article, set()
    while root.duplicate_of and root.duplicate_of in by_id and root.id not in seen:
        seen.add(root.id)
        root = by_id[root.duplicate_of]
    return root


def outlet_key_map(articles: Sequence[Article]) -> dict[str, str]:
    """article id -> the key of the independent outlet it counts for (see module doc)."""
    by_id = {a.id: a for a in articles}
    out: dict[str, str] = {}
    for a in articles:
        root = root_of(a, by_id)
        out[a.id] = (root.outlet or root.id).strip().lower()
    return out


def carrier_keys(articles: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """article id -> independent outlet key for a dossier's article dicts (``id``,
    ``outlet``, ``duplicate_of``): the same decision as :func:`outlet_key_map`, for the
    renderers, so the outlets a page lists match the count it shows."""
    from types import SimpleNamespace

    arts = [SimpleNamespace(id=str(a.get("id", "")), outlet=a.get("outlet"), duplicate_of=a.get("duplicate_of"))
            for a in articles if isinstance(a, Mapping)]
    return outlet_key_map(arts)  # type: ignore[arg-type]  # duck-typed: id, outlet, duplicate_of


@dataclass(frozen=True, eq=False)
class StoryContext:
    """What every comparison of one story shares (see module doc). Build with :meth:`build`."""

    articles: tuple[Article, ...]
    extractions: Mapping[str, Extraction] = field(default_factory=dict)
    by_id: Mapping[str, Article] = field(default_factory=dict)
    outlets: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: Sequence[Article],
              extractions: Mapping[str, Extraction] | None = None) -> StoryContext:
        """The context of one story's articles (copies marked) and their extractions."""
        _BUILT[0] += 1
        arts = tuple(articles)
        return cls(arts, dict(extractions or {}), {a.id: a for a in arts}, outlet_key_map(arts))

    def outlet_of(self, article_id: str) -> str:
        """The key of the independent outlet an article counts for (whole copy chain)."""
        return self.outlets.get(article_id, article_id.strip().lower())

    def outlet_name(self, article_id: str) -> str:
        """How the outlet an article counts for is named: its original's outlet, else id."""
        a = self.by_id.get(article_id)
        if a is None:
            return article_id
        root = root_of(a, self.by_id)
        return root.outlet or root.id

    def label(self, article_id: str) -> str:
        """The article's own outlet name, else its id (how explanations name a source)."""
        a = self.by_id.get(article_id)
        return a.outlet if a is not None and a.outlet else article_id

    def independent(self, a: str, b: str) -> bool:
        """True when two articles count for different outlets."""
        return a != b and self.outlet_of(a) != self.outlet_of(b)

    def outlet_count(self) -> int:
        """How many independent outlets the story's articles count for."""
        return len({self.outlet_of(a.id) for a in self.articles})

    def tagged(self, text: str, language: str | None = "de") -> tuple[Token, ...]:
        """A sentence's tokens with lemma and POS, from the language kit's one tag memo."""
        return default_memo().tagged(text, language)

    @cached_property
    def quote_items(self) -> list[QuoteItem]:
        """Every quote of every ok article, built once for grouping and quote checks."""
        from .quotes import quote_items

        return quote_items(self.articles, self.extractions)
