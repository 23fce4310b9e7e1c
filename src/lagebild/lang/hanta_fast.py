"""HanTa's per-word morphology searches and its sentence tagger, rewritten for speed with
the same results.

HanTa (1.2.x) analyses a German word by a search over its segmentations into morphemes
(``HanoverTagger.analyze_forward`` for the scores of each part of speech,
``HanoverTagger.analyze_viterbi`` for the morphemes of a given part of speech). Both ask
``lp_m_t(segment, tag)`` for every segment of the word and every tag that may follow each
live state: ~2,700 calls per word, most of them for segments no tag knows, and the largest
single cost of the analysis (issue #9 profile of 200 10kGNAD articles: a fifth of all CPU).

The functions here run the same search over the same states in the same order, with the
same floating point operations in the same order (so the scores are bit-identical), but
look each segment up once in an index of the known morphemes instead of once per tag, and
guess an unknown morpheme's score only for the tags HanTa guesses for. The steps from a
row's live states are read from per-state lists made once (not built per set of live
states: issue #13, that was a fifth of the forward search), and the forward search adds
each live state's score to its transition scores once per row. The sentence tagger
(``tag_sent_viterbi``, :func:`fast_tag_sent_viterbi`) tries only each word's own tags
instead of all 56 transitions of every live state.

Installed on the tagger instance by :func:`lagebild.lang.tokens.load_hanta` when
:func:`supported` holds; ``tests/test_speed7.py`` compares each with HanTa's own method.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import Any

from numpy import logaddexp

__all__ = ["fast_analyze_forward", "fast_analyze_viterbi", "fast_tag_sent_viterbi", "install", "supported"]

# HanTa's constants (HanoverTagger module level) and its search's floor.
_EMPTY, _START, _END, _UNKNOWN, _END_UNKNOWN = 0, 1, 2, 3, -3
_LOWERBOUND = -1e6
# HanTa's penalty for an analysis that takes the whole word as one unknown morpheme.
_WHOLE_WORD_PENALTY = 4.6
# Distinct word endings (up to 4 characters) whose suffix scores are kept (each a dict of
# 11 floats, shared with the other endings that end alike when the model's tags list the
# same endings, as HanTa's German model does; 200 10kGNAD articles need about 10,000).
SUFFIX_MEMO = 100_000
# Distinct (word, case) pairs whose scored tags the sentence tagger keeps ready (a few
# hundred bytes each: at most ~70 MB; 1,028 10kGNAD articles have ~60,000).
SENTENCE_WORD_MEMO = 100_000
# Word beginnings whose search rows the forward search keeps, to resume a later word with
# the same beginning from them ("verhandel|te", "verhandel|ten"; see fast_analyze_forward).
# On the 37,523 words HanTa's lexicon lacks in 10kGNAD test (171,000 beginnings), resuming
# skips 29 % of the segments searched. Memory (tracemalloc, those words): 80 MB for all
# 171,000 with the live states and a list of scores per row, 63 MB with the row's steps and
# a tuple (as now), ~35 MB at this cap (the memo is emptied when full).
PREFIX_MEMO = 100_000
# Shortest beginning kept (shorter ones save almost nothing); and the shortest word whose
# rows are shared: HanTa guesses segments of up to 2 characters of a word of fewer than 4,
# so only the rows of words of 4 or more characters are the same for every such word.
MIN_PREFIX = 3
_MIN_SHARED_WORD = 4

Search = Callable[..., Any]
# One row of the forward search: its live states and their scores, in row order.
_Row = tuple[tuple[tuple[int, int], ...], tuple[float, ...]]
# One step from a state: (follower tag, transition score, new state).
_Step = tuple[int, float, tuple[int, int]]


def supported(tagger: Any) -> bool:
    """Whether the rewrite applies to ``tagger``: HanTa's model layout it was written against
    (every tag that may follow a state has a morpheme table, as HanTa's own code assumes)."""
    needed = ("LP_m_t", "LP_s_t", "LP_hapax_t", "LP_len_t", "Int_t", "LP_trans_nonfinal",
              "LP_trans_final", "LP_trans_word", "reachability", "strict")
    if not all(hasattr(tagger, n) for n in needed):
        return False
    followers = {t for f in tagger.LP_trans_nonfinal.values() for t, _ in f}
    return all(t in tagger.LP_m_t for t in followers)


def install(tagger: Any, memo_size: int) -> bool:
    """Put the fast searches on ``tagger`` (the forward one memoised per word, ``memo_size``
    words); False, and the tagger unchanged, when :func:`supported` does not hold."""
    if not supported(tagger):
        return False
    model = _Model(tagger)
    tagger.analyze_forward = lru_cache(maxsize=memo_size)(fast_analyze_forward(tagger, model))
    tagger.analyze_viterbi = fast_analyze_viterbi(tagger, model)
    tagger.tag_sent_viterbi = fast_tag_sent_viterbi(tagger)
    return True


class _Model:
    """The tables the searches read, indexed once per tagger."""

    def __init__(self, tagger: Any) -> None:
        # morpheme -> {tag: log p(morpheme | tag)} for every known morpheme
        index: dict[str, dict[int, float]] = {}
        for tag, table in tagger.LP_m_t.items():
            for m, lp in table.items():
                index.setdefault(m, {})[tag] = lp
        self.known = index
        # every known morpheme and every beginning of one: the morpheme's tags, or {} for a
        # beginning that is no morpheme itself (133,411 of them: ~12 MB). The forward search
        # stops looking segments up once one is neither (issue #13).
        begun: dict[str, dict[int, float]] = {}
        for m in index:
            for q in range(1, len(m)):
                begun.setdefault(m[:q], {})
        begun.update(index)
        self.begun = begun
        # The tags whose unknown morphemes HanTa scores by length and ending (lp_m_t's guess
        # branch: Int_t + LP_hapax_t[t] + LP_len_t[t][min(len, 24)] + suffix score, added
        # left to right). by_length[n][t]: the first three terms for a morpheme of length n
        # (the same float as HanTa's first two additions).
        guess_tags = [t for t in tagger.LP_hapax_t if t in tagger.LP_s_t]
        self.guess_tags = frozenset(guess_tags)
        self.by_length = [{t: tagger.Int_t + tagger.LP_hapax_t[t] + tagger.LP_len_t[t][n] for t in guess_tags}
                          for n in range(25)]
        self._suffix_tables = {t: tagger.LP_s_t[t] for t in guess_tags}
        self.suffix_memo: dict[str, dict[int, float]] = {}
        # HanTa's German model lists the same 860 endings for each guessable tag: then the
        # scores of each ending for all tags, made once (None when the tables differ)
        self._suffixes: dict[str, dict[int, float]] | None = None
        endings = [set(t) for t in self._suffix_tables.values()]
        if endings and all(e == endings[0] for e in endings) and "" in endings[0]:
            self._suffixes = {e: {tag: lp_s[e] for tag, lp_s in self._suffix_tables.items()} for e in endings[0]}
        # state -> its steps in HanTa's order; and its guessable steps alone, in order
        self.follow: dict[Any, tuple[_Step, ...]] = {}
        self.guess_follow: dict[Any, tuple[_Step, ...]] = {}
        for state, followers in tagger.LP_trans_nonfinal.items():
            steps = tuple((tag1, lpt, (state[1], tag1)) for tag1, lpt in followers)
            self.follow[state] = steps
            self.guess_follow[state] = tuple(st for st in steps if st[0] in self.guess_tags)
        self.trans = tagger.LP_trans_nonfinal
        self.final = tagger.LP_trans_final
        self.reachability = tagger.reachability
        self.strict = tagger.strict

    def suffix_scores(self, m: str) -> dict[int, float]:
        """tag -> the suffix score lp_m_t adds when it guesses the morpheme ``m``: that of the
        longest of m's last 4, 3, 2, 1 characters the tag's table holds, never the whole
        morpheme (HanTa's conditions ``len(m) > k``). It depends on m's last
        min(4, len(m) - 1) characters only: memoised by them."""
        key = m[-min(4, len(m) - 1):] if len(m) > 1 else ""
        got = self.suffix_memo.get(key)
        if got is None:
            if self._suffixes is not None:
                # every table holds the same endings: the scores of the longest one key ends with
                got = _by_longest_ending(key, self._suffixes)
            else:
                got = {tag: _by_longest_ending(key, lp_s) for tag, lp_s in self._suffix_tables.items()}
            if len(self.suffix_memo) >= SUFFIX_MEMO:
                self.suffix_memo.clear()
            self.suffix_memo[key] = got
        return got


def _by_longest_ending(key: str, table: dict[str, Any]) -> Any:
    """``table``'s entry for the longest of ``key``'s endings it holds (its "" entry for none)."""
    for k in range(len(key), 0, -1):
        got = table.get(key[-k:])
        if got is not None:
            return got
    return table[""]


def _live(row: dict[Any, float]) -> list[tuple[Any, float]]:
    """The states of a row the search continues from, in row order (HanTa: the top 3 and
    whatever scores within 1 of the 4th best)."""
    if len(row) > 3:
        rowbound = sorted(row.values(), reverse=True)[3] - 1
    else:
        rowbound = _LOWERBOUND
    return [(state, lp) for state, lp in row.items() if not lp < rowbound]


def _unzipped(live: list[tuple[Any, float]]) -> _Row:
    """The live states of a row and their scores, as two tuples."""
    if not live:
        return (), ()
    states, lps = zip(*live)
    return states, lps


def _known_only(model: _Model, seg: str, wlen: int, strict: bool) -> bool:
    """Whether lp_m_t guesses no score for ``seg`` (strict, or a short part of a long word)."""
    return strict or not (wlen < 4 or len(seg) > 2)


def fast_analyze_forward(tagger: Any, model: _Model | None = None) -> Search:
    """A function ``word -> [(tag, log p)]`` equal to ``tagger.analyze_forward``.

    The steps from a row's live states are read state by state from the model's per-state
    step lists (:attr:`_Model.follow`), in HanTa's order; the guessable steps of a row are
    listed once per row with each live state's score and transition score already added
    (HanTa adds ``lp + lpt`` first, then the morpheme score: the same floats)."""
    model = model or _Model(tagger)
    final_get = model.final.get
    strict = model.strict
    begun_get = model.begun.get
    follow_get = model.follow.get
    guess_of = model.guess_follow.get
    guess_tags = model.guess_tags
    by_length = model.by_length
    no_steps: tuple[tuple[int, float, tuple[int, int]], ...] = ()

    prefixes: dict[str, list[_Row]] = {}

    suffix_scores = model.suffix_scores
    suffix_get = model.suffix_memo.get

    def analyze_forward(word: str) -> list[tuple[int, float]]:
        wlen = len(word)
        short = wlen < 4  # HanTa guesses every segment of a short word
        table: list[dict[tuple[int, int], float]] = [{(_EMPTY, _START): 0.0}] + [{} for _ in range(wlen + 1)]
        # Row j (j < wlen) is complete once every segment ending at j is scored, and then
        # depends on word[:j] alone (for words of 4+ characters): the live states of rows
        # 0..p of a word beginning with a kept word[:p] are taken as they are; their
        # segments ending after p are scored as usual, in the same order.
        shared = wlen >= _MIN_SHARED_WORD
        kept: list[_Row] | None = None
        p = 0
        if shared:
            for q in range(wlen - 1, MIN_PREFIX - 1, -1):
                kept = prefixes.get(word[:q])
                if kept is not None:
                    p = q
                    break
        rows: list[_Row] = kept[: p + 1] if kept is not None else []
        for i in range(wlen + 1):
            if i <= p and kept is not None:
                states, lps = kept[i]
                live = list(zip(states, lps))
                first = p + 1
            else:
                live = _live(table[i])
                first = i + 1
                if i < wlen:
                    rows.append(_unzipped(live))
            if not live:
                continue
            # (live score + transition score, follower tag, new state) of the guessable
            # steps, state by state: all a segment no tag knows is scored for
            gsteps = [(lp + lpt, tag1, newstate) for state, lp in live
                      for tag1, lpt, newstate in guess_of(state, no_steps)]
            may_know = True  # word[i:j] may begin a known morpheme (for j from first on)
            for j in range(first, wlen + 1):
                if may_know:
                    seg = word[i:j]
                    # known_get(seg), or {} when seg only begins known morphemes; None when
                    # it neither is nor begins one, and then no longer segment from i is known
                    known = begun_get(seg)
                    if not known:
                        may_know = known is not None
                        known = None
                else:
                    known = None
                guessing = not strict and (short or j - i > 2)  # not _known_only(...)
                if known is None:
                    # no tag knows the segment: only the guessable steps score (the common
                    # case, taken apart for speed: the same operations in the same order)
                    if not guessing or not gsteps:
                        continue
                    # suffix_scores(seg), its memo read here (keyed by seg's last
                    # min(4, len - 1) characters)
                    suffix = suffix_get(word[j - 4:j] if j - i > 4 else word[i + 1:j]) or suffix_scores(word[i:j])
                    base = by_length[min(j - i, 24)]
                    penalty = j - i == wlen
                    row = table[j]
                    for a, tag1, newstate in gsteps:
                        lpm = base[tag1] + suffix[tag1]
                        if penalty:
                            lpm -= _WHOLE_WORD_PENALTY
                        lp1 = a + lpm
                        if lp1 > _LOWERBOUND:
                            old = row.get(newstate)
                            if old is None or lp1 > old:
                                row[newstate] = lp1
                    continue
                if guessing:
                    suffix = suffix_get(word[j - 4:j] if j - i > 4 else word[i + 1:j]) or suffix_scores(word[i:j])
                    base = by_length[min(j - i, 24)]
                whole = j - i == wlen
                row = table[j]
                # the steps to a known tag, or (when guessing) a guessable one, state by
                # state in HanTa's order (HanTa scores the others -inf and adds nothing)
                for state, lp in live:
                    for tag1, lpt, newstate in follow_get(state, no_steps):
                        lpm = known.get(tag1)
                        if lpm is None:
                            if not guessing or tag1 not in guess_tags:
                                continue
                            # lp_m_t's guess, HanTa's operations in order
                            lpm = base[tag1] + suffix[tag1]
                            if whole:
                                lpm -= _WHOLE_WORD_PENALTY
                        lp1 = lp + lpt + lpm
                        if lp1 > _LOWERBOUND:
                            old = row.get(newstate)
                            if old is None or lp1 > old:
                                row[newstate] = lp1
        if shared:
            if len(prefixes) >= PREFIX_MEMO:
                prefixes.clear()
            for q in range(MIN_PREFIX, wlen):
                prefixes[word[:q]] = rows
        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in final_get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWERBOUND:
                    newstate = (state[1], tag1)
                    if newstate not in last or lp1 > last[newstate]:
                        last[newstate] = lp1
        results: dict[int, Any] = {}
        for state, lp in last.items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            if pos in results:
                results[pos] = logaddexp(results[pos], lp)
            else:
                results[pos] = lp
        result_list = list(results.items())
        result_list.sort(key=itemgetter(1), reverse=True)
        if len(result_list) == 0:
            result_list = [(_UNKNOWN, 0)]
        return result_list

    return analyze_forward


def fast_analyze_viterbi(tagger: Any, model: _Model | None = None) -> Search:
    """A function ``(word, targetpos) -> [(tag, end)]`` equal to ``tagger.analyze_viterbi``."""
    model = model or _Model(tagger)
    final_get = model.final.get
    reach_get = model.reachability.get
    begun_get = model.begun.get
    follow_get = model.follow.get
    guess_tags = model.guess_tags
    by_length = model.by_length
    empty: frozenset[int] = frozenset()
    no_steps: tuple[_Step, ...] = ()

    def analyze_viterbi(word: str, targetpos: int) -> list[tuple[int, int]]:
        wlen = len(word)
        reachable_t = reach_get(targetpos, empty)
        table: list[dict[tuple[int, int], float]] = []
        backpointer: list[dict[tuple[int, int], tuple[tuple[int, int], int]]] = []
        for localstrict in (True, False):
            table = [{(_EMPTY, _START): 0.0}] + [{} for _ in range(wlen + 1)]
            backpointer = [{} for _ in range(wlen + 2)]
            for i in range(wlen + 1):
                live = _live(table[i])
                if not live:
                    continue
                # the steps from the live states to a tag that can reach targetpos, state
                # by state in HanTa's order
                items = [(state, lp, st) for state, lp in live for st in follow_get(state, no_steps)
                         if st[0] in reachable_t]
                if not items:
                    continue
                may_know = True  # as in the forward search
                for j in range(i + 1, wlen + 1):
                    seg = word[i:j]
                    if may_know:
                        known = begun_get(seg)
                        if not known:
                            may_know = known is not None
                            known = None
                    else:
                        known = None
                    guessing = not _known_only(model, seg, wlen, localstrict)
                    if known is None and not guessing:
                        continue  # every step scores -inf: HanTa adds nothing
                    if guessing:
                        base, suffix = by_length[min(j - i, 24)], model.suffix_scores(seg)
                    whole = j - i == wlen
                    row = table[j]
                    back = backpointer[j]
                    for state, lp, (tag1, lpt, newstate) in items:
                        lpm = known.get(tag1) if known is not None else None
                        if lpm is None:
                            if not guessing or tag1 not in guess_tags:
                                continue  # scored -inf: HanTa adds nothing
                            lpm = base[tag1] + suffix[tag1]
                            if whole:
                                lpm -= _WHOLE_WORD_PENALTY
                        lp1 = lp + lpt + lpm
                        if lp1 > _LOWERBOUND:
                            old = row.get(newstate)
                            if old is None or lp1 > old:
                                row[newstate] = lp1
                                back[newstate] = (state, i)
            last = table[-1]
            for state, lp in table[-2].items():
                for tag1, lpt in final_get(state, []):
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
        pmax = -math.inf
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
        return [(state[1], i) for (state, i) in states[::-1]]

    return analyze_viterbi


def fast_tag_sent_viterbi(tagger: Any) -> Search:
    """A function ``(words, casesensitive=True) -> [tag]`` equal to
    ``tagger.tag_sent_viterbi``: HanTa's sentence tagger (an HMM over the words).

    HanTa tries every transition of every live state (56 tags) and drops those the word
    cannot have; this tries only the word's own tags (1 to 5), in the order of the state's
    transitions, so the rows are filled in the same order with the same scores."""
    trans = tagger.LP_trans_word
    # states whose transitions list the same tags in the same order share one position index
    signature: dict[tuple[int, ...], int] = {}
    positions: list[dict[int, int]] = []
    state_sig: dict[Any, int] = {}
    for state, followers in trans.items():
        key = tuple(followers)
        if key not in signature:
            signature[key] = len(positions)
            positions.append({c: k for k, c in enumerate(key) if c != _END})
        state_sig[state] = signature[key]

    # (word, casesensitive) -> its scored tags as a dict (None: unknown, any tag goes) and,
    # per signature, its tags a state of that signature may go to, in transition order
    words: dict[tuple[str, bool], tuple[dict[int, float] | None, dict[int, list[tuple[int, float]]]]] = {}

    def word_entry(w: str, cs: bool) -> tuple[dict[int, float] | None, dict[int, list[tuple[int, float]]]]:
        got = words.get((w, cs))
        if got is None:
            # the instance's (memoised) word scores, as HanTa asks them
            wprobs: dict[int, float] | None = dict(tagger._tag_word(w, cutoff=5, casesensitive=cs, conditional=True))
            if not wprobs or (len(wprobs) == 1 and _UNKNOWN in wprobs):
                wprobs = None
            if len(words) >= SENTENCE_WORD_MEMO:
                words.clear()
            got = words[(w, cs)] = (wprobs, {})
        return got

    def tag_sent_viterbi(sent: list[str], casesensitive: bool = True) -> list[int]:
        table: list[dict[tuple[int, int], float]] = []
        backpointer: list[dict[tuple[int, int], tuple[int, int]]] = []
        for i, w in enumerate(sent):
            wprobs, by_sig = word_entry(w, casesensitive and i > 0)
            row: dict[tuple[int, int], float] = {}
            back: dict[tuple[int, int], tuple[int, int]] = {}
            backpointer.append(back)
            prevrow = {(_EMPTY, _START): 0.0} if i == 0 else table[i - 1]
            if len(prevrow) > 5:
                rowbound = sorted(prevrow.values(), reverse=True)[5] - 1
            else:
                rowbound = _LOWERBOUND
            for state, lp0 in prevrow.items():
                if lp0 < rowbound:
                    continue
                lp_t = trans[state]
                if wprobs is None:  # an unknown word: anything goes (HanTa: word score 0)
                    for c, lp_tc in lp_t.items():
                        if c == _END:
                            continue
                        lp = lp0 + lp_tc + 0
                        if lp > _LOWERBOUND:
                            newstate = (state[1], c)
                            old = row.get(newstate)
                            if old is None or lp > old:
                                row[newstate] = lp
                                back[newstate] = state
                    continue
                sig = state_sig[state]
                cands = by_sig.get(sig)
                if cands is None:
                    pos = positions[sig]
                    cands = by_sig[sig] = [(c, wprobs[c]) for c in sorted((c for c in wprobs if c in pos),
                                                                           key=pos.__getitem__)]
                tag0 = state[1]
                for c, lpwc in cands:
                    lp = lp0 + lp_t[c] + lpwc
                    if lp > _LOWERBOUND:
                        newstate = (tag0, c)
                        old = row.get(newstate)
                        if old is None or lp > old:
                            row[newstate] = lp
                            back[newstate] = state
            table.append(row)
        finalstate = (_END, _EMPTY)
        prevrow = table[-1]
        last: dict[tuple[int, int], float] = {}
        back = {}
        backpointer.append(back)
        for state, lp0 in prevrow.items():
            lp = lp0 + trans[state].get(_END, -math.inf)
            if lp > last.get(finalstate, -math.inf):
                last[finalstate] = lp
                back[finalstate] = state
        table.append(last)
        tags = []
        state = finalstate
        for i in range(len(backpointer) - 1, 0, -1):
            state = backpointer[i][state]
            tags.append(state[1])
        return tags[::-1]

    return tag_sent_viterbi
