"""What the rest of lagebild may ask of a store (SQLite or PostgreSQL).

Read side used by the CLI and the web app; the write side is used by ``lagebild.pipeline``.
All returned dicts are JSON-ready and follow ../shared/DESIGN.md.
"""

from __future__ import annotations

from typing import Any, Protocol


class StoreReader(Protocol):
    def list_stories(
        self,
        *,
        q: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
        cursor: str | None = None,
        limit: int = 20,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Stories newest first, in the ``/stories.json`` item shape, and the next cursor."""

    def get_dossier(self, story_id: str) -> dict[str, Any] | None:
        """The ``lagebild/dossier@1`` dict of a story, or None when unknown."""

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """An article: id, outlet, title, url, published, published_from, language, text,
        sentences, removed, status, stage, reason, duplicate_of, story (story id or None)."""

    def outlets(self) -> list[str]:
        """Every outlet name in the store, sorted."""

    def languages(self) -> list[str]:
        """Every article language in the store, sorted."""
