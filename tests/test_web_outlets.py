"""The outlet registry on the web and outlet names for uploaded files (app in process, real SQLite)."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from lagebild.store import open_store
from lagebild.web.app import create_app

TEXT = ("Die Fähre „Nordlicht“ ist am Dienstagabend vor der Insel Brelingen auf Grund gelaufen. "
        "Alle 40 Fahrgäste wurden nach knapp zwei Stunden von der Seerettung an Land gebracht. "
        "Hafenmeister Jan Olsen sagte, die Besatzung habe ruhig und besonnen gehandelt.")


def _wait(c: TestClient, job_id: str) -> dict:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        j = c.get(f"/jobs/{job_id}.json").json()
        if j["state"] in ("done", "failed"):
            return j
        time.sleep(0.3)
    raise AssertionError("job did not finish")


def test_upload_names_outlets_and_the_registry_page_edits_them(tmp_path):
    db = tmp_path / "w.db"
    app = create_app(db, data_dir=tmp_path / "data")
    with TestClient(app, headers={"origin": "http://testserver"}) as c:
        files = [("files", ("bote_faehre.txt", TEXT.encode(), "text/plain")),
                 ("files", ("kurier_faehre.txt", TEXT.replace("Dienstagabend", "Dienstag").encode(), "text/plain")),
                 ("files", ("outlets.json", b'{"kurier_faehre": "Seekurier"}', "application/json"))]
        r = c.post("/jobs.json", files=files, data={"outlet": "Brelinger Bote"})
        assert r.status_code == 202, r.text
        job = _wait(c, r.json()["id"])
        assert job["state"] == "done", job
        with open_store(db) as s:
            outlets = {a.id: a.outlet for a in s.articles()}
        assert outlets == {"bote_faehre": "Brelinger Bote", "kurier_faehre": "Seekurier"}

        listing = c.get("/outlets.json").json()["outlets"]
        assert {"Brelinger Bote", "Seekurier"} <= {o["name"] for o in listing}
        r = c.post("/outlets.json", data={"outlet": "Seekurier", "name": "Der Seekurier", "kind": "regional",
                                          "country": "DE"})
        assert r.status_code == 200 and r.json()["name"] == "Der Seekurier" and r.json()["origin"] == "user"
        r = c.post("/outlets.json", data={"outlet": "Seekurier", "kind": "gossip"})
        assert r.status_code == 422 and "tabloid" in r.text
        page = c.get("/outlets", headers={"accept": "text/html"})
        assert page.status_code == 200 and "Der Seekurier" in page.text and "content-security-policy" in page.headers
        r = c.post("/outlets", data={"outlet": "x"}, headers={"origin": "http://evil.example"}, follow_redirects=False)
        assert r.status_code == 403
        r = c.post("/outlets", data={"outlet": "Seekurier", "country": "AT"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/outlets"
        with open_store(db) as s:
            shown = {a["outlet"] for sid in s.story_ids() for a in s.get_dossier(sid)["articles"]}
        assert "Der Seekurier" in shown and "Seekurier" not in shown
