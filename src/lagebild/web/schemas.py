"""Response shapes for the OpenAPI description of the web app's JSON twins."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from .. import contracts
from ..contracts import json_schema

__all__ = [
    "ARTICLE",
    "DOSSIER",
    "ERRORS",
    "ErrorBody",
    "ErrorResponse",
    "JobOut",
    "StoryItem",
    "StoryList",
]


class StoryItem(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    title: str | None = None
    article_count: int
    outlet_count: int
    languages: list[str]
    first_published: str | None = None
    last_published: str | None = None
    contradictions: int


class StoryList(BaseModel):
    stories: list[StoryItem]
    next: str | None = None


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    status: int
    code: str
    message: str
    hint: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class JobOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    state: str
    state_label: str
    stage: str | None = None
    done: int
    total: int
    inputs: list[str]
    articles_new: int
    stories: list[dict[str, Any]]
    failures: list[dict[str, str]]
    error: str | None = None


_ERR = {"model": ErrorResponse}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {**_ERR, "description": "token missing or wrong"},
    403: {**_ERR, "description": "refused (e.g. a cross-site request without the token)"},
    404: {**_ERR, "description": "unknown story, article or job"},
    413: {**_ERR, "description": "request body too large"},
    421: {**_ERR, "description": "the Host header names a server this app is not"},
    422: {**_ERR, "description": "bad parameters"},
    500: {**_ERR, "description": "internal error"},
}

_OBJ = {"type": "object"}
_LIST = {"type": "array", "items": _OBJ}
DOSSIER: dict[int | str, dict[str, Any]] = {200: {
    "description": "the lagebild/dossier@1 document",
    "content": {"application/json": {"schema": json_schema(contracts.DOSSIER)}}}}
ARTICLE: dict[int | str, dict[str, Any]] = {200: {
    "description": "an article with its cleaned text and sentences",
    "content": {"application/json": {"schema": {
        "type": "object", "required": ["id", "sentences"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"},
                       "sentences": _LIST, "removed": _LIST}}}}}}
