"""Fictional dossiers and a small in-memory store for the HTML/web tests.

All text here is invented for the tests (fictional town, outlets and people).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from lagebild.contracts import DOSSIER_SCHEMA, check_dossier

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"

XSS = "<script>alert(1)</script>"


def _sents(*texts: str, language: str = "de") -> list[dict[str, Any]]:
    out, pos = [], 0
    for i, t in enumerate(texts):
        out.append({"i": i, "text": t, "start": pos, "end": pos + len(t), "language": language})
        pos += len(t) + 1
    return out


def _article(aid: str, outlet: str, title: str, published: str, language: str,
             texts: list[str], **extra: Any) -> dict[str, Any]:
    sents = _sents(*texts, language=language)
    return {
        "id": aid, "outlet": outlet, "title": title, "url": f"https://example.org/{aid}",
        "published": published, "published_from": "metadata", "language": language,
        "duplicate_of": None, "sentences": sents, "removed": [], "status": "ok",
        "stage": None, "reason": None, "text": " ".join(texts), **extra,
    }


def make_dossier(story_id: str = "st-bruecke", title: str = "Brücke in Falkenau gesperrt"
                 ) -> dict[str, Any]:
    """A complete fictional dossier (every section filled) following lagebild/dossier@1."""
    a1 = _article("falk-001", "Falkenauer Bote", "Marode Brücke: Falkenau sperrt Flussquerung",
                  "2031-03-04T09:15:00", "de", [
                      "Falkenau sperrt die Alte Flussbrücke ab Donnerstag, 6. März.",
                      "Die Sperrung dauert nach Angaben der Stadt fast drei Monate.",
                      "Bürgermeisterin Irma Kessel sagte: „Die Sicherheit geht vor.“",
                      "Gutachter fanden Risse an zwei Pfeilern.",
                      "Das Chaos-Rathaus hat jahrelang weggesehen.",
                  ])
    a1["removed"] = [{"text": "Teilen auf Facebook", "why": "share button"},
                     {"text": "Foto: Archiv", "why": "photo credit"}]
    a2 = _article("rb-17", "Rheinblick Post", "Falkenau: Brücke zu",
                  "2031-03-04T11:40:00", "de", [
                      "Die Alte Flussbrücke in Falkenau wird am 7. März gesperrt.",
                      "Die Sperrung soll knapp drei Monate dauern.",
                      "Kessel sagte, die Sicherheit gehe vor.",
                      "Ein Umleitungsbus fährt alle zwanzig Minuten.",
                  ])
    a3 = _article("ht-9", "Harbor Times", "Falkenau closes old river bridge",
                  "2031-03-05T07:00:00", "en", [
                      "Falkenau will close the Old River Bridge on March 6.",
                      "Mayor Irma Kessel said: \"Safety comes first.\"",
                      "Inspectors found cracks in two piers.",
                  ])
    a4 = _article("efs-3", "El Faro del Sur", "Falkenau cierra su puente",
                  "2031-03-05T16:20:00", "de", [
                      "Falkenau schließt die Brücke am 6. März.",
                      "Durante des Sperrung fahren Busse.",
                  ])
    a5 = _article("rb-17-copy", "Nordwest Nachrichten", "Falkenau: Brücke zu",
                  "2031-03-04T12:00:00", "de", list(s["text"] for s in a2["sentences"]),
                  duplicate_of="rb-17")
    a6 = _article("broken-1", "Falkenauer Bote", "", "2031-03-05", "de", [])
    a6.update(status="failed", stage="clean", reason="empty file: nothing left after cleaning")
    arts = [a1, a2, a3, a4, a5, a6]
    for a in arts:
        a.pop("text")

    def ref(a: str, s: int) -> dict[str, Any]:
        return {"article": a, "sentence": s}

    doc = {
        "schema": DOSSIER_SCHEMA,
        "story": {"id": story_id, "title": title, "languages": ["de", "en"],
                  "first_published": "2031-03-04T09:15:00",
                  "last_published": "2031-03-05T16:20:00", "article_count": 6,
                  "outlet_count": 4},
        "articles": arts,
        "summary": [
            {"text": "Falkenau sperrt die Alte Flussbrücke ab Donnerstag, 6. März.",
             "support": [ref("falk-001", 0), ref("ht-9", 0), ref("efs-3", 0)]},
            {"text": "Die Sperrung soll knapp drei Monate dauern.",
             "support": [ref("rb-17", 1), ref("falk-001", 1)]},
            {"text": "Gutachter fanden Risse an zwei Pfeilern.",
             "support": [ref("falk-001", 3), ref("ht-9", 2)]},
        ],
        "facts": [
            {"id": "f1", "text": "Die Sperrung dauert fast drei Monate.",
             "support": [ref("falk-001", 1), ref("rb-17", 1)], "outlets": 2},
            {"id": "f2", "text": "Gutachter fanden Risse an zwei Pfeilern.",
             "support": [ref("falk-001", 3), ref("ht-9", 2)], "outlets": 2},
        ],
        "exclusive": [{"text": "Ein Umleitungsbus fährt alle zwanzig Minuten.",
                       "ref": ref("rb-17", 3)}],
        "contradictions": [
            {"id": "c1", "kind": "date", "severity": "hard",
             "explanation": "Rheinblick Post nennt den 7. März, Falkenauer Bote und Harbor "
                            "Times den 6. März.",
             "claims": [ref("rb-17", 0), ref("falk-001", 0), ref("ht-9", 0)]},
            {"id": "c2", "kind": "weekday", "severity": "hard",
             "explanation": "Der 6. März 2031 ist ein Donnerstag – passt; Testfall.",
             "claims": [ref("falk-001", 0)]},
        ],
        "quotes": [
            {"id": "q1", "speaker": "Irma Kessel", "text": "Die Sicherheit geht vor.",
             "carriers": [
                 {"article": "falk-001", "sentence": 2, "text": "Die Sicherheit geht vor.",
                  "match": "verbatim"},
                 {"article": "ht-9", "sentence": 1, "text": "Safety comes first.",
                  "match": "variant"},
                 {"article": "rb-17", "sentence": 2, "text": "die Sicherheit gehe vor",
                  "match": "paraphrase"},
             ]},
        ],
        "entities": [
            {"id": "e1", "name": "Irma Kessel", "type": "PER", "aliases": ["Kessel"],
             "role": "Bürgermeisterin", "articles": ["falk-001", "rb-17", "ht-9"],
             "mentions": 3},
            {"id": "e2", "name": "Falkenau", "type": "LOC", "aliases": [], "role": None,
             "articles": ["falk-001", "rb-17", "ht-9", "efs-3"], "mentions": 5},
        ],
        "timeline": [
            {"date": "2031-03-06", "time": None, "text": "Sperrung der Alten Flussbrücke",
             "support": [ref("falk-001", 0), ref("ht-9", 0)]},
            {"date": "2031-03-04", "time": "09:15", "text": "Stadt kündigt Sperrung an",
             "support": [ref("falk-001", 0)]},
            {"date": "2031-06", "time": None, "text": "Geplantes Ende der Sperrung",
             "support": [ref("rb-17", 1)]},
        ],
        "framing": [
            {"article": "falk-001", "tone": -0.4,
             "loaded_terms": [{"term": "Chaos-Rathaus", "sentence": 4,
                               "why": "abwertende Zuspitzung"}],
             "translation_artifacts": [], "headline_mismatch": "„Marode“ steht nur im Titel.",
             "missing_facts": []},
            {"article": "efs-3", "tone": 0.0, "loaded_terms": [],
             "translation_artifacts": [{"text": "Durante des", "sentence": 1,
                                        "why": "spanisches Wort im deutschen Satz"}],
             "headline_mismatch": None, "missing_facts": ["f1", "f2"]},
            {"article": "rb-17", "tone": 0.1, "loaded_terms": [],
             "translation_artifacts": [], "headline_mismatch": None,
             "missing_facts": ["f2"]},
        ],
    }
    check_dossier(doc)  # the fixture follows the one contract in lagebild.contracts
    return doc


def make_xss_dossier() -> dict[str, Any]:
    """A dossier whose every text field is hostile markup."""
    d = make_dossier("st-xss", XSS)
    for a in d["articles"]:
        a["title"] = XSS
        a["outlet"] = "<img src=x onerror=alert(2)>"
        a["url"] = "javascript:alert(3)"
        for s in a["sentences"]:
            s["text"] = s["text"] + " " + XSS
        a["removed"] = [{"text": XSS, "why": "<b>why</b>"}]
    for item in d["summary"] + d["facts"] + d["timeline"]:
        item["text"] = XSS
    for c in d["contradictions"]:
        c["explanation"] = XSS
    for q in d["quotes"]:
        q["speaker"] = XSS
        q["text"] = XSS
    for e in d["entities"]:
        e["name"] = XSS
    return d


def story_item(d: dict[str, Any]) -> dict[str, Any]:
    s = d["story"]
    return {"id": s["id"], "title": s["title"], "article_count": s["article_count"],
            "outlet_count": s["outlet_count"], "languages": s["languages"],
            "first_published": s["first_published"], "last_published": s["last_published"],
            "contradictions": len(d["contradictions"])}


class FixtureStore:
    """An in-memory StoreReader over fixture dossiers (for render/web tests that must not
    depend on the analysis pipeline). Paging cursor = decimal offset."""

    def __init__(self, dossiers: list[dict[str, Any]]) -> None:
        self.dossiers = {d["story"]["id"]: d for d in dossiers}

    def list_stories(self, *, q=None, date_from=None, date_to=None, outlet=None,
                     language=None, cursor=None, limit=20):
        items = []
        for d in sorted(self.dossiers.values(), key=lambda d: d["story"]["last_published"] or "",
                        reverse=True):
            hay = " ".join([d["story"]["title"]] + [e["name"] for e in d["entities"]]
                           + [s["text"] for a in d["articles"] for s in a["sentences"]]).lower()
            if q and q.lower() not in hay:
                continue
            if outlet and outlet not in {a["outlet"] for a in d["articles"]}:
                continue
            if language and language not in d["story"]["languages"]:
                continue
            if date_from and (d["story"]["last_published"] or "")[:10] < date_from:
                continue
            if date_to and (d["story"]["first_published"] or "")[:10] > date_to:
                continue
            items.append(story_item(d))
        try:
            start = int(cursor) if cursor else 0
        except ValueError as e:
            raise ValueError(f"bad cursor {cursor!r}") from e
        page = items[start:start + limit]
        nxt = str(start + limit) if start + limit < len(items) else None
        return page, nxt

    def get_dossier(self, story_id):
        d = self.dossiers.get(story_id)
        return copy.deepcopy(d) if d else None

    def get_article(self, article_id):
        for d in self.dossiers.values():
            for a in d["articles"]:
                if a["id"] == article_id:
                    out = copy.deepcopy(a)
                    out["text"] = " ".join(s["text"] for s in a["sentences"])
                    out["story"] = d["story"]["id"]
                    return out
        return None

    def outlets(self):
        return sorted({a["outlet"] for d in self.dossiers.values() for a in d["articles"]})

    def languages(self):
        return sorted({a["language"] for d in self.dossiers.values() for a in d["articles"]})

    def close(self):
        pass


def paging_dossiers(n: int) -> list[dict[str, Any]]:
    """``n`` small fictional one-article stories on consecutive days (for paging tests)."""
    out = []
    for k in range(n):
        day = f"2030-01-{(k % 28) + 1:02d}" if k < 28 else f"2030-02-{(k % 28) + 1:02d}"
        art = _article(f"kurz-{k}", f"Blatt {k % 3}", f"Kurzmeldung {k}", day + "T08:00:00",
                       "de", [f"Im Dorf Nummer {k} wurde ein Brunnen eingeweiht."])
        art.pop("text")
        out.append({
            "schema": DOSSIER_SCHEMA,
            "story": {"id": f"st-kurz-{k}", "title": f"Brunnen {k} eingeweiht",
                      "languages": ["de"], "first_published": art["published"],
                      "last_published": art["published"], "article_count": 1,
                      "outlet_count": 1},
            "articles": [art],
            "summary": [{"text": art["sentences"][0]["text"],
                         "support": [{"article": art["id"], "sentence": 0}]}],
            "facts": [], "exclusive": [], "contradictions": [], "quotes": [],
            "entities": [], "timeline": [], "framing": [],
        })
        check_dossier(out[-1])
    return out


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn serving an ASGI app on 127.0.0.1 in a background thread (for browser tests)."""

    def __init__(self, app: Any) -> None:
        import threading

        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        import time

        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(10)


SAME_ORIGIN = {"Origin": "http://testserver"}  # what a browser sends with the app's own forms


def browser_like_client(app: Any, **kwargs: Any) -> Any:
    """A TestClient whose requests carry the app's own Origin, as a browser's form posts do
    (state-changing requests without one are refused by the same-origin check)."""
    from fastapi.testclient import TestClient

    headers = {**SAME_ORIGIN, **kwargs.pop("headers", {})}
    return TestClient(app, headers=headers, **kwargs)
