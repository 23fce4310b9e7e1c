"""Near-duplicates and syndicated copies.

Candidates come from MinHash LSH (datasketch) over word shingles of the normalised text;
every candidate pair is then confirmed with rapidfuzz on the word sequences, so an agency
copy with its own header, footer or photo credit, or with a sentence trimmed, still counts,
while two different articles about the same event (which share names and phrases, but not
long runs of text in the same order) do not. Copies are grouped, never deleted: the caller
marks them with ``duplicate_of`` and counts them once when outlets are counted.

Use::

    copies = find_duplicates([DedupDoc(a.id, a.text, a.published) for a in articles])
    # {"copy-id": "original-id", ...}; originals and unique articles are not keys

For repeated runs keep one :class:`DuplicateIndex` and pass it each time: it remembers the
MinHash of every text it has seen (by id and text), so only new or changed texts are hashed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz.distance import LCSseq

__all__ = ["DedupDoc", "DuplicateIndex", "find_duplicates", "is_copy"]

# Words per shingle. 5-word shingles make two independent reports of one event share
# almost nothing (they share names, not 5-word runs), while a copy shares nearly all.
SHINGLE_WORDS = 5
# MinHash permutations and the LSH Jaccard threshold for *candidates*. Deliberately low:
# LSH only proposes pairs, LCS confirms them. A copy with a 20 % different header/footer
# still has Jaccard ~0.6 on 5-shingles; 0.3 leaves margin for trimmed copies
# (hand-calibrated on the project's fictional syndicated copies and the seed articles).
NUM_PERM = 128
LSH_THRESHOLD = 0.3
# Confirmation, on word sequences (rapidfuzz LCS):
# a copy when the longest common word subsequence covers COPY_COVERAGE of the *shorter*
# text and the shorter text is at least COPY_MIN_LENGTH_RATIO of the longer one (a
# 3-sentence teaser of a long article is not a copy of it). Measured: the fictional copy in
# tests/test_dedup.py (own header and footer, one sentence trimmed) covers 0.89; different
# reports of one event cover at most 0.56 (BASIL, 100 events x 3 outlets, which share
# agency quotes) and 0.19 (the five seed articles); 0.75 sits between the two.
COPY_COVERAGE = 0.75
COPY_MIN_LENGTH_RATIO = 0.5
# When the shorter text has fewer words than SHORT_TEXT_WORDS, the common subsequence must
# cover SHORT_COPY_COVERAGE of the *longer* text too: two short stubs that share one
# boilerplate sentence are not copies (10kGNAD has 23- and 33-word "Volltext nicht mehr
# verfügbar" stubs that share 18 words), a re-posted news flash with one word changed is.
SHORT_TEXT_WORDS = 40
SHORT_COPY_COVERAGE = 0.9

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_COMBINING_RE = re.compile(r"[\u0300-\u036f]+")


@dataclass(frozen=True)
class DedupDoc:
    """One article as the duplicate finder sees it.

    ``published`` is an ISO 8601 date or datetime string, or None when unknown.
    """

    id: str
    text: str
    published: str | None = None


@dataclass
class _Entry:
    key: str  # text hash: a changed text under the same id is hashed again
    words: list[str]
    minhash: MinHash | None  # None for texts without words


@dataclass
class DuplicateIndex:
    """MinHashes of texts seen so far, kept between calls of :func:`find_duplicates`.

    Keyed by article id; an entry is recomputed when the text under that id changes.
    Not thread-safe; one index per writer.
    """

    _entries: dict[str, _Entry] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, doc: DedupDoc) -> _Entry:
        key = hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        found = self._entries.get(doc.id)
        if found is not None and found.key == key:
            return found
        words = normalise_words(doc.text)
        mh = _minhash(words) if words else None
        made = _Entry(key, words, mh)
        self._entries[doc.id] = made
        return made


def normalise_words(text: str) -> list[str]:
    """Lower-cased, accent-folded word tokens (punctuation and spacing ignored)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD_RE.findall(_COMBINING_RE.sub("", folded))


def _shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the word shingles (deterministic across processes, unlike hash())."""
    h = np.array([zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words], dtype=np.uint64)
    if len(h) < SHINGLE_WORDS:
        return np.array([zlib.crc32(" ".join(words).encode("utf-8", "surrogatepass"))], dtype=np.uint64)
    n = len(h) - SHINGLE_WORDS + 1
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE_WORDS):  # polynomial rolling combination, wrapped to 32 bits
        acc = (acc * np.uint64(1_000_003) + h[k : k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(acc)


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity)


def _minhash(words: list[str]) -> MinHash:
    # The shingle hashes are already 32-bit ints; datasketch only permutes them. Copying a
    # template reuses its permutations instead of drawing them again for every text.
    mh = _template().copy()
    mh.update_batch(_shingle_hashes(words).tolist())
    return mh


def is_copy(a_words: Sequence[str], b_words: Sequence[str]) -> bool:
    """True when one word sequence is a (possibly re-framed or trimmed) copy of the other.

    Both inputs are outputs of :func:`normalise_words`.
    """
    short, long_ = sorted((a_words, b_words), key=len)
    if not short:
        return False
    if len(short) / len(long_) < COPY_MIN_LENGTH_RATIO:
        return False
    common = LCSseq.similarity(list(short), list(long_))
    if len(short) < SHORT_TEXT_WORDS:
        return common / len(long_) >= SHORT_COPY_COVERAGE
    return common / len(short) >= COPY_COVERAGE


def _order_key(doc: DedupDoc) -> tuple[int, str, str]:
    # Earliest published first; unknown dates after all known ones; ties by id.
    return (0, doc.published, doc.id) if doc.published else (1, "", doc.id)


def find_duplicates(
    docs: Sequence[DedupDoc], index: DuplicateIndex | None = None
) -> dict[str, str]:
    """Find near-duplicate copies among ``docs``.

    Returns ``{copy id: original id}``. Copies that confirm each other (directly or through
    a chain of copies) form one group; its original is the earliest published member (dates
    compared as ISO strings, unknown dates last, ties by id) and every other member maps to
    it. Articles without a copy do not appear. The result depends only on the set of docs,
    not on their order. Duplicate ids in ``docs``: the last one wins.

    ``index`` caches MinHashes between calls (pass all stored plus new articles each time);
    entries for ids not in ``docs`` are kept but ignored.
    """
    by_id = {d.id: d for d in docs}
    ids = sorted(by_id)
    idx = index if index is not None else DuplicateIndex()
    entries = {i: idx.entry(by_id[i]) for i in ids}

    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for i in ids:
        if entries[i].minhash is not None:
            lsh.insert(i, entries[i].minhash)

    checked: set[tuple[str, str]] = set()
    for i in ids:
        e = entries[i]
        if e.minhash is None:
            continue
        for j in sorted(lsh.query(e.minhash)):
            if j <= i or (i, j) in checked:
                continue
            checked.add((i, j))
            if find(i) == find(j):
                continue
            if is_copy(e.words, entries[j].words):
                union(i, j)

    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    result: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda m: _order_key(by_id[m]))
        for m in members:
            if m != original:
                result[m] = original
    return result

