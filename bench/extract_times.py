"""Temporal tagging on WikiWarsDE: extent F1 (overlap) and value F1, plus throughput.

Reads ``../shared/data/wikiwarsde/keyinline/*.key.xml`` (TIMEX2 inline): the text between
<TEXT> and </TEXT> with the tags removed is what the tagger sees, and the tags give the gold
spans and values. The document creation time (<DATETIME>) is the anchor.

Matching (as in the TERN / HeidelTime evaluations):
- extent: a predicted expression is correct when it overlaps a gold one; recall counts gold
  expressions overlapped by a prediction.
- value: a predicted expression is correct when it overlaps a gold one with the same
  normalised value; recall counts gold expressions with such a prediction.

TIMEX2 -> TIMEX3 value mapping (both sides pass through ``_norm``): seconds ":00" are
dropped ("2011-02-16T17:00:00" == "2011-02-16T17:00"), values are upper-cased. TIMEX2 and
TIMEX3 agree on everything else the tagger emits (dates, weeks, seasons "1940-SU", parts of
day "TMO", "BC0490", centuries "19", decades "193", durations "P3D"/"PT1H", PRESENT_REF /
PAST_REF / FUTURE_REF). TIMEX2 writes set frequencies in other attributes; the 2 sets of
this half of the corpus are scored by their ``val`` as given. Gold TIMEX2 without ``val``
count for extent only (they can never be value-correct).

Run: python bench/extract_times.py
"""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path

from lagebild.extract.times import find_times

# Floors a bit under what was measured on the 11 WikiWarsDE docs of ../shared on 2026-11-21
# (extent F1 0.973, value F1 0.926); held-out docs are the other half of the corpus.
FLOORS = {"extent_f1": 0.95, "value_f1": 0.90}

_TAG = re.compile(r"<TIMEX2([^>]*)>|</TIMEX2>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def load_doc(path: Path) -> tuple[str, str, list[tuple[int, int, str | None]]]:
    """(text, anchor, gold [(start, end, val)]) of one keyinline document."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DATETIME>.*?val=\"([^\"]+)\"", raw, re.S)
    anchor = dct_m.group(1)[:10] if dct_m else None
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    gold: list[tuple[int, int, str | None]] = []
    stack: list[tuple[int, str | None]] = []
    pos, length = 0, 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(0).startswith("</"):
            start, val = stack.pop()
            gold.append((start, length, val))
        else:
            attrs = dict(_ATTR.findall(m.group(1)))
            stack.append((length, attrs.get("val")))
    out.append(html.unescape(body[pos:]))
    return "".join(out), anchor or "", gold


def _norm(v: str | None) -> str:
    if not v:
        return ""
    v = v.upper()
    v = re.sub(r"(T\d\d:\d\d):00$", r"\1", v)
    return v


def score(docs: list[tuple[str, str, list[tuple[int, int, str | None]]]]) -> dict[str, float]:
    """Extent and value precision / recall / F1 over ``docs``; also chars per second."""
    n_pred = n_gold = ext_p = ext_r = val_p = val_r = 0
    chars = 0
    t0 = time.perf_counter()
    preds_all = []
    for text, anchor, _ in docs:
        preds_all.append(find_times(text, [], anchor))
        chars += len(text)
    elapsed = time.perf_counter() - t0
    for (_text, _anchor, gold), preds in zip(docs, preds_all):
        n_pred += len(preds)
        n_gold += len(gold)
        for p in preds:
            over = [g for g in gold if p.start < g[1] and g[0] < p.end]
            ext_p += bool(over)
            val_p += any(_norm(g[2]) == _norm(p.value) for g in over)
        for g in gold:
            over = [p for p in preds if p.start < g[1] and g[0] < p.end]
            ext_r += bool(over)
            val_r += any(_norm(g[2]) == _norm(p.value) for p in over)

    def f1(a: float, b: float) -> float:
        return 2 * a * b / (a + b) if a + b else 0.0

    ep, er = ext_p / max(n_pred, 1), ext_r / max(n_gold, 1)
    vp, vr = val_p / max(n_pred, 1), val_r / max(n_gold, 1)
    return {
        "extent_precision": ep, "extent_recall": er, "extent_f1": f1(ep, er),
        "value_precision": vp, "value_recall": vr, "value_f1": f1(vp, vr),
        "chars_per_second": chars / elapsed if elapsed else 0.0,
        "gold": float(n_gold), "predicted": float(n_pred),
    }


def run(shared: Path) -> dict[str, float]:
    """Scores on ``shared/data/wikiwarsde`` (see the module docstring)."""
    folder = shared / "data" / "wikiwarsde" / "keyinline"
    docs = [load_doc(p) for p in sorted(folder.glob("*.key.xml"))]
    return score(docs)


def main() -> int:
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    folder = shared / "data" / "wikiwarsde" / "keyinline"
    if not folder.is_dir():
        print(f"skipped: {folder} not found (needs ../shared/data/wikiwarsde)")
        return 0
    print(f"reading {folder}")
    res = run(shared)
    for k, v in res.items():
        print(f"{k:20s} {v:.3f}" if v < 100 else f"{k:20s} {v:,.0f}")
    if "-v" in sys.argv:
        _errors(shared)
    return 0


def _errors(shared: Path) -> None:
    folder = shared / "data" / "wikiwarsde" / "keyinline"
    for path in sorted(folder.glob("*.key.xml")):
        text, anchor, gold = load_doc(path)
        preds = find_times(text, [], anchor)
        for p in preds:
            over = [g for g in gold if p.start < g[1] and g[0] < p.end]
            if not over:
                print("FP ", path.stem[:12], repr(text[max(0, p.start - 30):p.end + 15]),
                      "->", repr(p.text), p.value)
            elif not any(_norm(g[2]) == _norm(p.value) for g in over):
                g = over[0]
                print("VAL", path.stem[:12], repr(p.text), p.value, "gold", repr(text[g[0]:g[1]]),
                      g[2])
        for g in gold:
            if not any(p.start < g[1] and g[0] < p.end for p in preds):
                print("FN ", path.stem[:12], repr(text[max(0, g[0] - 30):g[1] + 15]), "->",
                      repr(text[g[0]:g[1]]), g[2])


if __name__ == "__main__":
    raise SystemExit(main())
