"""Language of articles and sentences, and foreign words inside a sentence (fictional text)."""

from __future__ import annotations

from lagebild.text.language import detect_language, foreign_words, language_scores
from lagebild.text.sentences import split_sentences

DE = "Die neue Brücke über den Musterfluss ist am Dienstag nach drei Jahren Bauzeit eröffnet worden."
EN = "The city council of Exampleton approved the construction of a new bridge on Tuesday."
ES = "El pleno del ayuntamiento de Villaejemplo aprobó el martes la construcción de un nuevo puente."


def test_detect_language_per_article() -> None:
    assert detect_language(DE) == "de"
    assert detect_language(EN) == "en"
    assert detect_language(ES) == "es"
    assert detect_language("") is None
    assert detect_language("   \n ") is None


def test_language_scores_are_sorted_probabilities() -> None:
    scores = language_scores(DE, 3)
    assert scores[0][0] == "de"
    assert all(0.0 <= p <= 1.0 for _, p in scores)
    assert [p for _, p in scores] == sorted((p for _, p in scores), reverse=True)


def test_language_per_sentence() -> None:
    text = "\n".join([DE, EN, "Kurz gesagt: ja.", ES])
    sents = split_sentences(text, "de")
    assert [s.language for s in sents] == ["de", "en", "de", "es"]  # the short one inherits


def test_foreign_word_in_german_sentence() -> None:
    s = "Durante des Anrufs besprachen die Minister das Budget der Musterstädter Feuerwehr."
    hits = foreign_words(s, "de")
    assert [(a, b, w, lang) for a, b, w, lang in hits] == [(0, 7, "Durante", "es")]
    assert s[hits[0][0]:hits[0][1]] == "Durante"


def test_names_and_loan_words_are_not_foreign() -> None:
    for s in [
        "Donald Muster schrieb auf Truth Social, er werde mit dem Präsidenten sprechen.",
        "Trump sprach mit Putin über die Lage in Kyjiw und im Iran.",
        "Das Team stellte die Online-Plattform am Montag vor.",
        DE,
    ]:
        assert foreign_words(s, "de") == [], s


def test_foreign_words_in_other_directions() -> None:
    hits = foreign_words("El alcalde dijo que the bridge would open pronto.", "es")
    assert {w for _, _, w, _ in hits} >= {"would"}
    assert foreign_words(EN, "en") == []
