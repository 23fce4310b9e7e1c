"""Wire-report style: a clock time with its zone is no year (lang.calendar.CLOCK_AFTER_RE),
and neither a dateline's date nor a time zone is an entity."""

from __future__ import annotations

from typing import Any

from lagebild.extract.entities import find_mentions
from lagebild.extract.times import find_times
from lagebild.text.sentences import split_sentences


def test_a_clock_time_with_its_zone_is_no_year() -> None:
    """"until 1700 GMT on Monday" (an AFP strike report) is a clock time, not the year 1700."""
    got = [(t.text, t.value) for t in find_times("The strike will last until 1700 GMT on Monday.", (), "2024-01-22", "en")]
    assert ("1700", "1700") not in got
    assert [v for _, v in got] == ["2024-01-22"]
    assert find_times("Der Zug fährt um 1700 Uhr.", (), "2024-01-22", "de") == []
    assert [t.value for t in find_times("The war lasted until 1700.", (), None, "en")] == ["1700"]


def test_dateline_date_and_time_zone_are_no_entities() -> None:
    text = (
        "FRANKFURT, Germany, Jan 22, 2024 (AFP) – German train drivers will hold a six-day strike this week, "
        "the GDL union said. The strike is due to start at 2:00 am (0100 GMT) on Wednesday and last until "
        "1700 GMT on Monday."
    )
    got = {(m.text, m.type) for m in find_mentions(text, split_sentences(text, "en"), "en")}
    assert not any(t.startswith("Jan") for t, _ in got)
    assert not any(t == "GMT" for t, _ in got)
    assert ("GDL", "ORG") in got
    german = "Jan Böhmermann sagte am 3. Mai in Köln, er komme wieder."
    assert ("Jan Böhmermann", "PER") in {(m.text, m.type) for m in find_mentions(german, split_sentences(german, "de"), "de")}


def test_german_parties_are_one_entity_across_languages() -> None:
    en = "The Christian Democrats won in Saxony, ahead of Alternative for Germany. The Greens and the Left Party lost."
    got = {(m.text, m.type, m.entity) for m in find_mentions(en, split_sentences(en, "en"), "en")}
    assert {("Christian Democrats", "ORG", "CDU"), ("Alternative for Germany", "ORG", "AfD"),
            ("Greens", "ORG", "Grüne"), ("Left Party", "ORG", "Linke")} <= got
    de = "Die Grünen und die Linke verlieren."
    assert {m.entity for m in find_mentions(de, split_sentences(de, "de"), "de")} == {"Grüne", "Linke"}


def test_a_role_alone_is_no_entity() -> None:
    text = "Minister President Michael Kretschmer said it would not be easy."
    assert [m.text for m in find_mentions(text, split_sentences(text, "en"), "en")] == ["Michael Kretschmer"]


def test_a_role_phrase_in_the_dative_is_no_speaker_name() -> None:
    from lagebild.compare.quotes import _speaker_name
    from lagebild.models import Quote, Speaker

    def quote(phrase: str) -> Quote:
        return Quote(0, 5, "x", "indirect", Speaker(0, len(phrase), phrase, None))

    assert _speaker_name(quote("Dem Bahnsprecher")) is None
    assert _speaker_name(quote("Des Innenministeriums")) is None
    assert _speaker_name(quote("Maik Brandhorst")) == "Maik Brandhorst"


def test_a_given_name_alone_joins_the_one_full_name() -> None:
    from lagebild.extract.entity_merge import merge_entities
    from lagebild.models import Mention

    ms = [Mention(0, 4, "Elon", "PER", "Elon"), Mention(5, 14, "Elon Musk", "PER", "Elon Musk"),
          Mention(20, 30, "Elon Musks", "PER", "Elon Musks")]
    got = merge_entities({"a": ms})
    assert [(e.name, e.mentions) for e in got] == [("Elon Musk", 3)]
    # two full names with that given name: the bare one stays apart
    two = [*ms, Mention(40, 51, "Elon Fisher", "PER", "Elon Fisher")]
    assert {e.name for e in merge_entities({"a": two})} == {"Elon", "Elon Musk", "Elon Fisher"}


def test_a_rank_is_no_count() -> None:
    from lagebild.lang.numbers import is_rank_noun

    assert all(is_rank_noun(w) for w in ("Platz", "Plätze", "place", "puesto", "Rang"))
    assert not any(is_rank_noun(w) for w in ("Zinssenkung", "strike", "Platzverweis", "Rangliste", None))


def test_two_ordinals_are_no_count_conflict() -> None:
    """"die ersten beiden Testflüge" / "the third test flight" name two instances; a count
    against a count of the same thing still conflicts."""
    from lagebild.compare.contra_counts import count_conflicts
    from lagebild.embed import Embedder
    from lagebild.models import RawArticle
    from lagebild.pipeline import prepare_article, raw_hash

    def article(aid: str, text: str, language: str) -> Any:
        raw = RawArticle(id=aid, text=text, outlet=aid, language=language)
        return prepare_article(raw, raw_hash(raw))

    ordinals = [
        article("a", "Schon die ersten beiden Testflüge der Rakete waren mit Explosionen zu Ende gegangen.", "de"),
        article("b", "The third test flight of the rocket ended with an explosion over the ocean.", "en"),
    ]
    found, _ = count_conflicts(ordinals, Embedder(), lambda a: a, lambda a: a)
    assert found == []
    counts = [
        article("c", "Beim Unglück in der Stadt starben nach Angaben der Polizei zwölf Menschen.", "de"),
        article("d", "Beim Unglück in der Stadt starben nach Angaben der Polizei zwanzig Menschen.", "de"),
    ]
    found, _ = count_conflicts(counts, Embedder(), lambda a: a, lambda a: a)
    assert found


def test_a_list_of_results_is_no_contradiction() -> None:
    """One outlet leads with the Greens' share, another with the SPD's and gives the Greens'
    too: the same statement, no different figure (fictional Landtag results)."""
    texts = {
        "a": "Bei der Landtagswahl in Kranwerth fallen die Grünen mit 3,2 Prozent aus dem Landtag, ebenso die FDP, "
             "die nur noch auf 1,1 Prozent kommt. Die Wahlbeteiligung lag bei 70 Prozent.",
        "b": "Bei der Landtagswahl in Kranwerth schaffte die SPD mit 6,1 Prozent den Einzug in den Landtag, nicht "
             "aber die Grünen, die nur 3,2 Prozent erreichten. Die Wahlbeteiligung lag bei 70 Prozent.",
    }
    doc = _dossier_of(texts)
    assert not [c for c in doc["contradictions"] if "3,2" in c["explanation"]]


def test_a_claim_listing_shares_has_no_first_figure() -> None:
    """Two outlets list party shares in another order: the first share of each is no value
    of one statement (fictional Landtag results)."""
    texts = {
        "a": "Bei der Landtagswahl in Kranwerth kam die AfD auf 27,5 Prozent, die Linken erreichten 10,5 und "
             "die Grünen 8,3 Prozent. Die Wahlbeteiligung lag bei 70 Prozent.",
        "b": "Bei der Landtagswahl in Kranwerth kam die Linkspartei auf 10,4 Prozent, die Grünen erreichten "
             "8,6 Prozent. Die Wahlbeteiligung lag bei 70 Prozent.",
    }
    doc = _dossier_of(texts)
    assert not [c for c in doc["contradictions"] if "27,5" in c["explanation"]]


def test_a_place_after_in_is_not_the_speaker() -> None:
    from lagebild.extract.quotes import find_quotes

    text = ("Nach knapp neun Monaten verringern die Währungshüter den Einlagenzins um 0,25 Prozentpunkte. "
            "Das teilte die Notenbank in Frankfurt am Main mit.")
    sentences = split_sentences(text, "de")
    quotes = find_quotes(text, sentences, find_mentions(text, sentences, "de"), "de")
    assert quotes and quotes[0].speaker is not None
    assert quotes[0].speaker.text.startswith("die Notenbank")
    assert quotes[0].speaker.entity != "Frankfurt"


def test_a_name_with_its_kind_of_place_is_a_place() -> None:
    text = "Lessons have been learnt from the Ahr Valley, where the floods hit hardest. The water of Lake Constance rose too."
    got = {(m.text, m.type) for m in find_mentions(text, split_sentences(text, "en"), "en")}
    assert ("Ahr Valley", "LOC") in got
    assert ("Lake Constance", "LOC") in got


def _dossier_of(texts: dict[str, str]) -> Any:
    """The checked dossier of one story of German reports (id -> text), one outlet each."""
    from lagebild.dossier import build_dossier, checked_dict
    from lagebild.embed import Embedder
    from lagebild.extract import extract_article
    from lagebild.models import RawArticle
    from lagebild.pipeline import prepare_article, raw_hash

    arts = []
    for aid, text in texts.items():
        raw = RawArticle(id=aid, text=text, outlet=f"outlet-{aid}", language="de", published="2026-09-01")
        arts.append(prepare_article(raw, raw_hash(raw)))
    return checked_dict(build_dossier("s", arts, {a.id: extract_article(a) for a in arts}, Embedder()))
