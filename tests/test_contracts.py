"""lagebild.contracts: the one description of dossier@1, the extract line and the story list."""

from __future__ import annotations

import copy
import json

import pytest

from lagebild import contracts
from lagebild.contracts import (
    DOSSIER,
    EXTRACT_LINE,
    STORY_LIST,
    ContractError,
    check,
    check_dossier,
    extract_line,
    json_schema,
    story_entry,
    story_list,
    validate,
)
from lagebild.models import Article, Cue, Extraction, Mention, Quote, Sentence, Speaker, TimeExpr
from tests.webfixtures import make_dossier


def test_fixture_dossier_is_valid_and_breaks_are_named():
    doc = make_dossier()
    check_dossier(doc)
    bad = copy.deepcopy(doc)
    del bad["story"]["article_count"]
    bad["contradictions"][0]["kind"] = "vibes"
    bad["facts"][0]["support"][0]["sentence"] = "1"
    problems = validate(bad, DOSSIER)
    assert "$.story.article_count: missing" in problems
    assert any(p.startswith("$.contradictions[0].kind: 'vibes'") for p in problems)
    assert "$.facts[0].support[0].sentence: expected int, got str" in problems
    with pytest.raises(ContractError, match="st-bruecke"):
        check_dossier(bad)


def test_additive_fields_are_allowed_and_typed():
    doc = make_dossier()
    doc["story"]["event_date"] = "2031-03-06"
    doc["story"]["event_date_from"] = "text"
    doc["story"]["related"] = [{"id": "st-2", "title": "Vorjahr", "event_date": None, "relation": "earlier"}]
    doc["new_section"] = [1, 2]
    check_dossier(doc)
    doc["story"]["related"] = ["st-2"]
    assert validate(doc, DOSSIER) == ["$.story.related[0]: expected an object, got str"]


def test_model_dossier_to_dict_follows_the_contract(example_store):
    from lagebild.store import open_store

    db, _ = example_store
    with open_store(db) as s:
        ids = s.story_ids()
        assert ids
        for sid in ids:
            doc = s.get_dossier(sid)
            assert doc is not None
            check_dossier(doc)


def test_extract_line_builder_and_contract():
    text = "Kessel sagte: „Die Sicherheit geht vor.“ Am 6. März."
    art = Article(id="a", text=text, language="de", published="2031-03-04",
                  sentences=(Sentence(0, text, 0, len(text)),))
    ex = Extraction(
        "a",
        mentions=(Mention(0, 6, "Kessel", "PER", "Irma Kessel"),),
        quotes=(Quote(14, 39, "Die Sicherheit geht vor.", "direct", Speaker(0, 6, "Kessel", "Irma Kessel"), Cue(7, 12, "sagte")),),
        times=(TimeExpr(45, 52, "6. März", "DATE", "2031-03-06"),),
    )
    line = extract_line(art, ex)
    check(line, EXTRACT_LINE, "extract line")
    assert set(line) == {"id", "language", "published", "text", "entities", "quotes", "times"}
    assert line["quotes"][0]["speaker"]["entity"] == "Irma Kessel"
    only = extract_line(art, ex, ["times"])
    assert "entities" not in only and only["times"][0]["value"] == "2031-03-06"
    only["times"][0]["type"] = "WHEN"
    assert validate(only, EXTRACT_LINE) == ["$.times[0].type: 'WHEN' is not one of DATE|TIME|DURATION|SET"]


def test_story_list_builder_checks_itself():
    doc = story_list([story_entry("s1", "Titel", ["a", "b"], event_date="2031-03-06", related=["s2"])])
    assert json.loads(json.dumps(doc)) == {
        "stories": [{"id": "s1", "title": "Titel", "articles": ["a", "b"], "event_date": "2031-03-06", "related": ["s2"]}]
    }
    with pytest.raises(ContractError, match=r"\$\.stories\[0\]\.articles\[0\]"):
        story_list([{"id": "s1", "title": None, "articles": [1]}])
    check(doc, STORY_LIST, "story list")


def test_json_schema_is_what_openapi_publishes():
    from lagebild.web import schemas

    published = schemas.DOSSIER[200]["content"]["application/json"]["schema"]
    assert published == json_schema(DOSSIER)
    assert published["properties"]["schema"] == {"type": "string", "enum": [contracts.DOSSIER_SCHEMA]}
    assert published["properties"]["story"]["properties"]["first_published"]["type"] == ["string", "null"]
    assert "related" in published["properties"]["story"]["properties"]


def test_store_refuses_a_broken_dossier_when_checking(store):
    doc = make_dossier()
    doc["quotes"][0]["carriers"][0]["match"] = "maybe"
    with pytest.raises(ContractError, match="match"):
        store.put_dossier("st-bruecke", "x", doc, "")
