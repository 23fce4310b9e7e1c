"""Lead words: the monolingual sparse sub-similarity of story clustering.

Miranda et al. (EMNLP 2018) and Linger & Hajaiej (2020) cluster news monolingually on
sparse TF-IDF vectors first: what happened ("senkt", "Leitzins", "Streik", "Landtagswahl")
and where ("Sachsen", "Thüringen") in the words of the lead. Keys are ``<language>:<lemma>``
of the headline and the first ``WORD_SENTENCES`` sentences (simplemma lemmas via
:func:`lagebild.text.lemmas.lemma`, lower-cased, words of three letters or more); IDF over
the clustered set turns frequent words into noise. Reports in different languages are
compared by the multilingual embedding instead (the words term is neutral for them).
"""

from __future__ import annotations

import re

from lagebild.models import Article

__all__ = ["lead_words"]

# Headline + this many sentences. realnews_dev (bench/cluster_realnews.py): 3 and 5 gave
# the same pairwise F1 within 0.01; 5 keeps more of the event's own vocabulary.
WORD_SENTENCES = 5

_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")


def lead_words(article: Article) -> frozenset[str]:
    """``language:lemma`` keys of the headline and lead (see the module text)."""
    from lagebild.text.lemmas import lemma

    lang = (article.language or "xx")[:2]
    parts = [article.title] if article.title else []
    parts += [s.text for s in article.sentences[:WORD_SENTENCES]]
    keys = set()
    for part in parts:
        for w in _WORD.findall(part or ""):
            keys.add(f"{lang}:{lemma(w, lang if lang != 'xx' else None).lower()}")
    return frozenset(keys)
