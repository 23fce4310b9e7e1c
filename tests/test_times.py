"""Temporal tagger: German first, normalised against the publication date (fictional text)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from lagebild.extract.times import find_times, parse_anchor
from lagebild.models import TimeExpr

PUB = "2025-07-14"  # a Monday


def times(text: str, anchor: str | None = PUB, **kw: object) -> list[TimeExpr]:
    out = find_times(text, [], anchor, "de", **kw)  # type: ignore[arg-type]
    for t in out:
        assert text[t.start:t.end] == t.text
    return out


def one(text: str, needle: str, anchor: str | None = PUB) -> TimeExpr:
    found = [t for t in times(text, anchor) if needle in t.text]
    assert found, f"{needle!r} not found in {[t.text for t in times(text, anchor)]}"
    return found[0]


def values(text: str, anchor: str | None = PUB) -> list[str]:
    return [t.value for t in times(text, anchor)]


# ---- absolute -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Die Fähre legte am 03.07.2025 in Husum ab.", "03.07.2025", "2025-07-03"),
        ("Der Bürgermeister sprach am 3. Juli 2025 im Rathaus.", "3. Juli 2025", "2025-07-03"),
        ("Der Bürgermeister sprach am 3. Juli im Rathaus.", "3. Juli", "2025-07-03"),
        ("Die Brücke wird im Juli 2025 eröffnet.", "Juli 2025", "2025-07"),
        ("Die Reform gilt seit 2025 für alle Gemeinden.", "2025", "2025"),
        ("Die Kapelle spielte am 3.7. auf dem Marktplatz.", "3.7.", "2025-07-03"),
        ("Der Verein wurde am 1.9.98 gegründet.", "1.9.98", "1998-09-01"),
        ("Die Messe beginnt am 2025-09-01 in Halle 4.", "2025-09-01", "2025-09-01"),
        ("Das Kloster entstand im 12. Jahrhundert.", "12. Jahrhundert", "11"),
        ("In den 1990er Jahren wuchs die Stadt.", "1990er", "199"),
        ("Die Burg fiel 480 v. Chr. an die Angreifer.", "480 v. Chr.", "BC0480"),
        ("Im Herbst 2024 regnete es viel.", "Herbst 2024", "2024-FA"),
    ],
)
def test_absolute_dates(text: str, needle: str, value: str) -> None:
    t = one(text, needle)
    assert t.value == value
    assert t.type == "DATE"


def test_absolute_dates_have_no_anchor_but_yearless_ones_do() -> None:
    assert one("Am 3. Juli 2025 tagte der Rat.", "Juli").anchor is None
    assert one("Am 3. Juli tagte der Rat.", "Juli").anchor == PUB


def test_times_of_day_take_the_date_of_the_sentence() -> None:
    ts = times("Der Zug entgleiste am 03.07.2025 um 19:24 Uhr bei Fulda.")
    assert [(t.text, t.type, t.value) for t in ts] == [
        ("03.07.2025", "DATE", "2025-07-03"),
        ("19:24 Uhr", "TIME", "2025-07-03T19:24"),
    ]
    assert one("Die Sitzung beginnt um 10:00 Uhr.", "10:00").value == "2025-07-14T10:00"
    assert one("Die Sitzung begann 19.24 Uhr.", "19.24").value == "2025-07-14T19:24"


# ---- relative to the publication date -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Der Landrat besuchte am Donnerstag die Feuerwehr.", "Donnerstag", "2025-07-10"),
        ("Die Wahl fand an diesem Donnerstag statt.", "diesem Donnerstag", "2025-07-10"),
        ("Der Landrat wird am Donnerstag die Feuerwehr besuchen.", "Donnerstag", "2025-07-17"),
        ("Gestern brannte eine Scheune.", "Gestern", "2025-07-13"),
        ("Heute öffnet das Freibad.", "Heute", "2025-07-14"),
        ("Vorgestern fiel der Strom aus.", "Vorgestern", "2025-07-12"),
        ("Das Freibad öffnet morgen wieder.", "morgen", "2025-07-15"),
        ("Der Damm brach vor zwei Tagen.", "vor zwei Tagen", "2025-07-12"),
        ("Anfang Juli kam die Hitze.", "Anfang Juli", "2025-07"),
        ("Mitte Juli kam die Hitze.", "Mitte Juli", "2025-07"),
        ("Ende Juli kommt die Hitze.", "Ende Juli", "2025-07"),
        ("Der Chor trat im Januar auf.", "Januar", "2025-01"),
        ("Der Chor trat letzte Woche auf.", "letzte Woche", "2025-W28"),
        ("Der Chor tritt nächsten Monat auf.", "nächsten Monat", "2025-08"),
        ("Der Krieg im Nachbarland begann vor mehr als drei Jahren.", "drei Jahren", "2022"),
        ("Im vergangenen Jahr kamen weniger Gäste.", "vergangenen Jahr", "2024"),
    ],
)
def test_relative_dates(text: str, needle: str, value: str) -> None:
    t = one(text, needle)
    assert t.value == value
    assert t.anchor == PUB


def test_anaphoric_dates_follow_the_last_mentioned_date() -> None:
    text = "Am 4. Juli 2025 stimmte der Rat ab. Bereits zwei Tage zuvor hatte der Kreis gewarnt."
    t = one(text, "zwei Tage zuvor")
    assert (t.value, t.anchor) == ("2025-07-02", "2025-07-04")
    later = one("Am 4. Juli 2025 stimmte der Rat ab. Am selben Tag trat der Kämmerer zurück.",
                "selben Tag")
    assert later.value == "2025-07-04"


def test_weekday_date_pair_keeps_both_parts() -> None:
    t = one("Die Ministerin sprach am Donnerstag (4. Juli) in Kiel.", "Donnerstag", "2025-07")
    assert t.text == "Donnerstag (4. Juli"
    assert t.value == "2025-07-04"  # the date as written ...
    assert t.weekday == 3  # ... and the weekday as written (4 July 2025 is a Friday)
    t2 = one("Donnerstag, 3. Juli 2025: Der Hafen bleibt zu.", "Donnerstag")
    assert (t2.value, t2.weekday) == ("2025-07-03", 3)
    lone = one("Der Landrat besuchte am Donnerstag die Feuerwehr.", "Donnerstag")
    assert lone.weekday == 3


def test_without_anchor_relative_expressions_stay_unresolved() -> None:
    text = "Am Donnerstag kam der Brief. Gestern kam noch einer. Letzte Woche war Ruhe."
    assert values(text, None) == ["XXXX-WXX-4", "XXXX-XX-XX", "XXXX-WXX"]
    assert all(t.anchor is None for t in times(text, None))
    assert one("Der Chor trat am 3. Juli auf.", "3. Juli", None).value == "XXXX-07-03"
    assert one("Die Sitzung beginnt um 10:00 Uhr.", "10:00", None).value == "XXXX-XX-XXT10:00"
    assert one("Der Krieg begann vor drei Jahren.", "drei Jahren", None).value == "XXXX"


def test_month_only_anchor_resolves_what_it_can() -> None:
    assert one("Der Chor sang am 4. Juli.", "4. Juli", "2025-07").value == "2025-07-04"
    assert one("Der Chor singt nächsten Monat.", "Monat", "2025-07").value == "2025-08"
    assert one("Gestern sang der Chor.", "Gestern", "2025-07").value == "XXXX-XX-XX"
    assert one("Am Donnerstag sang der Chor.", "Donnerstag", "2025-07").value == "XXXX-WXX-4"
    assert parse_anchor("2025-07-14T09:30:00+02:00") == (2025, 7, 14)


def test_deictic_words_in_a_quote_mean_the_day_it_was_said() -> None:
    text = ("Der Bürgermeister trat am 3. Juli vor die Presse. „Heute ist ein guter Tag für "
            "die Stadt“, sagte er.")
    assert one(text, "Heute").value == "2025-07-03"


# ---- durations and sets ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Die Sitzung dauerte fast eine Stunde.", "eine Stunde", "PT1H"),
        ("Die Sitzung dauerte knapp eine Stunde.", "eine Stunde", "PT1H"),
        ("Nach einer fast einstündigen Debatte stimmte der Rat ab.", "einstündig", "PT1H"),
        ("Die Sanierung dauerte drei Jahre.", "drei Jahre", "P3Y"),
        ("Der Rat will binnen zwei Tagen entscheiden.", "zwei Tagen", "P2D"),
        ("Der Streit schwelt seit mehr als drei Jahren.", "drei Jahren", "P3Y"),
        ("Die Pause dauerte eine halbe Stunde.", "halbe Stunde", "PT30M"),
    ],
)
def test_durations(text: str, needle: str, value: str) -> None:
    t = one(text, needle)
    assert (t.type, t.value) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Der Markt findet jeden Montag statt.", "jeden Montag", "XXXX-WXX-1"),
        ("Die Fähre fährt täglich.", "täglich", "P1D"),
        ("Das Fest wird jährlich gefeiert.", "jährlich", "P1Y"),
        ("Der Müll wird montags abgeholt.", "montags", "XXXX-WXX-1"),
    ],
)
def test_sets(text: str, needle: str, value: str) -> None:
    t = one(text, needle)
    assert (t.type, t.value) == ("SET", value)


# ---- other languages ------------------------------------------------------------------

def test_english_and_spanish_basics() -> None:
    assert one("The mayor spoke on Thursday.", "Thursday").value == "2025-07-10"
    assert one("The mayor spoke on July 3.", "July 3").value == "2025-07-03"
    assert one("The bridge opened on July 3, 2025.", "July 3, 2025").value == "2025-07-03"
    assert one("El alcalde habló el 3 de julio.", "3 de julio").value == "2025-07-03"
    assert one("El alcalde habló el jueves.", "jueves").value == "2025-07-10"
    assert one("Ayer llovió en Sevilla.", "Ayer").value == "2025-07-13"


# ---- no false dates -------------------------------------------------------------------

def test_law_numbers_scores_and_counts_are_not_dates() -> None:
    ts = times("Nach dem Gesetz Nr. 62 vom 07.03.2001 ist das erlaubt.")
    assert [(t.text, t.value) for t in ts] == [("07.03.2001", "2001-03-07")]
    assert times("Der SV gewann das Derby 3:1 vor 1500 Zuschauern.") == []
    assert times("1237 Tag seit dem Beginn der Blockade.") == []
    assert times("Der Verein hat 2000 Mitglieder und 1300 Euro Schulden.") == []
    assert times("Die Linie 1920 fährt über Paragraf 2019 hinaus.") == []
    assert times("Sie wohnt in der Hauptstraße 12. Die Zahl 2.5 ist klein.") == []
    assert times("August Bebel und Mai Thi sprachen.") == []


def test_bare_years_in_temporal_context_are_years() -> None:
    assert values("Das Werk schloss im Jahr 2019.") == ["2019"]
    assert values("Seit 2017 gilt die neue Regel.") == ["2017"]
    assert values("Bis 2030 soll die Strecke fertig sein.") == ["2030"]
    assert values("Der Verein wurde 1998 gegründet.") == ["1998"]


# ---- narratives -----------------------------------------------------------------------

def test_history_texts_resolve_against_the_last_mentioned_year() -> None:
    text = ("1850\n\nIm Frühjahr 1850 zog der Händler nach Bremen. Am 3. Mai eröffnete er "
            "einen Laden. Zwei Tage später kam die erste Lieferung. 1851 heiratete er, "
            "1852 kam ein Sohn zur Welt, heute steht dort ein Museum.")
    ts = {t.text: t.value for t in times(text, "2011-02-16")}
    assert ts["3. Mai"] == "1850-05-03"
    assert ts["Zwei Tage später"] == "1850-05-05"
    assert ts["heute"] == "PRESENT_REF"


def test_spans_do_not_overlap_and_are_in_order() -> None:
    text = ("Am Donnerstag, 3. Juli 2025, um 19:24 Uhr begann die fast einstündige Sitzung; "
            "zwei Tage zuvor hatte der Rat getagt, seit Jahren jeden Montag.")
    ts = times(text)
    assert ts == sorted(ts, key=lambda t: t.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(ts))


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seed_weekday_pair_and_time() -> None:
    s4 = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    pair = [t for t in find_times(s4, [], "2025-07") if t.weekday is not None]
    assert [(t.value, t.weekday) for t in pair] == [("2025-07-04", 3)]
    s1 = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    vals = [t.value for t in find_times(s1, [], None)]
    assert "2025-07-03" in vals and "2025-07-03T19:24" in vals


def test_capitalised_set_words_and_ages_are_not_times() -> None:
    assert times("Der Verlag der Daily Mail prüft den Kauf.") == []
    assert times("Der 15-Jährige blieb unverletzt.") == []
    assert one("Eine dreijährige Förderung beginnt.", "dreijährige").value == "P3Y"


def test_weekday_picks_the_year_only_for_far_away_dates() -> None:
    # 12 May 2016 is a Thursday; published in March 2016 the listing means 2016
    far = one("Die Sendung läuft am Donnerstag, 12. Mai, im Ersten.", "Donnerstag", "2016-03-01")
    assert (far.value, far.weekday) == ("2016-05-12", 3)
    # close to the publication date the year stays, so a wrong weekday stays visible
    near = one("Die Sendung lief am Donnerstag, 4. Juli, im Ersten.", "Donnerstag", "2025-07-14")
    assert (near.value, near.weekday) == ("2025-07-04", 3)


def test_impossible_dates_are_dropped_and_never_crash() -> None:
    later = one("Die Frist endete am 31.02.2025, zwei Tage später kam der Brief.", "später", None)
    assert later.value == "XXXX-XX-XX"  # no valid date to count from, no publication day
    assert [t.value for t in times("Die Frist endete am 31.02.2025.")] == []
    assert times("") == []
    values("Am 1. Januar 1 n. Chr. und einen Tag zuvor.")  # must not raise


# ---- tense of relative days (issue 12, item 8) ---------------------------------------

@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        # published Wednesday 11 March 2026
        ("Die Gewerkschaft streikt ab Donnerstag an allen Flughäfen.", "Donnerstag", "2026-03-12"),
        ("Der Ausstand dauert bis Freitag.", "Freitag", "2026-03-13"),
        ("Am Donnerstag hatte die Polizei den Mann festgenommen.", "Donnerstag", "2026-03-05"),
        ("Die Fähre lief am Donnerstag in Husum ein und blieb dort.", "Donnerstag", "2026-03-05"),
        ("Ab Donnerstag hatten die Piloten gestreikt.", "Donnerstag", "2026-03-05"),
    ],
)
def test_weekday_direction_follows_tense_and_preposition(text: str, needle: str, value: str) -> None:
    assert one(text, needle, "2026-03-11").value == value


def test_anaphoric_day_without_an_earlier_date_stays_unresolved() -> None:
    # "einen Tag später" counts from an event, not from the publication date (seed 002)
    t = one("Es ist ein heikles Thema, denn nur einen Tag später folgte ein Telefonat.", "Tag später")
    assert t.value == "XXXX-XX-XX"
    t = one("Der Kapitän meldete sich am 3. Juli. Nur einen Tag später folgte ein Telefonat.", "Tag später")
    assert t.value == "2025-07-04"


def test_rule_registry_is_built_once_in_module_order() -> None:
    from lagebild.extract import timex_rules

    built = timex_rules.rules()
    assert built is timex_rules.rules()  # compiled once, on first use
    modules = [build.__module__ for _, build in built]
    assert modules == sorted(modules, key=timex_rules.RULE_MODULES.index)  # dates before relative
    assert set(modules) == set(timex_rules.RULE_MODULES)


def test_a_weekday_that_closes_a_range_falls_after_its_start() -> None:
    # published on a Monday: the strike runs from Wednesday to the NEXT Monday
    text = "The walkout is due to start on Wednesday and last until 1800 GMT on Monday."
    assert [t.value for t in find_times(text, [], "2031-03-03", "en")] == ["2031-03-05", "2031-03-10"]
    text = "Gestreikt wird von Mittwoch bis Montag."
    assert [t.value for t in find_times(text, [], "2031-03-03")] == ["2031-03-05", "2031-03-10"]


def test_a_clock_time_written_before_its_day_takes_that_day() -> None:
    text = "The stoppage is due to begin at 3:00 am (0200 GMT) on Thursday."
    assert [t.value for t in find_times(text, [], "2031-03-03", "en")] == ["2031-03-06T03:00", "2031-03-06"]
    text = "Der Zug wird um 14 Uhr am Donnerstag abfahren."
    assert find_times(text, [], "2031-03-03")[0].value == "2031-03-06T14:00"
