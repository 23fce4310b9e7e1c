"""Write the analysis output folder: index.html, stories.json, stories/<id>.json|.html|.md."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..contracts import story_entry, story_list
from .markdown import render_story_markdown

__all__ = ["write_report"]


def _write(path: Path, text: str) -> None:
    # Write next to the target and rename, so a crash never leaves half a file behind.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_report(store: Any, out_dir: Path, story_ids: list[str] | None = None, lang: str | None = None) -> int:
    """Write every story of the store (or only ``story_ids`` plus the index); returns the count.

    Pages and Markdown are German unless ``lang`` (or $LAGEBILD_LANG) is "en"."""
    from .html import render_index_html, render_story_html

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
    written = 0
    for it in items:
        doc = store.get_dossier(it["id"])
        if doc is None:
            continue
        # the story list entry, with the /stories.json fields as additive extras
        extra = {k: v for k, v in it.items() if k not in ("id", "title", "articles")}
        listing.append(story_entry(it["id"], it["title"], [a["id"] for a in doc["articles"]], **extra))
        if wanted is not None and it["id"] not in wanted and (out_dir / "stories" / f"{it['id']}.json").exists():
            continue
        base = out_dir / "stories" / it["id"]
        _write(base.with_suffix(".json"), json.dumps(doc, ensure_ascii=False, indent=2))
        _write(base.with_suffix(".md"), render_story_markdown(doc, lang))
        _write(base.with_suffix(".html"), render_story_html(doc, lang))
        written += 1
    _write(out_dir / "stories.json", json.dumps(story_list(listing), ensure_ascii=False, indent=2))
    _write(out_dir / "index.html", render_index_html(items, lang=lang))
    return written
