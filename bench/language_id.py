"""Language-id accuracy on the seeds (all de), realnews_dev (gold ``language``) and the example corpus.

    python bench/language_id.py            # the backend lagebild uses now
    python bench/language_id.py --compare  # also py3langid, if installed

An answer of None ("unsure") counts as wrong. Reads ../shared; skips what is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def seeds() -> Iterator[tuple[str, str]]:
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        yield p.read_text(encoding="utf-8", errors="replace"), "de"


def realnews() -> Iterator[tuple[str, str]]:
    path = SHARED / "data" / "realnews_dev" / "realnews_dev.jsonl"
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            yield d["text"], d["language"]


def examples() -> Iterator[tuple[str, str]]:
    planted = json.loads((ROOT / "examples" / "PLANTED.json").read_text(encoding="utf-8"))
    for a in planted["articles"]:
        path = ROOT / "examples" / a["file"]
        if a["format"] in ("json", "jsonl"):
            raw = path.read_text(encoding="utf-8")
            if a["format"] == "jsonl":
                items = [json.loads(x) for x in raw.splitlines() if x.strip()]
            else:
                data = json.loads(raw)
                items = data if isinstance(data, list) else [data]
            text = next((x.get("text") or x.get("html") or "" for x in items if x.get("id") == a["article"]), "")
        else:
            text = path.read_bytes().decode(a.get("encoding") or "utf-8", errors="replace")
        yield text, a["language"]


def sentences(corpus: Callable[[], Iterator[tuple[str, str]]]) -> Callable[[], Iterator[tuple[str, str]]]:
    """Sentences of 40+ characters, each labelled with its document's language (a harder test)."""

    def gen() -> Iterator[tuple[str, str]]:
        for text, lang in corpus():
            for s in re.split(r"(?<=[.!?])\s+|\n+", text):
                if len(s.strip()) >= 40:
                    yield s.strip(), lang

    return gen


def py3langid_detect() -> Callable[[str], str | None]:
    """py3langid (a candidate replacement that was measured; lagebild uses fastText lid.176)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(text: str) -> str | None:
        lang, p = ident.classify(text)
        return str(lang) if p >= 0.5 else None

    return detect


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--compare", action="store_true", help="also score py3langid (if installed)")
    args = ap.parse_args()
    from lagebild.text.language import detect_language

    backends: dict[str, Callable[[str], str | None]] = {"lagebild": detect_language}
    if args.compare:
        try:
            backends["py3langid"] = py3langid_detect()
        except ImportError as e:
            print(f"py3langid: not installed ({e})")
    corpora = (("seeds", seeds), ("realnews_dev", realnews), ("examples", examples))
    corpora += tuple((f"{n}/sent", sentences(c)) for n, c in corpora)
    for name, corpus in corpora:
        items = list(corpus())
        if not items:
            print(f"{name}: skipped (not found under {SHARED})")
            continue
        for bname, detect in backends.items():
            t0 = time.perf_counter()
            got = [detect(t) for t, _ in items]
            dt = time.perf_counter() - t0
            ok = sum(g == gold for g, (_, gold) in zip(got, items, strict=True))
            wrong = [(gold, g) for g, (_, gold) in zip(got, items, strict=True) if g != gold]
            print(f"{name:13s} {bname:9s} {ok}/{len(items)} = {ok / len(items):.3f}  ({dt:.2f}s)  wrong (gold, got): {wrong[:8]}")


if __name__ == "__main__":
    main()
