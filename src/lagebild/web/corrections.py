"""Corrections from the dossier page: small same-origin POST forms.

``POST /stories/{id}/merge`` (form ``other``: a story id), ``POST /stories/{id}/split``
(form ``articles``: one or more article ids of the story), ``POST /articles/{id}/move``
(form ``story``; also ``POST /stories/{id}/move`` with ``article`` and ``story``). Each stores the correction exactly as the CLI does
(:func:`lagebild.commands.stories.corrections_for`), re-clusters, rebuilds the affected
dossiers and redirects (303) to the story page. Cross-site submissions are refused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import RedirectResponse

__all__ = ["add_correction_routes"]

_LOCK = threading.Lock()  # one correction at a time (each re-clusters the store)
_ARTICLES = Form(..., description="article ids of the story")


def add_correction_routes(
    app: FastAPI, store_path: str | Path, headers: dict[str, str], api_error: Callable[[int, str], Exception]
) -> None:
    """Register the three correction routes on ``app``."""

    def same_origin(request: Request) -> None:
        origin = request.headers.get("origin")
        if origin and origin != "null":
            o = urlsplit(origin)
            if o.netloc and o.netloc != request.headers.get("host"):
                raise api_error(403, "cross-site form submissions are refused")

    def correct(action: str, args: list[str]) -> list[str]:
        from ..commands.stories import corrections_for
        from ..errors import LagebildError
        from ..pipeline import apply_corrections
        from ..store import open_store

        with _LOCK:
            store = open_store(store_path)
            try:
                items, company = corrections_for(store, action, args)
                return apply_corrections(store, items, company) if items else []
            except LagebildError as e:
                raise api_error(422, f"invalid parameter: {e}") from e
            finally:
                store.close()

    def to_story(story_id: str) -> RedirectResponse:
        return RedirectResponse(f"/stories/{quote(story_id)}", status_code=303, headers=headers)

    @app.post("/stories/{story_id}/merge", status_code=303, tags=["html"])
    def merge_form(request: Request, story_id: str, other: str = Form(...)) -> RedirectResponse:
        """Merge story ``other`` into this story; kept across re-runs."""
        same_origin(request)
        correct("merge", [story_id, other.strip()])
        return to_story(story_id)

    @app.post("/stories/{story_id}/split", status_code=303, tags=["html"])
    def split_form(request: Request, story_id: str, articles: list[str] = _ARTICLES) -> RedirectResponse:
        """Split the given articles off this story into a story of their own."""
        same_origin(request)
        correct("split", [story_id, *[a.strip() for a in articles if a.strip()]])
        return to_story(story_id)

    @app.post("/stories/{story_id}/move", status_code=303, tags=["html"])
    def move_from_story(request: Request, story_id: str, article: str = Form(...), story: str = Form(...)) -> RedirectResponse:
        """Move ``article`` (of this story) into ``story``."""
        same_origin(request)
        correct("move", [article.strip(), story.strip()])
        return to_story(story.strip())

    @app.post("/articles/{article_id}/move", status_code=303, tags=["html"])
    def move_form(request: Request, article_id: str, story: str = Form(...)) -> RedirectResponse:
        """Move this article into ``story``."""
        same_origin(request)
        correct("move", [article_id, story.strip()])
        return to_story(story.strip())
