"""/sparql speaks the SPARQL 1.1 Protocol: GET and both POSTs, result formats by Accept, graphs
in RDF formats, a service description, and parser errors as 400."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, URIRef

from api.sparql_examples import EXAMPLES

LAPE = "PREFIX lape: <https://w3id.org/lapekg/ontology#> "
DOCS = LAPE + "SELECT ?d WHERE { ?d a lape:Document } ORDER BY ?d"
CONSTRUCT = (LAPE + "CONSTRUCT { ?d a lape:Document } WHERE { ?d a lape:Document }")
SRX = "{http://www.w3.org/2005/sparql-results#}"


def test_get_post_form_and_post_query_give_the_same_bindings(api):
    responses = [api.get("/sparql", params={"query": DOCS}),
                 api.post("/sparql", data={"query": DOCS}),
                 api.post("/sparql", content=DOCS.encode(),
                          headers={"content-type": "application/sparql-query"})]
    bodies = [r.json() for r in responses]
    assert all(r.status_code == 200 for r in responses)
    assert bodies[0] == bodies[1] == bodies[2]
    assert len(bodies[0]["results"]["bindings"]) == 5


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/json"])
def test_select_as_json(api, accept):
    r = api.get("/sparql", params={"query": DOCS}, headers={"accept": accept})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert r.json()["head"]["vars"] == ["d"]


def test_select_as_xml(api):
    r = api.get("/sparql", params={"query": DOCS},
                headers={"accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(r.content)
    assert len(root.findall(f"{SRX}results/{SRX}result")) == 5


@pytest.mark.parametrize("accept,delimiter", [("text/csv", ","),
                                              ("text/tab-separated-values", "\t")])
def test_select_as_csv_and_tsv(api, accept, delimiter):
    r = api.get("/sparql", params={"query": DOCS}, headers={"accept": accept})
    assert r.headers["content-type"].startswith(accept)
    rows = list(csv.reader(io.StringIO(r.text), delimiter=delimiter))
    assert rows[0] == (["d"] if delimiter == "," else ["?d"])
    assert len([row for row in rows[1:] if row]) == 5


def test_accept_quality_values_pick_the_preferred_format(api):
    r = api.get("/sparql", params={"query": DOCS},
                headers={"accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert r.headers["content-type"].startswith("text/csv")


def test_ask_is_a_boolean_in_json_and_xml(api):
    q = LAPE + "ASK { ?d a lape:Document }"
    assert api.get("/sparql", params={"query": q}).json()["boolean"] is True
    r = api.get("/sparql", params={"query": q},
                headers={"accept": "application/sparql-results+xml"})
    assert ET.fromstring(r.content).find(f"{SRX}boolean").text == "true"


@pytest.mark.parametrize("accept,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_in_every_rdf_format(api, accept, rdflib_format):
    r = api.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert len(g) == 5


def test_describe_returns_the_resource_as_turtle(api):
    r = api.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/lapekg/id/region/07>"},
                headers={"accept": "text/turtle"})
    g = Graph().parse(data=r.content, format="turtle")
    assert (URIRef("https://w3id.org/lapekg/id/region/07"), None, None) in g


def test_service_description_names_the_endpoint_and_its_formats(api):
    r = api.get("/sparql", headers={"accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.content, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = next(g.objects(None, URIRef(sd + "endpoint")))
    assert str(endpoint).endswith("/sparql")
    languages = set(g.objects(None, URIRef(sd + "supportedLanguage")))
    assert languages == {URIRef(sd + "SPARQL11Query")}  # read-only: no update language
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in set(
        g.objects(None, URIRef(sd + "resultFormat")))


def test_a_browser_gets_the_query_page(api):
    r = api.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html")
    assert '<textarea id="query"' in r.text
    for example in EXAMPLES:
        assert example.title_fi in r.text


def test_a_parse_error_is_a_400_with_the_parsers_message(api):
    r = api.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert "parse error" in r.json()["detail"]


def test_an_update_sent_as_a_query_is_a_400_with_a_hint(api):
    r = api.post("/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert r.status_code == 400
    assert "update" in r.json()["detail"]


def test_an_unknown_content_type_is_a_415(api):
    r = api.post("/sparql", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 415


def test_dataset_parameters_are_refused_with_a_pointer_to_from(api):
    r = api.get("/sparql", params={"query": DOCS, "default-graph-uri": "urn:x"})
    assert r.status_code == 400
    assert "FROM" in r.json()["detail"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_every_example_query_returns_rows(api, example):
    r = api.post("/sparql", data={"query": example.query})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert rows, example.key


def test_methods_example_gives_evidence_for_each_region_row(api):
    example = next(e for e in EXAMPLES if e.key == "methods-per-region")
    rows = api.post("/sparql", data={"query": example.query}).json()["results"]["bindings"]
    regions = {row["regionName"]["value"] for row in rows}
    assert "Pohjois-Karjala" in regions
    assert all(row["evidence"]["value"].strip() and row["passage"]["value"].startswith(
        "https://w3id.org/lapekg/id/document/") for row in rows)


def test_funding_example_reads_the_amount_and_its_evidence(api):
    example = next(e for e in EXAMPLES if e.key == "funding-per-project")
    rows = api.post("/sparql", data={"query": example.query}).json()["results"]["bindings"]
    assert all(float(row["amount"]["value"]) > 0 for row in rows)
    assert any("euro" in row.get("evidence", {}).get("value", "") for row in rows)


def test_format_parameter_overrides_accept_for_downloads(api):
    r = api.post("/sparql?format=csv", data={"query": DOCS},
                 headers={"accept": "application/sparql-results+json"})
    assert r.headers["content-type"].startswith("text/csv")
    assert json.loads(api.post("/sparql?format=json", data={"query": DOCS}).text)["head"]
