"""RemoteGraphStore against real SPARQL 1.1 servers (Oxigraph's, and Debian's Virtuoso open
source 7.2) behaves as the local GraphStore does, and the app runs on it."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from rdflib import Literal, URIRef

from graph.remote_store import (
    RemoteGraphStore,
    RemoteStoreError,
    RemoteUnreachableError,
    ResultCutError,
    bind,
    query_form,
)
from graph.store import GraphStore

EX = "https://example.org/"
G1, G2 = URIRef(EX + "graph/one"), URIRef(EX + "graph/two")
SERVERS = [pytest.param("oxigraph", marks=pytest.mark.optin),
           pytest.param("virtuoso", marks=pytest.mark.optin)]


def _quads():  # type: ignore[no-untyped-def]
    s, p = URIRef(EX + "s"), URIRef(EX + "label")
    return [(s, p, Literal('Päijät-Häme "quoted"\nline', lang="fi"), G1),
            (s, URIRef(EX + "n"), Literal(3), G1),
            (URIRef(EX + "t"), p, Literal("two"), G2)]


def _endpoints(request, server: str) -> dict:  # type: ignore[no-untyped-def]
    """Constructor arguments for a RemoteGraphStore on the named session server."""
    if server == "oxigraph":  # lapekg keeps the merge in the server's own default graph
        base = request.getfixturevalue("oxigraph_merge_url")
        return {"query_endpoint": f"{base}/query", "update_endpoint": f"{base}/update",
                "store_endpoint": f"{base}/store", "default_graph": "merge"}
    v = request.getfixturevalue("virtuoso")  # its default graph is the union of all graphs
    return {"query_endpoint": v.query_url, "update_endpoint": v.update_url,
            "store_endpoint": v.store_url, "user": v.user, "password": v.password,
            "default_graph": "union"}


def _empty(store: RemoteGraphStore) -> None:
    """Drop lapekg's graphs (never DROP ALL: Virtuoso keeps its own system graphs there)."""
    for graph in store.graphs():
        store.remove_graph(graph)


@pytest.fixture(params=[pytest.param((s.values[0], mode), marks=s.marks)
                        for s in SERVERS for mode in ("graph-store-protocol", "update-only")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def remote(request):  # type: ignore[no-untyped-def]
    server, mode = request.param
    args = _endpoints(request, server)
    if mode == "update-only":
        args["store_endpoint"] = None
    store = RemoteGraphStore(**args, graphs_prefix=EX)
    _empty(store)
    yield store
    _empty(store)
    store.close()


# --- without a server ---------------------------------------------------------------------------

def test_bindings_open_the_where_clause_as_values() -> None:
    query = bind("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('a "b"', lang="fi")})
    assert query.startswith("SELECT ?x WHERE {\n  VALUES (?o) { (\"a \\\"b\\\"\"@fi) }")


def test_the_query_form_is_read_past_prefixes_strings_and_subqueries() -> None:
    assert query_form("PREFIX select: <http://x/select#>\n# ASK\nCONSTRUCT { ?s ?p 'SELECT' } "
                      "WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }") == "CONSTRUCT"
    assert query_form("prefix a: <http://a/> ask { ?s a:describe ?o }") == "ASK"


def test_an_unreachable_server_names_the_url_and_the_setting() -> None:
    from bench.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    store = RemoteGraphStore(url, timeout=5)
    with pytest.raises(RemoteUnreachableError) as caught:
        store.graphs()
    assert url in str(caught.value) and "LAPEKG_SPARQL_QUERY_URL" in str(caught.value)


def test_the_remote_backend_needs_its_query_url() -> None:
    from api.graph_backends import BackendSettingError, make_graph_backend
    from api.settings import Settings

    with pytest.raises(BackendSettingError, match="LAPEKG_SPARQL_QUERY_URL"):
        make_graph_backend(Settings(graph_backend="remote"))
    with pytest.raises(BackendSettingError, match="choose oxigraph or remote"):
        make_graph_backend(Settings(graph_backend="virtuoso"))


# --- on each server -----------------------------------------------------------------------------

def test_add_len_query_remove(remote: RemoteGraphStore) -> None:
    assert remote.add_quads(_quads()) == 3
    remote.flush()
    assert len(remote) == 3
    assert set(remote.graphs()) == {G1, G2}
    rows = list(remote.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef(EX + "s"),
                                                                 "p": URIRef(EX + "label")}))
    assert [r.o for r in rows] == [Literal('Päijät-Häme "quoted"\nline', lang="fi")]
    assert bool(remote.query("ASK { ?s ?p 3 }"))
    graph = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                         f"FILTER(STRSTARTS(STR(?g), '{EX}')) }}").graph
    assert len(graph) == 3
    assert (URIRef(EX + "t"), URIRef(EX + "label"), Literal("two")) in set(graph)
    remote.remove_graph(G1)
    remote.remove_graph(URIRef(EX + "graph/absent"))  # silently nothing
    assert len(remote) == 1 and remote.graphs() == [G2]


def test_a_rebuild_replaces_each_graph_it_writes_and_drops_the_rest(remote) -> None:  # type: ignore[no-untyped-def]
    remote.add_quads(_quads())
    args = {"query_endpoint": remote.query_endpoint, "update_endpoint": remote.update_endpoint,
            "store_endpoint": remote.store_endpoint, "graphs_prefix": EX,
            "default_graph": "merge" if remote.merge else "union"}
    rebuild = RemoteGraphStore(**args, rebuild=True)
    rebuild._opener = remote._opener  # the same credentials
    fresh = (URIRef(EX + "s"), URIRef(EX + "label"), Literal("new"), G1)
    rebuild.add_quads([fresh])
    # Until the build finishes, the other graph is still there and this one is whole.
    assert set(remote.graphs()) == {G1, G2}
    assert [r.o for r in remote.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")] \
        == [Literal("new")]
    rebuild.flush()
    assert remote.graphs() == [G1] and len(remote) == 1


def test_the_default_graph_is_the_merge_as_documents_come_and_go(remote: RemoteGraphStore) -> None:
    """With LAPEKG_SPARQL_DEFAULT_GRAPH=merge a triple two documents state is in the default
    graph once, stays while one of them states it, and leaves with the last; a rebuild that
    replaces a document's graph takes out what only its old version said."""
    if not remote.merge:
        pytest.skip("this server's default graph is its union of graphs")
    shared = (URIRef(EX + "region"), URIRef(EX + "label"), Literal("Kainuu"))
    remote.add_quads([(*shared, G1), (*shared, G2), (URIRef(EX + "t"), URIRef(EX + "n"),
                                                     Literal(1), G2)])
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?s {{ <{EX}region> <{EX}t> }} ?s ?p ?o }}"
    assert int(next(iter(remote.query(count))).n) == 2
    remote.remove_graph(G1)
    assert int(next(iter(remote.query(count))).n) == 2
    rebuild = RemoteGraphStore(remote.query_endpoint, remote.update_endpoint,
                               remote.store_endpoint, graphs_prefix=EX, rebuild=True,
                               default_graph="merge")
    rebuild._opener = remote._opener
    rebuild.add_quads([(*shared, G2)])  # G2's new version drops the other triple
    rebuild.flush()
    assert [tuple(r) for r in remote.query(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ <{EX}region> <{EX}t> }} ?s ?p ?o }}")] == [shared]
    remote.remove_graph(G2)
    assert int(next(iter(remote.query(count))).n) == 0


def test_pyoxigraph_reads_answer_as_on_a_local_store(remote: RemoteGraphStore) -> None:
    """The page, export and VoID code reads through pyoxigraph's Store API."""
    import pyoxigraph as ox

    local = GraphStore()
    local.add_quads(_quads())
    remote.add_quads(_quads())
    s, g1 = ox.NamedNode(EX + "s"), ox.NamedNode(str(G1))
    for pattern in [(s, None, None, None), (None, None, None, g1), (None, None, None, None),
                    (s, ox.NamedNode(EX + "n"), ox.Literal("3", datatype=ox.NamedNode(
                        "http://www.w3.org/2001/XMLSchema#integer")), g1)]:
        assert set(remote.ox.quads_for_pattern(*pattern)) == set(
            local.ox.quads_for_pattern(*pattern)), pattern
    assert remote.ox.contains_named_graph(g1)
    assert not remote.ox.contains_named_graph(ox.NamedNode(EX + "graph/absent"))
    assert set(remote.ox.named_graphs()) == set(local.ox.named_graphs())
    select = f"SELECT ?o WHERE {{ <{EX}s> ?p ?o }}"
    assert {r["o"] for r in remote.ox.query(select)} == {r["o"] for r in local.ox.query(
        select, use_default_graph_as_union=True)}
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    assert set(remote.ox.query(construct)) == set(local.ox.query(construct))
    with pytest.raises(SyntaxError, match="HTTP 400"):
        remote.ox.query("SELECT WHERE {")


def test_remote_sparql_results_are_the_local_ones(remote: RemoteGraphStore) -> None:
    """/sparql answers the same, re-serialised, whichever backend holds the graph."""
    import json

    from graph import remote_store
    from graph.sparql import SparqlError, TooManyRowsError, run_query

    local = GraphStore()
    local.add_quads(_quads())
    remote.add_quads(_quads())
    select = f"SELECT ?p ?o WHERE {{ GRAPH ?g {{ <{EX}s> ?p ?o }} }} ORDER BY ?p"
    here, _ = run_query(local, select)
    there, media = remote_store.run_query(remote, select)
    assert media == "application/sparql-results+json"
    assert json.loads(there)["results"] == json.loads(here)["results"]
    body, media = remote_store.run_query(
        remote, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}", "text/turtle")
    assert media == "text/turtle" and b'"two"' in body
    with pytest.raises(TooManyRowsError):
        remote_store.run_query(remote, select, max_rows=1)
    with pytest.raises(SparqlError, match="SERVICE"):
        remote_store.run_query(remote, "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    with pytest.raises(SparqlError, match="refused"):
        remote_store.run_query(remote, "SELEKT ?x")


# --- Virtuoso's own ways ------------------------------------------------------------------------

@pytest.mark.optin
def test_virtuoso_keeps_its_system_graphs_out_of_lapekgs_view(virtuoso) -> None:  # type: ignore[no-untyped-def]
    everything = RemoteGraphStore(virtuoso.query_url)
    assert any("openlinksw.com" in g for g in everything.graphs())  # they are there
    ours = RemoteGraphStore(virtuoso.query_url, graphs_prefix=EX)
    assert all(g.startswith(EX) for g in ours.graphs())


@pytest.mark.optin
def test_virtuoso_refuses_anonymous_updates_with_a_clear_error(virtuoso) -> None:  # type: ignore[no-untyped-def]
    anonymous = RemoteGraphStore(virtuoso.query_url, virtuoso.query_url)
    with pytest.raises(RemoteStoreError) as caught:  # Virtuoso: HTTP 500, SR186:SECURITY
        anonymous.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}b> 1 }} }}")
    message = str(caught.value)
    assert virtuoso.query_url in message and "LAPEKG_SPARQL_UPDATE_URL" in message
    assert "permission" in message.lower()


@pytest.mark.optin
def test_virtuoso_update_rights_granted_to_the_sparql_user(virtuoso_granted) -> None:  # type: ignore[no-untyped-def]
    """After GRANT SPARQL_UPDATE TO "SPARQL", the plain /sparql endpoint takes updates."""
    anonymous = RemoteGraphStore(virtuoso_granted.query_url, graphs_prefix=EX)
    anonymous.add_quads(_quads())
    assert len(anonymous) == 3
    _empty(anonymous)


@pytest.mark.optin
def test_a_result_virtuoso_cuts_at_its_row_limit_is_an_error() -> None:
    from virtuoso_server import virtuoso_server

    from bench.servers import ServerUnavailableError

    try:
        with virtuoso_server(max_rows=2) as server:
            store = RemoteGraphStore(server.query_url, server.update_url, server.store_url,
                                     user=server.user, password=server.password,
                                     graphs_prefix=EX)
            store.add_quads(_quads())
            assert len(store.query(f"SELECT ?o WHERE {{ <{EX}t> ?p ?o }}")) == 1
            with pytest.raises(ResultCutError, match="ResultSetMaxRows"):
                store.query("SELECT ?o WHERE { ?s ?p ?o }")
    except ServerUnavailableError as exc:
        pytest.skip(str(exc))


# --- the corpus and the app ---------------------------------------------------------------------

def _copy_of(local: GraphStore, remote: RemoteGraphStore) -> None:
    remote.add_quads((s, p, o, g) for s, p, o, g in local.dataset.quads((None, None, None, None))
                     if isinstance(g, URIRef))


@pytest.mark.slow
@pytest.mark.parametrize("server", SERVERS)
def test_the_built_graph_answers_the_same_remotely(built, services, server, request) -> None:  # type: ignore[no-untyped-def]
    """The whole corpus graph copied to the server: the application's own queries and `ask`
    give what they give on the local Oxigraph store."""
    import pyoxigraph as ox

    from graph.queries import label_of, statements_about

    settings, _, _ = built
    local: GraphStore = services.store
    remote = RemoteGraphStore(**_endpoints(request, server), graphs_prefix=settings.base_iri)
    _empty(remote)
    _copy_of(local, remote)
    named = sum(1 for q in local.ox.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))
    assert len(remote) == named  # the named graphs; the local store keeps their merge besides

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


@pytest.mark.slow
@pytest.mark.parametrize("server", SERVERS)
def test_the_app_serves_the_remote_graph(built, services, server, request) -> None:  # type: ignore[no-untyped-def]
    """With LAPEKG_GRAPH_BACKEND=remote, /sparql, exports and entity pages read the server,
    and an authorised SPARQL update goes to it."""
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.graph_backends import make_graph_backend
    from api.http import create_app

    settings, _, _ = built
    ends = _endpoints(request, server)
    remote_settings = settings.model_copy(update={
        "graph_backend": "remote", "sparql_query_url": ends["query_endpoint"],
        "sparql_update_url": ends["update_endpoint"], "graph_store_url": ends["store_endpoint"],
        "sparql_user": ends.get("user"),
        "sparql_password": SecretStr(ends["password"]) if "password" in ends else None,
        "sparql_default_graph": ends["default_graph"],
        "update_token": "secret"})
    graphs = make_graph_backend(remote_settings)
    remote = graphs.open(services.generation)
    _empty(remote)
    _copy_of(services.store, remote)
    remote_services = dataclasses.replace(services, settings=remote_settings, store=remote,
                                          graphs=graphs)
    region = settings.base_iri + "region/07"
    local_app = TestClient(create_app(settings, services))
    with TestClient(create_app(remote_settings, remote_services)) as client, local_app:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?st ?p <{region}> }}"
        there = client.get("/sparql", params={"query": query},
                           headers={"Accept": "application/sparql-results+json"})
        here = local_app.get("/sparql", params={"query": query},
                             headers={"Accept": "application/sparql-results+json"})
        assert there.status_code == 200, there.text
        assert there.json()["results"] == here.json()["results"]

        page = client.get("/id/region/07", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Päijät-Häme" in page.text
        rdf = client.get("/id/region/07", params={"format": "nt"})
        local_rdf = local_app.get("/id/region/07", params={"format": "nt"})
        assert set(rdf.text.splitlines()) == set(local_rdf.text.splitlines())

        document = next(g for g in services.store.graphs() if "/document/" in g)
        export = client.get("/api/export", params={"format": "nquads", "document": document})
        local_export = local_app.get("/api/export", params={"format": "nquads",
                                                            "document": document})
        assert export.status_code == 200
        assert set(export.text.splitlines()) == set(local_export.text.splitlines())

        added = f"<{region}> <{EX}note> \"added remotely\" ."
        response = client.post("/sparql", content=f"INSERT DATA {{ GRAPH <{document}> "
                               f"{{ {added} }} }}", headers={
                                   "Content-Type": "application/sparql-update",
                                   "Authorization": "Bearer secret"})
        assert response.status_code == 204, response.text
        # An update says exactly where its triples go (here a document's graph), as locally.
        ask = client.get("/sparql", params={"query": f"ASK {{ GRAPH <{document}> "
                                            f"{{ {added[:-1]} }} }}"},
                         headers={"Accept": "application/sparql-results+json"})
        assert ask.json()["boolean"] is True
    _empty(remote)
    remote.close()
