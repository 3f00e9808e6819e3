"""The default graph is the RDF merge of the document graphs: each distinct triple once.

Documents keep their own named graphs (provenance, GRAPH ?g, FROM); a triple that several
documents state is asserted once, and it goes when its last document goes.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from api.sparql_examples import EXAMPLES
from graph.export import export
from graph.sparql import run_query
from graph.store import GraphStore

EX = "http://example.org/"
A, B = URIRef(EX + "docA"), URIRef(EX + "docB")
REGION = URIRef(EX + "kainuu")
SHARED = (REGION, RDF.type, URIRef(EX + "Region"))


def _count(store: GraphStore, query: str) -> int:
    return int(next(iter(store.ox.query(query)))["n"].value)


def _two_documents() -> GraphStore:
    store = GraphStore()
    store.add_quads([(*SHARED, A), (REGION, URIRef(EX + "label"), Literal("Kainuu"), A)])
    store.add_quads([(*SHARED, B), (URIRef(EX + "p1"), URIRef(EX + "in"), REGION, B)])
    return store


def test_a_triple_that_two_documents_state_is_in_the_default_graph_once():
    store = _two_documents()
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 3
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{EX}Region> }}") == 1


def test_each_document_keeps_its_own_named_graph_for_provenance():
    store = _two_documents()
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{EX}Region> }} }}"
    assert _count(store, q) == 2


def test_from_reads_only_the_named_graph_it_names():
    store = _two_documents()
    assert _count(store, f"SELECT (COUNT(*) AS ?n) FROM <{A}> WHERE {{ ?s ?p ?o }}") == 2
    assert _count(store, f"SELECT (COUNT(*) AS ?n) FROM <{B}> WHERE {{ ?s ?p ?o }}") == 2
    q = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{A}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _count(store, q) == 2


def test_a_triple_goes_from_the_default_graph_with_its_last_document():
    store = _two_documents()
    store.remove_graph(A)
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{EX}Region> }}") == 1
    assert _count(store, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p "Kainuu" }') == 0
    store.remove_graph(B)
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 0


def test_replacing_a_document_keeps_the_merge_exact():
    store = _two_documents()
    store.remove_graph(B)
    store.add_quads([(*SHARED, B), (URIRef(EX + "p2"), URIRef(EX + "in"), REGION, B)])
    merged = {(q.subject.value, q.predicate.value, str(q.object))
              for q in store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {(q.subject.value, q.predicate.value, str(q.object))
             for q in store.ox.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert merged == named
    assert (EX + "p1", EX + "in", f"<{REGION}>") not in merged


def test_a_store_written_before_the_merge_is_filled_once_on_extend():
    old = ox.Store()
    old.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o"),
                    ox.NamedNode(str(A))))
    store = GraphStore()
    store._ox = old  # noqa: SLF001 - an old store, as GraphStore would open it from disk
    assert not store.has_merged_default()
    assert store.ensure_merged()
    assert store.has_merged_default()
    assert not store.ensure_merged()


@pytest.fixture(scope="module")
def merge(built) -> ox.Store:
    """rdflib's RDF merge of every named graph in an N-Quads export of the session's build, as
    the default graph of a fresh in-memory Oxigraph store (rdflib's own SPARQL engine takes
    minutes on the examples' joins; the engine is not what is compared)."""
    settings, report, _ = built
    store = GraphStore(settings.data / "generations" / report.generation / "store",
                       read_only=True)
    data = b"".join(export(store, "nquads"))
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    graph = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g is not None and g != dataset.default_context.identifier:
            graph.add((s, p, o))
    fresh = ox.Store()
    fresh.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return fresh


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_every_built_in_example_answers_like_the_rdf_merge(built, merge, example):
    import json

    settings, report, _ = built
    store = GraphStore(settings.data / "generations" / report.generation / "store",
                       read_only=True)
    body, _ = run_query(store, example.query, "application/sparql-results+json")
    result = json.loads(body)
    names = result["head"]["vars"]
    ours = [tuple(b.get(n, {}).get("value", "") for n in names)
            for b in result["results"]["bindings"]]
    solutions = merge.query(example.query)
    theirs = [tuple("" if row[n] is None else row[n].value for n in names) for row in solutions]
    assert sorted(ours) == sorted(theirs)
    assert ours, "an example with no rows compares nothing"


def test_serving_a_generation_built_before_the_merge_says_to_rebuild(tmp_path):
    from api.graph_backends import LocalGraphBackend, OldGraphError

    old = ox.Store(str(tmp_path / "store"))
    old.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o"),
                    ox.NamedNode(str(A))))
    old.flush()
    del old
    with pytest.raises(OldGraphError, match="rebuild it: lapekg build corpus"):
        LocalGraphBackend().open(tmp_path)


def test_serve_refuses_an_old_build_before_starting_and_says_to_rebuild(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from api.cli import app
    from api.generations import COMPLETE, POINTER

    generation = tmp_path / "generations" / "old"
    generation.mkdir(parents=True)
    old = ox.Store(str(generation / "store"))
    old.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o"),
                    ox.NamedNode(str(A))))
    old.flush()
    del old
    (generation / COMPLETE).write_text("")
    (tmp_path / POINTER).write_text("old")
    monkeypatch.setenv("LAPEKG_DATA", str(tmp_path))
    result = CliRunner().invoke(app, ["serve", "--port", "18765"])
    assert result.exit_code != 0
    assert "rebuild it: lapekg build corpus" in result.output


def test_the_in_memory_copy_answers_as_the_default_graph_and_leaves_named_graphs_out():
    from graph.store import MemoryDefaultGraph

    disk = _two_documents()
    copy = MemoryDefaultGraph(disk, wait=True)
    assert copy.ox is not disk.ox and copy.loaded_s is not None
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _count(copy, everything) == _count(disk, everything) == 3
    assert not list(copy.ox.named_graphs())
    with pytest.raises(TypeError, match="read-only copy"):
        copy.add_quads([(*SHARED, A)])
    copy.close()


def _statement_graph(doc: URIRef, key: str) -> list:
    from rdflib import SKOS, XSD

    from ontology.namespace import LAPE

    st, passage = URIRef(EX + "st-" + key), URIRef(EX + "passage-" + key)
    method = URIRef(EX + "method")
    triples = [(REGION, RDF.type, LAPE.Region), (method, SKOS.prefLabel, Literal("malli", "fi")),
               (st, RDF.type, LAPE.Statement), (st, RDF.subject, REGION),
               (st, RDF.predicate, LAPE.piloted), (st, RDF.object, method),
               (st, LAPE.sourcePassage, passage),
               (st, LAPE.confidence, Literal("0.8", datatype=XSD.decimal)),
               (st, LAPE.spanStart, Literal(0)), (st, LAPE.spanEnd, Literal(5)),
               (passage, LAPE.text, Literal("Malli " + key))]
    return [(*t, doc) for t in triples]


def test_region_summaries_follow_the_statements_through_add_and_removal():
    from graph.summaries import refresh
    from ontology.iris import IriMinter

    minter = IriMinter(EX)
    store = GraphStore()
    store.add_quads(_statement_graph(A, "a"))
    store.add_quads(_statement_graph(B, "b"))
    assert refresh(store, minter) == 1
    rows = list(store.ox.query(
        "PREFIX lape: <https://w3id.org/lapekg/ontology#> SELECT ?n ?q WHERE { "
        "?x a lape:RegionMethodSummary ; lape:passageCount ?n ; lape:evidenceText ?q }"))
    assert [(r["n"].value, r["q"].value) for r in rows] == [("2", "Malli")]
    store.remove_graph(A)
    store.remove_graph(B)
    assert refresh(store, minter) == 0
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 0


@pytest.mark.slow
def test_the_region_summaries_say_what_the_statements_say(built, merge):
    from graph.summaries import REGION_METHODS

    example = next(e for e in EXAMPLES if e.key == "methods-per-region")
    from_summaries = {tuple(str(row[v]) for v in ("regionName", "methodName", "status",
                                                   "actors", "passages", "bestConfidence"))
                      for row in merge.query(example.query)}
    prefixes, _, grouping = REGION_METHODS.partition("SELECT")
    grouped = merge.query(
        prefixes + "SELECT ?regionName ?methodName ?status ?actors ?passages ?bestConfidence "
        "WHERE { { SELECT" + grouping + "} "
        '?region skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi") '
        '?method skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi") }')
    from_statements = {tuple(str(row[v]) for v in ("regionName", "methodName", "status",
                                                    "actors", "passages", "bestConfidence"))
                       for row in grouped}
    assert from_summaries == from_statements
    assert from_summaries


@pytest.mark.slow
def test_a_servers_ask_reads_an_in_memory_copy_and_a_one_shot_command_the_store(built):
    from api.components import load_next_services, load_services
    from graph.store import MemoryDefaultGraph

    settings, _, _ = built
    served = load_next_services(settings, None)
    once = load_services(settings, encoder=served.searcher.encoder)
    try:
        assert isinstance(served.answerer.store, MemoryDefaultGraph)
        assert once.answerer.store is once.store
        served.answerer.store._thread.join()  # noqa: SLF001 - wait for the copy
        question = "Missä maakunnissa kokeiltiin perhekeskusmallia?"
        assert served.answerer.ask(question) == once.answerer.ask(question)
    finally:
        served.close()
        once.close()
