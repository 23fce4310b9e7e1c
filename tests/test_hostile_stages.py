"""Crash isolation in the later stages: a bad story is recorded, retried once, then left failed
without blocking anything; the fact aligner survives claims without content; the guard."""

from __future__ import annotations

import json
import sqlite3
import time

import numpy as np

from lagebild.compare.facts import align_claims
from lagebild.guard import guarded
from lagebild.models import Article, Sentence
from lagebild.pipeline import analyze
from lagebild.store import open_store

STORY_A = (
    "Fähre in Brelingen auf Grund gelaufen\n"
    "Die Fähre „Nordlicht“ ist am Dienstag vor Brelingen auf Grund gelaufen. "
    "Alle 40 Fahrgäste wurden nach knapp zwei Stunden gerettet, sagte Hafenmeister Jan Olsen.\n"
)
STORY_B = (
    "Stadtrat Elmtal beschließt neues Schwimmbad\n"
    "Der Stadtrat von Elmtal hat am Mittwoch den Bau eines neuen Schwimmbads beschlossen. "
    "Das Bad soll 12 Millionen Euro kosten, sagte Kämmerer Peter Hahn.\n"
)

SPORT = (
    "Hegeberger Ruderer gewinnen Landesmeisterschaft\n"
    "Der Ruderclub Hegeberg hat am Sonntag die Landesmeisterschaft im Achter gewonnen. "
    "Trainerin Sina Wolff lobte die Mannschaft nach dem knappen Finale.\n"
)


def _art(aid: str, text: str) -> Article:
    return Article(id=aid, text=text, outlet=aid, language="de", sentences=(Sentence(0, text, 0, len(text), "de"),))


def test_claims_without_any_content_align_without_error():
    # two outlets whose only sentences are brackets: _lexical_containment had no features and
    # returned 3 values where its caller unpacks 5
    arts = [_art("bote", "{{{{ }}}} ((( )))"), _art("kurier", "[[[ ]]] {{{{ }}}}")]

    def embed(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    al = align_claims(arts, embed)
    assert len(al.claims) == 2 and al.scores.shape == (2, 2)


def test_guard_names_crashes_and_runaways():
    def boom() -> None:
        raise ValueError("kaputt")

    def spin() -> None:
        while True:
            time.sleep(0) or sum(range(1000))

    assert guarded(boom).error == "ValueError: kaputt"
    assert "nested too deeply" in (guarded(lambda: json.loads("[" * 100_000)).error or "")
    res = guarded(spin, budget=0.5)
    assert not res.ok and "CPU time" in (res.error or "")
    assert guarded(lambda: 7, budget=5).value == 7


def _corrupt(db, article_id: str) -> None:
    """Damage one stored article the way a bug or a bad disk would: a sentence the model cannot read."""
    con = sqlite3.connect(db)
    try:
        row = json.loads(con.execute("SELECT article_json FROM articles WHERE id = ?", (article_id,)).fetchone()[0])
        row["sentences"][0]["bogus"] = 1
        con.execute("UPDATE articles SET article_json = ? WHERE id = ?", (json.dumps(row), article_id))
        con.execute("UPDATE stories SET dirty = 1 WHERE id = (SELECT story_id FROM articles WHERE id = ?)", (article_id,))
        con.commit()
    finally:
        con.close()


def test_failed_story_is_retried_once_then_left_failed_and_blocks_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bote_faehre.txt").write_text(STORY_A, "utf-8")
    (src / "rundschau_bad.txt").write_text(STORY_B, "utf-8")
    db = tmp_path / "s.db"
    s = open_store(db)
    try:
        assert analyze([src], s).ok
        bad_story = s.get_article("rundschau_bad")["story"]
    finally:
        s.close()
    _corrupt(db, "rundschau_bad")

    def run(files: dict[str, str]):
        folder = tmp_path / f"new{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, "utf-8")
        st = open_store(db)
        try:
            return analyze([folder], st), None, st.story_failure(bad_story), st.dirty_stories()
        finally:
            st.close()

    # run 1: the bad story fails, is recorded and stays dirty; a new story still gets its dossier
    report, _, failure, dirty = run({"kurier_bruecke.txt": STORY_A.replace("Brelingen", "Kranwerth").replace("Fähre", "Brücke")})
    story_failures = [f for f in report.failures if f.stage == "dossier"]
    assert len(story_failures) == 1 and bad_story in story_failures[0].source
    assert "retried on the next run" in story_failures[0].reason
    assert failure is not None and failure["attempts"] == 1 and failure["stage"] == "dossier"
    assert bad_story in dirty
    st = open_store(db)
    try:
        new_story = st.get_article("kurier_bruecke")["story"]
        assert st.get_dossier(new_story) is not None
    finally:
        st.close()
    # run 2: retried once with the same articles, fails again: left failed
    report, _, failure, _ = run({"post_x.txt": SPORT})
    assert failure["attempts"] == 2
    assert any("left failed until they change" in f.reason for f in report.failures)
    # run 3: not tried again, named, and new good articles still get their dossiers
    report, _, failure, _ = run({"zeitung_y.txt": STORY_A.replace("Brelingen", "Auel")})
    assert failure["attempts"] == 2
    assert any(f.stage == "dossier" and "left failed" in f.reason for f in report.failures)
    st = open_store(db)
    try:
        assert st.get_dossier(st.get_article("zeitung_y")["story"]) is not None
    finally:
        st.close()


def test_an_internal_error_exits_3_names_itself_a_bug_and_saves_the_report(tmp_path):
    from typer.testing import CliRunner

    from lagebild.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "bote_faehre.txt").write_text(STORY_A, "utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(src), "--db", str(db), "--out", str(tmp_path / "o"), "--quiet"]).exit_code == 0
    # a dossier row damaged behind lagebild's back: reading it is a failure lagebild did not plan for
    con = sqlite3.connect(db)
    sid = con.execute("SELECT story_id FROM dossiers").fetchone()[0]
    con.execute("UPDATE dossiers SET json = '{broken' WHERE story_id = ?", (sid,))
    con.commit()
    con.close()
    logs = tmp_path / "logs"
    res = runner.invoke(app, ["show", sid, "--db", str(db)], env={"LAGEBILD_LOG_DIR": str(logs)})
    assert res.exit_code == 3
    assert "internal error" in res.output and "a bug in lagebild" in res.output
    assert "Traceback" not in res.output
    saved = list(logs.glob("lagebild-crash-*.log"))
    assert len(saved) == 1 and str(saved[0]) in res.output
    assert "Traceback" in saved[0].read_text("utf-8")


def test_guarded_tasks_survive_a_process_pool(tmp_path):
    # the guarded per-item callables are module-level (picklable) and a failing item comes
    # back as a named failure from a worker process instead of ending the run
    import pickle

    from lagebild.scale.pool import LocalPool
    from lagebild.scale.tasks import DossierTask, build_one_dossier_guarded, extract_one_guarded

    for fn in (build_one_dossier_guarded, extract_one_guarded):
        assert pickle.loads(pickle.dumps(fn)) is fn
    good = _art("bote", STORY_A.replace("\n", " "))
    bad = DossierTask("s-bad", "x", (good,), {"bote": "not an extraction"})  # type: ignore[dict-item]
    with LocalPool(2) as pool:
        results = list(pool.imap(build_one_dossier_guarded, [bad]))
        extracted = list(pool.imap(extract_one_guarded, [good]))
    assert not results[0].ok and results[0].error
    assert extracted[0].ok and extracted[0].value is not None and extracted[0].value[0] == "bote"


def test_a_story_page_that_cannot_be_rendered_is_named_and_the_others_are_written(tmp_path):
    from lagebild.render.files import write_report

    src = tmp_path / "in"
    src.mkdir()
    (src / "bote_faehre.txt").write_text(STORY_A, "utf-8")
    (src / "rundschau_bad.txt").write_text(STORY_B, "utf-8")
    db = tmp_path / "s.db"
    s = open_store(db)
    try:
        assert analyze([src], s).ok
        good_story = s.get_article("bote_faehre")["story"]
        bad_story = s.get_article("rundschau_bad")["story"]
    finally:
        s.close()
    assert good_story != bad_story
    con = sqlite3.connect(db)  # valid JSON that is no dossier: rendering it fails
    con.execute("UPDATE dossiers SET json = ? WHERE story_id = ?", (json.dumps({"story": {}, "articles": [], "facts": 5}), bad_story))
    con.commit()
    con.close()
    out = tmp_path / "out"
    failures: list = []
    s = open_store(db)
    try:
        written = write_report(s, out, None, failures=failures)
    finally:
        s.close()
    assert written == 1
    assert (out / "stories" / f"{good_story}.html").exists()
    assert not (out / "stories" / f"{bad_story}.html").exists()
    assert len(failures) == 1 and bad_story in failures[0].source and failures[0].stage == "render"
    listed = json.loads((out / "stories.json").read_text("utf-8"))
    assert bad_story not in json.dumps(listed) and good_story in json.dumps(listed)
