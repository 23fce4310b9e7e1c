"""Dossier quality on real news, the seeds and the example corpus (issue 12, "How it is measured").

For each of three corpora the dossier is built from the story's own articles (clustering is
skipped, so its quality does not confound these figures): cleaning, sentences, copies
(dedup), extraction, alignment, contradictions, quotes, summary — the real stages.

realnews_dev (../shared/data/realnews_dev/gold_facts.json, two real stories):
- gold_facts: share of gold facts found by one dossier fact whose support holds sentences
  of >= 2 of the gold fact's articles (a sentence holds a mention when it contains the
  mention's text or the mention contains the sentence);
- gold_contradictions: share of gold contradiction entries with mentions in >= 2 articles
  whose mentions are hit (>= 2 of them, from 2 articles) by one dossier contradiction or one
  development (``developments``: a figure that changes over time);
seeds (../shared/seeds): the six facts with every outlet (bench/seeds.py's patterns),
contradictions other than the weekday (false alarms), listed quotes without a speaker,
facts whose text starts as a subordinate clause;
all three: fragment rate (facts whose text is not a complete, non-headline sentence of one
of its supports) and unknown-speaker rate (listed quotes without speaker / listed quotes;
"all" counts the ones kept with ``listed`` False too).

Run: python bench/dossier_realnews.py [-v]
Embeddings are cached in bench/out/facts_cache.db (gitignored). Prints "skipped" for a
corpus whose files are absent.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "realnews_dev" / "gold_facts.json"
REALNEWS = SHARED / "data" / "realnews_dev" / "realnews_dev.jsonl"
SEEDS = SHARED / "seeds"
# Floors for tests/test_quality_floors.py, a bit under what was measured on 2026-12-01 (same
# settings for all three corpora): realnews gold facts 0.933 (14 of 15; 0.733 before the
# cross-language alignment of dossier2) and contradictions 0.75 (3 of 4),
# no trap flagged; seeds: 0.667 of the six facts complete (1.0 since dossier5), weekday found, no false alarm,
# no listed quote without speaker, no subordinate fact start; fragment rate 0 everywhere.
# "*_ok" figures are 1.0 when the count they name is zero.
FLOORS = {
    "realnews_gold_facts": 0.9,
    "realnews_gold_contradictions": 0.7,
    "realnews_no_trap_flagged": 1.0,
    "realnews_fragment_free": 0.95,
    # the six facts complete: 0.667 until dossier5 (2026-12-01), then 1.0
    "seeds_facts_complete": 0.95,
    # (fact, outlet) pairs of the six facts covered: 0.833 on main, 0.875 after the
    # same-language paraphrase links and fact merging (2026-12-01, dossier3), 1.0 after
    # the kit's near-synonyms and negation scope (dossier5)
    "seeds_fact_outlet_recall": 0.95,
    "seeds_weekday_found": 1.0,
    "seeds_no_false_alarm": 1.0,
    "seeds_no_listed_quote_without_speaker": 1.0,
    "seeds_no_subordinate_start": 1.0,
    "seeds_fragment_free": 0.95,
    "examples_fragment_free": 0.95,
    # facts whose agreeing (marked) part is a relative or background clause: 0.051 / 0.154
    # / 0.061 (realnews / seeds / examples, 2026-12-01, dossier5; main had 0.179 on the
    # seeds). Not all are wrong: on BASIL and the other realnews_dev stories many shared
    # facts are relative clauses ("who is running to succeed retiring Sen. Tom Harkin",
    # "die dem Unsagbaren eine Stimme geben"), so they are counted, not forbidden; the
    # seeds' ones are joined by unrelated sentences (a link-precision problem).
    "realnews_marked_fragment_free": 0.9,
    "seeds_marked_fragment_free": 0.8,
    "examples_marked_fragment_free": 0.9,
}

# Gold "contradictions" entries that describe a trap (wording that looks contradictory but is
# not, or a number that means two things): flagging them is a false alarm, not a find.
TRAP = re.compile(r"but are not|both correct|same fact|naive fact-merger|No hard", re.IGNORECASE)

# Words that open a German/English/Spanish subordinate clause: a fact text starting with one
# and holding no main clause reads as a fragment ("Während der US-Präsident weitere
# Gespräche plant"). Checked on the seeds' fact texts.
SUBORDINATORS = {
    "während", "weil", "dass", "daß", "nachdem", "obwohl", "wenn", "als", "ob", "damit",
    "bevor", "seit", "seitdem", "indem", "falls", "sodass", "wobei", "die", "der", "das",
    "den", "dem", "deren", "dessen", "welche", "welcher", "wie", "wo", "which", "who",
    "that", "while", "because", "although", "que", "quien", "donde", "mientras", "aunque",
    "porque", "cuando", "und", "aber", "sondern", "and", "but", "y", "pero",
}


def _articles_from_jsonl(rows: Sequence[dict[str, Any]]) -> list[Any]:
    """Cleaned Articles of the given jsonl rows, copies marked by the dedup stage."""
    from lagebild.ingest.files import iter_raw_articles
    from lagebild.pipeline import prepare_article, raw_hash

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "story.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        raws = [r for r in iter_raw_articles([p]) if not hasattr(r, "reason")]
        arts = [prepare_article(r, raw_hash(r)) for r in raws]
    return _mark_copies(arts)


def _mark_copies(arts: list[Any]) -> list[Any]:
    from lagebild.dedup import DedupDoc, find_duplicates

    found = find_duplicates([DedupDoc(a.id, a.text, a.published) for a in arts if a.status == "ok"])
    return [dataclasses.replace(a, duplicate_of=found.get(a.id)) for a in arts]


def build(arts: list[Any], embed: Any, story_id: str = "s") -> dict[str, Any]:
    from lagebild.dossier import build_dossier, checked_dict
    from lagebild.extract import extract_article

    ex = {a.id: extract_article(a) for a in arts if a.status == "ok"}
    return checked_dict(build_dossier(story_id, arts, ex, embed))


# --- figures ------------------------------------------------------------------------------

def _sentences(doc: dict[str, Any]) -> dict[tuple[str, int], str]:
    return {(a["id"], s["i"]): s["text"] for a in doc["articles"] for s in a["sentences"]}


def _heads(doc: dict[str, Any]) -> set[tuple[str, int]]:
    out = set()
    for a in doc["articles"]:
        if a.get("title") and a["sentences"] and a["sentences"][0]["text"].strip() == a["title"].strip():
            out.add((a["id"], 0))
    return out


def _norm(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip().lower()


def _holds(sentence: str, mention: str) -> bool:
    s, m = _norm(sentence), _norm(mention)
    return m in s or (len(s) > 25 and s in m) or (len(m) > 40 and m[:40] in s) or (len(m) > 40 and m[-40:] in s)


def _mention_refs(doc: dict[str, Any], mentions: Sequence[dict[str, str]]) -> list[set[tuple[str, int]]]:
    sent = _sentences(doc)
    return [{k for k, t in sent.items() if k[0] == m["id"] and _holds(t, m["text"])} for m in mentions]


def fragment_rate(doc: dict[str, Any]) -> tuple[float, list[str]]:
    """Share of facts whose text is not a whole non-headline sentence of one of its supports,
    or whose sentence starts with a subordinating word (and so states nothing on its own)."""
    sent = _sentences(doc)
    heads = _heads(doc)
    bad = []
    for f in doc["facts"]:
        whole = [
            (r["article"], r["sentence"]) for r in f["support"]
            if _norm(sent.get((r["article"], r["sentence"]), "")) == _norm(f["text"])
            and (r["article"], r["sentence"]) not in heads
        ]
        if not whole or subordinate_start(f["text"]):
            bad.append(f["text"])
    return (len(bad) / len(doc["facts"]) if doc["facts"] else 0.0), bad


# Words that open a relative clause (after a comma) or a background clause: a fact whose
# marked (agreeing) part opens with one asserts a fragment ("..., die zur aktuellen Lage
# geführt haben"; "Während der US-Präsident weitere Gespräche plant").
RELATIVE_OPENERS = {"die", "der", "das", "dem", "den", "deren", "dessen", "welche", "welcher",
                    "welches", "which", "who", "whom", "que", "quien", "quienes", "cuyo", "cuya"}
BACKGROUND_OPENERS = {"während", "obwohl", "wenn", "falls", "bevor", "bis", "damit", "while",
                      "although", "if", "before", "unless", "mientras", "aunque", "si", "antes"}


def marked_fragment_rate(doc: dict[str, Any]) -> tuple[float, list[str]]:
    """Share of facts whose marked part (what the outlets agree on) is a relative clause
    (opens with a relative pronoun after a comma) or a background clause; the whole-sentence
    check of ``fragment_rate`` cannot see these since facts are shown as whole sentences.
    A signal to read, not a defect count: a relative clause often is the shared fact."""
    bad = []
    for f in doc["facts"]:
        mark = f.get("mark")
        if not mark:
            continue
        part = f["text"][mark[0]:mark[1]].strip(" „“\"»«'")
        first = re.split(r"\W+", part.lower(), maxsplit=1)[0] if part else ""
        before = f["text"][: mark[0]].rstrip()
        if first in BACKGROUND_OPENERS or (first in RELATIVE_OPENERS and before.endswith(",")):
            bad.append(part)
    return (len(bad) / len(doc["facts"]) if doc["facts"] else 0.0), bad


def subordinate_start(text: str) -> bool:
    """A text that starts lower-case or with a subordinator and has no comma-separated main
    clause after it ("Während X plant" alone)."""
    t = text.strip(" „“\"»«'")
    if not t:
        return True
    if t[0].islower():
        return True
    first = re.split(r"\W+", t.lower(), maxsplit=1)[0]
    if first in SUBORDINATORS and first not in {"die", "der", "das", "den", "dem", "und", "aber", "and", "but", "y", "pero", "wie"}:
        return "," not in t  # "Während X plant, ruft Y an" has its main clause after the comma
    return False


def speaker_rates(doc: dict[str, Any]) -> tuple[float, float, int, int]:
    """(unknown among listed, unknown among all, listed, all)."""
    qs = doc["quotes"]
    listed = [q for q in qs if q.get("listed", True)]
    unk_l = sum(1 for q in listed if not q.get("speaker"))
    unk_a = sum(1 for q in qs if not q.get("speaker"))
    return (unk_l / len(listed) if listed else 0.0, unk_a / len(qs) if qs else 0.0, len(listed), len(qs))


def gold_scores(doc: dict[str, Any], gold: dict[str, Any], verbose: bool) -> tuple[int, int, int, int, int, int]:
    fact_hit = fact_n = con_hit = con_n = trap_hit = trap_n = 0
    facts = [{(r["article"], r["sentence"]) for r in f["support"]} for f in doc["facts"]]
    sent = _sentences(doc)
    for g in gold["facts"]:
        refs = _mention_refs(doc, g["mentions"])
        arts = {m["id"] for m in g["mentions"]}
        if len(arts) < 2:
            continue
        fact_n += 1
        best: set[str] = set()
        best_i = -1
        for i, sup in enumerate(facts):
            have = {m["id"] for m, rs in zip(g["mentions"], refs) if rs & sup}
            if len(have) > len(best):
                best, best_i = have, i
        ok = len(best) >= 2
        fact_hit += ok
        if verbose:
            mark = "ok  " if ok else "MISS"
            shown = doc["facts"][best_i]["text"][:80] if best_i >= 0 else "-"
            print(f"  {mark} fact {g['desc'][:60]:60s} {len(best)}/{len(arts)} | {shown}")
            if not all(refs):
                print(f"       (mentions not found as sentences: {[m['id'] for m, r in zip(g['mentions'], refs) if not r]})")
    found = [({(r["article"], r["sentence"]) for r in c["claims"]}, f"{c['kind']}: {c['explanation']}") for c in doc["contradictions"]]
    found += [({(r["article"], r["sentence"]) for r in d.get("claims", d.get("support", []))}, f"development: {d.get('explanation', d.get('text', ''))}")
              for d in doc.get("developments", [])]
    for g in gold["contradictions"]:
        arts = {m["id"] for m in g["mentions"]}
        if len(arts) < 2:
            continue
        trap = bool(TRAP.search(g["desc"]))
        refs = _mention_refs(doc, g["mentions"])
        hit = None
        for claims, why in found:
            have = {m["id"] for m, rs in zip(g["mentions"], refs) if rs & claims}
            if len(have) >= 2:
                hit = why
                break
        if trap:
            trap_n += 1
            trap_hit += hit is not None
        else:
            con_n += 1
            con_hit += hit is not None
        if verbose:
            mark = ("FLAG" if hit else "ok  ") if trap else ("ok  " if hit else "MISS")
            print(f"  {mark} {'trap  ' if trap else 'contra'} {g['desc'][:70]:70s} | {(hit or '-')[:80]}")
    if verbose:
        print(f"  dossier: {len(doc['facts'])} facts, {len(doc['contradictions'])} contradictions, "
              f"{len(doc.get('developments', []))} developments, {len(doc['quotes'])} quotes, {len(doc['summary'])} summary")
        for c in doc["contradictions"]:
            print(f"     contradiction {c['kind']}/{c['severity']}: {c['explanation'][:110]}")
        for s in doc["summary"]:
            print(f"     summary [{len({r['article'] for r in s['support']})}] {s['text'][:110]}")
        _ = sent
    return fact_hit, fact_n, con_hit, con_n, trap_hit, trap_n


def realnews(embed: Any, verbose: bool) -> dict[str, float] | None:
    if not GOLD.is_file() or not REALNEWS.is_file():
        print(f"skipped realnews: {GOLD} not found (this bench reads ../shared/data)")
        return None
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in REALNEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    fh = fn = ch = cn = th = tn = 0
    frag: list[float] = []
    mfrag: list[float] = []
    n_facts = 0
    unk_l = unk_a = listed = allq = 0.0
    for story in gold:
        members = [r for r in rows if r["cluster"] == story["cluster"]]
        arts = _articles_from_jsonl(members)
        doc = build(arts, embed, story["cluster"])
        if verbose:
            print(f"story {story['cluster']} ({len(members)} articles)")
        a, b, c, d, e, f = gold_scores(doc, story, verbose)
        fh, fn, ch, cn, th, tn = fh + a, fn + b, ch + c, cn + d, th + e, tn + f
        fr, bad = fragment_rate(doc)
        frag.append(fr * len(doc["facts"]))
        mfr, mbad = marked_fragment_rate(doc)
        mfrag.append(mfr * len(doc["facts"]))
        if verbose:
            for t in mbad[:8]:
                print(f"     marked fragment: {t[:100]}")
        n_facts += len(doc["facts"])
        if verbose:
            for t in bad[:8]:
                print(f"     fragment: {t[:100]}")
        ul, ua, nl, na = speaker_rates(doc)
        unk_l, unk_a, listed, allq = unk_l + ul * nl, unk_a + ua * na, listed + nl, allq + na
    return {
        "gold_facts": round(fh / max(1, fn), 3),
        "gold_facts_n": float(fn),
        "gold_contradictions": round(ch / max(1, cn), 3),
        "gold_contradictions_n": float(cn),
        "gold_traps_flagged": float(th),
        "gold_traps_n": float(tn),
        "facts": float(n_facts),
        "fragment_rate": round(sum(frag) / max(1, n_facts), 3),
        "marked_fragment_rate": round(sum(mfrag) / max(1, n_facts), 3),
        "unknown_speaker_listed": round(unk_l / max(1, listed), 3),
        "unknown_speaker_all": round(unk_a / max(1, allq), 3),
        "quotes_listed": listed,
    }


def seeds(embed: Any, verbose: bool) -> dict[str, float] | None:
    if not SEEDS.is_dir():
        print(f"skipped seeds: {SEEDS} not found")
        return None
    sys.path.insert(0, str(HERE))
    import seeds as seeds_bench  # bench/seeds.py: the six facts and their outlets

    from lagebild.ingest.files import iter_raw_articles
    from lagebild.pipeline import prepare_article, raw_hash

    raws = [r for r in iter_raw_articles(sorted(SEEDS.iterdir())) if not hasattr(r, "reason")]
    arts = _mark_copies([prepare_article(r, raw_hash(r)) for r in raws])
    doc = build(arts, embed, "seeds")
    figures, _ = seeds_bench.evaluate([doc])
    kinds = [c["kind"] for c in doc["contradictions"]]
    false_alarms = sum(1 for k in kinds if k not in ("weekday", "date"))
    fr, bad = fragment_rate(doc)
    mfr, mbad = marked_fragment_rate(doc)
    sub = [f["text"] for f in doc["facts"] if subordinate_start(f["text"])]
    ul, ua, nl, na = speaker_rates(doc)
    if verbose:
        for name, got, missing, text in getattr(seeds_bench.evaluate, "details", []):
            print(f"  {name:30s} found {','.join(got) or '-':24s} missing {','.join(missing) or '-':12s} | {text[:70]}")
        for c in doc["contradictions"]:
            print(f"  contradiction {c['kind']}/{c['severity']}: {c['explanation'][:110]}")
        for s in doc["summary"]:
            print(f"  summary [{len({r['article'][:3] for r in s['support']})}] {s['text'][:110]}")
        for t in bad[:10]:
            print(f"  fragment: {t[:100]}")
        for t in mbad[:10]:
            print(f"  marked fragment: {t[:100]}")
    return {
        "facts_complete": figures["facts_complete"],
        "fact_outlet_recall": figures["fact_outlet_recall"],
        "weekday_found": float("weekday" in kinds or "date" in kinds),
        "developments": float(len(doc.get("developments", []))),
        "false_alarms": float(false_alarms),
        "facts": float(len(doc["facts"])),
        "fragment_rate": round(fr, 3),
        "marked_fragment_rate": round(mfr, 3),
        "subordinate_starts": float(len(sub)),
        "listed_quotes_without_speaker": float(round(ul * nl)),
        "unknown_speaker_listed": round(ul, 3),
        "unknown_speaker_all": round(ua, 3),
        "quotes_listed": float(nl),
        "quotes_all": float(na),
    }


def examples(embed: Any, verbose: bool) -> dict[str, float] | None:
    sys.path.insert(0, str(HERE))
    import facts_examples  # the planted stories of examples/

    frag_n = mfrag_n = facts_n = n_con = n_dev = 0
    unk_l = unk_a = listed = allq = 0.0
    for sid, arts in facts_examples.story_articles().items():
        if len(arts) < 2:
            continue
        doc = build(arts, embed, sid)
        fr, bad = fragment_rate(doc)
        frag_n += round(fr * len(doc["facts"]))
        mfr, mbad = marked_fragment_rate(doc)
        mfrag_n += round(mfr * len(doc["facts"]))
        facts_n += len(doc["facts"])
        ul, ua, nl, na = speaker_rates(doc)
        unk_l, unk_a, listed, allq = unk_l + ul * nl, unk_a + ua * na, listed + nl, allq + na
        n_con += len(doc["contradictions"])
        n_dev += len(doc.get("developments", []))
        if verbose:
            for c in doc["contradictions"] + doc.get("developments", []):
                print(f"  contradiction {c['kind']}/{c.get('severity')}: {c['explanation'][:110]}")
            print(f"story {sid}: {len(doc['facts'])} facts; summary lead: {doc['summary'][0]['text'][:100] if doc['summary'] else '-'}")
            for t in bad[:5]:
                print(f"  fragment: {t[:100]}")
            for t in mbad[:5]:
                print(f"  marked fragment: {t[:100]}")
    return {
        "facts": float(facts_n),
        "fragment_rate": round(frag_n / max(1, facts_n), 3),
        "marked_fragment_rate": round(mfrag_n / max(1, facts_n), 3),
        "unknown_speaker_listed": round(unk_l / max(1, listed), 3),
        "unknown_speaker_all": round(unk_a / max(1, allq), 3),
        "quotes_listed": listed,
        "contradictions": float(n_con),
        "developments": float(n_dev),
        "planted_contradictions": float(len(json.loads((ROOT / "examples" / "PLANTED.json").read_text(encoding="utf-8"))["contradictions"])),
    }


def run(shared: Path = SHARED) -> dict[str, float]:
    """Figures under the FLOORS keys (for tests/test_quality_floors.py)."""
    from lagebild.embed import Embedder
    from lagebild.store import open_store

    (HERE / "out").mkdir(exist_ok=True)
    store = open_store(HERE / "out" / "facts_cache.db")
    try:
        embed = Embedder(store)
        r = realnews(embed, False) or {}
        s = seeds(embed, False) or {}
        e = examples(embed, False) or {}
    finally:
        store.close()
    return {
        "realnews_gold_facts": r.get("gold_facts", 0.0),
        "realnews_gold_contradictions": r.get("gold_contradictions", 0.0),
        "realnews_no_trap_flagged": float(r.get("gold_traps_flagged", 1.0) == 0),
        "realnews_fragment_free": 1.0 - r.get("fragment_rate", 1.0),
        "seeds_facts_complete": s.get("facts_complete", 0.0),
        "seeds_fact_outlet_recall": s.get("fact_outlet_recall", 0.0),
        "seeds_weekday_found": s.get("weekday_found", 0.0),
        "seeds_no_false_alarm": float(s.get("false_alarms", 1.0) == 0),
        "seeds_no_listed_quote_without_speaker": float(s.get("listed_quotes_without_speaker", 1.0) == 0),
        "seeds_no_subordinate_start": float(s.get("subordinate_starts", 1.0) == 0),
        "seeds_fragment_free": 1.0 - s.get("fragment_rate", 1.0),
        "examples_fragment_free": 1.0 - e.get("fragment_rate", 1.0),
        "realnews_marked_fragment_free": 1.0 - r.get("marked_fragment_rate", 1.0),
        "seeds_marked_fragment_free": 1.0 - s.get("marked_fragment_rate", 1.0),
        "examples_marked_fragment_free": 1.0 - e.get("marked_fragment_rate", 1.0),
    }


def main() -> int:
    from lagebild.embed import Embedder
    from lagebild.store import open_store

    verbose = "-v" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("-")] or ["realnews", "seeds", "examples"]
    (HERE / "out").mkdir(exist_ok=True)
    store = open_store(HERE / "out" / "facts_cache.db")
    embed = Embedder(store)
    t0 = time.perf_counter()
    try:
        for name, fn in (("realnews", realnews), ("seeds", seeds), ("examples", examples)):
            if name not in only:
                continue
            figures = fn(embed, verbose)
            if figures is None:
                continue
            for k, v in figures.items():
                print(f"{name:9s} {k:30s} {v}")
    finally:
        store.close()
    print(f"seconds {time.perf_counter() - t0:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
