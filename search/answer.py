"""Answers from the graph: what a question asks for, found through relations, with evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.queries import (StatementRow, label_of, members_with_role, statements_about,
                           statements_in_region)
from graph.store import GraphStore
from ontology.iris import IriMinter
from ontology.reference import ReferenceData
from search.query import AnalysedQuery
from search.records import EntityRef, Hit
from search.searcher import Searcher

LAPE_NS = "https://w3id.org/lapekg/ontology#"
METHOD_STATUSES = ("piloted", "implemented", "trained", "planned", "created")

# Words (Finnish lemmas or English words) that say what kind of answer is wanted.
TARGET_CUES: dict[str, tuple[str, ...]] = {
    "Region": ("region", "regions", "maakunta", "alue", "county", "counties", "landskap"),
    "Municipality": ("municipality", "municipalities", "kunta", "kaupunki", "town", "city",
                     "cities", "towns"),
    "Organisation": ("organisation", "organisations", "organization", "organizations",
                     "organisaatio", "toimija", "järjestö", "administered", "hallinnoida",
                     "hallinnoija", "partner", "partners", "kumppani"),
    "Method": ("method", "methods", "model", "models", "menetelmä", "toimintamalli", "malli",
               "practice", "practices"),
    "Amount": ("funding", "rahoitus", "money", "euro", "euroa", "budget", "valtionavustus",
               "avustus", "paljon"),
    "Date": ("when", "milloin", "date", "period", "hankeaika"),
    "Person": ("who", "kuka", "ketkä", "person", "henkilö"),
}
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "piloted": ("pilot", "piloted", "piloting", "trial", "trialled", "tested", "kokeilla",
                "pilotoida", "pilotti", "kokeilu", "testata"),
    "implemented": ("implemented", "introduced", "adopted", "use", "used", "käyttöön", "käytössä",
                    "ottaa", "käyttöönotto", "implement", "adopt"),
    "trained": ("trained", "training", "train", "kouluttaa", "koulutus"),
    "planned": ("planned", "plan", "suunnitella", "suunnitelma"),
    "created": ("created", "developed", "develop", "create", "luoda", "kehittää", "laatia"),
}
PREDICATE_FOR_TARGET = {"Amount": ("fundingAmount",), "Date": ("startDate", "endDate")}


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
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class AnswerSet:
    question: str
    target: str | None
    answers: list[Answer]
    hits: list[Hit]
    note: str


def _words(aq: AnalysedQuery) -> set[str]:
    words = {w.lower() for w in re.findall(r"[\w\-]+", aq.text)}
    return words | set(aq.terms)


def detect_target(aq: AnalysedQuery) -> str | None:
    words = _words(aq)
    for target in ("Amount", "Date", "Region", "Municipality", "Method", "Organisation", "Person"):
        if words & set(TARGET_CUES[target]):
            return target
    return None


# A planner asking who "piloted" a model means who tried it out in practice: piloting,
# taking into use and training staff in it all count; creating or planning one does not.
STATUS_SCOPE = {
    "piloted": ("piloted", "implemented", "trained"),
    "implemented": ("implemented", "piloted"),
    "trained": ("trained",),
    "planned": ("planned",),
    "created": ("created",),
}


def detect_statuses(aq: AnalysedQuery) -> tuple[str, ...]:
    words = _words(aq)
    found = [s for s, cues in STATUS_CUES.items() if words & set(cues)]
    scoped = tuple(dict.fromkeys(x for s in found for x in STATUS_SCOPE[s]))
    return scoped or METHOD_STATUSES


class Answerer:
    """Graph-backed answers; when the graph holds none, says so and shows the best passages."""

    def __init__(self, searcher: Searcher, store: GraphStore, reference: ReferenceData,
                 minter: IriMinter) -> None:
        self.searcher = searcher
        self.store = store
        self.reference = reference
        self.minter = minter

    def _iri(self, e: EntityRef) -> str:
        from graph.triples import entity_iri

        return str(entity_iri(self.minter, e.kind, e.key))

    def _label(self, iri: str) -> tuple[str, str]:
        label, kind = label_of(self.store, iri)
        return label or iri.rsplit("/", 1)[-1], kind or "Thing"

    def _people(self, aq: AnalysedQuery, answers: dict[str, Answer]) -> None:
        """Who held a role: memberships with the role, narrowed by the other entities named."""
        context = {self._iri(e) for e in aq.entities if e.kind != "Role"}
        for role in (e for e in aq.entities if e.kind == "Role"):
            for row in members_with_role(self.store, self._iri(role)):
                if context and not ({row.organisation, row.region} & context):
                    continue
                label, kind = self._label(row.person)
                answer = answers.setdefault(row.person, Answer(row.person, label, "Person"))
                ev = Evidence(row.passage, row.document, row.text, row.start, row.end,
                              row.confidence)
                if ev not in answer.evidence:
                    answer.evidence.append(ev)

    def ask(self, question: str, k: int = 5) -> AnswerSet:
        aq = self.searcher.analyzer.analyse(question)
        hits = self.searcher.search(question, k=k, analysed=aq)
        target = detect_target(aq)
        statuses = detect_statuses(aq)
        answers: dict[str, Answer] = {}
        rows: list[tuple[StatementRow, str]] = []
        for e in aq.entities:
            iri = self._iri(e)
            if e.kind == "Region" and target not in ("Region", None):
                rows += [(r, iri) for r in statements_in_region(self.store, iri)]
            else:
                rows += [(r, iri) for r in statements_about(self.store, iri)]
        wanted_preds = {LAPE_NS + s for s in statuses}
        for row, focus in rows:
            pred = row.predicate.rsplit("#", 1)[-1]
            value: tuple[str | None, str, str] | None = None
            if target in ("Region", "Municipality", "Organisation") and row.object == focus:
                if row.predicate not in wanted_preds and pred in METHOD_STATUSES:
                    continue
                if target == "Region" and row.region:
                    value = (row.region, *self._label(row.region))
                elif target != "Region":
                    label, kind = self._label(row.subject)
                    if kind == target or (target == "Organisation" and kind in (
                            "JointAuthority", "Ministry", "Agency", "NGO", "University")):
                        value = (row.subject, label, kind)
            elif target == "Organisation" and row.subject == focus and pred in (
                    "administeredBy", "partner", "funder"):
                value = (row.object, *self._label(row.object))
            elif target in PREDICATE_FOR_TARGET and pred in PREDICATE_FOR_TARGET[target]:
                value = (None, f"{pred}: {row.object}", target)
            elif target == "Method" and pred in METHOD_STATUSES and (
                    row.predicate in wanted_preds):
                value = (row.object, *self._label(row.object))
            if value is None:
                continue
            iri, label, kind = value
            answer = answers.setdefault(iri or label, Answer(iri, label, kind))
            ev = Evidence(row.passage, row.document, row.text, row.start, row.end, row.confidence)
            if ev not in answer.evidence:
                answer.evidence.append(ev)
        if target in ("Person", None):
            self._people(aq, answers)
        ordered = sorted(answers.values(), key=lambda a: (-max(e.confidence for e in a.evidence),
                                                          a.label))
        note = ("" if ordered else
                "The graph holds no answer to this question; these are the best passages.")
        return AnswerSet(question, target, ordered, hits, note)
