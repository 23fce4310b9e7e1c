"""The `extract` command's work per article: clean (or not), extract, each article guarded.

One bad article gives a Failure and the next goes on; nothing here raises for bad input.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from ..guard import guarded
from ..ingest.files import Failure
from ..limits import ARTICLE_TIME_BUDGET_S, LimitExceeded, check_raw_size
from ..models import Article, Extraction, RawArticle

__all__ = ["Extracted", "extract_lines"]


@dataclass(frozen=True)
class Extracted:
    """One article and what was extracted from it."""

    article: Article
    extraction: Extraction


def _raw_article(item: RawArticle) -> Article:
    """The input text unchanged (``--raw``), split into sentences."""
    from ..text.language import detect_language
    from ..text.sentences import split_sentences

    check_raw_size(item)
    text = item.text if item.text is not None else (item.html or "")
    lang = item.language or detect_language(text)
    return Article(id=item.id, text=text, published=item.published, language=lang, sentences=tuple(split_sentences(text, lang)))


def _one(item: RawArticle, wanted: Collection[str], raw: bool) -> Extracted | Failure:
    from ..pipeline import prepare_article, raw_hash
    from . import extract_article

    where = item.source or item.id
    if raw:
        try:
            art = _raw_article(item)
        except LimitExceeded as e:
            return Failure(where, str(e), "clean")
    else:
        art = prepare_article(item, raw_hash(item))
        if art.status == "failed":
            return Failure(where, art.reason or "failed", art.stage or "clean")
    return Extracted(art, extract_article(art, wanted))


def extract_lines(items: Iterable[RawArticle | Failure], wanted: Collection[str], *, raw: bool = False) -> Iterator[Extracted | Failure]:
    """Per input article: its extraction, or a Failure naming it (ingest failures pass through)."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        res = guarded(_one, item, wanted, raw, budget=ARTICLE_TIME_BUDGET_S, what=f"extract {item.id}")
        if res.value is None:
            yield Failure(item.source or item.id, f"extraction failed: {res.error}", "extract")
        else:
            yield res.value
