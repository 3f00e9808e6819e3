"""Records of answering: an answer with its evidence, statuses, source and confidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.records import EntityRef, Hit
from search.statuses import Status


@dataclass(frozen=True)
class Evidence:
    passage: str
    document: str
    text: str
    start: int
    end: int
    confidence: float


@dataclass
class Answer:
    iri: str | None
    label: str
    type: str
    evidence: list[Evidence] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    # Strongest first (search.statuses.STATUS_ORDER); empty for an answer no status applies to.
    statuses: list[Status] = field(default_factory=list)
    # "graph": from the graph's statements; "text": read from the passages.
    source: str = "graph"
    confidence: float = 0.0
    # For a question asking statuses ("where is it in use"): 0 for the strongest asked status,
    # 1 for the next …; None when the question asks none.
    tier: int | None = None


@dataclass
class AnswerSet:
    question: str
    target: str | None
    answers: list[Answer]
    hits: list[Hit]
    note: str
    entities: tuple[EntityRef, ...] = ()
    # What the question model made of the question: answer type and relation.
    answer_type: str | None = None
    relation: str | None = None
