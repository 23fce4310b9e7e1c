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
