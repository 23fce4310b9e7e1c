"""Extraction: named entities, quotes with speakers, and time expressions of one article."""

from __future__ import annotations

from collections.abc import Collection

from ..models import Article, Extraction

__all__ = ["EXTRACTORS", "extract_article"]

EXTRACTORS = ("entities", "quotes", "times")


def extract_article(article: Article, only: Collection[str] | None = None) -> Extraction:
    """Entities, quotes and times of a cleaned article (offsets into ``article.text``).

    ``only`` limits the work to some of ``EXTRACTORS``; quotes need entities for their
    speakers, so asking for quotes also finds entities (they are returned only if asked).
    """
    want = set(only or EXTRACTORS)
    unknown = want - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {', '.join(sorted(unknown))}; choose from {', '.join(EXTRACTORS)}")
    from .entities import find_mentions

    mentions = find_mentions(article.text, article.sentences, article.language) if want & {"entities", "quotes"} else []
    quotes = []
    if "quotes" in want:
        from .quotes import find_quotes

        quotes = find_quotes(article.text, article.sentences, mentions, article.language)
    times = []
    if "times" in want:
        from .times import find_times

        times = find_times(article.text, article.sentences, article.published, article.language)
    return Extraction(
        article=article.id,
        mentions=tuple(mentions) if "entities" in want else (),
        quotes=tuple(quotes),
        times=tuple(times),
    )
