"""JSON round trips of the dataclasses the store keeps."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..models import (
    Article,
    Cue,
    Extraction,
    Mention,
    Quote,
    RawArticle,
    Removed,
    Sentence,
    Speaker,
    TimeExpr,
)

__all__ = [
    "article_from_json",
    "article_to_json",
    "extraction_from_json",
    "extraction_to_json",
    "raw_from_json",
    "raw_to_json",
]


def article_to_json(a: Article) -> str:
    return json.dumps(asdict(a), ensure_ascii=False, sort_keys=True)


def article_from_json(s: str) -> Article:
    d: dict[str, Any] = json.loads(s)
    d["removed"] = tuple(Removed(**r) for r in d.get("removed", ()))
    d["sentences"] = tuple(Sentence(**x) for x in d.get("sentences", ()))
    return Article(**d)


def raw_to_json(r: RawArticle) -> str:
    return json.dumps(asdict(r), ensure_ascii=False, sort_keys=True)


def raw_from_json(s: str) -> RawArticle:
    return RawArticle(**json.loads(s))


def extraction_to_json(e: Extraction) -> str:
    return json.dumps(asdict(e), ensure_ascii=False, sort_keys=True)


def extraction_from_json(s: str) -> Extraction:
    d = json.loads(s)
    quotes = []
    for q in d.get("quotes", ()):
        sp, cue = q.get("speaker"), q.get("cue")
        quotes.append(
            Quote(**{**q, "speaker": Speaker(**sp) if sp else None, "cue": Cue(**cue) if cue else None})
        )
    return Extraction(
        article=d["article"],
        mentions=tuple(Mention(**m) for m in d.get("mentions", ())),
        quotes=tuple(quotes),
        times=tuple(TimeExpr(**t) for t in d.get("times", ())),
    )
