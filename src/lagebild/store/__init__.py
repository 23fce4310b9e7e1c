"""The lagebild store: articles, embeddings, stories, extractions and dossiers.

SQLite file by default, PostgreSQL by URL; one schema (``schema.py``) applied as named
migrations. Every write happens in a transaction, so a run stopped at any point leaves the
store consistent and the next run finishes what is missing.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..contracts import check_dossier, checking_enabled
from ..models import Article, Extraction, RawArticle
from .db import Database, connect
from .schema import MIGRATIONS
from .serialize import (
    article_from_json,
    article_to_json,
    extraction_from_json,
    extraction_to_json,
    raw_to_json,
)
from .tables import write_story_tables

__all__ = ["DEFAULT_DB", "Store", "open_store"]

log = logging.getLogger(__name__)

DEFAULT_DB = "lagebild.db"
# The tables ``Store.count`` may be asked about (the name goes into SQL, so only those the
# migrations create).
COUNTABLE = frozenset(
    {"migrations"}
    | {t for _name, statements in MIGRATIONS for sql in statements for t in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", sql)}
)
# The migration that created the queryable tables: existing dossiers are copied into them.
QUERYABLE_MIGRATION = "0100_queryable_tables_and_outlets"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def open_store(where: str | Path = DEFAULT_DB) -> Store:
    """Open (and create or migrate) the store at a SQLite path or a postgresql:// URL."""
    store = Store(connect(where))
    store.migrate()
    return store


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- schema -----------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns their names."""
        db = self.db
        with db.transaction():
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {r["name"] for r in db.query("SELECT name FROM migrations")}
        applied = []
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with db.transaction():
                for sql in statements:
                    db.execute(sql)
                db.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now()))
            applied.append(name)
            log.info("store %s: applied migration %s", db.where, name)
        if QUERYABLE_MIGRATION in applied:
            self.rebuild_tables()
        return applied

    def rebuild_tables(self) -> None:
        """Fill the queryable tables from the stored dossiers (a store made before they existed)."""
        for r in self.db.query("SELECT story_id FROM dossiers ORDER BY story_id"):
            doc = self.get_dossier(r["story_id"])
            if doc is not None:
                with self.db.transaction():
                    write_story_tables(self.db, r["story_id"], doc)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles ---------------------------------------------------------------------
    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """id -> (content_hash, status) of every stored article."""
        return {r["id"]: (r["content_hash"], r["status"]) for r in self.db.query("SELECT id, content_hash, status FROM articles")}

    def put_articles(self, items: Sequence[tuple[RawArticle, str, Article]]) -> list[str]:
        """Store cleaned articles (raw, raw content hash, article) in one transaction.

        A known id with a new hash becomes a new version: the old raw input is kept in
        ``article_versions`` and everything derived from it is recomputed. Returns the ids of
        stories that must be rebuilt because a member changed.
        """
        dirty: list[str] = []
        db = self.db
        with db.transaction():
            for raw, h, art in items:
                old = db.one("SELECT version, content_hash, raw_json, story_id FROM articles WHERE id = ?", (art.id,))
                version = 1
                story_id = None
                if old is not None:
                    if old["content_hash"] == h:
                        continue
                    version = old["version"] + 1
                    story_id = old["story_id"]
                    db.execute(
                        "INSERT INTO article_versions(id, version, content_hash, raw_json, replaced_at) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (id, version) DO NOTHING",
                        (art.id, old["version"], old["content_hash"], old["raw_json"], _now()),
                    )
                    db.execute("DELETE FROM extractions WHERE article_id = ?", (art.id,))
                    if story_id:
                        dirty.append(story_id)
                db.execute(
                    "INSERT INTO articles(id, version, content_hash, source, raw_json, article_json, status, stage, reason, "
                    "title, outlet, language, published, text, duplicate_of, story_id, embedded, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 0, ?) "
                    "ON CONFLICT (id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, "
                    "source = excluded.source, raw_json = excluded.raw_json, article_json = excluded.article_json, "
                    "status = excluded.status, stage = excluded.stage, reason = excluded.reason, title = excluded.title, "
                    "outlet = excluded.outlet, language = excluded.language, published = excluded.published, "
                    "text = excluded.text, story_id = excluded.story_id, embedded = 0, updated_at = excluded.updated_at",
                    (
                        art.id, version, h, raw.source, raw_to_json(raw), article_to_json(art), art.status, art.stage,
                        art.reason, art.title, art.outlet, art.language, art.published, art.text, story_id, _now(),
                    ),
                )
            if dirty:
                self._mark_dirty(dirty)
        return dirty

    def articles(self, ids: Iterable[str] | None = None, *, status: str | None = "ok") -> list[Article]:
        """Stored articles (all, or those with the given ids), in id order."""
        sql = "SELECT article_json, duplicate_of, story_id FROM articles"
        where, params = [], []
        if status:
            where.append("status = ?")
            params.append(status)
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return []
            where.append(f"id IN ({','.join('?' * len(id_list))})")
            params.extend(id_list)
        if where:
            sql += " WHERE " + " AND ".join(where)
        out = []
        for r in self.db.query(sql + " ORDER BY id", params):
            a = article_from_json(r["article_json"])
            out.append(_with(a, duplicate_of=r["duplicate_of"]))
        return out

    def failed_articles(self) -> list[dict[str, Any]]:
        return self.db.query("SELECT id, source, stage, reason FROM articles WHERE status = 'failed' ORDER BY id")

    def ok_article_ids(self) -> list[str]:
        """Ids of every article that was read and cleaned fine (status ok), in id order."""
        return [r["id"] for r in self.db.query("SELECT id FROM articles WHERE status = 'ok' ORDER BY id")]

    def pending_embedding(self) -> list[str]:
        """Ids of ok articles whose sentences are not embedded yet."""
        return [r["id"] for r in self.db.query("SELECT id FROM articles WHERE status = 'ok' AND embedded = 0 ORDER BY id")]

    def story_list_title(self, story_id: str) -> str | None:
        """The title stored with a story's list row (None before its dossier is built)."""
        r = self.db.one("SELECT title FROM stories WHERE id = ?", (story_id,))
        return r["title"] if r and r["title"] else None

    def story_list_titles(self) -> dict[str, str]:
        """story id -> the title stored with its list row, for every story that has one."""
        return {r["id"]: r["title"] for r in self.db.query("SELECT id, title FROM stories WHERE title IS NOT NULL AND title <> ''")}

    def ok_content_hashes(self) -> dict[str, str]:
        """id -> content hash of every ok article."""
        return {r["id"]: r["content_hash"] for r in self.db.query("SELECT id, content_hash FROM articles WHERE status = 'ok' ORDER BY id")}

    def pending_story(self) -> list[str]:
        """Ids of ok articles not assigned to a story yet."""
        return [r["id"] for r in self.db.query("SELECT id FROM articles WHERE status = 'ok' AND story_id IS NULL ORDER BY id")]

    def pending_extraction(self) -> list[str]:
        return [
            r["id"]
            for r in self.db.query(
                "SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article_id = a.id AND e.content_hash = a.content_hash "
                "WHERE a.status = 'ok' AND e.article_id IS NULL ORDER BY a.id"
            )
        ]

    def mark_embedded(self, ids: Sequence[str]) -> None:
        with self.db.transaction():
            self.db.executemany("UPDATE articles SET embedded = 1 WHERE id = ?", [(i,) for i in ids])

    def set_duplicates(self, mapping: dict[str, str | None]) -> list[str]:
        """Write duplicate_of for the given ids; returns stories whose membership changed meaning."""
        dirty = []
        with self.db.transaction():
            for aid, orig in mapping.items():
                row = self.db.one("SELECT duplicate_of, story_id FROM articles WHERE id = ?", (aid,))
                if row is None or row["duplicate_of"] == orig:
                    continue
                self.db.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (orig, aid))
                if row["story_id"]:
                    dirty.append(row["story_id"])
            if dirty:
                self._mark_dirty(dirty)
        return dirty

    def duplicates(self) -> dict[str, str]:
        return {r["id"]: r["duplicate_of"] for r in self.db.query("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")}

    # -- embeddings -------------------------------------------------------------------
    def get_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        uniq = list(dict.fromkeys(hashes))
        for i in range(0, len(uniq), 500):
            chunk = uniq[i : i + 500]
            rows = self.db.query(f"SELECT hash, dim, vec FROM embeddings WHERE hash IN ({','.join('?' * len(chunk))})", chunk)
            for r in rows:
                out[r["hash"]] = np.frombuffer(bytes(r["vec"]), dtype=np.float16).astype(np.float32)
        return out

    def put_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        rows = [(h, int(v.shape[0]), v.astype(np.float16).tobytes()) for h, v in vectors.items()]
        with self.db.transaction():
            self.db.executemany("INSERT INTO embeddings(hash, dim, vec) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING", rows)

    def get_sentence_tags(self, hashes: Sequence[str]) -> dict[str, str]:
        """hash -> tags (``TagMemo.export``) of the sentences held (see ``sentence_tag_key``)."""
        out: dict[str, str] = {}
        uniq = list(dict.fromkeys(hashes))
        for i in range(0, len(uniq), 500):
            chunk = uniq[i : i + 500]
            for r in self.db.query(f"SELECT hash, tags FROM sentence_tags WHERE hash IN ({','.join('?' * len(chunk))})", chunk):
                out[r["hash"]] = r["tags"]
        return out

    def put_sentence_tags(self, tags: dict[str, str]) -> None:
        with self.db.transaction():
            self.db.executemany("INSERT INTO sentence_tags(hash, tags) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING", list(tags.items()))

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (a name from ``COUNTABLE``; anything else is refused)."""
        if table not in COUNTABLE:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(sorted(COUNTABLE))}")
        row = self.db.one(f"SELECT COUNT(*) AS n FROM {table}")  # the name is one of COUNTABLE
        return int(row["n"]) if row else 0

    # -- extractions ------------------------------------------------------------------
    def put_extractions(self, items: Sequence[tuple[str, str, Extraction]]) -> None:
        """(article id, content hash, extraction) rows, in one transaction."""
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO extractions(article_id, content_hash, json) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, json = excluded.json",
                [(a, h, extraction_to_json(e)) for a, h, e in items],
            )

    def content_hash(self, article_id: str) -> str | None:
        r = self.db.one("SELECT content_hash FROM articles WHERE id = ?", (article_id,))
        return r["content_hash"] if r else None

    def extractions(self, ids: Sequence[str]) -> dict[str, Extraction]:
        if not ids:
            return {}
        rows = self.db.query(f"SELECT article_id, json FROM extractions WHERE article_id IN ({','.join('?' * len(ids))})", list(ids))
        return {r["article_id"]: extraction_from_json(r["json"]) for r in rows}

    # -- stories ----------------------------------------------------------------------
    def story_states(self) -> list[tuple[str, str, bytes | None]]:
        """(id, state_json, centroid bytes) of every story."""
        return [(r["id"], r["state_json"], bytes(r["centroid"]) if r["centroid"] is not None else None) for r in self.db.query("SELECT id, state_json, centroid FROM stories ORDER BY id")]

    def save_stories(self, states: Sequence[tuple[str, str, bytes | None]], assignments: dict[str, str]) -> None:
        """Upsert story states and assign articles to stories, together; marks them dirty."""
        with self.db.transaction():
            for sid, state_json, centroid in states:
                self.db.execute(
                    "INSERT INTO stories(id, state_json, centroid, dirty, updated_at) VALUES (?, ?, ?, 1, ?) "
                    "ON CONFLICT (id) DO UPDATE SET state_json = excluded.state_json, centroid = excluded.centroid, dirty = 1, "
                    "updated_at = excluded.updated_at",
                    (sid, state_json, centroid, _now()),
                )
            self.db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(s, a) for a, s in assignments.items()])

    def story_features(self) -> dict[str, tuple[str, str, bytes]]:
        """article id -> (content hash, features JSON, vector bytes) of every cached article."""
        rows = self.db.query("SELECT article_id, content_hash, json, vector FROM story_features")
        return {r["article_id"]: (r["content_hash"], r["json"], bytes(r["vector"])) for r in rows}

    def put_story_features(self, rows: Sequence[tuple[str, str, str, bytes]]) -> None:
        """Cache (article id, content hash, features JSON, vector bytes)."""
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO story_features(article_id, content_hash, json, vector) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, json = excluded.json, "
                "vector = excluded.vector",
                list(rows),
            )

    def story_assignments(self) -> dict[str, str]:
        """article id -> story id of every ok article that has a story."""
        rows = self.db.query("SELECT id, story_id FROM articles WHERE status = 'ok' AND story_id IS NOT NULL")
        return {r["id"]: r["story_id"] for r in rows}

    def drop_stories(self, story_ids: Sequence[str]) -> None:
        """Delete stories that lost all their articles (re-clustering), with dossiers and links."""
        with self.db.transaction():
            for sid in story_ids:
                self.db.execute("DELETE FROM dossiers WHERE story_id = ?", (sid,))
                self.db.execute("DELETE FROM story_links WHERE story_id = ? OR other_id = ?", (sid, sid))
                self.db.execute("DELETE FROM stories WHERE id = ?", (sid,))

    def story_links(self) -> dict[str, list[tuple[str, str, float]]]:
        """story id -> [(related story id, relation, score)], closest first."""
        out: dict[str, list[tuple[str, str, float]]] = {}
        rows = self.db.query("SELECT story_id, other_id, relation, score FROM story_links ORDER BY story_id, score DESC, other_id")
        for r in rows:
            out.setdefault(r["story_id"], []).append((r["other_id"], r["relation"], float(r["score"] or 0.0)))
        return out

    def put_story_links(self, links: dict[str, list[tuple[str, str, float]]]) -> list[str]:
        """Replace all storyline links; marks the stories whose links changed dirty (their
        dossiers list the related stories) and returns their ids."""
        old = self.story_links()
        changed = sorted(sid for sid in set(old) | set(links) if [x[:2] for x in old.get(sid, [])] != [x[:2] for x in links.get(sid, [])])
        with self.db.transaction():
            self.db.execute("DELETE FROM story_links")
            self.db.executemany(
                "INSERT INTO story_links(story_id, other_id, relation, score) VALUES (?, ?, ?, ?)",
                [(sid, o, rel, sc) for sid, items in links.items() for o, rel, sc in items],
            )
            self._mark_dirty([c for c in changed if c in links])
        return changed

    def corrections(self) -> list[tuple[int, str, str, str]]:
        """Every stored correction as (id, kind, article id, other article id), oldest first."""
        rows = self.db.query("SELECT id, kind, article_id, other_id FROM story_corrections ORDER BY id")
        return [(int(r["id"]), r["kind"], r["article_id"], r["other_id"]) for r in rows]

    def add_corrections(self, items: Sequence[tuple[str, str, str]], company: Sequence[str] = ()) -> None:
        """Store corrections (kind "together"/"apart", article, other article); a newer one
        replaces the stored ones it contradicts. ``company``: articles that are one story
        from now on (a merge or move): older "apart" corrections between them are dropped."""
        from lagebild.clustering.corrections import supersede

        with self.db.transaction():
            group = set(company)
            for cid, kind, a, b in self.corrections():
                if kind == "apart" and a in group and b in group:
                    self.db.execute("DELETE FROM story_corrections WHERE id = ?", (cid,))
            for kind, a, b in items:
                for cid in supersede(self.corrections(), kind, a, b):
                    self.db.execute("DELETE FROM story_corrections WHERE id = ?", (cid,))
                self.db.execute(
                    "INSERT INTO story_corrections(kind, article_id, other_id, created_at) VALUES (?, ?, ?, ?)",
                    (kind, a, b, _now()),
                )

    def story_of(self, article_id: str) -> str | None:
        rows = self.db.query("SELECT story_id FROM articles WHERE id = ? AND status = 'ok'", (article_id,))
        return rows[0]["story_id"] if rows else None

    def _mark_dirty(self, story_ids: Iterable[str]) -> None:
        self.db.executemany("UPDATE stories SET dirty = 1 WHERE id = ?", [(s,) for s in set(story_ids)])

    def dirty_stories(self) -> list[str]:
        return [r["id"] for r in self.db.query("SELECT id FROM stories WHERE dirty = 1 ORDER BY id")]

    def story_built_for(self, story_id: str) -> str:
        """A fingerprint of a story's member set (ids, contents, copies): a dossier is built for one."""
        rows = self.db.query(
            "SELECT id, content_hash, duplicate_of FROM articles WHERE story_id = ? AND status = 'ok' ORDER BY id", (story_id,)
        )
        return hashlib.sha1("|".join(f"{r['id']}:{r['content_hash']}:{r['duplicate_of']}" for r in rows).encode()).hexdigest()

    def story_failure(self, story_id: str) -> dict[str, Any] | None:
        """The recorded failure of a story (stage, reason, failed_for, attempts), or None."""
        return self.db.one(
            "SELECT stage, reason, failed_for, attempts FROM stories WHERE id = ? AND status = 'failed'", (story_id,)
        )

    def record_story_failure(self, story_id: str, built_for: str, stage: str, reason: str) -> int:
        """Record that a story's dossier failed for this member set; returns the attempts so
        far with that same set. The story stays dirty (it is not listed until it builds)."""
        with self.db.transaction():
            row = self.db.one("SELECT failed_for, attempts FROM stories WHERE id = ?", (story_id,))
            attempts = (row["attempts"] + 1) if row is not None and row["failed_for"] == built_for else 1
            self.db.execute(
                "UPDATE stories SET status = 'failed', stage = ?, reason = ?, failed_for = ?, attempts = ?, updated_at = ? WHERE id = ?",
                (stage, reason, built_for, attempts, _now(), story_id),
            )
        return attempts

    def mark_article_failed(self, article_id: str, stage: str, reason: str) -> None:
        """Record a failure of a later stage on a stored article; its story is rebuilt without it."""
        with self.db.transaction():
            row = self.db.one("SELECT story_id FROM articles WHERE id = ?", (article_id,))
            self.db.execute(
                "UPDATE articles SET status = 'failed', stage = ?, reason = ?, updated_at = ? WHERE id = ?",
                (stage, reason, _now(), article_id),
            )
            if row is not None and row["story_id"]:
                self._mark_dirty([row["story_id"]])

    def story_members(self, story_id: str) -> list[str]:
        return [r["id"] for r in self.db.query("SELECT id FROM articles WHERE story_id = ? AND status = 'ok' ORDER BY id", (story_id,))]

    def story_memberships(self) -> dict[str, list[str]]:
        """story id -> ids of its ok articles (id order), for every story that has any."""
        out: dict[str, list[str]] = {}
        rows = self.db.query("SELECT id, story_id FROM articles WHERE status = 'ok' AND story_id IS NOT NULL ORDER BY id")
        for r in rows:
            out.setdefault(r["story_id"], []).append(r["id"])
        return out

    def story_ids(self) -> list[str]:
        return [r["id"] for r in self.db.query("SELECT id FROM stories ORDER BY id")]

    def put_dossier(self, story_id: str, built_for: str, dossier: dict[str, Any], search_text: str) -> None:
        """Store a story's dossier and its list row; clears the dirty flag in the same transaction."""
        if checking_enabled():
            check_dossier(dossier)
        st = dossier["story"]
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO dossiers(story_id, built_for, json) VALUES (?, ?, ?) "
                "ON CONFLICT (story_id) DO UPDATE SET built_for = excluded.built_for, json = excluded.json",
                (story_id, built_for, json.dumps(dossier, ensure_ascii=False)),
            )
            write_story_tables(self.db, story_id, dossier)
            outlets = sorted({a["outlet"] or a["id"] for a in dossier["articles"]})
            self.db.execute(
                "UPDATE stories SET title = ?, dirty = 0, first_published = ?, last_published = ?, article_count = ?, "
                "outlet_count = ?, languages = ?, outlets = ?, contradictions = ?, search_text = ?, updated_at = ?, "
                "status = 'ok', stage = NULL, reason = NULL, failed_for = NULL, attempts = 0 WHERE id = ?",
                (
                    st["title"], st["first_published"], st["last_published"], st["article_count"], st["outlet_count"],
                    json.dumps(st["languages"]), json.dumps(outlets), len(dossier["contradictions"]),
                    search_text.lower(), _now(), story_id,
                ),
            )

    # -- read side (StoreReader) ------------------------------------------------------
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
        """Stories newest first (by last publication date), in the /stories.json item shape."""
        where = ["dirty = 0"]
        params: list[Any] = []
        if q:
            where.append("search_text LIKE ?")
            params.append(f"%{q.lower()}%")
        if date_from:
            where.append("(last_published IS NOT NULL AND last_published >= ?)")
            params.append(date_from)
        if date_to:
            where.append("(first_published IS NOT NULL AND substr(first_published, 1, 10) <= ?)")
            params.append(date_to)
        if outlet:
            where.append("outlets LIKE ?")
            params.append("%" + json.dumps(outlet)[1:-1].replace("%", "") + "%")
        if language:
            where.append("languages LIKE ?")
            params.append(f'%"{language}"%')
        offset = _decode_cursor(cursor)
        limit = max(1, min(int(limit), 200))
        rows = self.db.query(
            "SELECT id, title, article_count, outlet_count, languages, first_published, last_published, contradictions "
            f"FROM stories WHERE {' AND '.join(where)} "
            "ORDER BY CASE WHEN last_published IS NULL THEN 1 ELSE 0 END, last_published DESC, article_count DESC, id "
            f"LIMIT {limit + 1} OFFSET {offset}",
            params,
        )
        nxt = _encode_cursor(offset + limit) if len(rows) > limit else None
        items = [{**r, "languages": json.loads(r["languages"] or "[]")} for r in rows[:limit]]
        return items, nxt

    def get_dossier(self, story_id: str) -> dict[str, Any] | None:
        r = self.db.one("SELECT json FROM dossiers WHERE story_id = ?", (story_id,))
        return json.loads(r["json"]) if r else None

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        r = self.db.one("SELECT article_json, duplicate_of, story_id, version FROM articles WHERE id = ?", (article_id,))
        if r is None:
            return None
        d: dict[str, Any] = json.loads(r["article_json"])
        d["duplicate_of"] = r["duplicate_of"]
        d["story"] = r["story_id"]
        d["version"] = r["version"]
        return d

    def dedup_rows(self) -> list[dict[str, Any]]:
        """id, text, published and duplicate_of of every ok article, in id order: what the
        copy finder needs, read from columns (no article JSON is parsed)."""
        return self.db.query("SELECT id, text, published, duplicate_of FROM articles WHERE status = 'ok' ORDER BY id")

    def story_article_ids(self) -> dict[str, list[str]]:
        """story id -> its ok articles' ids, in dossier order (published, unknown last; id).

        One query instead of reading every dossier (the report index needs only this)."""
        rows = self.db.query("SELECT id, story_id, published FROM articles WHERE status = 'ok' AND story_id IS NOT NULL")
        rows.sort(key=lambda r: (r["published"] or "9999", r["id"]))
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r["story_id"], []).append(r["id"])
        return out

    def outlets(self) -> list[str]:
        return [r["outlet"] for r in self.db.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")]

    def languages(self) -> list[str]:
        return [r["language"] for r in self.db.query("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language")]


def _with(a: Article, **changes: Any) -> Article:
    from dataclasses import replace

    return replace(a, **changes)


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        offset = int(raw[2:]) if raw.startswith("o:") else None
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"invalid cursor {cursor!r}") from e
    if offset is None:
        raise ValueError(f"invalid cursor {cursor!r}")
    return max(0, offset)
