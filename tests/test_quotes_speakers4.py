"""Speaker rules of issue 13 round 4 (SpkAtt speaker error classes), on fictional sentences."""

from __future__ import annotations

from lagebild.lang.speech import OPINION_PREPOSITIONS, PRONOUNS, SOURCE_NOUNS
from lagebild.models import Mention
from tests.test_quotes import _entity, _one, _quotes


def _speaker(text: str, fragment: str) -> str | None:
    q = _one(_quotes(text), fragment)
    return q.speaker.text if q.speaker else None


def test_attribution_words_live_in_the_language_kit() -> None:
    from lagebild.extract import speech

    assert speech.PRONOUNS is PRONOUNS and speech.SOURCE_NOUNS is SOURCE_NOUNS
    assert "für" in OPINION_PREPOSITIONS["de"]


def test_partial_quote_in_a_reported_clause_is_not_its_subjects() -> None:
    text = ("An die Adresse der Gläubiger hatte Finanzministerin Petra Lindner Gutes zu vermelden.\n"
            "Erstmals sei die Landesregierung wieder in der Lage, die Schuldenregel „aller Voraussicht nach“ einzuhalten.")
    spk = _speaker(text, "aller Voraussicht")
    assert spk is not None and "Lindner" in spk


def test_fronted_fuer_phrase_holds_the_judgement() -> None:
    text = "Für den Historiker Jonas Weber sei der Rücktritt „aus vielen Gründen verständlich“."
    spk = _speaker(text, "aus vielen Gründen")
    assert spk is not None and "Jonas Weber" in spk


def test_fuer_phrase_without_a_person_names_nobody() -> None:
    text = "Für den Neubau der Brücke sei das Geld „aus vielen Gründen verständlich“ knapp."
    spk = _speaker(text, "aus vielen Gründen")
    assert spk is None or "Neubau" not in spk


def test_sentence_opening_with_a_verb_of_saying_frames_the_quotes_around_it() -> None:
    text = ("„Die Gesamtschule ist in der Region angekommen und hat sich bewährt.“\n"
            "erklärte Schulministerin Anna Kolb.\n"
            "„Die Landesregierung steht zu dieser Schule und fördert sie weiter.“")
    quotes = _quotes(text)
    first, second = _one(quotes, "Gesamtschule"), _one(quotes, "Landesregierung steht")
    for q in (first, second):
        assert q.speaker is not None and "Anna Kolb" in q.speaker.text
    assert first.cue is not None and first.cue.text == "erklärte"
    assert second.cue is None  # a new utterance, not the rest of the first one


def test_verb_after_und_shares_the_first_subject() -> None:
    text = ("Der Vertreter der Fischer nannte die Quoten eine Zumutung und rief die Küstenwache auf, "
            "ihre Kontrollen einzustellen.")
    q = _one(_quotes(text), "Kontrollen einzustellen")
    assert q.speaker is not None and q.speaker.text.startswith("Der Vertreter")


def test_subject_after_und_before_a_verb_final_speech_verb() -> None:
    text = ("Der Hafen übergab der Polizei die Akten über die Schmuggler und die Polizei seinerseits "
            "versprach, sich um die Sache zu kümmern.")
    q = _one(_quotes(text), "um die Sache")
    assert q.speaker is not None and q.speaker.text == "die Polizei"


def test_heisst_es_in_never_takes_a_phrase_inside_the_quotation() -> None:
    text = ("„Nach langem Gebet im Kloster bin ich zu dem Entschluss gekommen, das Amt niederzulegen“, "
            "heißt es in einer gestern verbreiteten Erklärung.")
    spk = _speaker(text, "Entschluss")
    assert spk is not None and spk.endswith("Erklärung") and "Kloster" not in spk


def test_so_frame_at_the_end_of_the_sentence() -> None:
    text = "Die Werft müsse „vollständig und nachweislich den Ausbau“ beenden, so Ministerin Clara Vogt."
    q = _one(_quotes(text), "vollständig")
    assert q.speaker is not None and "Clara Vogt" in q.speaker.text
    assert q.cue is not None and q.cue.text == "so"


def test_possessive_source_phrase_before_a_quote() -> None:
    text = ("Bürgermeister Jonas Weber besuchte am Morgen das Hochwassergebiet.\n"
            "Seiner Ansicht nach „sind wir Zeugen des schwersten Hochwassers seit Jahrzehnten“.")
    start = text.index("Jonas Weber")
    mention = Mention(start, start + len("Jonas Weber"), "Jonas Weber", "PER", "Jonas Weber")
    q = _one(_quotes(text, mentions=[mention]), "Zeugen")
    assert q.speaker is not None and q.speaker.text == "Seiner Ansicht"
    assert _entity(q) == "Jonas Weber"  # the possessive resolves like "er"


def test_mit_diesen_worten_frame_after_a_quote() -> None:
    text = "„Guten Tag, da bin ich wieder“, mit diesen Worten meldete sich Trainer Paul Huber zurück."
    spk = _speaker(text, "Guten Tag")
    assert spk is not None and "Paul Huber" in spk


def test_colon_heading_with_a_prepositional_phrase() -> None:
    text = ("Der Clanchef Kiril Brandt wurde am Morgen in Sofia festgenommen.\n"
            "Ein Hauptkommissar nach der Festnahme:\n„Der Mann ist jetzt dort, wo er lange hätte sein sollen.“")
    spk = _speaker(text, "Der Mann ist")
    assert spk is not None and spk.startswith("Ein Hauptkommissar")


def test_pronoun_words_are_the_kits() -> None:
    assert {"er", "sie"} <= PRONOUNS["de"]


def test_cue_noun_is_never_its_own_speaker() -> None:
    text = "An die Reederei erging die Aufforderung, die Fähren sofort aus dem Verkehr zu ziehen."
    q = _one(_quotes(text), "Fähren sofort")
    assert q.speaker is None or "Aufforderung" not in q.speaker.text


def test_demnach_stays_the_source_phrase() -> None:
    text = ("Die Polizei gab am Abend weitere Einzelheiten bekannt.\n"
            "Demnach ereignete sich in der Lagerhalle eine chemische Reaktion.")
    q = _one(_quotes(text), "chemische Reaktion")
    assert q.speaker is not None and q.speaker.text == "Demnach"


def test_name_after_an_object_relative_pronoun_is_the_subject() -> None:
    text = ("Damit wird die Marke unterschritten, die Kanzlerin Hanna Berg zum Ziel erklärt hatte:\n"
            "„Wir werden die Arbeitslosigkeit bis zum Ende der Wahlperiode halbieren.“")
    spk = _speaker(text, "Arbeitslosigkeit")
    assert spk is not None and "Hanna Berg" in spk


def test_in_der_es_heisst_names_the_document_the_pronoun_stands_for() -> None:
    text = ("Man zitiert eine Erklärung der Hafenbehörde von Lindholm, in der es heißt, "
            "dass die Sperre nach technischer Prüfung erlassen wurde.")
    q = _one(_quotes(text), "Sperre")
    assert q.speaker is not None and q.speaker.text.startswith("eine Erklärung der Hafenbehörde")


def test_passive_agent_of_a_verb_final_clause() -> None:
    text = "Wie der Zeitung „Nordkurier“ von der Gruppe berichtet wird, muss die Sperre nicht bestätigt werden."
    q = _one(_quotes(text), "Sperre")
    assert q.speaker is not None and q.speaker.text == "der Gruppe"


def test_first_and_middle_name_misread_by_the_tagger() -> None:
    text = ("Die Zeitung berichtete über die Kartoffel.\n"
            "Henk Jaap Meijer, Laborleiter der Nordstärke GmbH, erklärte: „Wir sehen zurzeit keine Möglichkeit, "
            "die Kartoffel anzubauen.“")
    spk = _speaker(text, "keine Möglichkeit")
    assert spk is not None and "Meijer" in spk
