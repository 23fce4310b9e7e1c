"""Page furniture seen on real scraped pages (realnews_dev) is removed with its reason, and
a place dateline glued before the first paragraph is stripped (lagebild.text.boilerplate)."""

from __future__ import annotations

import pytest

from lagebild.models import RawArticle
from lagebild.text.boilerplate import WHY, classify_lines
from lagebild.text.clean import clean_article

BODY = "Die Lokführergewerkschaft hat ihre Mitglieder am Montag zu einem weiteren Streik aufgerufen."


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("1. Skip to content", WHY.NAVIGATION),
        ("Zum Inhalt springen", WHY.NAVIGATION),
        ("loading", WHY.NAVIGATION),
        ("Messages are loaded...", WHY.NAVIGATION),
        ("[Source: BBC]", WHY.BYLINE),
        ("Por EFE", WHY.BYLINE),
        ("By John", WHY.BYLINE),
        ("AP Aerospace Writer", WHY.BYLINE),
        ("Jared Reed | Michaela Küfner", WHY.BYLINE),
        ("GDL-Streik (Archiv), via dts Nachrichtenagentur", WHY.CAPTION),
        ("Olaf Scholz (Archiv)", WHY.CAPTION),
        ("Hannover (dpa/lni) –", WHY.DATELINE),
        ("Publicado por Agències Creado: Actualizado:", WHY.DATELINE),
    ],
)
def test_furniture_lines(line: str, why: str) -> None:
    assert classify_lines([line, BODY])[0].why == why


@pytest.mark.parametrize(
    "line",
    [
        "Von Anfang an war klar, dass der Streik kommen würde, sagte ein Sprecher der Bahn am Montag.",
        "Kretschmer: 'We have every reason to celebrate'",
        "Die Ladung (Archiv) des Schiffes wurde gestern in Hamburg gelöscht, teilte die Reederei mit.",
        "Loading bays at the port were closed on Monday after the strike began early in the morning.",
    ],
)
def test_news_lines_stay(line: str) -> None:
    assert classify_lines([line, BODY])[0].why is None


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("München. Aufgrund des Hochwassers haben am Sonntag zwölf Landkreise den Katastrophenfall ausgerufen.", "München."),
        ("Frankfurt am Main. Der Drei-Tage-Streik der Lokführer hat am Mittwoch den Verkehr lahmgelegt.", "Frankfurt am Main."),
        ("BERLÍN.- Un bombero ha muerto en Baviera a consecuencia de las inundaciones del fin de semana.", "BERLÍN.-"),
        ("Frankfurt (Reuters) - Alle Währungshüter der EZB haben für die Senkung des Leitzinses gestimmt.", "Frankfurt (Reuters) -"),
    ],
)
def test_place_dateline_is_stripped(line: str, prefix: str) -> None:
    v = classify_lines(["Eine Überschrift ohne Punkt", line])[1]
    assert v.why is None
    assert (v.stripped, v.stripped_why) == (prefix, WHY.DATELINE)
    assert v.text == line[len(prefix):].strip()


@pytest.mark.parametrize(
    "line",
    [
        "Gen. Milley said the troops would stay in the region for at least another year, officials said.",
        "Berlin ist die Hauptstadt und hat mehr als drei Millionen Einwohner in zwölf Bezirken.",
        "Dr. Müller sagte am Montag, die Lage habe sich in der Nacht weiter verschärft und bleibe ernst.",
    ],
)
def test_no_dateline_no_strip(line: str) -> None:
    v = classify_lines(["Eine Überschrift ohne Punkt", line])[1]
    assert v.stripped is None and v.text == line


def test_credit_glued_before_the_headline() -> None:
    raw = RawArticle(id="a", text="AP Photo/Michael Probst Alle Räder stehen still: Gleise am Hauptbahnhof\n" + BODY)
    cleaned = clean_article(raw)
    assert cleaned.title == "Alle Räder stehen still: Gleise am Hauptbahnhof"
    assert any(r.why == WHY.PHOTO and "AP Photo" in r.text for r in cleaned.removed)
