"""Framing per outlet: loaded terms from the lexicon, tone, headline vs body, missing facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.compare.framing import (
    MATCH_KINDS,
    find_loaded_terms,
    frame_articles,
    headline_mismatch,
    load_lexicon,
)
from lagebild.models import Article, Extraction, Fact, Mention, Ref
from lagebild.text.sentences import split_sentences


def article(aid: str, text: str, language: str = "de", title: str | None = None,
            duplicate_of: str | None = None) -> Article:
    return Article(id=aid, text=text, outlet=aid.upper(), language=language, title=title,
                   sentences=split_sentences(text, language), duplicate_of=duplicate_of)


def terms(art: Article) -> list[str]:
    return [t.term for t in find_loaded_terms(art)]


def test_lexicons_parse_and_every_entry_has_a_reason() -> None:
    for lang in ("de", "en", "es"):
        lex = load_lexicon(lang)
        assert len(lex) >= 10
        for e in lex:
            assert e.match in MATCH_KINDS and -1 <= e.weight <= 1 and len(e.why) > 10


def test_compounds_and_inflections_match() -> None:
    a = article("a", "Der Insel-Diktator von Velmar ließ die Presse schließen. "
                     "Seit der barbarischen Invasion sind drei Jahre vergangen. "
                     "Der Hafen-Tyrann verweigert jede Auskunft. "
                     "Das Regime in Velmar schweigt.")
    found = terms(a)
    assert "Insel-Diktator" in found and "Hafen-Tyrann" in found and "Regime" in found
    assert any("barbarischen" in t for t in found)


def test_tabloid_prefixes_match_only_hyphenated_compounds() -> None:
    a = article("a", "HORROR-FAHRT AUF DEM ORSEE\nDie Pannen-Reederei schwieg. "
                     "Im Kino lief ein Horrorfilm.")
    found = terms(a)
    assert "HORROR-FAHRT" in found and "Pannen-Reederei" in found
    assert "Horrorfilm" not in found


def test_neutral_text_quotes_and_homographs_are_not_loaded() -> None:
    a = article("a", "Der Präsident von Velmar traf den Außenminister. "
                     "Im Verkehrschaos nach dem Sturm standen Busse still. "
                     "Eine Feige lag auf dem Tisch. "
                     "„Das ist ein Skandal-Urteil“, sagte der Anwalt.")
    assert terms(a) == []


def test_term_is_listed_once_per_article() -> None:
    a = article("a", "Die Pannen-Reederei schwieg. Auch später schwieg die Pannen-Reederei.")
    assert terms(a) == ["Pannen-Reederei"]


def test_english_and_spanish_terms() -> None:
    en = article("e", "It was a disgraceful episode. The regime in Velmar denied it. "
                      "Passengers left the death-trap ferry.", "en")
    assert {"disgraceful", "regime", "death-trap"} <= set(terms(en))
    es = article("s", "El régimen de Velmar guardó silencio.", "es")
    assert terms(es) == ["régimen"]


def test_tone_is_lexicon_based_and_bounded() -> None:
    neutral = article("n", "Der Stadtrat von Orsund beschloss den Haushalt.")
    loaded = article("l", "Der Insel-Diktator und sein Regime ließen die barbarischen Angriffe zu.")
    (fn, fl) = frame_articles([neutral, loaded], [])
    assert fn.tone == 0.0
    assert -1.0 <= fl.tone < -0.3
    assert fl.loaded_terms and all(t.why for t in fl.loaded_terms)


def test_missing_facts_counts_copies_with_their_original() -> None:
    a = article("a", "Die Brücke über die Lorve ist gesperrt. Der Bürgermeister prüft Busse.")
    b = article("b", "Die Brücke über die Lorve ist gesperrt.")
    c = article("c", a.text, duplicate_of="a")
    facts = [Fact("f-1", "Die Brücke ist gesperrt.", (Ref("a", 0), Ref("b", 0)), 2),
             Fact("f-2", "Der Bürgermeister prüft Busse.", (Ref("a", 1), Ref("x", 0)), 2)]
    fr = {f.article: f for f in frame_articles([a, b, c], facts)}
    assert fr["a"].missing_facts == ()
    assert fr["b"].missing_facts == ("f-2",)
    assert fr["c"].missing_facts == ()


def test_headline_mismatch_is_conservative() -> None:
    ok = article("a", "Zwölf Verletzte bei Brand in Tessau\nBei dem Brand in der Mühle von Tessau "
                      "wurden zwölf Menschen verletzt.", title="Zwölf Verletzte bei Brand in Tessau")
    assert headline_mismatch(ok) is None
    bad = article("b", "40 Verletzte bei Brand in Tessau\nBei dem Brand in der Mühle von Tessau "
                       "wurden 4 Verletzte gezählt.", title="40 Verletzte bei Brand in Tessau")
    assert "40 Verletzte" in (headline_mismatch(bad) or "")
    text = "Anna Berg warnt vor Flut\nDer Pegel der Lorve steigt weiter."
    named = article("c", text, title="Anna Berg warnt vor Flut")
    ex = Extraction("c", (Mention(0, 9, "Anna Berg", "PER", "Anna Berg"),))
    assert "Anna Berg" in (headline_mismatch(named, ex) or "")


# --- the project's example corpus (examples/PLANTED.json) ---------------------------------



EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _examples() -> tuple[dict, list[Article]]:
    if not (EXAMPLES / "PLANTED.json").exists():
        pytest.skip("examples/PLANTED.json not found")
    from lagebild.ingest.files import Failure, iter_raw_articles
    from lagebild.pipeline import prepare_article

    planted = json.loads((EXAMPLES / "PLANTED.json").read_text(encoding="utf-8"))
    raws = [r for r in iter_raw_articles([str(p) for p in sorted((EXAMPLES / "articles").iterdir())])
            if not isinstance(r, Failure)]
    return planted, [a for a in (prepare_article(r) for r in raws) if a.status == "ok"]


def test_example_corpus_loaded_terms_all_found_and_nothing_else() -> None:
    planted, arts = _examples()
    by_id = {a.id: a for a in arts}
    found = {(f.article, t.sentence, t.term) for f in frame_articles(arts, []) for t in f.loaded_terms}

    def loc(ref: dict) -> tuple[str, int] | None:
        a = by_id.get(ref["article"])
        return next(((a.id, s.i) for s in a.sentences if ref["text"] in s.text), None) if a else None

    wanted = planted["loaded_terms"]
    optional = planted.get("loaded_terms_optional", [])

    def hit(p: dict, f: tuple[str, int, str]) -> bool:
        return loc(p["ref"]) == f[:2] and f[2].lower() in p["ref"]["text"].lower()

    for p in wanted:
        assert any(hit(p, f) for f in found), f"missed {p['term']}"
    extra = [f for f in found if not any(hit(p, f) for p in wanted + optional)]
    assert extra == []
    neutral = set(planted.get("neutral_outlets", []))
    for f in frame_articles([a for a in arts if a.id in neutral], []):
        assert f.loaded_terms == () and f.tone == 0.0
