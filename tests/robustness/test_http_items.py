"""Small HTTP robustness items: blank and empty parameters are refused, VoID is computed once
per generation off the event loop and never reflects the Host header, and a CSV export of one
entity reads the sources of that selection only."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import VOID

from api.http import create_app

DATASET = URIRef("https://w3id.org/lapekg/id/dataset/lapekg")
ENTITY = "https://w3id.org/lapekg/id/project/kp-lape"


@pytest.fixture(scope="module")
def client(built, services) -> Iterator[TestClient]:
    settings = built[0].model_copy(update={"public_url": "https://lapekg.example.org/"})
    with TestClient(create_app(settings, services)) as c:
        yield c


@pytest.mark.parametrize("path", ["/api/search", "/api/ask"])
def test_a_whitespace_only_question_is_refused(client, path):
    r = client.get(path, params={"q": " \t\n "})
    assert r.status_code == 400
    assert r.json()["detail"] == "q holds only whitespace: give some words to search for"


@pytest.mark.parametrize("name", ["document", "entity", "construct"])
def test_an_empty_export_selection_is_refused_not_read_as_the_whole_graph(client, name):
    r = client.get("/api/export", params={"format": "nt", name: ""})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert detail.startswith(f"{name}= is empty") and "leave the parameter out" in detail


def test_void_is_computed_once_per_generation_in_a_worker_thread(client, monkeypatch):
    import graph.void

    calls = []
    real = graph.void.void_graph

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            asyncio.get_running_loop()
            calls.append("on the event loop")
        except RuntimeError:
            calls.append("in a thread")
        return real(*args, **kwargs)

    monkeypatch.setattr(graph.void, "void_graph", counted)
    client.app.state.graph._cache.clear()  # type: ignore[attr-defined]
    for accept in ("text/turtle", "text/turtle", "application/n-triples", "text/turtle"):
        assert client.get("/.well-known/void", headers={"Accept": accept}).status_code == 200
    assert calls == ["in a thread"]


def test_void_iris_come_from_settings_never_from_the_host_header(client):
    r = client.get("/.well-known/void", headers={"Host": "evil.example:666",
                                                 "Accept": "text/turtle"})
    assert b"evil.example" not in r.content
    g = Graph().parse(data=r.content, format="turtle")
    assert str(g.value(DATASET, VOID.sparqlEndpoint)) == "https://lapekg.example.org/sparql"


def test_a_csv_export_of_one_entity_reads_only_its_own_sources(services, monkeypatch):
    import graph.export as export

    store = services.store.ox
    seen: list[str] = []

    class Recording:
        """The store, recording the SPARQL it is asked."""

        def query(self, text, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(text)
            return store.query(text, **kwargs)

        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(store, name)

    def rows() -> list[list[str]]:
        body = b"".join(export.export(Recording(), "csv", entity=ENTITY)).decode()
        return sorted(csv.reader(io.StringIO(body)))

    selected = rows()
    source_queries = [q for q in seen if "sourcePassage" in q and "?passage" in q]
    assert source_queries and all("VALUES ?s" in q for q in source_queries)
    # The same rows as the whole-store lookup gives.
    monkeypatch.setattr(export, "_SELECTION", 0)
    assert rows() == selected
    assert any(r[3] for r in selected[1:]), "no row names its source passage"
