"""The per-article stage after embedding: clustering features and extraction, one task each.

Both read the same sentences with the same tools (HanTa tags, the entity tagger, the TIMEX
rules): run as one task per article (``scale.tasks.analyse_article``), the worker that reads
an article reads it once, and both run in the worker pool instead of the features being
computed in the parent alone (issue #9; the 10kGNAD speed bench spent 24 s in the parent on
features while the second core waited).

The features are cached per article (table story_features) and read back by the clustering
stage (:func:`lagebild.pipeline._cluster_stage`), which computes in-process whatever is still
missing; extractions go to their table as before. Output is that of running the two apart:
neither reads what the other writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from .embed import Embedder
from .guard import guarded
from .limits import ARTICLE_TIME_BUDGET_S
from .models import Article, Extraction
from .scale.pool import Runner
from .scale.tasks import ArticleResult, ArticleTask, analyse_article
from .store import Store

log = logging.getLogger(__name__)

__all__ = ["WRITE_BATCH", "cached_features", "features_missing", "run_article_stage"]

# Articles read (and cleaned) and results written per transaction: small enough that an
# interrupted run loses little work, large enough that SQLite commits do not dominate
# (10kGNAD speed bench). The pipeline's stages use the same.
WRITE_BATCH = 50

# fail(article, stage, error): record an article as failed at a stage (the pipeline's).
Fail = Callable[[Article, str, str], None]


def cached_features(store: Store) -> tuple[dict[str, tuple[str, str, bytes]], list[str]]:
    """(ok article id -> its cached features row, when current; the ids, in order, of the ok
    articles whose features are not cached for their current content by the current
    FEATURES_VERSION). The one rule for both this stage and the clustering stage."""
    from .cluster import features_current

    cached = store.story_features()
    current: dict[str, tuple[str, str, bytes]] = {}
    missing: list[str] = []
    for aid, h in sorted(store.ok_content_hashes().items()):
        row = cached.get(aid)
        if row and row[0] == h and features_current(row[1]):
            current[aid] = row
        else:
            missing.append(aid)
    return current, missing


def features_missing(store: Store) -> list[str]:
    """Ids (in order) of the ok articles whose clustering features must be computed."""
    return cached_features(store)[1]


def run_article_stage(
    store: Store,
    embedder: Embedder,
    tick: Callable[[str, int, int], None],
    runner: Runner,
    fail: Fail,
    *,
    features: bool,
    extract: bool,
) -> None:
    """Compute the missing features (when ``features``) and extractions (when ``extract``)
    of the stored ok articles, one task per article in the runner; progress as "extract"."""
    from .cluster import ArticleFeatures, features_to_json

    feat_ids = set(features_missing(store)) if features else set()
    ex_ids = set(store.pending_extraction()) if extract else set()
    ids = sorted(feat_ids | ex_ids)
    if not ids:
        return
    queued: dict[int, Article] = {}  # the article of each task handed out and not yet back

    def tasks() -> Iterator[ArticleTask]:
        given = 0
        for start in range(0, len(ids), WRITE_BATCH):
            for a in store.articles(ids[start : start + WRITE_BATCH]):
                vectors = None
                if a.id in feat_ids:
                    # the sentence vectors (stored by the embedding stage), read here: the
                    # task needs no store
                    got = guarded(embedder.embed, [s.text for s in a.sentences], budget=ARTICLE_TIME_BUDGET_S)
                    if got.value is None:
                        fail(a, "cluster", got.error or "")
                        continue
                    vectors = got.value
                queued[given] = a
                given += 1
                yield ArticleTask(a, vectors, a.id in ex_ids)

    feature_rows: list[tuple[str, str, str, bytes]] = []
    extraction_rows: list[tuple[str, str, Extraction]] = []
    tags: dict[str, str] = {}

    def flush() -> None:
        if tags:  # the sentences' tags, for dossier tasks in other processes
            store.put_sentence_tags(tags)
            tags.clear()
        if feature_rows:
            store.put_story_features(feature_rows)
            feature_rows.clear()
        if extraction_rows:
            store.put_extractions(extraction_rows)
            extraction_rows.clear()

    n_feat = n_ex = 0
    res: ArticleResult
    # results as they finish (an article that takes long does not hold the other workers up)
    for n, (i, res) in enumerate(runner.imap_unordered(analyse_article, tasks()), 1):
        a = queued.pop(i)
        if res.features is not None:
            f = res.features.value
            if not isinstance(f, ArticleFeatures):
                fail(a, "cluster", res.features.error or "")
                tick("extract", n, len(ids))
                continue
            feature_rows.append((a.id, a.content_hash, features_to_json(f), f.vector.astype("<f4").tobytes()))
            n_feat += 1
        if res.extraction is not None:
            if res.extraction.value is None:
                fail(a, "extract", res.extraction.error or "")
            else:
                extraction_rows.append(res.extraction.value)
                tags.update(res.tags)
                n_ex += 1
        if len(feature_rows) + len(extraction_rows) >= WRITE_BATCH:
            flush()
        tick("extract", n, len(ids))
    flush()
    log.info("features and extraction: %d articles (%d features, %d extractions)", len(ids), n_feat, n_ex)
