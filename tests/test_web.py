"""The web app in process (TestClient): pages, JSON twins, filters, paging, errors, token."""

from __future__ import annotations

import pytest

from lagebild.errors import UsageError
from lagebild.web.app import check_bind, create_app
from tests.webfixtures import (
    FixtureStore,
    browser_like_client,
    make_dossier,
    make_xss_dossier,
    paging_dossiers,
)


@pytest.fixture()
def store() -> FixtureStore:
    return FixtureStore([make_dossier(), make_xss_dossier(), *paging_dossiers(25)])


@pytest.fixture()
def client(tmp_path, store):
    app = create_app(tmp_path / "x.db", open_reader=lambda: store, data_dir=tmp_path / "data",
                     max_upload_bytes=20_000)
    with browser_like_client(app) as c:
        yield c


def _error(r, status):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and isinstance(err["code"], str) and err["message"]
    return err


def test_story_list_json_shape_and_order(client):
    r = client.get("/stories.json")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"stories", "next"}
    keys = {"id", "title", "article_count", "outlet_count", "languages", "first_published",
            "last_published", "contradictions"}
    assert all(keys <= set(s) for s in body["stories"])
    lasts = [s["last_published"] for s in body["stories"]]
    assert lasts == sorted(lasts, reverse=True)
    assert len(body["stories"]) == 20 and body["next"]


def test_paging_walks_every_story_once(client, store):
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        body = client.get("/stories.json", params=params).json()
        seen += [s["id"] for s in body["stories"]]
        cursor = body["next"]
        if not cursor:
            break
    assert sorted(seen) == sorted(store.dossiers) and len(seen) == len(set(seen))


def test_filters(client):
    def ids(**params):
        return [s["id"] for s in client.get("/stories.json", params=params).json()["stories"]]

    assert ids(q="Kessel") == ["st-bruecke", "st-xss"]
    assert ids(q="Brunnen 7") == ["st-kurz-7"]
    assert "st-bruecke" in ids(outlet="Harbor Times")
    assert ids(outlet="Niemandsblatt") == []
    assert "st-bruecke" in ids(language="en") and "st-bruecke" not in ids(language="fr")
    assert "st-bruecke" in ids(date_from="2031-03-05", date_to="2031-03-05", limit=100)
    assert "st-bruecke" not in ids(date_from="2031-04-01", limit=100)


def test_story_list_page(client):
    r = client.get("/stories", params={"q": "Falkenau"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/stories/st-bruecke"' in r.text
    assert 'value="Falkenau"' in r.text
    assert "Harbor Times</option>" in r.text  # outlet filter options
    r = client.get("/")
    assert 'rel="next"' in r.text and "cursor=" in r.text
    nxt = r.text.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    r2 = client.get(nxt)
    assert r2.status_code == 200 and "erste Seite" in r2.text


def test_empty_filter_fields_from_the_form_are_accepted(client):
    r = client.get("/stories?q=&date_from=&date_to=&outlet=&language=")
    assert r.status_code == 200


def test_dossier_page_and_json_twin(client):
    r = client.get("/stories/st-bruecke")
    assert r.status_code == 200
    assert "Brücke in Falkenau gesperrt" in r.text and 'id="summary"' in r.text
    assert 'href="/articles/falk-001#s4"' in r.text or 'href="/articles/falk-001"' in r.text
    j = client.get("/stories/st-bruecke.json").json()
    assert j["schema"] == "lagebild/dossier@1" and j["story"]["id"] == "st-bruecke"
    assert j == make_dossier()


def test_article_page_and_json_twin(client):
    r = client.get("/articles/falk-001")
    assert r.status_code == 200
    assert 'class="asent used"' in r.text and "Chaos-Rathaus" in r.text
    j = client.get("/articles/falk-001.json").json()
    assert j["id"] == "falk-001" and j["story"] == "st-bruecke" and j["sentences"]


def test_unknown_story_and_article_are_404(client):
    assert _error(client.get("/stories/nope.json"), 404)["code"] == "not_found"
    _error(client.get("/stories/nope"), 404)
    _error(client.get("/articles/nope.json"), 404)
    _error(client.get("/jobs/nope.json"), 404)
    _error(client.get("/no/such/page"), 404)
    r = client.get("/stories/nope", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "<h1>Fehler 404</h1>" in r.text


def test_bad_parameters_are_422(client):
    for q in ("limit=0", "limit=1000", "limit=abc", "date_from=gestern",
              "date_to=2031-02-30", "cursor=%%%"):
        err = _error(client.get(f"/stories.json?{q}"), 422)
        assert err["code"] == "invalid_parameters"
    _error(client.post("/jobs.json", data={"text": ""}), 422)
    _error(client.post("/jobs.json", data={"urls": "ftp://x"}), 422)
    _error(client.post("/jobs.json", data={"text": "x", "published": "morgen"}), 422)


def test_wrong_method_uses_error_shape(client):
    _error(client.delete("/stories.json"), 405)


def test_oversized_upload_is_413(client, tmp_path):
    files = {"files": ("gross.txt", b"a" * 30_000, "text/plain")}
    err = _error(client.post("/jobs.json", files=files), 413)
    assert err["code"] == "payload_too_large"

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(40):
            yield b"b" * 1000

    r = client.post("/jobs.json", content=chunks(),
                    headers={"Content-Type": "application/octet-stream"})
    _error(r, 413)
    assert not list((tmp_path / "data").rglob("*.txt"))


def test_security_headers(client):
    r = client.get("/stories/st-bruecke")
    csp = r.headers["content-security-policy"]
    assert "script-src 'sha256-" in csp and "default-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_describes_the_json_twins(client):
    spec = client.get("/openapi.json").json()
    for path in ("/stories.json", "/stories/{story_id}.json", "/articles/{article_id}.json",
                 "/jobs.json", "/jobs/{job_id}.json"):
        assert path in spec["paths"], path
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # no CDN-loaded docs UI


def test_token_required_on_every_request(tmp_path, store):
    app = create_app(tmp_path / "x.db", token="s3cret", open_reader=lambda: store,
                     data_dir=tmp_path / "data")
    with browser_like_client(app) as c:
        for path in ("/stories.json", "/stories", "/openapi.json", "/stories/st-bruecke.json"):
            err = _error(c.get(path), 401)
            assert err["code"] == "unauthorized"
        _error(c.get("/stories.json", headers={"Authorization": "Bearer wrong"}), 401)
        _error(c.get("/stories.json?token=wrong"), 401)
        ok = c.get("/stories.json", headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        r = c.get("/stories?token=s3cret")
        assert r.status_code == 200 and "lagebild_token" in r.headers["set-cookie"]
        assert "HttpOnly" in r.headers["set-cookie"]
        assert c.get("/stories/st-bruecke").status_code == 200  # cookie now set
        c.cookies.clear()
        html = c.get("/stories", headers={"Accept": "text/html"})
        assert html.status_code == 401 and 'name="token"' in html.text


def test_check_bind():
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    check_bind("::1", None)
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        with pytest.raises(UsageError) as e:
            check_bind(host, None)
        assert "--token" in str(e.value)
        check_bind(host, "tok")
    with pytest.raises(UsageError):
        check_bind("0.0.0.0", "   ")


def test_add_page(client):
    r = client.get("/add")
    assert r.status_code == 200
    assert 'enctype="multipart/form-data"' in r.text and 'name="urls"' in r.text
