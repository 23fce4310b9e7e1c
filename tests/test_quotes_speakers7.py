"""Speaker rules of issue 13 round 7 (SpkAtt dev-fold speaker error classes), on fictional
German sentences."""

from __future__ import annotations

from tests.test_quotes import _one, _quotes


def test_subject_with_adverb_and_relative_clause_before_the_cue() -> None:
    text = ("Karl Brenner dagegen, der im Frühjahr selbst noch als Bewerber angetreten war, bekräftigte "
            "gegenüber mehreren Zeitungen, dass er für das Amt nicht zur Verfügung stehe.")
    spk = _one(_quotes(text), "zur Verfügung").speaker
    assert spk is not None and spk.text.startswith("Karl Brenner") and spk.entity == "Karl Brenner"


def test_auxiliary_before_a_quoted_source_name() -> None:
    text = "Außerdem hatte er laut „Tagesblatt“ kritisiert, dass sein Dorf benachteiligt werde."
    q = _one([q for q in _quotes(text) if q.cue is not None and q.cue.text == "kritisiert"], "Dorf")
    assert q.speaker is not None and q.speaker.text == "er"


def test_passive_speech_verb_subject_is_not_the_speaker() -> None:
    text = "In einer Sendung werden die Sperren rund um das Stadion als „übertrieben“ bezeichnet."
    q = _one(_quotes(text), "übertrieben")
    assert q.speaker is None or "Sperren" not in q.speaker.text


def test_perfect_active_participle_keeps_its_subject() -> None:
    text = ("Damit ist die Marke erreicht, die Lena Wegner zum eigenen Ziel erklärt hatte:\n"
            "„Wir schaffen bis zum Herbst die Wende auf dem Wohnungsmarkt.“")
    spk = _one(_quotes(text), "Wende").speaker
    assert spk is not None and "Lena Wegner" in spk.text


def test_coordinated_clause_with_plural_verb_read_as_infinitive() -> None:
    text = ("Das war nicht der erste Streit um die Baustelle und die Anwohner befürchten, dass es auch "
            "nicht der letzte sein wird.")
    spk = _one(_quotes(text), "nicht der letzte").speaker
    assert spk is not None and spk.text == "die Anwohner"


def test_wonach_source_is_the_phrase_before_the_comma() -> None:
    text = "Der Minister wies Berichte der Zeitung zurück, wonach das Werk im Sommer geschlossen werden solle."
    spk = _one(_quotes(text), "geschlossen").speaker
    assert spk is not None and spk.text == "Berichte der Zeitung"
    text = "Spekulationen, wonach ein Geheimdienst dahinter stecke, wollte der Minister nicht bestätigen."
    spk = _one(_quotes(text), "Geheimdienst").speaker
    assert spk is not None and spk.text == "Spekulationen"


def test_wonach_after_a_party_in_brackets_names_the_phrase_not_the_party() -> None:
    text = ("Die Haltung von Innenminister Karl Brenner (SPD), wonach es ein ausgewogenes Gesetz "
            "geben werde, stieß auf Kritik.")
    spk = _one(_quotes(text), "ausgewogenes Gesetz").speaker
    assert spk is not None and spk.text != "SPD" and "Karl Brenner" in spk.text


def test_clause_final_verb_after_partial_quote_is_no_frame() -> None:
    text = ("Lena Wegner und Jan Kolbe prangerten an, dass neben der „Datensammelei“ die Lehrer "
            "„als Hilfspolizisten“ dienten.")
    q = _one([q for q in _quotes(text) if q.kind == "direct"], "als Hilfspolizisten")
    assert q.speaker is not None and "Jan Kolbe" in q.speaker.text
    assert q.cue is not None and q.cue.text.startswith("prangerten")


def test_v2_verb_after_quoted_prefield_still_frames_it() -> None:
    text = "Als „verpasste Chance“ beurteilte die Abgeordnete Lena Wegner das Ergebnis der Wahl."
    q = _one(_quotes(text), "verpasste Chance")
    assert q.speaker is not None and "Lena Wegner" in q.speaker.text


def test_statement_quoted_inside_a_clause_takes_the_clause_subject() -> None:
    text = ("Das Schiedsgericht kam damit zu dem Ergebnis, „dass keine tragfähige Grundlage für eine "
            "Strafe besteht“.")
    spk = _one(_quotes(text), "tragfähige Grundlage").speaker
    assert spk is not None and spk.text == "Das Schiedsgericht"


def test_statement_quoted_in_a_konjunktiv_clause_continues_the_report() -> None:
    text = ("„Ich halte die Maut für richtig“, sagte Verkehrsministerin Lena Wegner dem Tagesblatt.\n"
            "Das Gutachten zeige in Wahrheit, „dass die Gebühren kaum jemanden abschrecken“.")
    spk = _one(_quotes(text), "kaum jemanden").speaker
    assert spk is not None and spk.entity == "Lena Wegner"


def test_nominalised_adjective_after_und_is_the_subject() -> None:
    text = ("Das war nicht der erste Streit um die Sperren und die Hamburger befürchten, dass es auch "
            "nicht der letzte sein wird.")
    spk = _one(_quotes(text), "nicht der letzte").speaker
    assert spk is not None and spk.text == "die Hamburger"


def test_es_stands_for_a_neuter_organisation_named_before() -> None:
    text = ("Im Ausschluss der Öffentlichkeit erkannte das Landgericht ein Problem.\n"
            "Hier stellte es fest, dass die Berichte zurückhaltend gewesen seien.")
    spk = _one(_quotes(text), "zurückhaltend").speaker
    assert spk is not None and spk.text == "es"


def test_expletive_es_is_no_speaker() -> None:
    text = "Der Regen hielt an.\nEs regnete auch am Abend weiter, sagte ein Sprecher des Wetterdienstes."
    spk = _one(_quotes(text), "regnete").speaker
    assert spk is not None and spk.text.startswith("ein Sprecher")
    text = "Der Streit hielt an.\nEs gebe keine Einigung, hieß es aus dem Rathaus."
    for q in _quotes(text):
        assert q.speaker is None or q.speaker.text != "Es"


def test_der_before_a_feminine_noun_after_the_verb_is_no_subject() -> None:
    text = "Die Opposition warf der Bürgermeisterin vor, die Bürger getäuscht zu haben."
    spk = _one(_quotes(text), "getäuscht").speaker
    assert spk is not None and spk.text == "Die Opposition"


def test_nested_speech_verb_with_a_surname_read_as_noun() -> None:
    text = ("Der Sender berichtete, dass Brenner die Spielerin danach gefragt habe, ob sie "
            "„schon einmal verletzt“ gewesen sei.")
    spk = _one([q for q in _quotes(text) if q.kind == "direct"], "schon einmal verletzt").speaker
    assert spk is not None and spk.text == "Brenner"


def test_object_first_with_a_surname_read_as_noun_after_the_verb() -> None:
    text = "Den Vorschlag lehnte Brenner ab: „Das machen wir auf keinen Fall.“"
    spk = _one(_quotes(text), "auf keinen Fall").speaker
    assert spk is not None and spk.text == "Brenner"


def test_person_named_in_between_speaks_the_free_standing_quote() -> None:
    text = ("Paul Weber war enttäuscht.\n„Wir haben schlecht gespielt“, sagte der Trainer.\n"
            "„Das darf uns nicht passieren.“\nAuch Kapitän Jan Kolbe war unzufrieden.\n"
            "„Wir müssen uns im Rückspiel deutlich steigern.“")
    spk = _one(_quotes(text), "deutlich steigern").speaker
    assert spk is not None and spk.entity == "Jan Kolbe"
    spk = _one(_quotes(text), "nicht passieren").speaker
    assert spk is not None and spk.text == "der Trainer"


def test_name_inside_a_von_attachment_is_not_the_speakers_entity() -> None:
    text = "Ein Sprecher von Präsident Karl Brenner sagte, die Verhandlungen seien gescheitert."
    spk = _one(_quotes(text), "gescheitert").speaker
    assert spk is not None and spk.text.startswith("Ein Sprecher") and spk.entity != "Karl Brenner"
    text = "Der frühere Präsident des Vereins Paul Weber sagte, das Stadion werde umgebaut."
    spk = _one(_quotes(text), "umgebaut").speaker
    assert spk is not None and spk.entity == "Paul Weber"


def test_source_phrase_inside_a_relative_clause_reports_that_clause() -> None:
    text = ("Schuld an der Verspätung war das Zulassungsverfahren, das nach Angaben eines Sprechers "
            "der Werft nicht rechtzeitig abgeschlossen werden konnte.")
    q = _one(_quotes(text), "rechtzeitig")
    assert q.text.startswith("das nach Angaben") and "Schuld" not in q.text
    assert q.speaker is not None and q.speaker.text == "eines Sprechers der Werft"
    text = "Ein Boot, auf dem sich nach Angaben der Polizei 300 Menschen befunden haben sollen, ist gekentert."
    q = _one(_quotes(text), "300 Menschen")
    assert q.text.startswith("auf dem") and "gekentert" not in q.text
    assert q.speaker is not None and q.speaker.text == "der Polizei"


def test_source_phrase_inside_a_causal_clause_reports_that_clause() -> None:
    text = "Die Pakete trafen verspätet ein, da nach Angaben der Post die Genehmigung zu spät beantragt worden war."
    q = _one(_quotes(text), "Genehmigung")
    assert q.text.startswith("da nach Angaben") and q.speaker is not None and q.speaker.text == "der Post"


def test_source_with_an_apposition_before_the_message() -> None:
    text = "Nach Angaben von Jan Kolbe, dem Dekan, befanden sich zum Zeitpunkt des Bebens viele Besucher im Turm."
    q = _one(_quotes(text), "Besucher")
    assert q.text.startswith("befanden") and q.speaker is not None and q.speaker.entity == "Jan Kolbe"


def test_source_phrase_with_a_participle_attribute_after_am_or_im() -> None:
    text = ("Laut einer am Dienstag veröffentlichten Pressemitteilung des Hilfswerks wurden zunächst "
            "2.000 Menschen mit Lebensmitteln versorgt.")
    q = _one(_quotes(text), "Lebensmitteln")
    assert q.speaker is not None and q.speaker.text == "einer am Dienstag veröffentlichten Pressemitteilung des Hilfswerks"


def test_rejected_claim_owns_its_complement() -> None:
    text = ("Der Präsident der Region, Jan Kolbe, wies jedoch die Darstellung zurück, die Urlauber seien "
            "zum Verlassen des Landes gezwungen worden.")
    spk = _one(_quotes(text), "gezwungen").speaker
    assert spk is not None and spk.text == "die Darstellung"
    text = "Der Experte Jan Kolbe wandte sich gegen die Behauptung, die Kartoffel werde nie in die Nahrung gelangen."
    spk = _one(_quotes(text), "Kartoffel").speaker
    assert spk is not None and spk.text == "die Behauptung"


def test_denying_verb_without_a_claim_noun_keeps_its_subject() -> None:
    text = "Der Minister bestritt, dass er das Parlament getäuscht habe."
    spk = _one(_quotes(text), "getäuscht").speaker
    assert spk is not None and spk.text == "Der Minister"


def test_free_standing_quote_continues_the_last_speaker_a_little_further_back() -> None:
    text = ("„Es genügt sehr wenig, um in Schwierigkeiten zu geraten“, sagte Teamchef Karl Brenner.\n"
            "Das Team hat in diesem Jahr zwei Rennen gewonnen.\n"
            "Vor finanziellen Sorgen scheint der Rennstall, dessen Mutterkonzern kriselt, nicht zu stehen.\n"
            "„Wir haben längst wichtige Verträge abgeschlossen.“")
    spk = _one(_quotes(text), "Verträge abgeschlossen").speaker
    assert spk is not None and spk.entity == "Karl Brenner"


def test_reported_cue_verb_gives_way_to_the_frame_after_the_message() -> None:
    text = ("Sie wisse, dass ihre Arbeit „nicht frei von Schwächen“ sei, hatte Lena Wegner "
            "damals gesagt.")
    for q in _quotes(text):
        assert q.speaker is not None and q.speaker.entity == "Lena Wegner"
        assert q.cue is not None and q.cue.text == "gesagt"


def test_title_abbreviations_and_initials_stay_in_the_speaker_phrase() -> None:
    text = "„Die Lage ist ernst“, warnte Klimaforscher Prof. Dr. Karl-Heinz Brenner."
    spk = _one(_quotes(text), "Die Lage").speaker
    assert spk is not None and spk.text == "Klimaforscher Prof. Dr. Karl-Heinz Brenner"
    assert spk.entity == "Karl-Heinz Brenner"
    text = "Laut Klinikdirektor Prof. Dr. Matthias W. Beckmann ist die Lage auf der Station ernst."
    spk = _one(_quotes(text), "Station").speaker
    assert spk is not None and spk.entity == "Matthias W. Beckmann"


def test_dessen_opens_the_speaker_phrase() -> None:
    text = ("Kritik an der Reform kommt auch vom Verband der Lehrer.\n"
            "„Die Reform ist unausgegoren“, sagte dessen Vorsitzende Eva Roth.")
    spk = _one(_quotes(text), "unausgegoren").speaker
    assert spk is not None and spk.text == "dessen Vorsitzende Eva Roth" and spk.entity == "Eva Roth"


def test_chef_compound_after_the_verb_is_the_inverted_subject() -> None:
    text = "Deutliche Worte fand der Verbandschef: „Die Reform ist völlig unausgegoren.“"
    spk = _one(_quotes(text), "unausgegoren").speaker
    assert spk is not None and spk.text == "der Verbandschef"


def test_name_in_a_relative_clause_is_not_the_speakers_entity() -> None:
    text = "Der Verein, dessen Vorsitzender Jan Kolbe gestern zurücktrat, teilte mit, man suche einen Nachfolger."
    spk = _one(_quotes(text), "Nachfolger").speaker
    assert spk is not None and spk.text.startswith("Der Verein") and spk.entity != "Jan Kolbe"


def test_criticism_comes_from_the_speaker() -> None:
    text = "Scharfe Kritik kam vom Verband der Lehrer: „Die Reform ist völlig unausgegoren.“"
    spk = _one(_quotes(text), "unausgegoren").speaker
    assert spk is not None and spk.text == "Verband der Lehrer"
    text = "Widerspruch kommt auch aus der Opposition: „Die Reform ist völlig unausgegoren.“"
    spk = _one(_quotes(text), "unausgegoren").speaker
    assert spk is not None and spk.text == "der Opposition"


def test_stance_with_a_reflexive_verb_reports_the_dass_clause() -> None:
    text = "Kolbe zeigte sich überzeugt, dass das Geld für die Sanierung nicht reichen wird."
    q = _one(_quotes(text), "Sanierung")
    assert q.text.startswith("dass") and q.speaker is not None and q.speaker.text == "Kolbe"
    text = "Am Ende war sich die Staatsanwaltschaft sicher, dass der Mann der Täter war."
    q = _one(_quotes(text), "Täter")
    assert q.speaker is not None and q.speaker.text == "die Staatsanwaltschaft"


def test_ist_sich_sicher_frames_a_quote() -> None:
    text = "„Das wird nicht reichen“, ist sich Verbandschef Jan Kolbe sicher."
    spk = _one(_quotes(text), "nicht reichen").speaker
    assert spk is not None and spk.entity == "Jan Kolbe"


def test_hervorgehen_names_the_document_as_source() -> None:
    text = "Wie aus einer Mitteilung der Polizei hervorgeht, wurden bei dem Unfall drei Menschen verletzt."
    q = _one(_quotes(text), "drei Menschen")
    assert q.text.startswith("wurden") and q.speaker is not None and q.speaker.text == "einer Mitteilung der Polizei"
    text = "Aus dem Bericht des Ministeriums geht hervor, dass bei dem Unfall drei Menschen verletzt wurden."
    q = _one(_quotes(text), "drei Menschen")
    assert q.text.startswith("dass") and q.speaker is not None and q.speaker.text == "dem Bericht des Ministeriums"


def test_frame_of_the_next_quote_is_not_the_previous_ones() -> None:
    text = "Die Vorsitzende Eva Roth sagte: „Wir sind bereit.“ Kolbe widersprach: „Wir sind es nicht.“"
    spk = _one(_quotes(text), "Wir sind bereit").speaker
    assert spk is not None and spk.entity == "Eva Roth"
    spk = _one(_quotes(text), "es nicht").speaker
    assert spk is not None and spk.text == "Kolbe"


def test_so_or_mit_diesen_worten_in_the_next_sentence_names_the_speaker() -> None:
    text = "„Wir sind zu Gesprächen über die Löhne bereit.“\nSo Kolbe am Montag in Berlin."
    spk = _one(_quotes(text), "Löhne").speaker
    assert spk is not None and spk.text == "Kolbe"
    text = "„Wir sind zu Gesprächen über die Löhne bereit.“\nMit diesen Worten wandte sich Kolbe an die Presse."
    spk = _one(_quotes(text), "Löhne").speaker
    assert spk is not None and spk.text == "Kolbe"
    text = "„Wir sind zu Gesprächen über die Löhne bereit.“\nSo weit die Theorie."
    assert _one(_quotes(text), "Löhne").speaker is None


def test_genitive_name_before_a_source_noun() -> None:
    text = "Nach Kolbes Worten wurden bei dem Unfall drei Menschen verletzt."
    q = _one(_quotes(text), "drei Menschen")
    assert q.text.startswith("wurden") and q.speaker is not None and q.speaker.entity == "Kolbe"


def test_speaker_phrase_stops_before_a_dative_after_a_name() -> None:
    text = "„Wir ermitteln in alle Richtungen“, sagte eine Sprecherin der Stadt Köln der Deutschen Presse-Agentur."
    spk = _one(_quotes(text), "alle Richtungen").speaker
    assert spk is not None and spk.text == "eine Sprecherin der Stadt Köln"


def test_age_attribute_and_plural_coordinated_subject() -> None:
    text = "„Wir ermitteln in alle Richtungen“, sagte der 54 Jahre alte Kolbe."
    spk = _one(_quotes(text), "alle Richtungen").speaker
    assert spk is not None and spk.text == "der 54 Jahre alte Kolbe"
    text = "„Wir ermitteln in alle Richtungen“, erklärten Polizei und Staatsanwaltschaft gemeinsam."
    spk = _one(_quotes(text), "alle Richtungen").speaker
    assert spk is not None and spk.text == "Polizei und Staatsanwaltschaft"


def test_so_frame_between_dashes() -> None:
    text = ("Laut Firmenchef Paul Weber reicht das Geld nicht.\n"
            "Zwar sei es ein wichtiger Schritt – so Kolbe – , trotzdem suche man neue Investoren.")
    spk = _one(_quotes(text), "Investoren").speaker
    assert spk is not None and spk.text == "Kolbe"
    text = "Neu war vieles: eine neue Gestaltung und – so der eigene Wunsch – eine „Schärfung des Profils“."
    for q in _quotes(text):
        assert q.speaker is None or "Wunsch" not in q.speaker.text


def test_verb_final_clause_subject_before_a_partial_quote() -> None:
    text = "Der Bericht ist brisant, weil die Regierung das Land als „junge couragierte Demokratie“ bezeichnet hat."
    spk = _one(_quotes(text), "couragierte").speaker
    assert spk is not None and spk.text == "die Regierung"


def test_relative_clause_opened_before_quoted_words() -> None:
    text = "Kolbe, der das Land als „junge couragierte Demokratie“ bezeichnet hatte, trat zurück."
    spk = _one(_quotes(text), "couragierte").speaker
    assert spk is not None and spk.text == "der" and spk.entity == "Kolbe"


def test_partial_quote_after_an_oblique_article_in_a_verb_final_clause() -> None:
    text = "Als der Minister von einem „schwarzen Tag“ sprach, war die Stimmung im Saal gedrückt."
    spk = _one(_quotes(text), "schwarzen Tag").speaker
    assert spk is not None and spk.text == "der Minister"


def test_object_relative_with_der_subject() -> None:
    text = "Die Pläne, die der Minister als „unausgegoren“ bezeichnet hatte, wurden gestoppt."
    spk = _one(_quotes(text), "unausgegoren").speaker
    assert spk is not None and spk.text == "der Minister"


def test_genitive_name_after_the_source_noun() -> None:
    text = "Die Regierung hat nach Ansicht Kolbes in der Krise völlig versagt."
    q = _one(_quotes(text), "versagt")
    assert q.speaker is not None and q.speaker.text == "Kolbes" and q.speaker.entity == "Kolbe"


def test_quoted_title_inside_the_speaker_phrase_is_no_quote() -> None:
    text = "Der Sprecher der Initiative „Rettet den Wald“, Jan Kolbe, sagte, die Regierung habe versagt."
    qs = _quotes(text)
    assert all(q.kind == "indirect" for q in qs)
    spk = _one(qs, "versagt").speaker
    assert spk is not None and spk.entity == "Jan Kolbe"


def test_lowercase_quoted_name_after_laut_der() -> None:
    text = "Laut der „taz“ hat die Regierung in der Krise versagt."
    spk = _one(_quotes(text), "versagt").speaker
    assert spk is not None and spk.text == "der „taz“"


def test_lowercase_quoted_name_is_no_quote() -> None:
    text = "„Das reicht nicht“, sagte Kolbe der „taz“ am Montag."
    qs = _quotes(text)
    assert [q.text for q in qs] == ["Das reicht nicht"]
    text = "Kolbe nannte die Pläne „unausgegoren“."
    assert _one(_quotes(text), "unausgegoren").speaker is not None


def test_surname_read_as_noun_after_role_and_first_name() -> None:
    text = ("Es wurde vermutlich ein falscher Leim verwendet.\n"
            "Das gab der Gutachter Professor Karl Brenner am Montag in Berlin bekannt.")
    spk = _one(_quotes(text), "Leim").speaker
    assert spk is not None and spk.text == "der Gutachter Professor Karl Brenner"
    assert spk.entity == "Karl Brenner"


def test_lowercase_quoted_name_with_article_is_a_subject() -> None:
    text = "Die „taz“ berichtete am Montag, das Geld für die Sanierung reiche nicht."
    spk = _one(_quotes(text), "Sanierung").speaker
    assert spk is not None and spk.text == "Die „taz“"
