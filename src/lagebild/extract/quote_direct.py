"""Direct quotes: quoted spans, their frames ("sagte X: „…“", "„…“, so X") and the quote-or-title
decision for spans without a frame."""

from __future__ import annotations

from lagebild.extract.chunker import Chunker
from lagebild.extract.quote_doc import (
    AFTER_FRAME_MAX_GAP,
    LONG_QUOTE_MIN_WORDS,
    SENT_END,
    SHORT_QUOTE_MAX_WORDS,
    WIE_FRAME_MAX_TOKENS,
    Cand,
    Doc,
    bare_name,
    can_speak,
    in_source,
    speaker_of,
    words_in,
)
from lagebild.extract.quote_terms import foreign_term, lowercase_name, unattributed_phrase
from lagebild.extract.speech import (
    CALL_VERBS,
    INDEFINITE,
    OPINION_PREPOSITIONS,
    QUOTE_CHARS,
    SCARE_MARKERS,
    SOURCE_NOUNS,
    SOURCE_PREPOSITIONS,
    WIE,
    is_reported_mood,
    is_speech_verb,
    name_like,
    scan_quotes,
    speech_verbs,
    verb_lemma,
)

__all__ = ["attach_embedded", "direct_candidates", "inside_quote_mask", "source_phrase_before"]

def inside_quote_mask(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * len(doc.toks)
    for a, b in spans:
        for k in range(a, b + 1):
            if 0 <= k < len(mask):
                mask[k] = True
    return mask

def direct_candidates(
    doc: Doc, chunker: Chunker, used_verbs: set[int], qspans: list[tuple[int, int]]
) -> list[Cand]:
    """All quoted spans with a frame decision; embedded ones are resolved later."""
    out: list[Cand] = []
    text = doc.text
    group = 0
    for o, c in scan_quotes(text):
        a = doc.tok_at_or_after(o + 1)
        b = doc.tok_before(c)  # last token inside
        if a > b or a >= len(doc.toks):
            continue
        qspans.append((a - 1, b + 1))
        inner_a, inner_b = doc.toks[a].start, doc.toks[b].end
        while inner_b > inner_a and text[inner_b - 1] in ",;: ":
            inner_b -= 1
        words = words_in(doc, a, b + 1)
        if not words:
            continue
        open_tok, close_tok = a - 1, b + 1
        prev = open_tok - 1
        cand = Cand(inner_a, inner_b, "direct", doc.sent_of[a])
        cand.extras = {"a": a, "b": b + 1, "nwords": len(words), "open": open_tok,
                       "close": close_tok}
        if prev >= 0 and doc.toks[prev].lemma.lower() in SCARE_MARKERS | {t.lower() for t in SCARE_MARKERS}:
            continue
        if prev >= 0 and doc.toks[prev].text.lower() in SCARE_MARKERS:
            continue
        comma_after = close_tok + 1 < len(doc.toks) and doc.toks[close_tok + 1].text == ","
        short = not _long_utterance(doc, a, b + 1, len(words))
        # "wie „heise online“ berichtet", "die „Aktion Deutschland hilft“ teilte mit"
        # an oblique article opens an object ("von einem „schwarzen Tag“ sprach")
        subject_slot = prev >= 0 and (doc.toks[prev].text.lower() == "wie" or (
            doc.pos[prev] in ("ART", "PDAT", "PPOSAT") and doc.toks[prev].text.lower() not in OBLIQUE_ARTICLES))
        verb_after = (subject_slot and close_tok + 1 < len(doc.toks) and doc.pos[close_tok + 1] == "VVFIN"
                      and doc.sent_of[close_tok + 1] == doc.sent_of[close_tok]
                      and is_speech_verb(doc.toks, close_tok + 1, doc.language))
        if not comma_after and short and (name_like(doc.toks, doc.pos, doc.sent_of, a, b + 1) or verb_after):
            # a name or title („Yemen Observer“ berichtet; wie „heise online“ berichtet): the
            # subject of the verb after it, which stays free for the indirect quote it frames
            cand.extras["name"] = True
            out.append(cand)
            continue
        # "die „Aktion Deutschland hilft“ teilte mit": an article makes the quoted words a noun
        # phrase, the subject of the verb after it, not a quote that verb frames
        det_before = prev >= 0 and doc.pos[prev] in ("ART", "PPOSAT", "PDAT") and not comma_after
        frame = None if det_before else _after_frame(doc, chunker, close_tok, used_verbs)
        if frame is None or frame[1] is None:
            before = _before_frame(doc, chunker, open_tok, used_verbs)
            if before is not None and (frame is None or before[1] is not None):
                frame = before
        if frame is not None:
            cand.cue, cand.spk = frame
            cand.extras["framed"] = True
            nxt = close_tok + 1
            cand.extras["comma_frame"] = nxt < len(doc.toks) and doc.toks[nxt].text == ","
        out.append(cand)
    # quotes split by a frame: „A“, sagte X, „B“ -> B shares A's frame
    for k in range(1, len(out)):
        prev_c, cur = out[k - 1], out[k]
        if cur.cue is None and prev_c.cue is not None and prev_c.extras.get("framed"):
            gap_a, gap_b = prev_c.extras["close"] + 1, cur.extras["open"]
            if (0 < gap_b - gap_a <= 12 and doc.sent_of[gap_a] != prev_c.sent
                    and doc.toks[gap_b - 1].text in SENT_END and _verb_first_frame(doc, gap_a)):
                # „A.“ | erklärte X. „B.“: the frame ends a sentence, so B is a new utterance
                # of the same speaker, not the rest of A
                cur.spk = prev_c.spk
                cur.extras["framed"] = True
                continue
            if (0 < gap_b - gap_a <= 12 and doc.toks[gap_b - 1].text in ",:"
                    and prev_c.cue[0] >= doc.toks[gap_a].start and prev_c.cue[1] <= doc.toks[gap_b].start):
                cur.cue, cur.spk = prev_c.cue, prev_c.spk
                cur.extras["framed"] = True
                if prev_c.group < 0:
                    prev_c.group = group = group + 1
                cur.group = prev_c.group
    return out

def _after_frame(
    doc: Doc, chunker: Chunker, close_tok: int, used: set[int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """„…“, sagte X / „…“, so X / „…“, wie X sagte / „…“ laut X."""
    n = len(doc.toks)
    i = close_tok + 1
    if close_tok >= n or i >= n:
        return None
    if doc.toks[i].text in ",–—-":
        i += 1
    if (i + 3 < n and doc.toks[i].text.lower() == "mit" and doc.toks[i + 2].text.lower() == "worten"
            and doc.sent_of[i + 3] == doc.sent_of[close_tok]):
        i += 3  # "„…“, mit diesen Worten meldete er sich zurück"
    if i >= n or doc.sent_of[i] not in (doc.sent_of[close_tok], doc.sent_of[close_tok] + 1):
        return None
    # a frame starting a new sentence only when the quote ended with a comma inside (or the
    # splitter cut before the comma after it: "„…“ | , wird X zitiert.")
    if (i < n and doc.sent_of[i] != doc.sent_of[close_tok] and doc.toks[close_tok].text not in ","
            and not doc.text[doc.toks[close_tok].start - 2 : doc.toks[close_tok].start].strip().endswith(",")
            and not _verb_first_frame(doc, i) and not (i > close_tok + 1 and doc.toks[i - 1].text == ",")):
        return None
    if doc.language[:2] == "de" and (quoted := _quoted_passive(doc, chunker, i)) is not None:
        used.add(quoted[0])  # "„…“, wird der Trainer in der Zeitung zitiert"
        v = doc.toks[quoted[0]]
        return (v.start, v.end), quoted[1]
    t = doc.toks[i]
    low = t.text.lower()
    lang = doc.language[:2]
    if doc.sent_of[i] != doc.sent_of[close_tok] and _verb_first_frame(doc, i):
        used.add(i)  # „…“ | erklärte Kultusministerin Eisenmann.
        return (t.start, t.end), chunker.np_at(i + 1)
    if low in ("so",) and lang == "de" and i + 1 < n:
        spk = chunker.source_np(i + 1)
        if spk:
            return (t.start, t.end), spk
        if doc.pos[i + 1] == "VVFIN":  # „…“, so heißt es in der Erklärung des X
            used.add(i + 1)
            v = doc.toks[i + 1]
            return (v.start, v.end), chunker.subject(i + 1) or in_source(doc, chunker, i + 1, after=True)
    if low in SOURCE_PREPOSITIONS.get(lang, frozenset()):
        j = i + 2 if low == "according" else i + 1
        spk = chunker.source_np(j)
        if spk:
            return (t.start, t.end), spk
    if low in WIE:
        commas = 0
        for k in range(i + 1, min(n, i + WIE_FRAME_MAX_TOKENS)):
            if doc.pos[k].startswith("VV") and is_speech_verb(doc.toks, k, doc.language):
                used.add(k)
                return (doc.toks[k].start, doc.toks[k].end), speaker_of(doc, chunker, k)
            commas += doc.toks[k].text == ","
            # an apposition closes with its second comma ("wie der Sekretär der Jury, Lars
            # Berg, bei der Bekanntgabe sagte"); a third comma or a stop ends the frame
            if doc.toks[k].text in ".;:" or commas > 2 or doc.sent_of[k] != doc.sent_of[i]:
                break
        return None
    if (lang == "de" and i == close_tok + 1 and doc.toks[close_tok - 1].text == "."
            and _frame_opens_quote(doc, i)):
        return None  # „A.“ Er fügte hinzu: „B.“ - a new sentence whose frame is B's
    for k in range(i, min(n, i + AFTER_FRAME_MAX_GAP)):
        p = doc.pos[k]
        if p == "KON":
            break  # „…“ und erklärte, …: a new clause, not a frame
        if lang == "de":
            # „…“, meinte X: any finite verb after the comma; without a comma only speech verbs
            is_verb = p in ("VVFIN", "VAFIN")  # „…“ meinte X; also „…“ stecke (rare, accepted)
            if (is_verb and k == close_tok + 1 and not is_speech_verb(doc.toks, k, lang)
                    and _inside_clause(doc, close_tok)
                    and (k + 1 >= len(doc.toks) or doc.toks[k + 1].text in ".,;:!?")):
                # "dass die Lehrer „als Hilfspolizisten“ dienten.": the verb that ends the
                # clause the quoted words sit in, not a frame ("Als „…“ beurteilte X" is)
                is_verb = False
        else:
            is_verb = is_speech_verb(doc.toks, k, lang)
        if is_verb and (p != "VAFIN" or doc.toks[k].lemma == "heißen" or (
                doc.toks[k].lemma == "sein" and k + 1 < n and doc.toks[k + 1].text == "sich")):  # „…“, ist sich X sicher
            if not is_speech_verb(doc.toks, k, doc.language) and (
                    so := _so_frame_later(doc, chunker, close_tok + 1)) is not None:
                return so  # "„…“ beenden, so Rice": the verb ends the quoted clause
            used.add(k)
            return (doc.toks[k].start, doc.toks[k].end), speaker_of(doc, chunker, k)
        if lang != "de" and doc.toks[k].text.lower() in _AUX_BEFORE_SPEECH and k + 1 < n and is_speech_verb(doc.toks, k + 1, lang):
            used.add(k + 1)  # "…", ha dicho un portavoz
            v = doc.toks[k + 1]
            return (v.start, v.end), speaker_of(doc, chunker, k + 1)
        if lang != "de" and (doc.pos[k] == "NE" or k == i):
            # English/Spanish: "…," Trump said / "…," a spokesman said
            spk = chunker.np_at(k)
            if spk and spk[1] < n and is_speech_verb(doc.toks, spk[1], lang):
                used.add(spk[1])
                v = doc.toks[spk[1]]
                return (v.start, v.end), spk
    return None

# How far the participle "zitiert" may stand from "wird" in "„…“, wird X (in der Zeitung „…“)
# zitiert" (the longest in SpkAtt-2023 train, dev fold: 10 tokens).
QUOTED_PASSIVE_MAX = 14


def _quoted_passive(doc: Doc, chunker: Chunker, i: int) -> tuple[int, tuple[int, int] | None] | None:
    """German: the words from token ``i`` are "wird/werde X … zitiert" up to the clause end,
    the frame of the quotation before them ("„…“, wird der Trainer in der Zeitung „…“
    zitiert."): the participle and its passive subject, the person quoted."""
    if doc.pos[i] != "VAFIN" or (doc.toks[i].lemma or "").lower() != "werden":
        return None
    _, sb = doc.sent_bounds(i)
    quoted = False
    for k in range(i + 1, min(sb, i + QUOTED_PASSIVE_MAX)):
        tx = doc.toks[k].text
        if tx in QUOTE_CHARS:
            quoted = not quoted
            continue
        if quoted:
            continue
        if tx in ",;:.!?" or doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN", "KON"):
            return None
        if (doc.toks[k].lemma or "").lower() == "zitieren" and doc.pos[k] == "VVPP":
            if k + 1 < sb and doc.toks[k + 1].text not in ".,;!?":
                return None  # the participle does not close the clause
            spk = chunker.np_at(i + 1)
            return k, spk if spk is not None and spk[1] <= k else None
    return None


# Articles that never open a subject (dative, accusative, genitive forms).
OBLIQUE_ARTICLES = frozenset({"dem", "den", "des", "einem", "einen", "eines"})


def _frame_opens_quote(doc: Doc, i: int) -> bool:
    """The words from token ``i`` run to a colon right before a quotation mark ("Er fügte
    hinzu: „…“"): a frame that introduces the next quotation."""
    _, sb = doc.sent_bounds(i)
    for k in range(i, min(sb - 1, i + WIE_FRAME_MAX_TOKENS)):
        if doc.toks[k].text in QUOTE_CHARS:
            return False
        if doc.toks[k].text == ":":
            return doc.toks[k + 1].text in QUOTE_CHARS
    return False

def _inside_clause(doc: Doc, close_tok: int) -> bool:
    """The quotation closing at ``close_tok`` sits inside a clause: its opening mark follows
    a word of the same sentence that is no colon, comma or dash."""
    opening = next((m for m in range(close_tok - 1, -1, -1) if doc.toks[m].text in QUOTE_CHARS), None)
    if opening is None or opening == 0 or doc.sent_of[opening - 1] != doc.sent_of[opening]:
        return False
    return doc.toks[opening - 1].text not in (":", ",", "–", "—", "-")

def _verb_first_frame(doc: Doc, i: int) -> bool:
    """German: the sentence at token ``i`` opens with a finite verb of saying ("„…“ |
    erklärte Kultusministerin Eisenmann."): a declarative sentence never starts with its
    verb, so this one is the frame of the quote before it, cut off by the sentence splitter.
    HanTa reads a lowercase sentence opener like "erklärte" as an adjective, so the past and
    present forms of a lexicon verb count too ("erklärte", "betont")."""
    if doc.language[:2] != "de" or doc.sent_range[doc.sent_of[i]][0] != i:
        return False
    if doc.pos[i] == "VVFIN":
        return is_speech_verb(doc.toks, i, doc.language)
    word = doc.toks[i].text
    if not word[:1].islower():
        return False
    stems = [word[:-2]] if word.endswith("te") else [word[:-1]] if word.endswith("t") else []
    lex = speech_verbs(doc.language)
    return any(st + "en" in lex or st + "n" in lex for st in stems if len(st) >= 3)

# Tags that open a subordinate clause: relative pronouns, conjunctions, question words.
_SUBORDINATE_OPENERS = frozenset({"PRELS", "KOUS", "PWAV", "PWS"})
# English/Spanish auxiliaries right before a participle of saying ("ha dicho", "has said").
_AUX_BEFORE_SPEECH = frozenset({"ha", "han", "había", "has", "have", "had"})

def _before_frame(
    doc: Doc, chunker: Chunker, open_tok: int, used: set[int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """X sagte: „…“ / sagte X, Sprecherin des Y:\\n„…“ / Weißes Haus: „…“."""
    prev = open_tok - 1
    close = next((k for k in range(open_tok + 1, len(doc.toks)) if doc.toks[k].text in QUOTE_CHARS), open_tok)
    if (prev >= 0 and doc.pos[prev] == "VVFIN" and is_speech_verb(doc.toks, prev, doc.language)
            and len(words_in(doc, open_tok + 1, close)) >= LONG_QUOTE_MIN_WORDS):
        used.add(prev)  # "Halver kommentierte „…“"
        return (doc.toks[prev].start, doc.toks[prev].end), chunker.subject(prev)
    if prev < 0 or doc.toks[prev].text not in ":,":
        return None
    colon = doc.toks[prev].text == ":"
    a, _ = doc.sent_bounds(prev)
    # frame starts after the last quotation mark or sentence start
    start = a
    for k in range(prev - 1, a - 1, -1):
        if doc.toks[k].text in QUOTE_CHARS:
            start = k + 1
            break
    verbs = [k for k in range(start, prev)
             if (doc.pos[k].startswith("VV") or doc.language[:2] != "de") and is_speech_verb(doc.toks, k, doc.language)]
    if not verbs and colon:
        verbs = [k for k in range(start, prev) if doc.pos[k] == "VVFIN"]
    if verbs:
        # not a verb of a relative, conjunctional or indirect-question clause ("heißt es
        # zur Begründung, warum man sich für dieses Bild entschieden hat:")
        main = [v for v in verbs if doc.pos[chunker._clause_start(v)] not in _SUBORDINATE_OPENERS
                and (colon or not _relative_clause(doc, chunker, v))]  # "zu der …" opens one too
        if not main and colon and not is_speech_verb(doc.toks, verbs[-1], doc.language):
            # "Der Ermittler, der als Zeuge gilt, will … einstellen:": the only full verb sits
            # in a relative clause; the main clause's finite verb frames the quote
            main = [k for k in range(start, prev) if doc.pos[k] in ("VMFIN", "VAFIN")
                    and doc.pos[chunker._clause_start(k)] not in _SUBORDINATE_OPENERS][:1]
        if not main and not colon:
            # "Die Demo, zu der ein Bündnis aufgerufen hatte, „…“": a relative clause's verb
            # frames no quotation after it (a "wie X sagte, „…“" clause does)
            verbs = [v for v in verbs if not _relative_clause(doc, chunker, v)]
            if not verbs:
                return None
        k = (main or verbs)[-1]
        if not colon and prev - k > 8:
            return None
        used.add(k)
        return (doc.toks[k].start, doc.toks[k].end), speaker_of(doc, chunker, k)
    if colon:
        # a heading-like frame that is one noun phrase: "Weißes Haus: „…“"
        x = start
        while x < prev and doc.pos[x] in ("ADV", "KON"):
            x += 1
        spk = chunker.np_at(x)
        end = spk[1] if spk else prev
        if end < prev and doc.pos[end] in ("APPR", "APPRART"):
            end = chunker._pp_end(end, prev)  # "Ein Hauptkommissar nach der Festnahme: „…“"
        while end < prev and doc.pos[end] in ("ADJD", "ADV"):
            end += 1  # "Koppelin wörtlich: „…“"
        if spk and end == prev and any(doc.pos[k] in ("NE", "NN") for k in range(*spk)):
            return None, spk
    return None

def _relative_clause(doc: Doc, chunker: Chunker, v: int) -> bool:
    """The verb at ``v`` stands in a relative clause: its clause opens with a relative
    pronoun, or a preposition and one ("zu der", "mit denen")."""
    k = chunker._clause_start(v)
    if doc.pos[k] in ("APPR", "APPRART") and k + 1 < v:
        k += 1
    return doc.pos[k] == "PRELS" or doc.toks[k].text.lower() in ("dessen", "deren")


def attach_embedded(
    doc: Doc, chunker: Chunker, direct: list[Cand], indirect: list[Cand]
) -> list[Cand]:
    """Decide quote-or-not for quoted spans and find a cue for those without a frame."""
    out: list[Cand] = []
    for c in direct:
        nwords = c.extras["nwords"]
        a, b = c.extras["a"], c.extras["b"]
        long_utt = _long_utterance(doc, a, b, nwords)
        is_name = name_like(doc.toks, doc.pos, doc.sent_of, a, b)
        if c.extras.get("name") and not is_name:
            continue
        if c.extras.get("framed"):
            if nwords <= SHORT_QUOTE_MAX_WORDS and c.cue is None:
                continue
            if is_name and not long_utt and not c.extras.get("comma_frame"):
                continue  # „Sana“ meldete …: a name, not a quote; „Nein“, sagte er: a quote
            out.append(c)
            continue
        if is_name and not long_utt:
            prev = doc.toks[a - 2].text.lower() if a >= 2 else ""
            verb = _governing_verb(doc, c)
            # "nannte es einen „Vertrauensbruch“", "als „Kapitulation“ bezeichnet": a judgement
            # in the speaker's words, not a title (titles take no indefinite article)
            if verb is not None and nwords <= SHORT_QUOTE_MAX_WORDS and (
                prev in INDEFINITE or (prev == "als" and verb_lemma(doc.toks, verb) in CALL_VERBS)
            ):
                c.cue = (doc.toks[verb].start, doc.toks[verb].end)
                c.spk = speaker_of(doc, chunker, verb)
                out.append(c)
            continue  # a name or title in quotation marks: „Ärzte ohne Grenzen“
        if nwords == 1 and lowercase_name(doc, a, b):
            continue  # „taz“, „profil“, „tagesschau.de“: a name written in lowercase
        if not long_utt and foreign_term(doc, a, b):
            continue  # "„Let it be“", "„in dubio pro reo“": a title or a foreign term
        hosts = [q for q in indirect if q.start <= c.start and c.end <= q.end]
        host = min(hosts, key=lambda q: q.end - q.start) if hosts else None
        if host is not None and (host.spk is not None):
            c.cue, c.spk = host.cue, host.spk
            c.spk = (_source_between(doc, chunker, host.cue, a) or _nested_speaker(doc, chunker, host.cue, a)
                     or c.spk)
            out.append(c)
            continue
        so = _so_frame_later(doc, chunker, b)
        if so is not None:
            c.cue, c.spk = so  # "Der Iran müsse „…“ beenden, so Rice."
            out.append(c)
            continue
        verb = _governing_verb(doc, c)
        if verb is not None:
            c.cue = (doc.toks[verb].start, doc.toks[verb].end)
            c.spk = _source_between(doc, chunker, c.cue, a) or speaker_of(doc, chunker, verb)
            if (c.spk is not None and c.spk[0] < a - 1 and b < c.spk[1] and doc.pos[a - 2] in ("NN", "NE")
                    and doc.toks[a].text[:1].isupper()):
                continue  # a title after a noun inside the speaker's own phrase: "Initiative „Rettet den Wald“"
            out.append(c)
            continue
        earlier = _frame_between(doc, out, c)
        if earlier is not None:
            # "„A“, so X, werde die Firma „B“": X's words again, a quotation of its own (no
            # shared cue, which would join it with A into one utterance)
            c.spk = earlier.spk
            out.append(c)
            continue
        src = source_phrase_before(doc, chunker, doc.sent_bounds(a)[0], a - 1) if long_utt else None
        if src is not None:
            c.spk = src  # "Seiner Ansicht nach „sind wir …“", "Nach Darstellungen des Verlages …"
            out.append(c)
            continue
        if not long_utt and not is_name and nwords == 1 and (
                src := source_phrase_before(doc, chunker, doc.sent_bounds(a)[0], a)) is not None:
            c.spk = src  # "Für den Minister ist die Lage „alarmierend“": one word, a named holder
            out.append(c)
            continue
        if not long_utt and not is_name and nwords == 1 and _in_reported_clause(doc, a):
            c.inherit = True  # "Der Plan bestehe aus „harten“ Maßnahmen": the report's word
            out.append(c)
            continue
        if not long_utt and not is_name and nwords > 1:
            c.spk = _named_subject_of_clause(doc, chunker, a)
            if c.spk is None and _in_reported_clause(doc, a):
                c.inherit = True  # the report's speaker, not the clause's subject
            if c.spk is not None or not unattributed_phrase(doc, a, b):
                out.append(c)  # a partial quote in lowercase words
            continue
        if long_utt:
            sa, _ = doc.sent_range[c.sent]
            standalone = a - 1 <= sa + 1
            if standalone:
                c.inherit = True
            elif doc.language[:2] == "de":
                # a statement quoted inside a clause without a speech verb: like a partial
                # quote, the clause's subject who can speak ("Das Gericht kam zu dem Ergebnis,
                # „dass …“"), else in Konjunktiv I the report's speaker ("Die Studie zeige,
                # „dass …“")
                c.spk = _named_subject_of_clause(doc, chunker, a)
                c.inherit = c.spk is None and _in_reported_clause(doc, a)
            out.append(c)
            continue
        if not is_name and nwords > 1 and c.spk is None:
            # a partial quote in a clause about a named person: "X will „…“"
            c.spk = _named_subject_of_clause(doc, chunker, a)
    return out

def _frame_between(doc: Doc, kept: list[Cand], c: Cand) -> Cand | None:
    """German: the quotation just before ``c`` in its sentence has a frame with a speaker
    that stands between the two ("„In absehbarer Zeit“, so X, wird die Firma „auch …
    entwickeln“"): that quotation, whose speaker goes on in ``c``; None when another
    quotation or a speech verb stands between."""
    if doc.language[:2] != "de" or not kept:
        return None
    p = kept[-1]
    if (p.sent != c.sent or p.cue is None or p.spk is None or not p.extras.get("framed")
            or not p.end <= p.cue[0] < c.start):
        return None
    a = c.extras["a"]
    after_frame = max(doc.tok_at_or_after(p.cue[1]), p.spk[1])
    for k in range(after_frame, a - 1):
        if doc.pos[k].startswith("VV") and is_speech_verb(doc.toks, k, doc.language):
            return None
    return p


def _long_utterance(doc: Doc, a: int, b: int, nwords: int) -> bool:
    """Quoted tokens ``a:b`` read as a statement: enough words and a finite verb or a
    sentence end (outside German: enough words)."""
    return nwords >= LONG_QUOTE_MIN_WORDS and (
        any(doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN") for k in range(a, b))
        or doc.toks[b - 1].text in SENT_END
        or (doc.language[:2] != "de" and nwords >= LONG_QUOTE_MIN_WORDS + 2)
    )

def _named_subject_of_clause(doc: Doc, chunker: Chunker, a: int) -> tuple[int, int] | None:
    """Who a partial quote at token ``a`` is attributed to: a "laut X" / "nach Angaben des X"
    phrase before it in its sentence, else the subject of the last finite verb before it when
    it names someone who can speak (a name, a role, an organisation: "Meteorologen rechnen mit
    „…“", "Eine Organisation feierte die Absage als „…“")."""
    sa, _ = doc.sent_bounds(a)
    src = source_phrase_before(doc, chunker, sa, a)
    if src is not None:
        return src
    for k in range(a - 1, sa - 1, -1):
        if doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN") and doc.toks[k].text not in QUOTE_CHARS:
            if _in_reported_clause(doc, a):
                # "Erstmals sei die Bundesregierung in der Lage, … „aller Voraussicht nach“":
                # a clause in Konjunktiv I reports someone else; its subject is what the
                # report is about, the speaker is the report's (inherited by the caller)
                return None
            r = chunker.subject(k)
            if r is not None and can_speak(doc, r):
                return r
            return None
    return None

# Plural Konjunktiv II forms that differ from the past tense and stand in for a Konjunktiv I
# identical with the indicative ("sie hätten", "sie würden").
SUBSTITUTE_SUBJUNCTIVE = frozenset({"hätten", "würden", "könnten", "müssten"})


def _in_reported_clause(doc: Doc, a: int) -> bool:
    """German: the last finite verb before token ``a`` in its sentence is in Konjunktiv I."""
    if doc.language[:2] != "de":
        return False
    sa, _ = doc.sent_bounds(a)
    for k in range(a - 1, sa - 1, -1):
        if doc.pos[k] in ("VVFIN", "VAFIN", "VMFIN") and doc.toks[k].text not in QUOTE_CHARS:
            # a plural Konjunktiv II stands in for a Konjunktiv I that looks indicative ("Dies
            # hätten die Beamten „…“ verhindert"); the caller's quote inherits a speaker only
            # when a report was made just before
            return is_reported_mood(doc.toks, k) or doc.toks[k].text.lower() in SUBSTITUTE_SUBJUNCTIVE
    return False

def _source_noun(doc: Doc, j: int) -> bool:
    """The noun at ``j`` names a source ("Angaben", "Ansicht", "Darstellungen")."""
    word = doc.toks[j].text.lower()
    return any(word.endswith((x, x + "en")) for x in SOURCE_NOUNS)

def source_phrase_before(doc: Doc, chunker: Chunker, sa: int, a: int,
                          opinion: bool = True) -> tuple[int, int] | None:
    """ "laut X" or "nach (den Worten | Angaben | Meinung) des X" between ``sa`` and ``a``;
    with ``opinion`` also a clause-initial "für X" that holds a judgement."""
    for k in range(sa, a - 1):
        low = doc.toks[k].text.lower()
        # "Was für die Ministerin eine „…“ ist": after a word that opens a verb-final clause
        verb_final = k > sa and doc.pos[k - 1] in ("PWS", "KOUS")
        if (opinion and doc.pos[k] == "APPR" and low in OPINION_PREPOSITIONS.get(doc.language[:2], frozenset())
                and (k == sa or doc.toks[k - 1].text in (",", ".", ";") or doc.pos[k - 1] == "KON" or verb_final)):
            # "Für den Theologen Hans Küng sei der Rücktritt „…“", "…, und für X war der
            # Spanier „…“": a fronted "für" phrase that names someone who can judge, right
            # before the finite verb, holds the judgement
            r = chunker.np_at(k + 1)
            if (r is not None and r[1] < a and (verb_final or doc.pos[r[1]] in ("VAFIN", "VVFIN", "VMFIN"))
                    and (can_speak(doc, r) or any(doc.pos[m] == "NE" for m in range(*r)))):
                return r
        if low in SOURCE_PREPOSITIONS.get(doc.language[:2], frozenset()) and doc.pos[k] == "APPR":
            r = chunker.source_np(k + 1)
            if r is not None and r[1] < a:
                return r
        if (doc.pos[k] == "PPOSAT" and doc.language[:2] == "de" and k + 2 < a and doc.pos[k + 1] == "NN"
                and _source_noun(doc, k + 1) and doc.toks[k + 2].text.lower() == "nach"):
            return (k, k + 2)  # "Seiner Ansicht nach „…“": the possessive phrase, as SpkAtt marks it
        if low == "nach" and doc.language[:2] == "de":
            j = k + 1
            while j < a and doc.pos[j] in ("ART", "PPOSAT", "ADJA"):
                j += 1
            if j < a and doc.pos[j] == "NN" and doc.pos[k + 1] == "PPOSAT" and _source_noun(doc, j):
                return (k + 1, j + 1)  # "nach seiner Ansicht „…“"
            if j < a and doc.pos[j] == "NN" and _source_noun(doc, j):
                nxt = j + 1
                if nxt < a and doc.toks[nxt].text.lower() in ("des", "der", "eines", "einer", "von", "vom"):
                    r = chunker.np_at(nxt + 1 if doc.toks[nxt].text.lower() in ("von", "vom") else nxt)
                    if r is not None and r[1] < a:
                        return r
    return None

def _source_between(doc: Doc, chunker: Chunker, cue: tuple[int, int] | None,
                    a: int) -> tuple[int, int] | None:
    """A source phrase between a cue before a partial quote and the quote at token ``a``:
    the nearer attribution holds the quoted words ("Der Verband fordert eine Prüfung, bei
    der es sich seiner Meinung nach um einen „…“ handle" -> "seiner Meinung"; "das Gericht
    wies darauf hin, dass nach Aussagen eines Gutachters die Farbe „wie Pech“ klebe")."""
    if cue is None or doc.language[:2] != "de":
        return None
    lo = doc.tok_at_or_after(cue[1])
    sa, _ = doc.sent_bounds(a)
    if not sa <= lo < a:
        return None  # the cue follows the quote or stands in another sentence
    return source_phrase_before(doc, chunker, lo, a, opinion=False)


def _nested_speaker(doc: Doc, chunker: Chunker, cue: tuple[int, int] | None,
                    a: int) -> tuple[int, int] | None:
    """A speech verb nested in a report, between its cue and a partial quote at token ``a``,
    whose clause holds the quote: the quote is that speech event's ("Der Sender berichtete,
    dass der Trainer die Spielerin gefragt habe, ob sie „schon einmal verletzt“ war" ->
    "der Trainer"). The nested verb must open a clause that runs on to the quote (a comma
    and a conjunction or a question word between them) and have a subject that can speak."""
    if cue is None or doc.language[:2] != "de":
        return None
    lo = doc.tok_at_or_after(cue[1])
    sa, _ = doc.sent_bounds(a)
    if not sa <= lo < a:
        return None
    quoted = False
    for k in range(a - 2, lo, -1):
        if doc.toks[k].text in QUOTE_CHARS:
            quoted = not quoted  # words of another quotation are not the frame's
            continue
        if quoted or not (doc.pos[k].startswith("VV") and is_speech_verb(doc.toks, k, doc.language)):
            continue
        if not any(doc.toks[m].text == "," and doc.pos[m + 1] in _COMPLEMENT_OPENERS
                   for m in range(k + 1, a - 1)):
            return None
        r = speaker_of(doc, chunker, k)
        if r is None or r[0] < lo or not (can_speak(doc, r) or (r[1] - r[0] == 1 and bare_name(doc, r[0]))):
            return None  # a surname HanTa read as a noun speaks too ("dass Brenner … gefragt habe")
        return r
    return None


# Words that open a complement clause after a comma: "dass", "ob", "was", "wie", "warum".
_COMPLEMENT_OPENERS = frozenset({"KOUS", "PWS", "PWAV", "PWAT"})


def _so_frame_later(doc: Doc, chunker: Chunker, b: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """German: a ", so X" frame later in the sentence of a quote that ends at token ``b``
    ("Der Iran müsse „…“ beenden, so Rice."), with nothing but the speaker phrase after it:
    cue and speaker phrase."""
    if doc.language[:2] != "de":
        return None
    _, sb = doc.sent_bounds(b - 1)
    for k in range(b, sb - 1):
        if doc.toks[k].text.lower() == "so" and doc.toks[k - 1].text in (",", "–", "—"):
            r = chunker.source_np(k + 1)
            if r is None or (r[1] < sb and doc.toks[r[1]].text not in (".", ",", "–", "—", "!", "?")):
                return None
            return (doc.toks[k].start, doc.toks[k].end), r
        if doc.toks[k].text in QUOTE_CHARS:
            return None  # another quotation first: the frame is its
    return None

def _governing_verb(doc: Doc, c: Cand) -> int | None:
    """Nearest speech verb in the quote's sentence(s), outside the quote."""
    a, b = c.extras["a"], c.extras["b"]
    sa, _ = doc.sent_bounds(a)
    _, sb = doc.sent_bounds(b - 1)
    best, dist = None, 10**9
    for k in range(sa, sb):
        if a - 1 <= k <= b:
            continue
        if doc.pos[k].startswith("VV") and is_speech_verb(doc.toks, k, doc.language):
            d = a - k if k < a else k - b
            if d < dist:
                best, dist = k, d
    return best
