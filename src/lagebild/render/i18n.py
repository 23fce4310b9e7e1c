"""The pages' language: German by default, English with ``--lang en`` (or ``LAGEBILD_LANG=en``).

Templates write their German text inside ``_()``; for English pages ``_`` looks the German
text up in ``EN`` (a text missing there stays German, and tests/test_render_lang.py lists the
German words an English page must not show). One owner: every UI text of the report, the web
pages and the Markdown goes through here.
"""

from __future__ import annotations

import os
from collections.abc import Callable

__all__ = ["EN", "LANGUAGES", "resolve_lang", "translator"]

LANGUAGES = ("de", "en")

EN: dict[str, str] = {
    # frame
    "Zum Inhalt springen": "Skip to content",
    "Hauptnavigation": "Main navigation",
    "Geschichten": "Stories",
    "Artikel hinzufügen": "Add articles",
    "jede Aussage verweist auf den genauen Satz des genauen Mediums":
        "every statement points at the exact sentence of the exact outlet",
    # story head
    "Dossier": "Dossier",
    "Artikel": "articles",
    "Medien": "outlets",
    "unabhängige Medien": "independent outlets",
    "Sprachen": "Languages",
    "Widerspruch": "contradiction",
    "Widersprüche": "Contradictions",
    "Abschnitte": "Sections",
    "Überblick": "Overview",
    "Fakten": "Facts",
    "Exklusiv": "Exclusive",
    "Zitate": "Quotes",
    "Datum unbekannt": "date unknown",
    "Beteiligte": "Who and where",
    "Zeitleiste": "Timeline",
    "Darstellung": "Framing",
    "Medienvergleich": "Outlet comparison",
    "Quellen": "Sources",
    # storylines and corrections (issue 8)
    "Ereignisdatum": "Event date",
    "Ereignisdatum unbekannt: nach Inhalt zugeordnet": "Event date unknown: grouped by content alone",
    "Verwandte Ereignisse": "Related events",
    "vorheriges Ereignis": "previous event",
    "späteres Ereignis": "later event",
    "verwandtes Ereignis": "related event",
    "Berichte": "reports",
    "Bericht": "report",
    "Zuordnung korrigieren": "Correct the grouping",
    "Korrekturen werden gespeichert und gelten bei jeder weiteren Analyse.":
        "Corrections are stored and hold in every later analysis.",
    "Artikel abtrennen (bilden eine eigene Geschichte)": "Split articles off (they form a story of their own)",
    "Abtrennen": "Split off",
    "Artikel in eine andere Geschichte verschieben": "Move an article to another story",
    "Ziel: Story-ID": "target: story id",
    "Ziel-Geschichte": "target story",
    "Verschieben": "Move",
    "Eine andere Geschichte hier einfügen": "Merge another story into this one",
    "Story-ID der anderen Geschichte": "id of the other story",
    "Zusammenführen": "Merge",
    "Artikel konnten nicht vollständig verarbeitet werden:": "articles could not be fully processed:",
    "Stufe": "stage",
    "ohne Angabe": "no reason given",
    # summary
    "Jeder Satz trägt die Kürzel der Medien, die ihn stützen. Satz anklicken (oder antippen) zeigt die Quellsätze.":
        "Each sentence carries the labels of the outlets that support it. Click (or tap) a sentence to see its source sentences.",
    "Belege zum Überblick": "Evidence for the overview",
    "Satz": "Sentence",
    "Kein Überblick vorhanden.": "No overview available.",
    "weitere Medien": "more outlets",
    # facts
    "Übereinstimmende Fakten": "Facts several outlets agree on",
    "Aussagen, die mindestens zwei unabhängige Medien machen. Gezählt werden unabhängige Medien: Kopien und Übersetzungen eines Berichts zählen einmal. Markiert ist der Teil des Satzes, in dem die Medien übereinstimmen.":
        "Statements made by at least two independent outlets. Counted are independent outlets: copies and translations of one report count once. Marked is the part of the sentence the outlets agree on.",
    "Belegsätze": "supporting sentences",
    "weitere Fakten (von weniger Medien getragen)": "more facts (carried by fewer outlets)",
    "Übereinstimmungsmatrix: welche Medien welchen Fakt tragen (Kästchen führt zum Satz).":
        "Agreement matrix: which outlets carry which fact (a box leads to the sentence).",
    "auch in anderer Sprache": "also in another language",
    # exclusive
    "Nur bei einem Medium": "Only one outlet",
    # contradictions
    "Entwicklungen": "Developments",
    "Zahlen, die sich im Lauf der Berichterstattung ändern (nach Erscheinungsdatum geordnet), sind kein Widerspruch.":
        "Figures that change as the story goes on (ordered by publication date) are not contradictions.",
    "Satz {n} in der Quelle": "Sentence {n} in the source",
    "nicht auflösbarer Verweis": "unresolvable reference",
    # quotes
    "Zitate und wer sie überbringt": "Quotes and who carries them",
    "Sprecher unbekannt": "speaker unknown",
    "Zitate ohne Sprecher oder kürzer als ein Satzteil sind ausgeblendet (im JSON mit listed=false).":
        "Quotes without a speaker or shorter than a clause are hidden (in the JSON with listed=false).",
    # entities
    "Beteiligte, Orte, Organisationen": "People, places, organisations",
    "Name": "Name",
    "Art": "Type",
    "Rolle": "Role",
    "auch genannt": "also called",
    "Nennungen": "Mentions",
    # timeline
    "Zeitleiste: Nummern entsprechen der Liste.": "Timeline: numbers match the list.",
    "Belege": "Evidence",
    "Frühere Daten (Hintergrund)": "Earlier dates (background)",
    # framing
    "Darstellung je Medium": "Framing by outlet",
    "Ton": "Tone",
    "eher negativ": "rather negative",
    "eher positiv": "rather positive",
    "neutral": "neutral",
    "Überschrift passt nicht zum Text:": "Headline does not match the text:",
    "Wertende Begriffe": "Loaded terms",
    "Übersetzungsreste": "Translation leftovers",
    "Lässt aus": "Leaves out",
    "von": "of",
    "Keine Auffälligkeiten.": "Nothing notable.",
    # comparison
    "Medium": "Outlet",
    "fehlende Fakten": "missing facts",
    "Kopie": "copy",
    "Kopie von": "copy of",
    "Berichterstattung: Artikel je Medium über die Zeit (Punkt führt zur Quelle).":
        "Coverage: articles per outlet over time (a dot leads to the source).",
    # sources
    "Original": "Original",
    "Artikelseite": "Article page",
    "Fehlgeschlagen in Stufe": "Failed in stage",
    "Bereinigter Text": "Cleaned text",
    "Sätze": "sentences",
    "im Dossier verwendet": "used in the dossier",
    "Von der Bereinigung entfernt": "Removed by cleaning",
    # labels (html.py, charts.py)
    "Zusammenfassung": "Summary",
    "Fakt": "Fact",
    "Zitat": "Quote",
    "Wertung": "Loaded term",
    "Übersetzungsrest": "Translation leftover",
    "Datum": "Date",
    "Wochentag": "Weekday",
    "Zahl": "Number",
    "Verneinung": "Negation",
    "Reihenfolge": "Order",
    "Zuschreibung": "Attribution",
    "wörtlich": "verbatim",
    "Variante": "variant",
    "Paraphrase": "paraphrase",
    "hart": "hard",
    "weich": "soft",
    "aus Metadaten": "from metadata",
    "aus dem Text": "from the text",
    "aus der Eingabe": "from the input",
    "unbekannt": "unknown",
    "Person": "Person",
    "Organisation": "Organisation",
    "Ort": "Place",
    "Sonstiges": "Other",
    "Übereinstimmung: Fakten je Medium": "Agreement: facts by outlet",
    "trägt": "carries",
    "fehlt": "lacks",
    "Berichterstattung je Medium": "Coverage by outlet",
    # index
    "Suche": "Search",
    "Titel, Namen, Text …": "Title, names, text …",
    "Sprache": "Language",
    "alle": "all",
    "Suchen": "Search",
    "Datum von": "from",
    "Datum bis": "to",
    "zurücksetzen": "reset",
    "Filtern": "Filter",
    "Titel enthält …": "Title contains …",
    "Geschichten, neueste zuerst": "Stories, newest first",
    "Geschichte": "Story",
    "erste Meldung": "first report",
    "letzte Meldung": "last report",
    "Keine Geschichten": "No stories",
    "für diese Suche": "for this search",
    "Seiten": "Pages",
    "« erste Seite": "« first page",
    "weitere Geschichten »": "more stories »",
    # article page
    "Hervorgehoben: {n} Sätze, die das Dossier verwendet.": "Highlighted: {n} sentences the dossier uses.",
    "Kein bereinigter Text.": "No cleaned text.",
}


def resolve_lang(lang: str | None = None) -> str:
    """The page language: ``lang``, else $LAGEBILD_LANG, else German."""
    got = (lang or os.environ.get("LAGEBILD_LANG") or "de").strip().lower()[:2]
    if got not in LANGUAGES:
        raise ValueError(f"unknown page language {got!r}: use one of {', '.join(LANGUAGES)} (--lang de|en)")
    return got


def translator(lang: str | None = None) -> Callable[..., str]:
    """``_(german_text, **values)``: the text in the page language, ``{name}`` filled in."""
    table = EN if resolve_lang(lang) == "en" else {}

    def _(text: str, **values: object) -> str:
        out = table.get(text, text)
        return out.format(**values) if values else out

    return _
