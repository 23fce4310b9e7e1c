"""Uploaded files: safe names, saved only inside the app's data directory."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ..errors import InputError

__all__ = ["ALLOWED_SUFFIXES", "safe_upload_name", "save_upload"]

ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml")
MAX_NAME_CHARS = 120  # keeps the article id (= file stem) readable and under OS limits
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_upload_name(name: str | None) -> str:
    """A file name that is safe to create inside one folder, or InputError.

    Rejects names with a path (``/``, ``\\``), ``..``, NUL or control characters and names
    whose suffix is not an input format; other unusual characters become ``_``.
    The stem stays recognisable because it becomes the article id.
    """
    if not name or not name.strip():
        raise InputError("an uploaded file has no name", "give the file a name such as bericht.txt")
    raw = name.strip()
    if "/" in raw or "\\" in raw or "\x00" in raw or ".." in raw:
        raise InputError(f"refusing upload name {raw!r}: it contains a path",
                         "upload the file under its plain name, e.g. bericht.txt")
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        raise InputError(f"refusing upload name {raw!r}: it contains control characters",
                         "rename the file")
    folded = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    clean = _UNSAFE.sub("_", folded).strip("._-") or "upload"
    stem, dot, suffix = clean.rpartition(".")
    if not dot or f".{suffix.lower()}" not in ALLOWED_SUFFIXES:
        raise InputError(f"cannot analyse {raw!r}: unsupported file type",
                         "upload .txt, .html, .htm, .json or .jsonl files")
    stem = stem[: MAX_NAME_CHARS] or "upload"
    return f"{stem}.{suffix.lower()}"


def save_upload(folder: Path, data_root: Path, name: str, content: bytes) -> Path:
    """Write ``content`` as ``folder/name`` (``name`` from :func:`safe_upload_name`).

    Promises: the file is created new (never overwrites, never follows a symlink) and lies
    inside ``data_root``; a second file of the same name gets a numbered name.
    """
    root = data_root.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    base = folder.resolve()
    if not base.is_relative_to(root):
        raise InputError("upload folder is outside the data directory", "check --data-dir")
    stem, _, suffix = name.rpartition(".")
    candidate = base / name
    k = 2
    while True:
        if candidate.parent != base:
            raise InputError(f"refusing upload name {name!r}", "rename the file")
        if os.path.lexists(candidate):  # an existing file or a planted symlink: new name
            candidate = base / f"{stem}-{k}.{suffix}"
            k += 1
            continue
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
            break
        except FileExistsError:
            candidate = base / f"{stem}-{k}.{suffix}"
            k += 1
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return candidate
