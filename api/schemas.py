"""Response shapes shared by the CLI's --json output and the HTTP API."""

from __future__ import annotations

from pydantic import BaseModel

from graph.triples import entity_iri
from ontology.iris import IriMinter
from search.answer import AnswerSet
from search.records import Hit


class EntityOut(BaseModel):
    iri: str
    label: str
    type: str


class SearchResult(BaseModel):
    passage: str
    document: str
    title: str
    text: str
    score: float
    start: int
    end: int
    entities: list[EntityOut]
    region: str | None = None
    year: str | None = None


class SearchResponse(BaseModel):
    query: str
    results: list[SearchResult]


class EvidenceOut(BaseModel):
    passage: str
    document: str
    text: str
    start: int
    end: int


class StatusOut(BaseModel):
    status: str
    year: int | None = None
    evidence: list[str] = []


class AnswerOut(BaseModel):
    iri: str | None
    label: str
    type: str
    evidence: list[EvidenceOut]
    regions: list[str] = []
    statuses: list[StatusOut] = []
    source: str = "graph"
    confidence: float = 0.0
    tier: int | None = None


class AskResponse(BaseModel):
    question: str
    target: str | None
    answers: list[AnswerOut]
    note: str
    passages: list[SearchResult]


def search_result(hit: Hit, minter: IriMinter) -> SearchResult:
    p = hit.passage
    return SearchResult(
        passage=str(minter.passage(p.doc_key, p.index)), document=str(minter.document(p.doc_key)),
        title=p.title, text=p.text, score=round(hit.score, 6), start=p.start, end=p.end,
        entities=[EntityOut(iri=str(entity_iri(minter, e.kind, e.key)), label=e.label, type=e.kind)
                  for e in p.entities],
        region=p.region, year=p.year)


def search_response(query: str, hits: list[Hit], minter: IriMinter) -> SearchResponse:
    return SearchResponse(query=query, results=[search_result(h, minter) for h in hits])


def ask_response(answers: AnswerSet, minter: IriMinter) -> AskResponse:
    return AskResponse(
        question=answers.question, target=answers.target, note=answers.note,
        answers=[AnswerOut(iri=a.iri, label=a.label, type=a.type, regions=a.regions,
                           evidence=[EvidenceOut(passage=e.passage, document=e.document,
                                                 text=e.text, start=e.start, end=e.end)
                                     for e in a.evidence],
                           statuses=[StatusOut(status=s.status, year=s.year,
                                               evidence=list(s.evidence)) for s in a.statuses],
                           source=a.source, confidence=a.confidence, tier=a.tier)
                 for a in answers.answers],
        passages=[search_result(h, minter) for h in answers.hits])
