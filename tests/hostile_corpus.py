"""A hostile corpus, generated at test time: every kind of bad input we know, beside good articles.

``make_corpus(root)`` writes folders that each hold good articles and many bad inputs, and
returns a manifest: which files are good articles (they must be stored) and which are
hostile (each must either be stored as an article or be named in the run's messages).
``measure(...)`` runs ``analyze``, ``cluster --json`` and ``extract`` as subprocesses with a
timeout and counts crashes, hangs, unnamed failures and lost good articles; run this file
as a script to measure a checkout:

    PYTHONPATH=/path/to/src python tests/hostile_corpus.py /tmp/hostile [--timeout 300]
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# Good articles per folder, and folders: the tester used 5 folders.
GOOD_PER_FOLDER = 8
N_FOLDERS = 5
# Bad inputs per folder (besides the few big ones in the first folder): 5 x 205 > 1,000.
HOSTILE_PER_FOLDER = 205

PLACES = ["Brelingen", "Varnsee", "Tessenbruch", "Kranwerth", "Elmtal", "Hegeberg", "Auel", "Wexcombe"]
OUTLETS = ["bote", "kurier", "rundschau", "tagblatt", "anzeiger", "depesche", "zeitung", "post"]
PEOPLE = ["Jan Olsen", "Maria Keller", "Tobias Brandt", "Sina Wolff", "Peter Hahn"]


def good_article(folder: int, k: int) -> tuple[str, str]:
    """(file stem, text) of a plain German news report: stories repeat across outlets."""
    story = k % 3
    place = PLACES[(folder + story) % len(PLACES)]
    person = PEOPLE[(folder + story) % len(PEOPLE)]
    n = 20 + 7 * folder + story
    outlet = OUTLETS[k % len(OUTLETS)]
    if story == 0:
        title = f"Fähre vor {place} auf Grund gelaufen"
        body = (
            f"Die Fähre „Nordlicht {folder}“ ist am Dienstag vor {place} auf Grund gelaufen. "
            f"Alle {n} Fahrgäste wurden nach knapp zwei Stunden gerettet, sagte Hafenmeister {person}. "
            f"Die Ursache ist noch unklar, berichtete die Polizei in {place}."
        )
    elif story == 1:
        title = f"Brücke in {place} gesperrt"
        body = (
            f"Die alte Brücke in {place} ist seit Montag für den Verkehr gesperrt. "
            f"Gutachter fanden {n} Risse im Beton, erklärte Bürgermeisterin {person}. "
            f"Die Sanierung soll im Frühjahr beginnen und rund {n} Wochen dauern."
        )
    else:
        title = f"Stadtrat {place} beschließt neues Schwimmbad"
        body = (
            f"Der Stadtrat von {place} hat am Mittwoch den Bau eines neuen Schwimmbads beschlossen. "
            f"Das Bad soll {n} Millionen Euro kosten, sagte Kämmerer {person}. "
            f"Die Opposition kritisierte die hohen Kosten und forderte eine Bürgerbefragung."
        )
    if k % 2:
        body += f" Ein Sprecher der Stadt {place} bestätigte die Angaben am Abend."
    return f"{outlet}_g{folder}_{k}", f"{title}\n{body}\n"


@dataclass
class Manifest:
    good: dict[str, Path] = field(default_factory=dict)  # article id -> file
    hostile: list[Path] = field(default_factory=list)  # every bad input (file or symlink)
    folders: list[Path] = field(default_factory=list)


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8", errors="surrogatepass")
    return path


def _good_json_line(i: int) -> str:
    return json.dumps({"id": f"jl-{i}", "text": f"Der Verein in Auel feierte am Samstag sein {i}. Jubiläum mit vielen Gästen."}, ensure_ascii=False)


def _hostile(folder: Path, j: int, rng: random.Random, big: bool) -> list[Path]:
    """One bad input of kind j % N (a few kinds give several files)."""
    kind = j % 34
    name = f"h{j:04d}"
    p = folder / name
    words = "Der Rat tagte am Montag in Elmtal und beschloss den Haushalt"
    if kind == 0:
        return [_write(p.with_suffix(".json"), "[" * (1000 + rng.randrange(5000)))]
    if kind == 1:
        return [_write(p.with_suffix(".json"), '{"a":' * 1200 + "1" + "}" * 1200)]
    if kind == 2:
        # lone surrogate escape in otherwise good JSON
        return [_write(p.with_suffix(".json"), '{"text": "' + words + ' \\ud800 und vertagte sich."}')]
    if kind == 3:
        return [_write(p.with_suffix(".txt"), "{" * rng.randrange(1, 200))]
    if kind == 4:
        return [_write(p.with_suffix(".json"), "[]")]
    if kind == 5:
        lines = [_good_json_line(j), "\x00" * 10, '{"text": "nested ' + "[" * 3000 + '"}', "[" * 2000, _good_json_line(j + 100000)]
        return [_write(p.with_suffix(".jsonl"), "\n".join(lines) + "\n")]
    if kind == 6:
        link = p.with_suffix(".txt")
        link.symlink_to(folder / f"missing-{j}.txt")
        return [link]
    if kind == 7:
        a, b = p.with_name(name + "a.txt"), p.with_name(name + "b.txt")
        a.symlink_to(b)
        b.symlink_to(a)
        return [a, b]
    if kind == 8:
        link = p.with_suffix(".txt")
        link.symlink_to("/etc/passwd")
        return [link]
    if kind == 9:
        return [_write(p.with_suffix(".txt"), (words + ". Die Sitzung dauerte drei Stunden.\n").encode("utf-16"))]
    if kind == 10:
        return [_write(p.with_suffix(".txt"), (words + ". Die Sitzung dauerte vier Stunden.\n").encode("utf-16-le"))]
    if kind == 11:
        return [_write(p.with_suffix(".txt"), (words + ". Die Sitzung dauerte fünf Stunden.\n").encode("utf-32"))]
    if kind == 12:
        return [_write(p.with_suffix(".txt"), bytes(rng.randrange(256) for _ in range(2000)))]
    if kind == 13:
        return [_write(p.with_suffix(".txt"), "")]
    if kind == 14:
        return [_write(p.with_suffix(".txt"), " \n\t\n   \n")]
    if kind == 15:
        return [_write(p.with_suffix(".json"), rng.choice(["{", "nul", '{"text": }', "[1,2", "\"unterminated"]))]
    if kind == 16:
        return [_write(p.with_suffix(".json"), rng.choice(["42", '"nur ein String"', "null", "true", "[1, 2, 3]", '[{"text": 5}]']))]
    if kind == 17:
        return [_write(p.with_suffix(".json"), json.dumps({"text": rng.choice(["", "   ", None, 12, ["a"], {"x": 1}])}))]
    if kind == 18:
        return [_write(p.with_suffix(".txt"), "".join(chr(rng.randrange(0x2000, 0x2070)) for _ in range(300)))]
    if kind == 19:
        return [_write(p.with_suffix(".txt"), " ".join(str(rng.randrange(10**6)) for _ in range(200)))]
    if kind == 20:
        return [_write(p.with_suffix(".txt"), "😀🔥💥 " * 200)]
    if kind == 21:
        return [_write(p.with_suffix(".txt"), "[[[ ]]] {{ }} <<>> ((( ))) ||| ### *** ... !!! ???\n" * 20)]
    if kind == 22:
        n = 40_000 if not big else 1_000_000
        return [_write(p.with_suffix(".txt"), rng.choice(["a", "x.", "a@", "-", "w"]) * n)]
    if kind == 23:
        return [_write(p.with_suffix(".html"), "<html><body>" + "<div>" * 3000 + "<p>tief</p>" + "</div>" * 3000 + "</body></html>")]
    if kind == 24:
        return [_write(p.with_suffix(".html"), "<html><head><script>" + "x=1;" * 5000 + "</script><style>p{}</style></head><body></body></html>")]
    if kind == 25:
        return [_write(p.with_suffix(".json"), json.dumps({"id": rng.choice(["../../etc/x", "a/b\\c", "x" * 5000, "\n\t", "<script>"]), "text": words + " in einer langen Sitzung."}))]
    if kind == 26:
        return [_write(p.with_suffix(".txt"), "\x01\x02\x03\x04\x05\x06\x07\x08" * 300)]
    if kind == 27:
        return [_write(p.with_suffix(".txt"), "\u200b\u200c\u200d\u2060\ufeff" * 200)]
    if kind == 28:
        return [_write(p.with_suffix(".json"), json.dumps({"text": words + " erneut.", "published": rng.choice(["gestern", "9999-99-99", "1e999", "-1"]), "language": rng.choice(["xx", "", "deutsch", "zz-ZZ"])}))]
    if kind == 29:
        return [_write(p.with_suffix(".txt"), "Satz. " * (20_000 if big else 300))]
    if kind == 30:
        return [_write(p.with_suffix(".txt"), ("wort " * (60_000 if big else 3_000)).strip())]
    if kind == 31:
        return [_write(p.with_suffix(".json"), json.dumps([{}] * 5 + [{"html": "<p></p>"}, {"html": "<<<>>>"}]))]
    if kind == 32:
        return [_write(p.with_suffix(".html"), "<p>a</p>" * (100_000 if big else 5_000))]
    # kind 33: a .jsonl that is only bad lines, with CRLF and a BOM
    return [_write(p.with_suffix(".jsonl"), "\ufeff{\r\n[]\r\n\"x\"\r\n")]


def make_corpus(root: Path, n_folders: int = N_FOLDERS, hostile_per_folder: int = HOSTILE_PER_FOLDER, seed: int = 10) -> Manifest:
    """Write the corpus below ``root``; the first folder also gets the few big inputs."""
    rng = random.Random(seed)
    man = Manifest()
    j = 0
    for f in range(n_folders):
        folder = root / f"folder{f}"
        folder.mkdir(parents=True)
        man.folders.append(folder)
        for k in range(GOOD_PER_FOLDER):
            stem, text = good_article(f, k)
            man.good[stem] = _write(folder / f"{stem}.txt", text)
        for _ in range(hostile_per_folder):
            man.hostile += _hostile(folder, j, rng, big=False)
            j += 1
        if f == 0:
            # the big ones, once: 1 MB tokens without spaces, a 100k-paragraph tag bomb (the
            # sentence and word limits are tested at unit level: an article at the limit of
            # 2,000 sentences takes a minute through every stage)
            for kind in (22, 32):
                big = kind + 34 * (10_000 + j)
                man.hostile += _hostile(folder, big, rng, big=True)
    return man


def good_jsonl_ids(man: Manifest) -> set[str]:
    out = set()
    for p in man.hostile:
        if p.suffix == ".jsonl" and not p.is_symlink() and p.stat().st_size and b'"jl-' in p.read_bytes():
            for line in p.read_text("utf-8", errors="replace").splitlines():
                if line.startswith('{"id": "jl-'):
                    out.add(json.loads(line)["id"])
    return out


def declared_id(path: Path) -> str | None:
    """The "id" a hostile JSON file gives its article (the same id in two folders is one
    article read twice: the second run finds it unchanged)."""
    if path.suffix != ".json" or path.is_symlink():
        return None
    try:
        obj = json.loads(path.read_text("utf-8"))
    except (ValueError, OSError, RecursionError):
        return None
    v = obj.get("id") if isinstance(obj, dict) else None
    return str(v).strip() if isinstance(v, str) else None


def accounted(path: Path, messages: str, sources: set[str], stored: set[str]) -> bool:
    """A bad input is accounted for when it is named in the messages or its article is stored."""
    return path.name in messages or path.name in sources or declared_id(path) in stored


@dataclass
class Figures:
    runs: int = 0
    crashes: int = 0  # a traceback, or an exit code other than 0/1
    hangs: int = 0
    unnamed: int = 0  # bad inputs neither stored nor named
    lost_good: int = 0  # good articles not stored
    bad_json_stdout: int = 0  # cluster --json / extract printed something that is not JSON
    notes: list[str] = field(default_factory=list)


def _run(args: list[str], env: dict[str, str], timeout: float) -> tuple[int | None, str, str]:
    try:
        p = subprocess.run([sys.executable, "-m", "lagebild", *args], env=env, capture_output=True, text=True, timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired as e:
        def _s(x: object) -> str:
            return x.decode("utf-8", "replace") if isinstance(x, bytes) else (x or "")  # type: ignore[return-value]
        return None, _s(e.stdout), _s(e.stderr)
    return p.returncode, p.stdout, p.stderr


def measure(root: Path, timeout: float = 300.0) -> Figures:
    """Run analyze (per folder, then a follow-up folder of new good articles), cluster --json
    and extract over a fresh corpus below ``root`` and count what went wrong."""
    import sqlite3

    man = make_corpus(root / "corpus")
    env = {**os.environ, "LAGEBILD_THREADS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    fig = Figures()
    db = root / "h.db"
    messages = ""
    for folder in man.folders:
        t0 = time.time()
        rc, out, err = _run(["analyze", str(folder), "--db", str(db), "--out", str(root / "out"), "--quiet"], env, timeout)
        fig.runs += 1
        messages += err + out
        if rc is None:
            fig.hangs += 1
            fig.notes.append(f"analyze {folder.name}: no end after {timeout:.0f} s")
        elif rc not in (0, 1) or "Traceback" in err:
            fig.crashes += 1
            fig.notes.append(f"analyze {folder.name}: exit {rc} after {time.time() - t0:.0f} s: {err.strip().splitlines()[-1:] if err.strip() else ''}")
    # a follow-up run with new good articles must complete and build their dossiers
    after = root / "corpus" / "after"
    new_good = {}
    for k in range(4):
        stem, text = good_article(9, k)
        new_good[stem] = _write(after / f"{stem}.txt", text)
    rc, out, err = _run(["analyze", str(after), "--db", str(db), "--out", str(root / "out2"), "--quiet"], env, timeout)
    fig.runs += 1
    if rc is None or rc != 0 or "Traceback" in err:
        fig.crashes += rc is not None
        fig.hangs += rc is None
        fig.notes.append(f"follow-up analyze: exit {rc}: {err.strip().splitlines()[-1:] if err.strip() else ''}")
    stored: set[str] = set()
    sources: set[str] = set()
    with_dossier: set[str] = set()
    if db.exists():
        con = sqlite3.connect(db)
        try:
            stored = {r[0] for r in con.execute("SELECT id FROM articles WHERE status = 'ok'")}
            sources = {str(r[0]).rsplit("/", 1)[-1] for r in con.execute("SELECT source FROM articles WHERE status = 'ok'")}
            with_dossier = {
                r[0] for r in con.execute("SELECT a.id FROM articles a JOIN dossiers d ON d.story_id = a.story_id WHERE a.status = 'ok'")
            }
        except sqlite3.Error as e:
            fig.notes.append(f"store unreadable: {e}")
        finally:
            con.close()
    want = set(man.good) | good_jsonl_ids(man)
    lost = want - stored
    fig.lost_good = len(lost) + len(set(new_good) - stored)
    if lost:
        fig.notes.append(f"good articles not stored: {sorted(lost)[:5]} ...")
    if set(new_good) - with_dossier:
        fig.notes.append(f"new good articles without a dossier after the follow-up run: {sorted(set(new_good) - with_dossier)}")
    for p in man.hostile:
        if accounted(p, messages, sources, stored):
            continue
        fig.unnamed += 1
        if fig.unnamed <= 8:
            fig.notes.append(f"not named: {p.name}")
    # cluster --json and extract over the whole corpus, into a fresh store
    for cmd in (["cluster", "--json"], ["extract"]):
        rc, out, err = _run([*cmd, str(root / "corpus"), "--db", str(root / f"{cmd[0]}.db"), "--quiet"], env, timeout)
        fig.runs += 1
        if rc is None:
            fig.hangs += 1
            fig.notes.append(f"{cmd[0]}: no end after {timeout:.0f} s")
            continue
        if rc not in (0, 1) or "Traceback" in err:
            fig.crashes += 1
            fig.notes.append(f"{cmd[0]}: exit {rc}: {err.strip().splitlines()[-1:] if err.strip() else ''}")
        try:
            if cmd[0] == "cluster":
                ids = {a for s in json.loads(out)["stories"] for a in s["articles"]}
                miss = want - ids
            else:
                ids = {json.loads(line)["id"] for line in out.splitlines() if line.strip()}
                miss = want - ids
            if miss:
                fig.lost_good += len(miss)
                fig.notes.append(f"{cmd[0]}: good articles missing: {sorted(miss)[:5]}")
        except (ValueError, KeyError, TypeError) as e:
            fig.bad_json_stdout += 1
            fig.notes.append(f"{cmd[0]}: stdout is not the JSON contract: {e}")
    return fig


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("--timeout", type=float, default=300.0)
    a = ap.parse_args()
    a.root.mkdir(parents=True, exist_ok=True)
    t = time.time()
    figures = measure(a.root, a.timeout)
    print(json.dumps({**{k: v for k, v in figures.__dict__.items() if k != "notes"}, "seconds": round(time.time() - t)}, indent=1))
    for n in figures.notes:
        print(" -", n)
