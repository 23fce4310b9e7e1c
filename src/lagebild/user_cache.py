"""Where lagebild keeps files it derives and may build again, between runs.

``$LAGEBILD_CACHE_DIR``, else ``$XDG_CACHE_HOME/lagebild``, else ``~/.cache/lagebild``;
``LAGEBILD_CACHE_DIR=`` (empty) turns caching off. Nothing kept there is needed: whatever is
missing or unreadable is built again. Users: simplemma's dictionary index
(:mod:`lagebild.lang.dictionary_cache`) and the entity bench's fold models
(``bench/extract_entities.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ENV", "cache_dir"]

CACHE_ENV = "LAGEBILD_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where lagebild keeps derived files between runs (None: the cache is off)."""
    own = os.environ.get(CACHE_ENV)
    if own is not None:
        return Path(own) if own.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lagebild"
