"""Response shapes shared by the CLI's --json output and the HTTP API."""

from __future__ import annotations

from typing import Any

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
    """How far the answer got with what was asked about: one status, strongest first."""

    status: str
    year: int | None = None
    evidence: list[str] = []


class AmountOut(BaseModel):
    """An amount answer as a number, its kind of money, and how each language writes it."""

    value: float
    currency: str = "EUR"
    kind: str | None = None          # a key of api/funding_kinds.tsv, e.g. "state_grant"
    display: dict[str, str] = {}     # {"fi": "1 100 000 €, valtionavustus", "en": …}


class AnswerOut(BaseModel):
    iri: str | None
    label: str
    type: str
    evidence: list[EvidenceOut]
    regions: list[str] = []
    statuses: list[StatusOut] = []
    source: str | None = None        # "graph" or "text"
    confidence: float | None = None  # in [0, 1]
    amount: AmountOut | None = None


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


def _field(record: Any, name: str, default: Any = None) -> Any:
    """A field of a record or a dict (the answerer's status records may be either)."""
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def statuses_out(answer: Any) -> list[StatusOut]:
    """The answer's statuses strongest first; none when the answerer gives none."""
    from graph.statuses import RANK

    out = []
    for s in _field(answer, "statuses", None) or []:
        key = _field(s, "status")
        if not key:
            continue
        year = _field(s, "year")
        out.append(StatusOut(status=str(key), year=int(year) if year else None,
                             evidence=[str(e) for e in _field(s, "evidence", None) or []]))
    return sorted(out, key=lambda s: RANK.get(s.status, len(RANK)))


def amount_out(answer: Any) -> AmountOut | None:
    """For an amount answer: its value, and its kind as the answerer or the evidence names it."""
    from api.amounts import describe_amount, detect_kind, kind_of, parse_amount

    if answer.type != "Amount":
        return None
    value = parse_amount(answer.label)
    if value is None:
        return None
    kind = kind_of(_field(answer, "kind"))
    for e in answer.evidence:
        kind = kind or detect_kind(e.text, e.start, e.end)
    return AmountOut(value=value, kind=kind.key if kind else None,
                     display={lang: describe_amount(value, kind, lang) for lang in ("fi", "en")})


def ask_response(answers: AnswerSet, minter: IriMinter) -> AskResponse:
    return AskResponse(
        question=answers.question, target=answers.target, note=answers.note,
        answers=[AnswerOut(iri=a.iri, label=a.label, type=a.type, regions=a.regions,
                           evidence=[EvidenceOut(passage=e.passage, document=e.document,
                                                 text=e.text, start=e.start, end=e.end)
                                     for e in a.evidence],
                           statuses=statuses_out(a), source=_field(a, "source"),
                           confidence=_field(a, "confidence"), amount=amount_out(a))
                 for a in answers.answers],
        passages=[search_result(h, minter) for h in answers.hits])
