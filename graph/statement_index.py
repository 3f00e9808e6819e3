"""The reified statements of a graph held in Python dicts, for the lookups `ask` makes per
question: the statements of some subjects, objects and predicates, where each was read, and
what some passages state.

At the 100x bench build a question such as "Missä maakunnissa kokeiltiin perhekeskusmallia?"
reads 2,081 statements of one working model; through SPARQL on the in-memory copy of the graph
that costs 37–47 ms of CPU (four lookups a statement, then each row turned into Python), from
these dicts about a millisecond. The index is built once, from the same default graph the
queries read, by `MemoryDefaultGraph` (graph/store.py) after its copy is loaded; `facts`,
`sources` and `statements_in_passages` in graph/queries.py answer from it when the store
offers one, with the rows their SPARQL gives (`tests/graph/test_statement_index.py` compares
both on a built corpus). Rows come in no particular order, as from SPARQL.

A statement here is any subject of `rdf:subject`, as in the queries (which do not ask for
`a lape:Statement`); terms are compared by their value and kind (IRI or not), as the queries'
VALUES blocks of IRIs do.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.queries import FactRow, PassageStatement, Source

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LAPE = "https://w3id.org/lapekg/ontology#"
# The property each field of a statement is read from.
FIELDS = {"subject": RDF + "subject", "predicate": RDF + "predicate", "object": RDF + "object",
          "confidence": LAPE + "confidence", "passage": LAPE + "sourcePassage",
          "start": LAPE + "spanStart", "end": LAPE + "spanEnd"}
IN_DOCUMENT = LAPE + "inDocument"

Term = tuple[str, bool]  # (value, is an IRI)


class _Statement:
    """What the graph says of one statement node: every value of each field (normally one),
    and the records the lookups return, made once."""

    __slots__ = ("iri", "subject", "predicate", "object", "confidence", "passage", "start",
                 "end", "facts", "said", "source")

    def __init__(self, iri: Term) -> None:
        self.iri = iri
        self.subject: list[Term] = []
        self.predicate: list[Term] = []
        self.object: list[Term] = []
        self.confidence: list[Term] = []
        self.passage: list[Term] = []
        self.start: list[Term] = []
        self.end: list[Term] = []
        # (subject, predicate, object, record) per combination of values with a confidence
        self.facts: list[tuple[Term, Term, Term, FactRow]] = []
        # (passage IRI, predicate, record)
        self.said: list[tuple[str, Term, PassageStatement]] = []
        self.source: Source | None = None

    def make_records(self, documents: dict[Term, list[Term]]) -> None:
        from graph.queries import FactRow, PassageStatement, Source

        for field in FIELDS:
            setattr(self, field, list(dict.fromkeys(getattr(self, field))))
        st = self.iri[0]
        self.facts = [(s, p, o, FactRow(st, s[0], p[0], o[0], o[1], float(conf)))
                      for s, p, o, (conf, _) in _products(self.subject, self.predicate,
                                                          self.object, self.confidence)]
        self.said = [(passage, p, PassageStatement(passage, st, s, p[0], o, int(start),
                                                   int(end), float(conf)))
                     for (passage, passage_iri) in self.passage if passage_iri
                     for p, (s, _), (o, _), (start, _), (end, _), (conf, _) in _products(
                         self.predicate, self.subject, self.object, self.start, self.end,
                         self.confidence)]
        sources = [Source(passage[0], doc, int(start), int(end))
                   for passage, (start, _), (end, _) in _products(sorted(self.passage),
                                                                  self.start, self.end)
                   for doc, _ in documents.get(passage, ())]
        self.source = sources[-1] if sources else None


class StatementIndex:
    """Reified statements by subject, object and source passage, with the documents of the
    passages; see the module docstring."""

    def __init__(self) -> None:
        self._statements: dict[Term, _Statement] = {}
        self._by_subject: dict[str, list[_Statement]] = {}
        self._by_object: dict[str, list[_Statement]] = {}
        self._by_passage: dict[str, list[_Statement]] = {}
        self._documents: dict[Term, list[Term]] = {}
        self.built_s = 0.0

    def __len__(self) -> int:
        return len(self._statements)

    @classmethod
    def from_store(cls, store: ox.Store) -> StatementIndex:
        """The index of the default graph of a pyoxigraph store (one scan per property)."""
        import pyoxigraph as ox

        def triples(predicate: str) -> Iterator[tuple[Term, Term]]:
            for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None,
                                                ox.DefaultGraph()):
                yield (_term(quad.subject), _term(quad.object))

        started = time.monotonic()
        index = cls()
        index.add({field: triples(p) for field, p in FIELDS.items()}, triples(IN_DOCUMENT))
        index.built_s = time.monotonic() - started
        return index

    def add(self, fields: dict[str, Iterable[tuple[Term, Term]]],
            in_document: Iterable[tuple[Term, Term]]) -> None:
        """Fill the index from (statement, value) pairs per field and (passage, document)
        pairs. Only nodes with an `rdf:subject` are statements."""
        interned: dict[Term, Term] = {}

        def intern(term: Term) -> Term:
            return interned.setdefault(term, term)

        for node, value in fields["subject"]:
            st = self._statements.get(node)
            if st is None:
                st = self._statements[node] = _Statement(intern(node))
            st.subject.append(intern(value))
        for field, pairs in fields.items():
            if field == "subject":
                continue
            for node, value in pairs:
                if (st := self._statements.get(node)) is not None:
                    getattr(st, field).append(intern(value))
        for passage, document in in_document:
            docs = self._documents.setdefault(intern(passage), [])
            if document not in docs:
                docs.append(intern(document))
        for st in self._statements.values():
            st.make_records(self._documents)
            for key, by in (("subject", self._by_subject), ("object", self._by_object),
                            ("passage", self._by_passage)):
                for value, is_iri in getattr(st, key):
                    if is_iri:
                        by.setdefault(value, []).append(st)

    def facts(self, subjects: list[str], objects: list[str], predicates: list[str],
              documents: Iterable[str] | None) -> list[FactRow]:
        """As graph.queries.facts: the statements whose subject, object and predicate lie in
        the given IRIs (an empty list = any; subjects or objects given), from passages of the
        given documents (None = any). Each statement's records are distinct combinations of
        its values, as SPARQL's DISTINCT rows are."""
        if documents is not None:
            documents = set(documents)
            if not documents:
                return []
        subject_set, object_set, predicate_set = set(subjects), set(objects), set(predicates)
        out = []
        for st in self._candidates(subject_set, object_set):
            if documents is not None and not self._in_documents(st, documents):
                continue
            for (s, s_iri), (p, p_iri), (o, o_iri), row in st.facts:
                if ((not subject_set or (s_iri and s in subject_set))
                        and (not predicate_set or (p_iri and p in predicate_set))
                        and (not object_set or (o_iri and o in object_set))):
                    out.append(row)
        return out

    def sources(self, statements: Iterable[str]) -> dict[str, Source]:
        """As graph.queries.sources: passage, document and span of each statement (IRIs); of a
        statement read in several passages one of them, as from the query."""
        found = ((iri, self._statements.get((iri, True))) for iri in set(statements))
        return {iri: st.source for iri, st in found if st is not None and st.source is not None}

    def statements_in_passages(self, passages: Iterable[str],
                               predicates: Iterable[str]) -> list[PassageStatement]:
        """As graph.queries.statements_in_passages: the statements of the given predicates
        made in the given passages (IRIs)."""
        predicate_set = set(predicates)
        return [row for passage in set(passages) for st in self._by_passage.get(passage, ())
                for at, (p, p_iri), row in st.said
                if at == passage and p_iri and p in predicate_set]

    def _candidates(self, subjects: set[str], objects: set[str]) -> list[_Statement]:
        """The statements of the given subjects or objects, each once (by the smaller side
        when both are given)."""
        if not (subjects or objects):
            raise ValueError("facts() needs subjects or objects to stay bounded")
        by_subject = [st for s in subjects for st in self._by_subject.get(s, ())]
        by_object = [st for o in objects for st in self._by_object.get(o, ())]
        if subjects and objects:
            smaller = by_subject if len(by_subject) <= len(by_object) else by_object
        else:
            smaller = by_subject if subjects else by_object
        return list({id(st): st for st in smaller}.values())

    def _in_documents(self, st: _Statement, documents: set[str]) -> bool:
        return any(doc_iri and doc in documents
                   for passage in st.passage
                   for doc, doc_iri in self._documents.get(passage, ()))


def _products(*columns: list[Term]) -> list[tuple[Term, ...]]:
    """Every combination of one value per column (none when a column is empty)."""
    rows: list[tuple[Term, ...]] = [()]
    for column in columns:
        rows = [row + (value,) for row in rows for value in column]
    return rows


def _term(term: Any) -> Term:
    import pyoxigraph as ox

    return (term.value, isinstance(term, ox.NamedNode))
