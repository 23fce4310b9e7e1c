"""The dataclasses every stage of lagebild reads and writes.

Every stage is a plain function over these frozen dataclasses; they are defined here once.
Offsets (``start``/``end``) are character offsets into ``Article.text`` (the cleaned text)
unless a docstring says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .contracts import DOSSIER_SCHEMA, dossier_to_dict

__all__ = [
    "DOSSIER_SCHEMA",
    "Article",
    "Carrier",
    "Contradiction",
    "Cue",
    "Dossier",
    "Entity",
    "Exclusive",
    "Extraction",
    "Fact",
    "Framing",
    "LoadedTerm",
    "Mention",
    "Quote",
    "QuoteGroup",
    "RawArticle",
    "Ref",
    "Removed",
    "Sentence",
    "Speaker",
    "Story",
    "SummaryItem",
    "TimeExpr",
    "TimelineEntry",
    "TranslationArtifact",
    "replace",
]

@dataclass(frozen=True)
class Removed:
    """A line that cleaning took out of an article, and why."""

    text: str
    why: str


@dataclass(frozen=True)
class Sentence:
    """One cleaned sentence. ``i`` is its index in the article; Refs point at it."""

    i: int
    text: str
    start: int
    end: int
    language: str | None = None
    heading: bool = False  # a headline / subheading line rather than body prose


@dataclass(frozen=True)
class RawArticle:
    """An article as ingested, before cleaning. Exactly one of text/html is set."""

    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    source: str | None = None  # where it came from: a path, "-", a feed or URL


@dataclass(frozen=True)
class Article:
    """A cleaned article with its sentences.

    ``status`` is "ok" or "failed"; a failed article carries the ``stage`` that failed and
    the ``reason`` in words a user can act on.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    published_from: str = "unknown"  # metadata | text | input | unknown
    language: str | None = None
    author: str | None = None
    source: str | None = None
    content_hash: str = ""
    removed: tuple[Removed, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    duplicate_of: str | None = None
    status: str = "ok"
    stage: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named-entity mention in one article. ``entity`` is the canonical name."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | OTH
    entity: str
    role: str | None = None  # "Berater", "Präsident", ... when the text gives one


@dataclass(frozen=True)
class Speaker:
    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A direct or indirect quote. ``speaker`` is None when the text does not say who."""

    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    speaker: Speaker | None = None
    cue: Cue | None = None
    # a direct quote of a few words or without a verb ("„offen und konstruktiv“"): the
    # speaker's wording inside a reported statement, not a statement of its own
    partial: bool = False


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression normalised to a TIMEX3 value.

    ``anchor`` is the ISO date the value was resolved against (None for absolute dates).
    ``weekday`` is the weekday named together with the date ("Donnerstag (4. Juli)"):
    0 = Monday ... 6 = Sunday; the compare stage checks it against the calendar.
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    anchor: str | None = None
    weekday: int | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage found in one article."""

    article: str
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()


@dataclass(frozen=True, order=True)
class Ref:
    """A pointer at one cleaned sentence of one article."""

    article: str
    sentence: int


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    articles: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True)
class Fact:
    """A statement made by two or more independent outlets."""

    id: str
    text: str
    support: tuple[Ref, ...]
    outlets: int
    # additive (dossier@1): the support sentence whose whole text is ``text``, and the
    # agreeing part of it as offsets into ``text`` (None: the whole sentence)
    ref: Ref | None = None
    mark: tuple[int, int] | None = None


@dataclass(frozen=True)
class Exclusive:
    text: str
    ref: Ref


@dataclass(frozen=True)
class Contradiction:
    id: str
    kind: str  # date | weekday | number | negation | order | attribution | quote
    severity: str  # hard | soft
    explanation: str
    claims: tuple[Ref, ...]
    # additive (dossier@1): the explanation in German (the UI's default language)
    explanation_de: str | None = None


@dataclass(frozen=True)
class Carrier:
    article: str
    sentence: int
    text: str
    match: str  # verbatim | variant | paraphrase


@dataclass(frozen=True)
class QuoteGroup:
    id: str
    speaker: str | None
    text: str
    carriers: tuple[Carrier, ...]
    # additive (dossier@1): False for quotes kept in the JSON but not listed by default
    # (no speaker, or shorter than a clause); ``unlisted_why`` says which
    listed: bool = True
    unlisted_why: str | None = None
    # additive (dossier@1): every rendering is a short direct quote without a verb
    partial: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # YYYY-MM-DD | YYYY-MM | YYYY
    time: str | None
    text: str
    support: tuple[Ref, ...]


@dataclass(frozen=True)
class LoadedTerm:
    term: str
    sentence: int
    why: str | None = None
    why_de: str | None = None  # additive (dossier@1): ``why`` in German


@dataclass(frozen=True)
class TranslationArtifact:
    text: str
    sentence: int
    why: str
    why_de: str | None = None  # additive (dossier@1): ``why`` in German


@dataclass(frozen=True)
class Framing:
    article: str
    tone: float
    loaded_terms: tuple[LoadedTerm, ...] = ()
    translation_artifacts: tuple[TranslationArtifact, ...] = ()
    headline_mismatch: str | None = None  # why the headline says more than the body, if it does
    headline_mismatch_de: str | None = None  # additive (dossier@1): the same in German
    missing_facts: tuple[str, ...] = ()  # ids of story facts this outlet does not carry


@dataclass(frozen=True)
class SummaryItem:
    text: str
    support: tuple[Ref, ...]


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Dossier:
    """The ``lagebild/dossier@1`` document. ``to_dict`` gives the JSON contract."""

    story: Story
    articles: tuple[Article, ...]
    summary: tuple[SummaryItem, ...] = ()
    facts: tuple[Fact, ...] = ()
    exclusive: tuple[Exclusive, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    quotes: tuple[QuoteGroup, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    framing: tuple[Framing, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # additive fields, merged at the top

    def to_dict(self) -> dict[str, Any]:
        return dossier_to_dict(self)
