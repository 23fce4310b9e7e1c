"""Sentence splitting: quotes, abbreviations, headings, languages, offsets (fictional text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.text.sentences import quote_spans, split_sentences


def _texts(text: str, language: str = "de") -> list[str]:
    return [s.text for s in split_sentences(text, language)]


def test_quote_with_attribution_stays_whole() -> None:
    text = (
        "„Ich bin nicht zufrieden... Ich habe heute nichts erreicht“, sagte die Ministerin "
        "in Musterstadt. Danach reiste sie ab."
    )
    assert _texts(text) == [
        "„Ich bin nicht zufrieden... Ich habe heute nichts erreicht“, sagte die Ministerin in Musterstadt.",
        "Danach reiste sie ab.",
    ]


def test_quote_ending_a_sentence_and_short_multi_sentence_quotes() -> None:
    text = (
        "Der Sprecher sagte: „Wir sind bereit. Wir warten nur auf das Signal.“ Die Gegenseite "
        "schwieg. Sie schrieb: „Werde um 10:00 Uhr mit dem Bürgermeister sprechen. Danke!“. "
        "Der Beitrag wurde geteilt."
    )
    assert _texts(text) == [
        "Der Sprecher sagte: „Wir sind bereit. Wir warten nur auf das Signal.“",
        "Die Gegenseite schwieg.",
        "Sie schrieb: „Werde um 10:00 Uhr mit dem Bürgermeister sprechen. Danke!“.",
        "Der Beitrag wurde geteilt.",
    ]


def test_a_stop_after_a_closing_mark_or_bracket_ends_the_sentence() -> None:
    # "„absurd“. Die …" and "(10,8). Die …" were one sentence: the stop after the closing
    # mark was never a candidate (realnews_dev: election results, an ECB quote)
    text = "Der Bürgermeister nannte den Plan „absurd“. Die Stadtwerke widersprachen am Abend."
    assert _texts(text) == ["Der Bürgermeister nannte den Plan „absurd“.", "Die Stadtwerke widersprachen am Abend."]
    text = "The Greens end up with 4.7 percent (10.8). The Left slips to 3.1 percent."
    assert _texts(text, "en") == ["The Greens end up with 4.7 percent (10.8).", "The Left slips to 3.1 percent."]
    text = '"Wir entscheiden von Sitzung zu Sitzung". Die nächsten Monate werden holprig, sagte sie.'
    assert len(_texts(text)) == 2
    # an abbreviation inside brackets still does not end one
    assert len(_texts("Er kam aus den USA (z. B. aus Texas) und blieb.")) == 1


def test_quote_spans() -> None:
    line = "Er sagte „ja“ und sie »nein«, dann “maybe” und \"vielleicht\"."
    spans = quote_spans(line)
    assert [line[s:e] for s, e in spans] == ["„ja“", "»nein«", "“maybe”", '"vielleicht"']
    assert quote_spans("„Ein abgeschnittenes Zitat ohne Ende") == []


def test_german_abbreviations_and_ordinals() -> None:
    text = (
        "Am 3. Juli trafen sich z. B. Dr. Muster, Prof. Beispiel u. a. in der St. Martin-Straße "
        "Nr. 5 für ca. drei Std. bzw. bis zum Abend. Das Gebäude stammt aus dem 19. Jahrhundert. "
        "Es wurde im Jahr 2019 renoviert. Der 2. Bürgermeister kam ebenfalls."
    )
    assert _texts(text) == [
        "Am 3. Juli trafen sich z. B. Dr. Muster, Prof. Beispiel u. a. in der St. Martin-Straße "
        "Nr. 5 für ca. drei Std. bzw. bis zum Abend.",
        "Das Gebäude stammt aus dem 19. Jahrhundert.",
        "Es wurde im Jahr 2019 renoviert.",
        "Der 2. Bürgermeister kam ebenfalls.",
    ]


def test_english_and_spanish() -> None:
    en = "The U.S. Army said Mr. Doe arrived at 5 p.m. on Tuesday. He left on Friday. Why? Nobody knows."
    assert _texts(en, "en") == [
        "The U.S. Army said Mr. Doe arrived at 5 p.m. on Tuesday.",
        "He left on Friday.",
        "Why?",
        "Nobody knows.",
    ]
    es = "El Sr. Pérez llegó el martes. ¿Por qué? Nadie lo sabe. «Estamos listos», dijo la alcaldesa."
    assert _texts(es, "es") == [
        "El Sr. Pérez llegó el martes.",
        "¿Por qué?",
        "Nadie lo sabe.",
        "«Estamos listos», dijo la alcaldesa.",
    ]


def test_short_attribution_after_a_quote_stays() -> None:
    en = '"Nobody would do that, right?" Doe said. "Stop it!" Jane Roe asked. Rep. Doe and Sens. Roe and Poe came.'
    assert _texts(en, "en") == [
        '"Nobody would do that, right?" Doe said.',
        '"Stop it!" Jane Roe asked.',
        "Rep. Doe and Sens. Roe and Poe came.",
    ]


def test_lines_are_boundaries_and_headings_are_marked() -> None:
    text = (
        "Neue Brücke in Musterstadt eröffnet\n"
        "Die Brücke ist fertig. Sie kostete zwölf Millionen Euro\n"
        "Kosten höher als geplant\n"
        "Was kostet die Brücke?\n"
        "In einer Erklärung sagte die Sprecherin:\n"
        "„Wir sind sehr zufrieden.“"
    )
    sents = split_sentences(text, "de")
    assert [(s.text, s.heading) for s in sents] == [
        ("Neue Brücke in Musterstadt eröffnet", True),
        ("Die Brücke ist fertig.", False),
        ("Sie kostete zwölf Millionen Euro", False),
        ("Kosten höher als geplant", True),
        ("Was kostet die Brücke?", True),
        ("In einer Erklärung sagte die Sprecherin:", False),
        ("„Wir sind sehr zufrieden.“", False),
    ]
    assert [s.i for s in sents] == list(range(len(sents)))


def test_whitespace_is_stripped_from_spans() -> None:
    text = "  Die Brücke ist fertig.   Sie ist lang.  \n\n   Neue Brücke  "
    sents = split_sentences(text, "de")
    assert [s.text for s in sents] == ["Die Brücke ist fertig.", "Sie ist lang.", "Neue Brücke"]
    for s in sents:
        assert text[s.start : s.end] == s.text


PIECES = [
    "Die Brücke ist fertig.", "„Wir sind bereit. Wirklich!“, sagte sie.", "Am 3. Juli kam z. B. Dr. Muster.",
    "Neue Brücke eröffnet", "Was nun?", "Er sagte: „Gut.“", "The U.S. Army left.", "¿Por qué?",
    "Es kostete 5 Mio. Euro.", "Das war 2019.", "Ende...", "  ", "\n", "\n\n", "Sp. 3", "…",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from(["de", "en", "es", None]))
def test_offsets_invariant(pieces: list[str], language: str | None) -> None:
    text = " ".join(pieces)
    sents = split_sentences(text, language)
    prev_end = 0
    for i, s in enumerate(sents):
        assert s.i == i
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev_end
        prev_end = s.end
    # nothing but whitespace is lost
    covered = "".join(s.text for s in sents)
    assert covered.replace(" ", "") == "".join(text.split())


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ.!?…„“\"»«,:\n1")), max_size=80))
def test_offsets_invariant_on_noise(text: str) -> None:
    for s in split_sentences(text, "de"):
        assert text[s.start : s.end] == s.text and s.text.strip() == s.text


def test_a_dash_after_a_stop_opens_the_next_sentence() -> None:
    text = ("Im Kreis wird eine Person vermisst, die im Keller war, als das Wasser kam. - Der Regen sorgt "
            "weiter für die höchste Meldestufe 4. Im Kreis Velden wurde ein Damm geräumt.")
    assert _texts(text) == [
        "Im Kreis wird eine Person vermisst, die im Keller war, als das Wasser kam.",
        "Der Regen sorgt weiter für die höchste Meldestufe 4.",
        "Im Kreis Velden wurde ein Damm geräumt.",
    ]
    # an ordinal before a noun stays: "im 4. Stock", "am 3. Mai"
    assert _texts("Er wohnt im 4. Stock. Am 3. Mai zog er aus.") == ["Er wohnt im 4. Stock.", "Am 3. Mai zog er aus."]
