"""The CLI and HTTP contracts: JSON shapes of search, ask and SPARQL, exports that round-trip."""

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from api.cli import app as cli_app
from api.http import create_app


@pytest.fixture(scope="module")
def client(built, services):
    settings, _, _ = built
    with TestClient(create_app(settings, services)) as c:
        yield c


def test_search_returns_the_documented_shape(client):
    body = client.get("/api/search", params={"q": "perhekeskus Asikkala", "k": 3}).json()
    assert body["query"] == "perhekeskus Asikkala"
    assert len(body["results"]) == 3
    first = body["results"][0]
    assert set(first) >= {"passage", "document", "title", "text", "score", "entities"}
    assert first["passage"].startswith("https://w3id.org/lapekg/id/document/")
    assert all(set(e) == {"iri", "label", "type"} for e in first["entities"])


def test_ask_returns_answers_with_evidence(client):
    body = client.get("/api/ask", params={"q": "which regions piloted a named-worker model"}).json()
    assert set(body) >= {"question", "answers"}
    for answer in body["answers"]:
        assert set(answer) >= {"iri", "label", "type", "evidence"}
        assert answer["evidence"], answer
        assert all(set(e) >= {"passage", "document", "text"} for e in answer["evidence"])


def test_sparql_get_and_post_return_sparql_json(client):
    q = "PREFIX lape: <https://w3id.org/lapekg/ontology#> SELECT ?d WHERE { ?d a lape:Document }"
    for response in (client.get("/sparql", params={"query": q}),
                     client.post("/sparql", data={"query": q}),
                     client.post("/sparql", content=q,
                                 headers={"content-type": "application/sparql-query"})):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert len(response.json()["results"]["bindings"]) == 5


def test_sparql_syntax_error_is_a_400_with_the_message(client):
    response = client.get("/sparql", params={"query": "SELEC nothing"})
    assert response.status_code == 400
    assert "parse" in response.json()["detail"].lower()


def test_sparql_service_is_refused(client):
    q = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": q})
    assert response.status_code == 400
    assert "SERVICE" in response.json()["detail"]


@pytest.mark.parametrize("fmt,parse_as", [("turtle", "turtle"), ("nt", "nt"), ("xml", "xml"),
                                          ("trig", "trig"), ("jsonld", "json-ld")])
def test_export_round_trips_with_rdflib(client, services, fmt, parse_as):
    doc = next(iter(services.passages)).doc_key
    iri = str(services.minter.document(doc))
    response = client.get("/api/export", params={"format": fmt, "document": iri})
    assert response.status_code == 200
    count = len(list(services.store.dataset.quads((None, None, None, URIRef(iri)))))
    if fmt in ("trig", "jsonld"):  # the document's named graph is kept
        ds = Dataset()
        ds.parse(data=response.content, format=parse_as)
        assert len(ds.graph(URIRef(iri))) == count > 0
    else:
        assert len(Graph().parse(data=response.content, format=parse_as)) == count > 0


def test_whole_graph_nquads_export_parses_to_the_store_size(client, services):
    response = client.get("/api/export", params={"format": "nquads"})
    ds = Dataset()
    ds.parse(data=response.content, format="nquads")
    assert len(list(ds.quads())) == named_quads(services.store)


def test_cli_search_and_sparql_json(built, monkeypatch):
    settings, _, _ = built
    monkeypatch.setenv("LAPEKG_DATA", str(settings.data))
    monkeypatch.setenv("LAPEKG_MODEL", settings.model)
    runner = CliRunner()
    result = runner.invoke(cli_app, ["search", "Hartola", "--k", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["results"]) == 2
    result = runner.invoke(cli_app, ["sparql", "ASK { ?s ?p ?o }"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["boolean"] is True


def test_cli_without_a_build_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LAPEKG_DATA", str(tmp_path / "nothing"))
    result = CliRunner().invoke(cli_app, ["search", "perhekeskus"])
    assert result.exit_code == 2
    assert "lapekg build" in result.output


def test_cli_sparql_takes_json_like_search_and_ask(built, monkeypatch):
    settings, _, _ = built
    monkeypatch.setenv("LAPEKG_DATA", str(settings.data))
    result = CliRunner().invoke(cli_app, ["sparql", "--json", "ASK { ?s ?p ?o }"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["boolean"] is True


def test_every_cli_option_has_help_text():
    import click
    import typer.main

    command = typer.main.get_command(cli_app)
    missing = [f"{name} {p.name}" for name, sub in command.commands.items() if name != "eval"
               for p in sub.params if isinstance(p, click.Option) and not p.help]
    assert missing == []


def named_quads(store) -> int:
    """Quads in named graphs: exports leave out the default graph, their derived merge."""
    import pyoxigraph as ox

    return sum(1 for q in store.ox.quads_for_pattern(None, None, None, None)
               if not isinstance(q.graph_name, ox.DefaultGraph))
