"""The example corpus in examples/ is well-formed and its planted traits are really there.

These tests check the corpus itself, not lagebild: every substring recorded in
examples/PLANTED.json occurs in its article (decoded with the file's encoding), the planted
weekday error really is wrong per the calendar while every other weekday/date pair in the
corpus is right, the cp1252 file is not UTF-8, JSON/JSONL parse, and outlets.json names an
outlet for every plain-text and HTML file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = EXAMPLES / "articles"
PLANTED_PATH = EXAMPLES / "PLANTED.json"
YEAR = 2026

GERMAN_WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SPANISH_WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
GERMAN_MONTHS = {"Januar": 1, "Februar": 2, "März": 3, "April": 4, "Mai": 5, "Juni": 6, "Juli": 7,
                 "August": 8, "September": 9, "Oktober": 10, "November": 11, "Dezember": 12}
ENGLISH_MONTHS = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
                  "August": 8, "September": 9, "October": 10, "November": 11, "December": 12}
SPANISH_MONTHS = {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
                  "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}


@pytest.fixture(scope="module")
def planted() -> dict[str, Any]:
    return json.loads(PLANTED_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(planted: dict[str, Any]) -> dict[str, str]:
    """Article id -> its text as a reader of that format would see it (raw for .txt/.html)."""
    out: dict[str, str] = {}
    for entry in planted["articles"]:
        out[entry["article"]] = _article_text(entry)
    return out


def _article_text(entry: dict[str, Any]) -> str:
    path = EXAMPLES / entry["file"]
    fmt = entry["format"]
    if fmt in ("txt", "html"):
        return path.read_bytes().decode(entry["encoding"])
    if fmt == "json":
        obj = json.loads(path.read_text(encoding="utf-8"))
        assert obj["id"] == entry["article"]
        return obj["text"]
    if fmt == "jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            if obj["id"] == entry["article"]:
                return obj["text"]
        raise AssertionError(f"{entry['article']} not in {entry['file']}")
    raise AssertionError(f"unknown format {fmt}")


def _refs(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every {file, article, text} reference anywhere in PLANTED.json, with its JSON path."""
    if isinstance(node, dict):
        if {"file", "article", "text"} <= node.keys():
            yield where, node
        for key, value in node.items():
            yield from _refs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, f"{where}[{i}]")


def test_every_planted_substring_is_in_its_article(planted: dict[str, Any], texts: dict[str, str]) -> None:
    refs = list(_refs(planted))
    assert len(refs) > 150
    for where, ref in refs:
        assert ref["article"] in texts, f"{where}: unknown article {ref['article']}"
        entry = next(a for a in planted["articles"] if a["article"] == ref["article"])
        assert entry["file"] == ref["file"], f"{where}: file/article mismatch"
        assert ref["text"] in texts[ref["article"]], f"{where}: {ref['text']!r} not in {ref['file']}"
        # a planted span lies inside one sentence, so never across a line break
        assert "\n" not in ref["text"], where


def test_boilerplate_and_kept_lines_are_whole_lines(planted: dict[str, Any], texts: dict[str, str]) -> None:
    for item in planted["boilerplate"] + [k for k in planted["keep_lines"] if "line" in k]:
        lines = [ln.strip() for ln in texts[item["article"]].splitlines()]
        assert item["line"] in lines, f"{item['line']!r} is not a whole line of {item['file']}"
    for item in planted["keep_lines"]:
        assert item["kept"] in item.get("line", item["kept"])
        assert item["kept"] in texts[item["article"]]
    kinds = " ".join(b["why"] for b in planted["boilerplate"])
    for kind in ("breadcrumb", "share", "related-article teaser", "photo credit", "byline",
                 "copyright", "video block", "cookie", "newsletter", "dateline"):
        assert kind in kinds, f"no boilerplate of kind {kind!r} planted"


def test_planted_weekday_error_is_wrong_per_calendar(planted: dict[str, Any]) -> None:
    weekday = [c for c in planted["contradictions"] if c["kind"] == "weekday"]
    assert len(weekday) == 1
    cal = weekday[0]["calendar"]
    date = dt.date.fromisoformat(cal["date"])
    assert date.year == planted["year"] == YEAR
    assert GERMAN_WEEKDAYS[date.weekday()] == cal["actual_weekday"]
    assert cal["stated_weekday"] != cal["actual_weekday"]
    assert f"{cal['stated_weekday']} ({date.day}. März)" in weekday[0]["claims"][0]["text"]


def test_one_contradiction_of_each_kind(planted: dict[str, Any]) -> None:
    kinds = sorted(c["kind"] for c in planted["contradictions"])
    assert kinds == ["date", "negation", "number", "weekday"]
    for c in planted["contradictions"]:
        assert c["severity"] == "hard"
        assert c["claims"]


def _weekday_date_pairs(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(matched text, weekday index, day, month) for explicit weekday + date pairs in de/en/es."""
    de_days = "|".join(GERMAN_WEEKDAYS)
    for m in re.finditer(rf"({de_days})\w*,?\s*\(?(?:dem\s+)?(\d{{1,2}})\.\s*({'|'.join(GERMAN_MONTHS)})", text):
        yield m.group(0), GERMAN_WEEKDAYS.index(m.group(1)), int(m.group(2)), GERMAN_MONTHS[m.group(3)]
    for m in re.finditer(rf"({'|'.join(ENGLISH_WEEKDAYS)}),?\s+(\d{{1,2}})\s+({'|'.join(ENGLISH_MONTHS)})", text):
        yield m.group(0), ENGLISH_WEEKDAYS.index(m.group(1)), int(m.group(2)), ENGLISH_MONTHS[m.group(3)]
    for m in re.finditer(rf"({'|'.join(SPANISH_WEEKDAYS)})\s+(\d{{1,2}})\s+de\s+({'|'.join(SPANISH_MONTHS)})", text):
        yield m.group(0), SPANISH_WEEKDAYS.index(m.group(1)), int(m.group(2)), SPANISH_MONTHS[m.group(3)]


def test_every_other_weekday_date_pair_is_right(planted: dict[str, Any], texts: dict[str, str]) -> None:
    planted_error = next(c for c in planted["contradictions"] if c["kind"] == "weekday")["claims"][0]
    wrong: list[str] = []
    seen = 0
    for article, text in texts.items():
        for matched, weekday, day, month in _weekday_date_pairs(text):
            seen += 1
            if dt.date(YEAR, month, day).weekday() != weekday:
                if article == planted_error["article"] and matched in planted_error["text"]:
                    continue
                wrong.append(f"{article}: {matched}")
    assert seen >= 8, "the weekday/date scan found too few pairs to mean anything"
    assert not wrong, f"unplanted weekday errors: {wrong}"


def test_date_contradiction_has_a_consistent_weekday(planted: dict[str, Any]) -> None:
    claim = next(c for c in planted["contradictions"] if c["kind"] == "date")["claims"][0]["text"]
    pairs = list(_weekday_date_pairs(claim))
    assert pairs, claim
    for _, weekday, day, month in pairs:
        assert dt.date(YEAR, month, day).weekday() == weekday, "the date error must not also be a weekday error"


def test_number_contradiction_values(planted: dict[str, Any]) -> None:
    c = next(c for c in planted["contradictions"] if c["kind"] == "number")
    assert str(c["values"]["claim"]) in c["claims"][0]["text"]
    for ref in c["other_side"]:
        assert str(c["values"]["other_side"]) in ref["text"]


def test_negation_pair(planted: dict[str, Any]) -> None:
    c = next(c for c in planted["contradictions"] if c["kind"] == "negation")
    assert " nicht " not in c["claims"][0]["text"]
    assert " nicht " in c["other_side"][0]["text"]


def test_quote_meaning_change_drops_nicht(planted: dict[str, Any]) -> None:
    change = planted["quote_meaning_changes"][0]
    assert "nicht" not in change["changed"]["text"]
    assert all("nicht" in ref["text"] for ref in change["original"])


def test_variant_quote_has_verbatim_two_variants_and_a_paraphrase(planted: dict[str, Any]) -> None:
    quote = next(q for q in planted["quotes"] if q["spoken_language"] == "en")
    matches = [c["match"] for c in quote["carriers"]]
    assert matches.count("verbatim") == 1 and matches.count("variant") == 2 and matches.count("paraphrase") == 1
    verbatim = next(c for c in quote["carriers"] if c["match"] == "verbatim")
    assert quote["original"] in verbatim["text"]
    variants = [c for c in quote["carriers"] if c["match"] == "variant"]
    assert len({c["article"] for c in variants}) == 2
    assert variants[0]["text"] != variants[1]["text"]


def test_cp1252_file_is_not_utf8_and_has_umlauts(planted: dict[str, Any]) -> None:
    cp = [a for a in planted["articles"] if a["encoding"] == "cp1252"]
    assert len(cp) == 1
    raw = (EXAMPLES / cp[0]["file"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert all(ch in text for ch in "äöüß„“")


def test_all_other_files_are_utf8() -> None:
    planted = json.loads(PLANTED_PATH.read_text(encoding="utf-8"))
    cp = {a["file"] for a in planted["articles"] if a["encoding"] == "cp1252"}
    for path in sorted(ARTICLES.iterdir()):
        rel = str(path.relative_to(EXAMPLES))
        if rel not in cp:
            path.read_bytes().decode("utf-8")


def test_json_and_jsonl_parse_with_contract_fields() -> None:
    fields = {"id", "title", "text", "url", "outlet", "published", "language", "author"}
    objects: list[dict[str, Any]] = []
    for path in sorted(ARTICLES.glob("*.json")):
        if path.name == "outlets.json":
            continue
        obj = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(obj, dict)
        objects.append(obj)
    jsonl = sorted(ARTICLES.glob("*.jsonl"))
    assert jsonl
    for path in jsonl:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert 2 <= len(lines) <= 3
        objects.extend(json.loads(ln) for ln in lines)
    assert objects
    for obj in objects:
        assert set(obj) == fields, obj.get("id")
        dt.datetime.fromisoformat(obj["published"])
    assert len({o["id"] for o in objects}) == len(objects)


def test_html_page_has_the_metadata_tags() -> None:
    pages = sorted(ARTICLES.glob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for needle in ("<title>", '<meta name="author"', '<meta property="og:site_name"',
                       '<meta property="article:published_time"', "<nav", "<footer", "<article"):
            assert needle in html, f"{page.name} lacks {needle}"


def test_outlets_json_covers_every_plain_text_file(planted: dict[str, Any]) -> None:
    outlets = json.loads((ARTICLES / "outlets.json").read_text(encoding="utf-8"))
    by_id = {a["article"]: a for a in planted["articles"]}
    for path in sorted(ARTICLES.glob("*.txt")) + sorted(ARTICLES.glob("*.html")):
        assert path.stem in outlets, f"outlets.json lacks {path.stem}"
        assert outlets[path.stem] == by_id[path.stem]["outlet"]


def test_planted_lists_every_article_file(planted: dict[str, Any]) -> None:
    listed = {a["file"] for a in planted["articles"]}
    on_disk = {str(p.relative_to(EXAMPLES)) for p in ARTICLES.iterdir() if p.name != "outlets.json"}
    assert listed == on_disk


def test_published_hints_and_metadata(planted: dict[str, Any], texts: dict[str, str]) -> None:
    sources = {a["published_from"] for a in planted["articles"]}
    assert {"metadata", "text", "unknown"} <= sources
    for a in planted["articles"]:
        if a["published_from"] == "unknown":
            assert a["published"] is None
            assert not re.search(r"\b20\d\d\b", texts[a["article"]]), "the undated article must carry no year"
            continue
        if a["published_from"] == "metadata":
            # the hint is the metadata value itself: the JSON field or the HTML meta tag
            raw = (EXAMPLES / a["file"]).read_text(encoding="utf-8")
            assert a["published_hint"] in raw, a["article"]
            assert a["published_hint"].startswith(a["published"])
            assert a["published_hint"] not in texts[a["article"]] or a["format"] == "html"
        else:
            assert a["published_hint"] in texts[a["article"]], a["article"]
    event_days = {a["published"] for a in planted["articles"]
                  if a["story"] == "varnsee-ferry" and a["published"] and len(a["published"]) == 10}
    assert len(event_days) == 3


def test_event_coverage(planted: dict[str, Any]) -> None:
    event = [a for a in planted["articles"] if a["story"] == "varnsee-ferry"]
    copies = {d["copy"] for d in planted["duplicates"]}
    outlets_by_language: dict[str, set[str]] = {}
    for a in event:
        if a["article"] not in copies:
            outlets_by_language.setdefault(a["language"], set()).add(a["outlet"])
    assert len(outlets_by_language["de"]) >= 6
    assert len(outlets_by_language["en"]) >= 1 and len(outlets_by_language["es"]) >= 1
    stories = planted["stories"]
    multi = [s for s, ids in stories.items() if len(ids) >= 2]
    assert len(multi) >= 2
    assert 4 <= sum(1 for ids in stories.values() if len(ids) == 1) <= 6
    assert len(planted["agreements"]) >= 5
    assert len({e["ref"]["article"] for e in planted["exclusives"]}) >= 2


def test_syndicated_copy_is_near_verbatim(planted: dict[str, Any], texts: dict[str, str]) -> None:
    for dup in planted["duplicates"]:
        copy, original = texts[dup["copy"]], texts[dup["original"]]
        for ref in dup["trimmed_sentences"]:
            assert ref["text"] in original and ref["text"] not in copy
        ratio = difflib.SequenceMatcher(None, copy, original, autojunk=False).ratio()
        assert ratio > 0.85, ratio


def test_machine_translated_article_has_spanish_leftovers(planted: dict[str, Any], texts: dict[str, str]) -> None:
    mt = planted["machine_translated"]["article"]
    assert all(item["ref"]["article"] == mt for item in planted["translation_artifacts"])
    assert len(planted["translation_artifacts"]) >= 4
    assert "Según" in texts[mt]


def test_loaded_terms_in_exactly_two_outlets(planted: dict[str, Any]) -> None:
    outlets = {t["ref"]["article"] for t in planted["loaded_terms"]}
    assert len(outlets) == 2
    assert not outlets & set(planted["neutral_outlets"])
    assert {t["language"] for t in planted["loaded_terms"]} == {"de", "en"}
