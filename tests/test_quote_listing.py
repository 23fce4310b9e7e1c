"""Which quotes the dossier lists: a clause with a speaker; partial quotes stay in the JSON only."""

from __future__ import annotations

from lagebild.compare.quotes import finish_quotes, quote_items
from lagebild.models import Article, Carrier, Extraction, Mention, Quote, QuoteGroup, Sentence, Speaker


def _group(gid: str, text: str, speaker: str | None, partial: bool = False) -> QuoteGroup:
    return QuoteGroup(gid, speaker, text, (Carrier("a1", 0, text, "verbatim"),), partial=partial)


def test_partial_quote_without_verb_is_kept_but_not_listed() -> None:
    groups = [
        _group("q-1", "Das Gespräch war offen und sehr konstruktiv und lang", "Juri Uschakow", partial=True),
        _group("q-2", "Wir werden die Gespräche in der nächsten Woche fortsetzen", "Juri Uschakow"),
    ]
    out = {g.id: g for g in finish_quotes(groups, [])}
    assert not out["q-1"].listed and out["q-1"].unlisted_why == "shorter than a clause"
    assert out["q-2"].listed and out["q-2"].unlisted_why is None


def test_quote_without_speaker_is_not_listed() -> None:
    out = finish_quotes([_group("q-3", "Wir werden die Gespräche in der nächsten Woche fortsetzen", None)], [])
    assert not out[0].listed and out[0].unlisted_why == "no speaker"


def _article_with_quote(speaker: str, speaker_type: str) -> tuple[Article, Extraction]:
    text = f"Der Streik beginne am Mittwoch um zwei Uhr, teilte {speaker} mit."
    art = Article("a1", text, language="de", status="ok",
                  sentences=(Sentence(0, text, 0, len(text), "de"),))
    s = text.index(speaker)
    quote = Quote(0, text.index(","), text[: text.index(",")], "indirect",
                  Speaker(s, s + len(speaker), speaker, speaker))
    mention = Mention(s, s + len(speaker), speaker, speaker_type, speaker)
    return art, Extraction("a1", (mention,), (quote,))


def test_an_organisation_speaks_and_a_place_does_not() -> None:
    # "teilte die Gewerkschaft mit", "GDL said in a statement": organisations issue statements
    art, ext = _article_with_quote("Eisenbahnergewerkschaft VTL", "ORG")
    assert [q.speaker for q in quote_items([art], {"a1": ext})] == ["Eisenbahnergewerkschaft VTL"]
    art, ext = _article_with_quote("Ostwaldingen", "LOC")
    assert [q.speaker for q in quote_items([art], {"a1": ext})] == [None]


def test_a_title_alone_is_no_speaker_name() -> None:
    # BASIL: "NAACP President" (no name in the phrase) was listed as a speaker
    art, ext = _article_with_quote("VTL President", "ORG")
    quote = ext.quotes[0]
    no_entity = Extraction("a1", (), (Quote(quote.start, quote.end, quote.text, quote.kind,
                                             Speaker(quote.speaker.start, quote.speaker.end, "VTL President")),))
    assert [q.speaker for q in quote_items([art], {"a1": no_entity})] == [None]
