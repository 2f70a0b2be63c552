"""Data classes of the domain: documents, mentions, entities, relations, statistics."""
from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Place", "Organization", "MediationRoom", "Campaign", "Program", "Person")
PREDICATES = (
    "locatedIn",
    "subOrganizationOf",
    "conducts",
    "implements",
    "cooperatesWith",
    "affiliatedWith",
    "partOf",
    "hasStatistic",
)


@dataclass
class Document:
    """One source text and what the manifest says about it."""

    id: str
    """Stable identifier: the file name without its extension."""
    text: str
    """The text as read (decoded, line ends unified); every offset points into it. Empty for a
    document whose result came from the cache unread (the evidence carries its sentences)."""
    norm: str = ""
    """Same length as ``text``: NFKC-folded and converted to Simplified, used for matching."""
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    sha256: str = ""
    path: str = ""
    """Where the document was read from."""


@dataclass(frozen=True)
class Sentence:
    """A sentence or line of a document, by character offsets."""

    start: int
    end: int


@dataclass
class Mention:
    """A span of a document that names (or stands for) an entity."""

    start: int
    end: int
    type: str
    """One of ENTITY_TYPES."""
    name: str
    """The canonical Simplified name this mention proposes for its entity."""
    subtype: str = ""
    adcode: str = ""
    """For places from the gazetteer: the six-digit division code."""
    role: str = ""
    """For people: the title the text gives them."""
    aliases: tuple[str, ...] = ()
    """Further surface forms the mention carries (a quoted name with and without its head)."""
    candidates: tuple[str, ...] = ()
    """For places: adcodes of other divisions with the same name, until context decides."""
    source: str = ""
    """Which extractor found it (gazetteer, suffix, quote, pattern, ner, context)."""
    parent: str = ""
    """For organisation chains: the canonical name of the organisation this one is a unit of."""
    implicit: bool = False
    """True for a reference (我省, 该局) that names no entity itself: no alias is taken from it."""


@dataclass
class Evidence:
    """Where a fact is stated: the document and the sentence, with offsets into the text."""

    doc: str
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One node of the graph: an entity with all its names and the documents that name it."""

    type: str
    name: str
    subtype: str = ""
    aliases: set[str] = field(default_factory=set)
    adcode: str = ""
    role: str = ""
    docs: set[str] = field(default_factory=set)
    """Documents that mention the entity (empty for parents added from the gazetteer)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.name)


@dataclass
class Relation:
    """A typed edge between two entities, with the evidence that states it."""

    s: tuple[str, str]
    p: str
    o: tuple[str, str]
    evidence: Evidence
    role: str = ""
    source: str = "text"
    """text: the sentence states it; gazetteer: reference data links two places the text names."""


@dataclass
class Statistic:
    """A figure a document states about a subject."""

    subject: tuple[str, str]
    indicator: str
    value: str
    """The figure as written (下降19%, 3814件)."""
    evidence: Evidence
    number: float | None = None
    unit: str = ""
    change: str = ""
    """上升/下降/增加… when the figure is a change."""
    year: int | None = None


@dataclass
class DocumentResult:
    """Everything extracted from one document, before cross-document merging."""

    document: Document
    entities: dict[tuple[str, str], Entity]
    relations: list[Relation]
    statistics: list[Statistic]
