"""Reading every input format of the contract, and a clear failure for every bad input."""

from __future__ import annotations

import io
import json

from lagebild.ingest.files import MAX_FILE_BYTES, Failure, iter_raw_articles
from lagebild.models import RawArticle


def _all(inputs, stdin=None):
    items = list(iter_raw_articles(inputs, stdin=stdin))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Failure)]


def test_txt_id_is_file_stem_and_outlet_from_outlets_json(tmp_path):
    (tmp_path / "000_a2b8.txt").write_text("Ein Satz über den Hafen von Brelingen.\n", "utf-8")
    (tmp_path / "outlets.json").write_text(json.dumps({"000_a2b8": "Brelinger Bote"}), "utf-8")
    arts, fails = _all([tmp_path])
    assert not fails
    assert arts[0].id == "000_a2b8" and arts[0].outlet == "Brelinger Bote"
    assert arts[0].text.startswith("Ein Satz")


def test_html_json_jsonl_and_stdin(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>Hallo Welt.</p></body></html>", "utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"title": "T", "text": "Text eins."}), "utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "x1", "text": "A."}, {"text": "B."}]), "utf-8")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "l1", "text": "Zeile eins.", "published": "2026-03-10"}) + "\n\n" + json.dumps({"html": "<p>Zwei</p>"}) + "\n",
        "utf-8",
    )
    arts, fails = _all([tmp_path])
    assert not fails
    ids = {a.id for a in arts}
    assert {"page", "one", "x1", "l1"} <= ids
    assert next(a for a in arts if a.id == "page").html
    assert next(a for a in arts if a.id == "l1").published == "2026-03-10"
    hashed = [a for a in arts if a.id.startswith("a-")]
    assert len(hashed) == 2  # list item and JSONL line without id: content hash
    stdin_arts, _ = _all(["-"], stdin=io.StringIO(json.dumps({"id": "s1", "text": "Von stdin."}) + "\n"))
    assert stdin_arts[0].id == "s1"


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Ein guter Artikel mit Inhalt.", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "blank.txt").write_text("   \n\n", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "broken.json").write_text("{not json", "utf-8")
    (tmp_path / "notext.json").write_text(json.dumps({"title": "no body"}), "utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"}\n{oops\n', "utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.seek(MAX_FILE_BYTES + 10)
        f.write(b"x")
    arts, fails = _all([tmp_path, tmp_path / "missing.txt"])
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in fails}
    assert "empty" in reasons["empty.txt"]
    assert "white space" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "invalid JSON" in reasons["broken.json"]
    assert "'text' or 'html'" in reasons["notext.json"]
    assert "line 2" in reasons["bad.jsonl:2"]
    assert "too large" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert {a.id for a in arts} >= {"good"}


def test_mis_encoded_text_falls_back_to_cp1252(tmp_path):
    (tmp_path / "alt.txt").write_bytes("Die Fähre legte in Brelingen an – „früh“.".encode("cp1252"))
    arts, fails = _all([tmp_path / "alt.txt"])
    assert not fails
    assert "Fähre" in arts[0].text and "„früh“" in arts[0].text


def test_utf8_bom_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffÜberschrift".encode("utf-8"))
    arts, _ = _all([tmp_path / "bom.txt"])
    assert arts[0].text == "Überschrift"


def test_common_field_aliases_fill_missing_contract_fields(tmp_path):
    (tmp_path / "x.jsonl").write_text(
        json.dumps({"id": "b1", "text": "Body.", "date": "2012-08-15", "source": "fox", "lang": "en"}) + "\n"
        + json.dumps({"id": "b2", "text": "Body.", "published": "2012-08-16", "date": "1999-01-01", "outlet": "nyt", "source": "x"}) + "\n",
        "utf-8",
    )
    arts, _ = _all([tmp_path / "x.jsonl"])
    assert (arts[0].published, arts[0].outlet, arts[0].language) == ("2012-08-15", "fox", "en")
    assert (arts[1].published, arts[1].outlet) == ("2012-08-16", "nyt")
