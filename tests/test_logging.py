"""The library logs through logging.getLogger(__name__); the CLI's -v shows what each stage did."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path


def test_library_logs_nowhere_by_itself() -> None:
    import lagebild

    pkg = logging.getLogger(lagebild.__name__)
    assert any(isinstance(h, logging.NullHandler) for h in pkg.handlers)


def _run(tmp_path: Path, *flags: str) -> str:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("Die Fähre Lotte lief am Dienstag vor Brelingen auf Grund.\n", encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")  # a bad input: named, counted, not fatal
    env = {**os.environ, "LAGEBILD_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "lagebild", "cluster", str(folder), "--db", str(tmp_path / "x.db"), "-q", *flags],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr  # b.txt failed
    return proc.stderr


def test_v_shows_counts_per_stage_and_vv_details(tmp_path: Path) -> None:
    err = _run(tmp_path, "-v")
    for line in (
        "INFO lagebild.store: store ",  # migrations applied
        "INFO lagebild.ingest.files: ingest: 1 articles read, 1 inputs failed",
        "INFO lagebild.pipeline: clean: 1 new, 0 changed, 0 unchanged, 1 failed",
        "INFO lagebild.pipeline: embed: 1 articles",
        "INFO lagebild.pipeline: cluster: 1 articles placed",
    ):
        assert line in err, err
    assert "DEBUG" not in err
    err = _run(tmp_path, "-vv")
    assert "DEBUG lagebild.ingest.files: ingest: " in err and "b.txt failed: empty file" in err, err
    assert "DEBUG httpx" not in err  # only lagebild's loggers get louder


def test_quiet_by_default(tmp_path: Path) -> None:
    assert "INFO" not in _run(tmp_path)
