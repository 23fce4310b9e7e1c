"""How well one claim's content is found in another: containment cosine and lexical cover.

Used by ``alignment.align_claims``: the containment cosine looks for a claim's meaning in a
whole sentence, its clauses and phrase windows; the lexical containment measures the share of
its rare content (lemmas, names, numbers) another claim holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from scipy.sparse import issparse

from ..models import Ref
from .claims import Claim
from .facts_text import DENIED, SAY, VERB, claim_features


def containment_cosine(
    claims: Sequence[Claim], vecs: np.ndarray, windows: Sequence[Claim], wvecs: np.ndarray
) -> np.ndarray:
    """sem[a, b]: how well claim a's meaning is found in claim b.

    The best cosine of a against b itself, against every claim inside b's span (its
    clauses) and against every phrase window inside b.
    """
    cos = (vecs @ vecs.T).astype(np.float32)
    wcos = (vecs @ wvecs.T).astype(np.float32) if len(windows) else None
    by_ref: dict[Ref, list[int]] = {}
    for i, c in enumerate(claims):
        by_ref.setdefault(c.ref, []).append(i)
    w_by_ref: dict[Ref, list[int]] = {}
    for j, w in enumerate(windows):
        w_by_ref.setdefault(w.ref, []).append(j)
    sem = cos.copy()
    for b, cb in enumerate(claims):
        inner = [i for i in by_ref[cb.ref] if i != b and cb.start <= claims[i].start and claims[i].end <= cb.end]
        if inner:
            sem[:, b] = np.maximum(sem[:, b], cos[:, inner].max(axis=1))
        if wcos is not None:
            inw = [j for j in w_by_ref.get(cb.ref, ()) if cb.start <= windows[j].start and windows[j].end <= cb.end]
            if inw:
                sem[:, b] = np.maximum(sem[:, b], wcos[:, inw].max(axis=1))
    return np.asarray(sem, dtype=np.float32)


class LexicalEvidence(NamedTuple):
    """What ``lexical_evidence`` finds (see there); the first five are
    ``lexical_containment``'s tuple."""

    lexc: np.ndarray
    cover: np.ndarray
    substance: np.ndarray
    shared_plain: np.ndarray
    shared_numfact: np.ndarray
    # share of a's translatable content (rare names, numbers, units) found in b
    cross_cover: np.ndarray
    # a and b give the same number of the same unit or span ("2 Prozent" / "2 percent",
    # "Jahrhundert-" / "cien años")
    shared_unit_fact: np.ndarray
    # a and b deny one thing that is not a topic word of the story ("keine Fortschritte" /
    # "konkrete Ergebnisse blieben aus" / "sin avances": the kit's negation scope and
    # near-synonyms)
    shared_denial: np.ndarray


def lexical_containment(
    claims: Sequence[Claim], tagged: Mapping[Ref, Sequence[Any]], lang_of: Mapping[str, str | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(lexc, cover, substance, shared_plain, shared_numfact): see ``lexical_evidence``."""
    ev = lexical_evidence(claims, tagged, lang_of)
    return ev.lexc, ev.cover, ev.substance, ev.shared_plain, ev.shared_numfact


def lexical_evidence(
    claims: Sequence[Claim], tagged: Mapping[Ref, Sequence[Any]], lang_of: Mapping[str, str | None]
) -> LexicalEvidence:
    """(lexc, cover, substance, ...) of the claims.

    lexc[a, b] = share of a's idf-weighted content found in b; cover[a, b] = share of a's
    rare content (numbers, words few sentences of the story use) found in b; substance[a] =
    how many content features a has besides names and verbs of saying ("Der Kreml
    erklärte" has none: it frames a statement and states nothing itself).

    Features are content lemmas (crudely stemmed, compound heads added), names and
    normalised numbers ("fast einstündige" gives #1 and "stunde"). Words most sentences
    share (the protagonists) weigh nearly nothing; a shared number or rare word weighs much.
    """
    nouns = {(t.lemma or t.text).lower() for ts in tagged.values() for t in ts if t.pos.startswith("NN") and len(t.text) >= 4}
    sent_feats: dict[Ref, list[tuple[int, int, str, bool]]] = {}
    denials: dict[Ref, list[tuple[int, int, str]]] = {}
    for c in claims:
        if c.ref not in sent_feats:
            fl = claim_features(tagged.get(c.ref, ()), lang_of.get(c.ref.article), nouns)
            denials[c.ref] = [(a, b, f[len(DENIED):]) for a, b, f, _ in fl if f.startswith(DENIED)]
            sent_feats[c.ref] = [x for x in fl if not x[2].startswith(DENIED)]
    df: dict[str, int] = {}
    for fl in sent_feats.values():
        for f in {f for _, _, f, _ in fl if f not in (SAY, VERB)}:
            df[f] = df.get(f, 0) + 1
    n = len(claims)
    if not df:
        z = np.zeros((n, n), dtype=np.float32)
        zb = np.zeros((n, n), dtype=bool)
        return LexicalEvidence(z, z, np.zeros(n, dtype=np.float32), z, zb, z, zb, zb)
    n_sent = max(1, len(sent_feats))
    # features in sorted order: the sums below then add up in the same order whatever the
    # process's string hash seed (set order decided it before: one realnews_dev fact came
    # and went with PYTHONHASHSEED)
    vocab = {f: k for k, f in enumerate(sorted(df))}
    feats = list(vocab)
    idf = np.array([np.log((1 + n_sent) / (1 + df[f])) + (NUMBER_BONUS if f.startswith("#") else 0.0) for f in feats], dtype=np.float32)
    rare = np.array([f.startswith("#") or df[f] <= max(RARE_MIN_DF, RARE_SHARE * n_sent) for f in feats], dtype=np.float32)
    # the story's topic words (protagonists, "Gespräch") do not count towards cover
    not_topic = np.array([f.startswith("#") or df[f] <= max(RARE_MIN_DF, TOPIC_SHARE * n_sent) for f in feats], dtype=np.float32)
    # a protagonist's other name parts are topic words too ("Donald" of "Donald Trump")
    for fl in sent_feats.values():
        span: list[tuple[int, int, str, bool]] = []
        for item in [*fl, (10**9, 10**9, "", False)]:
            if item[3] and item[2] not in (SAY, VERB) and (not span or item[0] - span[-1][1] <= 1):
                span.append(item)
                continue
            if len(span) > 1 and any(not not_topic[vocab[x[2]]] for x in span):
                for x in span:
                    rare[vocab[x[2]]] = 0.0
                    not_topic[vocab[x[2]]] = 0.0
            span = [item] if item[3] and item[2] not in (SAY, VERB) else []
    # claims x features as sparse matrices (a claim holds a few dozen of a story's thousands
    # of features: dense, a 124-article story's matrices took 0.55 GB, 10kGNAD x 10)
    substance = np.zeros(n, dtype=np.float32)
    is_name = np.zeros(len(vocab), dtype=np.float32)
    for fl in sent_feats.values():
        for _, _, f, name in fl:
            if name and f not in (SAY, VERB):
                is_name[vocab[f]] = 1.0
    held_rows: list[int] = []
    held_cols: list[int] = []
    for i, c in enumerate(claims):
        tokens: set[int] = set()
        cols: set[int] = set()
        has_rare = says = acts = False
        for a, b, f, name in sent_feats[c.ref]:
            if a >= c.start and b <= c.end:
                if f == SAY:
                    says = True
                    continue
                if f == VERB:
                    acts = True
                    continue
                cols.add(vocab[f])
                if not name:
                    tokens.add(a)
                    has_rare = has_rare or bool(rare[vocab[f]])
        held_rows += [i] * len(cols)
        held_cols += sorted(cols)
        # an attribution frame ("Der russische Präsidialberater bestätigte") states nothing
        # (German: a clause whose only full verb is one of saying, "Als Antwort erinnerte
        # der russische Präsident daran")
        german = (lang_of.get(c.ref.article) or "de") == "de"
        frame = says and (len(tokens) <= FRAME_MAX_CONTENT or (german and not acts))
        substance[i] = 0 if (frame or not has_rare) else len(tokens)
    m_sparse = _binary(held_rows, held_cols, (n, len(vocab)))
    # small stories: dense matrices (BLAS is faster than scipy's sparse products when most
    # claims share the story's topic words); large ones sparse (memory)
    m = m_sparse.toarray() if n * len(vocab) * 4 <= LEXICAL_DENSE_MAX_BYTES else m_sparse
    mt = m.T.tocsr() if issparse(m) else np.ascontiguousarray(m.T)
    w = _cols(m, idf)
    mass = np.maximum(_row_sums(w), MIN_LEXICAL_MASS)
    lexc = (_dense(w @ mt) / mass[:, None]).astype(np.float32)

    def _cover(weights: np.ndarray) -> np.ndarray:
        wr = _cols(w, weights)
        rmass = np.maximum(_row_sums(wr), MIN_RARE_MASS)
        return np.asarray(_dense(wr @ mt) / rmass[:, None], dtype=np.float32)

    # Names count towards cover only when rare: the protagonists' first names ("Donald",
    # "Wladimir") are below the topic share but say nothing about the statement (seeds). A
    # rare shared name alone does not link two statements of one language ("Bürgermeisterin
    # Rautenberg lobte die Pläne" / "... ärgerte sich über die Bahn"): that is decided by
    # ``shared_plain`` below (content shared besides names), not by discounting names here
    # (a discount was measured and did not help: seeds need "Iran" to count).
    not_topic = np.where(is_name > 0, rare, not_topic).astype(np.float32)
    cover = _cover(not_topic)
    langs = np.array([hash(lang_of.get(c.ref.article) or "") for c in claims])
    same_lang = langs[:, None] == langs[None, :]
    # how many content features beyond names and topic words a shares with b (in one
    # language; across languages names and numbers are all that can be shared)
    # a shared count or ordinal (not "1", not a year) counts twice: "sechste" is the fact
    # years, days of dates and clock times are not counts
    year = np.array([bool(re.fullmatch(r"#(1[89]|20)\d\d", f)) or f.startswith(("#d", "#t")) for f in feats])
    strong = np.array([f.startswith("#") and f != "#1" for f in feats]) & ~year
    plain = _cols(m, not_topic * (1.0 - is_name) * np.where(strong, 2.0, 1.0).astype(np.float32))
    shared_plain = np.where(same_lang, _dense(plain @ mt), 9.0).astype(np.float32)
    # an anchor that gives a number is only held by a claim that gives one too (the same,
    # or a different one the contradiction finder compares): "mit 63 Fahrgästen vor der
    # Insel Kranwerth" is not held by "vor der Insel Kranwerth" alone (examples)
    is_num = np.array([f.startswith("#") for f in feats] & ~year, dtype=np.float32)
    has_num = np.asarray(m @ is_num).ravel() > 0
    number_ok = ~has_num[:, None] | has_num[None, :]
    shared_plain = np.where(number_ok, shared_plain, -1.0).astype(np.float32)
    # rare names shared ("Iran", "Syrien", "Kranwerth"): what a same-language pair without
    # shared content words needs besides a close meaning
    rare_name_m = _cols(m, rare * is_name)
    rare_names = _dense(rare_name_m @ mt) > 0
    shared_plain = np.where((shared_plain == 0) & ~rare_names, -0.5, shared_plain).astype(np.float32)
    numfact = np.array(["@" in f for f in feats], dtype=np.float32)
    shared_numfact = _dense(_cols(m, numfact) @ mt) > 0
    # Across languages only names, numbers and units can be shared: a's translatable
    # content is its rare names and its numbers (a number with a counted noun is
    # language-bound, "#2@altenh"; a number with a unit is not, "#2@u:%1")
    unit_fact = np.array([f.startswith("#") and ("@u:" in f or "@dur:" in f) for f in feats])
    translatable = np.array(
        [(f.startswith("#") and "@" not in f) or f.startswith("u:") for f in feats]) & ~year | unit_fact
    trans_w = _cols(w, np.maximum(translatable.astype(np.float32), rare * is_name))
    tmass = _row_sums(trans_w)
    # a number that counts something ("zweier Altenheime") is found only where it counts
    # something too ("dos residencias"), not in an age ("aged 13 and 14", examples)
    col = {f: k for k, f in enumerate(feats)}
    by_col = m_sparse.tocsc()
    c_rows: list[int] = []
    c_cols: list[int] = []
    for k, f in enumerate(feats):
        if f.startswith("#") and "@" in f and "@u:" not in f and "@dur:" not in f:
            base = col.get(f.split("@", 1)[0])
            if base is not None:
                got = by_col.indices[by_col.indptr[k] : by_col.indptr[k + 1]]
                c_rows += got.tolist()
                c_cols += [base] * len(got)
    counted = _binary(c_rows, c_cols, m.shape)
    if issparse(m):
        trans_counted = trans_w.multiply(counted).tocsr()
        counted_t = counted.T.tocsr()
    else:
        counted = counted.toarray()
        trans_counted = trans_w * counted
        counted_t = np.ascontiguousarray(counted.T)
    held = _dense((trans_w - trans_counted) @ mt) + _dense(trans_counted @ counted_t)
    cross_cover = np.where((tmass > 0)[:, None], held / np.maximum(tmass, 1e-6)[:, None], 0.0)
    shared_unit_fact = _dense(_cols(m, unit_fact.astype(np.float32)) @ mt) > 0
    # what each claim denies, story topic words left out ("kein Gespräch" in a story about
    # talks says nothing particular)
    topic_cut = max(RARE_MIN_DF, TOPIC_SHARE * n_sent)
    dvocab: dict[str, int] = {}
    d_rows: list[int] = []
    d_cols: list[int] = []
    for i, c in enumerate(claims):
        for a, b, f in denials.get(c.ref, ()):
            if a >= c.start and b <= c.end and df.get(f, 0) <= topic_cut:
                d_rows.append(i)
                d_cols.append(dvocab.setdefault(f, len(dvocab)))
    den = _binary(d_rows, d_cols, (n, max(1, len(dvocab))))
    # ... about the same named thing: "In Hamburg keine Abflüge" / "In München keine
    # Abflüge" each name a rare place the other lacks and are two statements
    own_names = _row_sums(rare_name_m) > 0
    other_names = own_names[:, None] & own_names[None, :] & ~rare_names
    shared_denial = (_dense(den @ den.T.tocsr()) > 0) & ~other_names
    return LexicalEvidence(lexc, cover, substance, shared_plain, shared_numfact,
                           np.asarray(cross_cover, dtype=np.float32), shared_unit_fact, shared_denial)


# Claims x features matrices up to this size are dense (BLAS), larger ones sparse: the
# largest story of 10kGNAD repeated to 10,000 articles (124 articles, 4,000 claims) took
# 0.55 GB in dense ones; sparse products cost more time when most claims share the story's
# topic words (realnews_dev, seeds: the dossier bench ran 6.1 s dense, 7.9 s all sparse).
LEXICAL_DENSE_MAX_BYTES = 32 * 2**20


def _binary(rows: Sequence[int], cols: Sequence[int], shape: tuple[int, int]) -> Any:
    """A sparse 0/1 matrix (float32) with ones at (rows[k], cols[k]); repeats count once."""
    from scipy.sparse import csr_matrix

    out = csr_matrix((np.ones(len(rows), dtype=np.float32), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
                     shape=shape, dtype=np.float32)
    out.sum_duplicates()
    out.data[:] = 1.0
    return out


def _cols(mat: Any, weights: np.ndarray) -> Any:
    """``mat`` (dense or sparse) with each column scaled by ``weights`` (float32)."""
    w = np.asarray(weights, dtype=np.float32)[None, :]
    if issparse(mat):
        return mat.multiply(w).tocsr().astype(np.float32)
    return (mat * w).astype(np.float32)


def _row_sums(mat: Any) -> np.ndarray:
    return np.asarray(mat.sum(axis=1), dtype=np.float32).ravel()


def _dense(mat: Any) -> np.ndarray:
    return np.asarray(mat.toarray() if issparse(mat) else mat, dtype=np.float32)


# Claims shorter than this do not anchor a fact ("lief die Fähre"; examples).
ANCHOR_MIN_WORDS = 4
# A claim needs this many content features besides names and verbs of saying (one of them
# rare) to anchor a fact: "Putin wiederum betonte", "Der Kreml erklärte" do not (seeds).
ANCHOR_MIN_CONTENT = 2
# A claim with a verb of saying and at most this many other content words is an
# attribution frame, not a statement (seeds: "US-Präsident Donald Trump räumte ein").
FRAME_MAX_CONTENT = 2
# Rare mass below this (one mid-frequency word) cannot be fully covered (seeds).
MIN_RARE_MASS = 2.5


# A claim with less idf mass than this (one or two common words) cannot reach a full lexical
# containment: keeps short headlines from matching everything (seeds calibration).
MIN_LEXICAL_MASS = 4.0
# Numbers weigh this much more than their idf (a shared "63" or "sechste" says much).
NUMBER_BONUS = 0.5
# A feature is rare when at most this share of the story's sentences has it (or at most
# RARE_MIN_DF sentences): seeds — "Trump", "Putin", "Gespräch", "Ukraine" are in 15-60 % of
# the sentences, fact words ("Stunde", "sechste", "Iran", "Ziel") in 2-8 %.
RARE_SHARE = 0.08
RARE_MIN_DF = 3
# Words in more than this share of the story's sentences are its topic ("Trump", "Putin",
# "Gespräch", "Ukraine" in the seeds): they never make two claims say the same thing.
TOPIC_SHARE = 0.2
