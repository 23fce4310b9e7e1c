"""Memos of the per-article stage (issue #9) give what computing afresh gives: the entity
tagger's sentence features and the TIMEX rules' candidate expressions."""

from __future__ import annotations

import dataclasses

from lagebild.extract import ner_model, timex_rules

SENTENCES = (
    ["Die", "Regierungssprecherin", "teilte", "am", "Mittwoch", "in", "Berlin", "mit", "."],
    ["Anna", "Schmidt-Kowalski", "von", "der", "Stadtwerke", "Kleinwalden", "GmbH", "sagte", ":", "„", "Nein", "“"],
    ["US-Präsident", "Biden", "traf", "1998", "den", "Kanzler", "."],
    ["Berlin"],
    [],
)


def _features_afresh(words: list[str]) -> list[list[str]]:
    """The sentence features as built before the per-word memo (one string at a time)."""
    n = len(words)
    own = [ner_model._word_feats(w) for w in words]
    ctx = [ner_model._ctx_feats(w) for w in words]
    out: list[list[str]] = []
    for i in range(n):
        f = ["b", *own[i]]
        if i == 0:
            f.append("BOS")
        elif "cap" in own[i]:
            f.extend("mid+" + x for x in own[i] if x.startswith(("htk=", "htu=")))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.extend(f"{d}:{x}" for x in ctx[j])
            else:
                f.append(f"{d}:pad")
        if i > 0:
            f.append(f"pw|sh={own[i - 1][0]}|{own[i][5]}")
        if i + 1 < n:
            f.append(f"sh|nw={own[i][5]}|{own[i + 1][0]}")
        out.append(f)
    return out


def test_sentence_features_equal_the_features_built_afresh() -> None:
    for words in SENTENCES:
        assert ner_model.sentence_features(words) == _features_afresh(words)
        assert ner_model.sentence_features(words) == _features_afresh(words)  # from the memo


def _scan_afresh(text: str) -> list[timex_rules.Frame]:
    out = []
    for idx, (pattern, build) in enumerate(timex_rules.rules()):
        for m in pattern.finditer(text):
            fr = build(m, text)
            if fr is not None and fr.end > fr.start:
                fr.rule = idx
                out.append(fr)
    return out


def test_scan_memo_gives_new_frames_equal_to_a_fresh_scan() -> None:
    text = ("Am Mittwoch, dem 4. Juli 2024, teilte die Stadt mit, die Brücke sei seit 1998 gesperrt; "
            "Anfang nächsten Jahres solle sie für drei Monate erneuert werden. Last Monday, May 5, "
            "2025, el 3 de marzo de 2021.")
    first = list(timex_rules.scan(text))
    assert first == _scan_afresh(text) and len(first) >= 6
    first[0].y = 1  # callers change frames (times.py borrows across ranges): the memo keeps its own
    again = list(timex_rules.scan(text))
    assert again == _scan_afresh(text)
    assert all(a is not b for a, b in zip(first, again))
    assert [dataclasses.astuple(f) for f in again] == [dataclasses.astuple(f) for f in _scan_afresh(text)]


def test_entity_labels_of_a_sentence_are_computed_once_and_the_same():
    """The shipped model's labels of one sentence come from a small memo the second time
    (the clustering features tag headline and lead again after the extraction): the same
    labels as tagging with the model given explicitly, which bypasses the memo."""
    from lagebild.extract import ner_model

    words = ["Bürgermeisterin", "Anna", "Kestrel", "besuchte", "am", "Montag", "Hamburg", "."]
    ner_model._default_labels.cache_clear()
    first = ner_model.tag_words(words)
    again = ner_model.tag_words(words)
    assert first == again == ner_model.tag_words(words, ner_model.load_tagger())
    assert ner_model._default_labels.cache_info().hits == 1


def test_place_keys_read_headline_and_lead_sentence_by_sentence():
    from lagebild.clustering.specifics import specific_keys
    from lagebild.models import Article, Sentence

    text = "Hochwasser in Passau\nIn Passau stieg die Donau am Montag auf zwölf Meter. Auch Regensburg meldet Hochwasser."
    sents = [Sentence(0, "Hochwasser in Passau", 0, 20, heading=True),
             Sentence(1, "In Passau stieg die Donau am Montag auf zwölf Meter.", 21, 73),
             Sentence(2, "Auch Regensburg meldet Hochwasser.", 74, len(text))]
    art = Article(id="x", text=text, sentences=sents, language="de", title="Hochwasser in Passau")
    from lagebild.lang.names import token_key

    keys = specific_keys(art)
    assert {"^" + token_key("Passau"), "^" + token_key("Regensburg")} <= keys


def test_crf_items_are_the_sentence_features_as_utf8() -> None:
    """The tagger reads the features as bytes (issue #13): the same strings, UTF-8 encoded."""
    for words in SENTENCES:
        want = [[x.encode() for x in item] for item in ner_model.sentence_features(words)]
        assert ner_model.crf_items(words) == want
        assert ner_model.crf_items(words) == want  # from the memo


def test_word_shape_equals_the_regex_shape() -> None:
    words = ["Müller-Lüdenscheidt", "G7", "ÄÖÜäöüß", "1.000,50", "Straße", "", "aa\nbb", "١٢٣",
             "x١y", "İstanbul", "ǅ", "Ⅻ", "ﬁ", "ẞ", "K\u0301", "--", "O'Neil", "US-Präsident"]
    for w in words:
        assert ner_model._shape(w) == ner_model._shape_re(w), w
