"""Speaker rules of issue 13 round 8 (general frames found on the SpkAtt dev fold), on
fictional German sentences."""

from __future__ import annotations

from lagebild.models import Quote
from tests.test_quotes import _one, _quotes


def _speaker(quotes: list[Quote], fragment: str) -> str:
    """The speaker's text of the one quote holding ``fragment`` ("" when it has none)."""
    spk = _one(quotes, fragment).speaker
    return spk.text if spk is not None else ""


def test_so_frame_with_an_adjunct_inside_the_message() -> None:
    text = "Die Arbeiten, so Kolbe am Montag, sollen bis Ende der Woche dauern."
    q = _one(_quotes(text), "Ende der Woche")
    assert q.kind == "indirect" and q.speaker is not None and q.speaker.text == "Kolbe"


def test_long_so_frame_passes_its_speaker_to_the_next_sentence() -> None:
    text = ("Der Film blende vieles aus.\n"
            "Doch sei es, so der Autor Tom Berger in einem Beitrag für die Zeitung „Tagesblatt“, ein Haufen "
            "mächtiger Leute gewesen, der den Krieg ermöglicht habe.\n"
            "Deshalb müsse „die Politik der Regierung ein zentraler Bestandteil der Lösung sein“.")
    quotes = _quotes(text)
    q = _one(quotes, "Haufen")
    assert q.speaker is not None and "Tom Berger" in q.speaker.text
    assert "Beitrag" not in q.text  # the frame with its adjunct is not the message
    q = _one(quotes, "Bestandteil")
    assert q.speaker is not None and "Tom Berger" in q.speaker.text


def test_so_frame_adjunct_stops_at_another_source() -> None:
    text = "Die Männer seien, so die offizielle Lesart laut der Agentur Nord, verhaftet worden."
    assert not any(q.cue is not None and q.cue.text == "so" and "verhaftet" in q.text for q in _quotes(text))


def test_relative_clause_verb_before_a_comma_frames_no_quotation() -> None:
    text = ("Laut Polizei ist die Kundgebung, zu der ein Bündnis von vielen Gruppen aufgerufen hatte, "
            "„weitgehend störungsfrei“ verlaufen.")
    q = _one([q for q in _quotes(text) if q.kind == "direct"], "störungsfrei")
    assert q.speaker is not None and q.speaker.text == "Polizei"
    text = "Wie der Minister sagte, „wir werden das schaffen“."
    q = _one(_quotes(text), "schaffen")
    assert q.speaker is not None and q.speaker.text == "der Minister"


def test_passive_quoted_frame_after_a_quotation() -> None:
    text = ("Trainer Jan Kolbe stellt sich vor seine Mannschaft:\n"
            "„Wir haben schlecht gespielt.\n"
            "Die Schuld liegt allein bei uns“ wird der Schwabe in der Zeitung „Abendpost“ zitiert.")
    q = _one(_quotes(text), "schlecht gespielt")
    assert q.speaker is not None and q.speaker.text == "der Schwabe"
    assert q.cue is not None and q.cue.text == "zitiert"


def test_passive_quoted_frame_cut_off_by_the_sentence_splitter() -> None:
    text = ("Laut einem Sender hat Ministerin Lena Wegner ihren Rücktritt verkündet.\n"
            "„Ich habe diese Entscheidung lange mit meiner Familie besprochen“\n"
            ", wird Wegner zitiert.")
    q = _one(_quotes(text), "Familie")
    assert q.speaker is not None and q.speaker.text == "Wegner"


def test_quotation_after_a_framed_one_in_the_same_sentence_keeps_its_speaker() -> None:
    text = "„In absehbarer Zeit“, so Finanzvorstand Tom Berger, wird die Firma „auch ein neues Fahrzeug entwickeln“."
    quotes = _quotes(text)
    q = _one(quotes, "Fahrzeug")
    assert q.speaker is not None and q.speaker.text == "Finanzvorstand Tom Berger"
    assert q.cue is None or q.cue != _one(quotes, "absehbarer").cue  # two quotations, not one split by its frame


def test_announcement_and_assessment_name_their_source() -> None:
    text = "Nach der Ankündigung der Ministerin sollen die Lehrer „deutlich mehr verdienen“."
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "mehr verdienen").speaker
    assert spk is not None and "Ministerin" in spk.text
    text = ("Nach Angaben des Landesamts handelt es sich um eine Werbeaktion, die nach Bewertung der "
            "Staatsanwaltschaft „keinen Anlass für Ermittlungen“ gibt.")
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "Ermittlungen").speaker
    assert spk is not None and "Staatsanwaltschaft" in spk.text


def test_opinion_holder_in_a_verb_final_clause() -> None:
    text = "Was für die Ministerin eine „flexiblere Handhabe“ ist, war für die Verbände ein „Wortbruch“."
    assert _speaker(_quotes(text), "Handhabe") == "die Ministerin"


def test_verbs_of_saying_with_an_attitude() -> None:
    text = "Unter dem Motto „Frieden jetzt“ zogen die Demonstranten durch die Stadt und skandierten dabei „Nie wieder Krieg in Europa“."
    assert _speaker(_quotes(text), "Nie wieder") == "die Demonstranten"
    text = "Der Konzern hat monatelang abgestritten, dass die Anlagen nicht sicher genug seien."
    assert _speaker(_quotes(text), "Anlagen") == "Der Konzern"


def test_plural_substitute_subjunctive_continues_the_report() -> None:
    text = ("Laut Polizei sei eine Person festgenommen worden.\n"
            "Dabei habe ein zweiter Mann versucht, den Festgenommenen zu befreien.\n"
            "Dies hätten die Beamten „mit einfacher körperlicher Gewalt“ verhindert.")
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "körperlicher Gewalt").speaker
    assert spk is not None and spk.text == "Polizei"


def test_hyphenated_particle_names_speak() -> None:
    text = ("Die Behörde gehe davon aus, dass alle Stäbe verarbeitet wurden.\n"
            "Anschließend sei laut el-Mansur die Bearbeitung der Brennstäbe erfolgt.")
    assert _speaker(_quotes(text), "Bearbeitung") == "el-Mansur"
    text = "„Die Bearbeitung der Brennstäbe ist erfolgt“, sagte al-Hakim am Montag."
    assert _speaker(_quotes(text), "Bearbeitung") == "al-Hakim"


def test_colon_heading_with_an_opinion_holder() -> None:
    text = "Für Bürgermeister Jan Kolbe steht fest:\n„Das ist eine große Chance für die Stadt.“"
    assert "Jan Kolbe" in _speaker(_quotes(text), "Chance")


def test_more_verbs_of_saying() -> None:
    text = "Die Ministerin hielt der Opposition vor, dass sie keine eigenen Vorschläge mache."
    assert _speaker(_quotes(text), "Vorschläge") == "Die Ministerin"
    text = "Der Verband mahnte an, dass die Mittel endlich ausgezahlt werden müssten."
    assert _speaker(_quotes(text), "Mittel") == "Der Verband"


def test_idioms_of_saying() -> None:
    for text in ("Kolbe gab zu bedenken, dass die Sanierung teurer werden könnte als geplant.",
                 "Kolbe brachte zum Ausdruck, dass die Sanierung teurer werde als geplant.",
                 "Kolbe ließ keinen Zweifel daran, dass die Sanierung teurer werde als geplant."):
        assert _speaker(_quotes(text), "Sanierung") == "Kolbe", text


def test_groups_of_people_can_speak() -> None:
    assert _speaker(_quotes("Kritiker sehen darin einen „handfesten Skandal“."), "Skandal") == "Kritiker"
    text = ("Hier sparten die Gewerkschafter nicht mit Kritik:\n"
            "„Das ist ein Skandal, den wir nicht hinnehmen!“")
    assert _speaker(_quotes(text), "hinnehmen") == "die Gewerkschafter"


def test_more_verbs_that_label_in_the_speakers_words() -> None:
    text = "Die Ministerin wies den Vorwurf am Rande einer Tagung als „Unverschämtheit“ zurück."
    assert _speaker(_quotes(text), "Unverschämtheit") == "Die Ministerin"


def test_one_quoted_word_with_a_named_holder() -> None:
    text = "Für den Gesundheitsminister Tom Berger ist die Lage in der Hauptstadt „alarmierend“."
    assert "Tom Berger" in _speaker(_quotes(text), "alarmierend")


def test_more_frames_after_an_indicative_message() -> None:
    for text in ("Die Ermittlungen laufen auf Hochtouren, versicherte Berger.",
                 "Die Ermittlungen laufen auf Hochtouren, räumte Berger ein.",
                 "Die Ermittlungen laufen auf Hochtouren, stellte Berger klar."):
        assert _speaker(_quotes(text), "Hochtouren") == "Berger", text


def test_frame_with_adjuncts_after_an_indicative_message() -> None:
    for text in ("Die Ermittlungen laufen auf Hochtouren, sagte Berger am Montag in Berlin.",
                 "Die Ermittlungen laufen auf Hochtouren, sagte Polizeisprecher Tom Berger der Zeitung.",
                 "Die Ermittlungen liefen auf Hochtouren, sagte der Sprecher des Amts, Tom Berger, am Montag."):
        assert "Berger" in _speaker(_quotes(text), "Hochtouren"), text
    text = "In einem Aufsatz, das zum Jubiläum erschien, schreibt Berger am Montag der Zeitung."
    assert not any("Aufsatz" in q.text for q in _quotes(text))  # no main clause before the frame


def test_plain_verb_of_saying_takes_an_indicative_main_clause() -> None:
    assert _speaker(_quotes("Berger sagte, die Ermittlungen laufen auf Hochtouren."), "Hochtouren") == "Berger"
    # a participle with no subject is no frame for the clause after its comma
    text = "Bislang werden 300 Kilometer als Reichweite angegeben, das Ziel ist eine Reichweite von 500 Kilometern."
    assert not any("Ziel" in q.text for q in _quotes(text))


def test_continuation_pronoun_of_the_other_gender_is_not_the_speaker() -> None:
    text = ("Innenminister Jan Kolbe sagte am Montag, die Opposition habe versagt.\n"
            "Sie habe die Wähler über Monate getäuscht.\n"
            "„Das ist Verrat an den Wählern.“")
    quotes = _quotes(text)
    for frag in ("getäuscht", "Verrat"):
        assert "Jan Kolbe" in _speaker(quotes, frag), frag


def test_so_with_a_verb_of_saying_after_a_quotation() -> None:
    text = "„Wir sind am Ende unserer Geduld.“\nSo äußerte sich Gewerkschaftschef Jan Kolbe am Montag."
    assert "Jan Kolbe" in _speaker(_quotes(text), "Geduld")


def test_one_quoted_word_in_a_reported_clause_is_the_reports() -> None:
    text = "Laut Polizei seien die Täter geflohen.\nDie Fahndung sei vorerst „gescheitert“."
    q = _one([q for q in _quotes(text) if q.kind == "direct"], "gescheitert")
    assert q.speaker is not None and q.speaker.text == "Polizei"


def test_bestehen_aus_is_no_verb_of_saying() -> None:
    text = "Der Verband berichtete über den Plan.\nDieser bestehe aus „harten“ und „weichen“ Maßnahmen."
    for q in _quotes(text):
        assert q.cue is None or q.cue.text != "bestehe"
