"""lang.tokens.TagMemo: tags exported by one process seed another's memo (dossier workers reuse
the extraction's German tags, issue #9)."""

from __future__ import annotations


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
