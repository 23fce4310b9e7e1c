"""The web app in real headless Chromium (Debian's /usr/bin/chromium via Playwright).

A store is built from the example corpus with the real pipeline, served by uvicorn on
127.0.0.1, and driven like a reader would: list, search, dossier, click a summary sentence
to see its sources, upload an article and see its story appear. Screenshots of the list
and a dossier page go to test-output/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.webfixtures import EXAMPLES, REPO, ServerThread

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
OUT = REPO / "test-output"
JOB_TIMEOUT_MS = 240_000  # the upload is analysed by the real pipeline on a shared machine

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is absent (apt-get install chromium)"),
    pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/ corpus is absent"),
]

UPLOAD_TEXT = (
    "Wetterfahnen-Museum in Quellbach eröffnet\n\n"
    "Im erfundenen Dorf Quellbach hat am Samstag ein Museum für Wetterfahnen eröffnet. "
    "Die Sammlung zeigt 212 Wetterfahnen aus drei Jahrhunderten. "
    "Der Verein der Quellbacher Turmfreunde hatte zwölf Jahre lang gesammelt.\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory, example_store):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    from lagebild.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "examples.db"
    shutil.copy(example_store[0], db)  # the upload test writes to it
    app = create_app(db, data_dir=folder / "data")
    with ServerThread(app) as srv, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            yield srv, browser
        finally:
            browser.close()


@pytest.fixture()
def page(server):
    _srv, browser = server
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()
    assert not errors, errors


def test_list_search_dossier_and_sources(server, page):
    srv, _ = server
    OUT.mkdir(exist_ok=True)
    page.goto(srv.url + "/")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() >= 2
    page.screenshot(path=str(OUT / "browser-list.png"), full_page=True)

    # search for a word of the biggest story's title and open it
    first_title = page.locator("table.stories td.title a").first.inner_text()
    word = max(re.findall(r"\w{5,}", first_title), key=len)
    page.fill("#q", word)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q="))
    assert page.locator("table.stories td.title a", has_text=first_title).count() == 1
    page.locator("table.stories td.title a", has_text=first_title).click()
    page.wait_for_url(re.compile(r"/stories/"))
    assert page.locator("h1").inner_text() == first_title

    # click a summary sentence: its sources appear
    sent = page.locator(".summary .sent").first
    assert sent.locator("abbr.ob").count() >= 1
    evidence = page.locator(".evidence")
    assert not evidence.is_visible()
    sent.click()
    assert evidence.is_visible()
    panel = page.locator(".ev.open")
    assert panel.count() == 1
    assert panel.locator("ul.sources li").count() >= 1
    assert panel.locator(".ref-text").first.inner_text().strip()
    assert sent.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(OUT / "browser-dossier.png"), full_page=True)

    # a source link opens the collapsed article text at that sentence
    panel.locator("a.ref-go").first.click()
    target = page.locator("ol.sentences li:target")
    assert target.count() == 1 and target.is_visible()

    # the article page highlights the sentences the dossier uses
    page.locator("#sources a", has_text="Artikelseite").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator(".asent.used").count() >= 1


def test_upload_article_and_see_it_appear(server, page, tmp_path):
    srv, _ = server
    f = tmp_path / "quellbach-wetterfahnen.txt"
    f.write_text(UPLOAD_TEXT, encoding="utf-8")
    page.goto(srv.url + "/add")
    page.set_input_files("#files", str(f))
    page.click("form.add button[type=submit]")
    page.wait_for_url(re.compile(r"/jobs/"))
    page.wait_for_selector(".job[data-state=done], .job[data-state=failed]",
                           timeout=JOB_TIMEOUT_MS)
    assert page.locator(".job").get_attribute("data-state") == "done", \
        page.locator(".job").inner_text()
    link = page.locator("ul.changed a").first
    assert "Quellbach" in link.inner_text() or "Wetterfahnen" in link.inner_text()
    page.goto(srv.url + "/stories?q=Quellbach")
    assert page.locator("table.stories tbody tr").count() == 1
    page.locator("table.stories td.title a").first.click()
    assert "Quellbach" in page.locator("#sources").inner_text()
