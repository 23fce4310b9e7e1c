"""Speed machinery (issue #9): thread caps, worker pools with identical output, the vector
cache, the cheap one-article dossier and a real Dask LocalCluster. No timings asserted."""

from __future__ import annotations

import json
import os

import pytest

from lagebild.embed import Embedder, available_cores, resolve_threads
from lagebild.pipeline import AnalyzeOptions, analyze
from lagebild.store import open_store

from .conftest import EXAMPLES


def _snapshot(db) -> dict:
    """Stories (members) and every dossier's JSON of a store."""
    s = open_store(db)
    try:
        rows = s.db.query("SELECT id, story_id, duplicate_of FROM articles ORDER BY id")
        dossiers = {sid: s.get_dossier(sid) for sid in s.story_ids()}
    finally:
        s.close()
    return {"articles": rows, "dossiers": json.loads(json.dumps(dossiers, sort_keys=True))}


# --- threads ---------------------------------------------------------------------------

def test_threads_never_exceed_the_cores_available(monkeypatch):
    cores = available_cores()
    assert cores == len(os.sched_getaffinity(0))
    monkeypatch.delenv("LAGEBILD_THREADS", raising=False)
    for asked in (None, 1, 2, 4, 64):
        assert 1 <= resolve_threads(asked) <= cores
    monkeypatch.setenv("LAGEBILD_THREADS", "99")
    assert resolve_threads() == cores
    assert resolve_threads(1) == 1  # --threads wins over the environment


def test_parallel_workers_get_one_thread_each(monkeypatch):
    monkeypatch.setenv("LAGEBILD_THREADS", "8")
    assert resolve_threads(8, workers=2) == 1
    assert resolve_threads(None, workers=3) == 1


def test_pool_workers_use_one_blas_thread():
    from lagebild.scale.pool import LocalPool

    with LocalPool(2) as pool:
        got = list(pool.imap(_blas_threads, range(4)))
    assert got and all(n == 1 for n in got)


def _blas_threads(_: int) -> int:
    from threadpoolctl import threadpool_info

    return max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"), default=1)


# --- no work twice ---------------------------------------------------------------------

def test_second_embed_of_the_same_texts_computes_nothing(store):
    texts = ["Der Bundestag hat am Donnerstag abgestimmt.", "Die Polizei sperrte die Brücke.", "Der Bundestag hat am Donnerstag abgestimmt."]
    first = Embedder(store)
    v1 = first.embed(texts)
    assert first.computed == 2
    again = Embedder(store)  # a new run: nothing in memory, everything in the store
    v2 = again.embed(texts)
    assert again.computed == 0 and again.cached == 2
    assert (v1 == v2).all()  # fresh and cached vectors are identical (float16-rounded both)


def test_embedder_memo_is_bounded():
    emb = Embedder(None, memo_limit=3)
    emb.embed([f"Satz Nummer {i} über das Wetter." for i in range(7)])
    assert len(emb._memo) == 3


def test_dossier_stage_embeds_nothing_on_a_rebuild(example_copy):
    from lagebild.pipeline import build_dirty_dossiers

    s = open_store(example_copy)
    try:
        n_vectors = s.count("embeddings")
        s.db.execute("UPDATE stories SET dirty = 1")
        rebuilt = build_dirty_dossiers(s, None, lambda *a: None)
        assert rebuilt and s.count("embeddings") == n_vectors
    finally:
        s.close()


def test_dossier_vectors_held_back_are_written_when_the_stage_ends(example_copy, monkeypatch):
    from lagebild import pipeline

    monkeypatch.setattr(pipeline, "VECTOR_BATCH", 10**9)  # nothing written during the stage
    s = open_store(example_copy)
    try:
        s.db.execute("DELETE FROM embeddings")
        s.db.execute("UPDATE stories SET dirty = 1")
        assert pipeline.build_dirty_dossiers(s, None, lambda *a: None)
        n_vectors = s.count("embeddings")
        assert n_vectors > 0
        s.db.execute("UPDATE stories SET dirty = 1")
        pipeline.build_dirty_dossiers(s, None, lambda *a: None)
        assert s.count("embeddings") == n_vectors  # all of them were kept
    finally:
        s.close()


def test_a_failing_vector_write_fails_no_dossier(example_copy, monkeypatch):
    from lagebild import pipeline
    from lagebild.store import Store

    def broken(self, vectors):
        raise OSError("disk full")

    monkeypatch.setattr(pipeline, "VECTOR_BATCH", 1)
    monkeypatch.setattr(Store, "put_vectors", broken)
    s = open_store(example_copy)
    try:
        s.db.execute("DELETE FROM embeddings")
        s.db.execute("UPDATE stories SET dirty = 1")
        n = len(s.story_ids())
        assert len(pipeline.build_dirty_dossiers(s, None, lambda *a: None)) == n
        assert s.count("embeddings") == 0 and not s.dirty_stories()
    finally:
        s.close()


def test_one_article_story_gets_a_valid_cheap_dossier(tmp_path):
    from lagebild.compare.quotes import group_quotes
    from lagebild.extract import extract_article
    from lagebild.models import RawArticle
    from lagebild.pipeline import prepare_article

    text = (
        "Die Stadt Wexcombe sperrt die Hafenbrücke. „Wir haben keine andere Wahl gehabt“, sagte "
        "Bürgermeisterin Anna Berger am Montag. Die Sperrung soll drei Wochen dauern. "
        "„Wir haben keine andere Wahl gehabt“, wiederholte Berger später."
    )
    art = prepare_article(RawArticle(id="solo", text=text, outlet="Hafenbote"), "h")
    ex = {"solo": extract_article(art)}

    def no_embedding(texts: list[str]):
        raise AssertionError(f"a one-article quote grouping embedded {texts!r}")

    groups = group_quotes([art], ex, no_embedding)
    assert all(len({c.article for c in g.carriers}) == 1 for g in groups)
    s = open_store(tmp_path / "solo.db")
    try:
        analyze([RawArticle(id="solo", text=text, outlet="Hafenbote")], s, AnalyzeOptions(workers=1))
        (sid,) = s.story_ids()
        doc = s.get_dossier(sid)
    finally:
        s.close()
    assert doc["schema"] == "lagebild/dossier@1" and doc["story"]["article_count"] == 1
    n = len(doc["articles"][0]["sentences"])
    for item in doc["summary"] + doc["facts"]:
        assert all(r["article"] == "solo" and 0 <= r["sentence"] < n for r in item["support"])
    for q in doc["quotes"]:
        assert all(0 <= c["sentence"] < n for c in q["carriers"])


# --- parallel stages: same output ---------------------------------------------------------

@pytest.fixture(scope="module")
def one_worker_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("w1") / "w1.db"
    s = open_store(db)
    analyze([EXAMPLES], s, AnalyzeOptions(workers=1))
    s.close()
    return _snapshot(db)


def test_two_workers_give_the_same_stories_and_dossiers(one_worker_run, tmp_path):
    db = tmp_path / "w2.db"
    s = open_store(db)
    report = analyze([EXAMPLES], s, AnalyzeOptions(workers=2))
    s.close()
    assert report.ok and report.articles_new == len(one_worker_run["articles"])
    two = _snapshot(db)
    assert two["articles"] == one_worker_run["articles"]
    assert two["dossiers"] == one_worker_run["dossiers"]


def test_dask_local_cluster_gives_the_same_result(one_worker_run, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (the dask extra)")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        db = tmp_path / "dask.db"
        s = open_store(db)
        report = analyze([EXAMPLES], s, AnalyzeOptions(scheduler=cluster.scheduler_address))
        s.close()
    assert report.ok
    got = _snapshot(db)
    assert got["articles"] == one_worker_run["articles"]
    assert got["dossiers"] == one_worker_run["dossiers"]


# --- command line -------------------------------------------------------------------------

def test_cli_takes_workers_threads_and_is_silent_with_quiet(tmp_path):
    from typer.testing import CliRunner

    from lagebild.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "bote_faehre.txt").write_text(
        "Fähre in Brelingen auf Grund gelaufen\nDie Fähre „Nordlicht“ ist am Dienstag vor Brelingen auf Grund gelaufen. "
        "Alle 40 Fahrgäste wurden gerettet, sagte Hafenmeister Jan Olsen.\n", "utf-8")
    (src / "kurier_faehre.txt").write_text(
        "Fähre Nordlicht gestrandet\nVor Brelingen ist am Dienstag die Fähre „Nordlicht“ gestrandet. "
        "Alle 40 Passagiere waren bald an Land, berichtete Hafenmeister Jan Olsen.\n", "utf-8")
    runner = CliRunner()
    args = ["analyze", str(src), "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "out"), "--workers", "2", "--threads", "1", "--quiet"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert res.output == ""  # --quiet: no bars, no summary (stderr is mixed into output here)
    assert (tmp_path / "out" / "stories.json").exists()
    res = runner.invoke(app, ["cluster", str(src), "--db", str(tmp_path / "x.db"), "--workers", "1", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["stories"]


def test_cli_names_an_unreachable_scheduler(tmp_path):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (the dask extra)")
    from typer.testing import CliRunner

    from lagebild.cli import app

    (tmp_path / "a.txt").write_text("Ein Satz über die Fähre Nordlicht in Brelingen am Dienstag.\n", "utf-8")
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9", "--quiet"])
    assert res.exit_code == 2 and "Dask scheduler" in res.output


def test_hanta_word_memo_gives_the_same_tags():
    from HanTa import HanoverTagger as ht

    from lagebild.lang.tokens import load_hanta

    words = ["Die", "Bürgermeisterin", "sperrte", "am", "Montag", "die", "Hafenbrücke", ",", "die", "Fähre", "fuhr", "nicht", "."]
    plain, memo = ht.HanoverTagger("morphmodel_ger.pgz"), load_hanta()
    for _ in range(2):  # the second round comes from the memo
        assert memo.tag_sent(words) == plain.tag_sent(words)
        assert [memo.tag_word(w) for w in words] == [plain.tag_word(w) for w in words]


def test_pool_started_from_a_side_thread_works():
    """The web app runs analyses in a job thread: the pool then spawns its workers."""
    import threading

    from lagebild.scale.pool import LocalPool

    got: list[int] = []

    def job() -> None:
        with LocalPool(2) as pool:
            got.extend(pool.imap(_square, range(5)))

    t = threading.Thread(target=job)
    t.start()
    t.join(120)
    assert got == [0, 1, 4, 9, 16]


def _square(x: int) -> int:
    return x * x


def test_report_writer_reads_only_the_dossiers_it_rewrites(tmp_path):
    from lagebild.models import RawArticle
    from lagebild.render.files import write_report

    class CountingStore:
        """The real store, counting dossier reads."""

        def __init__(self, store) -> None:
            self.store, self.reads = store, 0

        def get_dossier(self, sid):
            self.reads += 1
            return self.store.get_dossier(sid)

        def __getattr__(self, name):
            return getattr(self.store, name)

    s = open_store(tmp_path / "r.db")
    try:
        raws = [RawArticle(id=f"a{i}", text=t, outlet=f"o{i}") for i, t in enumerate([
            "Die Fähre Nordlicht ist am Dienstag vor Brelingen auf Grund gelaufen. Alle 40 Fahrgäste wurden gerettet.",
            "In Kessberg hat der Stadtrat am Mittwoch einen neuen Haushalt beschlossen. Er umfasst 12 Millionen Euro.",
        ])]
        analyze(raws, s, AnalyzeOptions(workers=1))
        counting = CountingStore(s)
        out = tmp_path / "out"
        first = write_report(counting, out)
        assert first == len(s.story_ids()) and counting.reads == first
        listing = (out / "stories.json").read_text("utf-8")
        counting.reads = 0
        assert write_report(counting, out, []) == 0
        assert counting.reads == 0  # nothing changed: no dossier is read
        assert (out / "stories.json").read_text("utf-8") == listing
    finally:
        s.close()


def _last_of_twelve(job: tuple[int, str]) -> int:
    """Item 0 waits (up to 20 s) until items 1-11 have all run; they mark themselves done."""
    import time
    from pathlib import Path

    x, folder = job
    if x:
        (Path(folder) / str(x)).touch()
        return x * x
    deadline = time.monotonic() + 20
    while len(list(Path(folder).iterdir())) < 11 and time.monotonic() < deadline:
        time.sleep(0.01)
    return 0


def test_unordered_results_carry_their_index_and_a_long_item_holds_nobody_up(tmp_path, monkeypatch):
    """imap_unordered: every item once, with its index; the items behind a long first one
    finish before it (the other worker goes on instead of waiting for the head). The first
    item lasts until the other eleven have run, so the order does not hang on timing: a pool
    that held the items behind its head back would yield item 0 first, after 20 s.

    The memory bound is lifted here: late in the suite this (pytest) process holds more than
    RECYCLE_RSS_MB, its forked workers count those shared pages as theirs, and replacing
    them waits for the items in flight, item 0 included (the failure CI saw)."""
    from lagebild.scale import pool as pool_mod
    from lagebild.scale.pool import LocalPool

    monkeypatch.setattr(pool_mod, "RECYCLE_RSS_MB", 10**9)

    with LocalPool(2) as pool:
        got = list(pool.imap_unordered(_last_of_twelve, [(i, str(tmp_path)) for i in range(12)]))
    assert sorted(got) == [(i, i * i) for i in range(12)]
    assert got[-1] == (0, 0)
    with LocalPool(1) as pool:
        assert list(pool.imap_unordered(_square, range(4))) == [(i, i * i) for i in range(4)]


def test_worn_workers_are_replaced_and_nothing_is_lost(one_worker_run, tmp_path, monkeypatch):
    """After RECYCLE_TASKS_PER_WORKER tasks a worker is replaced by a fresh fork: every item
    comes back once, and a whole analysis gives the same stories and dossiers."""
    import os

    from lagebild.scale import pool as pool_mod
    from lagebild.scale.pool import LocalPool

    monkeypatch.setattr(pool_mod, "RECYCLE_TASKS_PER_WORKER", 3)
    with LocalPool(2) as pool:
        got = list(pool.imap(_pid_square, range(20)))
        assert [v for v, _ in got] == [i * i for i in range(20)]
        assert pool.recycled >= 2 and len({pid for _, pid in got}) > 2
        unordered = list(pool.imap_unordered(_square, range(15)))
        assert sorted(unordered) == [(i, i * i) for i in range(15)]
    assert os.getpid() not in {pid for _, pid in got}
    db = tmp_path / "recycled.db"
    s = open_store(db)
    report = analyze([EXAMPLES], s, AnalyzeOptions(workers=2))
    s.close()
    assert report.ok
    again = _snapshot(db)
    assert again["articles"] == one_worker_run["articles"]
    assert again["dossiers"] == one_worker_run["dossiers"]


def _pid_square(x: int) -> tuple[int, int]:
    import os

    return x * x, os.getpid()


def test_cleaning_workers_are_forked_first_and_replaced_for_the_next_stage():
    """A pool whose first task is cleaning forks its workers after warm_clean alone and
    loads the other models in this process meanwhile; the next kind of task runs in fresh
    workers forked after that (they share those models), which is no recycling."""
    from lagebild.models import RawArticle
    from lagebild.pipeline import raw_hash
    from lagebild.scale.pool import LocalPool
    from lagebild.scale.tasks import clean_one

    raw = RawArticle(id="a", text="Der Rat tagte am Montag in Bonn. Er beschloss nichts Neues.", outlet="x")
    with LocalPool(2) as pool:
        cleaned = list(pool.imap(clean_one, [(raw, raw_hash(raw))] * 3))
        assert [a.status for a in cleaned] == ["ok"] * 3 and pool.generations == 1
        loaded = list(pool.imap(_hanta_loaded, range(4)))
        assert pool.generations == 2 and pool.recycled == 0
        again = list(pool.imap(clean_one, [(raw, raw_hash(raw))]))
        assert again[0].sentences == cleaned[0].sentences and pool.generations == 2
    assert all(loaded)


def _hanta_loaded(_: int) -> bool:
    from lagebild.lang.tokens import load_hanta

    return load_hanta.cache_info().currsize == 1


def test_workers_past_the_memory_bound_are_replaced(monkeypatch):
    """A worker whose resident memory exceeds RECYCLE_RSS_MB is replaced (here: at once),
    and every item still comes back once, in order."""
    from lagebild.scale import pool as pool_mod
    from lagebild.scale.pool import LocalPool

    monkeypatch.setattr(pool_mod, "RECYCLE_RSS_MB", 1)
    monkeypatch.setattr(pool_mod, "RECYCLE_MIN_OWN_MB", -10**6)  # whatever the parent holds
    monkeypatch.setattr(pool_mod, "RSS_CHECK_EVERY", 4)
    with LocalPool(2) as pool:
        got = list(pool.imap(_pid_square, range(20)))
        assert [v for v, _ in got] == [i * i for i in range(20)]
        assert pool.recycled >= 2 and len({pid for _, pid in got}) > 2
        assert sorted(pool.imap_unordered(_square, range(9))) == [(i, i * i) for i in range(9)]


def test_fresh_workers_of_a_large_parent_are_not_replaced_for_its_memory(monkeypatch):
    """Forked workers count the pages they share with their parent: a parent above
    RECYCLE_RSS_MB (here: a bound of 1 MB) must not have its fresh workers replaced again and
    again. They are replaced once they hold RECYCLE_MIN_OWN_MB more than the parent did."""
    from lagebild.scale import pool as pool_mod
    from lagebild.scale.pool import LocalPool

    monkeypatch.setattr(pool_mod, "RECYCLE_RSS_MB", 1)
    monkeypatch.setattr(pool_mod, "RSS_CHECK_EVERY", 4)
    with LocalPool(2) as pool:
        got = list(pool.imap(_pid_square, range(24)))
        assert [v for v, _ in got] == [i * i for i in range(24)]
        assert pool.recycled == 0 and len({pid for _, pid in got}) <= 2
