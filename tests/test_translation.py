"""Translation leftovers in German text, word by word (fictional sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.compare.translation import find_translation_artifacts
from lagebild.models import Article
from lagebild.text.sentences import split_sentences


def article(text: str, language: str = "de") -> Article:
    return Article(id="a", text=text, language=language,
                   sentences=split_sentences(text, language))


def found(text: str) -> list[str]:
    return [t.text for t in find_translation_artifacts(article(text))]


def test_spanish_function_words_are_found_with_their_phrase() -> None:
    arts = find_translation_artifacts(article(
        "Wladimir Orlow leitete die Sitzung in Velmar. Durante des Treffen sprachen beide über "
        "den Hafen. Die Fähre war según den ersten Daten nicht überladen."))
    texts = [t.text for t in arts]
    assert any(t.startswith("Durante") for t in texts)
    assert any(t.startswith("según") for t in texts)
    assert all(t.why for t in arts)
    art = article("Durante des Treffen sprachen beide.")
    a0 = find_translation_artifacts(art)[0]
    assert a0.text in art.sentences[a0.sentence].text


def test_calques_and_broken_agreement() -> None:
    t = found("Für seine Teil erklärte der Bürgermeister, die Brücke bleibe gesperrt. "
              "Die Behörden gaben zu kennen, dass die Prüfung andauert. "
              "Er forderte einen politischen-diplomatischen Ausgleich.")
    assert "Für seine Teil" in t and "gaben zu kennen" in t
    assert "politischen-diplomatischen" in t


def test_spanish_accents_in_names_when_the_article_spells_them_plainly() -> None:
    t = found("Wladimir Orlow traf den Bürgermeister. Später sagte Vladímir Orlow, er sei "
              "zufrieden.")
    assert t == ["Vladímir"]
    # a Spanish name with its own accents is not a leftover
    assert found("Der spanische Minister José Gómez besuchte Orsund.") == []


def test_clean_german_with_lookalike_words_is_not_flagged() -> None:
    text = ("Die Bank in Orsund war also geschlossen, die Kunden standen davor. "
            "The Guardian berichtete über den Hafen. "
            "Der Chef der Bank of Velmar äußerte sich nicht. "
            "Die Sängerin sang „All of me“ im Dom. "
            "Das Meeting am Hafen dauerte eine Stunde.")
    assert found(text) == []


def test_other_languages_are_not_checked() -> None:
    assert found.__name__  # keep the helper used
    art = article("During the call, the mayor of Orsund spoke about the harbour.", "en")
    assert find_translation_artifacts(art) == []


# --- the project's example corpus (examples/PLANTED.json) ---------------------------------



EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_example_corpus_leftovers_all_found_and_nothing_else() -> None:
    if not (EXAMPLES / "PLANTED.json").exists():
        pytest.skip("examples/PLANTED.json not found")
    from lagebild.ingest.files import Failure, iter_raw_articles
    from lagebild.pipeline import prepare_article

    planted = json.loads((EXAMPLES / "PLANTED.json").read_text(encoding="utf-8"))
    raws = [r for r in iter_raw_articles([str(p) for p in sorted((EXAMPLES / "articles").iterdir())])
            if not isinstance(r, Failure)]
    arts = {a.id: a for a in (prepare_article(r) for r in raws) if a.status == "ok"}
    found = [(aid, t.sentence, t.text) for aid, a in arts.items()
             for t in find_translation_artifacts(a)]

    def hit(p: dict, f: tuple[str, int, str]) -> bool:
        a = arts.get(p["ref"]["article"])
        t = p["ref"]["text"]
        return a is not None and f[0] == a.id and t in a.sentences[f[1]].text and \
            (f[2] in t or t in f[2])

    wanted = planted["translation_artifacts"]
    for p in wanted:
        assert any(hit(p, f) for f in found), f"missed {p['ref']['text']}"
    optional = planted.get("translation_artifacts_optional", [])
    assert [f for f in found if not any(hit(p, f) for p in wanted + optional)] == []
