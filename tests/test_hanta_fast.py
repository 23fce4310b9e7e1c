"""lagebild.lang.hanta_fast gives exactly HanTa's own results (issue #9, #13 item 4).

Every word of the example corpus (German, with names, figures, compounds, English and
Spanish words) and some odd inputs go through HanTa's original ``analyze_forward`` and
``analyze_viterbi`` and through :class:`FastHanta`: the tag lists with their log
probabilities, the morpheme paths and the lemmas must be equal, float for float.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.lang.hanta_fast import FastHanta, install
from lagebild.lang.tokens import tokenize

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

ODD = ["", "a", "ß", "x1", "…", "''", "Ä", "über", "UNO", "E-Mail-Adresse", "AfD-Bundestagsfraktionsvorsitzende",
       "Donaudampfschifffahrtsgesellschaftskapitänsmütze", "the", "government", "said", "gobierno", "dijo",
       "12", "3,5", "Müller-Lüdenscheidt", "ging", "gegangen", "Häuser", "zurückgetreten"]


@pytest.fixture(scope="module")
def hanta() -> object:
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")  # a fresh one: the searches unpatched


@pytest.fixture(scope="module")
def words(hanta: object) -> list[str]:
    seen: dict[str, None] = {}
    for path in sorted(p for p in EXAMPLES.rglob("*") if p.is_file()):
        for tok in tokenize(path.read_text(encoding="utf-8", errors="replace")):
            if tok.text[:1].isalnum():
                seen.setdefault(hanta.normalize(tok.text), None)  # type: ignore[attr-defined]
    for w in ODD:
        seen.setdefault(w.lower(), None)
    assert len(seen) > 1000, "the example corpus should give a good sample of words"
    return list(seen)


def test_forward_equal(hanta: object, words: list[str]) -> None:
    fast = FastHanta(hanta)
    for w in words:
        assert fast.analyze_forward(w) == hanta.analyze_forward(w), w  # type: ignore[attr-defined]


def test_viterbi_equal_for_every_tag_the_word_may_have(hanta: object, words: list[str]) -> None:
    fast = FastHanta(hanta)
    for w in words:
        tags = [t for t, _ in hanta.analyze_forward(w)][:3] or [0]  # type: ignore[attr-defined]
        for t in tags:
            assert fast.analyze_viterbi(w, t) == hanta.analyze_viterbi(w, t), (w, t)  # type: ignore[attr-defined]


def test_installed_tagger_tags_sentences_the_same(hanta: object) -> None:
    from HanTa import HanoverTagger as ht

    patched = ht.HanoverTagger("morphmodel_ger.pgz")
    assert install(patched)
    for path in sorted(EXAMPLES.rglob("*.txt"))[:6]:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            toks = [t.text for t in tokenize(line)]
            if toks:
                assert patched.tag_sent(toks) == hanta.tag_sent(toks), line  # type: ignore[attr-defined]
                assert patched.tag_sent(toks, taglevel=3) == hanta.tag_sent(toks, taglevel=3), line  # type: ignore[attr-defined]
    for w in ODD[1:]:
        assert patched.analyze(w) == hanta.analyze(w), w  # type: ignore[attr-defined]
        assert patched.tag_word(w) == hanta.tag_word(w), w  # type: ignore[attr-defined]


def test_install_keeps_hanta_when_the_model_is_unexpected() -> None:
    class NotHanta:
        pass

    assert install(NotHanta()) is False


def test_the_pipeline_tagger_uses_the_fast_searches() -> None:
    from lagebild.lang.tokens import load_hanta

    tagger = load_hanta()
    assert "FastHanta" in repr(getattr(tagger.analyze_viterbi, "__self__", None).__class__)
