"""SPARQL 1.1 queries run natively on Oxigraph and serialised in the standard result formats."""

from __future__ import annotations

import io
import re

from graph.store import GraphStore

RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
    "text/plain": "N_TRIPLES",
}
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


class SparqlError(ValueError):
    """A query the endpoint refuses or cannot parse; the message is the user's to read."""


def run_query(store: GraphStore, query: str, accept: str = "application/sparql-results+json",
              max_rows: int | None = None) -> tuple[bytes, str]:
    """Run a read-only query over the union of all graphs; return (body, media type)."""
    import pyoxigraph as ox

    if _FORBIDDEN.search(re.sub(r'"[^"]*"|<[^>]*>|#[^\n]*', "", query)):
        raise SparqlError("SERVICE and LOAD are not allowed: this endpoint does not fetch "
                          "other hosts' data")
    try:
        result = store.ox.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise SparqlError(f"query parse error: {exc}") from exc
    except OSError as exc:
        raise SparqlError(f"query failed: {exc}") from exc
    out = io.BytesIO()
    if isinstance(result, ox.QueryTriples):
        media = accept if accept in GRAPH_TYPES else "text/turtle"
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        ox.serialize(_capped(result, max_rows), out, fmt)
        return out.getvalue(), media
    media = accept if accept in RESULT_TYPES else "application/sparql-results+json"
    fmt = getattr(ox.QueryResultsFormat, RESULT_TYPES[media])
    if isinstance(result, ox.QuerySolutions) and max_rows is not None:
        count = sum(1 for _ in _capped(result, max_rows + 1))
        del result  # pyoxigraph results must be dropped on the thread that made them
        if count > max_rows:
            raise SparqlError(f"the result has more than {max_rows} rows; add a LIMIT "
                              "or narrow the query")
        # Solutions are single-pass: counting consumed them, so run again to serialise.
        result = store.ox.query(query, use_default_graph_as_union=True)
    result.serialize(out, fmt)
    if media == "application/json":
        media = "application/sparql-results+json"
    return out.getvalue(), media


def _capped(iterable, limit: int | None):  # type: ignore[no-untyped-def]
    for n, item in enumerate(iterable):
        if limit is not None and n >= limit:
            raise SparqlError(f"the result has more than {limit} triples or rows; narrow the query")
        yield item
