"""Cross-site requests from a real browser (Debian's Chromium via Playwright).

A page on another origin (another port of 127.0.0.1) submits a form and fires a no-cors
fetch at the app: both are refused and nothing is queued, while the app's own form (same
origin, with a file named in two scripts) still works.
"""

from __future__ import annotations

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.webfixtures import FixtureStore, ServerThread, make_dossier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is absent (apt-get install chromium)"),
]


def _attacker_app(target: str):
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    def form(_request):
        return HTMLResponse(
            f'<form id="f" method="post" action="{target}/jobs.json" '
            'enctype="multipart/form-data"><input name="text" value="Boeser Text">'
            '<button id="go">go</button></form>')

    def fetcher(_request):
        return HTMLResponse(
            "<p id='done'>…</p><script>"
            f"fetch('{target}/jobs.json', {{method: 'POST', mode: 'no-cors', "
            "body: new URLSearchParams({text: 'Boeser Text'})})"
            ".finally(() => document.getElementById('done').textContent = 'sent');"
            "</script>")

    return Starlette(routes=[Route("/form", form), Route("/fetch", fetcher)])


def test_cross_site_form_and_fetch_are_refused_own_form_works(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    from lagebild.web.app import create_app

    store = FixtureStore([make_dossier()])
    app = create_app(tmp_path / "x.db", open_reader=lambda: store, data_dir=tmp_path / "data")
    app.state.runner._open_writer = lambda: (_ for _ in ()).throw(RuntimeError("no writer"))
    with ServerThread(app) as srv, ServerThread(_attacker_app(srv.url)) as evil, \
            sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(evil.url + "/form")
            with page.expect_navigation():
                page.click("#go")
            assert '"code":"forbidden"' in page.content()
            page.goto(evil.url + "/fetch")
            page.wait_for_function("document.getElementById('done').textContent === 'sent'")
            assert app.state.runner.recent() == []
            # the app's own form, same origin: accepted
            # (with an upload named in two scripts: the browser's own encoding of the name)
            upload = tmp_path / "报告 über Fähre.txt"
            upload.write_text("Ein harmloser Text über eine Fähre.", encoding="utf-8")
            page.goto(srv.url + "/add")
            page.set_input_files("input[name=files]", str(upload))
            with page.expect_navigation():
                page.click("form.add button[type=submit]")
            assert "/jobs/" in page.url
            jobs = app.state.runner.recent()
            assert len(jobs) == 1 and jobs[0].inputs == ["报告_uber_Fahre.txt"]
        finally:
            browser.close()
