"""Quality gates: every quality bench in bench/ runs on ../shared data and must reach its floors.

Each bench module declares ``FLOORS`` and ``run(shared) -> figures``. Lowering a floor is a
visible, argued change in that module. Skipped where ../shared is absent (a user's machine).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

QUALITY_BENCHES = [
    "seeds",
    "clean_seeds",
    "extract_entities",
    "extract_quotes",
    "extract_times",
    "extract_multilingual",
    "cluster_basil",
    "cluster_basil_cli",
    "cluster_distractors",
    "cluster_realnews",
    "facts_examples",
    "verify",
    "dossier_realnews",
]


def _load(name: str):
    path = ROOT / "bench" / f"{name}.py"
    if not path.exists():
        pytest.skip(f"bench/{name}.py is missing")
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
@pytest.mark.parametrize("name", QUALITY_BENCHES)
def test_quality_floor(name: str) -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"{SHARED} not found: quality benches read ../shared beside the repository")
    bench = _load(name)
    floors = getattr(bench, "FLOORS", None)
    if not floors:
        pytest.skip(f"bench/{name}.py declares no FLOORS")
    figures = bench.run(Path(SHARED))
    below = {k: (figures.get(k), v) for k, v in floors.items() if figures.get(k) is None or figures[k] < v}
    print(f"{name}: {figures}")
    assert not below, f"bench/{name}.py below its floors (measured, floor): {below}"
