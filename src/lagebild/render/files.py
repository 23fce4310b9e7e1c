"""Write the analysis output folder: index.html, stories.json, stories/<id>.json|.html|.md."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..contracts import story_entry, story_list
from ..guard import guarded
from ..ingest.files import Failure
from ..limits import STORY_TIME_BUDGET_S
from .markdown import render_story_markdown

__all__ = ["write_report"]


def _write(path: Path, text: str) -> None:
    # Write next to the target and rename, so a crash never leaves half a file behind.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_report(
    store: Any, out_dir: Path, story_ids: list[str] | None = None, lang: str | None = None, failures: list[Failure] | None = None
) -> int:
    """Write every story of the store (or only ``story_ids`` plus the index); returns the count.

    Pages and Markdown are German unless ``lang`` (or $LAGEBILD_LANG) is "en". A story whose
    pages cannot be rendered or written is named in ``failures`` (stage "render"), left out
    of the index, and the others are written."""
    from .html import render_index_html

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "stories").mkdir(exist_ok=True)
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page, cursor = store.list_stories(cursor=cursor, limit=200)
        items.extend(page)
        if not cursor:
            break
    listing = []
    wanted = set(story_ids) if story_ids is not None else None
    # members from one query: a dossier is read only when its files are (re)written
    members = store.story_article_ids() if hasattr(store, "story_article_ids") else {}
    written = 0
    failed: set[str] = set()
    for it in items:
        # the story list entry, with the /stories.json fields as additive extras
        extra = {k: v for k, v in it.items() if k not in ("id", "title", "articles")}
        unchanged = wanted is not None and it["id"] not in wanted and (out_dir / "stories" / f"{it['id']}.json").exists()
        if unchanged and it["id"] in members:
            listing.append(story_entry(it["id"], it["title"], members[it["id"]], **extra))
            continue
        doc = store.get_dossier(it["id"])
        if doc is None:
            continue
        if not unchanged:
            res = guarded(_write_story, out_dir / "stories" / it["id"], doc, lang, budget=STORY_TIME_BUDGET_S, what=f"report {it['id']}")
            if not res.ok:
                failed.add(it["id"])
                if failures is not None:
                    failures.append(Failure(f"story {it['id']}", f"report pages could not be written: {res.error}", "render"))
                continue
            written += 1
        listing.append(story_entry(it["id"], it["title"], [a["id"] for a in doc["articles"]], **extra))
    _write(out_dir / "stories.json", json.dumps(story_list(listing), ensure_ascii=False, indent=2))
    _write(out_dir / "index.html", render_index_html([it for it in items if it["id"] not in failed], lang=lang))
    return written


def _write_story(base: Path, doc: dict[str, Any], lang: str | None) -> None:
    """Render all three files of one story first, then write them (no half-written story)."""
    from .html import render_story_html

    texts = (json.dumps(doc, ensure_ascii=False, indent=2), render_story_markdown(doc, lang), render_story_html(doc, lang))
    for suffix, text in zip((".json", ".md", ".html"), texts):
        _write(base.with_suffix(suffix), text)
