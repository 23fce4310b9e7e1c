"""Ordinals listed together name earlier occurrences of a series, not the reported one.

Every text here is fictional and written for these tests.
"""

from __future__ import annotations

from lagebild.clustering.specifics import figures
from lagebild.lang.numbers import joins_a_list


def test_words_that_only_list_figures() -> None:
    assert joins_a_list(" und ")
    assert joins_a_list(", ")
    assert joins_a_list(" and ")
    assert joins_a_list(", and ")
    assert joins_a_list(" y ")
    assert joins_a_list(" / ")
    assert not joins_a_list(" Zinssenkung und ")
    assert not joins_a_list(" vez consecutiva, un ")
    assert not joins_a_list(" ")


def test_listed_ordinals_are_no_specifics() -> None:
    """'beim ersten und zweiten Test' recalls two earlier flights: no '#2ord' that would
    conflict with the fifth flight the report is about; a lone ordinal still counts."""
    assert figures("Beim ersten und zweiten Test der Kormoran-Rakete war es zu Explosionen gekommen.", "de") == []
    assert figures("The first, second and third Kormoran flights ended in explosions.", "en") == []
    assert figures("El primer y segundo vuelo del Kormoran terminaron en explosiones.", "es") == []
    assert figures("Die Kormoran-Rakete ist zu einem fünften Testflug gestartet.", "de") == ["#5ord"]
    # two ordinals of one report that are not a list both stay ("seventh in a row, an eighth cut")
    assert figures("por séptima vez consecutiva, un octavo ajuste", "es") == ["#7ord", "#8ord"]
