"""simplemma's low-memory dictionaries, their lookup index kept on disk between runs.

simplemma's low-memory backend keeps each language's dictionary as one front-coded byte
stream and, to look words up, an index of every 32nd record. Building that index decodes the
whole stream in Python on every process start: 1.3 s for German and 4.4 s for the seven
languages lagebild consults (de, en, es and the foreign-word candidates), measured
2026-12-02. The main process builds them while its first workers clean, and there it took
the time the main process needs to hand out the cleaning tasks (issue #9: the first ~15 s
of the 10kGNAD speed run kept the two cores 65 % busy).

:func:`install` makes that backend keep each built index in a cache file
(``marshal``, ~27 MB for the seven languages) and read it back on the next start (~0.1 s
for all seven). The file name holds simplemma's version, the Python version and the size
and modification time of simplemma's data file, so an upgrade builds afresh; a file that
cannot be read is rebuilt. The lookups are simplemma's own: only the index is cached.

The files go to ``simplemma/`` in lagebild's cache directory (:func:`lagebild.user_cache.cache_dir`);
with the cache off, or a directory that cannot be written, simplemma works as it does alone.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..user_cache import CACHE_ENV, cache_dir

__all__ = ["CACHE_ENV", "cache_dir", "install"]

log = logging.getLogger(__name__)

# The StreamMap attributes this was written against (simplemma 2.0): the stream, its
# header fields and the block index.
_STATE = ("_data", "_pos", "_rev", "_count", "_firsts", "_blocks")


def install() -> bool:
    """Make simplemma's low-memory backend read its indexes from the cache (idempotent).
    False, and simplemma untouched, when its layout is not the one this was written for or
    the cache is off."""
    try:
        import simplemma
        from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY as factory
        from simplemma.strategies.dictionaries import dictionary_factory, stream_dictionary_factory
        from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap
    except ImportError:
        return False
    current = getattr(factory, "_get_dictionary", None)
    if isinstance(current, _Cached):
        return True
    if cache_dir() is None or current is None or tuple(getattr(StreamMap, "__slots__", ())) != _STATE:
        return False
    data = getattr(dictionary_factory, "DATA_FOLDER", None)
    block = getattr(stream_dictionary_factory, "_BLOCK_SIZE", None)
    if data is None or not isinstance(block, int):
        return False
    cached: Any = _Cached(current, StreamMap, block, Path(data), str(getattr(simplemma, "__version__", "?")))
    factory._get_dictionary = cached
    return True


class _Cached:
    """``lang -> StreamMap`` for the factory: from the cache file when there is one, else
    built by simplemma and written to it; each language made once per process."""

    def __init__(self, build: Callable[[str], Any], cls: Any, block: int, data: Path, version: str) -> None:
        self.build = build  # the factory's own (memoised) builder
        self.cls = cls
        self.block = block  # records per index entry
        self.data = data
        self.version = version
        self.made: dict[str, Any] = {}

    def __call__(self, lang: str) -> Any:
        got = self.made.get(lang)
        if got is None:
            got = self.made[lang] = self._load(lang)
        return got

    def _file(self, lang: str) -> Path | None:
        where = cache_dir()
        if where is None:
            return None
        try:
            st = (self.data / f"{lang}.plzma").stat()
        except OSError:  # no such language: simplemma's own error
            return None
        py = f"{sys.version_info[0]}{sys.version_info[1]}"
        return where / "simplemma" / f"{lang}-{self.version}-py{py}-{st.st_size}-{st.st_mtime_ns}.marshal"

    def _load(self, lang: str) -> Any:
        path = self._file(lang)
        if path is not None and path.is_file():
            try:
                with open(path, "rb") as f:
                    state = marshal.load(f)
                return self._restore(state)
            except (OSError, EOFError, ValueError, TypeError) as e:
                log.info("simplemma index cache %s unreadable (%s): rebuilt", path, e)
        built = self.build(lang)
        if path is not None and isinstance(built, self.cls):
            self._write(path, built)
        return built

    def _restore(self, state: Any) -> Any:
        data, pos, rev, count, firsts, blocks = state
        if not (isinstance(data, bytes) and isinstance(firsts, list) and isinstance(blocks, list)
                and len(firsts) == len(blocks) and len(firsts) == -(-count // self.block) and 0 < pos < len(data)):
            raise ValueError("not an index of this layout")
        m = self.cls.__new__(self.cls)
        for name, value in zip(_STATE, (data, pos, rev, count, firsts, blocks)):
            setattr(m, name, value)
        return m

    @staticmethod
    def _write(path: Path, built: Any) -> None:
        try:
            state = tuple(getattr(built, name) for name in _STATE)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    marshal.dump(state, f)
                os.replace(tmp, path)  # whole or not at all: a parallel writer wins or loses
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, AttributeError, ValueError) as e:
            log.info("simplemma index not cached at %s: %s", path, e)
