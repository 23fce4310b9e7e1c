"""simplemma's low-memory dictionaries with their index read from lagebild's cache give the
same lookups as simplemma's own (lagebild.lang.dictionary_cache)."""

from __future__ import annotations

import random

import pytest

from lagebild.lang import dictionary_cache as dc

simplemma = pytest.importorskip("simplemma")
from simplemma.strategies.dictionaries import dictionary_factory  # noqa: E402
from simplemma.strategies.dictionaries.stream_dictionary_factory import _BLOCK_SIZE, StreamMap  # noqa: E402


def _cached() -> dc._Cached:
    return dc._Cached(StreamMap, StreamMap, _BLOCK_SIZE, dictionary_factory.DATA_FOLDER, simplemma.__version__)


def _probe_words(own: StreamMap) -> list[str]:
    words = list(own)
    rnd = random.Random(7)
    picked = rnd.sample(words, 3000) + words[:50] + words[-50:]
    # near misses and words of no dictionary
    return picked + [w + "x" for w in picked[:500]] + [w[:-1] for w in picked[:500] if len(w) > 1] + ["", "zzzq", "Ärger"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_index_read_back_from_the_cache_answers_as_simplemma_does(tmp_path, monkeypatch, lang):
    monkeypatch.setenv(dc.CACHE_ENV, str(tmp_path))
    own = StreamMap(lang)
    first = _cached()(lang)  # built and written
    files = list((tmp_path / "simplemma").glob(f"{lang}-*.marshal"))
    assert len(files) == 1
    again = _cached()(lang)  # a new process: read from the file
    assert again is not first
    for w in _probe_words(own):
        assert own.get(w) == first.get(w) == again.get(w), w
    assert len(again) == len(own)


def test_an_unreadable_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(dc.CACHE_ENV, str(tmp_path))
    _cached()("en")
    (path,) = (tmp_path / "simplemma").glob("en-*.marshal")
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as by a full disk
    got = _cached()("en")
    own = StreamMap("en")
    assert got.get("houses") == own.get("houses") == "house"
    assert path.stat().st_size > 1000  # written anew


def test_a_cache_directory_that_cannot_be_written_leaves_simplemma_as_it_is(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(dc.CACHE_ENV, str(blocked))
    got = _cached()("en")
    assert got.get("houses") == "house"


def test_the_cache_is_off_with_an_empty_setting(monkeypatch):
    monkeypatch.setenv(dc.CACHE_ENV, "")
    assert dc.cache_dir() is None
    monkeypatch.delenv(dc.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert str(dc.cache_dir()) == "/somewhere/lagebild"


def test_lagebild_lookups_go_through_the_cache():
    from lagebild.lang.tokens import is_known, lemma

    assert is_known("Haus", "de") and lemma("Häuser", "de") == "Haus"
    from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

    assert isinstance(LOW_MEMORY_DICTIONARY_FACTORY._get_dictionary, dc._Cached)
