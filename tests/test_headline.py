"""Story titles name the news, not page furniture (lagebild.text.headline, dossier.story_title)."""

from __future__ import annotations

import pytest

from lagebild.dossier import story_title
from lagebild.models import Article, Sentence
from lagebild.text.headline import HEADLINE_MAX_CHARS, article_headline, quotation_only, usable_headline


def _article(aid: str, title: str | None, sentences: list[str], published: str | None = None, language: str = "de") -> Article:
    text = "\n".join(sentences)
    sents, at = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, s, at, at + len(s)))
        at += len(s) + 1
    return Article(
        aid, text, title=title, url=f"https://example.org/{aid}", outlet="example.org",
        published=published, language=language, sentences=tuple(sents),
    )


@pytest.mark.parametrize(
    "line",
    [
        "HQ",
        "München.",
        "Kostenloses Trinkwasser",
        "Hannover (dpa/lni) –",
        "[Source: BBC]",
        "Publicado por Agències Creado: Actualizado:",
        "+++ Update folgt +++",
        "Feuerwehr-Auto (Archiv), via dts Nachrichtenagentur",
        "Sendung: Bayern 2 Nachrichten, 02.06.2024 09:00 Uhr",
        "Foto: picture alliance / dpa / Kay Nietfeld",
        "Von Max Mustermann und Erika Musterfrau",
        "",
        None,
    ],
)
def test_furniture_is_no_headline(line: str | None) -> None:
    assert usable_headline(line) is None


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("EZB senkt erneut Leitzins", "EZB senkt erneut Leitzins"),
        ("AP Photo/Michael Probst Alle Räder stehen still", "Alle Räder stehen still"),
        ("Getty Images Elon Musks Rakete Starship", "Elon Musks Rakete Starship"),
        ("Literaturnobelpreis für Jon Fosse", "Literaturnobelpreis für Jon Fosse"),
        ("+++ Besucher trinken 7,5 Millionen Liter Bier +++", "Besucher trinken 7,5 Millionen Liter Bier"),
        ("Kretschmer: 'We have every reason to celebrate'", "Kretschmer: 'We have every reason to celebrate'"),
        ("Muere bombero intentaba rescatar familia en las inundaciones", "Muere bombero intentaba rescatar familia en las inundaciones"),
    ],
)
def test_headlines_stand(line: str, shown: str) -> None:
    assert usable_headline(line) == shown


def test_long_sentence_is_cut_at_a_word() -> None:
    words = " ".join(["Hochwasser"] * 40) + "."
    got = usable_headline(words)
    assert got is not None and len(got) <= HEADLINE_MAX_CHARS + 2 and got.endswith(" …")
    assert "Hochwasse …" not in got


def test_article_headline_falls_back_to_the_lead() -> None:
    a = _article("a", None, ["München.", "Aufgrund des Hochwassers haben mehrere Landkreise den Katastrophenfall ausgerufen."])
    assert article_headline(a) == (1, "Aufgrund des Hochwassers haben mehrere Landkreise den Katastrophenfall ausgerufen.")
    b = _article("b", "[Source: BBC]", ["The Olympics opened in Paris in spectacular style."], language="en")
    assert article_headline(b) == (1, "The Olympics opened in Paris in spectacular style.")
    c = _article("c", "HQ", ["HQ", "Kurz."])
    assert article_headline(c) is None


def test_story_title_prefers_a_headline_that_stands() -> None:
    early = _article("a1", None, ["HQ", "Soeben erreicht uns die Nachricht aus Stockholm."], "2025-10-09")
    late = _article("a2", "Literaturnobelpreis geht an einen ungarischen Autor", ["Die Akademie gab es bekannt."], "2025-10-10")
    assert story_title([early, late]) == "Literaturnobelpreis geht an einen ungarischen Autor"
    # the earliest article still wins among those with a headline of their own
    earlier = _article("a0", "Nobelpreis für Literatur vergeben", ["Die Akademie gab es bekannt."], "2025-10-08")
    assert story_title([early, late, earlier]) == "Nobelpreis für Literatur vergeben"


def test_story_title_when_nothing_stands() -> None:
    only = _article("a1", "HQ", ["Kurz."], "2025-10-09")
    assert story_title([only]) == "HQ"


@pytest.mark.parametrize(("title", "bare"), [
    ("Gutachterin: „Das Wasser kam zu schnell“", True),
    ("„Wir bauen neu auf“", True),
    ('Bürgermeister Jan Orth: "Wir bleiben"', True),
    ("Hochwasser in Kranwerth: Gutachterin spricht von „Jahrhundertflut“", False),
    ("Flut in Kranwerth: Die Deiche hielten nicht", False),
    ("„Jahrhundertflut“ trifft Kranwerth", False),
])
def test_quotation_only(title: str, bare: bool) -> None:
    assert quotation_only(title) is bare


def test_story_title_passes_over_a_bare_quotation() -> None:
    quote = _article("a1", "Gutachterin: „Das Wasser kam zu schnell“",
                     ["Die Deiche von Kranwerth hielten dem Hochwasser nicht stand."], "2025-03-01")
    news = _article("a2", "Hochwasser: Deiche von Kranwerth brechen", ["Die Stadt ruft den Notstand aus."], "2025-03-02")
    assert article_headline(quote) == (1, "Die Deiche von Kranwerth hielten dem Hochwasser nicht stand.")
    assert story_title([quote, news]) == "Hochwasser: Deiche von Kranwerth brechen"
    # nothing else stands: the quotation is still the story's title, before a label
    alone = _article("a3", "Gutachterin: „Das Wasser kam zu schnell“", ["HQ", "Kurz."], "2025-03-01")
    label = _article("a4", "HQ", ["Kurz."], "2025-02-28")
    assert story_title([alone, label]) == "Gutachterin: „Das Wasser kam zu schnell“"
