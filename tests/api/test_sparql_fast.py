"""The fast path (api/sparql_fast.py) answers plain SPARQL queries exactly as the route does:
the same body, media type and headers, the same errors; requests it does not take (forms,
dataset parameters, the browser's page) still reach the routes."""

from __future__ import annotations

LAPE = "PREFIX lape: <https://w3id.org/lapekg/ontology#> "
DOCS = LAPE + "SELECT ?d WHERE { ?d a lape:Document } ORDER BY ?d"
JSON = "application/sparql-results+json"


def _post(api, query: str, **headers):  # type: ignore[no-untyped-def]
    return api.post("/sparql", content=query.encode(), headers={
        "content-type": "application/sparql-query", "accept": JSON, **headers})


def test_a_posted_query_gets_the_routes_answer_and_headers(api):
    fast = _post(api, DOCS)
    routed = api.post("/sparql", data={"query": DOCS}, headers={"accept": JSON})  # a form
    assert fast.status_code == routed.status_code == 200
    assert fast.content == routed.content
    for name in ("content-type", "vary", "content-security-policy", "x-content-type-options"):
        assert fast.headers[name] == routed.headers[name], name


def test_a_get_query_with_a_format_gets_the_routes_answer(api):
    fast = api.get("/sparql", params={"query": DOCS, "format": "csv"})
    routed = api.post("/sparql", params={"format": "csv"}, data={"query": DOCS})
    assert fast.status_code == 200
    assert fast.headers["content-type"] == routed.headers["content-type"] == \
        "text/csv; charset=utf-8"
    assert fast.content == routed.content


def test_errors_have_the_routes_status_and_detail(api):
    bad = _post(api, "SELECT ?x WHERE { ?x ")
    assert bad.status_code == 400
    assert "parse error" in bad.json()["detail"]
    assert _post(api, "   ").json() == {"detail": "empty query"}
    wrong_format = api.get("/sparql", params={"query": DOCS, "format": "yaml"})
    assert wrong_format.status_code == 400 and "unknown format" in wrong_format.json()["detail"]
    not_utf8 = api.post("/sparql", content=b"ASK { \xff }",
                        headers={"content-type": "application/sparql-query"})
    assert not_utf8.status_code == 400 and "not UTF-8" in not_utf8.json()["detail"]
    refused = _post(api, "ASK {}", accept="text/turtle")
    assert refused.status_code == 406


def test_dataset_parameters_and_the_browser_page_still_reach_the_routes(api):
    dataset = api.post("/sparql", params={"default-graph-uri": "urn:x"}, content=b"ASK {}",
                       headers={"content-type": "application/sparql-query"})
    assert dataset.status_code == 400 and "not supported" in dataset.json()["detail"]
    page = api.get("/sparql", params={"query": DOCS}, headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
