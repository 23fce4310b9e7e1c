"""The queryable tables: a dossier's facts, supports, quotes, carriers, contradictions and
entities as plain rows, so ``sqlite-utils``, ``datasette`` or ``psql`` can query them.

``story_rows`` is the one place that flattens a dossier into rows; the store writes them in the
transaction that stores the dossier (``write_story_tables``) and ``lagebild export`` writes the
same rows to files. Column lists are declared once in ``TABLES``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .db import Database

__all__ = ["TABLES", "delete_story_tables", "prune_story_tables", "story_rows", "write_story_tables"]

# table -> columns, in the order of the CREATE TABLE in schema.py (migration 0100).
TABLES: dict[str, tuple[str, ...]] = {
    "facts": ("story_id", "fact_id", "text", "outlets", "supports"),
    "fact_supports": ("story_id", "fact_id", "article_id", "sentence", "outlet", "sentence_text"),
    "quotes": ("story_id", "quote_id", "speaker", "text", "carriers"),
    "quote_carriers": ("story_id", "quote_id", "article_id", "sentence", "outlet", "text", "match"),
    "contradictions": ("story_id", "contradiction_id", "kind", "severity", "explanation"),
    "contradiction_claims": ("story_id", "contradiction_id", "article_id", "sentence", "outlet", "sentence_text"),
    "entities": ("story_id", "entity_id", "name", "type", "role", "mentions", "aliases", "articles"),
}


def story_rows(doc: Mapping[str, Any], story_id: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every queryable row of one dossier, per table (an item without an id gets its position)."""
    sid = story_id or doc["story"]["id"]
    arts = {a["id"]: a for a in doc.get("articles", [])}

    def outlet(aid: str) -> str | None:
        a = arts.get(aid)
        return (a.get("outlet") or None) if a else None

    def sentence(aid: str, i: int) -> str | None:
        a = arts.get(aid)
        if not a or not 0 <= i < len(a.get("sentences", [])):
            return None
        return str(a["sentences"][i]["text"])

    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    for n, f in enumerate(doc.get("facts", []), 1):
        fid = f.get("id") or f"f{n}"
        refs = _unique_refs(f.get("support", []))
        rows["facts"].append((sid, fid, f.get("text") or "", f.get("outlets", 0), len(refs)))
        for aid, i in refs:
            rows["fact_supports"].append((sid, fid, aid, i, outlet(aid), sentence(aid, i)))
    for n, q in enumerate(doc.get("quotes", []), 1):
        qid = q.get("id") or f"q{n}"
        carriers = {(str(c["article"]), int(c["sentence"])): c for c in q.get("carriers", [])}
        rows["quotes"].append((sid, qid, q.get("speaker"), q.get("text") or "", len(carriers)))
        for (aid, i), c in carriers.items():
            rows["quote_carriers"].append((sid, qid, aid, i, outlet(aid), c.get("text"), c.get("match")))
    for n, c in enumerate(doc.get("contradictions", []), 1):
        cid = c.get("id") or f"c{n}"
        rows["contradictions"].append((sid, cid, c.get("kind"), c.get("severity"), c.get("explanation")))
        for aid, i in _unique_refs(c.get("claims", [])):
            rows["contradiction_claims"].append((sid, cid, aid, i, outlet(aid), sentence(aid, i)))
    for n, e in enumerate(doc.get("entities", []), 1):
        rows["entities"].append(
            (sid, e.get("id") or f"e{n}", e.get("name") or "", e.get("type"), e.get("role"), e.get("mentions"),
             json.dumps(e.get("aliases", []), ensure_ascii=False), json.dumps(e.get("articles", []), ensure_ascii=False))
        )
    return rows


def _unique_refs(refs: list[Mapping[str, Any]]) -> list[tuple[str, int]]:
    return list(dict.fromkeys((str(r["article"]), int(r["sentence"])) for r in refs))


def delete_story_tables(db: Database, story_id: str) -> None:
    for table in TABLES:
        db.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))


def write_story_tables(db: Database, story_id: str, doc: Mapping[str, Any]) -> None:
    """Replace one story's rows; call inside the transaction that stores its dossier."""
    delete_story_tables(db, story_id)
    for table, rows in story_rows(doc, story_id).items():
        cols = TABLES[table]
        db.executemany(
            f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) ON CONFLICT DO NOTHING",
            rows,
        )


def prune_story_tables(db: Database) -> None:
    """Drop the rows of stories that no longer exist (merged or removed elsewhere)."""
    with db.transaction():
        for table in TABLES:
            db.execute(f"DELETE FROM {table} WHERE story_id NOT IN (SELECT id FROM stories)")
