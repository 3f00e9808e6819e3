"""Exports (whole graph, document, entity, CONSTRUCT) in every format, streamed; what is exported
parses back with rdflib to the same number of triples; VoID/DCAT counts match the store."""

import csv
import io

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import VOID
from typer.testing import CliRunner

from api.cli import app as cli_app

RDF_FORMATS = [("turtle", "turtle"), ("nt", "nt"), ("xml", "xml")]
QUAD_FORMATS = [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")]
DOC = "https://w3id.org/lapekg/id/document/keski-pohjanmaa-soite-lape-muutostyo-jatkuu-2019"


def union_triples(store) -> int:
    (row,) = store.ox.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                            "WHERE { ?s ?p ?o } }", use_default_graph_as_union=False)
    return int(row["n"].value)


@pytest.mark.parametrize("fmt,parse_as", RDF_FORMATS)
def test_the_whole_graph_round_trips_in_every_rdf_format(api, services, fmt, parse_as):
    r = api.get("/api/export", params={"format": fmt})
    assert r.status_code == 200
    assert len(Graph().parse(data=r.content, format=parse_as)) == union_triples(services.store)


@pytest.mark.parametrize("fmt,parse_as", QUAD_FORMATS)
def test_quad_formats_keep_each_triple_in_its_documents_graph(api, services, fmt, parse_as):
    r = api.get("/api/export", params={"format": fmt})
    ds = Dataset()
    ds.parse(data=r.content, format=parse_as)
    assert len(list(ds.quads())) == named_quads(services.store)
    assert len(ds.graph(URIRef(DOC))) == len(list(
        services.store.ox.quads_for_pattern(None, None, None, _node(DOC))))


def test_a_large_export_arrives_in_chunks(api):
    with api.stream("GET", "/api/export", params={"format": "nt"}) as r:
        chunks = [c for c in r.iter_raw() if c]
    assert len(chunks) > 3


def test_an_entity_export_carries_its_statements_with_provenance(api):
    r = api.get("/api/export", params={"format": "nquads",
                                       "entity": "https://w3id.org/lapekg/id/project/kp-lape"})
    ds = Dataset()
    ds.parse(data=r.content, format="nquads")
    lape = "https://w3id.org/lapekg/ontology#"
    sources = {(g.identifier, o) for s, p, o, g in
               ((s, p, o, ds.graph(c)) for s, p, o, c in ds.quads())
               if p == URIRef(lape + "sourcePassage")}
    assert sources and all(str(o).startswith(str(g)) for g, o in sources)


def test_jsonld_is_compacted_with_the_published_context(api):
    import json

    published = api.get("/context.jsonld")
    assert published.headers["content-type"].startswith("application/ld+json")
    r = api.get("/api/export", params={"format": "jsonld", "document": DOC})
    body = json.loads(r.content)
    assert body["@context"] == published.json()["@context"]
    graphs = [n for n in body["@graph"] if "@graph" in n]
    assert [g["@id"] for g in graphs] == ["id:" + DOC.split("/id/", 1)[1]]
    node = graphs[0]["@graph"][0]
    assert node["@id"].startswith("id:") and not any(k.startswith("http") for k in node)


def test_csv_keeps_language_datatype_and_graph(api):
    r = api.get("/api/export", params={"format": "csv",
                                       "entity": "https://w3id.org/lapekg/id/region/12"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == ["subject", "predicate", "object", "object_kind", "language",
                             "datatype", "graph", "source_passage"]
    pref = {(row["object"], row["language"]) for row in rows
            if row["subject"].endswith("/region/12") and row["predicate"].endswith("prefLabel")}
    assert {("Pohjois-Karjala", "fi"), ("North Karelia", "en")} <= pref
    code = next(row for row in rows if row["predicate"].endswith("#code"))
    assert code["datatype"].endswith("#string") and code["graph"].endswith("/graph/reference")


def test_csv_rows_name_the_passage_each_extracted_fact_came_from(api):
    r = api.get("/api/export", params={"format": "csv", "document": DOC})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0])[-1] == "source_passage"
    funding = [row for row in rows
               if row["predicate"] == "https://w3id.org/lapekg/ontology#fundingAmount"]
    assert funding and funding[0]["source_passage"].startswith(DOC + "/passage/")


@pytest.mark.parametrize("fmt,parse_as", RDF_FORMATS)
def test_a_construct_export_round_trips(api, fmt, parse_as):
    q = ("PREFIX lape: <https://w3id.org/lapekg/ontology#> "
         "CONSTRUCT { ?p lape:inDocument ?d } WHERE { ?p lape:inDocument ?d }")
    r = api.get("/api/export", params={"format": fmt, "construct": q})
    assert r.status_code == 200
    count = api.get("/sparql", params={"query": (
        "PREFIX lape: <https://w3id.org/lapekg/ontology#> SELECT (COUNT(*) AS ?n) "
        "WHERE { SELECT DISTINCT ?p ?d WHERE { ?p lape:inDocument ?d } }")})
    passages = int(count.json()["results"]["bindings"][0]["n"]["value"])
    # the seeds' passages: 157 of the documents' own text, 100 of the related material
    assert passages == 257
    assert len(Graph().parse(data=r.content, format=parse_as)) == passages


@pytest.mark.parametrize("params,status", [
    ({"format": "exe"}, 400),
    ({"document": "../../../etc/passwd"}, 400),
    ({"document": "file:///etc/passwd"}, 404),
    ({"entity": "https://w3id.org/lapekg/id/region/99"}, 404),
    ({"construct": "SELECT * WHERE { ?s ?p ?o }"}, 400),
    ({"construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }"},
     400),
    ({"document": DOC, "entity": DOC}, 400),
])
def test_bad_export_requests_are_refused_without_touching_files(api, params, status):
    r = api.get("/api/export", params=params)
    assert r.status_code == status
    assert b"root:" not in r.content


def test_static_files_do_not_leak_the_tree(api):
    for path in ("/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml",
                 "/static/..%2f..%2fpyproject.toml"):
        r = api.get(path)
        assert r.status_code == 404 and b"[project]" not in r.content


def test_void_counts_match_the_store(api, services):
    r = api.get("/.well-known/void", headers={"accept": "text/turtle"})
    g = Graph().parse(data=r.content, format="turtle")
    ds = URIRef("https://w3id.org/lapekg/id/dataset/lapekg")
    assert int(g.value(ds, VOID.triples)) == union_triples(services.store)
    assert str(g.value(ds, VOID.sparqlEndpoint)).endswith("/sparql")
    subsets = {int(g.value(s, VOID.triples)) for s in g.objects(ds, VOID.subset)}
    assert sum(subsets) <= len(services.store)
    dcat = "http://www.w3.org/ns/dcat#"
    assert len(list(g.objects(ds, URIRef(dcat + "distribution")))) == 6


def test_the_cli_and_http_name_formats_the_same_and_list_them_when_wrong(built, api,
                                                                       monkeypatch):
    from graph.export import FORMATS

    monkeypatch.setenv("LAPEKG_DATA", str(built[0].data))
    names = ", ".join(FORMATS)
    http = api.get("/api/export", params={"format": "yaml"})
    cli = CliRunner().invoke(cli_app, ["export", "--format", "yaml"])
    assert http.status_code == 400 and names in http.json()["detail"]
    assert cli.exit_code == 2 and "trig, nt, nquads" in cli.output
    for name in FORMATS:
        assert api.get("/api/export", params={"format": name, "document": DOC}).status_code == 200


def test_cli_exports_and_describes_the_dataset(built, services, monkeypatch, tmp_path):
    settings, _, _ = built
    monkeypatch.setenv("LAPEKG_DATA", str(settings.data))
    runner = CliRunner()
    out = tmp_path / "graph.nt"
    result = runner.invoke(cli_app, ["export", "--format", "nt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(out, format="nt")) == union_triples(services.store)
    result = runner.invoke(cli_app, ["export", "--void"])
    assert result.exit_code == 0, result.output
    assert "void:triples" in result.stdout


def _node(iri):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def named_quads(store) -> int:
    """Quads in named graphs: exports leave out the default graph, their derived merge."""
    import pyoxigraph as ox

    return sum(1 for q in store.ox.quads_for_pattern(None, None, None, None)
               if not isinstance(q.graph_name, ox.DefaultGraph))
