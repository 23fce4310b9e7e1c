"""Speaker rules of issue 13 round 5 (SpkAtt speaker error classes), on fictional sentences."""

from __future__ import annotations

from tests.test_quotes import _one, _quotes


def test_inherited_speaker_takes_the_mention_in_the_quotes_sentence() -> None:
    text = ("Landwirtschaftsministerin Karin Ostermann warnte am Montag vor zu hohen Erwartungen.\n"
            "Obwohl Ostermann mit höheren Einnahmen rechnet, sei man von einem Ausgleich „noch weit entfernt“.")
    q = _one(_quotes(text), "noch weit entfernt")
    assert q.speaker is not None and q.speaker.text == "Ostermann"
    assert q.speaker.start > text.index("\n")
    assert q.speaker.entity == "Karin Ostermann"


def test_a_name_after_a_preposition_is_not_the_speakers_new_mention() -> None:
    text = ("Landwirtschaftsministerin Karin Ostermann warnte am Montag vor zu hohen Erwartungen.\n"
            "Im Gespräch mit Ostermann seien die Bauern „noch weit entfernt“ von einer Einigung gewesen.")
    q = _one(_quotes(text), "noch weit entfernt")
    assert q.speaker is None or q.speaker.start < text.index("\n")


def test_words_found_in_a_text_name_the_text() -> None:
    text = "In dem Gutachten fand sich dazu die Bemerkung „Die Brücke muss bis zum Winter gesperrt bleiben.“"
    spk = _one(_quotes(text), "Die Brücke muss").speaker
    assert spk is not None and spk.text.endswith("Gutachten")


def test_finden_as_an_opinion_keeps_its_subject() -> None:
    text = "Die Bürgermeisterin findet, dass die Brücke bis zum Winter gesperrt bleiben muss."
    spk = _one(_quotes(text), "gesperrt").speaker
    assert spk is not None and spk.text == "Die Bürgermeisterin"


def test_a_source_phrase_between_cue_and_partial_quote_holds_the_words() -> None:
    text = ("Der Umweltverband forderte eine Untersuchung des Unfalls, bei dem es sich seiner Meinung nach "
            "um einen „vermeidbaren Fehler der Betreiber“ gehandelt habe.")
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "vermeidbaren Fehler").speaker
    assert spk is not None and spk.text == "seiner Meinung"


def test_nach_angaben_eines_source_between_cue_and_partial_quote() -> None:
    text = ("Das Gericht wies darauf hin, dass nach Aussagen eines Gutachters die Farbe „wie Teer“ "
            "an den Wänden klebe.")
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "wie Teer").speaker
    assert spk is not None and spk.text == "eines Gutachters"


def test_a_speech_verb_nested_in_a_report_holds_the_partial_quote() -> None:
    text = ("Der Sender berichtete, dass der Trainer die Spielerin danach gefragt habe, "
            "wo es „weh tue“ und ob sie „schon einmal verletzt“ gewesen sei.")
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "schon einmal verletzt").speaker
    assert spk is not None and spk.text == "der Trainer"


def test_colon_frame_skips_a_verb_in_a_relative_clause() -> None:
    text = ("Die Kommissarin, die als erfahrene Ermittlerin gilt, will nach diesem Fall in den Ruhestand gehen:\n"
            "„Nach diesem Fall kommt nichts Größeres mehr!“")
    spk = _one(_quotes(text), "nichts Größeres").speaker
    assert spk is not None and spk.text.startswith("Die Kommissarin")


def test_a_truncated_compound_does_not_end_the_clause() -> None:
    text = ("Die Ministerin hatte besonders die Rolle der Landes- und Bundesbehörden betont: "
            "„Ohne die Behörden vor Ort geht es nicht.“")
    spk = _one(_quotes(text), "Ohne die Behörden").speaker
    assert spk is not None and spk.text == "Die Ministerin"


def test_a_participle_attribute_with_a_reflexive_opens_the_speaker_phrase() -> None:
    text = ("Die Menge rief Parolen, und der sich gern als Gegner des Bürgermeisters darstellende "
            "Bauunternehmer Ole Brandt rief vor den Demonstranten aus: „Der Bürgermeister muss gehen!“")
    spk = _one(_quotes(text), "muss gehen").speaker
    assert spk is not None and spk.text.endswith("Ole Brandt") and spk.text.startswith("der sich")


def test_colon_frame_skips_a_verb_in_an_indirect_question() -> None:
    text = ("Auf der Website des Museums heißt es zur Begründung, warum man sich für dieses Plakat entschieden hat:\n"
            "„Die Linien wurden wegen ihrer klaren und alten Form gewählt.“")
    spk = _one(_quotes(text), "Die Linien").speaker
    assert spk is not None and "Website" in spk.text


def test_so_frame_with_a_demonstrative() -> None:
    text = ("Neben dem Tierarzt sprach auch die Sängerin Mira Kolb auf der Kundgebung.\n"
            "„Die Tiere leiden in den engen Käfigen jeden Tag, bei jeder Hitze und bei jedem Frost.“, so letztere.")
    spk = _one(_quotes(text), "Die Tiere leiden").speaker
    assert spk is not None and spk.text == "letztere"


def test_quoted_name_after_the_frame_verb_is_the_source() -> None:
    text = ("Nach der Absage gaben sich die Veranstalter trotzig.\n"
            "Die Stadt habe nachgegeben, wir nicht, zitiert „Radio Nord“ aus ihrer Erklärung.")
    spk = _one(_quotes(text), "nachgegeben").speaker
    assert spk is not None and "Radio Nord" in spk.text


def test_sich_ergeben_aus_names_the_finding() -> None:
    text = ("Wie sich aus der Auswertung der Fahrtenschreiber ergab, hatte der Fahrer versucht, "
            "vor der Kurve zu bremsen.")
    spk = _one(_quotes(text), "zu bremsen").speaker
    assert spk is not None and "Auswertung" in spk.text


def test_laut_with_a_name_the_tagger_does_not_read_as_a_noun() -> None:
    text = ("Vor zwei Jahren hatte die Regierung die Inspekteure des Landes verwiesen.\n"
            "Anschließend sei laut el-Haddad die Bearbeitung der Brennstäbe erfolgt.")
    spk = _one(_quotes(text), "Bearbeitung").speaker
    assert spk is not None and spk.text == "el-Haddad"

