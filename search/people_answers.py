"""People answers from the graph: who held a role or worked for a body, narrowed to what the
question names besides (a mixin of search.answer.Answerer)."""

from __future__ import annotations

from graph.membership_queries import memberships
from graph.queries import FactRow, document_regions
from graph.store import GraphStore
from ontology.iris import IriMinter
from search.answer_records import Answer
from search.question_cues import ORGANISATION_KINDS
from search.records import EntityRef


class PeopleAnswers:
    store: GraphStore
    minter: IriMinter
    _doc_entities: dict[str, set[str]]
    _passage_entities: dict[str, set[str]]

    def _iri(self, e: EntityRef) -> str: ...
    def _label(self, iri: str) -> tuple[str, str]: ...
    def _prefetch_labels(self, iris) -> None: ...  # type: ignore[no-untyped-def]

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
