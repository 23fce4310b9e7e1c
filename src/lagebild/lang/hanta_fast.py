"""HanTa's two per-word searches, computed the same way with less work per step.

HanTa (``HanoverTagger``) analyses every word it has not seen with two Viterbi searches over
the word's morphemes: ``analyze_forward`` (which tags can the word have, used by sentence
tagging) and ``analyze_viterbi`` (its morphemes for one tag, used for the lemma). Both call
``lp_m_t(segment, tag)`` for every state, segment and following tag: the same segment and
tag are scored again for every state that can be followed by the tag, through a method call
and four dictionary look-ups each time. On the 10kGNAD speed bench these two searches were
about a quarter of the whole analysis (issue #9, #13).

:class:`FastHanta` runs the same searches with the score of a (segment, tag) computed once
per word and the constant part of HanTa's guess for unknown morphemes added up once per tag.
Every floating-point operation is the one HanTa does, in the same order, and the tables are
filled in the same order (so ties and dictionary order come out the same): the results are
equal to HanTa's, which ``tests/test_hanta_fast.py`` checks word by word. The model is read,
never changed. If HanTa's model layout is not what this module expects, ``FastHanta``
raises at construction and HanTa's own methods stay in use.
"""

from __future__ import annotations

import math
from operator import itemgetter
from typing import Any

__all__ = ["FastHanta", "install"]

_LOWERBOUND = -1e6
_NEG_INF = -math.inf


class FastHanta:
    """``analyze_forward`` and ``analyze_viterbi`` of one loaded HanoverTagger, output-equal."""

    def __init__(self, tagger: Any) -> None:
        from HanTa import HanoverTagger as ht

        self.t = tagger
        self._empty, self._start, self._unknown, self._end_unknown = ht.EMPTY, ht.START, ht.UNKNOWN, ht.END_UNKNOWN
        self._logaddexp = ht.logaddexp
        self._trans_nonfinal = tagger.LP_trans_nonfinal
        self._trans_final = tagger.LP_trans_final
        self._reach = tagger.reachability
        # HanTa's guess for a morpheme the model does not know, for the tags it guesses:
        # Int_t + LP_hapax_t[t] + LP_len_t[t][min(len, 24)] + suffix score, added left to
        # right. The first two terms' sum is kept per tag (the same float HanTa computes).
        self._guess: dict[int, tuple[list[float], dict[str, float]]] = {}
        for t in tagger.LP_hapax_t:
            if t in tagger.LP_s_t:
                base = tagger.Int_t + tagger.LP_hapax_t[t]
                lens = tagger.LP_len_t[t]
                # (Int_t + LP_hapax_t[t]) + LP_len_t[t][k] for every length k HanTa indexes
                self._guess[t] = ([base + lens[k] for k in range(25)], tagger.LP_s_t[t])
        # morpheme -> {tag: log p(morpheme | tag)}: HanTa's LP_m_t turned around, so one look-up
        # per segment finds every tag the model lists it under
        self._morphs: dict[str, dict[int, Any]] = {}
        for t, known in tagger.LP_m_t.items():
            for m, lp in known.items():
                self._morphs.setdefault(m, {})[t] = lp
        self._follows: dict[tuple[Any, int | None], tuple[list[tuple[int, float]], list[tuple[int, float]]]] = {}

    def _guess_score(self, word: str, i: int, j: int, t: int, long_suffix: dict[tuple[int, int], float]) -> float:
        """HanTa's ``lp_m_t(word[i:j], t, len(word), strict=False)`` for a morpheme the model
        does not list under ``t``, a tag it guesses for, ``len(word) < 4 or j - i > 2``.

        The suffix score of a morpheme longer than four letters depends only on its last
        four letters, the same for every morpheme ending at ``j``: kept in ``long_suffix``
        (one per word) under (tag, j)."""
        lens, suf = self._guess[t]
        mlen = j - i
        if mlen > 4:
            lp_suf = long_suffix.get((t, j))
            if lp_suf is None:
                m = word[j - 4:j]
                if m in suf:
                    lp_suf = suf[m]
                elif m[-3:] in suf:
                    lp_suf = suf[m[-3:]]
                elif m[-2:] in suf:
                    lp_suf = suf[m[-2:]]
                elif m[-1:] in suf:
                    lp_suf = suf[m[-1:]]
                else:
                    lp_suf = suf[""]
                long_suffix[(t, j)] = lp_suf
        else:
            m = word[i:j]
            if mlen > 3 and m[-3:] in suf:
                lp_suf = suf[m[-3:]]
            elif mlen > 2 and m[-2:] in suf:
                lp_suf = suf[m[-2:]]
            elif mlen > 1 and m[-1:] in suf:
                lp_suf = suf[m[-1:]]
            else:
                lp_suf = suf[""]
        lp: float = lens[mlen if mlen < 24 else 24] + lp_suf
        if mlen == len(word):
            lp -= 4.6
        return lp

    def _follow(self, state: Any, targetpos: int | None) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """The tags that may follow ``state`` (those that can lead to ``targetpos`` when
        given), in HanTa's order, and the guessed-for ones among them, in the same order."""
        key = (state, targetpos)
        got = self._follows.get(key)
        if got is None:
            follow = self._trans_nonfinal.get(state, [])
            if targetpos is not None:
                reachable = self._reach.get(targetpos, frozenset())
                follow = [(t, p) for (t, p) in follow if t in reachable]
            got = self._follows[key] = (follow, [(t, p) for (t, p) in follow if t in self._guess])
        return got

    def _fill(self, word: str, strict: bool, targetpos: int | None,
              backpointer: list[dict[Any, Any]] | None) -> list[dict[Any, float]]:
        """The morpheme table of ``word`` (rows 0..wlen+1; the last is left empty).

        HanTa loops state -> end position -> following tag; each end position has its own
        row, so looping end position -> state -> following tag updates every row in the
        same order. A (segment, tag) pair HanTa scores -inf (a morpheme the model does not
        list under a tag it does not guess for) never enters a row, so it is skipped
        without being scored; the others are scored once for all states."""
        wlen = len(word)
        # row 0 starts at the int 0, as in HanTa
        start: dict[Any, Any] = {(self._empty, self._start): 0}
        table: list[dict[Any, Any]] = [start] + [{} for _ in range(wlen + 1)]
        morphs = self._morphs
        guessable = self._guess
        guess = self._guess_score
        long_suffix: dict[tuple[int, int], float] = {}
        for i in range(wlen):  # row wlen has no segment after it
            row = table[i]
            if not row:
                continue
            rowbound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else _LOWERBOUND
            active = []
            for state, lp in row.items():
                if lp < rowbound:
                    continue
                follow, gfollow = self._follow(state, targetpos)
                if follow:
                    active.append((state, state[1], lp, follow, gfollow))
            if not active:
                continue
            for j in range(i + 1, wlen + 1):
                segment = word[i:j]
                known = morphs.get(segment)
                can_guess = not strict and (wlen < 4 or j - i > 2)
                if known is None and not can_guess:
                    continue
                cell = table[j]
                back = backpointer[j] if backpointer is not None else None
                guessed: dict[int, Any] = {}
                for state, s1, lp, follow, gfollow in active:
                    for tag1, lpt in (follow if known is not None else gfollow):
                        if known is not None and tag1 in known:
                            lpm = known[tag1]
                        elif can_guess and tag1 in guessable:
                            lpm = guessed.get(tag1)
                            if lpm is None:
                                lpm = guessed[tag1] = guess(word, i, j, tag1, long_suffix)
                        else:
                            continue
                        lp1 = lp + lpt + lpm
                        if lp1 > _LOWERBOUND:
                            newstate = (s1, tag1)
                            old = cell.get(newstate)
                            if old is None or lp1 > old:
                                cell[newstate] = lp1
                                if back is not None:
                                    back[newstate] = (state, i)
        return table

    def analyze_forward(self, word: str) -> list[tuple[int, float]]:
        """HanTa's ``analyze_forward``: (tag, log probability) of the word, best first."""
        t = self.t
        table = self._fill(word, t.strict, None, None)
        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in self._trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWERBOUND:
                    newstate = (state[1], tag1)
                    if newstate not in last or lp1 > last[newstate]:
                        last[newstate] = lp1
        results: dict[int, float] = {}
        for state, lp in last.items():
            if lp == _NEG_INF:
                continue
            pos = -state[1]
            if pos in results:
                results[pos] = self._logaddexp(results[pos], lp)
            else:
                results[pos] = lp
        result_list = list(results.items())
        result_list.sort(key=itemgetter(1), reverse=True)
        if len(result_list) == 0:
            result_list = [(self._unknown, 0)]
        return result_list

    def analyze_viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        """HanTa's ``analyze_viterbi``: the best morpheme path of the word for one tag."""
        wlen = len(word)
        for localstrict in (True, False):
            backpointer: list[dict[Any, Any]] = [{} for _ in range(wlen + 2)]
            table = self._fill(word, localstrict, targetpos, backpointer)
            last = table[-1]
            for state, lp in table[-2].items():
                for tag1, lpt in self._trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > _LOWERBOUND:
                            newstate = (state[1], tag1)
                            if newstate not in last or lp1 > last[newstate]:
                                last[newstate] = lp1
                                backpointer[-1][newstate] = (state, wlen)
                        break
            if len(last) > 0:
                break
        pmax = _NEG_INF
        beststate = (self._empty, self._empty)
        for state, lp in last.items():
            if lp > pmax:
                pmax = lp
                beststate = state
        i = len(backpointer) - 1
        if beststate == (self._empty, self._empty):
            states = [((self._unknown, self._end_unknown), i), ((self._start, self._unknown), i - 1)]
        else:
            states = [(beststate, i)]
            state = beststate
            while i > 0:
                state, i = backpointer[i][state]
                states.append((state, i))
            states = states[:-1]
        return [(st[1], k) for (st, k) in states[::-1]]


def install(tagger: Any) -> bool:
    """Route ``tagger``'s two per-word searches through a :class:`FastHanta` (same results);
    False, and HanTa's own methods kept, when its model is not laid out as expected."""
    try:
        fast = FastHanta(tagger)
    except (AttributeError, ImportError, KeyError, TypeError):
        return False
    tagger.analyze_forward = fast.analyze_forward
    tagger.analyze_viterbi = fast.analyze_viterbi
    return True
