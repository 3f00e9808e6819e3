"""Records of the search stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EntityRef:
    kind: str
    key: str
    label: str


@dataclass(frozen=True)
class StoredPassage:
    """What search keeps of a passage: text, where it is, its index terms and linked entities."""

    pid: int
    doc_key: str
    index: int
    start: int
    end: int
    text: str
    title: str
    terms: tuple[str, ...]
    entities: tuple[EntityRef, ...] = ()
    region: str | None = None
    year: str | None = None
    # from the related material a document ends with (ingest.records.Document.related_start)
    related: bool = False


@dataclass(frozen=True)
class Hit:
    passage: StoredPassage
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    # The dense cosine of passage and query (0.0 when the passage came by other lists only):
    # unlike the fused score, comparable across questions, so thresholds can be set on it.
    similarity: float = 0.0
