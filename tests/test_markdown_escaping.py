"""Markdown output of article text renders as exactly that text, whatever it holds.

Rendered with markdown-it (CommonMark, raw HTML enabled as a permissive viewer would):
no HTML, link, image, code, emphasis or nested block comes out of article text, and the
rendered text equals the input (line breaks and control characters aside).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.render.markdown import _esc, _visible, render_story_markdown
from tests.webfixtures import make_dossier

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py (a rich dependency)")
MD = markdown_it.MarkdownIt("commonmark", {"html": True})

MARKUP = st.sampled_from([
    *"<>&#;*_`[]()!\\|~-+=.:/ 1a\n\t\x1b",
    "<script>", "</script>", "&lt;", "&amp;", "&#60;", "javascript:", "1.", "1)", "# ",
    "- ", "> ", "    ", "***", "---", "![x](y)", "[a]: http://e", "<!--", "-->", "Ü", "ß",
])
TEXTS = st.one_of(st.text(max_size=60), st.lists(MARKUP, max_size=25).map("".join)).filter(
    lambda t: _visible(t) != "")  # an empty text is an empty item


def _rendered_inline(md: str) -> tuple[list[str], str]:
    """Block token types and the plain text of the one inline run."""
    tokens = MD.parse(md)
    blocks = [t.type for t in tokens]
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, (md, blocks)
    kinds = {c.type for c in inline[0].children or []}
    assert kinds <= {"text", "softbreak"}, (md, kinds)
    return blocks, "".join(c.content for c in inline[0].children or [])


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_list_item_text_round_trips(text):
    blocks, shown = _rendered_inline("- " + _esc(text))
    assert blocks == ["bullet_list_open", "list_item_open", "paragraph_open", "inline",
                      "paragraph_close", "list_item_close", "bullet_list_close"], blocks
    assert shown == _visible(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_heading_text_round_trips(text):
    blocks, shown = _rendered_inline("# " + _esc(text))
    assert blocks == ["heading_open", "inline", "heading_close"], blocks
    assert shown == _visible(text)


@pytest.mark.parametrize("text", [
    "1. FC Köln gewinnt", "Bürger*innen und Lehrer*innen", "C# und F#", "AT&T", "3 > 2",
    "„Zitat“ – sagte sie", "#MeToo", "- kein Aufzählungspunkt", "_privat_", "~~weg~~",
])
def test_german_news_text_is_not_mangled(text):
    _, shown = _rendered_inline("- " + _esc(text))
    assert shown == text


def test_whole_dossier_renders_without_html_or_links():
    d = make_dossier()
    d["summary"][0]["text"] = "<script>alert(1)</script> [x](javascript:alert(2)) 1. FC"
    d["articles"][0]["outlet"] = "<img src=x onerror=alert(3)> **Bote**"
    tokens = MD.parse(render_story_markdown(d))
    types = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not types & {"html_block", "html_inline", "link_open", "image", "code_inline",
                        "ordered_list_open"}, types


def test_fact_shows_its_agreeing_part_in_bold() -> None:
    """Two facts shown as one sentence read apart in Markdown: each bolds its own part."""
    from lagebild.render.markdown import _fact_text

    text = "Während konkrete Ergebnisse ausblieben, betonten beide Seiten die Absicht, den Dialog fortzusetzen."
    first = _fact_text({"text": text, "mark": [0, 38]})
    second = _fact_text({"text": text, "mark": [40, 98]})
    assert first.startswith("**Während konkrete Ergebnisse ausblieben**, betonten")
    assert "ausblieben, **betonten beide Seiten" in second and second.endswith("fortzusetzen**.")
    assert _fact_text({"text": text, "mark": None}) == text
    assert _fact_text({"text": text, "mark": [5, 999]}) == text  # an invalid mark is ignored
    # the parts are escaped like any text
    assert _fact_text({"text": "Er sagte *nie* 3 > 2.", "mark": [3, 14]}) == "Er **sagte \\*nie\\*** 3 &gt; 2."


def test_listed_outlets_match_the_independent_count() -> None:
    """A copy counts for its original outlet: listed once with it, and by its own name when
    it is the only carrier of that outlet (issue 12: the names listed match the count)."""
    from lagebild.render.markdown import _badges

    doc = {"articles": [
        {"id": "npa", "outlet": "npa"},
        {"id": "heg", "outlet": "Hegeberger Tagblatt", "duplicate_of": "npa"},
        {"id": "voz", "outlet": "La Voz"},
        {"id": "wb", "outlet": "weltblick24", "duplicate_of": "voz"},
        {"id": "vk", "outlet": "Varnsee-Kurier"},
    ]}
    refs = [{"article": a, "sentence": 0} for a in ("heg", "npa", "vk", "wb")]
    names = _badges(doc, refs)
    assert names.count("**") // 2 == 3  # npa (with its copy), Varnsee-Kurier, La Voz via weltblick24
    assert "Hegeberger" not in names and "weltblick24" in names
