"""A real run killed with SIGKILL midway leaves a consistent store; the next run completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild.pipeline import analyze
from lagebild.store import open_store
from tests.conftest import EXAMPLES


def _count(db, sql: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def _memberships(db) -> set[frozenset[str]]:
    s = open_store(db)
    try:
        groups: dict[str, set[str]] = {}
        for r in s.db.query("SELECT id, story_id FROM articles WHERE status = 'ok'"):
            groups.setdefault(r["story_id"], set()).add(r["id"])
        return {frozenset(v) for v in groups.values()}
    finally:
        s.close()


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    out = []
    for d in Path("/proc").glob("[0-9]*"):
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize(
    "moment",
    [
        # after the cleaned articles were committed, before any story exists
        "SELECT COUNT(*) FROM articles WHERE (SELECT COUNT(*) FROM stories) = 0",
        # after sentences were embedded, before any article was extracted
        "SELECT COUNT(*) FROM embeddings WHERE (SELECT COUNT(*) FROM extractions) = 0",
        # after some dossiers were written, while others are still missing
        "SELECT COUNT(*) FROM dossiers WHERE (SELECT COUNT(*) FROM stories WHERE dirty = 1) > 0",
    ],
    ids=["after-cleaning", "after-embedding", "during-dossiers"],
)
def test_kill_9_midway_then_resume(tmp_path, example_store, moment):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "analyze", str(EXAMPLES), "--db", str(db), "--out", str(tmp_path / "out"), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 600
    killed = False
    while time.time() < deadline and proc.poll() is None:
        if db.exists() and _count(db, moment) > 0:
            workers = _children(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.05)
    proc.wait(timeout=30)
    if not killed:
        pytest.skip("the run finished before the moment to kill it came")
    # its worker processes do not outlive it (they would wait for tasks for ever)
    from lagebild.scale.pool import PARENT_CHECK_SECONDS

    end = time.time() + 5 * PARENT_CHECK_SECONDS
    while time.time() < end and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    s = open_store(db)
    done_before = s.count("embeddings")
    report = analyze([EXAMPLES], s)
    assert report.failures == []
    # the resumed run did not redo what was done
    assert report.articles_new == 0 and report.articles_changed == 0
    assert s.count("embeddings") >= done_before
    assert s.dirty_stories() == []
    assert all(s.get_dossier(i) is not None for i in s.story_ids())
    s.close()
    reference_db, _ = example_store
    assert _memberships(db) == _memberships(reference_db)


def test_two_concurrent_writers_lose_and_duplicate_nothing(tmp_path):
    """Two `analyze` processes writing one SQLite store at the same time: every article of
    both inputs is stored once, the store is intact, and a third run finds nothing new."""
    import shutil

    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".json", ".jsonl", ".html"})
    halves = [tmp_path / "a", tmp_path / "b"]
    for k, half in enumerate(halves):
        half.mkdir()
        shutil.copy(EXAMPLES / "outlets.json", half / "outlets.json")
        for p in files[k::2]:
            shutil.copy(p, half / p.name)
    db = tmp_path / "shared.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "lagebild", "analyze", str(half), "--db", str(db),
             "--out", str(tmp_path / f"out-{half.name}"), "--quiet", "--workers", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for half in halves
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    s = open_store(db)
    try:
        report = analyze([EXAMPLES], s)
        assert report.failures == []
        assert report.articles_new == 0 and report.articles_changed == 0
        assert s.dirty_stories() == []
        assert all(s.get_dossier(i) is not None for i in s.story_ids())
    finally:
        s.close()
