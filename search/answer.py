"""Answers from the graph: what a question asks for, found through relations, with evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.queries import (
    FactRow,
    document_regions,
    facts,
    labels,
    members_of_region,
    memberships,
    passage_texts,
    regions_of,
    sources,
)
from graph.store import GraphStore
from ontology.iris import IriMinter
from ontology.namespace import LAPE
from ontology.reference import ReferenceData
from search.label_index import LabelIndex
from search.query import AnalysedQuery
from search.question_cues import (
    KIND_WINDOW,
    ORGANISATION_KINDS,
    RELATION_CUES,
    STATED_KINDS,
    BodyKind,
    cue_forms,
    cue_position,
    detect_body_kind,
    detect_relation,
    detect_stated_kind,
    detect_statuses,
    detect_target,
    detect_task,
)
from search.records import EntityRef, Hit
from search.searcher import Searcher


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


# Evidence shown per answer: the most confident passages. Every supporting statement still
# counts towards the answer; only the passages displayed are capped, so a pervasive model at a
# large corpus costs a bounded number of passage texts.
MAX_EVIDENCE = 5


@dataclass
class _Candidate:
    iri: str | None
    label: str
    type: str
    facts: list[FactRow] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)


class Answerer:
    """Graph-backed answers; when the graph holds none, says so and shows the best passages."""

    def __init__(self, searcher: Searcher, store: GraphStore, reference: ReferenceData,
                 minter: IriMinter, labels: LabelIndex | None = None) -> None:
        self.searcher = searcher
        self.store = store
        self.reference = reference
        self.minter = minter
        self.labels = labels
        # National programmes (LAPE itself) are the reference's projects; regional projects
        # are found in the documents.
        self._national = {str(minter.project(e.key)) for e in reference.by_kind("Project")}
        self._doc_entities: dict[str, set[str]] = {}
        for p in searcher.passages:
            keys = self._doc_entities.setdefault(str(minter.document(p.doc_key)), set())
            keys.update(self._iri(e) for e in p.entities)
        self._passage_entities: dict[str, set[str]] = {
            str(minter.passage(p.doc_key, p.index)): {self._iri(e) for e in p.entities}
            for p in searcher.passages}
        self._label_cache: dict[str, tuple[str, str]] = {}

    def _iri(self, e: EntityRef) -> str:
        from graph.triples import entity_iri

        return str(entity_iri(self.minter, e.kind, e.key))

    def _prefetch_labels(self, iris: Iterable[str]) -> None:
        missing = {i for i in iris if i not in self._label_cache}
        for iri, (label, kind) in labels(self.store, missing).items():
            self._label_cache[iri] = (label or iri.rsplit("/", 1)[-1], kind or "Thing")

    def _label(self, iri: str) -> tuple[str, str]:
        if iri not in self._label_cache:
            self._prefetch_labels([iri])
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
        words = self.searcher.analyzer.word_forms(question)
        forms = {word: cue_forms(*analysis) for word, analysis in words.items()}
        entities = self._entities(aq, question)
        target = detect_target(aq, forms)
        task = detect_task(words)
        relation = "partner" if task else detect_relation(aq, forms)
        statuses = detect_statuses(aq, forms)
        found: dict[str, _Candidate] = {}

        def add(iri: str | None, label: str, kind: str, row: FactRow, region: str | None) -> None:
            candidate = found.setdefault(iri or label, _Candidate(iri, label, kind))
            candidate.facts.append(row)
            if region and (name := self._label(region)[0]) not in candidate.regions:
                candidate.regions.append(name)

        by_kind: dict[str, list[str]] = {}
        for e in entities:
            if (iri := self._iri(e)) not in by_kind.setdefault(e.kind, []):
                by_kind[e.kind].append(iri)
        regions_named = set(by_kind.get("Region", []))

        bodies = [b for kind in ORGANISATION_KINDS if kind != "Municipality"
                  for b in by_kind.get(kind, [])]
        people = (by_kind.get("Role") and target in ("Person", None)) or (
            target == "Person" and bodies and relation is None)
        if relation in ("administeredBy", "partner", "fundingAmount", "startDate", "endDate") \
                and not people:
            # "Milloin hanke alkoi ja päättyi?" asks for both dates.
            dates = ("startDate", "endDate")
            asked = [relation] + [r for r in dates if relation in dates and r != relation
                                  and cue_position(aq, RELATION_CUES[r], forms) is not None]
            kind = (detect_body_kind(aq, relation, target, forms)
                    if relation in ("administeredBy", "partner") else None)
            narrow = "task" if task else detect_stated_kind(aq, relation, forms)
            for one in asked:
                self._project_facts(one, by_kind, target, add, documents, kind, narrow)
            if task:
                found = self._for_task(found, task)
        elif people:
            self._people(entities, add, documents)
        elif by_kind.get("Method") and target != "Method":
            self._method_actors(by_kind["Method"], target or "Region", statuses, regions_named,
                                add, documents)
        elif target == "Method" or (by_kind.get("Method") is None and target is None):
            self._actor_methods(by_kind, statuses, add, documents)
        answers = self._with_evidence(found.values())
        if people:
            answers = self._in_context(answers, self._person_context(entities))
        note = ("" if answers else
                "The graph holds no answer to this question; these are the best passages.")
        return AnswerSet(question, target, answers, hits, note, tuple(entities))

    def _with_evidence(self, candidates: Iterable[_Candidate]) -> list[Answer]:
        """Answers ordered by their best evidence, each with its most confident passages; only
        those passages are read from the store."""
        chosen = []
        for c in candidates:
            ranked = sorted({f.statement: f for f in c.facts}.values(),
                            key=lambda f: (-f.confidence, f.statement))
            chosen.append((c, ranked[:MAX_EVIDENCE * 2]))
        where = sources(self.store, {f.statement for _, fs in chosen for f in fs})
        texts = passage_texts(self.store, {src.passage for src in where.values()})
        answers = []
        for c, fs in chosen:
            evidence: dict[tuple[str, int, int], Evidence] = {}
            for f in fs:
                if (src := where.get(f.statement)) is not None:
                    evidence.setdefault((src.passage, src.start, src.end), Evidence(
                        src.passage, src.document, texts.get(src.passage, ""), src.start,
                        src.end, f.confidence))
            if evidence:
                answers.append(Answer(c.iri, c.label, c.type,
                                      list(evidence.values())[:MAX_EVIDENCE], c.regions))
        return sorted(answers, key=lambda a: (-max(e.confidence for e in a.evidence), a.label))

    def _bodies_of_kind(self, cls: str) -> list[str]:
        """Every reference body of one class ("Municipality", "JointAuthority", …): bounded by
        the reference data, not by the corpus."""
        kind = "Municipality" if cls == "Municipality" else "Organisation"
        return sorted(self._iri(EntityRef(kind, e.key, e.pref_fi))
                      for e in self.reference.by_kind(kind) if e.cls == cls)

    def _project_facts(self, relation: str, by_kind: dict[str, list[str]],  # type: ignore[no-untyped-def]
                       target: str | None, add, documents: set[str] | None,
                       body_kind: BodyKind | None = None,
                       stated_kind: str | None = None) -> None:
        """administered by, partners, funding, dates: of the projects named, or of a region's.
        "Which regions' projects were administered by …" wants the regions, not the bodies;
        "… by a city" names no body but a kind of them."""
        predicate = [str(LAPE[relation])]
        rolled: list[tuple[FactRow, list[str]]] = []
        named = by_kind.get("Project", [])
        bodies = [b for kind in ORGANISATION_KINDS for b in by_kind.get(kind, [])]
        if not bodies and body_kind is not None and not [p for p in named
                                                         if p not in self._national]:
            bodies = self._bodies_of_kind(body_kind.cls)
        # "the Etelä-Savo LAPE project", "the Essote-administered LAPE project": a regional
        # project, found through its region or its body, not the national programme.
        focus = [p for p in named if p not in self._national]
        if not focus and bodies and relation not in ("administeredBy", "partner"):
            focus = sorted({r.subject for r in facts(
                self.store, objects=bodies, documents=documents,
                predicates=[str(LAPE.administeredBy), str(LAPE.partner)])})
        if not focus and not by_kind.get("Region") and not bodies:
            focus = named
        if focus:
            rows = facts(self.store, subjects=focus, predicates=predicate, documents=documents)
            regions = regions_of(self.store, {r.subject for r in rows})
            rolled = [(r, regions[r.subject]) for r in rows]
        elif by_kind.get("Region"):
            for region in by_kind["Region"]:
                members = members_of_region(self.store, region)
                rolled += [(r, [region]) for r in facts(self.store, subjects=members,
                                                        predicates=predicate,
                                                        documents=documents)]
        else:
            # The body is named and the projects asked for ("which projects did Soite
            # administer", "which regions' projects had THL as a partner").
            if bodies:
                rows = facts(self.store, objects=bodies, predicates=predicate,
                             documents=documents)
                if stated_kind is not None or relation == "partner":
                    rows = [r for r, _ in self._stated_as([(r, []) for r in rows], stated_kind,
                                                          STATED_KINDS[relation][0])]
                regions = regions_of(self.store, {r.subject for r in rows})
                self._prefetch_labels({r.subject for r in rows}
                                      | {g for rs in regions.values() for g in rs})
                if body_kind is not None and body_kind.asked:
                    self._prefetch_labels({r.object for r in rows})
                for row in rows:
                    for region in regions[row.subject] or [None]:
                        if body_kind is not None and body_kind.asked:
                            label, kind = self._label(row.object)
                            add(row.object, label, kind, row, region)
                        elif target == "Region":
                            if region:
                                add(region, self._label(region)[0], "Region", row, region)
                        else:
                            label, kind = self._label(row.subject)
                            add(row.subject, label, kind, row, region)
                return
        if stated_kind is not None or relation == "partner":
            rolled = self._stated_as(rolled, stated_kind, STATED_KINDS[relation][0])
        self._prefetch_labels({r.object for r, _ in rolled if r.object_is_iri}
                              | {g for _, rs in rolled for g in rs})
        for row, regions in rolled:
            for region in regions or [None]:
                if target == "Region":
                    if region:
                        add(region, self._label(region)[0], "Region", row, region)
                elif row.object_is_iri:
                    label, kind = self._label(row.object)
                    add(row.object, label, kind, row, region)
                else:
                    add(None, row.object, "Amount" if relation == "fundingAmount" else "Date",
                        row, region)

    def _stated_as(self, rolled: list[tuple[FactRow, list[str]]], kind: str | None,
                   cues: dict[str, tuple[str, ...]]) -> list[tuple[FactRow, list[str]]]:
        """The statements whose passage names no other kind just before their object: a
        question for the whole budget is not answered with the grant, nor one for the
        consortium with a body the project only cooperated with; one for partners at large
        (kind None) not with who only answered for a task. Reads the passages of these few
        statements only."""
        where = sources(self.store, {r.statement for r, _ in rolled})
        texts = passage_texts(self.store, {src.passage for src in where.values()})
        kept = []
        for row, regions in rolled:
            src = where.get(row.statement)
            before = texts.get(src.passage, "")[:src.start] if src else ""
            stated = self._stated_kind(before, cues)
            if stated == kind or (stated is None or kind is None) and stated != "task":
                kept.append((row, regions))
        return kept

    def _for_task(self, found: dict[str, _Candidate], task: str) -> dict[str, _Candidate]:
        """The answers whose statement's line names the task asked for just before the body
        ('Arviointitutkimuksesta vastasi X' for 'arviointitutkimus')."""
        statements = {f.statement for c in found.values() for f in c.facts}
        where = sources(self.store, statements)
        texts = passage_texts(self.store, {src.passage for src in where.values()})
        kept: dict[str, _Candidate] = {}
        for key, c in found.items():
            facts = [f for f in c.facts if (src := where.get(f.statement)) is not None
                     and self._names_task(texts.get(src.passage, "")[:src.start], task)]
            if facts:
                kept[key] = _Candidate(c.iri, c.label, c.type, facts, c.regions)
        return kept

    def _names_task(self, before: str, task: str) -> bool:
        window = before[-KIND_WINDOW:].rsplit("\n", 1)[-1]
        return any(task in (lemma, *parts[-1:]) or lemma.endswith(task)
                   for lemma, parts, _ in self.searcher.analyzer.word_forms(window).values())

    def _stated_kind(self, before: str, cues: dict[str, tuple[str, ...]]) -> str | None:
        """The kind of the kind word nearest before an object, on its line."""
        window = before[-KIND_WINDOW:].rsplit("\n", 1)[-1]
        stated: tuple[int, str] | None = None
        for word, (lemma, parts, _) in self.searcher.analyzer.word_forms(window).items():
            names = {word, lemma, *parts[-1:]}
            for kind, words in cues.items():
                if names & set(words):
                    pos = window.lower().rfind(word)
                    if stated is None or pos > stated[0]:
                        stated = (pos, kind)
        return stated[1] if stated else None

    def _person_context(self, entities: list[EntityRef]) -> set[str]:
        """What a question for the people of a body names besides the body: the place, the
        method, the project. A question for a role is narrowed by the role itself (nothing
        here): a role holder's line often names no more than the role ("Koordinaattori\nX")."""
        if any(e.kind == "Role" for e in entities):
            return set()
        return {self._iri(e) for e in entities
                if not (e.kind in ORGANISATION_KINDS and e.kind != "Municipality")
                and self._iri(e) != str(self.minter.project("lape"))}

    def _in_context(self, answers: list[Answer], context: set[str]) -> list[Answer]:
        """When some people's evidence passages name what the question names beside the role
        or body ("... avasi koulutusaamupäivän nimetty työntekijä -mallista"), those whose
        passages name none of it are someone else (a colleague at the same body). Uses the
        passages' linked entities held in memory, no store query."""
        def shares(a: Answer) -> bool:
            return any(self._passage_entities.get(e.passage, set()) & context
                       for e in a.evidence)

        kept = [a for a in answers if shares(a)] if context else answers
        return kept or answers

    def _people(self, entities: list[EntityRef], add,  # type: ignore[no-untyped-def]
                documents: set[str] | None) -> None:
        """Who held a role, or worked for a body when no role is named ("which THL expert
        …"), narrowed by the other entities the question names."""
        roles = list(dict.fromkeys(self._iri(e) for e in entities if e.kind == "Role"))
        bodies = [] if roles else list(dict.fromkeys(
            self._iri(e) for e in entities
            if e.kind in ORGANISATION_KINDS and e.kind != "Municipality"))
        context = {self._iri(e) for e in entities if e.kind not in ("Role", "Method")}
        context.discard(str(self.minter.project("lape")))
        context -= set(bodies)
        asked = [(role, None) for role in roles] + [(None, body) for body in bodies]
        for role, body in asked:
            rows = [r for r in memberships(self.store, role, body)
                    if documents is None or r.document in documents]
            doc_regions = document_regions(self.store, {r.document for r in rows})
            self._prefetch_labels({r.person for r in rows}
                                  | {g for rs in doc_regions.values() for g in rs})
            for row in rows:
                in_doc = self._doc_entities.get(row.document, set())
                for region in doc_regions[row.document] or [None]:
                    if context and not ({row.organisation, region} & context
                                        or context <= in_doc):
                        continue
                    label, _ = self._label(row.person)
                    add(row.person, label, "Person",
                        FactRow(row.statement, row.person, "", row.organisation or "", True,
                                row.confidence), region)

    def _method_actors(self, methods: list[str], target: str, statuses: tuple[str, ...],
                       regions_named: set[str], add,  # type: ignore[no-untyped-def]
                       documents: set[str] | None) -> None:
        """Which regions / municipalities / organisations worked with the methods named."""
        rows = facts(self.store, objects=methods, predicates=[str(LAPE[s]) for s in statuses],
                     documents=documents)
        regions = regions_of(self.store, {r.subject for r in rows})
        self._prefetch_labels({r.subject for r in rows}
                              | {g for rs in regions.values() for g in rs})
        for row in rows:
            for region in regions[row.subject] or [None]:
                if regions_named and region not in regions_named:
                    continue
                if target == "Region":
                    if region:
                        add(region, self._label(region)[0], "Region", row, region)
                    continue
                label, kind = self._label(row.subject)
                if kind == target or (target == "Organisation" and kind in ORGANISATION_KINDS
                                      and kind != "Municipality") or (
                        target == "Person" and kind in ORGANISATION_KINDS):
                    add(row.subject, label, kind, row, region)

    def _actor_methods(self, by_kind: dict[str, list[str]], statuses: tuple[str, ...],
                       add, documents: set[str] | None) -> None:  # type: ignore[no-untyped-def]
        """Which methods a region, municipality, organisation or project worked with."""
        predicates = [str(LAPE[s]) for s in statuses]
        rolled: list[tuple[FactRow, list[str]]] = []
        for region in by_kind.get("Region", []):
            members = members_of_region(self.store, region)
            rolled += [(r, [region]) for r in facts(self.store, subjects=members,
                                                    predicates=predicates, documents=documents)]
        actors = [a for kind in ("Municipality", "Organisation", "Project")
                  for a in by_kind.get(kind, [])]
        if actors:
            rows = facts(self.store, subjects=actors, predicates=predicates,
                         documents=documents)
            regions = regions_of(self.store, {r.subject for r in rows})
            rolled += [(r, regions[r.subject]) for r in rows]
        self._prefetch_labels({r.object for r, _ in rolled}
                              | {g for _, rs in rolled for g in rs})
        for row, regions in rolled:
            label, kind = self._label(row.object)
            if kind != "Method":
                continue
            for region in regions or [None]:
                add(row.object, label, kind, row, region)
