"""Quote extraction on fictional sentences written for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.extract.quotes import find_quotes
from lagebild.extract.speech import is_reported_mood, speech_verbs
from lagebild.models import Mention, Quote, Sentence
from lagebild.text.lemmas import tag


def _sentences(text: str) -> list[Sentence]:
    """One sentence per line (good enough for these fixtures)."""
    return [Sentence(i, m.group(), m.start(), m.end()) for i, m in enumerate(re.finditer(r"[^\n]+", text))]


def _quotes(text: str, language: str = "de", mentions: list[Mention] | None = None) -> list[Quote]:
    quotes = find_quotes(text, _sentences(text), mentions or [], language)
    for q in quotes:  # every offset points into the text
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
    return quotes


def _one(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return found[0]


def _entity(q: Quote) -> str | None:
    return q.speaker.entity if q.speaker else None


@pytest.mark.parametrize(
    "opening,closing",
    [("„", "“"), ("»", "«"), ("«", "»"), ('"', '"'), ("“", "”"), ("‚", "‘")],
)
def test_all_quotation_styles_after_frame(opening: str, closing: str) -> None:
    text = f"{opening}Wir bauen die Brücke bis zum Herbst wieder auf{closing}, sagte Bürgermeisterin Lena Vogt."
    quotes = _quotes(text)
    q = _one(quotes, "Brücke bis zum Herbst")
    assert q.kind == "direct"
    assert q.text == "Wir bauen die Brücke bis zum Herbst wieder auf"
    assert q.cue is not None and q.cue.text == "sagte"
    assert _entity(q) == "Lena Vogt"


def test_colon_frame_and_quote_on_next_line() -> None:
    text = (
        "Bürgermeisterin Lena Vogt sagte: „Die Fähre fährt ab Montag wieder.“\n"
        "In einer Mitteilung erklärte Hafenmeister Tomas Reuter, Leiter des Hafenamts:\n"
        "„Der Kai ist repariert, die Schiffe dürfen wieder anlegen.“"
    )
    quotes = _quotes(text)
    assert _entity(_one(quotes, "Fähre fährt")) == "Lena Vogt"
    q = _one(quotes, "Der Kai ist repariert")
    assert q.kind == "direct" and _entity(q) == "Tomas Reuter"


def test_quote_split_by_frame_gives_two_quotes_sharing_cue_and_speaker() -> None:
    text = "„Der Damm hält“, sagte Lena Vogt, „aber wir bleiben wachsam.“"
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["Der Damm hält", "aber wir bleiben wachsam."]
    assert quotes[0].cue == quotes[1].cue
    assert quotes[0].speaker == quotes[1].speaker
    assert _entity(quotes[0]) == "Lena Vogt"


def test_quote_spanning_sentences() -> None:
    text = "„Der Sturm war heftig.\nAber niemand wurde verletzt“, sagte Tomas Reuter."
    q = _one(_quotes(text), "Sturm war heftig")
    assert "niemand wurde verletzt" in q.text
    assert _entity(q) == "Tomas Reuter"


def test_role_resolves_to_the_person_the_article_names() -> None:
    text = (
        "Präsident Anton Kessler besuchte am Montag den Hafen.\n"
        "„Wir stehen an der Seite der Fischer“, betonte der Präsident."
    )
    assert _entity(_one(_quotes(text), "Seite der Fischer")) == "Anton Kessler"


def test_role_with_unknown_holder_stays_unresolved() -> None:
    text = "„Wir stehen an der Seite der Fischer“, betonte der Präsident."
    q = _one(_quotes(text), "Seite der Fischer")
    assert q.speaker is not None and q.speaker.text == "der Präsident"
    assert q.speaker.entity is None


def test_pronoun_takes_the_last_named_speaker() -> None:
    text = (
        "„Die Ernte ist gut“, sagte Landwirt Karl Brenner.\n"
        "Er fügte hinzu, dass die Preise trotzdem fallen würden."
    )
    q = _one(_quotes(text), "Preise trotzdem fallen")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "Er"
    assert _entity(q) == "Karl Brenner"
    assert q.cue is not None and q.cue.text == "fügte"


def test_indirect_speech_forms() -> None:
    text = (
        "Hafenmeister Tomas Reuter erklärte, dass der Kai bis Juni gesperrt bleibe.\n"
        "Laut Tomas Reuter kostet die Reparatur zwei Millionen Euro.\n"
        "Nach Angaben der Feuerwehr wurde niemand verletzt.\n"
        "Der Wetterdienst zufolge kommt am Abend neuer Regen.\n"
        "Das Rathaus betonte, es gehe um die Sicherheit der Anwohner.\n"
        "Er habe die Sperrung selbst angeordnet."
    )
    quotes = _quotes(text)
    assert all(q.kind == "indirect" for q in quotes)
    dass = _one(quotes, "Kai bis Juni")
    assert dass.text.startswith("dass") and _entity(dass) == "Tomas Reuter"
    laut = _one(quotes, "Reparatur zwei Millionen")
    assert laut.cue is not None and laut.cue.text == "Laut" and _entity(laut) == "Tomas Reuter"
    angaben = _one(quotes, "niemand verletzt")
    assert angaben.speaker is not None and "Feuerwehr" in angaben.speaker.text
    zufolge = _one(quotes, "neuer Regen")
    assert zufolge.cue is not None and zufolge.cue.text == "zufolge"
    gehe = _one(quotes, "gehe um die Sicherheit")
    assert gehe.speaker is not None and "Rathaus" in gehe.speaker.text


def test_subjunctive_sentence_continues_the_report() -> None:
    text = (
        "Ministerin Paula Sander sagte, der Plan sei fertig.\n"
        "Sie habe ihn bereits dem Kabinett vorgelegt."
    )
    q = _one(_quotes(text), "dem Kabinett vorgelegt")
    assert q.kind == "indirect" and _entity(q) == "Paula Sander"


def test_passive_report_has_no_speaker() -> None:
    text = "Zuvor wurde berichtet, dass die Fähre ausfallen werde."
    q = _one(_quotes(text), "Fähre ausfallen")
    assert q.kind == "indirect" and q.speaker is None


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = (
        "Die Stadt plant sogenannte „Entlastungsstraßen“ am Hafen.\n"
        "Das Bündnis „Grüner Hafen“ sammelte Unterschriften.\n"
        "Die Zeitung „Nordkurier“ berichtete über die Pläne.\n"
        "Das Projekt heißt intern „Möwe“."
    )
    assert _quotes(text) == []


def test_partial_quote_inside_indirect_speech_gets_its_speaker() -> None:
    text = "Lena Vogt kritisierte, dass die Pläne „völlig überhastet“ seien."
    q = next(q for q in _quotes(text) if q.kind == "direct")
    assert q.text == "völlig überhastet" and _entity(q) == "Lena Vogt"


def test_mentions_give_the_canonical_entity() -> None:
    text = "„Die Brücke ist sicher“, sagte Vogt."
    start = text.index("Vogt")
    mention = Mention(start, start + 4, "Vogt", "PER", "Lena Vogt")
    q = _one(_quotes(text, mentions=[mention]), "Brücke ist sicher")
    assert _entity(q) == "Lena Vogt"


def test_english_and_spanish() -> None:
    en = (
        '"We will not give up," said Mayor Linda Farrow.\n'
        "According to the council, the repairs cost three million dollars.\n"
        '"It was a long night," she said.'
    )
    quotes = _quotes(en, "en")
    assert _entity(_one(quotes, "not give up")) == "Linda Farrow"
    assert _one(quotes, "repairs cost").kind == "indirect"
    assert _entity(_one(quotes, "long night")) == "Linda Farrow"
    es = "«No vamos a rendirnos», dijo la alcaldesa Marta Quiroga.\nQuiroga afirmó que el puente se reabrirá en mayo."
    quotes = _quotes(es, "es")
    assert _entity(_one(quotes, "rendirnos")) == "Marta Quiroga"
    que = _one(quotes, "puente se reabrirá")
    assert que.kind == "indirect" and _entity(que) == "Marta Quiroga"


def test_empty_inputs() -> None:
    assert find_quotes("", [], []) == []
    assert find_quotes("Kein Zitat hier.", [], [], "de") == []


def test_lexicon_and_mood_helpers() -> None:
    verbs = speech_verbs("de")
    assert {"sagen", "mitteilen", "einräumen", "hinzufügen", "ankündigen"} <= verbs
    toks = tag("Er habe das Haus gekauft, sagte sie.", "de")
    assert is_reported_mood(toks, 1)
    toks = tag("Ich habe das Haus gekauft.", "de")
    assert not is_reported_mood(toks, 1)


def test_more_report_frames() -> None:
    text = (
        "Wie die Feuerwehr mitteilte, ist der Brand im Hafenspeicher gelöscht.\n"
        "Nach Polizeiangaben wurden zwei Lagerhallen beschädigt.\n"
        "Die Schäden seien erheblich, so der Hafenmeister.\n"
        "Die Reederei teilte mit, die Fähre fahre wieder.\n"
        "Demnach sei der Fahrplan wieder in Kraft."
    )
    quotes = _quotes(text)
    wie = _one(quotes, "Brand im Hafenspeicher")
    assert wie.speaker is not None and "Feuerwehr" in wie.speaker.text
    assert "Polizeiangaben" in (_one(quotes, "Lagerhallen").speaker.text or "")
    so = _one(quotes, "Schäden seien erheblich")
    assert so.cue is not None and so.cue.text == "so" and "Hafenmeister" in so.speaker.text
    assert _one(quotes, "Fähre fahre wieder").kind == "indirect"
    demnach = _one(quotes, "Fahrplan wieder")
    assert demnach.speaker is not None and demnach.speaker.text == "Demnach"


_PIECES = ["„", "“", '"', "»", "«", ",", ":", " sagte ", " Er ", " habe ", " dass ", " laut ",
           " Lena Vogt ", " der Präsident ", " zufolge ", ".", "\n", " so ", " wie ", " Haus ", "‚", "‘"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["de", "en", "es"]))
def test_offsets_always_point_into_the_text(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    for q in _quotes(text, language):  # _quotes checks every offset
        assert q.kind in ("direct", "indirect") and q.end > q.start


# ---- issue 12, item 6: clauses only, the right speaker of a final frame -----------------

def test_final_frame_speaker_stands_after_the_verb() -> None:
    text = ("Kapitän Jonas Reet, der seit Jahren über den See fährt, habe die Gäste auf das Oberdeck "
            "gebracht, berichten mehrere Fahrgäste.")
    q = _one(_quotes(text), "Oberdeck")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "mehrere Fahrgäste"


def test_fragments_are_not_indirect_quotes() -> None:
    text = "Für seine Teil, berichtete laut Agentur, teilte das Rathaus mit, dass die Fähre wieder fahre."
    quotes = _quotes(text)
    assert not any(q.text.strip() == "Für seine Teil" for q in quotes)
    assert _one(quotes, "die Fähre wieder fahre").kind == "indirect"


def test_partial_direct_quote_is_marked() -> None:
    text = ("Die Bürgermeisterin Lena Vogt nannte das Gespräch „offen und konstruktiv“.\n"
            "„Wir bauen die Brücke bis zum Herbst wieder auf“, sagte Vogt.")
    quotes = _quotes(text)
    assert _one(quotes, "offen und konstruktiv").partial
    assert not _one(quotes, "Brücke bis zum Herbst").partial


def test_quote_after_a_sentence_about_a_role_takes_its_subject() -> None:
    text = ("Danach übte die Bürgermeisterin deutliche Kritik:\n"
            "„Jeder sollte wissen, dass die Brücke seit Jahren marode ist.“")
    q = _one(_quotes(text), "Brücke seit Jahren")
    assert q.speaker is not None and q.speaker.text == "die Bürgermeisterin"


def test_nach_eigenen_angaben_is_a_report() -> None:
    text = "Die Helfer konnten nach eigenen Angaben am Ufer sechzig Menschen aus dem Wasser retten."
    q = _one(_quotes(text), "sechzig Menschen")
    assert q.kind == "indirect" and q.cue is not None and "eigenen Angaben" in q.cue.text
