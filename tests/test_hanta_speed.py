"""lang/hanta_speed: the faster HanTa analyses return exactly what HanTa's own return."""

from __future__ import annotations

import pytest

from lagebild.lang import hanta_speed

# Words of every kind HanTa meets in news: lexicon words, long compounds it has to segment
# and guess, names, short words (guessing rules differ under four letters), hyphenated forms,
# figures and foreign words.
WORDS = [
    "der", "die", "und", "haus", "häuser", "ging", "mitteilte", "regierungssprecherin",
    "bundesverfassungsgerichts", "klimaschutzgesetz", "ausgerechnet", "verhandlungen",
    "scholz", "merkel", "ö", "zu", "xyz", "qwrtzp", "e-mail-adresse", "corona-pandemie",
    "1.000", "2024", "the", "government", "gobierno", "überraschenderweise",
    "donaudampfschifffahrtsgesellschaftskapitän", "abgeordnetenhaus", "zurückgetreten",
]


@pytest.fixture(scope="module")
def taggers():
    ht = pytest.importorskip("HanTa.HanoverTagger")
    return ht.HanoverTagger("morphmodel_ger.pgz"), hanta_speed.speed_up(ht.HanoverTagger("morphmodel_ger.pgz"))


def test_forward_analysis_is_exactly_hantas(taggers):
    plain, fast = taggers
    for w in WORDS:
        assert repr(fast.analyze_forward(w)) == repr(plain.analyze_forward(w)), w


def test_morpheme_paths_are_exactly_hantas(taggers):
    plain, fast = taggers
    for w in WORDS:
        for tag, _lp in plain.analyze_forward(w)[:3]:
            assert fast.analyze_viterbi(w, -tag) == plain.analyze_viterbi(w, -tag), (w, tag)
            assert fast.analyze_viterbi(w, tag) == plain.analyze_viterbi(w, tag), (w, tag)


def test_tagged_sentences_and_lemmas_are_exactly_hantas(taggers):
    plain, fast = taggers
    sent = ["Die", "Regierungssprecherin", "des", "Bundesverfassungsgerichts", "teilte", "am", "Mittwoch", "mit", ",", "dass", "1.000", "Abgeordnete", "zurückgetreten", "seien", "."]
    assert fast.tag_sent(sent, taglevel=1) == plain.tag_sent(sent, taglevel=1)
    assert [fast.analyze(w) for w in sent] == [plain.analyze(w) for w in sent]


def test_exported_tags_seed_another_memo_with_the_same_tokens():
    from lagebild.lang.tokens import TagMemo

    sent = "Die Regierungssprecherin teilte am Mittwoch mit, dass 1.000 Abgeordnete zurückgetreten seien."
    tagger_side = TagMemo()
    fresh = tagger_side.tagged(sent, "de")
    exported = tagger_side.export(sent, "de")
    assert exported is not None
    other = TagMemo()
    assert other.seed(sent, "de", exported)
    assert other.tagged(sent, "de") == fresh and other.misses == 0
    # tags that do not fit the sentence are refused, and nothing is held
    assert not TagMemo().seed(sent + " Noch ein Satz.", "de", exported)
    assert tagger_side.export("nicht getaggt", "de") is None
    assert TagMemo().export(sent, "en") is None  # only German (HanTa) tags are worth keeping
