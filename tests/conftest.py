"""Shared test fixtures: paths, a fresh store, the example corpus analysed once per session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Every dossier a test writes to a store (in process, through the CLI runner, in CLI
# subprocesses, through the web app) and every story list a report writes is checked against
# lagebild.contracts: a break fails that test with the JSON path of each problem.
os.environ["LAGEBILD_CHECK_CONTRACTS"] = "1"
# Files lagebild keeps between runs (lagebild.lang.dictionary_cache) go to a directory of
# this session, shared with the CLI subprocesses, never to the user's own cache.
os.environ.setdefault("LAGEBILD_CACHE_DIR", tempfile.mkdtemp(prefix="lagebild-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def store(tmp_path):
    from lagebild.store import open_store

    s = open_store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def example_store(tmp_path_factory):
    """A SQLite store with the whole example corpus analysed (built once per test session)."""
    from lagebild.pipeline import analyze
    from lagebild.store import open_store

    folder = tmp_path_factory.mktemp("examples")
    db = folder / "examples.db"
    s = open_store(db)
    report = analyze([EXAMPLES], s)
    s.close()
    return db, report


@pytest.fixture
def example_copy(example_store, tmp_path):
    """A private copy of the analysed example store, safe to write to."""
    db, _ = example_store
    target = tmp_path / "examples.db"
    shutil.copy(db, target)
    return target


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: this test reads ../shared beside the repository")
    return path
