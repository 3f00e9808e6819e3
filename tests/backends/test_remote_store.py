"""RemoteGraphStore against a real SPARQL 1.1 server behaves as the local GraphStore does."""

from __future__ import annotations

import copy

import pytest
from rdflib import Literal, URIRef

from graph.remote_store import RemoteGraphStore, bind
from graph.store import GraphStore

pytestmark = pytest.mark.optin

EX = "https://example.org/"
G1, G2 = URIRef(EX + "graph/one"), URIRef(EX + "graph/two")


def _quads():  # type: ignore[no-untyped-def]
    s, p = URIRef(EX + "s"), URIRef(EX + "label")
    return [(s, p, Literal('Päijät-Häme "quoted"\nline', lang="fi"), G1),
            (s, URIRef(EX + "n"), Literal(3), G1),
            (URIRef(EX + "t"), p, Literal("two"), G2)]


@pytest.fixture(params=["graph-store-protocol", "update-only"])
def remote(request, oxigraph_url):  # type: ignore[no-untyped-def]
    store_endpoint = f"{oxigraph_url}/store" if request.param != "update-only" else None
    store = RemoteGraphStore(f"{oxigraph_url}/query", f"{oxigraph_url}/update",
                             store_endpoint)
    store.update("DROP SILENT ALL")
    yield store
    store.close()


def test_bindings_open_the_where_clause_as_values() -> None:
    query = bind("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('a "b"', lang="fi")})
    assert query.startswith("SELECT ?x WHERE {\n  VALUES (?o) { (\"a \\\"b\\\"\"@fi) }")


def test_add_len_query_remove(remote: RemoteGraphStore) -> None:
    assert remote.add_quads(_quads()) == 3
    remote.flush()
    assert len(remote) == 3
    assert set(remote.graphs()) == {G1, G2}
    rows = list(remote.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef(EX + "s"),
                                                                 "p": URIRef(EX + "label")}))
    assert [r.o for r in rows] == [Literal('Päijät-Häme "quoted"\nline', lang="fi")]
    assert bool(remote.query("ASK { ?s ?p 3 }"))
    graph = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    assert len(graph) == 3
    assert (URIRef(EX + "t"), URIRef(EX + "label"), Literal("two")) in set(
        remote.dataset.triples((None, None, None)))
    remote.remove_graph(G1)
    remote.remove_graph(URIRef(EX + "graph/absent"))  # silently nothing
    assert len(remote) == 1 and remote.graphs() == [G2]


@pytest.mark.slow
def test_the_built_graph_answers_the_same_remotely(built, services, oxigraph_url) -> None:
    """The whole corpus graph copied to the server: the application's own queries and `ask`
    give what they give on the local Oxigraph store."""
    from graph.queries import label_of, statements_about

    settings, _, _ = built
    local: GraphStore = services.store
    remote = RemoteGraphStore(f"{oxigraph_url}/query", f"{oxigraph_url}/update",
                              f"{oxigraph_url}/store")
    remote.update("DROP SILENT ALL")
    quads = [(s, p, o, g) for s, p, o, g in local.dataset.quads((None, None, None, None))
             if isinstance(g, URIRef)]
    remote.add_quads(quads)
    assert len(remote) == len(local)

    region = "https://w3id.org/lapekg/id/region/07"  # Päijät-Häme
    key = (lambda r: (r.statement, r.passage, r.region))  # noqa: E731
    assert sorted(statements_about(remote, region), key=key) == sorted(
        statements_about(local, region), key=key)
    assert label_of(remote, region) == label_of(local, region)

    remote_answerer = copy.copy(services.answerer)
    remote_answerer.store = remote
    for question in ("which regions piloted a named-worker model",
                     "missä maakunnissa on otettu käyttöön Lapset puheeksi -toimintamalli"):
        here = services.answerer.ask(question)
        there = remote_answerer.ask(question)
        assert [(a.iri, a.label) for a in there.answers] == [(a.iri, a.label)
                                                               for a in here.answers]
    remote.close()
