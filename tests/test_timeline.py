"""Story timeline: dated events with supporting sentences, merged across outlets (fictional)."""

from __future__ import annotations

import re

from lagebild.compare.timeline import build_timeline
from lagebild.extract.times import find_times
from lagebild.models import Article, Ref, Sentence


def article(aid: str, text: str, published: str | None, outlet: str) -> Article:
    """An Article whose sentences end at ". " before a capital (not after a day number)."""
    sentences: list[Sentence] = []
    pos = 0
    for m in [*re.finditer(r"(?<=[^\d\s][.!?])\s+(?=[A-ZÄÖÜ])|\n", text), None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            sentences.append(Sentence(len(sentences), text[pos:end], pos, end))
        pos = m.end() if m else len(text)
    return Article(id=aid, text=text, published=published, outlet=outlet,
                   sentences=tuple(sentences))


A = article(
    "kurier",
    "12.05.2025 Nordstadt\n"
    "Die Fähre Möwe kollidierte am 10. Mai 2025 um 06:15 Uhr mit einem Frachter vor Husum. "
    "Zwei Tage zuvor hatte der Hafenmeister vor Nebel gewarnt. "
    "Der Reederei zufolge dauerte die Bergung fast eine Stunde. "
    "Die Reederei fährt jeden Montag nach Helgoland.",
    "2025-05-12",
    "Kurier",
)
B = article(
    "bote",
    "Vor Husum ist am Samstag die Fähre Möwe mit einem Frachter kollidiert. "
    "Im März hatte die Fähre eine neue Besatzung bekommen. "
    "Die Reederei will den Betrieb nächsten Monat wieder aufnehmen.",
    "2025-05-12",
    "Bote",
)


def timeline() -> list:
    arts = [A, B]
    times = {a.id: find_times(a.text, a.sentences, a.published, "de") for a in arts}
    return build_timeline(arts, times)


def test_same_event_from_two_outlets_is_one_entry() -> None:
    tl = timeline()
    collision = [e for e in tl if e.date == "2025-05-10"]
    assert len(collision) == 1
    entry = collision[0]
    assert set(entry.support) == {Ref("kurier", 1), Ref("bote", 0)}
    assert entry.time == "06:15"
    # the text is one real sentence of the support, never composed
    texts = {A.sentences[1].text, B.sentences[0].text}
    assert entry.text in texts


def test_entries_are_chronological_and_point_at_real_sentences() -> None:
    tl = timeline()
    assert [e.date for e in tl] == sorted(e.date for e in tl)
    assert [e.date for e in tl] == ["2025-03", "2025-05-08", "2025-05-10", "2025-06"]
    by_id = {"kurier": A, "bote": B}
    for e in tl:
        assert e.support == tuple(sorted(e.support))
        for ref in e.support:
            assert by_id[ref.article].sentences[ref.sentence].text
        assert any(e.text == by_id[r.article].sentences[r.sentence].text for r in e.support)


def test_durations_sets_and_datelines_are_left_out() -> None:
    tl = timeline()
    texts = " ".join(e.text for e in tl)
    assert "Bergung" not in texts  # a duration
    assert "Helgoland" not in texts  # a set
    assert not any(e.date == "2025-05-12" for e in tl)  # the dateline "12.05.2025 Nordstadt"


def test_unresolved_dates_do_not_enter_the_timeline() -> None:
    c = article("blatt", "Am Donnerstag tagte der Kreistag in Husum lange.", None, "Blatt")
    times = {"blatt": find_times(c.text, c.sentences, None)}
    assert times["blatt"][0].value == "XXXX-WXX-4"
    assert build_timeline([c], times) == []


def test_different_events_on_one_day_stay_apart() -> None:
    c = article(
        "blatt",
        "Am 10. Mai 2025 kollidierte die Fähre Möwe vor Husum mit einem Frachter. "
        "Am 10. Mai 2025 eröffnete in Flensburg ein Museum für Stadtgeschichte.",
        None,
        "Blatt",
    )
    times = {"blatt": find_times(c.text, c.sentences, None)}
    tl = build_timeline([c], times)
    assert len(tl) == 2 and all(e.date == "2025-05-10" for e in tl)


def test_an_article_dated_only_by_a_background_date_takes_the_story_day() -> None:
    # zawya.com's ECB report (realnews_dev) had no date; the cleaner took "since September
    # 2023" as its lower bound, and "this year" became 2023 in a story of June 2024
    from lagebild.compare.timeline import timeline_times

    text = "Rates have been at 4% since September 2030. Staff see inflation at 2.5% this year."
    sents = (Sentence(0, text[:43], 0, 43, "en"), Sentence(1, text[44:], 44, len(text), "en"))
    b = Article("b", text, published="2030-09", published_from="text", language="en", sentences=sents)
    a = Article("a", "Die Notenbank senkte die Zinsen.", published="2031-06-05", published_from="input",
                language="de")
    times = {"a": [], "b": find_times(text, sents, b.published, "en")}
    assert [t.value for t in times["b"]] == ["2030-09", "2030"]
    assert [t.value for t in timeline_times([a, b], times)["b"]] == ["2030-09", "2031"]
    # without a dated sibling the article keeps its own times
    assert timeline_times([b], times)["b"] == times["b"]
