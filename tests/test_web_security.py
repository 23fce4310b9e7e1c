"""Safety of the web app: XSS, oversized uploads, path traversal, forbidden URLs."""

from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.ingest.fetch import check_address, fetch_url
from lagebild.web.app import create_app
from lagebild.web.upload import safe_upload_name, save_upload
from tests.webfixtures import FixtureStore, browser_like_client, make_dossier, make_xss_dossier

FIXTURE_PAGE = (b"<html><head><title>Faehre im Testsee</title></head><body><article>"
                b"<h1>Faehre im Testsee</h1><p>Die erfundene Faehre legte puenktlich ab.</p>"
                b"</article></body></html>")


@contextmanager
def local_server():
    """A fixture HTTP server on 127.0.0.1 (the only network these tests use)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/article.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(FIXTURE_PAGE)))
                self.end_headers()
                self.wfile.write(FIXTURE_PAGE)
            elif self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", "/article.html")
                self.end_headers()
            elif self.path == "/to-unspecified":
                self.send_response(302)
                self.send_header("Location", f"http://0.0.0.0:{self.server.server_port}/x")
                self.end_headers()
            elif self.path == "/big":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<p>" + b"x" * 50_000 + b"</p>")
            elif self.path == "/image":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(b"\x89PNG")
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture()
def app_client(tmp_path):
    store = FixtureStore([make_dossier(), make_xss_dossier()])
    app = create_app(tmp_path / "x.db", open_reader=lambda: store, data_dir=tmp_path / "data",
                     max_upload_bytes=10_000)
    with browser_like_client(app) as c:
        yield c


# ------------------------------------------------------------------ XSS


def test_script_title_renders_as_text(app_client):
    for path in ("/stories", "/stories/st-xss", "/articles/falk-001"):
        r = app_client.get(path)
        assert r.status_code == 200
        assert "<script>alert(1)</script>" not in r.text, path
        assert "<img src=x" not in r.text, path
        assert r.text.count("<script") == 1, path  # only the shipped script
    page = app_client.get("/stories/st-xss").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    # JSON twin keeps the text as data
    assert app_client.get("/stories/st-xss.json").json()["story"]["title"] == \
        "<script>alert(1)</script>"


def test_search_query_is_escaped(app_client):
    r = app_client.get("/stories", params={"q": '"><script>alert(4)</script>'})
    assert r.status_code == 200 and "<script>alert(4)" not in r.text


def test_error_page_escapes_the_path(app_client):
    r = app_client.get("/stories/<script>alert(5)</script>", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "<script>alert(5)" not in r.text


# ------------------------------------------------------------------ uploads


def test_oversized_upload_rejected_and_not_written(app_client, tmp_path):
    r = app_client.post("/jobs.json", files={"files": ("big.txt", b"z" * 20_000, "text/plain")})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
    assert not list((tmp_path / "data").rglob("big*"))


@pytest.mark.parametrize("name", ["../evil.txt", "..\\evil.txt", "/etc/evil.txt",
                                  "a/../../evil.txt", "sub/evil.txt", "....txt",
                                  "evil.exe", "evil", ""])
def test_path_traversal_upload_names_are_refused(app_client, tmp_path, name):
    r = app_client.post("/jobs.json", files={"files": (name, b"Ein Text.", "text/plain")})
    assert r.status_code == 422, (name, r.text)
    assert r.json()["error"]["code"] == "invalid_parameters"
    assert "nothing to analyse" not in r.json()["error"]["message"]
    assert not (tmp_path / "evil.txt").exists()
    assert not (tmp_path / "data" / "evil.txt").exists()
    assert not list(tmp_path.rglob("evil*"))


def test_safe_upload_name():
    assert safe_upload_name("Bericht über Fähre.TXT") == "Bericht_uber_Fahre.txt"
    assert safe_upload_name("bote_2031-03-04.html") == "bote_2031-03-04.html"
    for bad in ("../x.txt", "x/y.txt", "x\\y.txt", "x.pdf", ".txt", "a\x07.txt"):
        with pytest.raises(InputError):
            safe_upload_name(bad)


def test_save_upload_stays_inside_and_never_overwrites(tmp_path):
    root = tmp_path / "data"
    folder = root / "uploads" / "job1"
    p1 = save_upload(folder, root, "a.txt", b"one")
    p2 = save_upload(folder, root, "a.txt", b"two")
    assert p1 != p2 and p1.read_bytes() == b"one" and p2.read_bytes() == b"two"
    assert p1.resolve().is_relative_to(root.resolve())
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / "link.txt").symlink_to(outside / "target.txt")
    p3 = save_upload(folder, root, "link.txt", b"three")  # never follows the symlink
    assert not (outside / "target.txt").exists() and p3.name == "link-2.txt"
    with pytest.raises(InputError):
        save_upload(outside, root, "b.txt", b"x")


def test_cross_site_post_is_refused(app_client):
    r = app_client.post("/jobs.json", data={"text": "Ein Text."},
                        headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


# ------------------------------------------------------------------ URL fetching


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                "169.254.169.254", "100.64.0.1", "::1", "fe80::1",
                                "fc00::1", "::ffff:127.0.0.1", "224.0.0.1", "240.0.0.1"])
def test_non_public_addresses_are_refused(ip):
    with pytest.raises(InputError) as e:
        check_address(ip)
    assert "refusing" in str(e.value) and "--allow-private-urls" in str(e.value)
    check_address(ip, allow_private=True)


def test_public_address_passes_check():
    check_address("93.184.216.34")  # only checked, never connected to
    with pytest.raises(InputError):
        check_address("0.0.0.0", allow_private=True)


def test_local_url_refused_by_default_and_fetched_when_allowed():
    with local_server() as base:
        with pytest.raises(InputError) as e:
            fetch_url(f"{base}/article.html")
        assert "loopback" in str(e.value)
        raw = fetch_url(f"{base}/article.html", allow_private=True)
        assert raw.html and "erfundene Faehre" in raw.html
        assert raw.outlet == "127.0.0.1" and raw.id.startswith("url-")
        hopped = fetch_url(f"{base}/hop", allow_private=True)
        assert hopped.url.endswith("/article.html")


def test_every_redirect_hop_is_checked_again():
    with local_server() as base:
        with pytest.raises(InputError) as e:
            fetch_url(f"{base}/to-unspecified", allow_private=True)
        assert "0.0.0.0" in str(e.value)


def test_fetch_limits_and_types():
    with local_server() as base:
        with pytest.raises(InputError, match="larger than"):
            fetch_url(f"{base}/big", allow_private=True, max_bytes=10_000)
        with pytest.raises(InputError, match="image/png"):
            fetch_url(f"{base}/image", allow_private=True)
        with pytest.raises(InputError, match="HTTP 404"):
            fetch_url(f"{base}/missing", allow_private=True)
    for bad in ("file:///etc/passwd", "ftp://example.org/x", "http:///nohost",
                "http://user:pw@example.org/"):
        with pytest.raises(InputError):
            fetch_url(bad)


def test_app_refuses_local_url_in_a_job(app_client):
    with local_server() as base:
        r = app_client.post("/jobs.json", data={"urls": f"{base}/article.html"})
        assert r.status_code == 202
        job = app_client.app.state.runner.wait(r.json()["id"], timeout=30)
        assert job is not None and job.state == "failed"
        assert "loopback" in job.failures[0]["reason"]
        j = app_client.get(f"/jobs/{job.id}.json").json()
        assert j["state"] == "failed" and "loopback" in j["failures"][0]["reason"]
        page = app_client.get(f"/jobs/{job.id}").text
        assert "loopback" in page


def test_uploads_land_in_the_data_dir(tmp_path):
    """A valid upload is saved under data_dir/uploads/<job>/ with its safe name."""
    store = FixtureStore([make_dossier()])
    app = create_app(tmp_path / "x.db", open_reader=lambda: store,
                     data_dir=tmp_path / "data")
    runner = app.state.runner
    runner._open_writer = lambda: (_ for _ in ()).throw(RuntimeError("no writer in this test"))
    with browser_like_client(app) as c:
        r = c.post("/jobs.json", files={"files": ("Bericht 1.txt", b"Ein Text.", "text/plain")})
        assert r.status_code == 202
        saved = list(Path(tmp_path / "data" / "uploads").rglob("*.txt"))
        assert [p.name for p in saved] == ["Bericht_1.txt"]
        assert r.json()["inputs"] == ["Bericht_1.txt"]


def test_script_title_through_the_real_pipeline(tmp_path):
    """An uploaded article titled <script>…</script> is analysed and shown as text."""
    import json

    db = tmp_path / "real.db"
    app = create_app(db, data_dir=tmp_path / "data")
    article = {"id": "boese-1", "title": "<script>alert(1)</script>",
               "outlet": "<b>Erfundenes Blatt</b>", "published": "2031-05-02",
               "text": "Im erfundenen Ort Quellbach wurde eine neue Fähre getauft. "
                       "Die Fähre trägt den Namen <script>alert(2)</script>."}
    with browser_like_client(app) as c:
        r = c.post("/jobs.json", files={"files": ("boese.json", json.dumps(article).encode(),
                                                  "application/json")})
        assert r.status_code == 202
        job = app.state.runner.wait(r.json()["id"], timeout=600)
        assert job is not None and job.state == "done", (job.error, job.failures)
        sid = job.stories[0]["id"]
        for path in ("/stories", f"/stories/{sid}", "/articles/boese-1"):
            page = c.get(path)
            assert page.status_code == 200, path
            assert "<script>alert" not in page.text, path
            assert "<b>Erfundenes" not in page.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in c.get("/stories").text
