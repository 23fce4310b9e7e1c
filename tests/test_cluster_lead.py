"""The lead windows of the clustering features count real sentences, not furniture."""

from __future__ import annotations

from lagebild.clustering.lead import is_short, lead_sentences
from lagebild.models import Sentence


def _sents(*texts: str) -> list[Sentence]:
    out, at = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(i, t, at, at + len(t)))
        at += len(t) + 1
    return out


def test_short_sentences_stay_in_the_window_but_do_not_count() -> None:
    s = _sents("Ostwald.", "Der Deich bei Ostwald brach am Morgen.", "Bild: Archiv",
               "Die Feuerwehr evakuierte zwei Straßen.", "Am Abend sank der Pegel wieder.")
    assert [x.i for x in lead_sentences(s, 2)] == [0, 1, 2, 3]
    assert [x.i for x in lead_sentences(s, 9)] == [0, 1, 2, 3, 4]
    assert is_short("Bild: Archiv") and not is_short("Der Deich brach am Morgen.")
