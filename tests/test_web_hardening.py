"""The web app against cross-site requests, foreign Host names (DNS rebinding), tokens in
logs, missing headers, hostile ids and upload names; Markdown output that stays text; the
private-address filter over every special-purpose range. (Issue 10, item 6.)

In process through the ASGI client; the Host/log cases also through a real `lagebild serve`
on 127.0.0.1 (a subprocess), the only network these tests use.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lagebild.errors import InputError, UsageError
from lagebild.ingest.fetch import check_address
from lagebild.render.markdown import render_story_markdown
from lagebild.web.app import create_app
from lagebild.web.security import parse_allowed_host, redact_tokens
from tests.webfixtures import (
    REPO,
    FixtureStore,
    browser_like_client,
    free_port,
    make_dossier,
    make_xss_dossier,
)

HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
           "x-frame-options", "cross-origin-opener-policy")


def _app(tmp_path, store=None, **kw):
    store = store or FixtureStore([make_dossier(), make_xss_dossier()])
    app = create_app(tmp_path / "x.db", open_reader=lambda: store, data_dir=tmp_path / "data",
                     max_upload_bytes=20_000, **kw)
    # No job may run in these tests: a refused request must never reach the queue.
    app.state.runner._open_writer = lambda: (_ for _ in ()).throw(RuntimeError("no writer"))
    return app


def _error(r, status, code=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status, body
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def _headers_ok(r):
    for h in HEADERS:
        assert h in r.headers, (r.request.url, r.status_code, h)
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------ cross-site requests


@pytest.mark.parametrize("headers", [
    {"Origin": "null"},
    {"Origin": "http://evil.example"},
    {"Origin": "http://testserver.evil.example"},
    {"Origin": "http://testserver:8080"},          # another port is another origin
    {"Origin": "file://"},
    {"Referer": "http://evil.example/page"},        # no Origin: the Referer decides
    {"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"},
    {},                                             # neither Origin nor Referer nor token
])
def test_cross_site_post_is_refused(tmp_path, headers):
    app = _app(tmp_path)
    with TestClient(app) as c:
        for path in ("/jobs.json", "/jobs"):
            r = c.post(path, data={"text": "Ein Text über eine Fähre."}, headers=headers,
                       follow_redirects=False)
            err = _error(r, 403, "forbidden")
            assert "refused" in err["message"]
            _headers_ok(r)
        r = c.post("/jobs.json", headers=headers,
                   files={"files": ("a.txt", b"Ein Text.", "text/plain")})
        _error(r, 403, "forbidden")
    assert app.state.runner.recent() == []
    assert not list((tmp_path / "data").rglob("*.txt"))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_state_changing_methods_are_checked_too(tmp_path, method):
    with TestClient(_app(tmp_path)) as c:
        _error(getattr(c, method)("/stories.json", headers={"Origin": "http://evil.example"}),
               403, "forbidden")
        # same origin: the request goes through to the app (which has no such method)
        _error(getattr(c, method)("/stories.json", headers={"Origin": "http://testserver"}),
               405)


def test_same_origin_posts_are_accepted(tmp_path):
    app = _app(tmp_path)
    with TestClient(app) as c:
        ok = [{"Origin": "http://testserver"}, {"Origin": "HTTP://TestServer"},
              {"Referer": "http://testserver/add"},
              {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}]
        for h in ok:
            r = c.post("/jobs.json", data={"text": "Ein Text über eine Fähre."}, headers=h)
            assert r.status_code == 202, (h, r.text)
        r = c.post("/jobs", data={"text": "Noch ein Text."}, headers=ok[0],
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    assert len(app.state.runner.recent()) == 5


def test_token_header_admits_a_post_without_origin_but_the_cookie_does_not(tmp_path):
    app = _app(tmp_path, token="s3cret")
    with TestClient(app) as c:
        bearer = {"Authorization": "Bearer s3cret"}
        r = c.post("/jobs.json", data={"text": "Ein Text."}, headers=bearer)
        assert r.status_code == 202, r.text
        # The cookie is ambient: a cross-site form would carry it, so it proves nothing.
        assert c.get("/stories.json?token=s3cret").status_code == 200
        assert "lagebild_token" in c.cookies
        _error(c.post("/jobs.json", data={"text": "x"}, headers={"Origin": "null"}), 403)
        _error(c.post("/jobs.json", data={"text": "x"}), 403)
        r = c.post("/jobs.json", data={"text": "Ein Text."},
                   headers={"Origin": "http://testserver"})
        assert r.status_code == 202
        # a wrong bearer token is no token at all
        c.cookies.clear()
        _error(c.post("/jobs.json", data={"text": "x"},
                      headers={"Authorization": "Bearer wrong", "Origin": "http://testserver"}),
               401)


# ------------------------------------------------------------------ Host header


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:8000",
                                  "LOCALHOST:8000", "localhost.:8000", "[::1]", "[::1]:8000"])
def test_loopback_host_names_are_answered(tmp_path, host):
    with TestClient(_app(tmp_path)) as c:
        assert c.get("/stories.json", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io",
                                  "localhost.evil.example", "[::2]:8000", "10.0.0.1",
                                  "", "a b", "127.0.0.1:80x", "user@127.0.0.1", "[::1"])
def test_foreign_host_is_refused(tmp_path, host):
    with TestClient(_app(tmp_path)) as c:
        for path in ("/stories.json", "/stories", "/openapi.json"):
            r = c.get(path, headers={"Host": host})
            err = _error(r, 421, "unknown_host")
            assert "--allowed-host" in err["message"]
            _headers_ok(r)
        r = c.post("/jobs.json", data={"text": "x"},
                   headers={"Host": host, "Origin": f"http://{host}"})
        _error(r, 421)


def test_allowed_hosts(tmp_path):
    app = _app(tmp_path, allowed_hosts=["News.Example.org", "intra.example:8443", "[fd00::5]"])
    with TestClient(app) as c:
        for host in ("news.example.org", "news.example.org:9000", "intra.example:8443",
                     "[fd00::5]:80", "127.0.0.1:8000"):
            assert c.get("/stories.json", headers={"Host": host}).status_code == 200, host
        for host in ("intra.example", "intra.example:8000", "example.org", "evil.example"):
            _error(c.get("/stories.json", headers={"Host": host}), 421)
    assert parse_allowed_host("Example.ORG:8080") == "example.org:8080"
    assert parse_allowed_host("[::1]") == "[::1]"
    for bad in ("*.example.org", "a b", "http://x", "x:y", "", "[nope]", "ex_ample.org"):
        with pytest.raises(UsageError):
            parse_allowed_host(bad)


def test_serve_refuses_a_bad_allowed_host_and_documents_it(tmp_path):
    from lagebild.cli import app as cli

    runner = CliRunner()
    res = runner.invoke(cli, ["serve", "--db", str(tmp_path / "x.db"),
                              "--allowed-host", "*.example.org"])
    assert res.exit_code != 0 and "allowed-host" in (res.stdout + res.stderr)
    helptext = runner.invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"}).stdout
    assert "--allowed-host" in helptext


# ------------------------------------------------------------------ headers everywhere


def test_security_headers_on_every_response(tmp_path):
    def broken_reader():
        raise RuntimeError("boom")

    app = _app(tmp_path, token="s3cret")
    with TestClient(app, raise_server_exceptions=False) as c:
        auth = {"Authorization": "Bearer s3cret"}
        cases = [
            c.get("/openapi.json", headers=auth),
            c.get("/docs", headers=auth),
            c.get("/redoc", headers=auth),
            c.get("/stories.json", headers=auth),
            c.get("/stories", headers=auth),
            c.get("/stories/st-bruecke", headers=auth),
            c.get("/stories/st-bruecke.json", headers=auth),
            c.get("/articles/falk-001", headers=auth),
            c.get("/add", headers=auth),
            c.get("/stories/nope.json", headers=auth),                  # 404
            c.get("/stories.json?limit=0", headers=auth),               # 422
            c.delete("/stories.json", headers={**auth, "Origin": "http://testserver"}),  # 405
            c.get("/stories.json"),                                     # 401
            c.post("/jobs.json", data={"text": "x"}, headers=auth | {"Origin": "null"}),
            c.get("/stories.json", headers={**auth, "Host": "evil.example"}),  # 421
            c.post("/jobs.json", headers={**auth, "Content-Length": "99999999"}),  # 413
            c.get("/stories?token=s3cret", headers={"Accept": "text/html"},
                  follow_redirects=False),                              # 303
        ]
        for r in cases:
            _headers_ok(r)
        assert cases[0].headers["content-type"].startswith("application/json")
        assert cases[-1].status_code == 303
    broken = create_app(tmp_path / "y.db", open_reader=broken_reader,
                        data_dir=tmp_path / "data2")
    with TestClient(broken, raise_server_exceptions=False) as c:
        r = c.get("/stories.json")
        _error(r, 500, "internal_error")
        _headers_ok(r)


# ------------------------------------------------------------------ tokens never logged


def test_query_token_is_stripped_and_browsers_are_sent_on_without_it(tmp_path):
    app = _app(tmp_path, token="s3cret")
    with TestClient(app) as c:
        r = c.get("/stories?token=s3cret&q=Kessel", headers={"Accept": "text/html"},
                  follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/stories?q=Kessel"
        assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in \
            r.headers["set-cookie"]
        page = c.get(r.headers["location"], headers={"Accept": "text/html"})
        assert page.status_code == 200 and "s3cret" not in page.text
        c.cookies.clear()
        # an API client using the query keeps working; the app never sees the token
        j = c.get("/stories.json?q=Kessel&token=s3cret")
        assert j.status_code == 200 and "s3cret" not in j.text
        r = c.get("//evil.example?token=s3cret", headers={"Accept": "text/html"},
                  follow_redirects=False)
        assert r.status_code == 303 and not r.headers["location"].startswith("//")


def test_redact_tokens():
    line = '127.0.0.1:5 - "GET /stories?q=a&token=s3cr%20et&x=1 HTTP/1.1" 200'
    assert "s3cr" not in redact_tokens(line) and "q=a&token=[redacted]&x=1" in redact_tokens(line)
    assert redact_tokens("/x?TOKEN=abc") == "/x?TOKEN=[redacted]"
    assert redact_tokens("keine Angabe, mytoken=1") == "keine Angabe, mytoken=1"


class Serve:
    """`lagebild serve` as a subprocess on 127.0.0.1 (stderr captured for the log)."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.port = free_port()
        self.log = tmp_path / f"serve-{self.port}.log"
        env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + str(REPO),
               "PYTHONUNBUFFERED": "1"}
        self.fh = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lagebild", "serve", "--db", str(tmp_path / "s.db"),
             "--port", str(self.port), *args],
            stdout=self.fh, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("serve exited: " + self.log.read_text())
            try:
                self.request("GET", "/stories.json")
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("serve did not start: " + self.log.read_text())

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.fh.close()
        return self.log.read_text(errors="replace")


def test_real_server_host_check_token_log_and_cross_site(tmp_path):
    srv = Serve(tmp_path, "--token", "s3cret-Tok3n", "--allowed-host", "lagebild.test")
    try:
        p = srv.port
        auth = {"Authorization": "Bearer s3cret-Tok3n"}
        status, headers, _ = srv.request("GET", "/stories.json", {**auth, "Host": f"127.0.0.1:{p}"})
        assert status == 200 and headers["x-content-type-options"] == "nosniff"
        for host in (f"localhost:{p}", f"lagebild.test:{p}"):
            assert srv.request("GET", "/stories.json", {**auth, "Host": host})[0] == 200
        # DNS rebinding: a foreign name that resolved to 127.0.0.1
        status, headers, body = srv.request("GET", "/stories.json",
                                            {**auth, "Host": f"rebind.evil.example:{p}"})
        assert status == 421 and json.loads(body)["error"]["code"] == "unknown_host"
        assert "content-security-policy" in headers
        # the token in the query works, and is never written to the log
        status, headers, _ = srv.request("GET", "/stories.json?token=s3cret-Tok3n&limit=3",
                                         {"Host": f"127.0.0.1:{p}"})
        assert status == 200 and "lagebild_token" in headers.get("set-cookie", "")
        assert srv.request("GET", "/stories.json?token=wrong-Tok3n-guess",
                           {"Host": f"127.0.0.1:{p}"})[0] == 401
        status, headers, _ = srv.request("GET", "/stories?token=s3cret-Tok3n",
                                         {"Host": f"127.0.0.1:{p}", "Accept": "text/html"})
        assert status == 303 and headers["location"] == "/stories"
        # cross-site POST with the cookie a browser would attach
        jar = headers["set-cookie"].split(";")[0]
        assert jar.startswith("lagebild_token=v1.") and "s3cret" not in jar
        cookie = {"Cookie": jar, "Host": f"127.0.0.1:{p}",
                  "Content-Type": "application/x-www-form-urlencoded"}
        for origin in ("null", "http://evil.example"):
            status, _, body = srv.request("POST", "/jobs.json", {**cookie, "Origin": origin},
                                          b"text=Hallo")
            assert status == 403 and json.loads(body)["error"]["code"] == "forbidden"
        status, _, _ = srv.request("POST", "/jobs.json",
                                   {**cookie, "Origin": f"http://127.0.0.1:{p}"}, b"text=")
        assert status == 422  # admitted by the origin check; empty text is the app's 422
    finally:
        log = srv.stop()
    assert "GET /stories.json" in log, log  # the access log was written ...
    assert "s3cret-Tok3n" not in log and "wrong-Tok3n-guess" not in log, log  # ... without tokens
    assert "token=[redacted]" in log, log


# ------------------------------------------------------------------ ids with any characters

ODD_IDS = ["a/b?c#d", "x.json", "100% mit Leerzeichen", "../../etc/passwd", "Fähre/日本語",
           "a%2Fb;c+d"]  # one per fixture article (6)


def _odd_store():
    d = make_dossier("st/odd?#% ü.json", "Seltsame Kennungen")
    mapping = {a["id"]: ODD_IDS[k] for k, a in enumerate(d["articles"])}
    for a in d["articles"]:
        a["id"] = mapping[a["id"]]
        if a.get("duplicate_of"):
            a["duplicate_of"] = mapping.get(a["duplicate_of"], a["duplicate_of"])
    for item in d["summary"] + d["facts"] + d["timeline"]:
        for r in item["support"]:
            r["article"] = mapping[r["article"]]
    for e in d["exclusive"]:
        e["ref"]["article"] = mapping[e["ref"]["article"]]
    for c in d["contradictions"]:
        for r in c["claims"]:
            r["article"] = mapping[r["article"]]
    for q in d["quotes"]:
        for r in q["carriers"]:
            r["article"] = mapping[r["article"]]
    for f in d["framing"]:
        f["article"] = mapping[f["article"]]
    for e in d["entities"]:
        e["articles"] = [mapping[x] for x in e["articles"]]
    return FixtureStore([d]), d


def test_ids_with_any_characters_round_trip(tmp_path):
    store, d = _odd_store()
    sid = d["story"]["id"]
    with browser_like_client(_app(tmp_path, store=store)) as c:
        listing = c.get("/stories").text
        story_links = set(re.findall(r'href="(/stories/[^"]+)"', listing))
        story_link = next(u for u in story_links if "Seltsame" not in u and "?" not in u)
        assert "%2F" in story_link and "%3F" in story_link and "%23" in story_link
        page = c.get(story_link)
        assert page.status_code == 200 and "Seltsame Kennungen" in page.text
        twin = c.get(story_link + ".json")
        assert twin.status_code == 200 and twin.json()["story"]["id"] == sid
        hrefs = {h.split("#")[0] for h in re.findall(r'href="(/articles/[^"]+)"', page.text)}
        found = set()
        for href in hrefs:
            r = c.get(href)
            assert r.status_code == 200, (href, r.text[:200])
            j = c.get(href + ".json")
            assert j.status_code == 200, href
            found.add(j.json()["id"])
        linked = {a["id"] for a in d["articles"] if a.get("status", "ok") == "ok"}
        assert linked <= found, linked - found
        # the JSON twins by id, percent-encoded as any client would
        for aid in ODD_IDS:
            r = c.get(f"/articles/{quote(aid, safe='')}.json")
            assert r.status_code == 200 and r.json()["id"] == aid, aid
        _error(c.get("/articles/" + quote("nicht/da", safe="") + ".json"), 404, "not_found")


def test_id_ending_in_json_keeps_page_and_twin_apart(tmp_path):
    store, _ = _odd_store()
    with browser_like_client(_app(tmp_path, store=store)) as c:
        page = c.get("/articles/x%2Ejson")  # how the app links the page of id "x.json"
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        twin = c.get("/articles/x%2Ejson.json")
        assert twin.json()["id"] == "x.json"
        assert c.get("/articles/x.json").status_code == 404  # the twin of an id "x"


def test_routes_below_an_id_are_not_swallowed(tmp_path):
    """Another route under /stories/{id}/… (added after create_app) still gets its
    requests, with the id decoded, however odd it is."""
    from lagebild.web.paths import routing_path

    app = _app(tmp_path)

    @app.get("/stories/{story_id:id}/probe")
    def probe(story_id: str) -> dict[str, str]:
        return {"id": story_id}

    with browser_like_client(app) as c:
        for sid in ("st-bruecke", "a/b", "x.json", "100%25", "ü ?#"):
            seg = quote(sid, safe="").replace(".json", "%2Ejson")
            assert c.get(f"/stories/{seg}/probe").json() == {"id": sid}, sid
    assert routing_path(b"/a/x%2Fy%2e%25%C3%BC%20z") == "/a/x%2Fy%2E%25ü z"


def test_ids_round_trip_through_a_real_server(tmp_path):
    """uvicorn decodes the path once; the links of a page lead to the right articles."""
    from tests.webfixtures import ServerThread

    store, d = _odd_store()
    with ServerThread(_app(tmp_path, store=store)) as srv:
        def get(path: str) -> tuple[int, bytes]:
            conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
            try:
                conn.request("GET", path, headers={"Accept": "text/html"})
                r = conn.getresponse()
                return r.status, r.read()
            finally:
                conn.close()

        status, page = get("/stories/" + quote(d["story"]["id"], safe="").replace(
            ".json", "%2Ejson"))
        assert status == 200, page[:300]
        hrefs = {h.split("#")[0] for h in re.findall(r'href="(/articles/[^"]+)"', page.decode())}
        assert len(hrefs) >= 5
        for href in hrefs:
            assert get(href)[0] == 200, href
            status, body = get(href + ".json")
            assert status == 200 and json.loads(body)["id"] in ODD_IDS, href


# ------------------------------------------------------------------ upload names


@pytest.mark.parametrize(("name", "saved"), [
    ("报告 2031.txt", "报告_2031.txt"),
    ("Новый репортаж.html", "Новый_репортаж.html"),
    ("مقال.json", "مقال.json"),
    ("Bericht über Fähre.TXT", "Bericht_uber_Fahre.txt"),
    ("📰 news.txt", "news.txt"),
    ("📰.txt", "upload.txt"),
    ("x\u202egnp.txt", "x_gnp.txt"),
])
def test_non_ascii_upload_names_are_accepted(tmp_path, name, saved):
    app = _app(tmp_path)
    with browser_like_client(app) as c:
        r = c.post("/jobs.json", files={"files": (name, b"Ein Text.", "text/plain")})
        assert r.status_code == 202, r.text
        assert r.json()["inputs"] == [saved]
    files = list((tmp_path / "data" / "uploads").rglob("*"))
    assert [p.name for p in files if p.is_file()] == [saved]
    assert all(p.resolve().is_relative_to((tmp_path / "data").resolve()) for p in files)


def test_long_non_ascii_name_fits_the_file_system(tmp_path):
    from lagebild.web.upload import safe_upload_name

    name = safe_upload_name("报" * 300 + ".txt")
    assert len(name.encode("utf-8")) < 255


# ------------------------------------------------------------------ Markdown output


def test_markdown_has_no_raw_html_and_keeps_normal_text():
    md = render_story_markdown(make_xss_dossier())
    low = md.lower()
    assert "<script" not in low and "<img" not in low and "<b>" not in low
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    normal = render_story_markdown(make_dossier())
    assert "Falkenau sperrt die Alte Flussbrücke ab Donnerstag, 6. März." in normal
    assert "„Die Sicherheit geht vor.“" in normal
    d = make_dossier()
    d["summary"][0]["text"] = ("Müller & Söhne: 3 > 2 und AT&T – „Zitat“ – "
                               "[Link](javascript:alert(1)) &lt;b&gt; a|b \x1b[31mrot\x1b[0m")
    line = next(x for x in render_story_markdown(d).splitlines() if "Müller" in x)
    assert "Müller & Söhne: 3 &gt; 2 und AT&T – „Zitat“" in line
    assert "\\[Link\\](javascript:alert(1))" in line  # no link syntax left
    assert "&amp;lt;b&amp;gt;" in line and "a\\|b" in line
    assert "\x1b" not in line and "rot" in line


def test_show_prints_escaped_markdown(tmp_path):
    from lagebild.cli import app as cli
    from lagebild.store import open_store

    db = tmp_path / "show.db"
    with open_store(db) as store:
        store.put_dossier("st-xss", "test", make_xss_dossier(), "")
    res = CliRunner().invoke(cli, ["show", "st-xss", "--db", str(db)])
    assert res.exit_code == 0, res.stdout
    assert "<script" not in res.stdout.lower() and "<img" not in res.stdout.lower()
    assert "&lt;script&gt;" in res.stdout and "## Quellen" in res.stdout  # German by default


# ------------------------------------------------------------------ private addresses

REFUSED = [
    "0.0.0.1", "10.0.0.1", "100.64.0.1", "127.0.0.1", "127.255.255.254", "169.254.169.254",
    "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.9", "192.0.0.10", "192.0.0.170",
    "192.0.2.1", "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.168.1.1",
    "192.175.48.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1",
    "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "::1", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254",
    "::ffff:0:7f00:1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1",
    "100::1", "2001::1", "2001:1::1", "2001:2::1", "2001:10::1", "2001:20::1",
    "2001:db8::1", "2002:7f00:1::1", "2002:7f00::", "2002:c0a8:101::1", "2002:a00:1::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2620:4f:8000::1", "3fff::1", "5f00::1",
    "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%eth0", "fec0::1", "feff::1", "ff02::1",
    "ff0e::1",
]
PUBLIC = ["93.184.216.34", "1.1.1.1", "8.8.8.8", "151.101.1.69", "2606:4700:4700::1111",
          "2a00:1450:4001:80b::200e", "::ffff:93.184.216.34", "64:ff9b::5db8:d822"]


@pytest.mark.parametrize("ip", REFUSED)
def test_special_purpose_addresses_are_refused(ip):
    with pytest.raises(InputError) as e:
        check_address(ip)
    assert "refusing" in str(e.value) and "--allow-private-urls" in str(e.value)


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses_pass(ip):
    check_address(ip)  # only checked, never connected to


@pytest.mark.parametrize("ip", ["0.0.0.0", "::", "::ffff:0.0.0.0", "64:ff9b::"])
def test_unspecified_is_refused_even_when_private_is_allowed(ip):
    with pytest.raises(InputError, match="unspecified"):
        check_address(ip, allow_private=True)
    check_address("2002:7f00::1", allow_private=True)


def test_refusal_names_the_embedded_address():
    with pytest.raises(InputError, match=r"carries 127\.0\.0\.1"):
        check_address("64:ff9b::7f00:1")
    with pytest.raises(InputError, match="not an IP address"):
        check_address("nonsense")


def test_stories_list_keeps_markup_in_titles_as_text(tmp_path):
    """Titles come from article text: rich markup in them is printed, not obeyed."""
    from lagebild.cli import app as cli
    from lagebild.store import open_store

    db = tmp_path / "list.db"
    title = "[link=http://evil.example]Klick[/link] [red]rot[/red]"
    with open_store(db) as store:
        store.save_stories([("st-m", "x", None)], {})
        store.put_dossier("st-m", "x", make_dossier("st-m", title), "")
    res = CliRunner().invoke(cli, ["stories", "--db", str(db)], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and title in res.stdout, res.stdout


def test_cookie_holds_a_hash_not_the_token(tmp_path):
    token = "tok en;=ü"  # any token makes a valid cookie
    with TestClient(_app(tmp_path, token=token)) as c:
        r = c.get("/stories.json", params={"token": token})
        assert r.status_code == 200
        value = r.headers["set-cookie"].split(";")[0].split("=", 1)[1]
        assert value.startswith("v1.") and "tok" not in value
        assert c.get("/stories.json").status_code == 200  # the cookie alone admits
        c.cookies.clear()
        c.cookies.set("lagebild_token", "tok")
        assert c.get("/stories.json").status_code == 401
