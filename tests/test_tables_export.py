"""Queryable tables (SQLite via sqlite-utils, and PostgreSQL), exports (csv, jsonl, xlsx), outlets."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.store import open_store
from tests.test_store import pg_url  # noqa: F401  (the PostgreSQL server fixture)

runner = CliRunner()


def _docs(db) -> list[dict]:
    with open_store(db) as s:
        return [s.get_dossier(i) for i in s.story_ids()]


def _big(docs: list[dict]) -> dict:
    return max(docs, key=lambda d: len(d["facts"]))


def test_sqlite_tables_match_the_dossiers(example_store):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db_path, _ = example_store
    db = sqlite_utils.Database(db_path)
    names = set(db.table_names())
    assert {"facts", "fact_supports", "quotes", "quote_carriers", "contradictions", "contradiction_claims",
            "entities", "outlets"} <= names
    docs = _docs(db_path)
    for d in docs:
        sid = d["story"]["id"]
        assert db.execute("SELECT COUNT(*) FROM facts WHERE story_id = ?", [sid]).fetchone()[0] == len(d["facts"])
        assert db.execute("SELECT COUNT(*) FROM quotes WHERE story_id = ?", [sid]).fetchone()[0] == len(d["quotes"])
        assert db.execute("SELECT COUNT(*) FROM contradictions WHERE story_id = ?", [sid]).fetchone()[0] == len(d["contradictions"])
        assert db.execute("SELECT COUNT(*) FROM entities WHERE story_id = ?", [sid]).fetchone()[0] == len(d["entities"])
    big = _big(docs)
    f = big["facts"][0]
    rows = list(db.query("SELECT article_id, sentence, outlet, sentence_text FROM fact_supports "
                         "WHERE story_id = ? AND fact_id = ?", [big["story"]["id"], f["id"]]))
    arts = {a["id"]: a for a in big["articles"]}
    assert {(r["article_id"], r["sentence"]) for r in rows} == {(r["article"], r["sentence"]) for r in f["support"]}
    for r in rows:
        assert r["sentence_text"] == arts[r["article_id"]]["sentences"][r["sentence"]]["text"]
        assert r["outlet"] == arts[r["article_id"]]["outlet"]
    # an outlet name, never a file id, for the example corpus (outlets.json names them all)
    outlets = {r["outlet"] for r in db.query("SELECT DISTINCT outlet FROM fact_supports")}
    assert "Hegeberger Tagblatt" in outlets and "hegeberger-tagblatt_faehre" not in outlets
    carriers = list(db.query("SELECT q.speaker, c.outlet, c.match FROM quotes q JOIN quote_carriers c "
                             "USING (story_id, quote_id)"))
    assert carriers and all(c["match"] for c in carriers)


@pytest.mark.postgres
def test_postgres_tables(pg_url, tmp_path):  # noqa: F811 - pytest injects the imported fixture by name
    import psycopg

    from lagebild.pipeline import analyze
    from tests.conftest import EXAMPLES

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    with open_store(pg_url) as s:
        analyze([EXAMPLES], s)
        docs = [s.get_dossier(i) for i in s.story_ids()]
    with psycopg.connect(pg_url) as conn:
        n_facts = conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
        n_supports = conn.execute("SELECT COUNT(*) FROM fact_supports").fetchone()[0]
        n_carriers = conn.execute("SELECT COUNT(*) FROM quote_carriers").fetchone()[0]
        outlets = {r[0] for r in conn.execute("SELECT name FROM outlets")}
    assert n_facts == sum(len(d["facts"]) for d in docs) > 0
    assert n_supports >= n_facts
    assert n_carriers >= sum(len(d["quotes"]) for d in docs)
    assert "Netzkurier" in outlets


def test_export_csv_jsonl_xlsx(example_copy, tmp_path):
    docs = _docs(example_copy)
    big = _big(docs)
    sid = big["story"]["id"]
    res = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", str(example_copy)])
    assert res.exit_code == 0, res.output
    with (tmp_path / "csv" / "facts.csv").open(encoding="utf-8-sig", newline="") as fh:
        facts = list(csv.DictReader(fh))
    assert len(facts) == sum(len({(r["article"], r["sentence"]) for r in f["support"]}) for d in docs for f in d["facts"])
    assert {"story_id", "fact_id", "text", "article_id", "sentence", "outlet", "sentence_text"} <= set(facts[0])
    with (tmp_path / "csv" / "quotes.csv").open(encoding="utf-8-sig", newline="") as fh:
        quotes = list(csv.DictReader(fh))
    assert len(quotes) == sum(len(q["carriers"]) for d in docs for q in d["quotes"])
    for name in ("stories", "articles", "contradictions", "entities", "outlet_facts"):
        assert (tmp_path / "csv" / f"{name}.csv").stat().st_size > 0
    with (tmp_path / "csv" / "stories.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(docs)

    res = runner.invoke(app, ["export", "--story", sid[:6], "--format", "jsonl", "--out", str(tmp_path / "j"),
                              "--db", str(example_copy)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in (tmp_path / "j" / "contradictions.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == sum(len({(r["article"], r["sentence"]) for r in c["claims"]}) for c in big["contradictions"])
    assert all(x["story_id"] == sid for x in lines)

    openpyxl = pytest.importorskip("openpyxl")
    res = runner.invoke(app, ["export", "--story", sid, "--format", "xlsx", "--out", str(tmp_path / "x"),
                              "--db", str(example_copy)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(tmp_path / "x" / "lagebild.xlsx", read_only=True)
    assert wb.sheetnames == ["stories", "articles", "facts", "quotes", "contradictions", "entities", "outlet_facts"]
    matrix = list(wb["outlet_facts"].iter_rows(values_only=True))
    head = matrix[0]
    assert head[:3] == ("story_id", "fact_id", "fact") and len(head) > 4
    assert len(matrix) - 1 == len(big["facts"])
    # a filled cell is the outlet's own sentence
    arts = {a["outlet"]: a for a in big["articles"]}
    row = matrix[1]
    for outlet, cell in zip(head[3:], row[3:]):
        if cell:
            assert cell.split(" | ")[0] in {s["text"] for s in arts[outlet]["sentences"]}


def test_export_errors(tmp_path, example_copy):
    res = runner.invoke(app, ["export", "--format", "pdf", "--out", str(tmp_path), "--db", str(example_copy)])
    assert res.exit_code == 2 and "csv, xlsx, jsonl" in res.output
    res = runner.invoke(app, ["export", "--out", str(tmp_path), "--db", str(tmp_path / "nope.db")])
    assert res.exit_code == 2 and "no store at" in res.output
    assert not (tmp_path / "nope.db").exists()


def test_outlets_registry_and_names(example_copy):
    res = runner.invoke(app, ["outlets", "list", "--json", "--db", str(example_copy)])
    assert res.exit_code == 0, res.output
    items = json.loads(res.stdout)["outlets"]
    by_name = {o["name"]: o for o in items}
    assert "Hegeberger Tagblatt" in by_name and by_name["Hegeberger Tagblatt"]["origin"] == "input"
    res = runner.invoke(app, ["outlets", "set", "Hegeberger Tagblatt", "--name", "Hegeberger Tageblatt",
                              "--kind", "regional", "--country", "DE", "--db", str(example_copy)])
    assert res.exit_code == 0, res.output
    docs = _docs(example_copy)
    shown = {a["outlet"] for d in docs for a in d["articles"]}
    assert "Hegeberger Tageblatt" in shown and "Hegeberger Tagblatt" not in shown
    with open_store(example_copy) as s:
        rows = s.db.query("SELECT DISTINCT outlet FROM fact_supports")
        assert "Hegeberger Tageblatt" in {r["outlet"] for r in rows}
        hits, _ = s.list_stories(q="Tageblatt")
        assert hits
    res = runner.invoke(app, ["outlets", "set", "x.example", "--kind", "gossip", "--db", str(example_copy)])
    assert res.exit_code == 2 and "tabloid" in res.output


def test_outlet_from_url_domain_and_warning(tmp_path):
    text = ("Die Fähre Möwenstein ist am Mittwoch auf dem Varnsee auf Grund gelaufen. "
            "Alle 40 Fahrgäste wurden gerettet, teilte die Polizei mit. Der Kapitän blieb an Bord.")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(
        json.dumps({"id": "mit-url", "text": text, "url": "https://www.varnsee-kurier.example/x"}) + "\n"
        + json.dumps({"id": "ohne", "text": text.replace("Mittwoch", "Dienstag")}) + "\n", "utf-8")
    db = tmp_path / "x.db"
    res = runner.invoke(app, ["analyze", str(src), "--db", str(db), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert res.output.count("no outlet name") == 1 and "outlets.json" in res.output and "ohne" in res.output
    with open_store(db) as s:
        outlets = {a.id: a.outlet for a in s.articles()}
        assert outlets["mit-url"] == "varnsee-kurier.example"
    res = runner.invoke(app, ["outlets", "set", "varnsee-kurier.example", "--name", "Varnsee-Kurier", "--db", str(db)])
    assert res.exit_code == 0, res.output
    docs = _docs(db)
    assert "Varnsee-Kurier" in {a["outlet"] for d in docs for a in d["articles"]}


def test_tables_rebuilt_from_stored_dossiers(example_copy):
    with open_store(example_copy) as s:
        n = s.count("fact_supports")
        assert n > 0
        with s.db.transaction():
            for t in ("facts", "fact_supports", "quotes", "quote_carriers", "contradictions", "contradiction_claims",
                      "entities"):
                s.db.execute(f"DELETE FROM {t}")
        s.rebuild_tables()  # what opening a store made before the tables existed does
        assert s.count("fact_supports") == n


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from lagebild.export import write_export

    doc = {"story": {"id": "s1", "title": "=1+1"},
           "articles": [{"id": "a", "outlet": "X", "sentences": [{"i": 0, "text": '=HYPERLINK("x")'}]}],
           "facts": [{"id": "f1", "text": "=2+2", "support": [{"article": "a", "sentence": 0}]}]}
    write_export([doc], "xlsx", tmp_path)
    row = openpyxl.load_workbook(tmp_path / "lagebild.xlsx")["facts"][2]
    assert [c.value for c in row][2] == "=2+2" and row[2].data_type == "s"
    assert row[-1].value == '=HYPERLINK("x")' and row[-1].data_type == "s"


def test_registry_keeps_explicit_names_unless_the_user_named_the_domain(tmp_path):
    from lagebild.models import Article
    from lagebild.outlets import Registry, domain_of

    assert domain_of("https://WWW.Spiegel.de/a?b") == "spiegel.de" and domain_of("datei.txt") is None
    arts = [Article(id="a", text="x", url="https://news.example/1", outlet="Brelinger Bote", language="de"),
            Article(id="b", text="x", url="https://news.example/2", outlet="Seekurier", language="de"),
            Article(id="c", text="x", url="https://www.other.example/3", language="en")]
    with open_store(tmp_path / "r.db") as s:
        reg = Registry(s.db)
        reg.learn(arts)
        assert [a.outlet for a in reg.named(arts)] == ["Brelinger Bote", "Seekurier", "other.example"]
        assert reg.get("other.example").language == "en"
        reg.set("other.example", name="Other Daily", kind="newspaper")
        reg.set("https://news.example/", name="Newsportal")
        assert [a.outlet for a in reg.named(arts)] == ["Newsportal", "Newsportal", "Other Daily"]


def test_rows_of_a_removed_story_are_pruned(example_copy):
    from lagebild.store.tables import prune_story_tables

    with open_store(example_copy) as s:
        sid = s.story_ids()[0]
        with s.db.transaction():
            s.db.execute("DELETE FROM stories WHERE id = ?", (sid,))
        prune_story_tables(s.db)
        assert s.db.one("SELECT COUNT(*) AS n FROM entities WHERE story_id = ?", (sid,))["n"] == 0
        assert s.count("entities") > 0
