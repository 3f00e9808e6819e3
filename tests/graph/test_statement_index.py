"""The index of reified statements answers the statement lookups of graph/queries.py exactly as
their SPARQL does on the same default graph."""

from __future__ import annotations

import itertools

import pytest
from rdflib import RDF, XSD, Literal, URIRef

from graph.store import GraphStore

EX = "https://example.org/"
DOC_A, DOC_B = URIRef(EX + "doc/a"), URIRef(EX + "doc/b")


def _statement(doc: URIRef, key: str, subject: URIRef, predicate: URIRef, obj: object,
               passage: URIRef, confidence: str | None = "0.8") -> list:
    from ontology.namespace import LAPE

    st = URIRef(EX + "st/" + key)
    triples = [(st, RDF.type, LAPE.Statement), (st, RDF.subject, subject),
               (st, RDF.predicate, predicate), (st, RDF.object, obj),
               (st, LAPE.sourcePassage, passage),
               (st, LAPE.spanStart, Literal(len(key))), (st, LAPE.spanEnd, Literal(10)),
               (passage, LAPE.inDocument, doc)]
    if confidence is not None:
        triples.append((st, LAPE.confidence, Literal(confidence, datatype=XSD.decimal)))
    return [(*t, doc) for t in triples]


def _store() -> GraphStore:
    """Two documents: statements with IRI and literal objects, a fact both documents state
    (a statement each), one without a confidence (which the queries never return)."""
    from ontology.namespace import LAPE

    region, city, model = URIRef(EX + "region"), URIRef(EX + "city"), URIRef(EX + "model")
    project = URIRef(EX + "project")
    pa, pb = URIRef(EX + "doc/a/p1"), URIRef(EX + "doc/b/p1")
    store = GraphStore()
    store.add_quads(
        _statement(DOC_A, "1", region, LAPE.piloted, model, pa)
        + _statement(DOC_A, "2", city, LAPE.implemented, model, pa, "0.6")
        + _statement(DOC_A, "3", project, LAPE.fundingAmount, Literal("50000"), pa)
        + _statement(DOC_A, "4", project, LAPE.administeredBy, city, pa, None))
    store.add_quads(_statement(DOC_B, "1b", region, LAPE.piloted, model, pb)
                    + _statement(DOC_B, "5", project, LAPE.partner, city, pb, "0.9"))
    return store


def _iris(store: GraphStore, pattern: str) -> list[str]:
    return sorted({row[0].value for row in store.ox.query(
        "PREFIX lape: <https://w3id.org/lapekg/ontology#> "
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT DISTINCT ?x WHERE { "
        + pattern + " FILTER(isIRI(?x)) }")})


def _compare_everything(store: GraphStore, limit: int | None = None) -> int:
    """Every lookup by each subject, object, predicate, document, statement and passage (and
    some pairs), by the index and by SPARQL; returns how many of them found something."""
    from graph import queries
    from graph.statement_index import StatementIndex

    index = StatementIndex.from_store(store.ox)
    subjects = _iris(store, "?st rdf:subject ?x .")[:limit]
    objects = _iris(store, "?st rdf:object ?x .")[:limit]
    predicates = _iris(store, "?st rdf:predicate ?x .")
    documents = _iris(store, "?p lape:inDocument ?x .")[:limit]
    statements = _iris(store, "?x rdf:subject ?s .")
    passages = _iris(store, "?st lape:sourcePassage ?x .")
    compared = 0
    lookups: list[dict] = [{"subjects": [s]} for s in subjects]
    lookups += [{"objects": [o]} for o in objects]
    lookups += [{"subjects": subjects, "predicates": [p]} for p in predicates]
    lookups += [{"objects": objects, "predicates": [p]} for p in predicates]
    lookups += [{"subjects": subjects, "documents": [d]} for d in documents]
    lookups += [{"subjects": subjects, "objects": objects}, {"objects": objects, "documents": []}]
    for kw in lookups:
        by_sparql = set(queries.facts(store, **kw))
        by_index = set(index.facts(kw.get("subjects", []), kw.get("objects", []),
                                   kw.get("predicates", []), kw.get("documents")))
        assert by_index == by_sparql, kw
        compared += bool(by_sparql)
    where = queries.sources(store, statements)
    assert index.sources(statements) == where and len(where) == len(statements)
    for chosen in itertools.chain([predicates], ([p] for p in predicates)):
        said = set(queries.statements_in_passages(store, passages, chosen))
        assert set(index.statements_in_passages(passages, chosen)) == said, chosen
        compared += bool(said)
    return compared


def test_the_index_answers_each_lookup_as_the_sparql_does():
    assert _compare_everything(_store()) >= 20


def test_a_statement_without_a_confidence_or_outside_the_documents_is_not_a_fact():
    from graph.statement_index import StatementIndex

    index = StatementIndex.from_store(_store().ox)
    rows = index.facts([EX + "project"], [], [], None)
    assert {r.predicate.rsplit("#")[-1] for r in rows} == {"fundingAmount", "partner"}
    assert [r.object_is_iri for r in rows if r.predicate.endswith("fundingAmount")] == [False]
    assert index.facts([EX + "project"], [], [], [str(DOC_A)])[0].object == "50000"
    assert index.facts([EX + "project"], [], [], []) == []
    with pytest.raises(ValueError, match="subjects or objects"):
        index.facts([], [], [EX + "p"], None)


def test_only_a_memory_copy_keeps_an_index_and_only_once_loaded():
    from graph.store import MemoryDefaultGraph

    disk = _store()
    assert disk.statement_index is None
    copy = MemoryDefaultGraph(disk, wait=True)
    assert copy.statement_index is not None and len(copy.statement_index) == 6
    copy.close()


@pytest.mark.slow
def test_the_index_of_a_built_corpus_answers_as_its_sparql(built):
    from api.components import load_services

    settings, _, builder = built
    services = load_services(settings, encoder=builder.encoder)
    try:
        assert _compare_everything(services.store, limit=150) > 100
    finally:
        services.close()
