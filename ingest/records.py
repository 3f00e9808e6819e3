"""Typed records passed between ingest stages and on to graph and search."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentMeta:
    """What the corpus manifest says of a file (all optional)."""

    title: str | None = None
    region: str | None = None
    kind: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned document: `text` is what every offset below refers to."""

    key: str
    path: str
    text: str
    title: str
    fmt: str
    sha1: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    language: str = "fi"
    # Where the related material begins: a document site's list of other documents' titles
    # and excerpts, kept for search and reading but never read for this document's facts.
    related_start: int | None = None

    def is_related(self, offset: int) -> bool:
        """Whether `offset` lies in the related material at the end of the text."""
        return self.related_start is not None and offset >= self.related_start


@dataclass(frozen=True)
class Heading:
    """A heading that starts inside a passage; offsets relative to the passage.

    `level` orders headings: a markdown heading's number of '#', a numbered heading's number of
    parts ("3.2" is 2), 7 for an unnumbered line. `kind` says how it was found: "markdown",
    "numbered", "line", or "inline" for a name standing between a sentence end and the next
    sentence ("... liittyä. Asikkala Asikkalan pilotissa ..."), where extraction from PDFs glued
    the heading into the running text. An inline heading is only a candidate: it counts where
    linking finds a name that covers it exactly (see extraction)."""

    start: int
    end: int
    level: int
    text: str
    kind: str = "line"


@dataclass(frozen=True)
class Passage:
    """A paragraph or a group of bullets; `text == document.text[start:end]`.

    `headings` are the headings (and inline heading candidates) that start in the passage, in
    order; the sections they open run on through later passages until a heading of the same or
    a higher level (a lower `level` number)."""

    doc_key: str
    index: int
    start: int
    end: int
    text: str
    headings: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class Token:
    """One analysed token; offsets are relative to its passage."""

    text: str
    lemma: str
    pos: str
    start: int
    end: int
    sent: int
    parts: tuple[str, ...] = ()
    dep: str = ""
    head: int = -1
    morph: str = ""  # spaCy's morphological features ("Mood=Ind|Tense=Pres|Voice=Pass|...")


@dataclass(frozen=True)
class Entity:
    """A named-entity span from the statistical NER; offsets relative to the passage."""

    text: str
    lemma: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class AnalysedPassage:
    """A passage with its tokens and NER spans."""

    passage: Passage
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]

    @property
    def lemmas(self) -> list[str]:
        return [t.lemma for t in self.tokens if t.pos not in ("PUNCT", "SPACE")]

    def index_terms(self) -> list[str]:
        """Lemmas plus compound parts, lower-cased: what the lexical index sees."""
        terms: list[str] = []
        for tok in self.tokens:
            if tok.pos in ("PUNCT", "SPACE"):
                continue
            terms.append(tok.lemma.lower())
            terms.extend(p.lower() for p in tok.parts if p.lower() != tok.lemma.lower())
        return terms


@dataclass(frozen=True)
class Mention:
    """A span of a passage linked to an entity (reference or newly minted)."""

    doc_key: str
    passage_index: int
    start: int
    end: int
    surface: str
    kind: str
    key: str
    label: str
    source: str
    ner_label: str | None = None


@dataclass(frozen=True)
class Fact:
    """One extracted relation with its provenance span inside a passage."""

    subject_kind: str
    subject_key: str
    predicate: str
    object_kind: str | None
    object_key: str | None
    value: str | float | None
    doc_key: str
    passage_index: int
    start: int
    end: int
    extractor: str
    confidence: float
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AnalysedDocument:
    """Everything ingest knows about one document."""

    document: Document
    passages: tuple[AnalysedPassage, ...]
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = ()
    new_entities: tuple[tuple[str, str, str], ...] = ()
    # other names of the minted entities: (kind, key, label) for skos:altLabel
    alt_labels: tuple[tuple[str, str, str], ...] = ()
