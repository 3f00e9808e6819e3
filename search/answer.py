"""Answers from the graph: what a question asks for, found through relations, with evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.queries import (StatementRow, label_of, members_with_role, statements_about,
                           statements_in_region)
from graph.store import GraphStore
from ontology.iris import IriMinter
from ontology.reference import ReferenceData
from search.label_index import LabelIndex
from search.query import AnalysedQuery
from search.records import EntityRef, Hit
from search.searcher import Searcher

METHOD_STATUSES = ("piloted", "implemented", "trained", "planned", "created")
ORGANISATION_KINDS = ("Organisation", "JointAuthority", "Ministry", "Agency", "NGO", "University",
                      "Church", "Municipality")

# Words (Finnish lemmas or English words) that say what kind of answer is wanted; the cue
# nearest the start of the question wins ("which organisation trained ... methods").
TARGET_CUES: dict[str, tuple[str, ...]] = {
    "Region": ("region", "regions", "maakunta", "county", "counties", "landskap", "where",
               "missä", "mihin", "mistä"),
    "Municipality": ("municipality", "municipalities", "kunta", "kaupunki", "town", "city",
                     "cities", "towns"),
    "Organisation": ("organisation", "organisations", "organization", "organizations",
                     "organisaatio", "toimija", "järjestö", "ministry", "ministeriö", "authority",
                     "authorities", "kuntayhtymä"),
    "Method": ("method", "methods", "model", "models", "menetelmä", "toimintamalli",
               "practice", "practices"),
    "Amount": ("funding", "rahoitus", "money", "budget", "valtionavustus", "avustus", "paljonko"),
    "Date": ("when", "milloin", "date", "period", "hankeaika"),
    "Person": ("who", "kuka", "ketkä", "whom", "person", "henkilö"),
}
# Words that name the relation asked about.
RELATION_CUES: dict[str, tuple[str, ...]] = {
    "administeredBy": ("administered", "administer", "administrator", "administers", "ran",
                       "coordinates", "coordinated", "coordinator", "hallinnoida", "hallinnoija",
                       "hallinnoi", "koordinoida", "hallinnoijana"),
    "partner": ("partner", "partners", "consortium", "kumppani", "konsortio", "osatoteuttaja",
                "hankekonsortio"),
    "fundingAmount": TARGET_CUES["Amount"],
    "startDate": ("start", "started", "begin", "began", "alkaa", "käynnistyä", "alkoi"),
    "endDate": ("end", "ended", "päättyä", "loppua"),
}
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "piloted": ("pilot", "piloted", "piloting", "trial", "trialled", "tried", "tested",
                "kokeilla", "pilotoida", "pilotti", "kokeilu", "testata"),
    "implemented": ("implemented", "introduced", "adopted", "use", "used", "uses", "käyttöön",
                    "käytössä", "ottaa", "käyttöönotto", "implement", "adopt", "käyttää"),
    "trained": ("trained", "training", "train", "kouluttaa", "koulutus"),
    "planned": ("planned", "plan", "planning", "preparing", "suunnitella", "suunnitelma",
                "valmistella"),
    "created": ("created", "developed", "develop", "create", "luoda", "kehittää", "laatia"),
}
# A planner asking who "piloted" a model means who tried it out in practice: piloting, taking
# into use and training staff in it all count; creating or planning one does not.
STATUS_SCOPE = {
    "piloted": ("piloted", "implemented", "trained"),
    "implemented": ("implemented", "piloted", "trained"),
    "trained": ("trained",),
    "planned": ("planned",),
    "created": ("created",),
}


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


@dataclass
class AnswerSet:
    question: str
    target: str | None
    answers: list[Answer]
    hits: list[Hit]
    note: str
    entities: tuple[EntityRef, ...] = ()


def _positions(aq: AnalysedQuery) -> list[tuple[int, str]]:
    """(position, word-or-lemma) of every word, so cues can be ordered."""
    out = []
    tokens = re.finditer(r"[\w\-]+", aq.text)
    for m in tokens:
        out.append((m.start(), m.group(0).lower()))
    return out


def _cue_position(aq: AnalysedQuery, cues: tuple[str, ...], lemmas: dict[str, str]) -> int | None:
    cue_set = set(cues)
    for pos, word in _positions(aq):
        if word in cue_set or lemmas.get(word) in cue_set:
            return pos
    return None


def detect_target(aq: AnalysedQuery, lemmas: dict[str, str] | None = None) -> str | None:
    lemmas = lemmas or {}
    found = [(p, t) for t, cues in TARGET_CUES.items()
             if (p := _cue_position(aq, cues, lemmas)) is not None]
    if not found:
        return None
    found.sort()
    # "Where/missä" yields to a named kind later in the question ("missä kunnissa").
    if found[0][1] == "Region" and len(found) > 1 and aq.text.lower()[found[0][0]:].startswith(
            ("where", "missä", "mihin", "mistä")) and found[1][1] in ("Municipality",):
        return found[1][1]
    return found[0][1]


def detect_relation(aq: AnalysedQuery, lemmas: dict[str, str] | None = None) -> str | None:
    lemmas = lemmas or {}
    found = [(p, r) for r, cues in RELATION_CUES.items()
             if (p := _cue_position(aq, cues, lemmas)) is not None]
    return min(found)[1] if found else None


def detect_statuses(aq: AnalysedQuery, lemmas: dict[str, str] | None = None) -> tuple[str, ...]:
    lemmas = lemmas or {}
    found = [s for s, cues in STATUS_CUES.items() if _cue_position(aq, cues, lemmas) is not None]
    scoped = tuple(dict.fromkeys(x for s in found for x in STATUS_SCOPE[s]))
    return scoped or METHOD_STATUSES


class Answerer:
    """Graph-backed answers; when the graph holds none, says so and shows the best passages."""

    def __init__(self, searcher: Searcher, store: GraphStore, reference: ReferenceData,
                 minter: IriMinter, labels: LabelIndex | None = None) -> None:
        self.searcher = searcher
        self.store = store
        self.reference = reference
        self.minter = minter
        self.labels = labels
        self._doc_entities: dict[str, set[str]] = {}
        for p in searcher.passages:
            keys = self._doc_entities.setdefault(str(minter.document(p.doc_key)), set())
            keys.update(self._iri(e) for e in p.entities)
        self._label_cache: dict[str, tuple[str, str]] = {}

    def _iri(self, e: EntityRef) -> str:
        from graph.triples import entity_iri

        return str(entity_iri(self.minter, e.kind, e.key))

    def _label(self, iri: str) -> tuple[str, str]:
        if iri not in self._label_cache:
            label, kind = label_of(self.store, iri)
            self._label_cache[iri] = (label or iri.rsplit("/", 1)[-1], kind or "Thing")
        return self._label_cache[iri]

    def _entities(self, aq: AnalysedQuery, question: str) -> list[EntityRef]:
        entities = list(aq.entities)
        if self.labels is not None and not any(e.kind == "Method" for e in entities):
            method = self.labels.match(self.searcher.encoder.encode_query(question))
            if method is not None:
                entities.append(method)
        return list(dict.fromkeys(entities))

    def ask(self, question: str, k: int = 5, documents: set[str] | None = None) -> AnswerSet:
        aq = self.searcher.analyzer.analyse(question)
        hits = self.searcher.search(question, k=k, analysed=aq)
        lemmas = {t.text.lower(): t.lemma.lower() for t in self.searcher.analyzer.tokens(question)}
        entities = self._entities(aq, question)
        target = detect_target(aq, lemmas)
        relation = detect_relation(aq, lemmas)
        statuses = detect_statuses(aq, lemmas)
        answers: dict[str, Answer] = {}

        def add(iri: str | None, label: str, kind: str, row_ev: Evidence,
                region: str | None) -> None:
            if documents is not None and row_ev.document not in documents:
                return
            answer = answers.setdefault(iri or label, Answer(iri, label, kind))
            if row_ev not in answer.evidence:
                answer.evidence.append(row_ev)
            if region and (name := self._label(region)[0]) not in answer.regions:
                answer.regions.append(name)

        def ev(row: StatementRow) -> Evidence:
            return Evidence(row.passage, row.document, row.text, row.start, row.end,
                            row.confidence)

        by_kind: dict[str, list[str]] = {}
        for e in entities:
            by_kind.setdefault(e.kind, []).append(self._iri(e))
        regions_named = set(by_kind.get("Region", []))

        people = by_kind.get("Role") and target in ("Person", None)
        if relation in ("administeredBy", "partner", "fundingAmount", "startDate", "endDate") \
                and not people:
            self._project_facts(relation, by_kind, add, ev)
        elif people:
            self._people(entities, add)
        elif by_kind.get("Method") and target != "Method":
            self._method_actors(by_kind["Method"], target or "Region", statuses, regions_named,
                                add, ev)
        elif target == "Method" or (by_kind.get("Method") is None and target is None):
            self._actor_methods(by_kind, statuses, add, ev)
        ordered = sorted(answers.values(), key=lambda a: (-max(e.confidence for e in a.evidence),
                                                          a.label))
        note = ("" if ordered else
                "The graph holds no answer to this question; these are the best passages.")
        return AnswerSet(question, target, ordered, hits, note, tuple(entities))

    def _project_facts(self, relation: str, by_kind: dict[str, list[str]], add, ev) -> None:  # type: ignore[no-untyped-def]
        """administered by, partners, funding, dates: of the projects named, or of a region's."""
        rows: list[StatementRow] = []
        focus = by_kind.get("Project", [])
        for project in focus:
            rows += [r for r in statements_about(self.store, project) if r.subject == project]
        if not focus:
            for region in by_kind.get("Region", []):
                rows += statements_in_region(self.store, region)
        for row in rows:
            if row.predicate.rsplit("#", 1)[-1] != relation:
                continue
            if row.object_is_iri:
                label, kind = self._label(row.object)
                add(row.object, label, kind, ev(row), row.region)
            else:
                add(None, row.object, "Amount" if relation == "fundingAmount" else "Date",
                    ev(row), row.region)

    def _people(self, entities: list[EntityRef], add) -> None:  # type: ignore[no-untyped-def]
        """Who held a role, narrowed by the other entities the question names."""
        context = {self._iri(e) for e in entities if e.kind not in ("Role", "Method")}
        context.discard(str(self.minter.project("lape")))
        for role in (e for e in entities if e.kind == "Role"):
            for row in members_with_role(self.store, self._iri(role)):
                in_doc = self._doc_entities.get(row.document, set())
                if context and not ({row.organisation, row.region} & context or context <= in_doc):
                    continue
                label, _ = self._label(row.person)
                add(row.person, label, "Person", Evidence(
                    row.passage, row.document, row.text, row.start, row.end, row.confidence),
                    row.region)

    def _method_actors(self, methods: list[str], target: str, statuses: tuple[str, ...],
                       regions_named: set[str], add, ev) -> None:  # type: ignore[no-untyped-def]
        """Which regions / municipalities / organisations worked with the methods named."""
        wanted = set(statuses)
        for method in methods:
            for row in statements_about(self.store, method):
                pred = row.predicate.rsplit("#", 1)[-1]
                if row.object != method or pred not in wanted:
                    continue
                if regions_named and row.region not in regions_named:
                    continue
                if target == "Region":
                    if row.region:
                        add(row.region, self._label(row.region)[0], "Region", ev(row), row.region)
                    continue
                label, kind = self._label(row.subject)
                if kind == target or (target == "Organisation" and kind in ORGANISATION_KINDS
                                      and kind != "Municipality") or (
                        target == "Person" and kind in ORGANISATION_KINDS):
                    add(row.subject, label, kind, ev(row), row.region)

    def _actor_methods(self, by_kind: dict[str, list[str]], statuses: tuple[str, ...], add,
                       ev) -> None:  # type: ignore[no-untyped-def]
        """Which methods a region, municipality, organisation or project worked with."""
        wanted = set(statuses)
        rows: list[StatementRow] = []
        for region in by_kind.get("Region", []):
            rows += statements_in_region(self.store, region)
        for kind in ("Municipality", "Organisation", "Project"):
            for actor in by_kind.get(kind, []):
                rows += [r for r in statements_about(self.store, actor) if r.subject == actor]
        for row in rows:
            if row.predicate.rsplit("#", 1)[-1] in wanted:
                label, kind = self._label(row.object)
                if kind == "Method":
                    add(row.object, label, kind, ev(row), row.region)
