"""The one story context (issue 11): one outlet identity, built once per dossier."""

from __future__ import annotations

import dataclasses

import pytest

from lagebild.compare.context import StoryContext, constructions, outlet_key_map
from lagebild.compare.contra_text import Story
from lagebild.compare.facts import outlet_keys
from lagebild.contracts import dossier_to_dict
from lagebild.models import RawArticle

TEXT = ("Die Fähre nach Varnsee fährt ab Montag wieder. Der Bürgermeister sagte: „Wir sind froh.“ "
        "Die Reparatur kostete 40.000 Euro.")
OTHER = ("Der Stadtrat hat am Dienstag die Fähre nach Varnsee besprochen. Die Reparatur kostete "
         "40.000 Euro, sagte die Verwaltung.")


def _article(aid: str, outlet: str, text: str = TEXT, duplicate_of: str | None = None):
    from lagebild.pipeline import prepare_article, raw_hash

    raw = RawArticle(id=aid, text=text, outlet=outlet, language="de")
    art = prepare_article(raw, raw_hash(raw))
    return dataclasses.replace(art, duplicate_of=duplicate_of) if duplicate_of else art


@pytest.fixture(scope="module")
def chain():
    """agentur-1 <- blatt-b (copy) <- blatt-c (copy of the copy), plus one independent outlet."""
    return [
        _article("agentur-1", "Agentur Nord"),
        _article("blatt-b", "Blatt B", duplicate_of="agentur-1"),
        _article("blatt-c", "Blatt C", duplicate_of="blatt-b"),
        _article("radio-1", "Radio Quelle", OTHER),
    ]


def test_copy_chain_of_two_hops_counts_once(chain) -> None:
    ctx = StoryContext.build(chain)
    assert ctx.outlet_of("blatt-c") == ctx.outlet_of("blatt-b") == ctx.outlet_of("agentur-1") == "agentur nord"
    assert ctx.outlet_name("blatt-c") == "Agentur Nord"
    assert ctx.label("blatt-c") == "Blatt C"  # an explanation still names the printing outlet
    assert ctx.outlet_count() == 2
    assert not ctx.independent("blatt-c", "agentur-1")
    assert ctx.independent("blatt-c", "radio-1")
    # every other owner agrees: alignment's keys, the contradiction checks' Story, the contract
    assert outlet_keys(chain) == outlet_key_map(chain) == dict(ctx.outlets)
    story = Story(chain, {})
    # before issue 11 Story followed ONE hop: blatt-c counted for "Blatt B", independent of
    # agentur-1 although it copies it
    assert story.outlet("blatt-c") == "Agentur Nord"
    assert not story.independent("blatt-c", "agentur-1")


def test_outlet_identity_ignores_case_everywhere() -> None:
    # before issue 11 the contradiction checks and outlet_count compared "Spiegel" and
    # "SPIEGEL " as two outlets while fact alignment counted them as one
    arts = [_article("s-1", "Spiegel"), _article("s-2", "SPIEGEL ", OTHER)]
    ctx = StoryContext.build(arts)
    assert not ctx.independent("s-1", "s-2")
    assert not Story(arts, {}).independent("s-1", "s-2")
    assert ctx.outlet_count() == 1


def test_outlet_count_follows_the_copy_chain(chain) -> None:
    from lagebild.models import Dossier
    from lagebild.models import Story as StoryMeta

    d = Dossier(story=StoryMeta("s", "t", tuple(a.id for a in chain)), articles=tuple(chain))
    assert dossier_to_dict(d)["story"]["outlet_count"] == 2


def test_quote_items_are_built_once(chain) -> None:
    from lagebild.extract import extract_article

    ctx = StoryContext.build(chain, {a.id: extract_article(a) for a in chain})
    items = ctx.quote_items
    assert items and ctx.quote_items is items


def test_one_context_per_dossier(chain) -> None:
    from lagebild.dossier import build_dossier
    from lagebild.embed import Embedder
    from lagebild.extract import extract_article

    ex = {a.id: extract_article(a) for a in chain}
    before = constructions()
    d = build_dossier("s", chain, ex, Embedder())
    assert constructions() == before + 1
    assert dossier_to_dict(d)["story"]["outlet_count"] == 2


def test_a_copy_of_a_copy_misses_no_fact_its_original_carries(chain) -> None:
    from lagebild.compare.framing import frame_articles
    from lagebild.models import Fact, Ref

    fact = Fact(id="f-1", text=TEXT, support=(Ref("agentur-1", 0), Ref("radio-1", 0)), outlets=2)
    by_article = {f.article: f for f in frame_articles(chain, [fact])}
    # before issue 11 framing followed ONE hop: blatt-c was said to leave out f-1
    assert by_article["blatt-b"].missing_facts == ()
    assert by_article["blatt-c"].missing_facts == ()
