"""The hostile corpus (tests/hostile_corpus.py: > 1,000 bad inputs beside good articles in 5
folders) through `analyze`, `cluster --json` and `extract` via the CLI runner: no traceback,
every bad input named, every good article stored, no hang; a run after it still completes and
builds the dossiers of new good articles.

Mostly tiny inputs, so the run stays at a few minutes on one core; the few big ones (1 MB
tokens, a 100,000-paragraph tag bomb) are refused by the limits before any heavy work.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from tests.hostile_corpus import accounted, good_article, good_jsonl_ids, make_corpus

# One command may take this long on a loaded CI core before it counts as a hang.
HANG_SECONDS = 600


def _invoke(args: list[str]) -> Any:
    """Run the CLI in process; fail (instead of hanging the suite) when it does not end."""
    box: dict[str, Any] = {}

    def target() -> None:
        box["res"] = CliRunner().invoke(app, args)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(HANG_SECONDS)
    if t.is_alive():
        pytest.fail(f"lagebild {' '.join(args[:2])} did not end within {HANG_SECONDS} s (a hang)")
    res = box["res"]
    assert "Traceback" not in res.output, res.output[res.output.find("Traceback") - 2000 :][:5000]
    assert res.exit_code in (0, 1), f"exit {res.exit_code}: {res.output[-3000:]}"
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise AssertionError(f"{type(res.exception).__name__}: {res.exception}")
    return res


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    return root, make_corpus(root / "corpus")


def test_the_corpus_is_big_and_mixed(corpus):
    _, man = corpus
    assert len(man.hostile) >= 1000
    for folder in man.folders:
        assert any(p.parent == folder for p in man.good.values())


def test_analyze_names_every_bad_input_and_stores_every_good_article(corpus):
    root, man = corpus
    db = root / "h.db"
    messages = ""
    for folder in man.folders:
        res = _invoke(["analyze", str(folder), "--db", str(db), "--out", str(root / "out"), "--quiet"])
        assert res.exit_code == 1  # every folder holds bad inputs
        messages += res.output
    assert "Summary:" in messages  # the failures again at the end of each run
    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("SELECT id FROM articles WHERE status = 'ok'")}
    sources = {str(r[0]).rsplit("/", 1)[-1] for r in con.execute("SELECT source FROM articles WHERE status = 'ok'")}
    con.close()
    want = set(man.good) | good_jsonl_ids(man)
    assert want <= stored, f"good articles lost: {sorted(want - stored)[:10]}"
    unnamed = [p.name for p in man.hostile if not accounted(p, messages, sources, stored)]
    assert not unnamed, f"{len(unnamed)} bad inputs neither stored nor named, e.g. {unnamed[:10]}"

    # a later run with new good articles completes and builds their dossiers
    after = root / "after"
    after.mkdir()
    new = {}
    for k in range(3):
        stem, text = good_article(9, k)
        (after / f"{stem}.txt").write_text(text, "utf-8")
        new[stem] = True
    res = _invoke(["analyze", str(after), "--db", str(db), "--out", str(root / "out2"), "--quiet"])
    assert res.exit_code == 0, res.output[-3000:]
    con = sqlite3.connect(db)
    with_dossier = {r[0] for r in con.execute("SELECT a.id FROM articles a JOIN dossiers d ON d.story_id = a.story_id")}
    con.close()
    assert set(new) <= with_dossier


def test_cluster_json_and_extract_print_valid_json_for_the_whole_corpus(corpus):
    root, man = corpus
    want = set(man.good) | good_jsonl_ids(man)
    res = _invoke(["cluster", "--json", str(root / "corpus"), "--db", str(root / "c.db"), "--quiet"])
    stories = json.loads(res.stdout)["stories"]
    assert want <= {a for s in stories for a in s["articles"]}
    res = _invoke(["extract", str(root / "corpus"), "--only", "times", "--quiet"])
    ids = {json.loads(line)["id"] for line in res.stdout.splitlines() if line.strip()}
    assert want <= ids
