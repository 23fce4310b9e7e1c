"""Issue #9 (speed6): shortcuts of the dossier stage that must not change what it finds.

Real parts only: cleaning, sentence splitting, the loaded-terms lexicon, the number reader
and the fact builder. Where a test checks that work is skipped, it wraps the real function
to count its calls (the function still runs when called).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.compare import contra_counts, facts, framing
from lagebild.compare.contra_counts import count_conflicts
from lagebild.compare.framing import (
    COMPOUND_MIN_PART,
    LexiconEntry,
    _first_single,
    _singles,
    _token_match,
    find_loaded_terms,
    load_lexicon,
)
from lagebild.lang.tokens import tokenize
from lagebild.models import RawArticle

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"



def _count_calls(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Wrap ``module.name`` so that each call appends 1 to the returned list."""
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls

def _article(aid: str, outlet: str, text: str, language: str = "de", published: str | None = None):
    from lagebild.pipeline import prepare_article, raw_hash

    raw = RawArticle(id=aid, text=text, outlet=outlet, language=language, published=published)
    return prepare_article(raw, raw_hash(raw))


def _reference_single(lang: str, word: str, initial: bool) -> LexiconEntry | None:
    """What ``_first_single`` answered before: every entry through ``_token_match``."""
    return next((e for e in _singles(lang) if _token_match(e, word, initial)), None)


def _words() -> list[str]:
    words: set[str] = set()
    for path in sorted(EXAMPLES.glob("*.txt")):
        if path.is_file():
            words.update(t.text for t in tokenize(path.read_text(encoding="utf-8", errors="replace")) if t.text[:1].isalnum())
    # every lexicon term, in both cases, inside compounds and with hyphens (head, prefix and
    # prefix- matches and their length limits)
    for lang in ("de", "en", "es"):
        for e in load_lexicon(lang):
            for term in e.term.split():
                for t in (term, term.lower(), term.capitalize(), term.upper()):
                    words.update({t, "Kriegs" + t.lower(), "xy" + t, t + "-Partei", t + "-xy", t + "lich",
                                  t + "x" * COMPOUND_MIN_PART, t + "-" + "x" * COMPOUND_MIN_PART, t[:-1], t + "en"})
    return sorted(words)


@pytest.mark.parametrize("lang", ["de", "en", "es"])
def test_first_single_answers_as_token_match(lang: str) -> None:
    words = _words()
    assert len(words) > 500
    hits = 0
    for w in words:
        for initial in (False, True):
            got = _first_single(lang, w, initial)
            assert got == _reference_single(lang, w, initial), (lang, w, initial)
            hits += got is not None
    assert hits > 20  # the comparison covered matching words, not only misses


def test_phrases_still_found_after_the_first_word_filter() -> None:
    art = _article("a", "Bote", "Die Zeitung sprach von einer barbarischen Invasion im Osten. "
                   "Eine Invasion sei das nicht, sagte der Minister.")
    terms = find_loaded_terms(art)
    assert [t.sentence for t in terms if "Invasion" in t.term and " " in t.term] == [0]


def test_one_outlet_story_reads_no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_calls(monkeypatch, contra_counts, "_counts")
    texts = ("Beim Unglück starben 12 Menschen. Die Feuerwehr war mit 300 Kräften im Einsatz.",
             "Beim Unglück starben 14 Menschen. Die Polizei war mit 40 Beamten vor Ort.")
    one = [_article("a", "Bote", texts[0]), _article("b", "Bote", texts[1])]
    assert count_conflicts(one, lambda xs: None, lambda a: "bote", lambda a: a) == ([], [])  # type: ignore[arg-type,return-value]
    assert not calls
    # a copy is no second outlet either
    from dataclasses import replace

    copy = [one[0], replace(_article("c", "Kurier", texts[1]), duplicate_of="a")]
    assert count_conflicts(copy, lambda xs: None, lambda a: a, lambda a: a) == ([], [])  # type: ignore[arg-type,return-value]
    assert not calls


def test_two_outlets_still_compare_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.embed import Embedder

    calls = _count_calls(monkeypatch, contra_counts, "_counts")
    arts = [
        _article("a", "Bote", "Der Landtag nahm das Gesetz mit 513 zu 207 Stimmen an. Die Opposition kündigte eine Klage an."),
        _article("b", "Kurier", "Das Gesetz wurde mit 512:206 Stimmen beschlossen. Die Debatte dauerte sechs Stunden."),
    ]
    found, _ = count_conflicts(arts, Embedder(), lambda a: a, lambda a: a)
    assert calls == [1]
    assert any("Abstimmungsergebnis" in (c.explanation_de or "") for c in found)


def test_facts_read_tainted_sentences_only_when_a_fact_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.compare.facts import align_claims, facts_from_groups
    from lagebild.embed import Embedder

    calls = _count_calls(monkeypatch, facts, "tainted_sentences")
    emb = Embedder()
    one = [_article("a", "Bote", "Die Fähre Möwe lief am Montag vor der Insel Kranwerth auf Grund. "
                    "An Bord waren 63 Fahrgäste, verletzt wurde niemand.")]
    assert facts_from_groups(align_claims(one, emb), one) == []
    assert not calls
    two = [*one, _article("b", "Kurier", "Am Montag lief die Fähre Möwe vor der Insel Kranwerth auf Grund. "
                          "Die 63 Fahrgäste blieben unverletzt.")]
    got = facts_from_groups(align_claims(two, emb), two)
    assert got, "the shared statement is a fact"
    assert calls == [1]  # computed once for all the story's facts


def test_framing_of_one_article_unchanged_by_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loaded terms framing lists for the example articles are those of the reference
    matcher (every token through ``_token_match``)."""
    arts = [_article(p.stem, "Bote", p.read_text(encoding="utf-8", errors="replace")) for p in sorted(EXAMPLES.glob("*.txt")) if p.is_file()]
    got = [[t for t, _ in framing._match_terms(a, ())] for a in arts]
    monkeypatch.setattr(framing, "_first_single", _reference_single)
    want = [[t for t, _ in framing._match_terms(a, ())] for a in arts]
    assert got == want
    assert any(got)


def test_accentless_names_folded_only_for_an_accented_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.compare import translation

    calls = _count_calls(monkeypatch, translation, "_plain_names")
    plain = _article("p", "Bote", "Wladimir Orlow traf den Bürgermeister von Orsund. Er sei zufrieden, sagte Orlow.")
    assert translation.find_translation_artifacts(plain) == []
    assert not calls
    accented = _article("q", "Bote", "Ramon Ortega traf den Bürgermeister von Orsund. Später sagte Ramón Ortega, "
                        "er sei zufrieden. Auch Ramón Ortegas Sprecher äußerte sich.")
    assert [t.text for t in translation.find_translation_artifacts(accented)] == ["Ramón", "Ramón"]
    assert calls == [1]  # once per article, however many accented words


def _alias_windows(text: str):  # type: ignore[no-untyped-def]
    """(first token, surface) of every window of up to five tokens at a capitalised token,
    built as the entity tagger builds them."""
    toks = tokenize(text)
    for i, t in enumerate(toks):
        if not t.text[:1].isupper():
            continue
        for length in range(1, 6):
            if i + length > len(toks):
                break
            surface = "".join(w.text if k == 0 or w.start == toks[i + k - 1].end else " " + w.text
                              for k, w in enumerate(toks[i : i + length]))
            yield t.text, surface


def test_may_start_alias_never_skips_a_curated_name() -> None:
    from lagebild.lang.names import ALIAS_GROUPS, alias_canonical, may_start_alias

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(EXAMPLES.glob("*.txt"))]
    seeds = EXAMPLES.parents[1].parent / "shared" / "seeds"
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []
    # every spelling of every curated name, with genitive and adjective endings, glued and
    # after an article
    for canonical, variants in ALIAS_GROUPS.items():
        for v in (canonical, *variants):
            texts.append(f"Dann sagte {v} etwas. Die {v}s Haltung. {v}-Chef {v}es und {v}'s. ({v}).")
            words = v.split()
            if len(words) > 1:
                texts.append(" ".join([w + "en" for w in words[:-1]] + [words[-1] + "es"]) + " kam.")
    skipped = found = 0
    for text in texts:
        for first, surface in _alias_windows(text):
            if alias_canonical(surface) is not None:
                found += 1
                assert may_start_alias(first), (first, surface)
            elif not may_start_alias(first):
                skipped += 1
    assert found > 100 and skipped > 100  # the check saw names and skipped windows


def test_may_start_alias_edges() -> None:
    from lagebild.lang.names import may_start_alias

    assert may_start_alias("EZB") and may_start_alias("Vereinigten") and may_start_alias("U")
    assert not may_start_alias("Bürgermeisterin")
    assert may_start_alias("\u200b")  # folds to nothing: the next token decides, nothing skipped


def test_org_cue_memo_answers_as_the_function() -> None:
    from lagebild.extract import gazetteer as gz

    words = ["Verteidigungsministerium", "Bank", "Industriekreditbank", "Bankett", "Amt", "Rathaus",
             "Polizei", "SPD-Partei", "Partei", "Gerichtshof", "Haus", "Stiftung", "bank"]
    for w in words + _words()[:2000]:
        assert gz.is_org_cue(w) == gz.is_org_cue.__wrapped__(w), w
    assert gz.is_org_cue("Verteidigungsministerium") and not gz.is_org_cue("Haus")
