"""Recall features of story clustering (issue 8): cross-language names, the ordinal 1, the
same-day bonus across languages. Real functions, no shared data needed."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import numpy as np

from lagebild.clustering.names import candidate_names, name_key
from lagebild.clustering.similarity import ClusterOptions, idf_of, make_groups, similarity
from lagebild.clustering.specifics import figures


def test_institution_and_state_names_match_across_languages() -> None:
    assert name_key("EZB") == name_key("ECB") == name_key("BCE")
    assert name_key("Sachsen") == name_key("Saxony") == name_key("Sajonia")
    assert name_key("Thüringen") == name_key("Thuringia")
    assert name_key("Sachsen") != name_key("Thüringen")
    # clustering's keys are the kit's token keys (one owner of "the same name")
    assert name_key("Selenskyj") == name_key("Zelensky")
    de = candidate_names(["Die EZB senkt den Leitzins, sagte Lagarde in Frankfurt."], "de")
    en = candidate_names(["On Thursday the ECB cut its key rate, Lagarde said."], "en")
    assert name_key("EZB") in de & en


def test_first_is_not_a_specific_but_eighth_is() -> None:
    assert not [k for k in figures("Die EZB senkt erstmals seit 2019 zum ersten Mal die Zinsen.", "de") if k.endswith("ord")]
    assert "#8ord" in figures("Es ist die achte Zinssenkung in Folge.", "de")
    assert "#8ord" in figures("It is the eighth cut in a row.", "en")


def test_strike_durations_are_specifics_exact_or_approximate() -> None:
    """"a six-day strike", "huelga de seis días", "casi tres días" (the length of the event),
    but not a bound such as "mehr als 40 Tote"."""
    assert "#6day" in figures("German train drivers will hold a six-day strike.", "en")
    assert "#6day" in figures("una huelga de maquinistas de seis días", "es")
    assert "#3day" in figures("inició una huelga de casi tres días", "es")
    assert "#60min" in figures("Das Gespräch dauerte fast eine Stunde.", "de")
    assert figures("Es gab mehr als 40 Tote.", "de") == []


def _pair(lang_b: str, day_b: date) -> float:
    vec = np.array([[1.0, 0.0, 0.0, 0.0], [0.6, 0.8, 0.0, 0.0]], dtype=np.float32)
    none: list[Counter[str]] = [Counter(), Counter()]
    idf = idf_of(Counter(), 2)
    g = make_groups(vec, none, none, [1, 1], [date(2024, 1, 24), day_b], [date(2024, 1, 24), day_b],
                    idf, idf, ["de", lang_b])
    return float(similarity(g, g, replace(ClusterOptions(), unknown_date_penalty=0.0))[0, 1])


def test_same_day_bonus_only_across_languages() -> None:
    opt = ClusterOptions()
    same_lang_same_day = _pair("de", date(2024, 1, 24))
    cross_same_day = _pair("en", date(2024, 1, 24))
    cross_next_day = _pair("en", date(2024, 1, 25))
    cross_far = _pair("en", date(2024, 1, 27))
    assert abs(cross_same_day - same_lang_same_day - opt.cross_language_bonus - opt.date_match_bonus) < 1e-6
    assert abs(cross_next_day - cross_same_day) < 1e-6  # within DATE_MATCH_DAYS
    assert cross_far < cross_same_day - opt.date_match_bonus + 1e-6
