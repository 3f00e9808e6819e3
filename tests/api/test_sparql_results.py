"""SELECT results under the row cap: one run, counted by solutions (never by lines of text),
written exactly as Oxigraph's own writer writes the format asked for."""

import io
import json

import pyoxigraph as ox
import pytest

from graph.sparql import TooManyRowsError, run_query

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _store(n: int) -> ox.Store:
    """n subjects, each with a multi-line literal, a typed number, a blank node and a label."""
    store = ox.Store()
    for i in range(n):
        s = ox.NamedNode(f"{EX}s{i}")
        store.add(ox.Quad(s, ox.NamedNode(EX + "text"),
                          ox.Literal(f'first line\nsecond\t"quoted" \\ {i}\r\n', language="fi")))
        store.add(ox.Quad(s, ox.NamedNode(EX + "n"),
                          ox.Literal(f"{i}.5", datatype=ox.NamedNode(XSD + "decimal"))))
        store.add(ox.Quad(s, ox.NamedNode(EX + "b"), ox.BlankNode(f"b{i}")))
        store.add(ox.Quad(s, ox.NamedNode(EX + "label"), ox.Literal(f"ääkkönen ☃ {i}")))
    return store


QUERY = "SELECT ?s ?p ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?unbound } }"


@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
def test_a_capped_result_is_byte_for_byte_what_oxigraph_writes(fmt):
    store = _store(30)
    media = {"JSON": "application/sparql-results+json", "XML": "application/sparql-results+xml",
             "CSV": "text/csv", "TSV": "text/tab-separated-values"}[fmt]
    body, _ = run_query(store, QUERY, media, max_rows=10_000)
    direct = io.BytesIO()
    store.query(QUERY).serialize(direct, getattr(ox.QueryResultsFormat, fmt))
    assert body == direct.getvalue()


def test_literals_with_newlines_count_as_one_row_each():
    store = _store(5)  # 20 solutions, five of them with line breaks in the literal
    body, _ = run_query(store, QUERY, max_rows=20)
    assert len(json.loads(body)["results"]["bindings"]) == 20
    with pytest.raises(TooManyRowsError, match="more than 19 rows"):
        run_query(store, QUERY, max_rows=19)


def test_solutions_without_variables_are_counted():
    store = ox.Store()
    body, _ = run_query(store, "SELECT * WHERE {}", max_rows=1)
    assert json.loads(body)["results"]["bindings"] == [{}]
    with pytest.raises(TooManyRowsError):
        run_query(store, "SELECT * WHERE { VALUES ?x { 1 2 } }", max_rows=1)
