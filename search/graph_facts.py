"""The graph's facts of projects for an answer: administered by, partners, funding and dates of
the projects a question names, of a region's projects, or of a body's; narrowed to the kind of
body or the task the question asks about (a mixin of search.answer.Answerer)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.queries import FactRow, facts, members_of_region, passage_texts, regions_of, sources
from graph.store import GraphStore
from ontology.namespace import LAPE
from ontology.reference import ReferenceData
from search.question_cues import KIND_WINDOW, ORGANISATION_KINDS, STATED_KINDS, BodyKind
from search.records import EntityRef
from search.searcher import Searcher


@dataclass
class Candidate:
    iri: str | None
    label: str
    type: str
    facts: list[FactRow] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)


class ProjectFacts:
    store: GraphStore
    reference: ReferenceData
    searcher: Searcher
    _national: set[str]

    def _iri(self, e: EntityRef) -> str: ...
    def _label(self, iri: str) -> tuple[str, str]: ...
    def _prefetch_labels(self, iris) -> None: ...  # type: ignore[no-untyped-def]

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
                if relation == "partner" or stated_kind is not None \
                        and relation != "fundingAmount":
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
        # The kind of amount asked is kept by search.fact_qualifiers over every answer, graph's
        # or read, with the fuller vocabulary (own funding, EU funding; Swedish).
        if relation == "partner" or stated_kind is not None and relation != "fundingAmount":
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

    def _for_task(self, found: dict[str, Candidate], task: str) -> dict[str, Candidate]:
        """The answers whose statement's line names the task asked for just before the body
        ('Arviointitutkimuksesta vastasi X' for 'arviointitutkimus')."""
        statements = {f.statement for c in found.values() for f in c.facts}
        where = sources(self.store, statements)
        texts = passage_texts(self.store, {src.passage for src in where.values()})
        kept: dict[str, Candidate] = {}
        for key, c in found.items():
            facts = [f for f in c.facts if (src := where.get(f.statement)) is not None
                     and self._names_task(texts.get(src.passage, "")[:src.start], task)]
            if facts:
                kept[key] = Candidate(c.iri, c.label, c.type, facts, c.regions)
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
