"""Near-duplicates: syndicated copies are found, independent reports are not."""

from __future__ import annotations

from lagebild.dedup import DedupDoc, DuplicateIndex, find_duplicates

# A fictional agency report (written for these tests).
ORIGINAL = (
    "Brückeneinsturz in Falkenried: Verkehr auf der B 412 umgeleitet\n"
    "In der Kleinstadt Falkenried ist am Dienstagmorgen ein Teil der alten Mühlbachbrücke "
    "eingestürzt. Verletzt wurde nach Angaben der Polizei niemand, weil die Brücke seit "
    "Montagabend wegen Rissen im Mauerwerk gesperrt war. Bürgermeisterin Henrike Almstedt "
    "sprach von einem großen Glück. Die Gemeinde hatte die Sanierung bereits für das kommende "
    "Frühjahr geplant, die Kosten wurden auf 2,3 Millionen Euro geschätzt. Der Verkehr auf der "
    "Bundesstraße 412 wird bis auf Weiteres über Hasenwinkel umgeleitet, Pendler müssen mit "
    "rund zwanzig Minuten längerer Fahrzeit rechnen. Ein Gutachter des Landesbetriebs soll am "
    "Mittwoch klären, ob die übrigen Bögen der Brücke standsicher sind. Anwohner berichteten, "
    "sie hätten in der Nacht ein dumpfes Krachen gehört. Die Feuerwehr sicherte die Unglücksstelle "
    "mit Bauzäunen ab und ließ den Mühlbach auf Treibgut kontrollieren."
)

# The same report as another outlet runs it: own header and footer, one sentence trimmed,
# a word changed.
COPY = (
    "Startseite > Region > Nachrichten\n"
    "Brückeneinsturz in Falkenried: Verkehr auf der B 412 umgeleitet\n"
    "In der Kleinstadt Falkenried ist am Dienstagmorgen ein Teil der alten Mühlbachbrücke "
    "eingestürzt. Verletzt wurde nach Angaben der Polizei niemand, weil die Brücke seit "
    "Montagabend wegen Rissen im Mauerwerk gesperrt war. Bürgermeisterin Henrike Almstedt "
    "sprach von einem riesigen Glück. Die Gemeinde hatte die Sanierung bereits für das kommende "
    "Frühjahr geplant, die Kosten wurden auf 2,3 Millionen Euro geschätzt. Der Verkehr auf der "
    "Bundesstraße 412 wird bis auf Weiteres über Hasenwinkel umgeleitet, Pendler müssen mit "
    "rund zwanzig Minuten längerer Fahrzeit rechnen. Ein Gutachter des Landesbetriebs soll am "
    "Mittwoch klären, ob die übrigen Bögen der Brücke standsicher sind. Anwohner berichteten, "
    "sie hätten in der Nacht ein dumpfes Krachen gehört.\n"
    "Quelle: Nachrichtenagentur Nordpresse. Alle Rechte vorbehalten. Teilen Sie diesen Artikel."
)

# An independent report of the same event: same names and numbers, different words.
OTHER_REPORT = (
    "Mühlbachbrücke in Falkenried teilweise eingestürzt\n"
    "Falkenried. Die gesperrte Mühlbachbrücke ist am Dienstag in den frühen Morgenstunden "
    "teilweise zusammengebrochen. Weil Risse entdeckt worden waren, hatte die Stadt das Bauwerk "
    "schon am Vorabend für alle Fahrzeuge geschlossen, so dass niemand zu Schaden kam. "
    "Bürgermeisterin Henrike Almstedt zeigte sich erleichtert und kündigte an, die für 2,3 "
    "Millionen Euro geplante Sanierung nun vorzuziehen. Autofahrer werden über Hasenwinkel "
    "umgeleitet. Ob die restlichen Bögen halten, prüft ab Mittwoch ein Sachverständiger. "
    "Die Feuerwehr sperrte das Ufer des Mühlbachs großräumig ab."
)


def test_copy_with_changed_header_and_trimmed_sentence_is_found() -> None:
    docs = [
        DedupDoc("b-copy", COPY, "2025-03-04T11:00:00"),
        DedupDoc("a-orig", ORIGINAL, "2025-03-04T08:15:00"),
    ]
    assert find_duplicates(docs) == {"b-copy": "a-orig"}


def test_original_is_the_earliest_published_then_the_smallest_id() -> None:
    docs = [DedupDoc("a", COPY, "2025-03-05"), DedupDoc("z", ORIGINAL, "2025-03-04")]
    assert find_duplicates(docs) == {"a": "z"}
    docs = [DedupDoc("b", COPY, None), DedupDoc("c", ORIGINAL, None)]
    assert find_duplicates(docs) == {"c": "b"}
    # unknown dates come after known ones
    docs = [DedupDoc("b", COPY, None), DedupDoc("c", ORIGINAL, "2025-03-04")]
    assert find_duplicates(docs) == {"b": "c"}


def test_independent_report_on_the_same_event_is_not_a_copy() -> None:
    docs = [
        DedupDoc("orig", ORIGINAL, "2025-03-04"),
        DedupDoc("other", OTHER_REPORT, "2025-03-04"),
    ]
    assert find_duplicates(docs) == {}


def test_groups_chain_to_one_original_and_order_does_not_matter() -> None:
    third = COPY.replace("Startseite > Region > Nachrichten", "Lokales | Falkenrieder Bote")
    docs = [
        DedupDoc("o", ORIGINAL, "2025-03-04"),
        DedupDoc("c1", COPY, "2025-03-05"),
        DedupDoc("c2", third, "2025-03-06"),
        DedupDoc("x", OTHER_REPORT, "2025-03-04"),
    ]
    expected = {"c1": "o", "c2": "o"}
    assert find_duplicates(docs) == expected
    assert find_duplicates(list(reversed(docs))) == expected


def test_short_texts_must_match_almost_entirely() -> None:
    stub = " Der vollständige Text dieses Agenturartikels ist aus rechtlichen Gründen nicht mehr abrufbar."
    docs = [
        DedupDoc("a", "Brücke in Falkenried eingestürzt.", "2025-03-04"),
        DedupDoc("b", "Brücke in Falkenried eingestürzt!", "2025-03-05"),
        DedupDoc("c", "Brücke in Hasenwinkel eingestürzt.", "2025-03-04"),
        DedupDoc("d", "", "2025-03-04"),
        DedupDoc("e", "", "2025-03-04"),
        # two different stubs that share a long boilerplate sentence
        DedupDoc("s1", "Stadtrat von Falkenried beschließt neues Parkkonzept." + stub, "2025-03-04"),
        DedupDoc("s2", "Ermittler durchsuchen Zentrale der Mühlbach-Werke." + stub, "2025-03-04"),
    ]
    assert find_duplicates(docs) == {"b": "a"}


def test_index_is_reused_across_calls_and_notices_changed_text() -> None:
    index = DuplicateIndex()
    first = [DedupDoc("o", ORIGINAL, "2025-03-04"), DedupDoc("x", OTHER_REPORT, "2025-03-04")]
    assert find_duplicates(first, index) == {}
    assert len(index) == 2
    second = [*first, DedupDoc("c", COPY, "2025-03-05")]
    assert find_duplicates(second, index) == {"c": "o"}
    # the "other" article is replaced by a copy under the same id
    changed = [first[0], DedupDoc("x", COPY, "2025-03-06")]
    assert find_duplicates(changed, index) == {"x": "o"}
