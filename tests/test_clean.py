"""Cleaning of scraped plain text and HTML: what goes, what stays, and why (fictional fixtures)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.models import RawArticle
from lagebild.text.boilerplate import WHY, classify_lines
from lagebild.text.clean import Cleaned, clean_article

GERMAN_SCRAPE = """\
Home Nachrichten Neue brücke über den musterfluss eröffnet
Nachrichten

Neue brücke über den musterfluss eröffnet

Share
Share

Von Erika Musterfrau

Die neue Brücke über den Musterfluss ist am Dienstag nach drei Jahren Bauzeit eröffnet worden. Bürgermeisterin Anna Beispiel sprach von einem großen Tag für die Stadt.

Kosten höher als geplant

Die Baukosten lagen mit zwölf Millionen Euro deutlich über der ursprünglichen Schätzung. „Wir haben lange darauf gewartet“, sagte Beispiel bei der Feier.

Share
Related Articles
Nachrichten

Feuerwehr rettet katze aus dem rathausturm

Die Freiwillige Feuerwehr Musterstadt musste am Wochenende zu einem ungewöhnlichen Einsatz...

Nachrichten

Stadtrat beschließt neuen haushalt für das kommende jahr

Der Stadtrat hat nach langer Debatte den Haushalt für das kommende Jahr verabschiedet, der...

Immer aktuell: Nachrichten, Sport und Kultur aus Musterstadt in Echtzeit.

Infos & Mitteilungen

Hinweise senden Sie eine E-Mail an: redaktion@musterstaedter-bote.example

Copyright © 2024 Musterstädter Bote GmbH – Alle Rechte vorbehalten.
"""

CAPTION_SCRAPE = """\
12.03.2024 Musterland
412 Tage seit dem verheerenden Unwetter im Süden

Minister verspricht schnelle Hilfe für die Flutopfer (Video)

Der Innenminister hat den Betroffenen des Hochwassers schnelle und unbürokratische Hilfe zugesagt.

Jonas Beispielmann
Karla Muster
Karla Muster
Foto: Musterland Presseamt, CC BY 4.0

Die Ministerin Karla Muster besuchte am Montag die zerstörten Straßen der Altstadt. Sie sprach mit Anwohnern und Helfern.
"""

TAIL_LABELS = """\
Verwandte Videos:
Die Bahnstrecke zwischen Musterstadt und Beispielheim bleibt bis Ende Mai gesperrt. Grund sind Schäden an einer Brücke, teilte die Bahn mit.
Die Sanierung soll rund vier Millionen Euro kosten.
Archiviert unter:
"""

ENGLISH_SCRAPE = """\
Share this article
By Jane Doe
City council approves new bridge

The city council of Exampleton approved the construction of a new bridge on Tuesday. The vote was seven to two.
Advertisement
Photo: Exampleton City Press Office
Read more: Exampleton mayor announces re-election bid
Construction is expected to start in the spring and to take about two years, the mayor said.
We use cookies to improve your experience. By continuing you accept our use of cookies.
Sign up for our newsletter to get the latest news every morning.
"""

SPANISH_SCRAPE = """\
Compartir
Por Juan Pérez
El ayuntamiento de Villaejemplo aprueba un nuevo puente

El pleno del ayuntamiento de Villaejemplo aprobó el martes la construcción de un nuevo puente sobre el río Ejemplo.
Publicidad
Lea también: El alcalde de Villaejemplo presenta su candidatura
Foto: Archivo Villaejemplo
Las obras comenzarán en primavera y durarán unos dos años, según explicó el alcalde.
"""

REAL_LINES = [
    "Neue Brücke über den Musterfluss eröffnet",
    "Russlands standpunkt zu den zielen im musterkrieg",
    "412 Tage seit dem verheerenden Unwetter im Süden",
    "Die neue Brücke ist am Dienstag nach drei Jahren Bauzeit eröffnet worden.",
    "„Wir haben lange darauf gewartet“, sagte die Bürgermeisterin bei der Feier.",
    "Die Baukosten lagen mit zwölf Millionen Euro über der ursprünglichen Schätzung.",
    "Kosten höher als geplant",
    "Sie sprach mit Anwohnern und Helfern über den Wiederaufbau der Altstadt.",
]
BOILERPLATE_LINES = [
    "Share", "Related Articles", "Nachrichten", "Foto: Musterland Presseamt", "Karla Muster",
    "Jonas Beispielmann", "Verwandte Videos:", "Archiviert unter:", "Anzeige",
    "Copyright © 2024 Musterstädter Bote", "Infos & Mitteilungen", "12.03.2024 Musterland",
    "Die Feuerwehr musste zu einem ungewöhnlichen Einsatz...", "Von Erika Musterfrau",
    "Home Nachrichten Neue brücke eröffnet", " date 2024-03 Die Stadt feiert ihre Brücke.",
    "Hinweise senden Sie eine E-Mail an: info@bote.example",
]


def _why(c: Cleaned) -> dict[str, str]:
    return {r.text: r.why for r in c.removed}


def test_german_scrape_removes_each_kind_with_reason() -> None:
    c = clean_article(RawArticle(id="g", text=GERMAN_SCRAPE))
    why = _why(c)
    assert why["Home Nachrichten Neue brücke über den musterfluss eröffnet"] == WHY.NAVIGATION
    assert why["Nachrichten"] == WHY.NAVIGATION
    assert why["Share"] == WHY.SHARE
    assert why["Von Erika Musterfrau"] == WHY.BYLINE
    assert why["Related Articles"] == WHY.RELATED
    assert why["Feuerwehr rettet katze aus dem rathausturm"] == WHY.RELATED
    assert why[
        "Die Freiwillige Feuerwehr Musterstadt musste am Wochenende zu einem ungewöhnlichen Einsatz..."
    ] == WHY.RELATED
    assert why["Stadtrat beschließt neuen haushalt für das kommende jahr"] == WHY.RELATED
    assert why["Immer aktuell: Nachrichten, Sport und Kultur aus Musterstadt in Echtzeit."] == WHY.SLOGAN
    assert why["Infos & Mitteilungen"] == WHY.CONTACT
    assert why["Hinweise senden Sie eine E-Mail an: redaktion@musterstaedter-bote.example"] == WHY.CONTACT
    assert why["Copyright © 2024 Musterstädter Bote GmbH – Alle Rechte vorbehalten."] == WHY.COPYRIGHT
    lines = c.text.split("\n")
    assert lines == [
        "Neue brücke über den musterfluss eröffnet",
        "Die neue Brücke über den Musterfluss ist am Dienstag nach drei Jahren Bauzeit eröffnet "
        "worden. Bürgermeisterin Anna Beispiel sprach von einem großen Tag für die Stadt.",
        "Kosten höher als geplant",
        "Die Baukosten lagen mit zwölf Millionen Euro deutlich über der ursprünglichen Schätzung. "
        "„Wir haben lange darauf gewartet“, sagte Beispiel bei der Feier.",
    ]
    assert c.title == "Neue brücke über den musterfluss eröffnet"
    assert c.language == "de"


def test_captions_bylines_credits_dateline_and_banner() -> None:
    c = clean_article(RawArticle(id="c", text=CAPTION_SCRAPE))
    why = _why(c)
    assert why["12.03.2024 Musterland"] == WHY.DATELINE
    assert why["Jonas Beispielmann"] == WHY.BYLINE
    assert why["Karla Muster"] == WHY.CAPTION
    assert why["Foto: Musterland Presseamt, CC BY 4.0"] == WHY.PHOTO
    assert why["(Video)"] == WHY.VIDEO
    assert sum(r.text == "Karla Muster" for r in c.removed) == 2
    # the banner statement and the headline stay; the headline loses only "(Video)"
    assert "412 Tage seit dem verheerenden Unwetter im Süden" in c.text.split("\n")
    assert "Minister verspricht schnelle Hilfe für die Flutopfer" in c.text.split("\n")
    assert c.title == "Minister verspricht schnelle Hilfe für die Flutopfer"
    assert c.published == "2024-03-12" and c.published_from == "text"
    # the name inside a real sentence is untouched
    assert "Die Ministerin Karla Muster besuchte" in c.text


def test_video_and_archive_labels() -> None:
    c = clean_article(RawArticle(id="t", text=TAIL_LABELS))
    assert _why(c) == {"Verwandte Videos:": WHY.VIDEO, "Archiviert unter:": WHY.ARCHIVE}
    assert c.text.startswith("Die Bahnstrecke")
    assert c.text.endswith("kosten.")


def test_english_boilerplate() -> None:
    c = clean_article(RawArticle(id="e", text=ENGLISH_SCRAPE))
    why = _why(c)
    assert why["Share this article"] == WHY.SHARE
    assert why["By Jane Doe"] == WHY.BYLINE
    assert why["Advertisement"] == WHY.ADVERTISEMENT
    assert why["Photo: Exampleton City Press Office"] == WHY.PHOTO
    assert why["Read more: Exampleton mayor announces re-election bid"] == WHY.RELATED
    assert why["We use cookies to improve your experience. By continuing you accept our use of cookies."] == WHY.COOKIE
    assert why["Sign up for our newsletter to get the latest news every morning."] == WHY.NEWSLETTER
    assert c.text.split("\n") == [
        "City council approves new bridge",
        "The city council of Exampleton approved the construction of a new bridge on Tuesday. "
        "The vote was seven to two.",
        "Construction is expected to start in the spring and to take about two years, the mayor said.",
    ]
    assert c.language == "en"


def test_spanish_boilerplate() -> None:
    c = clean_article(RawArticle(id="s", text=SPANISH_SCRAPE))
    why = _why(c)
    assert why["Compartir"] == WHY.SHARE
    assert why["Por Juan Pérez"] == WHY.BYLINE
    assert why["Publicidad"] == WHY.ADVERTISEMENT
    assert why["Lea también: El alcalde de Villaejemplo presenta su candidatura"] == WHY.RELATED
    assert why["Foto: Archivo Villaejemplo"] == WHY.PHOTO
    assert len(c.text.split("\n")) == 3
    assert c.language == "es"


def test_glued_date_prefix_is_stripped_and_dates_the_article() -> None:
    c = clean_article(RawArticle(id="p", text=" date 2024-03 Die Stadt Musterstadt feiert ihre neue Brücke. Viele Menschen kamen.\n\nFeier am Fluss"))
    assert c.text.startswith("Die Stadt Musterstadt feiert")
    assert c.published == "2024-03" and c.published_from == "text"
    assert [(r.text, r.why) for r in c.removed] == [("date 2024-03", WHY.DATELINE)]


def test_headlines_subheadings_and_sentences_are_kept() -> None:
    text = "\n".join(REAL_LINES)
    c = clean_article(RawArticle(id="k", text=text))
    assert c.removed == ()
    assert c.text.split("\n") == REAL_LINES


def test_unsure_lines_are_kept() -> None:
    # look a bit like boilerplate, but are real statements: precision over recall
    lines = [
        "Der Verlag teilte mit, das Copyright an den Bildern liege beim Fotografen.",
        "Von Berlin aus reiste die Delegation am Abend weiter nach Musterstadt.",
        "Weitere Informationen gab es zunächst nicht.",
        "Politik und Wirtschaft müssten jetzt zusammenarbeiten, sagte der Minister.",
        "Karla Muster ist seit 2019 Ministerin.",
    ]
    c = clean_article(RawArticle(id="u", text="\n".join(lines)))
    assert c.removed == ()
    assert c.text.split("\n") == lines


def test_dated_lines_between_paragraphs_are_kept() -> None:
    lines = [
        "Die Chronik der Musterstädter Brücke reicht weit zurück, wie das Stadtarchiv in einer neuen Ausstellung zeigt.",
        "12.03.2021 Baubeginn",
        "05.03.2024 Eröffnung",
        "Die Ausstellung ist bis Ende Mai im Rathaus zu sehen, der Eintritt ist für alle Besucher frei.",
        "(Erika Musterfrau, 06.03.2024)",
    ]
    c = clean_article(RawArticle(id="d", text="\n".join(lines)))
    assert c.text.split("\n") == lines[:4]
    assert [(r.text, r.why) for r in c.removed] == [("(Erika Musterfrau, 06.03.2024)", WHY.DATELINE)]
    assert c.published == "2024-03-06"


def test_related_block_without_labels_and_mid_article_box() -> None:
    text = "\n".join([
        "City council approves new bridge",
        "The city council of Exampleton approved the construction of a new bridge on Tuesday, "
        "after a debate that lasted more than four hours and ended with a clear vote.",
        "Mehr zum Thema",
        "Feuerwehr rettet Katze aus dem Rathausturm",
        "Costs and timeline",
        "Construction is expected to start in the spring and to take about two years, the mayor "
        "said at a press conference in the town hall on Wednesday morning.",
        "Read more",
        "Exampleton mayor announces re-election bid",
        "The mayor of Exampleton said on Monday that she would run for a second term in...",
        "Share",
        "Storm damages harbour walls",
        "A heavy storm damaged parts of the harbour walls of Exampleton overnight, the...",
        "© 2024 Exampleton Daily. All rights reserved.",
        "© Exampleton Press Office",
    ])
    c = clean_article(RawArticle(id="r", text=text))
    why = _why(c)
    assert why["Read more"] == WHY.RELATED
    assert why["Exampleton mayor announces re-election bid"] == WHY.RELATED
    assert why["Storm damages harbour walls"] == WHY.RELATED
    assert why["Share"] == WHY.SHARE
    assert why["Mehr zum Thema"] == WHY.RELATED
    assert why["© 2024 Exampleton Daily. All rights reserved."] == WHY.COPYRIGHT
    assert why["© Exampleton Press Office"] == WHY.PHOTO
    # precision: the subheading right before the article goes on is kept, even if that
    # keeps the teaser headline of a mid-article box, too
    assert c.text.split("\n")[-2:] == [
        "Costs and timeline",
        "Construction is expected to start in the spring and to take about two years, the mayor "
        "said at a press conference in the town hall on Wednesday morning.",
    ]


def test_input_fields_win() -> None:
    raw = RawArticle(
        id="i", text=CAPTION_SCRAPE, published="2024-03-13T08:00:00+01:00", language="de",
        title="Eigener Titel", outlet="Musterstädter Bote", author="Erika Musterfrau", url="https://bote.example/a",
    )
    c = clean_article(raw)
    assert (c.published, c.published_from) == ("2024-03-13T08:00:00+01:00", "input")
    assert (c.title, c.outlet, c.author, c.url, c.language) == (
        "Eigener Titel", "Musterstädter Bote", "Erika Musterfrau", "https://bote.example/a", "de",
    )


HTML_PAGE = """<html lang="de"><head><title>Neue Brücke eröffnet | Musterstädter Bote</title>
<meta property="og:site_name" content="Musterstädter Bote"><meta name="author" content="Erika Musterfrau">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00"></head>
<body><nav><a href="/">Home</a> <a href="/lokales">Lokales</a></nav>
<article><h1>Neue Brücke in Musterstadt eröffnet</h1>
<p>Die neue Brücke über den Musterfluss ist am Dienstag nach drei Jahren Bauzeit eröffnet worden. Bürgermeisterin Anna Beispiel sprach von einem großen Tag für die Stadt.</p>
<p>„Wir haben lange darauf gewartet“, sagte Beispiel bei der Feier. Rund 2000 Menschen kamen zur Eröffnung, darunter viele Familien aus den umliegenden Dörfern.</p>
<p>Share</p>
<h2>Kosten höher als geplant</h2>
<p>Die Baukosten lagen mit zwölf Millionen Euro deutlich über der ursprünglichen Schätzung von neun Millionen Euro. Der Stadtrat hatte die Mehrkosten im Herbst genehmigt.</p>
</article><footer>Copyright © 2024 Musterstädter Bote. Alle Rechte vorbehalten.</footer></body></html>"""


def test_html_through_trafilatura_with_metadata() -> None:
    c = clean_article(RawArticle(id="h", html=HTML_PAGE))
    assert c.title == "Neue Brücke in Musterstadt eröffnet"
    assert c.author == "Erika Musterfrau"
    assert c.outlet == "Musterstädter Bote"
    assert c.published == "2024-03-05" and c.published_from == "metadata"
    assert "Die neue Brücke über den Musterfluss ist am Dienstag" in c.text
    assert "Kosten höher als geplant" in c.text.split("\n")
    assert "Lokales" not in c.text and "Copyright" not in c.text
    assert "Share" not in c.text.split("\n")
    assert c.language == "de"


def test_html_without_content_gives_empty_text() -> None:
    c = clean_article(RawArticle(id="x", html="<html><body></body></html>"))
    assert c.text == "" and c.published_from == "unknown"


def test_classify_lines_keeps_one_verdict_per_line() -> None:
    lines = ["Share", "", "Neue Brücke eröffnet", "Foto: Bote"]
    v = classify_lines(lines)
    assert len(v) == 4 and [x.why for x in v] == [WHY.SHARE, None, None, WHY.PHOTO]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(REAL_LINES + BOILERPLATE_LINES), min_size=1, max_size=14),
    st.sampled_from(["\n", "\n\n", "\r\n"]),
)
def test_cleaning_is_idempotent(lines: list[str], sep: str) -> None:
    once = clean_article(RawArticle(id="a", text=sep.join(lines)))
    twice = clean_article(RawArticle(id="a", text=once.text))
    assert twice.text == once.text
    assert twice.removed == ()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(REAL_LINES), min_size=1, max_size=10))
def test_real_lines_survive_any_order(lines: list[str]) -> None:
    c = clean_article(RawArticle(id="r", text="\n".join(lines)))
    assert c.text.split("\n") == lines


SINGLE_LINES = [
    ("Anzeige", WHY.ADVERTISEMENT),
    ("Werbung", WHY.ADVERTISEMENT),
    ("Publicidad", WHY.ADVERTISEMENT),
    ("Lesen Sie auch: Neue Brücke für Musterstadt", WHY.RELATED),
    ("Mehr zum Thema: Hochwasser im Mustertal", WHY.RELATED),
    ("Lee también: El alcalde presenta su candidatura", WHY.RELATED),
    ("Facebook Twitter WhatsApp E-Mail", WHY.SHARE),
    ("Artikel teilen", WHY.SHARE),
    ("Compartir en Facebook", WHY.SHARE),
    ("Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.", WHY.COOKIE),
    ("Utilizamos cookies propias y de terceros para mejorar nuestros servicios.", WHY.COOKIE),
    ("Jetzt den Newsletter abonnieren und nichts mehr verpassen!", WHY.NEWSLETTER),
    ("Suscríbete a nuestra newsletter", WHY.NEWSLETTER),
    ("Startseite > Politik > Ausland", WHY.NAVIGATION),
    ("Politik | Ausland", WHY.NAVIGATION),
    ("Fotos: Erika Musterfrau / Musterbild", WHY.PHOTO),
    ("Foto de archivo: Villaejemplo", WHY.PHOTO),
    ("Bildquelle: Presseamt Musterstadt", WHY.PHOTO),
    ("Filed under: Exampleton, bridges", WHY.ARCHIVE),
    ("Schlagwörter: Brücke, Musterstadt, Verkehr", WHY.ARCHIVE),
    ("Tags: Musterstadt, Brücke", WHY.ARCHIVE),
    ("Impressum", WHY.CONTACT),
    ("Kontakt: redaktion@bote.example", WHY.CONTACT),
    ("Alle Rechte vorbehalten.", WHY.COPYRIGHT),
    ("Todos los derechos reservados.", WHY.COPYRIGHT),
    ("Quelle: (c) Copyright Beispiel-Agentur 2024. Click For Restrictions - https://agentur.example/copyright.html",
     WHY.COPYRIGHT),
    ("Source: © 2024 Exampleton Wire", WHY.COPYRIGHT),
    ("Video: So sieht die neue Brücke aus", WHY.VIDEO),
    ("Von Erika Musterfrau und Max Beispiel", WHY.BYLINE),
    ("By Jane Doe and John Roe", WHY.BYLINE),
]

KEPT_LINES = [
    "Themen: Die Rente, die Pflege und der Klimaschutz standen im Mittelpunkt der Debatte.",
    "Die Anzeige gegen den Bürgermeister wurde am Montag zurückgezogen.",
    "Von Trump zu Biden",
    "Von Berlin nach Hamburg",
    "Copyrightstreit um das Musterstädter Stadtwappen",
    "Quelle: eigene Recherche der Redaktion im Stadtarchiv von Musterstadt.",
    "Share prices of Exampleton Holdings fell by ten percent on Monday.",
    "Video zeigt, wie die Brücke in der Nacht einstürzte",
    "Politik muss jetzt handeln, sagt der Verband.",
    "The company uses cookies to track visitors, the regulator found.",
]


def test_single_boilerplate_lines() -> None:
    for line, why in SINGLE_LINES:
        text = "Die Brücke ist fertig und wurde am Dienstag für den Verkehr freigegeben.\n" + line
        c = clean_article(RawArticle(id="l", text=text))
        assert [(r.text, r.why) for r in c.removed] == [(line, why)], line


def test_lines_that_only_look_like_boilerplate_are_kept() -> None:
    for line in KEPT_LINES:
        text = "Die Brücke ist fertig und wurde am Dienstag für den Verkehr freigegeben.\n" + line
        c = clean_article(RawArticle(id="k", text=text))
        assert c.removed == (), line
