"""The store: migrations, idempotent writes, versions, embeddings, paging — SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.models import Article, Contradiction, Dossier, RawArticle, Ref, Removed, Sentence, Story
from lagebild.store import open_store
from lagebild.store.serialize import article_from_json, article_to_json


def _article(aid: str, text: str = "Erster Satz. Zweiter Satz.") -> tuple[RawArticle, str, Article]:
    raw = RawArticle(id=aid, text=text, source=f"{aid}.txt")
    sents = (Sentence(0, "Erster Satz.", 0, 12, "de"), Sentence(1, "Zweiter Satz.", 13, 26, "de"))
    return raw, f"h-{aid}-{hash(text)}", Article(id=aid, text=text, language="de", sentences=sents, content_hash="x")


def _exercise(s) -> None:
    assert s.migrate() == []  # already applied on open
    s.put_articles([_article("a1"), _article("a2")])
    assert set(s.article_hashes()) == {"a1", "a2"}
    assert s.pending_embedding() == ["a1", "a2"]
    # same content again: nothing changes
    s.put_articles([_article("a1")])
    assert s.db.one("SELECT version FROM articles WHERE id = 'a1'")["version"] == 1
    # changed content: a new version, the old one kept
    s.put_articles([_article("a1", "Neuer Text. Noch einer.")])
    assert s.db.one("SELECT version FROM articles WHERE id = 'a1'")["version"] == 2
    assert s.count("article_versions") == 1
    vec = np.arange(512, dtype=np.float32) / 512
    s.put_vectors({"h1": vec})
    got = s.get_vectors(["h1", "missing"])
    assert set(got) == {"h1"} and np.allclose(got["h1"], vec, atol=1e-2)
    s.save_stories([("s-1", "{}", vec.tobytes())], {"a1": "s-1", "a2": "s-1"})
    assert s.dirty_stories() == ["s-1"]
    one = (Sentence(0, "Erster Satz.", 0, 12),)
    doc = Dossier(
        Story("s-1", "Fähre", ("a1", "a2")),
        (Article("a1", "Erster Satz.", outlet="X", published="2026-03-10", language="de", sentences=one),
         Article("a2", "Erster Satz.", outlet="Y", published="2026-03-11", language="de", sentences=one)),
        contradictions=(Contradiction("c1", "date", "hard", "10. oder 11. März", (Ref("a1", 0), Ref("a2", 0))),),
    ).to_dict()
    s.put_dossier("s-1", "b", doc, "Fähre Brelingen")
    assert s.dirty_stories() == []
    items, nxt = s.list_stories(q="brelingen")
    assert [i["id"] for i in items] == ["s-1"] and nxt is None
    assert items[0]["contradictions"] == 1 and items[0]["languages"] == ["de"]
    assert s.list_stories(outlet="X")[0] and not s.list_stories(outlet="Z")[0]
    assert s.get_dossier("s-1")["story"]["title"] == "Fähre"
    assert s.get_dossier("nope") is None
    art = s.get_article("a2")
    assert art["story"] == "s-1" and art["sentences"][0]["text"] == "Erster Satz."


def test_sqlite_store(tmp_path):
    s = open_store(tmp_path / "x.db")
    _exercise(s)
    s.close()
    # reopening applies nothing new and keeps the data
    s2 = open_store(tmp_path / "x.db")
    assert s2.count("articles") == 2
    s2.close()


def test_paging(store):
    rows = [(f"s-{i:02d}", "{}", None) for i in range(5)]
    store.save_stories(rows, {})
    for i in range(5):
        doc = Dossier(Story(f"s-{i:02d}", f"T{i}", (f"a{i}",)), (Article(f"a{i}", "x", published=f"2026-01-0{i+1}"),)).to_dict()
        store.put_dossier(f"s-{i:02d}", "b", doc, "")
    page1, cur = store.list_stories(limit=2)
    page2, cur2 = store.list_stories(limit=2, cursor=cur)
    page3, cur3 = store.list_stories(limit=2, cursor=cur2)
    ids = [i["id"] for i in page1 + page2 + page3]
    assert ids == ["s-04", "s-03", "s-02", "s-01", "s-00"] and cur3 is None
    with pytest.raises(ValueError):
        store.list_stories(cursor="garbage!")


def test_bad_db_paths(tmp_path):
    from lagebild.errors import StoreError

    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a SQLite"):
        open_store(junk)


sentences = st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(sentences, st.sampled_from(["de", "en", None]), st.lists(st.text(max_size=20), max_size=3))
def test_article_json_round_trip(texts, lang, removed):
    sents = tuple(Sentence(i, t, i * 40, i * 40 + len(t), lang) for i, t in enumerate(texts))
    a = Article(id="a", text=" ".join(texts), language=lang, sentences=sents, removed=tuple(Removed(r, "menu") for r in removed))
    assert article_from_json(article_to_json(a)) == a


# -- PostgreSQL: a real server, started for the test session --------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    url = os.environ.get("LAGEBILD_TEST_PG")
    if url:
        yield url
        return
    pytest.importorskip("psycopg", reason="pip install 'lagebild[postgres]' to test PostgreSQL")
    bindir = None
    for cand in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (cand / "initdb").exists():
            bindir = cand
            break
    if bindir is None and shutil.which("initdb"):
        bindir = Path(shutil.which("initdb")).parent
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql), and LAGEBILD_TEST_PG is not set")
    tmp = Path(tempfile.mkdtemp(prefix="lagebild-pg-"))
    data = tmp / "data"
    user_args: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run it as 'nobody' with a folder it owns.
        shutil.chown(tmp, "nobody")
        user_args = ["runuser", "-u", "nobody", "--"]
    subprocess.run([*user_args, str(bindir / "initdb"), "-D", str(data), "-U", "lagebild", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen(
        [*user_args, str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(tmp), "-h", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"postgresql://lagebild@127.0.0.1:{port}/postgres"
    import psycopg

    for _ in range(100):
        try:
            psycopg.connect(url).close()
            break
        except Exception:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.skip("PostgreSQL did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.postgres
def test_postgres_store(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    s = open_store(pg_url)
    _exercise(s)
    s.close()


@pytest.mark.postgres
def test_postgres_analyze_examples(pg_url, tmp_path):
    import psycopg

    from lagebild.pipeline import analyze
    from tests.conftest import EXAMPLES

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    s = open_store(pg_url)
    analyze([EXAMPLES], s)
    items, _ = s.list_stories(limit=50)
    assert any(i["article_count"] >= 6 for i in items)
    s.close()


def test_sql_stays_in_the_store(store):
    """No Store method takes an SQL fragment, and no module outside store/ writes SQL."""
    import re

    with pytest.raises(ValueError, match="unknown table"):
        store.count("articles WHERE 1=1")
    assert not hasattr(store, "ids_where")
    src = Path(__file__).resolve().parents[1] / "src" / "lagebild"
    sql = re.compile(r"""["'](?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE TABLE|ALTER TABLE) |\.db\.(?:query|one|execute)""")
    found = [
        (str(p.relative_to(src)), n)
        for p in sorted(src.rglob("*.py"))
        if "store" not in p.relative_to(src).parts
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line)
    ]
    offenders = [f"{mod}:{n}" for mod, n in found if mod not in SQL_OUTSIDE_STORE_ALLOWED]
    assert not offenders, f"SQL outside src/lagebild/store/ (make it a named Store method): {offenders}"
    stale = SQL_OUTSIDE_STORE_ALLOWED - {mod for mod, _ in found}
    assert not stale, f"no SQL left in {sorted(stale)}: remove from SQL_OUTSIDE_STORE_ALLOWED"


# Modules that still run their own SQL: added on main by the watch and outlet-registry work
# (watch_state/watch_seen, outlets tables); to move into named Store methods, then drop here.
SQL_OUTSIDE_STORE_ALLOWED = {"watch.py", "outlets.py"}


def _lock_for(path, seconds):
    """Hold an exclusive lock on a fresh rollback-journal SQLite file for ``seconds``."""
    import sqlite3
    import threading

    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE x(y)")
    holder.execute("BEGIN EXCLUSIVE")

    def release():
        time.sleep(seconds)
        holder.execute("COMMIT")
        holder.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_open_waits_for_another_writer_instead_of_calling_the_file_broken(tmp_path):
    """Another process creating the store holds a lock while we switch to WAL: we wait, not fail."""
    path = tmp_path / "busy.db"
    thread = _lock_for(path, 0.4)
    from lagebild.store.db import connect

    db = connect(path)
    thread.join()
    db.close()


def test_open_names_a_lock_that_never_goes(tmp_path, monkeypatch):
    import lagebild.store.db as store_db
    from lagebild.errors import StoreError

    monkeypatch.setattr(store_db, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "held.db"
    thread = _lock_for(path, 1.0)
    with pytest.raises(StoreError, match="locked by another process"):
        store_db.connect(path)
    thread.join()


def test_as_plain_is_asdict():
    """store.serialize.as_plain gives what dataclasses.asdict gives, types of the containers
    included (named tuples kept), on nested dataclasses and on a real article and extraction."""
    from dataclasses import asdict, dataclass, field
    from typing import NamedTuple

    from lagebild.extract import extract_article
    from lagebild.pipeline import prepare_article, raw_hash
    from lagebild.store.serialize import as_plain

    class Pair(NamedTuple):
        a: int
        b: str

    @dataclass
    class Inner:
        x: float
        tags: tuple[str, ...] = ()

    @dataclass
    class Outer:
        name: str
        inner: Inner
        items: list[Inner] = field(default_factory=list)
        pairs: tuple[Pair, ...] = ()
        by: dict[str, Inner] = field(default_factory=dict)
        nothing: None = None
        flag: bool = False
        nested: list[list[int]] = field(default_factory=list)
        odd: set[int] = field(default_factory=set)

    o = Outer("n", Inner(1.5, ("a", "b")), [Inner(2.0)], (Pair(1, "x"),), {"k": Inner(3.0)}, None, True, [[1, 2], []], {3})
    got, want = as_plain(o), asdict(o)
    assert got == want
    assert type(got["pairs"][0]) is Pair and type(got["inner"]["tags"]) is tuple and got["odd"] is not o.odd
    raw = RawArticle(id="a1", text="Berlin, 3. März. Die Gouverneurin sagte: „Wir helfen.“ Das Amt prüft den Fall.", outlet="x")
    art = prepare_article(raw, raw_hash(raw))
    ex = extract_article(art)
    for obj in (raw, art, ex):
        assert as_plain(obj) == asdict(obj)
