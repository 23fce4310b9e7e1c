"""Feeds and URL lists served by a local HTTP server on 127.0.0.1 (the only faked internet)."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.ingest.files import Failure, iter_raw_articles
from lagebild.models import RawArticle
from lagebild.pipeline import AnalyzeOptions, analyze
from lagebild.store import open_store

BODY = (
    "Die Fähre „Nordlicht“ ist am Dienstagabend vor der Insel Brelingen auf Grund gelaufen. "
    "Alle 40 Fahrgäste wurden nach knapp zwei Stunden von der Seerettung an Land gebracht. "
    "Hafenmeister Jan Olsen sagte, die Besatzung habe ruhig und besonnen gehandelt. "
) * 3
PAGE = "<html><head><title>Fähre vor Brelingen gestrandet</title></head><body><article><h1>Fähre vor Brelingen gestrandet</h1><p>{}</p></article></body></html>"


def _rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Brelinger Bote</title><link>{base}/</link><description>Nachrichten</description>
<item><title>Fähre gestrandet</title><link>{base}/artikel/1</link><guid>bote-1</guid>
<pubDate>Tue, 10 Mar 2026 20:00:00 +0000</pubDate><description>Kurz: Fähre gestrandet.</description></item>
<item><title>Volltext</title><link>{base}/artikel/2</link><guid>bote-2</guid>
<pubDate>Wed, 11 Mar 2026 08:00:00 +0000</pubDate><content:encoded><![CDATA[<p>{BODY}</p>]]></content:encoded></item>
<item><title>Weg</title><link>{base}/fehlt</link><guid>bote-3</guid><description>kurz</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/feed.xml":
            self._send(200, "application/rss+xml", _rss(base))
        elif self.path == "/slow.xml":
            time.sleep(3)
            self._send(200, "application/rss+xml", _rss(base))
        elif self.path.startswith("/artikel/"):
            self._send(200, "text/html; charset=utf-8", PAGE.format(BODY))
        elif self.path == "/bild.png":
            self._send(200, "image/png", "\x89PNG")
        else:
            self._send(404, "text/plain", "not found")

    def _send(self, code: int, ctype: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def test_feed_entries_become_articles_and_bad_ones_are_reported(server):
    items = list(iter_raw_articles([f"{server}/feed.xml", f"{server}/slow.xml", f"{server}/bild.png"], allow_private_urls=True, url_timeout=1))
    arts = [i for i in items if isinstance(i, RawArticle)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert len(arts) == 2
    teaser = next(a for a in arts if a.url and a.url.endswith("/artikel/1"))
    assert teaser.html and "Nordlicht" in teaser.html  # the linked page was fetched
    assert teaser.outlet == "Brelinger Bote" and teaser.published.startswith("2026-03-10")
    full = next(a for a in arts if a.title == "Volltext")
    assert "Seerettung" in full.html  # full text taken from the feed itself
    reasons = " | ".join(f"{f.source}: {f.reason}" for f in fails)
    assert "/fehlt" in reasons and "404" in reasons
    assert "slow.xml" in reasons and ("Timeout" in reasons or "timed out" in reasons)
    assert "bild.png" in reasons and "image/png" in reasons


def test_private_addresses_are_refused_by_default(server):
    items = list(iter_raw_articles([f"{server}/feed.xml"]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "private" in items[0].reason or "loopback" in items[0].reason


def test_analyze_from_a_feed_list(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# Brelingen\n{server}/feed.xml\n\n", "utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["analyze", "--feeds", str(feeds), "--allow-private-urls", "--timeout", "2",
                              "--db", str(tmp_path / "f.db"), "--out", str(tmp_path / "o"), "--quiet"])
    assert res.exit_code == 1  # the missing page is reported; the rest is analysed
    assert "/fehlt" in res.output
    s = open_store(tmp_path / "f.db")
    assert s.count("articles") == 2
    s.close()
    # a second run completes nothing new
    s = open_store(tmp_path / "f.db")
    report = analyze([f"{server}/feed.xml"], s, AnalyzeOptions(allow_private_urls=True, url_timeout=2))
    assert report.articles_new == 0 and report.articles_unchanged == 2
    s.close()


def test_analyze_without_inputs_is_a_usage_error():
    res = CliRunner().invoke(app, ["analyze"])
    assert res.exit_code == 2 and "nothing to analyse" in res.output
