"""The endpoint is read-only unless an operator sets a token, refuses to fetch other hosts,
and keeps queries within time, row, size and concurrency limits — each with a clear error."""

import asyncio
import threading
import time

import pytest
from api_helpers import app_client, copy_of_build

from api.sparql_pool import PoolBusyError, QueryPool
from graph.sparql import SparqlError, keywords, refuse_fetching

# Three-way cross product of ~12,000 triples: far beyond any time limit.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
INSERT = "INSERT DATA { <urn:lapekg:test:a> <urn:lapekg:test:b> 'c' }"
ASK_INSERTED = "ASK { <urn:lapekg:test:a> <urn:lapekg:test:b> 'c' }"


def test_updates_are_refused_without_a_configured_token(api):
    for response in (api.post("/sparql", data={"update": INSERT}),
                     api.post("/sparql", content=INSERT.encode(),
                              headers={"content-type": "application/sparql-update"})):
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]
    assert api.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is False


def test_with_a_token_only_its_bearer_may_update_and_queries_then_see_it(built, services,
                                                                         tmp_path):
    private = copy_of_build(services, tmp_path)
    with app_client(built, private, update_token="s3cret") as client:
        assert client.post("/sparql", data={"update": INSERT}).status_code == 401
        wrong = client.post("/sparql", data={"update": INSERT},
                            headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert wrong.headers["www-authenticate"] == "Bearer"
        ok = client.post("/sparql", content=INSERT.encode(),
                         headers={"content-type": "application/sparql-update",
                                  "authorization": "Bearer s3cret"})
        assert ok.status_code == 204
        assert client.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is True
        sd = client.get("/sparql", headers={"accept": "text/turtle"}).text
        assert "SPARQL11Update" in sd
        load = client.post("/sparql", data={"update": "LOAD <http://example.org/data.ttl>"},
                           headers={"authorization": "Bearer s3cret"})
        assert load.status_code == 400 and "LOAD" in load.json()["detail"]
    # The session's own build was not touched.
    assert not services.store.ox.query(ASK_INSERTED)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://169.254.169.254/> { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE {\n  SERVICE ex:endpoint { ?s ?p ?o }\n}",
])
def test_service_towards_other_hosts_is_refused(api, query):
    r = api.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert "SERVICE is not allowed" in r.json()["detail"]


def test_the_words_service_and_load_elsewhere_are_not_keywords():
    ok = ('PREFIX service: <urn:x#> SELECT ?service ?load WHERE { ?service service:load '
          '"SERVICE <http://x/>" } # LOAD <http://x/>')
    refuse_fetching(ok)
    assert "SERVICE" not in keywords(ok).upper()
    with pytest.raises(SparqlError):
        refuse_fetching("LOAD <http://example.org/x> INTO GRAPH <urn:g>")


def test_a_query_over_the_time_limit_is_stopped_with_a_clear_error(built, services):
    with app_client(built, services, sparql_timeout_s=1.0, sparql_max_concurrent=1) as client:
        started = time.monotonic()
        r = client.get("/sparql", params={"query": ENDLESS})
        assert r.status_code == 504
        detail = r.json()["detail"]
        assert "time limit" in detail and "LAPEKG_SPARQL_TIMEOUT_S" in detail
        assert time.monotonic() - started < 15
        # The stopped worker was replaced: the next query is answered.
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]


def test_a_result_over_the_row_cap_is_refused_with_a_clear_error(built, services):
    with app_client(built, services, sparql_max_rows=10) as client:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 400
        assert "more than 10 rows" in r.json()["detail"]
        capped = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
        assert len(capped.json()["results"]["bindings"]) == 10
        construct = client.get("/sparql", params={
            "query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
        assert construct.status_code == 400


def test_too_many_concurrent_queries_get_503_with_retry_after(built, services):
    with app_client(built, services, sparql_timeout_s=6.0, sparql_max_concurrent=1) as client:
        client.app.state.graph.pool.wait_s = 0.5  # how long a caller waits for a free worker
        slow = threading.Thread(target=client.get, args=("/sparql",),
                                kwargs={"params": {"query": ENDLESS}})
        slow.start()
        time.sleep(1.0)
        r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        slow.join()
        assert r.status_code == 503
        assert int(r.headers["retry-after"]) >= 1
        assert "busy" in r.json()["detail"]


def test_the_pool_admits_as_many_queries_as_it_has_workers(services):
    async def scenario():
        pool = QueryPool(services.generation / "store", size=2, timeout_s=5, wait_s=0.5)
        await pool.start()
        try:
            fast = [pool.run("query", "ASK { ?s ?p ?o }", "application/json", None)
                    for _ in range(6)]
            assert all(b'"boolean":true' in body for body, _ in await asyncio.gather(*fast))
            slow = [asyncio.ensure_future(pool.run("query", ENDLESS, "application/json", None))
                    for _ in range(2)]
            await asyncio.sleep(0.5)
            with pytest.raises(PoolBusyError):
                await pool.run("query", "ASK { ?s ?p ?o }", "application/json", None)
            for task in slow:
                task.cancel()
        finally:
            await pool.close()

    asyncio.run(scenario())


def test_a_request_over_the_size_limit_is_a_413_or_for_a_query_string_a_414(built, services):
    with app_client(built, services, max_request_bytes=2_000) as client:
        big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5_000
        r = client.post("/sparql", content=big.encode(),
                        headers={"content-type": "application/sparql-query"})
        assert r.status_code == 413
        too_long = client.get("/sparql", params={"query": big})
        assert too_long.status_code == 414 and "POST" in too_long.json()["detail"]
        assert client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_the_guard_parses_each_text_once_and_remembers_its_verdict(monkeypatch):
    import uuid

    from graph import sparql_guard

    parsed: list[str] = []
    real = sparql_guard._parse
    monkeypatch.setattr(sparql_guard, "_parse", lambda kind, text: parsed.append(text)
                        or real(kind, text))
    marker = uuid.uuid4().hex  # a text no earlier test has sent
    refused = f"SELECT * WHERE {{ SERVICE <http://example.org/{marker}> {{ ?s ?p ?o }} }}"
    allowed = f"SELECT ?download WHERE {{ ?download ?p '{marker}' }}"
    for _ in range(3):
        with pytest.raises(SparqlError, match="SERVICE is not allowed"):
            sparql_guard.inspect_query(refused)
        sparql_guard.inspect_query(allowed)
    assert parsed == [refused, allowed]
