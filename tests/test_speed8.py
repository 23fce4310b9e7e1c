"""Speed work (issue #9, #13) that must not change any output, second round: each faster
path is pinned to the slower one it replaces, on fictional German text."""

from __future__ import annotations

import pytest

from lagebild.lang import hanta_fast

# Word families (fictional compounds among them) whose members begin alike: the forward
# search resumes a word from the rows of an earlier word's beginning.
FAMILIES = [
    "verhandel", "verhandelte", "verhandelten", "verhandlung", "verhandlungen",
    "verhandlungsrunde", "sanierung", "sanierungsarbeiten", "sanierungsarbeit", "saniert",
    "kleinwalddorf", "kleinwalddorfer", "kleinwalddorfs", "zwiebelmarktfest", "zwiebelmarkt",
    "zwiebelmarktfestes", "abc", "abcd", "abcde", "abcdef", "ab", "a", "", "qwrtzpq", "qwrtzp",
    "bürgerbefragung", "bürgerbefragungen", "bürgermeisterin", "bürgermeisterinnen",
]


@pytest.fixture(scope="module")
def plain_tagger():  # type: ignore[no-untyped-def]
    """HanTa's tagger as shipped: its own (slow) searches, nothing memoised or replaced."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


@pytest.mark.parametrize("order", ["given", "reversed", "longest_first"])
def test_resumed_forward_search_equals_hanta(plain_tagger, order: str) -> None:  # type: ignore[no-untyped-def]
    words = {"given": FAMILIES, "reversed": FAMILIES[::-1],
             "longest_first": sorted(FAMILIES, key=len, reverse=True)}[order]
    fast = hanta_fast.fast_analyze_forward(plain_tagger)
    for w in words + words:  # the second time every beginning is kept
        assert repr(fast(w)) == repr(plain_tagger.analyze_forward(w)), w


def test_resumed_search_survives_a_full_memo(plain_tagger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(hanta_fast, "PREFIX_MEMO", 5)
    fast = hanta_fast.fast_analyze_forward(plain_tagger)
    for w in FAMILIES:
        assert repr(fast(w)) == repr(plain_tagger.analyze_forward(w)), w


def test_hanta_name_check_equals_hanta_analysis(plain_tagger) -> None:  # type: ignore[no-untyped-def]
    from lagebild.clustering.names import _hanta_name

    words = ["Kleinwalddorf", "Henrike", "Sauerbrunn", "Schwimmbad", "Bürgermeisterin", "Berlin",
             "Merkel", "Wien", "Haus", "Qwrtzp", "Zwiebelmarktfest", "Ab", "X", "", "12", "ÄÖÜ-Straße"]
    for w in words:
        try:
            want = plain_tagger.analyze(w)[1] == "NE"
        except Exception:
            want = False
        assert _hanta_name(w) is want, w


def _thresholds(_: int) -> tuple[int, int, int]:
    import gc

    return gc.get_threshold()


def test_pool_processes_collect_garbage_less_often() -> None:
    import gc

    from lagebild.scale.pool import GC_THRESHOLDS, LocalPool

    before = gc.get_threshold()
    try:
        with LocalPool(workers=2, threads=1) as pool:
            assert list(pool.imap(_thresholds, [0, 1])) == [GC_THRESHOLDS, GC_THRESHOLDS]
        LocalPool(workers=1, threads=1)
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def test_shared_suffix_table_equals_the_per_tag_search(plain_tagger) -> None:  # type: ignore[no-untyped-def]
    """HanTa's German model lists the same endings for every guessable tag: the suffix scores
    then come from one table of them (issue #13), the same as searching each tag's endings."""
    shared = hanta_fast._Model(plain_tagger)
    per_tag = hanta_fast._Model(plain_tagger)
    assert shared._suffixes is not None
    per_tag._suffixes = None
    for m in ["", "a", "ab", "ung", "ungen", "erung", "lichkeit", "qxzy", "xxxxxen", "tät", "ß"]:
        assert shared.suffix_scores(m) == per_tag.suffix_scores(m), m
