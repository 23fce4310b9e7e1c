"""The lead of an article: its first real sentences, for the clustering features.

A news report says who did what, where and when in its first sentences; the event date, the
specifics and the names read a window of them. Sentences of fewer than
:data:`SHORT_SENTENCE_WORDS` words ("HQ", "München.", a photo credit "Bild: dpa") are page
furniture: they stay in the window (a dateline "München." still names the place) but do not
count towards its size, so a credit the sentence splitter cuts off does not push the lead's
last real sentence out of the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.models import Sentence

__all__ = ["SHORT_SENTENCE_WORDS", "is_short", "lead_sentences"]

# Sentences of fewer than SHORT_SENTENCE_WORDS words ("HQ", "München.", a photo credit "AP
# Photo/Michael Probst", "Sendung: Bayern 2 Nachrichten, ...") are page furniture, not the
# event: they weigh lagebild.cluster.SHORT_SENTENCE_WEIGHT and the lead weight goes to
# the first LEAD_SENTENCES real sentences. Calibrated 2026-12-01 on realnews_dev (in-process features of
# bench/cluster_realnews.py's store: pairwise P / R / F1, BCubed F1, confusable pairs joined)
# with BASIL (pairwise / BCubed F1): off 0.891 / 0.777 / 0.830, 0.880, 26, BASIL 0.948 /
# 0.977; 3, 4 or 5 words at weight 0 -> 0.892 / 0.784 / 0.835, 0.884, 26, BASIL 0.948 /
# 0.977 (5: 0.951 / 0.979); 4 at weight 1 (lead weight moved only) the same; 6 or 7 ->
# 0.804, 36 joined, BASIL 0.938; 8 -> 0.768, 61 joined. 4: the middle of the plateau.
# Since 2026-12-02 the lead windows count only longer sentences too (figures at
# lagebild.cluster.FEATURES_VERSION 10).
SHORT_SENTENCE_WORDS = 4


def is_short(text: str) -> bool:
    """A sentence of fewer than SHORT_SENTENCE_WORDS words."""
    return len(text.split()) < SHORT_SENTENCE_WORDS


def lead_sentences(sentences: Sequence[Sentence], n: int) -> list[Sentence]:
    """The sentences up to and including the ``n``-th one that is not short (all of them when
    there are fewer)."""
    counted = 0
    for i, s in enumerate(sentences):
        if not is_short(s.text):
            counted += 1
            if counted == n:
                return list(sentences[: i + 1])
    return list(sentences)
