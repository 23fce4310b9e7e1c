"""Faster drop-in versions of HanTa's two per-word analyses (issue #9).

HanTa analyses an unseen word with a Viterbi search over its morpheme segmentations
(``analyze_forward``: which tags the word may have; ``analyze_viterbi``: its morphemes
given the tag, for the lemma). Both score every segment of the word against every tag that
may follow each state, through a method call per (segment, tag): on the 10kGNAD speed bench
that inner call was the largest single cost of the whole analysis (about 30 million calls
for 1,000 articles).

The versions here run the same search in the same order with the same arithmetic, so they
return exactly what HanTa returns (``tests/test_hanta_speed.py`` compares them on real
words); they only score each (segment, tag) once per position instead of once per state,
skip scores of minus infinity early (they can never enter the table) and avoid the
per-call attribute look-ups. :func:`speed_up` installs them on one tagger instance.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from operator import itemgetter
from types import MethodType
from typing import Any

__all__ = ["analyze_forward", "analyze_viterbi", "speed_up"]

# HanTa's internal state ids (HanTa.HanoverTagger: EMPTY, START, UNKNOWN, END_UNKNOWN).
_EMPTY, _START, _UNKNOWN, _END_UNKNOWN = 0, 1, 3, -3
_LOWERBOUND = -1e6
_NEG_INF = -math.inf


def _scorer(tagger: Any, wlen: int, strict: bool) -> Callable[[str, int], float]:
    """HanTa's ``lp_m_t(m, t, wlen, strict)`` for one word (same branches, same sums).

    A guessed score depends only on the tag, the morpheme's last four letters, its length
    and whether it is the whole word: it is memoised on the tagger by that key (a few
    thousand keys for a news corpus)."""
    lp_m_t = tagger.LP_m_t
    hapax = tagger.LP_hapax_t
    lp_s_t = tagger.LP_s_t
    lp_len_t = tagger.LP_len_t
    int_t = tagger.Int_t
    memo: dict[tuple[int, str, int, bool], Any] = tagger.__dict__.setdefault("_lagebild_guess", {})

    def guess(m: str, t: int) -> Any:
        mlen = len(m)
        key = (t, m[-4:], min(mlen, 25), wlen == mlen)
        lp = memo.get(key)
        if lp is not None:
            return lp
        lp_s = lp_s_t[t]
        if mlen > 4 and m[-4:] in lp_s:
            lp_suf = lp_s[m[-4:]]
        elif mlen > 3 and m[-3:] in lp_s:
            lp_suf = lp_s[m[-3:]]
        elif mlen > 2 and m[-2:] in lp_s:
            lp_suf = lp_s[m[-2:]]
        elif mlen > 1 and m[-1:] in lp_s:
            lp_suf = lp_s[m[-1:]]
        else:
            lp_suf = lp_s[""]
        lp = int_t + hapax[t] + lp_len_t[t][min(mlen, 24)] + lp_suf
        if wlen == mlen:  # HanTa: penalise the whole word as one unknown morpheme
            lp -= 4.6
        memo[key] = lp
        return lp

    def score(m: str, t: int) -> Any:
        lp_m = lp_m_t[t]
        if m in lp_m:
            return lp_m[m]
        if not strict and t in hapax and t in lp_s_t and (wlen < 4 or len(m) > 2):
            return guess(m, t)
        return _NEG_INF

    return score


def _rowbound(row: dict[Any, Any]) -> Any:
    """HanTa keeps only states within reach of the three best of a row."""
    if len(row) > 3:
        return sorted(row.values(), reverse=True)[3] - 1
    return _LOWERBOUND


_EMPTY_SET: frozenset[int] = frozenset()


def _index(tagger: Any) -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """(morpheme -> the tags HanTa's lexicon scores it for, the tags HanTa guesses unknown
    morphemes for), built once per tagger. Every other (morpheme, tag) scores minus
    infinity, so the search never has to score it."""
    got = getattr(tagger, "_lagebild_index", None)
    if got is None:
        lex: dict[str, set[int]] = {}
        for t, morphs in tagger.LP_m_t.items():
            for m in morphs:
                lex.setdefault(m, set()).add(t)
        guessed = frozenset(t for t in tagger.LP_m_t if t in tagger.LP_hapax_t and t in tagger.LP_s_t)
        got = ({m: frozenset(ts) for m, ts in lex.items()}, guessed)
        tagger._lagebild_index = got
    return got


def _finite(tagger: Any, word: str, i: int, strict: bool) -> list[tuple[str, frozenset[int], frozenset[int]]]:
    """For each end j > i (index j - i - 1): the segment word[i:j], the tags its lexicon
    entry has, and the tags it may be guessed as (empty when HanTa would not guess)."""
    lex, guessed = _index(tagger)
    wlen = len(word)
    out = []
    for j in range(i + 1, wlen + 1):
        seg = word[i:j]
        may_guess = not strict and (wlen < 4 or j - i > 2)
        out.append((seg, lex.get(seg, _EMPTY_SET), guessed if may_guess else _EMPTY_SET))
    return out


def analyze_forward(self: Any, word: str) -> list[tuple[int, float]]:
    """``HanoverTagger.analyze_forward``: (tag id, log-probability) of ``word``, best first."""
    wlen = len(word)
    strict = self.strict
    score = _scorer(self, wlen, strict)
    nonfinal = self.LP_trans_nonfinal
    table: list[dict[tuple[int, int], Any]] = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
    for i in range(wlen + 1):
        row = table[i]
        rowbound = _rowbound(row)
        live = [(state, lp) for state, lp in row.items() if not lp < rowbound]
        if not live:
            continue
        ends = _finite(self, word, i, strict)
        memo: list[dict[int, float]] = [{} for _ in ends]
        for state, lp in live:
            followup = nonfinal.get(state, [])
            s1 = state[1]
            for k, (segment, lexical, guessable) in enumerate(ends):
                if not lexical and not guessable:
                    continue
                seg = memo[k]
                tj = table[i + 1 + k]
                for tag1, lpt in followup:
                    if tag1 not in lexical and tag1 not in guessable:
                        continue  # scores minus infinity: never enters the table
                    lpm = seg.get(tag1)
                    if lpm is None:
                        lpm = seg[tag1] = score(segment, tag1)
                    lp1 = lp + lpt + lpm
                    if lp1 > _LOWERBOUND:
                        newstate = (s1, tag1)
                        old = tj.get(newstate)
                        if old is None or lp1 > old:
                            tj[newstate] = lp1
    final = self.LP_trans_final
    last = table[-1]
    for state, lp in table[-2].items():
        for tag1, lpt in final.get(state, []):
            lp1 = lp + lpt
            if lp1 > _LOWERBOUND:
                newstate = (state[1], tag1)
                if newstate not in last or lp1 > last[newstate]:
                    last[newstate] = lp1
    from numpy import logaddexp

    results: dict[int, Any] = {}
    for state, lp in last.items():
        if lp == _NEG_INF:
            continue
        pos = -state[1]
        results[pos] = logaddexp(results[pos], lp) if pos in results else lp
    result_list = list(results.items())
    result_list.sort(key=itemgetter(1), reverse=True)
    if not result_list:
        result_list = [(_UNKNOWN, 0)]
    return result_list


def analyze_viterbi(self: Any, word: str, targetpos: int) -> list[tuple[int, int]]:
    """``HanoverTagger.analyze_viterbi``: the best morpheme path of ``word`` ending in ``targetpos``."""
    wlen = len(word)
    reachable_t = self.reachability.get(targetpos, frozenset())
    nonfinal = self.LP_trans_nonfinal
    final = self.LP_trans_final
    table: list[dict[tuple[int, int], Any]] = []
    backpointer: list[dict[tuple[int, int], tuple[tuple[int, int], int]]] = []
    for localstrict in (True, False):
        score = _scorer(self, wlen, localstrict)
        table = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
        backpointer = [{} for _ in range(wlen + 2)]
        for i in range(wlen + 1):
            row = table[i]
            rowbound = _rowbound(row)
            live = [(state, lp) for state, lp in row.items() if not lp < rowbound]
            if not live:
                continue
            ends = _finite(self, word, i, localstrict)
            memo: list[dict[int, float]] = [{} for _ in ends]
            for state, lp in live:
                followup = [(t, p) for (t, p) in nonfinal.get(state, []) if t in reachable_t]
                s1 = state[1]
                for k, (segment, lexical, guessable) in enumerate(ends):
                    if not lexical and not guessable:
                        continue
                    seg = memo[k]
                    j = i + 1 + k
                    tj = table[j]
                    bj = backpointer[j]
                    for tag1, lpt in followup:
                        if tag1 not in lexical and tag1 not in guessable:
                            continue
                        lpm = seg.get(tag1)
                        if lpm is None:
                            lpm = seg[tag1] = score(segment, tag1)
                        lp1 = lp + lpt + lpm
                        if lp1 > _LOWERBOUND:
                            newstate = (s1, tag1)
                            old = tj.get(newstate)
                            if old is None or lp1 > old:
                                tj[newstate] = lp1
                                bj[newstate] = (state, i)
        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in final.get(state, []):
                if tag1 == targetpos:
                    lp1 = lp + lpt
                    if lp1 > _LOWERBOUND:
                        newstate = (state[1], tag1)
                        if newstate not in last or lp1 > last[newstate]:
                            last[newstate] = lp1
                            backpointer[-1][newstate] = (state, wlen)
                    break
        if last:
            break
    pmax = _NEG_INF
    beststate = (_EMPTY, _EMPTY)
    for state, lp in table[-1].items():
        if lp > pmax:
            pmax = lp
            beststate = state
    i = len(backpointer) - 1
    if beststate == (_EMPTY, _EMPTY):
        states = [((_UNKNOWN, _END_UNKNOWN), i), ((_START, _UNKNOWN), i - 1)]
    else:
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = backpointer[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(s[1], k) for (s, k) in states[::-1]]


def speed_up(tagger: Any) -> Any:
    """Install the fast analyses on ``tagger`` (a HanoverTagger) and return it."""
    tagger.analyze_forward = MethodType(analyze_forward, tagger)
    tagger.analyze_viterbi = MethodType(analyze_viterbi, tagger)
    return tagger
