"""The command line through Typer's runner: contracts, exit codes, messages."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from lagebild.cli import app

runner = CliRunner()


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")


STORY_A = (
    "Fähre in Brelingen auf Grund gelaufen\n"
    "Die Fähre „Nordlicht“ ist am Dienstag vor Brelingen auf Grund gelaufen. "
    "Alle 40 Fahrgäste wurden nach knapp zwei Stunden gerettet, sagte Hafenmeister Jan Olsen.\n"
)
STORY_B = (
    "Fähre Nordlicht: Rettung dauerte fast zwei Stunden\n"
    "Vor Brelingen ist am Dienstag die Fähre „Nordlicht“ gestrandet. "
    "Nach fast zwei Stunden waren alle 40 Passagiere an Land, berichtete Hafenmeister Jan Olsen.\n"
)


def test_analyze_writes_the_report_and_exits_0(tmp_path):
    src = tmp_path / "in"
    _write(src, "bote_faehre.txt", STORY_A)
    _write(src, "kurier_faehre.txt", STORY_B)
    out = tmp_path / "out"
    res = runner.invoke(app, ["analyze", str(src), "--db", str(tmp_path / "x.db"), "--out", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    listing = json.loads((out / "stories.json").read_text("utf-8"))
    assert listing["stories"] and {"id", "title", "articles"} <= set(listing["stories"][0])
    sid = listing["stories"][0]["id"]
    for ext in ("json", "html", "md"):
        assert (out / "stories" / f"{sid}.{ext}").stat().st_size > 0
    assert (out / "index.html").read_text("utf-8").lower().startswith("<!doctype html")
    doc = json.loads((out / "stories" / f"{sid}.json").read_text("utf-8"))
    assert doc["schema"] == "lagebild/dossier@1"


def test_analyze_exit_1_names_each_bad_input_and_keeps_going(tmp_path):
    src = tmp_path / "in"
    _write(src, "bote_faehre.txt", STORY_A)
    (src / "leer.txt").write_text("", "utf-8")
    (src / "kaputt.json").write_text("{", "utf-8")
    res = runner.invoke(app, ["analyze", str(src), str(tmp_path / "fehlt.txt"), "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "o"), "--quiet"])
    assert res.exit_code == 1
    for name in ("leer.txt", "kaputt.json", "fehlt.txt"):
        assert name in res.output
    assert (tmp_path / "o" / "stories.json").exists()


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["analyze"]).exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2
    res = runner.invoke(app, ["extract", str(tmp_path), "--only", "entities,weather"])
    assert res.exit_code == 2 and "weather" in res.output
    from lagebild.store import open_store

    open_store(tmp_path / "x.db").close()
    res = runner.invoke(app, ["show", "s-nope", "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "no story" in res.output
    res = runner.invoke(app, ["stories", "--db", str(tmp_path / "missing" / "x.db")])
    assert res.exit_code == 2 and "no store at" in res.output


def test_cluster_json_contract(tmp_path):
    src = tmp_path / "in"
    _write(src, "bote_faehre.txt", STORY_A)
    _write(src, "kurier_faehre.txt", STORY_B)
    res = runner.invoke(app, ["cluster", str(src), "--json", "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"stories"}
    arts = sorted(a for s in data["stories"] for a in s["articles"])
    assert arts == ["bote_faehre", "kurier_faehre"]
    assert all(set(s) >= {"id", "title", "articles"} for s in data["stories"])


def test_extract_lines_and_offsets(tmp_path):
    src = tmp_path / "in"
    _write(src, "bote_faehre.txt", "Teilen\n" + STORY_A)
    res = runner.invoke(app, ["extract", str(src)])
    assert res.exit_code == 0, res.output
    line = json.loads(res.stdout.splitlines()[0])
    assert set(line) >= {"id", "language", "published", "text", "entities", "quotes", "times"}
    assert "Teilen" not in line["text"].split("\n")[0]
    for key in ("entities", "quotes", "times"):
        for item in line[key]:
            assert line["text"][item["start"] : item["end"]] == item["text"]
    raw = json.loads(runner.invoke(app, ["extract", str(src), "--raw", "--only", "times"]).stdout.splitlines()[0])
    assert raw["text"] == "Teilen\n" + STORY_A
    assert set(raw) >= {"times"} and "entities" not in raw


def test_stories_and_show(tmp_path):
    src = tmp_path / "in"
    _write(src, "bote_faehre.txt", STORY_A)
    db = str(tmp_path / "x.db")
    runner.invoke(app, ["analyze", str(src), "--db", db, "--out", str(tmp_path / "o"), "--quiet"])
    res = runner.invoke(app, ["stories", "--db", db, "--json"])
    items = json.loads(res.stdout)["stories"]
    assert items and items[0]["article_count"] == 1
    shown = runner.invoke(app, ["show", items[0]["id"], "--db", db])
    assert shown.exit_code == 0 and "## Quellen" in shown.stdout  # German by default
    english = runner.invoke(app, ["show", items[0]["id"], "--db", db, "--lang", "en"])
    assert english.exit_code == 0 and "## Sources" in english.stdout and "## Quellen" not in english.stdout
    bad = runner.invoke(app, ["show", items[0]["id"], "--db", db, "--lang", "fr"])
    assert bad.exit_code == 2 and "--lang de|en" in bad.output
    assert json.loads(runner.invoke(app, ["show", items[0]["id"], "--db", db, "--json"]).stdout)["schema"] == "lagebild/dossier@1"


def test_help_teaches():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for cmd in ("analyze", "cluster", "extract", "stories", "show", "serve"):
        assert cmd in res.stdout
    assert "--db" in runner.invoke(app, ["analyze", "--help"]).stdout
