"""A thin DB-API wrapper so one set of SQL serves SQLite and PostgreSQL.

SQL is written with ``?`` placeholders; for PostgreSQL they become ``%s``. SQLite runs in WAL
mode so readers (the web app) work beside the one writer; writes take ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import MissingExtra, StoreError, StoreLocationError

__all__ = ["Database", "connect"]

# How long a writer waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT_S = 30.0


class Database:
    """One connection; ``kind`` is "sqlite" or "postgres"."""

    def __init__(self, conn: Any, kind: str, where: str) -> None:
        self.conn = conn
        self.kind = kind
        self.where = where
        self._in_tx = False

    def _sql(self, sql: str) -> str:
        if self.kind == "postgres":
            sql = sql.replace("?", "%s")
            sql = re.sub(r"\bBLOB\b", "BYTEA", sql)
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cur = self.conn.cursor()
            cur.executemany(self._sql(sql), [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Everything inside commits together or not at all."""
        if self._in_tx:
            yield self
            return
        self._in_tx = True
        try:
            self.conn.execute("BEGIN IMMEDIATE" if self.kind == "sqlite" else "BEGIN")
            yield self
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        finally:
            self._in_tx = False

    def blob(self, data: bytes) -> Any:
        return data

    def close(self) -> None:
        self.conn.close()


def connect(where: str | Path) -> Database:
    """Open a SQLite file (created if missing) or a ``postgresql://`` URL."""
    name = str(where)
    if name.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg
        except ImportError as e:
            raise MissingExtra("psycopg", "postgres") from e
        try:
            conn = psycopg.connect(name, autocommit=True)
        except Exception as e:
            raise StoreError(f"cannot connect to PostgreSQL at {name}: {e}", "check the URL and that the server runs") from e
        return Database(_Conn(conn), "postgres", name)
    if "://" in name:
        raise StoreLocationError(f"unsupported database URL scheme {name.split('://', 1)[0]!r} in {name}",
                                 "give a SQLite file path or a postgresql:// URL")
    path = Path(name)
    if path.exists() and path.is_dir():
        raise StoreLocationError(f"{path} is a directory", "give --db a file path such as ./lagebild.db")
    if not path.parent.exists():
        raise StoreLocationError(f"folder {path.parent} does not exist", "create it or choose another --db path")
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        sconn: sqlite3.Connection | None = None
        try:
            sconn = sqlite3.connect(str(path), timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            _sqlite_setup(sconn)
            return Database(_Conn(sconn), "sqlite", str(path))
        except sqlite3.OperationalError as e:
            # Switching to WAL while another process creates or opens the same file can fail
            # at once with "database is locked": SQLite's busy handler does not cover it.
            # That is another writer, not a broken file: wait and try again.
            if sconn is not None:
                sconn.close()
            if _is_busy(e) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            if _is_busy(e):
                raise StoreError(f"{path} stays locked by another process for {SQLITE_BUSY_TIMEOUT_S:.0f} s ({e})",
                                 "wait for the other run to finish") from e
            raise StoreError(f"{path} is not a SQLite database ({e})", "choose another --db path") from e
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path} is not a SQLite database ({e})", "choose another --db path") from e


def _sqlite_setup(sconn: sqlite3.Connection) -> None:
    sconn.execute("PRAGMA journal_mode=WAL")
    sconn.execute("PRAGMA synchronous=NORMAL")
    sconn.execute("PRAGMA foreign_keys=ON")


def _is_busy(e: sqlite3.OperationalError) -> bool:
    text = str(e).lower()
    return "locked" in text or "busy" in text


class _Conn:
    """Autocommit connection; ``Database.transaction`` issues BEGIN/COMMIT itself."""

    def __init__(self, c: Any) -> None:
        self.c = c

    def cursor(self) -> Any:
        return self.c.cursor()

    def execute(self, sql: str) -> None:
        self.c.execute(sql)

    def commit(self) -> None:
        self.c.execute("COMMIT")

    def rollback(self) -> None:
        with contextlib.suppress(Exception):  # no transaction open: nothing to undo
            self.c.execute("ROLLBACK")

    def close(self) -> None:
        self.c.close()
