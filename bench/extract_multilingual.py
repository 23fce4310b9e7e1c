"""Quotes with speakers and dates in English and Spanish news, against our own small gold set.

    python bench/extract_multilingual.py [--examples]

Gold: ``bench/extract_multilingual_gold.json`` (labels written for lagebild by hand on eight
realnews_dev articles, four English, four Spanish; the texts are read from
``../shared/data/realnews_dev/realnews_dev.jsonl`` and never copied).

Scoring
- Quotes: a gold quote is found when a predicted quote's span contains its key substring;
  precision counts predicted quotes of these articles that contain no gold key. Speaker
  accuracy over found quotes: the predicted speaker phrase or its entity contains one of the
  gold speaker alternatives (``a|b``), case-insensitively.
- Dates: every occurrence of a gold context is one gold date; a predicted DATE/TIME that
  overlaps it with the gold value (a TIME's date part) is correct. Precision counts predicted
  DATE/TIME expressions whose value is not PRESENT/PAST/FUTURE_REF nor fully unresolved.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = REPO / "bench" / "extract_multilingual_gold.json"

# Floors a bit under what was measured on 2026-12-01 (en: quotes P 0.826 R 0.731, speaker
# 0.947, dates P/R 0.815/0.815; es: quotes P 0.913 R 0.947, speaker 0.833, dates
# 0.714/0.714). Speakers before issue 13 round 2: en 0.684, es 0.389. The gold set is small
# (45 quotes, 38 dates) and was labelled, not tuned on; its speaker misses were read when the
# English/Spanish frame rules were written (COARSE_SUBJECT_WINDOW, COARSE_APPOSITION_WINDOW in
# chunker.py and PRONOUN_WINDOW in speakers.py name the articles they were set on), so the
# speaker figures are optimistic.
# 2026-12-02, frames after their message ("…, GDL said in a statement.", "…, said the
# judge.") and frame adjuncts no longer read as messages: en quotes P 0.826 -> 0.889, R 0.731
# -> 0.923, speaker 0.947 -> 0.958; es unchanged. The rule was written from English reports
# outside the gold set (dev-045), but the pattern is common: one gold article (dev-032) was
# the report where the defect showed in a dossier, so the English gain is optimistic too.
FLOORS = {
    "en_quote_recall": 0.88,
    "es_quote_recall": 0.90,
    "en_speaker_accuracy": 0.90,
    "es_speaker_accuracy": 0.78,
    "en_date_recall": 0.78,
    "es_date_recall": 0.70,
}


def _articles(shared: Path, ids: set[str]) -> dict[str, dict[str, str]]:
    rows = {}
    with (shared / "data" / "realnews_dev" / "realnews_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in ids:
                rows[r["id"]] = r
    return rows


def _speaker_ok(q, gold: str) -> bool:
    if q.speaker is None:
        return False
    said = f"{q.speaker.text} {q.speaker.entity or ''}".lower()
    return any(alt.lower() in said for alt in gold.split("|"))


def evaluate(shared: Path, examples: bool = False) -> dict[str, float]:
    from lagebild.extract import extract_article
    from lagebild.models import Article
    from lagebild.text.sentences import split_sentences

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = {g["article"] for g in gold["quotes"]} | {g["article"] for g in gold["dates"]}
    rows = _articles(shared, ids)
    out: dict[str, float] = {}
    per_lang: dict[str, dict[str, int]] = {}
    for aid in sorted(rows):
        r = rows[aid]
        lang = r["language"]
        c = per_lang.setdefault(lang, {"q_gold": 0, "q_found": 0, "q_pred": 0, "q_fp": 0, "spk_ok": 0,
                                       "d_gold": 0, "d_found": 0, "d_pred": 0, "d_tp": 0})
        text = r["text"]
        art = Article(id=aid, text=text, language=lang, published=r.get("published"),
                      sentences=split_sentences(text, lang))
        ext = extract_article(art)
        golds = [g for g in gold["quotes"] if g["article"] == aid]
        c["q_gold"] += len(golds)
        c["q_pred"] += len(ext.quotes)
        for q in ext.quotes:
            if not any(g["key"] in q.text for g in golds):
                c["q_fp"] += 1
                if examples:
                    print(f"  FP {aid} [{q.kind}] {q.text[:80]!r} <- {q.speaker.text if q.speaker else None}")
        for g in golds:
            hits = [q for q in ext.quotes if g["key"] in q.text]
            if hits:
                c["q_found"] += 1
                ok = any(_speaker_ok(q, g["speaker"]) for q in hits)
                c["spk_ok"] += ok
                if examples and not ok:
                    print(f"  SPK {aid} {g['key'][:50]!r}: {[q.speaker.text if q.speaker else None for q in hits]}"
                          f" want {g['speaker']}")
            elif examples:
                print(f"  FN {aid} {g['key'][:60]!r}")
        dgold = []
        for g in (g for g in gold["dates"] if g["article"] == aid):
            for m in re.finditer(re.escape(g["context"]), text):
                dgold.append((m.start(), m.end(), g["value"], g["context"]))
        c["d_gold"] += len(dgold)
        preds = [t for t in ext.times if t.type in ("DATE", "TIME") and "REF" not in t.value
                 and not t.value.startswith("XXXX")]
        c["d_pred"] += len(preds)
        for t in preds:
            if any(a < t.end and t.start < b and t.value.split("T")[0] == v for a, b, v, _ in dgold):
                c["d_tp"] += 1
            elif examples:
                print(f"  date FP {aid} {t.text!r} = {t.value}")
        for a, b, v, ctx in dgold:
            if any(a < t.end and t.start < b and t.value.split("T")[0] == v for t in preds):
                c["d_found"] += 1
            elif examples:
                print(f"  date FN {aid} {ctx[:40]!r} want {v}; got "
                      f"{[(t.text, t.value) for t in ext.times if a < t.end and t.start < b]}")
    for lang, c in sorted(per_lang.items()):
        qp = (c["q_pred"] - c["q_fp"]) / c["q_pred"] if c["q_pred"] else 0.0
        out[f"{lang}_quote_precision"] = qp
        out[f"{lang}_quote_recall"] = c["q_found"] / c["q_gold"] if c["q_gold"] else 0.0
        out[f"{lang}_speaker_accuracy"] = c["spk_ok"] / c["q_found"] if c["q_found"] else 0.0
        out[f"{lang}_date_precision"] = c["d_tp"] / c["d_pred"] if c["d_pred"] else 0.0
        out[f"{lang}_date_recall"] = c["d_found"] / c["d_gold"] if c["d_gold"] else 0.0
        out[f"{lang}_gold_quotes"] = c["q_gold"]
        out[f"{lang}_gold_dates"] = c["d_gold"]
    return out


def run(shared: Path) -> dict[str, float]:
    """Measured figures under the keys of FLOORS."""
    return evaluate(shared)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--examples", action="store_true", help="print every miss")
    args = ap.parse_args()
    if not (args.shared / "data" / "realnews_dev").is_dir():
        print(f"skipped: {args.shared / 'data' / 'realnews_dev'} not found (needs ../shared/data)")
        return 0
    for k, v in evaluate(args.shared, args.examples).items():
        print(f"{k:24s} {v:.3f}" if v <= 1 else f"{k:24s} {int(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
