"""German lemmas computed on first read (lang.tokens.Token, issue #9) are the lemmas HanTa's
sentence tagger gives when asked for lemmas of every word."""

from __future__ import annotations

import json
import pickle
from dataclasses import FrozenInstanceError

import pytest

from lagebild.lang import tokens

# Sentences written for this test: verbs in several forms (finite, participle, separated
# particle, subjunctive), nouns, names, numbers, punctuation and an unknown compound.
SENTENCES = (
    "Die Regierungssprecherin teilte am Mittwoch mit, dass 1.000 Abgeordnete zurückgetreten seien.",
    "Der Bürgermeister von Kleinwalden hatte den Bau der Umgehungsstraße bereits 2019 abgelehnt.",
    "„Wir werden das prüfen“, sagte die Ministerin, die gestern nach Brüssel gereist war.",
    "Nach Angaben der Polizei wurden drei Menschen leicht verletzt; die Feuerwehr löschte den Brand.",
    "Die Gewerkschaft kündigte Warnstreiks an, falls die Arbeitgeber kein besseres Angebot vorlegten.",
    "Hunderte Schafe blockierten die Bundesstraße 27 zwischen Erlenbrück und Moosheim stundenlang.",
)


def _eager(sentence: str) -> list[tuple[str, str, str]]:
    words = [t.text for t in tokens.tokenize(sentence)]
    return [(str(w), str(lem), str(pos)) for w, lem, pos in tokens.load_hanta().tag_sent(words, taglevel=1)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_lemmas_read_later_equal_the_tagger_s_lemmas(sentence: str) -> None:
    lazy = tokens.TagMemo().tagged(sentence, "de")
    assert [(t.text, t.lemma, t.pos) for t in lazy] == _eager(sentence)


def test_tagging_reads_no_lemma_and_export_keeps_them_unread() -> None:
    memo = tokens.TagMemo()
    sent = SENTENCES[0]
    toks = memo.tagged(sent, "de")
    assert all(t._lemma is None for t in toks)  # nothing computed yet
    exported = memo.export(sent, "de")
    assert exported is not None
    assert json.loads(exported) == [t.pos for t in toks]  # tags only: no lemma was forced
    # reading lemmas changes neither the tokens held nor the exported text
    assert [t.lemma for t in toks]
    assert memo.export(sent, "de") == exported
    other = tokens.TagMemo()
    assert other.seed(sent, "de", exported)
    assert [(t.text, t.start, t.end, t.lemma, t.pos) for t in other.tagged(sent, "de")] == \
        [(t.text, t.start, t.end, t.lemma, t.pos) for t in toks]


def test_tags_exported_with_lemmas_still_seed() -> None:
    """The export format before lazy lemmas ([lemma, tag] per token) is still read."""
    sent = SENTENCES[1]
    toks = tokens.TagMemo().tagged(sent, "de")
    old_format = json.dumps([[t.lemma, t.pos] for t in toks], ensure_ascii=False)
    memo = tokens.TagMemo()
    assert memo.seed(sent, "de", old_format)
    assert memo.tagged(sent, "de") == toks
    assert memo.export(sent, "de") == old_format  # given lemmas are kept as given
    assert not tokens.TagMemo().seed(sent, "de", json.dumps([["x"]] * len(toks)))


def test_offset_copies_share_the_lazy_lemma() -> None:
    memo = tokens.TagMemo()
    sent = SENTENCES[2]
    plain = tokens.tag(sent, "de", memo=memo)
    moved = tokens.tag(sent, "de", offset=7, memo=memo)
    assert all(t._lemma is None for t in moved)
    assert [(m.start, m.end, m.lemma, m.pos) for m in moved] == \
        [(p.start + 7, p.end + 7, p.lemma, p.pos) for p in plain]


def test_token_stays_a_frozen_value() -> None:
    tok = tokens.TagMemo().tagged(SENTENCES[3], "de")[1]
    same = tokens.Token(tok.text, tok.start, tok.end, tok.lemma, tok.pos)
    assert tok == same and hash(tok) == hash(same) and repr(tok) == repr(same)
    assert tok != tokens.Token(tok.text, tok.start, tok.end, tok.lemma + "x", tok.pos)
    assert pickle.loads(pickle.dumps(tok)) == tok
    with pytest.raises(FrozenInstanceError):
        tok.pos = "NN"
    plain = tokens.tokenize("Kein Tag")[0]
    assert (plain.lemma, plain.pos) == ("", "")
