"""Quote and speaker rules added for issue 13 (SpkAtt error classes), on fictional sentences."""

from __future__ import annotations

from lagebild.models import Mention
from tests.test_quotes import _entity, _one, _quotes


def _mention(text: str, name: str, entity: str, kind: str = "PER") -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, kind, entity)


def test_sagte_weiter_stays_a_speech_verb() -> None:
    q = _one(_quotes("Stadtsprecherin Jana Roth sagte weiter, dass die Brücke im Mai wieder öffne."), "Brücke")
    assert q.kind == "indirect" and q.text.startswith("dass die Brücke")
    assert q.speaker is not None and "Jana Roth" in q.speaker.text


def test_wie_frame_with_an_apposition() -> None:
    text = "Wie Hafenmeister Tomas Reuter, Leiter des Hafenamts, mitteilte, fährt die Fähre ab Montag wieder."
    q = _one(_quotes(text), "Fähre ab Montag")
    assert q.kind == "indirect"
    assert _entity(q) == "Tomas Reuter"


def test_dies_sagte_makes_the_sentence_before_a_report() -> None:
    text = "Die Fähre nach Lindholm fährt ab Montag wieder nach Plan.\nDies sagte Hafenmeister Tomas Reuter am Abend."
    q = _one(_quotes(text), "Fähre nach Lindholm")
    assert q.kind == "indirect" and q.cue is not None and q.cue.text == "sagte"
    assert _entity(q) == "Tomas Reuter"


def test_wonach_clause_is_a_report_of_the_phrase_before() -> None:
    text = "Die Stadt wies Berichte der Lokalzeitung zurück, wonach die Brücke ab Mai gesperrt werde."
    q = _one(_quotes(text), "Brücke ab Mai")
    assert q.kind == "indirect" and q.text.startswith("die Brücke")
    assert q.speaker is not None and "Lokalzeitung" in q.speaker.text


def test_accused_subject_of_a_passive_is_not_the_speaker() -> None:
    q = _one(_quotes("Die beiden Männer werden beschuldigt, den Hafen von Lindholm blockiert zu haben."), "Hafen")
    assert q.kind == "indirect"
    assert q.speaker is None


def test_prefield_with_a_quoted_name_is_the_speaker() -> None:
    text = "Die Zeitung „Nordkurier“ berichtet in ihrer Onlineausgabe, dass die Werft schließen werde."
    quotes = _quotes(text)
    q = _one(quotes, "Werft schließen")
    assert q.kind == "indirect"
    assert q.speaker is not None and "Nordkurier" in q.speaker.text
    assert not any(x.kind == "direct" for x in quotes)  # the newspaper's name is no quote


def test_foreign_title_in_quotation_marks_is_not_a_quote() -> None:
    assert not _quotes("Die Band spielte am Abend den Song „Let it be“ vor vollem Saal.")


def test_object_first_sentence_takes_the_subject_after_the_verb() -> None:
    text = "Den Plänen des Senats erteilte der Bürgermeister Jonas Weber eine Absage: „Das kommt nicht in Frage.“"
    q = _one(_quotes(text), "kommt nicht in Frage")
    assert q.speaker is not None and "Jonas Weber" in q.speaker.text


def test_english_pronoun_resolves_to_the_person_named_before() -> None:
    text = 'Mara Lind visited the harbour on Monday.\nThe repairs are "what the town needs most," she said.'
    quotes = _quotes(text, "en", [_mention(text, "Mara Lind", "Mara Lind")])
    q = _one(quotes, "what the town needs")
    assert q.speaker is not None and q.speaker.text == "she"
    assert _entity(q) == "Mara Lind"


def test_pronoun_stays_unresolved_without_a_person_before() -> None:
    text = 'The harbour reopened on Monday.\nThe repairs are "what the town needs most," she said.'
    q = _one(_quotes(text, "en"), "what the town needs")
    assert q.speaker is not None and _entity(q) is None  # nothing invented


def test_spanish_participle_frame_after_the_quote() -> None:
    text = '"El puerto abrirá el lunes", ha dicho un portavoz de la Policía.'
    q = _one(_quotes(text, "es"), "El puerto abrirá")
    assert q.speaker is not None and "portavoz" in q.speaker.text


def test_spanish_cue_without_subject_takes_the_subject_before() -> None:
    text = ("La Policía de Valdemar sigue buscando a los desaparecidos.\n"
            "Ha informado este viernes de que al menos diez personas han muerto.")
    q = _one(_quotes(text, "es"), "diez personas")
    assert q.kind == "indirect"
    assert q.speaker is not None and "Policía" in q.speaker.text


def test_spanish_name_with_role_apposition_before_the_verb() -> None:
    text = 'El maquinista Pablo Ruiz, portavoz del sindicato, aseguró que "están dispuestos a negociar".'
    quotes = _quotes(text, "es")
    q = _one(quotes, "dispuestos a negociar")
    assert _entity(q) == "Pablo Ruiz"


def test_noun_of_stance_takes_its_complement_clause() -> None:
    text = "Hafenmeister Tomas Reuter ist der Meinung, dass die Fähre ab Montag wieder fahren könne."
    q = _one(_quotes(text), "Fähre ab Montag")
    assert q.kind == "indirect" and q.text.startswith("dass die Fähre")
    assert _entity(q) == "Tomas Reuter"
