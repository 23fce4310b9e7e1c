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


# --- issue 13, round 3 ---------------------------------------------------------------


def test_singular_phrase_after_a_plural_verb_is_the_object() -> None:
    q = _one(_quotes("Die Fischer hatten die Hafenverwaltung gebeten, die Mole bis Mai zu reparieren."), "Mole")
    assert q.speaker is not None and q.speaker.text == "Die Fischer"


def test_subject_keeps_its_prepositional_attachment_and_apposition() -> None:
    text = "Der Vorsitzende im Kreistag, Jonas Weber, hatte Brenner aufgefordert, sein Mandat niederzulegen."
    q = _one(_quotes(text), "Mandat")
    assert q.speaker is not None and q.speaker.text.startswith("Der Vorsitzende im Kreistag")
    assert _entity(q) == "Jonas Weber"


def test_so_frame_inside_a_short_message() -> None:
    q = _one(_quotes("Die Fähre, so Reuter weiter, werde ab Montag wieder nach Lindholm fahren."), "Lindholm")
    assert q.kind == "indirect" and q.speaker is not None and q.speaker.text == "Reuter"


def test_konjunktiv_of_eln_verbs_reports() -> None:
    q = _one(_quotes("Hafenmeister Tomas Reuter sagte, vermutlich handele es sich um einen Defekt."), "Defekt")
    assert q.kind == "indirect" and _entity(q) == "Tomas Reuter"


def test_nach_denen_clause_is_a_report() -> None:
    q = _one(_quotes("Es gibt Gerüchte, nach denen die Werft im Herbst schließen werde."), "Werft")
    assert q.kind == "indirect" and q.speaker is not None and q.speaker.text == "denen"


def test_coined_term_in_quotation_marks_is_no_quote() -> None:
    assert not _quotes("Im „historischen Saal“ der alten Spinnerei wurden am Freitag die Preise verliehen.")


def test_als_clause_subject_speaks() -> None:
    text = "Als Hafenmeister Tomas Reuter am Sonntag sagte, dass die Fähre ausfalle, stiegen viele Pendler auf Busse um."
    q = _one(_quotes(text), "Fähre ausfalle")
    assert _entity(q) == "Tomas Reuter"


def test_quote_after_a_colon_heading_takes_its_name() -> None:
    text = "Hafenmeister Tomas Reuter zur neuen Fähre:\n„Die meisten Pendler werden sich über die neue Verbindung freuen.“"
    q = _one(_quotes(text), "Pendler")
    assert _entity(q) == "Tomas Reuter"


def test_das_musste_x_einraeumen_after_a_quote() -> None:
    text = "„Ja, es gibt Verspätungen.“\nDas musste Hafenmeister Tomas Reuter am Montag einräumen."
    q = _one(_quotes(text), "Verspätungen")
    assert _entity(q) == "Tomas Reuter"


def test_definite_descriptions_stand_for_the_person_named_before() -> None:
    text = ("Jonas Weber besuchte am Montag die Werft in Lindholm.\n"
            "Der 58-Jährige sagte, die Stadt werde die Werft unterstützen.\n"
            "Der SPD-Politiker betonte, es gehe um viele Arbeitsplätze.")
    quotes = _quotes(text, "de", [_mention(text, "Jonas Weber", "Jonas Weber")])
    assert _entity(_one(quotes, "Stadt werde")) == "Jonas Weber"
    assert _entity(_one(quotes, "Arbeitsplätze")) == "Jonas Weber"


def test_definite_description_without_a_person_before_stays_unresolved() -> None:
    q = _one(_quotes("Die Werft in Lindholm bleibt offen.\nDer SPD-Politiker betonte, es gehe um Arbeitsplätze."),
             "Arbeitsplätze")
    assert q.speaker is not None and _entity(q) is None  # nothing invented


def test_questions_and_causes_are_no_reports() -> None:
    assert not [q for q in _quotes("Glauben Sie, dass die Fähre im Mai pünktlich fährt?") if q.kind == "indirect"]
    assert not _quotes("Der Sturm führte dazu, dass die Fähre am Montag ausfiel.")


def test_indicative_verb_after_a_report_ends_it() -> None:
    q = _one(_quotes("Reuter erklärte, er sei zuversichtlich, verließ dann aber den Saal."), "zuversichtlich")
    assert q.text == "er sei zuversichtlich"


def test_wie_frame_with_apposition_after_the_message() -> None:
    q = _one(_quotes("Die Fähre fährt ab Montag wieder, wie Tomas Reuter, Leiter des Hafens, mitteilte."), "Fähre")
    assert q.speaker is not None and q.speaker.text.startswith("Tomas Reuter")


def test_closing_frames_with_particle_and_heisst_es() -> None:
    q = _one(_quotes("Die Werft schließt im Herbst, teilte die Stadtverwaltung mit."), "Werft")
    assert q.kind == "indirect" and q.speaker is not None and q.speaker.text == "die Stadtverwaltung"
    q = _one(_quotes("Drei Viertel der Fähren fahren wieder nach Plan, heißt es."), "Fähren")
    assert q.kind == "indirect" and q.speaker is None  # nobody named, nothing invented


def test_gemaess_names_the_source() -> None:
    q = _one(_quotes("Die Baustelle würde gemäß einem Sprecher der Werft bis Montag ruhen."), "Baustelle")
    assert q.kind == "indirect" and q.speaker is not None and "Sprecher der Werft" in q.speaker.text


def test_plural_prefield_before_a_singular_verb_is_the_object() -> None:
    text = "Die Demonstranten, die am Hafen protestiert hatten, beschrieb die Hafenpolizei als „aggressiv“."
    q = _one(_quotes(text), "aggressiv")
    assert q.speaker is not None and q.speaker.text == "die Hafenpolizei"


def test_quote_after_a_colon_heading_with_heisst_es_takes_the_source() -> None:
    text = "Auf der Homepage der Werft heißt es dazu:\n„Die Fähre wird im Mai wieder in Dienst gestellt.“"
    q = _one(_quotes(text), "Fähre wird im Mai")
    assert q.speaker is not None and "Homepage der Werft" in q.speaker.text


def test_hiess_es_names_the_source_after_it() -> None:
    q = _one(_quotes("Die Fähren fahren ab Montag wieder, hieß es vom Hafensprecher Tomas Reuter."), "Fähren")
    assert q.kind == "indirect" and _entity(q) == "Tomas Reuter"


def test_a_coordinated_source_is_one_speaker() -> None:
    # "nach Prognosen von ARD und ZDF liegt …" had the speaker "ARD" and a message "und ZDF liegt …"
    text = "Nach den Prognosen von Radio Velden und Kanal Sieben liegt die Bürgerliste knapp vorn."
    q = _one(_quotes(text), "Bürgerliste")
    assert q.text.startswith("liegt die Bürgerliste")
    assert q.speaker is not None and q.speaker.text == "Radio Velden und Kanal Sieben"
    q = _one(_quotes("Laut Polizei und Feuerwehr wurde bei dem Brand in Velden niemand verletzt."), "Brand")
    assert q.speaker is not None and q.speaker.text == "Polizei und Feuerwehr"


def test_wie_frame_with_an_apposition_and_an_adjunct_after_a_quote() -> None:
    # "„…“, wie der Ständige Sekretär der Akademie, X, bei der Preisbekanntgabe sagte": the
    # frame stopped at the first comma, and the quote took the speaker of the sentence before
    text = ("Das gab die Jury in Velden bekannt. Sie erhält den Preis „für ihre kühne und genaue Prosa "
            "über das Leben“, wie der Sekretär der Jury, Lars Berg, bei der Bekanntgabe in der Altstadt sagte.")
    q = _one(_quotes(text), "kühne")
    assert q.cue is not None and q.cue.text == "sagte"
    assert _entity(q) == "Lars Berg"
