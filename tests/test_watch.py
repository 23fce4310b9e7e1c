"""`lagebild watch` against feeds served from 127.0.0.1 that change between cycles."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.errors import InputError, UsageError
from lagebild.store import open_store
from lagebild.watch import PoliteClient, WatchOptions, parse_interval

ROOT = Path(__file__).resolve().parents[1]
BODY = (
    "Die Fähre „Nordlicht“ ist am Dienstagabend vor der Insel Brelingen auf Grund gelaufen. "
    "Alle 40 Fahrgäste wurden nach knapp zwei Stunden von der Seerettung an Land gebracht. "
    "Hafenmeister Jan Olsen sagte, die Besatzung habe ruhig und besonnen gehandelt. "
) * 3
PAGE = "<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>{b}</p></article></body></html>"


def _item(base: str, n: int, path: str = "artikel") -> str:
    return (f"<item><title>Meldung {n}</title><link>{base}/{path}/{n}</link><guid>bote-{n}</guid>"
            f"<pubDate>Tue, 10 Mar 2026 2{n % 4}:00:00 +0000</pubDate><description>Kurz {n}.</description></item>")


def _rss(base: str, items: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Brelinger Bote</title>'
            f"<link>{base}/</link><description>Nachrichten</description>{items}</channel></rss>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        st = self.server.state  # type: ignore[attr-defined]
        with st["lock"]:
            st["log"].append((self.path, dict(self.headers)))
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path.startswith("http://"):  # asked as a proxy: route by the path of the absolute URL
            self.path = "/" + self.path.split("/", 3)[3]
        if self.path == "/robots.txt":
            self._send(200, "text/plain", "User-agent: *\nDisallow: /privat/\n")
        elif self.path == "/feed.xml":
            with st["lock"]:
                st["feed_requests"] += 1
                version = 1 if st["feed_requests"] == 1 else 2
            etag = f'"v{version}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, "application/rss+xml", "")
                return
            items = _item(base, 1) + (_item(base, 3) + _item(base, 4, "privat") if version == 2 else "")
            self._send(200, "application/rss+xml", _rss(base, items), {"ETag": etag})
        elif self.path == "/slow.xml":
            self._send(200, "application/rss+xml", _rss(base, "".join(_item(base, n, "langsam") for n in (1, 2, 3))))
        elif self.path.startswith("/langsam/"):
            time.sleep(1.5)
            self._send(200, "text/html; charset=utf-8", PAGE.format(t="Langsam " + self.path[-1], b=BODY))
        elif self.path == "/flaky.xml":
            with st["lock"]:
                st["flaky"] += 1
                n = st["flaky"]
            if n <= 2:
                self._send(503, "text/plain", "busy", {"Retry-After": "0"})
            else:
                self._send(200, "application/rss+xml", _rss(base, _item(base, 1)))
        elif self.path == "/seite":  # no ETag, no Last-Modified: the same page every time
            text = BODY.replace("Nordlicht", "Westwind").replace("Brelingen", "Falkenau")
            self._send(200, "text/html; charset=utf-8", PAGE.format(t="Seite", b=text))
        elif self.path == "/broken.xml":
            self._send(500, "text/plain", "kaputt")
        elif self.path.startswith(("/artikel/", "/privat/")):
            n = self.path.rsplit("/", 1)[-1]
            text = BODY if n == "1" else BODY.replace("Nordlicht", "Südwind").replace("Brelingen", "Ostmark")
            self._send(200, "text/html; charset=utf-8", PAGE.format(t=f"Fähre {n}", b=text))
        else:
            self._send(404, "text/plain", "not found")

    def _send(self, code: int, ctype: str, body: str, extra: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(autouse=True)
def _no_proxy_env(monkeypatch):
    for k in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(k, raising=False)


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.state = {"lock": threading.Lock(), "log": [], "feed_requests": 0, "flaky": 0}  # type: ignore[attr-defined]
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _base(srv) -> str:
    return f"http://127.0.0.1:{srv.server_port}"


def _paths(srv) -> list[str]:
    return [p for p, _ in srv.state["log"]]


def test_parse_interval():
    assert parse_interval("15m") == 900
    assert parse_interval("30s") == 30
    assert parse_interval("2h") == 7200
    assert parse_interval("45") == 45
    with pytest.raises(UsageError, match="interval"):
        parse_interval("soon")


def test_watch_cli_cycles_follow_a_changing_feed(server, tmp_path):
    base = _base(server)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# feeds\n{base}/feed.xml\n{base}/broken.xml\n", "utf-8")
    pages = tmp_path / "pages.txt"
    pages.write_text(f"{base}/seite\n", "utf-8")
    db = tmp_path / "w.db"
    res = CliRunner().invoke(app, ["watch", "--feeds", str(feeds), "--urls", str(pages), "--every", "0.1s", "--cycles", "3", "--db", str(db),
                                   "--out", str(tmp_path / "rep"), "--allow-private-urls", "--host-interval", "0"])
    out = res.output
    # the broken feed and the robots-disallowed entry are reported; the watch went on
    assert res.exit_code == 1, out
    assert "broken.xml" in out and "robots.txt" in out
    assert "cycle 1:" in out and "cycle 2:" in out and "cycle 3:" in out
    assert "cycle 1: 2 feeds, 1 pages (0 not modified), 2 new or changed articles" in out
    assert "cycle 2: 2 feeds, 1 pages (1 not modified), 1 new or changed articles" in out
    assert "cycle 3: 2 feeds, 1 pages (2 not modified), 0 new or changed articles, 0 stories updated" in out
    paths = _paths(server)
    assert "/privat/4" not in paths  # robots.txt honoured
    assert paths.count("/artikel/1") == 1  # a seen entry is not fetched again
    assert paths.count("/artikel/3") == 1
    feed_hits = [h for p, h in server.state["log"] if p == "/feed.xml"]
    assert len(feed_hits) == 3
    assert "If-None-Match" not in feed_hits[0]
    assert feed_hits[1]["If-None-Match"] == '"v1"' and feed_hits[2]["If-None-Match"] == '"v2"'
    assert all("lagebild" in h["User-Agent"] for _, h in server.state["log"])
    with open_store(db) as s:
        rows = s.db.query("SELECT id, outlet, status FROM articles ORDER BY id")
        assert len(rows) == 3 and all(r["status"] == "ok" for r in rows)
        assert {r["outlet"] for r in rows} == {"Brelinger Bote", "127.0.0.1"}
        assert s.story_ids()
        st = s.db.one("SELECT etag FROM watch_state WHERE url = ?", (f"{base}/feed.xml",))
        assert st["etag"] == '"v2"'
    assert (tmp_path / "rep" / "index.html").exists()


def test_client_retries_with_backoff(server, tmp_path):
    with open_store(tmp_path / "c.db") as s:
        slept: list[float] = []
        c = PoliteClient(s, WatchOptions(allow_private=True, host_interval=0, backoff=0.01), sleep=slept.append)
        ans = c.get(_base(server) + "/flaky.xml")
        assert ans is not None and "Meldung 1" in ans.text
        assert server.state["flaky"] == 3
        assert slept[:2] == [0.01, 0.02]  # exponential backoff
        with pytest.raises(InputError, match="HTTP 500 after 3 attempts"):
            c.get(_base(server) + "/broken.xml")
        c.close()


def test_client_rate_limit_per_host(server, tmp_path):
    with open_store(tmp_path / "c.db") as s:
        c = PoliteClient(s, WatchOptions(allow_private=True, host_interval=0.4))
        t0 = time.monotonic()
        c.get(_base(server) + "/artikel/1", conditional=False)
        c.get(_base(server) + "/artikel/3", conditional=False)
        # robots.txt, page, page: two pauses of at least 0.4 s on one host
        assert time.monotonic() - t0 >= 0.8
        c.close()


def test_client_refuses_private_addresses_and_robots(server, tmp_path):
    with open_store(tmp_path / "c.db") as s:
        c = PoliteClient(s, WatchOptions(host_interval=0))
        with pytest.raises(InputError, match="loopback"):
            c.get(_base(server) + "/feed.xml")
        c.close()
        c = PoliteClient(s, WatchOptions(allow_private=True, host_interval=0))
        with pytest.raises(InputError, match=r"robots\.txt"):
            c.get(_base(server) + "/privat/4")
        with pytest.raises(InputError, match="only http and https"):
            c.get("ftp://example.org/x")
        c.close()


def test_client_uses_the_proxy_from_the_environment(server, tmp_path, monkeypatch):
    # The local server plays the proxy: it receives absolute URLs for a host that does not resolve.
    monkeypatch.setenv("HTTP_PROXY", _base(server))
    with open_store(tmp_path / "c.db") as s:
        c = PoliteClient(s, WatchOptions(host_interval=0))
        ans = c.get("http://nachrichten.invalid/feed.xml")
        assert ans is not None and "Brelinger Bote" in ans.text
        c.close()
    assert "http://nachrichten.invalid/feed.xml" in _paths(server)


def test_ctrl_c_stops_after_the_current_article(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(_base(server) + "/slow.xml\n", "utf-8")
    db = tmp_path / "w.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LAGEBILD_THREADS": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "watch", "--feeds", str(feeds), "--every", "1h", "--db", str(db),
         "--out", str(tmp_path / "rep"), "--allow-private-urls", "--host-interval", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while "/langsam/1" not in _paths(server):
            assert time.monotonic() < deadline, "the watch never fetched the first article"
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopping after the current article" in err and "stopped" in err
    assert "/langsam/2" not in _paths(server)
    with open_store(db) as s:
        assert len(s.db.query("SELECT id FROM articles WHERE status = 'ok'")) == 1
