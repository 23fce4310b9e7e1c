"""The main job: inputs -> cleaned articles -> embeddings -> copies -> stories -> extraction -> dossiers.

Each stage reads what the store lacks and writes its results in transactions, so a run that
is stopped anywhere (Ctrl-C, kill -9, power loss) leaves a consistent store and the next run
does only what is missing. Re-running the same input changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from .article_stage import WRITE_BATCH, cached_features, run_article_stage
from .embed import BATCH as EMBED_BATCH
from .embed import Embedder, text_hash
from .guard import Guarded, ReportingList, guarded
from .ingest.files import Failure, iter_raw_articles
from .ingest.formats import SKIPPED
from .limits import ARTICLE_TIME_BUDGET_S, MAX_SENTENCES, LimitExceeded, check_raw_size
from .models import Article, RawArticle, Removed
from .scale.pool import LocalPool, Runner, open_runner
from .scale.tasks import (
    DossierResult,
    DossierTask,
    build_one_dossier_guarded,
    clean_one,
    embed_texts_guarded,
)
from .store import Store
from .storyline_view import StorylineView, storyline_fields

log = logging.getLogger(__name__)

__all__ = ["AnalyzeOptions", "Progress", "RunReport", "analyze", "prepare_article", "prepare_article_guarded", "raw_hash",
           "storyline_fields"]

# progress(stage, done, total): called as work advances; total may be 0 when unknown.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class AnalyzeOptions:
    """Knobs of one analysis run."""

    build_dossiers: bool = True
    extract: bool = True
    # URL inputs on loopback/private addresses are refused unless allowed (tests, intranets).
    allow_private_urls: bool = False
    # Seconds to wait for a feed or page before reporting it as failed.
    url_timeout: float = 10.0
    # Follow symlinks inside input folders that lead out of them (skipped and named by default).
    follow_symlinks: bool = False
    # Worker processes for cleaning, embedding, extraction and dossiers (None: the cores
    # available, see scale.pool.default_workers); BLAS threads per embedder (None: see
    # embed.resolve_threads); a Dask scheduler address (tcp://HOST:PORT) runs the same work
    # on a Dask cluster instead. The store is written by this process only.
    workers: int | None = None
    threads: int | None = None
    scheduler: str | None = None


@dataclass
class RunReport:
    articles_seen: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    embedded_sentences: int = 0
    cached_sentences: int = 0
    stories_changed: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # every article read in this run
    skipped: list[Failure] = field(default_factory=list)  # inputs that are not articles (notes)
    no_outlet: list[str] = field(default_factory=list)  # new articles with neither outlet nor URL

    @property
    def ok(self) -> bool:
        return not any(f.fatal for f in self.failures)


def raw_hash(raw: RawArticle) -> str:
    """Hash of an article's content and metadata (not of where it was read from)."""
    payload = json.dumps(
        [raw.text, raw.html, raw.title, raw.url, raw.outlet, raw.published, raw.language, raw.author],
        ensure_ascii=False,
    )
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


def prepare_article(raw: RawArticle, content_hash: str = "") -> Article:
    """Clean one raw article, find its language and split it into sentences.

    Never raises for bad content: a failure comes back as an Article with status "failed".
    """
    from .outlets import domain_of
    from .text.clean import clean_article
    from .text.language import detect_language
    from .text.sentences import split_sentences

    try:
        check_raw_size(raw)
        c = clean_article(raw)
    except LimitExceeded as e:
        return _failed(raw, content_hash, "clean", str(e))
    except Exception as e:
        return _failed(raw, content_hash, "clean", f"cleaning failed: {type(e).__name__}: {e}")
    if not c.text.strip():
        return _failed(raw, content_hash, "clean", "no article text left after removing boilerplate", c.removed)
    try:
        lang = raw.language or c.language or detect_language(c.text)
        sentences = split_sentences(c.text, lang)
    except Exception as e:
        return _failed(raw, content_hash, "sentences", f"sentence splitting failed: {type(e).__name__}: {e}", c.removed)
    if not sentences:
        return _failed(raw, content_hash, "sentences", "no sentences found in the article text", c.removed)
    text, removed = c.text, tuple(c.removed)
    if len(sentences) >= MAX_SENTENCES and text[sentences[-1].end :].strip():
        rest = text[sentences[-1].end :].strip()
        text = text[: sentences[-1].end]
        removed += (Removed(rest[:200] + ("…" if len(rest) > 200 else ""), f"cut: more than {MAX_SENTENCES:,} sentences (limit per article)"),)
    return Article(
        id=raw.id,
        text=text,
        title=c.title or raw.title,
        url=c.url or raw.url,
        outlet=c.outlet or raw.outlet or domain_of(c.url or raw.url),
        published=c.published,
        published_from=c.published_from,
        language=lang,
        author=c.author or raw.author,
        source=raw.source,
        content_hash=content_hash,
        removed=removed,
        sentences=tuple(sentences),
    )


def prepare_article_guarded(raw: RawArticle, content_hash: str = "") -> Article:
    """``prepare_article`` under the per-article time budget; any crash becomes a failed Article."""
    res = guarded(prepare_article, raw, content_hash, budget=ARTICLE_TIME_BUDGET_S, what=f"article {raw.id}")
    if res.value is not None:
        return res.value
    return _failed(raw, content_hash, "clean", f"cleaning failed: {res.error}")


def _failed(raw: RawArticle, h: str, stage: str, reason: str, removed: Sequence[Removed] = ()) -> Article:
    return Article(
        id=raw.id,
        text=raw.text or "",
        title=raw.title,
        url=raw.url,
        outlet=raw.outlet,
        published=raw.published,
        published_from="input" if raw.published else "unknown",
        language=raw.language,
        source=raw.source,
        content_hash=h,
        removed=tuple(removed),
        status="failed",
        stage=stage,
        reason=reason,
    )


def analyze(
    inputs: Iterable[str | Path | RawArticle],
    store: Store,
    options: AnalyzeOptions | None = None,
    progress: Progress | None = None,
    stdin: IO[str] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> RunReport:
    """Analyse inputs into the store and (re)build the dossiers of every story that changed.

    ``on_failure`` is called with each failure as it happens (they are also in the report).
    """
    opt = options or AnalyzeOptions()
    report = RunReport()
    report.failures = ReportingList(on_failure)
    tick = progress or (lambda stage, done, total: None)

    with open_runner(opt.workers, opt.threads, opt.scheduler, store.db.where) as runner:
        _clean_stage(inputs, store, opt, report, tick, stdin, runner)
        complete(store, opt, report, tick, runner)
    return report


def _clean_stage(
    inputs: Iterable[str | Path | RawArticle],
    store: Store,
    opt: AnalyzeOptions,
    report: RunReport,
    tick: Progress,
    stdin: IO[str] | None,
    runner: Runner,
) -> None:
    """Ingest and clean (one task per article), in batches; unchanged articles are skipped."""
    known = store.article_hashes()
    failed_before = {f["id"]: f for f in store.failed_articles()} if any(st == "failed" for _, st in known.values()) else {}
    seen_ids: set[str] = set()
    # (raw, hash, was stored before) of each article handed to the runner, in order
    queued: deque[tuple[RawArticle, str, bool]] = deque()

    def to_clean() -> Iterator[tuple[RawArticle, str]]:
        for item in iter_raw_articles(
            inputs, stdin=stdin, allow_private_urls=opt.allow_private_urls, url_timeout=opt.url_timeout, follow_symlinks=opt.follow_symlinks
        ):
            if isinstance(item, Failure):
                (report.skipped if item.stage == SKIPPED else report.failures).append(item)
                continue
            report.articles_seen += 1
            if item.id in seen_ids:
                report.failures.append(Failure(item.source or item.id, f"article id {item.id!r} given twice in this run; the first one was kept"))
                continue
            seen_ids.add(item.id)
            report.article_ids.append(item.id)
            h = raw_hash(item)
            old = known.get(item.id)
            if old and old[0] == h:
                report.articles_unchanged += 1
                if old[1] == "failed":
                    row = failed_before.get(item.id)
                    if row:
                        report.failures.append(Failure(item.source or item.id, row["reason"] or "failed", row["stage"] or "clean"))
                continue
            queued.append((item, h, old is not None))
            yield item, h

    batch: list[tuple[RawArticle, str, Article]] = []
    done = 0
    for done, art in enumerate(runner.imap(clean_one, to_clean()), 1):
        item, h, was_known = queued.popleft()
        if art.status == "failed":
            report.failures.append(Failure(item.source or item.id, art.reason or "failed", art.stage or "clean"))
        if was_known:
            report.articles_changed += 1
        else:
            report.articles_new += 1
        batch.append((item, h, art))
        if art.status == "ok" and not art.outlet:
            report.no_outlet.append(art.id)
        tick("clean", done, 0)
        if len(batch) >= WRITE_BATCH:
            _put_articles(store, batch, report)
            batch = []
    if batch:
        _put_articles(store, batch, report)
    if done:
        tick("clean", done, done)  # the count is known now: the bar completes
    log.info(
        "clean: %d new, %d changed, %d unchanged, %d failed",
        report.articles_new, report.articles_changed, report.articles_unchanged, len(report.failures),
    )


def _put_articles(store: Store, batch: list[tuple[RawArticle, str, Article]], report: RunReport) -> None:
    """Write a batch; when the batch fails, write article by article so only the bad one is lost."""
    try:
        _put(store, batch)
        return
    except Exception:  # a write that fails for one article's content must not lose the batch
        log.debug("batch write failed; writing its %d articles one by one", len(batch), exc_info=True)
    for item in batch:
        try:
            _put(store, [item])
        except Exception as e:  # one article per transaction is the point here
            raw = item[0]
            report.failures.append(Failure(raw.source or raw.id, f"could not be stored: {type(e).__name__}: {e}", "store"))


def _put(store: Store, batch: list[tuple[RawArticle, str, Article]]) -> None:
    from .outlets import Registry

    store.put_articles(batch)
    Registry(store.db).learn(a for _, _, a in batch if a.status == "ok")


def complete(store: Store, opt: AnalyzeOptions, report: RunReport, tick: Progress, runner: Runner | None = None) -> None:
    """Run every stage for whatever the store still lacks (also finishes an interrupted run).

    Each stage guards each article and story: a failure is recorded on it and reported, and
    the run goes on with the rest.
    """
    if runner is None:
        with open_runner(opt.workers, opt.threads, opt.scheduler, store.db.where) as own:
            complete(store, opt, report, tick, own)
        return
    embedder = Embedder(store, threads=opt.threads)
    # copies are looked for only when articles came or changed (or a run stopped before)
    news = bool(report.articles_new or report.articles_changed or store.pending_embedding() or store.pending_story())
    _embed_stage(store, embedder, report, tick, runner)
    if news:
        _dedup_stage(store, report)
    # features for clustering and the extraction of each article: one task per article in
    # the workers (they share the article's tags); neither depends on the stories
    run_article_stage(store, embedder, tick, runner, partial(_article_failed, store, report),
                      features=bool(store.pending_story()), extract=opt.extract)
    _cluster_stage(store, embedder, tick, report=report)
    if opt.build_dossiers:
        report.stories_changed = build_dirty_dossiers(store, embedder, tick, runner, report.failures)


def _article_failed(store: Store, report: RunReport, a: Article, stage: str, error: str) -> None:
    reason = f"{stage} failed: {error}"
    store.mark_article_failed(a.id, stage, reason)
    report.failures.append(Failure(a.source or a.id, reason, stage))


# Articles whose missing sentences are gathered into one round of embedding work: several
# 256-sentence batches per round keep every worker busy (10kGNAD: ~20 sentences/article).
EMBED_ROUND = 200


@dataclass
class _EmbedRound:
    """EMBED_ROUND articles of the embedding stage and their batches still out."""

    end: int
    ids: list[str]
    articles: list[Article]
    left: int
    failed: bool = False


def _embed_stage(store: Store, embedder: Embedder, report: RunReport, tick: Progress, runner: Runner) -> None:
    """Embed the sentences no vector is stored for, in fixed batches (the same batches
    whatever the number of workers, so the vectors are too). The batches of all rounds go
    to the workers as one stream: a round waiting for its last batch keeps no worker idle."""
    ids = store.pending_embedding()
    if not ids:
        return
    total = len(ids)
    rounds: deque[_EmbedRound] = deque()  # rounds not yet finished, in order
    owner: deque[_EmbedRound] = deque()  # the round of each batch handed out, in order

    def batches() -> Iterator[list[str]]:
        for start in range(0, total, EMBED_ROUND):
            chunk_ids = ids[start : start + EMBED_ROUND]
            chunk = store.articles(chunk_ids)
            todo: dict[str, str] = {}
            for a in chunk:
                for s in a.sentences:
                    todo.setdefault(text_hash(s.text), s.text)
            have = store.get_vectors(list(todo))
            missing = [t for h, t in todo.items() if h not in have]
            report.cached_sentences += len(todo) - len(missing)
            parts = [missing[i : i + EMBED_BATCH] for i in range(0, len(missing), EMBED_BATCH)]
            rnd = _EmbedRound(min(start + EMBED_ROUND, total), chunk_ids, chunk, len(parts))
            rounds.append(rnd)
            for part in parts:
                owner.append(rnd)
                yield part

    def finish_rounds() -> None:
        while rounds and rounds[0].left == 0:
            rnd = rounds.popleft()
            if rnd.failed:  # find the article that fails (in this process) and keep the rest
                for a in rnd.articles:
                    one = guarded(embedder.embed, [s.text for s in a.sentences], budget=ARTICLE_TIME_BUDGET_S, what=f"embed {a.id}")
                    if not one.ok:
                        _article_failed(store, report, a, "embed", one.error or "")
            store.mark_embedded(rnd.ids)
            tick("embed", rnd.end, total)

    for res in runner.imap(embed_texts_guarded, batches()):
        rnd = owner.popleft()
        rnd.left -= 1
        if res.value is None:
            rnd.failed = True
        else:
            store.put_vectors(res.value)
            report.embedded_sentences += len(res.value)
        finish_rounds()
    finish_rounds()  # rounds with nothing to embed, after the last batch
    report.embedded_sentences += embedder.computed
    log.info("embed: %d articles, %d sentences embedded, %d from cache", total, report.embedded_sentences, report.cached_sentences)


def _dedup_stage(store: Store, report: RunReport) -> None:
    from .dedup import DedupDoc, find_duplicates

    def find() -> tuple[dict[str, str | None], int, int]:
        # id, text and date straight from their columns: no article JSON is parsed here
        rows = store.dedup_rows()
        found = find_duplicates([DedupDoc(r["id"], r["text"] or "", r["published"]) for r in rows])
        # only the articles whose copy status changed are written
        return {r["id"]: found.get(r["id"]) for r in rows if found.get(r["id"]) != r["duplicate_of"]}, len(found), len(rows)

    res = guarded(find, what="dedup")
    if res.value is None:
        report.failures.append(Failure("(all articles)", f"finding copies failed: {res.error}; copies are not marked in this run", "dedup"))
        return
    mapping, n_copies, n_docs = res.value
    changed = store.set_duplicates(mapping)
    log.info("dedup: %d of %d articles are copies; %d stories touched", n_copies, n_docs, len(set(changed)))


def _cluster_stage(store: Store, embedder: Embedder, tick: Progress, force: bool = False, report: RunReport | None = None) -> None:
    """Re-cluster every article whenever some are new: the stories equal a one-batch run on
    the whole store, whatever the order and the increments the articles came in; stories
    that continue keep their ids (:func:`lagebild.cluster.recluster`). Features are cached
    per article (table story_features). An article whose features fail is recorded as
    failed (stage "cluster"); a failing re-clustering is reported and retried next run."""
    from .cluster import article_features, features_from_json, features_to_json, recluster

    pending = store.pending_story()
    if not pending and not force:
        return
    current, missing = cached_features(store)
    features = [features_from_json(row[1], row[2]) for row in current.values()]
    rows = []
    for start in range(0, len(missing), WRITE_BATCH):
        for a in store.articles(missing[start : start + WRITE_BATCH]):
            res = guarded(lambda a=a: article_features(a, embedder.embed([s.text for s in a.sentences])), budget=ARTICLE_TIME_BUDGET_S)
            if res.value is None:
                if report is not None:
                    _article_failed(store, report, a, "cluster", res.error or "")
                continue
            f = res.value
            features.append(f)
            rows.append((a.id, a.content_hash, features_to_json(f), f.vector.astype("<f4").tobytes()))
        tick("features", min(start + WRITE_BATCH, len(missing)), len(missing))
    if rows:
        store.put_story_features(rows)
    previous = store.story_assignments()
    corrections = store.corrections()
    together = [(a, b) for _i, kind, a, b in corrections if kind == "together"]
    apart = [(a, b) for _i, kind, a, b in corrections if kind == "apart"]
    grouped = guarded(recluster, features, previous, together=together, apart=apart, what="clustering")
    if grouped.value is None:
        if report is not None:
            report.failures.append(Failure("(new articles)", f"grouping into stories failed: {grouped.error}; retried next run", "cluster"))
        return
    states = grouped.value
    changed = [s for s in states if any(previous.get(a) != s.id for a in s.article_ids) or
               sum(1 for v in previous.values() if v == s.id) != len(s.article_ids)]
    assignments = {a: s.id for s in changed for a in s.article_ids}
    store.save_stories([(s.id, s.to_json(), s.centroid_bytes()) for s in changed], assignments)
    alive = {s.id for s in states}
    gone = sorted({sid for sid in previous.values() if sid not in alive})
    if gone:
        store.drop_stories(gone)
    from .clustering.storylines import related_stories

    store.put_story_links(related_stories(states))
    tick("cluster", len(pending), len(pending))
    log.info("cluster: %d articles placed; %d stories new or changed, %d gone", len(pending), len(changed), len(gone))


def apply_corrections(
    store: Store, items: Sequence[tuple[str, str, str]], company: Sequence[str] = (), progress: Progress | None = None
) -> list[str]:
    """Store corrections ("together"/"apart", article, other article; ``company``: articles
    that form one story from now on), re-cluster and rebuild the dossiers of every story
    that changed; returns their ids."""
    tick = progress or (lambda stage, done, total: None)
    store.add_corrections(items, company)
    embedder = Embedder(store)
    before = store.story_assignments()
    _cluster_stage(store, embedder, tick, force=True)
    after = store.story_assignments()
    moved = [a for a in set(before) | set(after) if before.get(a) != after.get(a)]
    changed = sorted({s for a in moved for s in (before.get(a), after.get(a)) if s})
    if store.count("dossiers"):  # dossiers were built (analyze): rebuild the affected ones
        build_dirty_dossiers(store, embedder, tick)
    return changed


# A story whose dossier fails is tried this many times with the same articles (the run it
# failed in and the next), then left failed until its articles change.
STORY_ATTEMPTS = 2
# The vectors dossier tasks send back are written this many at a time (and at the end of the
# stage), not one transaction per dossier: they are a cache keyed by content hash, so a run
# killed before a write only computes them again. Each write rewrites the index pages its
# random keys land on: 44,000 vectors into a new SQLite store took 2.55 s (1.41 CPU-s) in
# writes of 50 and 1.56 s (1.04 CPU-s) in writes of 5,000 (2026-12-02; the 10kGNAD speed
# bench's dossier stage sends back about that many).
VECTOR_BATCH = 4096


def build_dirty_dossiers(
    store: Store, embedder: Embedder | None, tick: Progress, runner: Runner | None = None, failures: list[Failure] | None = None
) -> list[str]:
    """Rebuild the dossier of every story marked dirty; returns the ids built.

    One story is one task (``scale.tasks.build_one_dossier_guarded``); vectors a task computes
    come back with its dossier and are stored here. A story that fails is recorded as failed
    (stage, reason) and stays dirty; it is retried once on the next run and, failing again
    with the same articles, left failed without blocking the others. Each failure is
    appended to ``failures``.
    """
    if runner is None:
        with LocalPool(1) as own:
            return build_dirty_dossiers(store, embedder, tick, own, failures)
    from .outlets import Registry

    registry = Registry(store.db)
    dirty = store.dirty_stories()
    storylines = StorylineView(store)
    queued: list[tuple[str, str]] = []  # (story, fingerprint) of each task handed out, in order
    # Results are taken as they finish (a long story does not hold the other workers up).
    # Storyline fields name related stories by the titles dossiers built earlier in id order
    # gave them (StorylineView.fields): a dossier whose related story with a smaller id is
    # still being built waits here until that one is stored or has failed. Stories are
    # handed out in id order, so a story waits only for ones already in flight: few results
    # wait, whatever the number of stories (handed out largest first, many could wait for
    # small ones handed out last, and the main process held their dossiers).
    unresolved = set(dirty)
    titles: dict[str, str] = {}  # story -> title of the dossier built for it in this stage
    waiting: dict[str, tuple[str, DossierResult]] = {}
    built: list[str] = []

    def task(sid: str) -> DossierTask:
        members = store.story_members(sid)
        arts = registry.named(store.articles(members))
        ex = store.extractions(members)
        built_for = hashlib.sha1("|".join(f"{a.id}:{a.content_hash}:{a.duplicate_of}" for a in arts).encode()).hexdigest()
        return DossierTask(sid, built_for, tuple(arts), ex)

    def story_failed(sid: str, built_for: str, error: str) -> None:
        attempts = store.record_story_failure(sid, built_for, "dossier", error)
        if failures is not None:
            again = " (retried on the next run)" if attempts < STORY_ATTEMPTS else " (failed again with the same articles: left failed until they change)"
            failures.append(Failure(f"story {sid}", f"dossier failed: {error}{again}", "dossier"))

    def tasks() -> Iterator[DossierTask]:
        for sid in dirty:
            # the fingerprint failures are recorded for (read without parsing any article)
            built_for = store.story_built_for(sid)
            before = store.story_failure(sid)
            if before is not None and before["failed_for"] == built_for and before["attempts"] >= STORY_ATTEMPTS:
                if failures is not None:
                    failures.append(Failure(f"story {sid}", f"left failed (failed {before['attempts']} times with the same articles): {before['reason']}", "dossier"))
                resolved(sid)
                continue
            prepared = guarded(task, sid, what=f"story {sid}")  # a stored article that cannot be read
            if prepared.value is None:
                story_failed(sid, built_for, prepared.error or "failed")
                resolved(sid)
                continue
            queued.append((sid, built_for))
            yield prepared.value

    pending: dict[str, Any] = {}  # vectors of stored dossiers not written yet (VECTOR_BATCH)

    def store_one(res: DossierResult) -> None:
        if res.new_vectors:
            pending.update(res.new_vectors)
        doc = res.doc
        doc["story"].update(storylines.fields(res.story_id, built=titles))
        # the worker's search text: the storyline fields added here are not searched
        store.put_dossier(res.story_id, res.built_for, doc, res.search_text)
        log.debug("dossier %s: %d articles, %d facts, %d contradictions", res.story_id, len(doc["articles"]), len(doc["facts"]), len(doc["contradictions"]))

    def write_vectors() -> None:
        """Store the held-back vectors; a write that fails drops them (a cache: they are
        computed again when needed) and fails no story."""
        try:
            if pending:
                store.put_vectors(pending)
        finally:
            pending.clear()

    def finish(sid: str, built_for: str, res: DossierResult) -> None:
        outcome: Guarded[None] = guarded(store_one, res, what=f"story {sid}")
        if outcome.ok:
            built.append(sid)
            titles[sid] = res.doc["story"]["title"]
        else:
            story_failed(sid, built_for, outcome.error or "failed")
        if len(pending) >= VECTOR_BATCH:
            guarded(write_vectors, what="dossier vectors")
        resolved(sid)

    def resolved(sid: str) -> None:
        """``sid`` is stored or failed: store the dossiers that waited only for it."""
        unresolved.discard(sid)
        for other in sorted(waiting):
            if other in waiting and not blocked(other):
                finish(other, *waiting.pop(other))

    def blocked(sid: str) -> bool:
        return any(o < sid and o in unresolved for o in storylines.links(sid))

    fn = partial(build_one_dossier_guarded, vectors=store) if runner.in_process else build_one_dossier_guarded
    try:
        for n, (i, got) in enumerate(runner.imap_unordered(fn, tasks()), 1):
            sid, built_for = queued[i]
            if got.value is None:
                story_failed(sid, built_for, got.error or "failed")
                resolved(sid)
            elif blocked(sid):
                waiting[sid] = (built_for, got.value)
            else:
                finish(sid, built_for, got.value)
            tick("dossier", n, len(dirty))
        for sid in sorted(waiting):  # none left: every story it waited for is resolved by now
            if sid in waiting:
                finish(sid, *waiting.pop(sid))
    finally:
        guarded(write_vectors, what="dossier vectors")  # a cache: failing to write loses nothing
    if dirty:
        from .store.tables import prune_story_tables

        prune_story_tables(store.db)
    log.info("dossier: %d stories rebuilt, %d failed", len(built), len(dirty) - len(built))
    return sorted(built)  # in story id order, as the dirty stories are listed
