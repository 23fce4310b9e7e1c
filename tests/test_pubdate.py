"""Publication dates from datelines, glued prefixes and dated statements (fictional text)."""

from __future__ import annotations

import pytest

from lagebild.models import RawArticle
from lagebild.text.clean import clean_article
from lagebild.text.pubdate import dateline_date, find_dates, latest_text_date, prefix_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("14.07.2025 Deutschland", "2025-07-14"),
        ("Montag, 14. Juli 2025, 10:32 Uhr", "2025-07-14"),
        ("Stand: 03.07.2025 19:24 Uhr", "2025-07-03"),
        ("Veröffentlicht am 3. März 2024", "2024-03-03"),
        ("July 14, 2025", "2025-07-14"),
        ("Published 2025-07-14T10:00", "2025-07-14"),
        ("14 de julio de 2025", "2025-07-14"),
        ("Musterstadt, 1. Mai 2023", "2023-05-01"),
    ],
)
def test_datelines(line: str, iso: str) -> None:
    assert dateline_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "am 03.07.2025 sprach der Bürgermeister mit den Anwohnern",
        "Die Wahl vom 14.07.2025 brachte ein knappes Ergebnis für die Regierungspartei.",
        "Zwischen 01.07.2025 und 03.07.2025",
        "1237 Tag seit der Invasion",
        "31.02.2025 Musterland",  # no such day
    ],
)
def test_not_datelines(line: str) -> None:
    assert dateline_date(line) is None


def test_prefix_date() -> None:
    assert prefix_date(" date 2025-07 Donald Muster hat ...".strip()) == (
        "date 2025-07", "2025-07", "Donald Muster hat ...",
    )
    assert prefix_date("date 2025-07-14 Text") == ("date 2025-07-14", "2025-07-14", "Text")
    assert prefix_date("Datum 2025-13 Text") is None
    assert prefix_date("Dates are important.") is None


def test_find_dates_formats_and_day_first() -> None:
    text = (
        "Am 03.07.2025 um 19:24 Uhr, am 4. Juli 2025, am 2025-07-05, on July 6, 2025, "
        "el 7 de julio de 2025 y el 08/07/2025."
    )
    assert [iso for _, _, iso in find_dates(text)] == [
        "2025-07-03", "2025-07-04", "2025-07-05", "2025-07-06", "2025-07-07", "2025-07-08",
    ]
    # English slash dates are month-first unless the first number cannot be a month
    assert find_dates("on 07/08/2025", "en")[0][2] == "2025-07-08"
    assert find_dates("on 13/08/2025", "en")[0][2] == "2025-08-13"
    for s, e, _ in find_dates(text):
        assert text[s:e][0].isalnum()


def test_latest_text_date_is_a_lower_bound() -> None:
    text = "Bereits am 1. Juli 2025 hatte es Gespräche gegeben. Am 03.07.2025 folgte das Telefonat."
    assert latest_text_date(text) == "2025-07-03"
    assert latest_text_date("Die Reform gilt seit Juli 2025.") == "2025-07"
    assert latest_text_date("Im Jahr 2025 wurde viel gebaut.") is None
    assert latest_text_date("Im Jahr 1850 wurde die Stadt am 1. Mai 1850 gegründet.") is None


def test_article_date_sources_in_order() -> None:
    body = "Am 03.07.2025 sprach der Bürgermeister mit den Anwohnern über die Brücke."
    c = clean_article(RawArticle(id="a", text="14.07.2025 Musterland\n" + body))
    assert (c.published, c.published_from) == ("2025-07-14", "text")
    assert [(r.text, r.why) for r in c.removed] == [("14.07.2025 Musterland", "dateline")]
    c = clean_article(RawArticle(id="b", text=body))
    assert (c.published, c.published_from) == ("2025-07-03", "text")
    c = clean_article(RawArticle(id="c", text="Der Bürgermeister sprach mit den Anwohnern."))
    assert (c.published, c.published_from) == (None, "unknown")
    c = clean_article(RawArticle(id="d", text=body, published="2025-07-04"))
    assert (c.published, c.published_from) == ("2025-07-04", "input")


def test_dates_in_removed_footers_do_not_count() -> None:
    text = (
        "Der Bürgermeister sprach am 03.07.2025 mit den Anwohnern über die neue Brücke.\n"
        "Copyright © 2025 Musterverlag – im Sinne des Gesetzes Nr. 62 vom 07.09.2025."
    )
    c = clean_article(RawArticle(id="f", text=text))
    assert c.published == "2025-07-03"
