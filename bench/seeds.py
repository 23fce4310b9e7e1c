"""Seeds bench: the five reports in ../shared/seeds form one story with the expected facts.

Checks (issue 2, "How it is measured"):
- the five files form exactly one story;
- no boilerplate line survives into any dossier sentence;
- the facts include: the call brought no progress, lasted almost an hour, was the sixth call,
  Putin sticks to his goals, Trump pushed for a quick end, Iran/Middle East were discussed —
  each with every outlet that says it.

Run: python bench/seeds.py  (reads ../shared/seeds; prints "skipped" when it is absent)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# For each fact: a pattern that a supporting sentence of each outlet matches, and the outlets
# (file-name prefixes) that state it in the seeds (read by hand).
EXPECTED_FACTS: dict[str, tuple[str, set[str]]] = {
    "no progress": (
        r"(?i)keine(n|rlei)? Fortschritt|ohne Fortschritt|kein Fortschritt|keine (konkreten )?Ergebnisse|Ergebnisse ausblieben|Durchbruch blieb aus",
        {"000", "001", "002", "003", "004"},
    ),
    "almost an hour": (r"(fast|knapp) (eine Stunde|einstündig)", {"000", "001", "003"}),
    "sixth call": (r"sechste", {"000", "002", "003", "004"}),
    "Putin sticks to goals": (
        # "Kriegsziele" (002) states it too; "erzielt" does not
        r"Ziel|\wziel(e|en)?\b|Grundursachen|Ursachen",
        {"000", "001", "002", "003", "004"},
    ),
    "Trump pushed for quick end": (
        r"(schnell|rasch)\w* (Kriegsende|Ende|Waffenstillstand)|Kampfhandlungen schnell|schnellen Waffenstillstand",
        {"000", "001", "002", "003"},
    ),
    "Iran / Middle East discussed": (r"Iran|Nahen Osten", {"000", "001", "003"}),
}

# Lines of the seeds that are boilerplate: none may be (part of) a dossier sentence.
BOILERPLATE = [
    "Home Nachrichten",
    "Share",
    "Related Articles",
    "Verwandte Videos:",
    "Archiviert unter:",
    "Foto: U.S. Secretary of Defense",
    "Olga Demidenko",
    "Copyright ©",
    "Infos & Mitteilungen",
    "info@thenga.de",
    "Immer aktuell: Nachrichten",
    "Niederlande verschärfen asylrecht",
    "Pflegegrade 2025",
    "Rückblick auf den 4. Juli",
    "Massiver russischer drohnenangriff",
]

FLOORS = {
    "one_story": 1.0,
    "boilerplate_free": 1.0,
    # share of the six facts found with every outlet that states them (0.667 before, 1.0
    # since the kit's near-synonyms and negation scope of 2026-12-01, dossier5)
    "facts_complete": 0.95,
    # share of (fact, outlet) pairs covered (0.833, then 0.875 after the same-language
    # paraphrase links of dossier3; 1.0 since dossier5: "no progress" in 001/002 by the
    # shared denial "keine Fortschritte" / "konkrete Ergebnisse blieben aus", Putin's goals
    # in 000 by "nicht vom Ziel abweichen" = "an den Zielen festhalten")
    "fact_outlet_recall": 0.95,
}


def run(shared: Path = SHARED) -> dict[str, float]:
    from lagebild.pipeline import analyze
    from lagebild.store import open_store

    seeds = shared / "seeds"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "seeds.db")
        t0 = time.perf_counter()
        analyze([seeds], store)
        elapsed = time.perf_counter() - t0
        stories = [store.get_dossier(s) for s in store.story_ids()]
        store.close()
    stories = [d for d in stories if d]
    figures, _doc = evaluate(stories)
    figures["seconds"] = round(elapsed, 1)
    return figures


def evaluate(stories: list[dict]) -> tuple[dict[str, float], dict | None]:
    seed_ids = {"000", "001", "002", "003", "004"}
    holding = [d for d in stories if {a["id"][:3] for a in d["articles"]} & seed_ids]
    one_story = float(len(holding) == 1 and {a["id"][:3] for a in holding[0]["articles"]} == seed_ids)
    doc = max(holding, key=lambda d: len(d["articles"])) if holding else None
    if doc is None:
        return {"one_story": 0.0, "boilerplate_free": 0.0, "facts_complete": 0.0, "fact_outlet_recall": 0.0}, None
    sentences = [s["text"] for a in doc["articles"] for s in a["sentences"]]
    leaked = [b for b in BOILERPLATE for s in sentences if b in s and not (b == "Share" and len(s) > 20)]
    text_of = {(a["id"][:3], s["i"]): s["text"] for a in doc["articles"] for s in a["sentences"]}
    complete = 0
    pairs = covered = 0
    details = []
    for name, (pattern, outlets) in EXPECTED_FACTS.items():
        rx = re.compile(pattern)
        best: set[str] = set()
        best_text = ""
        for f in doc["facts"]:
            have = {r["article"][:3] for r in f["support"] if rx.search(text_of[(r["article"][:3], r["sentence"])])}
            if not rx.search(f["text"]) and len(have) < 2:
                continue
            if len(have & outlets) > len(best & outlets):
                best, best_text = have, f["text"]
        got = best & outlets
        pairs += len(outlets)
        covered += len(got)
        complete += got == outlets
        details.append((name, sorted(got), sorted(outlets - got), best_text))
    figures = {
        "one_story": one_story,
        "boilerplate_free": float(not leaked),
        "facts_complete": round(complete / len(EXPECTED_FACTS), 3),
        "fact_outlet_recall": round(covered / pairs, 3),
        "facts": float(len(doc["facts"])),
        "exclusive": float(len(doc["exclusive"])),
    }
    evaluate.details = details  # type: ignore[attr-defined]
    evaluate.leaked = leaked  # type: ignore[attr-defined]
    return figures, doc


def main() -> int:
    if not (SHARED / "seeds").is_dir():
        print(f"skipped: {SHARED / 'seeds'} not found (this bench reads ../shared/seeds)")
        return 0
    figures = run()
    for name, got, missing, text in getattr(evaluate, "details", []):
        print(f"  {name:30s} found {','.join(got) or '-':24s} missing {','.join(missing) or '-':12s} | {text[:70]}")
    for b in getattr(evaluate, "leaked", []):
        print(f"  boilerplate leaked: {b}")
    for k, v in figures.items():
        floor = FLOORS.get(k)
        mark = "" if floor is None else ("  ok" if v >= floor else f"  BELOW FLOOR {floor}")
        print(f"{k:22s} {v}{mark}")
    if "--check" in sys.argv and any(figures[k] < v for k, v in FLOORS.items()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
