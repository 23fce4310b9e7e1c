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
MAX_NAME_BYTES = 200  # UTF-8 bytes of the stem: file systems allow 255 per name
_KEEP = "-_."


def _clean_stem(stem: str) -> str:
    """Letters and digits of any script are kept (accents folded where a plain letter
    exists: "Fähre" -> "Fahre"); everything else becomes ``_``."""
    kept: list[str] = []
    for ch in unicodedata.normalize("NFKD", stem):
        if unicodedata.combining(ch) and kept and kept[-1].isascii():
            continue  # an accent on a Latin letter: "ä" -> "a"; other scripts keep theirs
        kept.append(ch)
    composed = unicodedata.normalize("NFC", "".join(kept))
    out = "".join(ch if unicodedata.category(ch)[0] in "LNM" or ch in _KEEP else "_"
                  for ch in composed)
    out = re.sub(r"_+", "_", out).strip("._-")
    out = out[:MAX_NAME_CHARS]
    while len(out.encode("utf-8")) > MAX_NAME_BYTES:
        out = out[:-1]
    return out or "upload"


def safe_upload_name(name: str | None) -> str:
    """A file name that is safe to create inside one folder, or InputError.

    Rejects names with a path (``/``, ``\\``), ``..``, NUL or control characters and names
    whose suffix is not an input format. Names in any script are accepted: letters and
    digits stay (Latin accents folded), other characters become ``_``; the stem stays
    recognisable because it becomes the article id.
    """
    if not name or not name.strip():
        raise InputError("an uploaded file has no name", "give the file a name such as bericht.txt")
    raw = unicodedata.normalize("NFC", name.strip())
    if "/" in raw or "\\" in raw or "\x00" in raw or ".." in raw:
        raise InputError(f"refusing upload name {raw!r}: it contains a path",
                         "upload the file under its plain name, e.g. bericht.txt")
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        raise InputError(f"refusing upload name {raw!r}: it contains control characters",
                         "rename the file")
    stem, dot, suffix = raw.rpartition(".")
    if not dot or f".{suffix.lower()}" not in ALLOWED_SUFFIXES or not stem.strip():
        raise InputError(f"cannot analyse {raw!r}: unsupported file type",
                         "upload .txt, .html, .htm, .json or .jsonl files")
    return f"{_clean_stem(stem)}.{suffix.lower()}"


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
