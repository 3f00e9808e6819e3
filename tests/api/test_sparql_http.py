"""/sparql answers each query once and honours its dataset; it refuses what it cannot serve
with the right status (406, 400, 413/414) and a short message; HEAD, the OpenAPI document, the
service description and updates behave, and nothing blocks the event loop."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest
from api_helpers import app_client, copy_of_build, free_port

from api.sparql_examples import EXAMPLES

LAPE = "PREFIX lape: <https://w3id.org/lapekg/ontology#> "
DOCS = LAPE + "SELECT ?d WHERE { ?d a lape:Document } ORDER BY ?d"
CONSTRUCT = LAPE + "CONSTRUCT { ?d a lape:Document } WHERE { ?d a lape:Document }"


def _count(api, query: str) -> int:  # type: ignore[no-untyped-def]
    r = api.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_from_makes_one_graph_the_default_graph(api, services):
    store = services.store.ox
    graph = sorted(store.named_graphs(), key=str)[0]
    size = len(list(store.quads_for_pattern(None, None, None, graph)))
    everything = _count(api, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    one = _count(api, f"SELECT (COUNT(*) AS ?n) FROM {graph} WHERE {{ ?s ?p ?o }}")
    assert one == size < everything
    named = _count(api, f"SELECT (COUNT(*) AS ?n) FROM NAMED {graph} "
                        "WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert named == size
    # FROM NAMED alone leaves an empty default graph (SPARQL 1.1, 13.2).
    assert _count(api, f"SELECT (COUNT(*) AS ?n) FROM NAMED {graph} WHERE {{ ?s ?p ?o }}") == 0


class _Counting:
    """A store whose query() calls are counted (the `ox` attribute run_query reads)."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.store, self.calls = store, 0
        self.ox = self

    def query(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.store.query(*args, **kwargs)


def test_a_capped_select_runs_once_and_answers_what_one_uncapped_run_gives(services):
    from graph.sparql import run_query

    counting = _Counting(services.store.ox)
    body, _ = run_query(counting, DOCS, max_rows=10_000)
    assert counting.calls == 1
    assert json.loads(body) == json.loads(run_query(services.store.ox, DOCS)[0])


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml", "text/csv",
                                    "text/tab-separated-values"])
def test_capped_results_are_what_oxigraph_writes_in_each_format(services, accept):
    import io

    import pyoxigraph as ox

    from graph.sparql import RESULT_TYPES, run_query

    # IRIs, language-tagged and typed literals, plain strings, numbers and unbound values.
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s ?label ?n ?plain "
             "?none WHERE { ?s skos:prefLabel ?label . OPTIONAL { ?s ?q ?none FILTER(false) } "
             "BIND(STRLEN(?label) AS ?n) BIND(STR(?label) AS ?plain) } ORDER BY ?s ?plain "
             "(LANG(?label)) "
             "LIMIT 200")
    store = services.store.ox
    ours, media = run_query(store, query, accept, max_rows=10_000)
    expected = io.BytesIO()
    store.query(query).serialize(
        expected, getattr(ox.QueryResultsFormat, RESULT_TYPES[accept]))
    assert media == accept
    if accept.endswith("json"):
        assert json.loads(ours) == json.loads(expected.getvalue())
    else:
        assert ours == expected.getvalue()


def test_an_accept_the_endpoint_cannot_serve_is_a_406_naming_what_it_offers(api):
    r = api.get("/sparql", params={"query": DOCS}, headers={"accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.json()["detail"]
    graph = api.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"})
    assert graph.status_code == 406 and "text/turtle" in graph.json()["detail"]


def test_a_format_that_does_not_fit_the_query_form_is_a_400(api):
    r = api.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert r.status_code == 400
    assert "CONSTRUCT" in r.json()["detail"] and "turtle" in r.json()["detail"]
    select = api.get("/sparql", params={"query": DOCS, "format": "turtle"})
    assert select.status_code == 400 and "csv" in select.json()["detail"]


def test_invalid_percent_encoded_utf8_is_a_400_not_replaced(api):
    r = api.get("/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%3Fp%20%22%FF%22%20%7D")
    assert r.status_code == 400 and "query" in r.json()["detail"]
    form = api.post("/sparql", content=b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%C3%28%22%20%7D",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert form.status_code == 400 and "UTF-8" in form.json()["detail"]
    ok = api.post("/sparql", content=b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%C3%A4%22%20%7D",
                  headers={"content-type": "application/x-www-form-urlencoded"})
    assert ok.status_code == 200


def test_head_gives_the_get_status_and_headers_without_a_body(api):
    get = api.get("/sparql", params={"query": DOCS})
    head = api.head("/sparql", params={"query": DOCS})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    description = api.head("/sparql", headers={"accept": "text/turtle"})
    assert description.status_code == 200 and description.content == b""


def test_openapi_documents_the_post_body_and_the_statuses(api):
    paths = api.get("/openapi.json").json()["paths"]["/sparql"]
    body = paths["post"]["requestBody"]["content"]
    assert {"application/sparql-query", "application/sparql-update",
            "application/x-www-form-urlencoded"} <= set(body)
    for method in ("get", "post"):
        assert {"400", "406", "413", "503", "504"} <= set(paths[method]["responses"])


def test_a_parse_error_points_at_the_line_and_says_what_to_check(api):
    broken = "SELECT ?x\nWHERE {\n  ?x ?p ?o .\n  FILTER(?x = )\n}"
    for query in (broken, broken.replace("WHERE", "FROM <urn:g> WHERE")):  # both parsers
        detail = api.get("/sparql", params={"query": query}).json()["detail"]
        assert "line " in detail and "column" in detail and "check" in detail, detail


def test_an_error_never_echoes_more_than_200_characters_of_the_input(api):
    r = api.get("/api/search", params={"q": "x" * 5000})
    assert r.status_code == 422
    assert len(r.text) < 1000 and "x" * 201 not in r.text
    long_query = "SELECT * WHERE { ?s ?p " + "x" * 50_000 + " }"
    started = time.monotonic()
    refused = api.get("/sparql", params={"query": long_query})
    assert refused.status_code == 400 and len(refused.text) < 1000
    assert time.monotonic() - started < 5  # the hint's keyword scan is linear


def test_an_oversized_get_on_the_real_server_is_our_414_problem(built, services):
    import threading

    import uvicorn

    from api.http import create_app
    from api.security import server_options

    settings = built[0].model_copy(update={"max_request_bytes": 30_000})
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, services), host="127.0.0.1",
                                           port=port, log_level="warning",
                                           **server_options(settings.max_request_bytes)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 40_000
        r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": query}, timeout=30)
        assert r.status_code == 414
        assert r.headers["content-type"] == "application/json" and "POST" in r.json()["detail"]
        small = httpx.get(f"http://127.0.0.1:{port}/sparql",
                          params={"query": "ASK { ?s ?p ?o }" + " " * 20_000}, timeout=30)
        assert small.status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_the_service_description_is_computed_once_off_the_event_loop(built, services,
                                                                      monkeypatch):
    import graph.void

    calls: list[bool] = []
    real = graph.void.service_description

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            asyncio.get_running_loop()
            calls.append(True)  # on the event loop: wrong
        except RuntimeError:
            calls.append(False)
        return real(*args, **kwargs)

    monkeypatch.setattr(graph.void, "service_description", counted)
    with app_client(built, services) as client:
        bodies = [client.get("/sparql", headers={"accept": "text/turtle"}).text
                  for _ in range(3)]
    assert calls == [False]
    assert bodies[0] == bodies[1] == bodies[2] and "sd:Service" in bodies[0]


def test_an_update_runs_off_the_event_loop_and_new_queries_see_it(built, services, tmp_path,
                                                                   monkeypatch):
    import graph.sparql

    on_loop: list[bool] = []
    real = graph.sparql.run_update

    def watched(store, text):  # type: ignore[no-untyped-def]
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(store, text)

    monkeypatch.setattr(graph.sparql, "run_update", watched)
    private = copy_of_build(services, tmp_path)
    with app_client(built, private, update_token="t") as client:
        r = client.post("/sparql", data={"update": "INSERT DATA { <urn:x> <urn:y> 'z' }"},
                        headers={"authorization": "Bearer t"})
        assert r.status_code == 204
        ask = client.get("/sparql", params={"query": "ASK { <urn:x> <urn:y> 'z' }"})
        assert ask.json()["boolean"] is True
    assert on_loop == [False]


def test_every_example_and_every_query_the_project_sends_passes_the_parser_guard():
    from bench.load import QUERIES
    from graph import sparql_guard, void

    project = [e.query for e in EXAMPLES] + list(QUERIES) + [
        void.COUNTS, void.CLASSES, void.PROPERTIES, void.GRAPHS]
    for query in project:
        sparql_guard._parse("query", query)  # parses: no fail-closed refusal
        sparql_guard.inspect_query(query + "\n# no service here")  # forced through the tree


def test_the_words_service_load_and_from_in_strings_and_names_are_not_refused(api):
    query = ('PREFIX service: <urn:x#> SELECT ?service ?load ?from WHERE { ?service service:load '
             '"SERVICE <http://x/> FROM <urn:g>" OPTIONAL { ?load ?from ?x } } LIMIT 1 # LOAD')
    r = api.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text
