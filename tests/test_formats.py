"""news-please and trafilatura output read like our own JSON, detected by their fields."""

from __future__ import annotations

import json

from lagebild.ingest.files import Failure, iter_raw_articles
from lagebild.ingest.formats import SKIPPED, detect_format
from lagebild.models import RawArticle

TEXT = ("Die Fähre Möwenstein ist am Mittwoch auf dem Varnsee auf Grund gelaufen. "
        "Alle 40 Fahrgäste wurden gerettet, teilte die Polizei mit.")

NEWS_PLEASE = {
    "authors": ["Anna Berg", "Jan Olsen"], "date_download": "2026-03-11 10:00:00", "date_modify": None,
    "date_publish": "2026-03-11 09:30:00", "description": "Kurz", "filename": "x.json",
    "image_url": None, "language": "de", "localpath": None, "maintext": TEXT,
    "source_domain": "varnsee-kurier.example", "title": "Fähre auf Grund", "title_page": None, "title_rss": None,
    "url": "https://www.varnsee-kurier.example/a/1",
}

TRAFILATURA_JSON = {
    "title": "Fähre auf Grund", "author": "Anna Berg", "hostname": "varnsee-kurier.example", "date": "2026-03-11",
    "fingerprint": "40fdeeb412ad8a37", "id": None, "license": None, "comments": "", "raw_text": TEXT.replace("\n", " "),
    "text": "Fähre auf Grund\n" + TEXT, "language": None, "image": None, "pagetype": None, "filedate": "2026-12-01",
    "source": "https://www.varnsee-kurier.example/a/1", "source-hostname": "Varnsee-Kurier", "excerpt": None,
    "categories": "", "tags": "",
}

TRAFILATURA_XML = """<doc sitename="Varnsee-Kurier" title="Fähre auf Grund" author="Anna Berg" date="2026-03-11" url="https://www.varnsee-kurier.example/a/1" hostname="varnsee-kurier.example" fingerprint="40fdeeb412ad8a37">
  <main>
    <head rend="h1">Fähre auf Grund</head>
    <p>Die Fähre Möwenstein ist am Mittwoch auf dem Varnsee auf Grund gelaufen.</p>
    <p>Alle 40 Fahrgäste wurden gerettet, teilte die Polizei mit.</p>
  </main>
  <comments/>
</doc>"""


def _read(path) -> list[RawArticle | Failure]:
    return list(iter_raw_articles([path]))


def test_detect_format():
    assert detect_format(NEWS_PLEASE) == "news-please"
    assert detect_format(TRAFILATURA_JSON) == "trafilatura"
    assert detect_format({"text": "x", "outlet": "y"}) == "article"
    assert detect_format({"schema": "x"}) == "other"


def test_news_please_json(tmp_path):
    f = tmp_path / "np_artikel.json"
    f.write_text(json.dumps(NEWS_PLEASE, ensure_ascii=False), "utf-8")
    [a] = _read(f)
    assert isinstance(a, RawArticle)
    assert a.id == "np_artikel" and a.text == TEXT and a.title == "Fähre auf Grund"
    assert a.outlet == "varnsee-kurier.example" and a.url == NEWS_PLEASE["url"]
    assert a.published == "2026-03-11T09:30:00" and a.language == "de" and a.author == "Anna Berg, Jan Olsen"


def test_news_please_list_and_jsonl_and_missing_maintext(tmp_path):
    second = {**NEWS_PLEASE, "url": "https://b.example/2", "maintext": None}
    f = tmp_path / "batch.json"
    f.write_text(json.dumps([NEWS_PLEASE, second]), "utf-8")
    ok, bad = _read(f)
    assert isinstance(ok, RawArticle) and ok.text == TEXT
    assert isinstance(bad, Failure) and "maintext" in bad.reason and bad.source.endswith("[1]")
    j = tmp_path / "batch.jsonl"
    j.write_text(json.dumps(NEWS_PLEASE) + "\n" + json.dumps(TRAFILATURA_JSON) + "\n", "utf-8")
    a, b = _read(j)
    assert a.outlet == "varnsee-kurier.example" and b.outlet == "Varnsee-Kurier"


def test_trafilatura_json(tmp_path):
    f = tmp_path / "t.json"
    f.write_text(json.dumps(TRAFILATURA_JSON, ensure_ascii=False), "utf-8")
    [a] = _read(f)
    # trafilatura's "source" is the URL, not the outlet
    assert a.url == "https://www.varnsee-kurier.example/a/1" and a.outlet == "Varnsee-Kurier"
    assert a.published == "2026-03-11" and a.author == "Anna Berg" and TEXT in a.text


def test_trafilatura_xml_and_other_xml(tmp_path):
    f = tmp_path / "t.xml"
    f.write_text(TRAFILATURA_XML, "utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>x</loc></url></urlset>", "utf-8")
    items = _read(tmp_path)
    arts = [i for i in items if isinstance(i, RawArticle)]
    notes = [i for i in items if isinstance(i, Failure)]
    assert len(arts) == 1 and arts[0].id == "t"
    assert arts[0].text.splitlines() == [
        "Fähre auf Grund",
        "Die Fähre Möwenstein ist am Mittwoch auf dem Varnsee auf Grund gelaufen.",
        "Alle 40 Fahrgäste wurden gerettet, teilte die Polizei mit.",
    ]
    assert arts[0].outlet == "Varnsee-Kurier" and arts[0].url.endswith("/a/1")
    assert len(notes) == 1 and notes[0].stage == SKIPPED and "sitemap.xml" in notes[0].source


def test_news_please_through_the_pipeline(tmp_path):
    from lagebild.pipeline import analyze
    from lagebild.store import open_store

    f = tmp_path / "in" / "np.json"
    f.parent.mkdir()
    f.write_text(json.dumps(NEWS_PLEASE, ensure_ascii=False), "utf-8")
    with open_store(tmp_path / "x.db") as s:
        rep = analyze([f.parent], s)
        assert not rep.failures
        [a] = s.articles()
        assert a.outlet == "varnsee-kurier.example" and a.published.startswith("2026-03-11")
