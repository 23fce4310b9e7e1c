"""Speed work (issue #9, #13) that must not change any output: each faster path is pinned
to the slower one it replaces, on fictional German text."""

from __future__ import annotations

import pytest

from lagebild.lang import hanta_fast
from lagebild.lang.tokens import TOKEN_RE

# Fictional news text (ours): compounds, names, figures, odd tokens.
TEXT = (
    "Die Bürgermeisterin von Kleinwalddorf, Henrike Sauerbrunn, kündigte am Dienstag an, "
    "das marode Schwimmbad bis 2027 für 4,5 Millionen Euro sanieren zu lassen. "
    "„Wir haben lange gerechnet“, sagte sie. Der Gemeinderat stimmte mit 12 zu 3 Stimmen zu; "
    "die Opposition nannte die Pläne überhastet und forderte eine Bürgerbefragung. "
    "Laut Kreisverwaltung wurden Fördermittelanträge bereits eingereicht, die Sanierungsarbeiten "
    "sollen im Frühjahr beginnen. Anwohnerinnen befürchten Lärmbelästigungen und Parkplatzmangel. "
    "Xylofonbauer Zwiebelmarktfest qwrtzp ÄÖÜ-Straße e.V. GmbH 17:30 3.000,50 z. B. ups"
)


def _words() -> list[str]:
    from lagebild.lang.tokens import load_hanta

    tagger = load_hanta()
    words = sorted({tagger.normalize(m.group()) for m in TOKEN_RE.finditer(TEXT)})
    # short words, single letters and the empty string take HanTa's edge branches
    return [*words, "", "a", "ab", "abc", "zz", "ung", "ungen", "schnellstmöglich"]


@pytest.fixture(scope="module")
def plain_tagger():  # type: ignore[no-untyped-def]
    """HanTa's tagger as shipped: its own (slow) searches, nothing memoised or replaced."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


def test_fast_forward_search_equals_hanta(plain_tagger) -> None:  # type: ignore[no-untyped-def]
    assert hanta_fast.supported(plain_tagger)
    fast = hanta_fast.fast_analyze_forward(plain_tagger)
    for w in _words():
        # the same tags with bit-identical scores, in the same order
        assert repr(fast(w)) == repr(plain_tagger.analyze_forward(w)), w


def test_fast_viterbi_search_equals_hanta(plain_tagger) -> None:  # type: ignore[no-untyped-def]
    fast = hanta_fast.fast_analyze_viterbi(plain_tagger)
    for w in _words():
        # for the word's best and worst tag, and for tags it cannot have (the second,
        # unrestricted pass and HanTa's fallback when nothing reaches the tag)
        ranked = plain_tagger.analyze_forward(w)
        targets = {-ranked[0][0], -ranked[-1][0], -5, -30}
        for pos in targets:
            assert fast(w, pos) == plain_tagger.analyze_viterbi(w, pos), (w, pos)


def test_loaded_tagger_tags_like_hanta(plain_tagger) -> None:  # type: ignore[no-untyped-def]
    from lagebild.lang.tokens import load_hanta

    words = [m.group() for m in TOKEN_RE.finditer(TEXT)]
    fast = load_hanta()
    assert fast.tag_sent(words, taglevel=1) == plain_tagger.tag_sent(words, taglevel=1)
    for w in words:
        assert fast.analyze(w) == plain_tagger.analyze(w)


def test_fast_sentence_tagger_equals_hanta(plain_tagger) -> None:  # type: ignore[no-untyped-def]
    from lagebild.lang.tokens import tokenize

    fast = hanta_fast.fast_tag_sent_viterbi(plain_tagger)
    sentences = [[t.text for t in tokenize(s)] for s in TEXT.split(". ")]
    # an unknown word (no tags: every transition allowed) and a lone word
    sentences += [["Qwrtzp", "xvbnm", "sagte", "er"], ["Haus"], ["der", "die", "das", "."]]
    for words in sentences:
        for casesensitive in (True, False):
            assert fast(words, casesensitive) == plain_tagger.tag_sent_viterbi(words, casesensitive), words


# Fictional reports full of temporal expressions (German, English, Spanish), and a text
# with characters Python's case-insensitive matching equates with ASCII letters ("ſ", the
# Kelvin sign), which the TIMEX prefilter must not judge.
TIME_TEXTS = [
    TEXT,
    "Am Montag, dem 3. März 2025, um 10:30 Uhr begann die Sitzung; bereits am Vortag hatte "
    "der Rat getagt. Seit Jahren, genauer seit Anfang 2019, streiten die Parteien. Im Frühjahr "
    "2026 soll entschieden werden, spätestens aber Ende des Jahres. Vor drei Wochen hieß es "
    "noch, die Frist laufe am 15.04. ab; in den letzten zwei Monaten passierte wenig.",
    "On Tuesday, March 4, the council met for the first time in 14 months. Two days later, "
    "at 9 a.m., the mayor said the plan had been delayed since last year. In the 1990s the "
    "town had 4,000 residents; every week now brings new arrivals.",
    "El pasado 12 de enero de 2024, a las 18:00 horas, el alcalde anunció el plan. Hace dos "
    "semanas la oposición lo rechazó; mañana se votará. Desde diciembre del año 2022 no hubo acuerdo.",
    "Am 3. August 2024 um 10 Uhr in der Hauptſtraße, \u212arankenhaus, Anfang Mai, vor zwei "
    "Jahren, gestern Abend, nachtſ.",
    "Nichts Zeitliches hier: Gemüse, Obst und Brot.",
    "",
]


def _scan_all_rules(text: str) -> list[object]:
    from tests.test_extract_memos import _scan_afresh  # every rule, no prefilter, no memo

    return list(_scan_afresh(text))


def test_timex_prefilter_skips_only_rules_that_cannot_match() -> None:
    from lagebild.extract import timex_rules

    for text in TIME_TEXTS:
        assert list(timex_rules._scanned(text)) == _scan_all_rules(text), text
    # sentence by sentence too: most rules are skipped on short texts
    for text in TIME_TEXTS:
        for part in text.split(". "):
            assert list(timex_rules._scanned(part)) == _scan_all_rules(part), part


def test_timex_prefilter_leaves_unsure_texts_alone() -> None:
    from lagebild.extract import timex_rules

    needs, safe = timex_rules._prefilters()
    assert "ſ" not in safe and "\u212a" not in safe  # re.IGNORECASE: "ſ" ~ "s", Kelvin ~ "k"
    assert set("äöüßÄÖÜ„“–€ ") <= safe
    # "nachtſ" is "nachts" to the rule (re.IGNORECASE), not to a lower-case comparison: the
    # text is scanned in full and the expression found
    found = [text[f.start:f.end] for text in ["Er kam nachtſ."] for f in timex_rules._scanned(text)]
    assert found == ["nachtſ"]
    assert sum(n is not None for n in needs) >= len(needs) // 2  # most rules have a test


def test_timex_requirements_are_strings_every_match_holds() -> None:
    import re

    from lagebild.extract.timex_prefilter import requirements

    assert requirements(re.compile(r"(?<!\w)(?:foo|bar)\s+bazz", re.I)) == {"bazz"}
    assert requirements(re.compile(r"(?<!\w)(?:Jahres|Monats)(?:ende|anfang)", re.I)) == {"jahres", "monats"}
    assert requirements(re.compile(r"(?:vor\s+)?\d+\s*Uhr", re.I)) == {"uhr"}
    assert requirements(re.compile(r"x|\d", re.I)) is None  # one alternative needs no text
    assert requirements(re.compile(r"(?:abc)?\d+", re.I)) is None  # optional text is no requirement


def test_fast_token_constructor_makes_the_same_frozen_tokens() -> None:
    import pickle
    from dataclasses import FrozenInstanceError

    from lagebild.lang.tokens import Token, _token, tokenize

    a, b = _token("Haus", 3, 7, None, "NN"), Token("Haus", 3, 7, None, "NN")
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b) and a.lemma == "Haus"
    assert a.shifted(5) == Token("Haus", 8, 12, None, "NN")
    assert pickle.loads(pickle.dumps(a)) == b
    with pytest.raises(FrozenInstanceError):
        a.text = "Hof"  # type: ignore[misc]
    toks = tokenize("Am 3.10. sagte sie: „Ja.“", 10)
    assert [(t.text, t.start, t.end, t.lemma, t.pos) for t in toks][:3] == [
        ("Am", 10, 12, "", ""), ("3.10", 13, 17, "", ""), (".", 17, 18, "", "")]
