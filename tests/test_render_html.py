"""The HTML rendering of the static report: every section, escaping, self-contained pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.contracts import DOSSIER_SCHEMA
from lagebild.render.charts import TimelinePoint, parse_when, timeline_chart
from lagebild.render.html import (
    Links,
    article_view,
    dossier_view,
    render_article_html,
    render_index_html,
    render_story_html,
)
from tests.webfixtures import XSS, make_dossier, make_xss_dossier, story_item


class _Collect(HTMLParser):
    """Collects tags with attributes, and the ids, of a page (also checks it parses)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.tags.append((tag, d))
        if d.get("id"):
            self.ids.append(d["id"])


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def test_story_page_renders_every_section():
    html = render_story_html(make_dossier())
    for section in ("summary", "facts", "exclusive", "contradictions", "quotes", "entities",
                    "timeline", "framing", "comparison", "sources"):
        assert f'id="{section}"' in html, section
    # summary sentences carry outlet badges and their evidence is in the page
    assert 'class="sent"' in html and 'data-ev="ev-0"' in html
    assert 'title="Falkenauer Bote">FB</abbr>' in html
    ev0 = html.split('id="ev-0"')[1].split('class="ev"')[0]
    assert "Falkenau will close the Old River Bridge on March 6." in ev0
    assert "Harbor Times" in ev0
    # facts with outlets, exclusive per outlet, contradiction explanation and claims
    assert "Die Sperrung dauert fast drei Monate." in html
    assert "Ein Umleitungsbus fährt alle zwanzig Minuten." in html
    assert "Rheinblick Post nennt den 7. März" in html
    contra = html.split('id="contra-W1"')[1].split('id="contra-W2"')[0]
    assert contra.count('class="claim"') == 3
    assert "wird am 7. März gesperrt" in contra
    # quotes with match badges
    for label in ("wörtlich", "Variante", "Paraphrase"):
        assert label in html
    # entities with roles and aliases
    assert "Bürgermeisterin" in html and "Kessel</td>" in html
    # framing: loaded term, translation leftover, headline mismatch, missing facts
    assert "Chaos-Rathaus" in html and "Durante des" in html
    assert "steht nur im Titel" in html
    assert "Lässt aus" in html
    # removed lines and failed article
    assert "Teilen auf Facebook" in html and "share button" in html
    assert "nothing left after cleaning" in html
    # charts
    assert html.count("<svg") == 3
    assert 'class="chart coverage"' in html and 'class="chart matrix"' in html
    assert 'class="chart timeline"' in html


def test_every_internal_link_resolves_inside_the_page():
    html = render_story_html(make_dossier())
    page = _parse(html)
    ids = set(page.ids)
    hrefs = [a.get("href") for tag, a in page.tags if tag == "a" and a.get("href")]
    hrefs += re.findall(r'<a href="(#[^"]+)"><(?:rect|circle|g)', html)
    internal = [h[1:] for h in hrefs if h.startswith("#")]
    assert internal, "expected in-page links"
    missing = sorted({h for h in internal if h not in ids})
    assert not missing, missing


def test_comparison_table_cells_link_to_sentences():
    d = dossier_view(make_dossier(), Links("static", "../"))
    rows = {r["outlet"]["name"]: r for r in d["comparison"]}
    fb = rows["Falkenauer Bote"]
    assert [f["label"] for f in fb["facts"]] == ["F1", "F2"]
    assert fb["loaded"][0]["term"] == "Chaos-Rathaus"
    assert fb["loaded"][0]["ref"]["href"] == "#art-0-s4"
    efs = rows["El Faro del Sur"]
    assert [m["label"] for m in efs["missing"]] == ["F1", "F2"]
    assert efs["leftovers"][0]["ref"]["text"] == "Durante des Sperrung fahren Busse."
    assert rows["Rheinblick Post"]["exclusive"][0]["href"] == "#art-1-s3"


def test_unresolvable_ref_is_shown_not_dropped():
    d = make_dossier()
    d["summary"].append({"text": "Ein Satz ohne Beleg.",
                         "support": [{"article": "gibt-es-nicht", "sentence": 0}]})
    html = render_story_html(d)
    assert "nicht auflösbarer Verweis" in html


def test_minimal_dossier_renders():
    d = {"schema": DOSSIER_SCHEMA, "story": {"id": "x", "title": "Leer"},  # less than the contract: renders anyway
         "articles": [], "summary": [], "facts": [], "exclusive": [], "contradictions": [],
         "quotes": [], "entities": [], "timeline": [], "framing": []}
    html = render_story_html(d)
    assert "Leer" in html and "Kein Überblick vorhanden." in html


def test_escaping_everywhere():
    html = render_story_html(make_xss_dossier())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    page = _parse(html)
    for tag, attrs in page.tags:
        assert tag != "img"
        for k, v in attrs.items():
            assert not k.startswith("on"), (tag, k)
            if k == "href" and v:
                assert not v.lower().startswith("javascript:"), v
    # exactly one script element: the shipped one
    assert html.count("<script") == 1
    idx = render_index_html([story_item(make_xss_dossier())])
    assert "<script>alert(1)</script>" not in idx
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in idx


def test_pages_are_self_contained():
    for html in (render_story_html(make_dossier()),
                 render_index_html([story_item(make_dossier())])):
        page = _parse(html)
        for tag, attrs in page.tags:
            if tag in ("script", "img", "iframe", "embed", "object", "source", "video",
                       "audio"):
                assert not attrs.get("src"), (tag, attrs)
            if tag == "link":
                assert (attrs.get("href") or "").startswith("data:"), attrs
        assert not re.search(r"""url\(\s*['"]?(https?:)?//""", html)
        assert "@import" not in html
        assert "<style>" in html and "<script>" in html


def test_index_lists_stories_and_links_to_story_files():
    d = make_dossier()
    html = render_index_html([story_item(d)])
    assert 'href="stories/st-bruecke.html"' in html
    assert "Brücke in Falkenau gesperrt" in html
    assert ">2</span>" in html  # contradiction count pill
    assert "04.03.2031" in html and "05.03.2031" in html
    assert "Keine Geschichten" in render_index_html([])


def test_story_page_links_back_to_index():
    html = render_story_html(make_dossier())
    assert 'href="../index.html"' in html
    assert 'href="../stories/st-bruecke.json"' in html


def test_article_view_marks_used_sentences():
    d = make_dossier()
    art = dict(d["articles"][0])
    art["text"] = "\n\n".join(s["text"] for s in art["sentences"])
    pos = 0
    for s in art["sentences"]:
        s["start"] = art["text"].index(s["text"], pos)
        s["end"] = s["start"] + len(s["text"])
        pos = s["end"]
    art["story"] = "st-bruecke"
    v = article_view(art, d, Links("web"))
    flat = [s for p in v["paragraphs"] for s in p]
    assert len(v["paragraphs"]) == 5
    assert "Zusammenfassung" in flat[0]["uses"] and "Wertung" in flat[4]["uses"]
    html = render_article_html(art, d, Links("web"))
    assert 'id="s0" class="asent used"' in html
    assert 'href="/stories/st-bruecke"' in html


def test_timeline_chart_handles_partial_dates():
    assert parse_when("2031-06") is not None and parse_when("nonsense") is None
    svg = timeline_chart([TimelinePoint(1, "2031", None, "Jahr", "#a"),
                          TimelinePoint(2, "2031-06-01", "12:00", "Tag", "#b")])
    assert svg.startswith("<svg") and 'class="span"' in svg
    assert timeline_chart([TimelinePoint(1, "unbekannt", None, "x", "#a")]) == ""


def test_xss_fixture_is_hostile():
    assert make_xss_dossier()["story"]["title"] == XSS


def test_rendering_is_deterministic():
    d = make_dossier()
    assert render_story_html(d) == render_story_html(make_dossier())
    assert render_index_html([story_item(d)]) == render_index_html([story_item(d)])



_MARK = "\u2603"  # a marker so the generated text can be found in the page


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_is_escaped(text):
    d = make_dossier()
    hostile = f"{_MARK}<i>{text}</i>{_MARK}"
    d["story"]["title"] = hostile
    d["articles"][0]["sentences"][0]["text"] = hostile
    d["summary"][0]["text"] = hostile
    html = render_story_html(d)
    assert "<i>" not in html
    assert html.count(_MARK) >= 6
