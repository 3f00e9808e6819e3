"""The graph on a remote SPARQL 1.1 server (query, update and graph store protocols), with the
methods of GraphStore that the rest of lapekg uses."""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from itertools import groupby

from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.term import Node

from graph.store import Quad
from ingest.errors import LapekgError

logger = logging.getLogger(__name__)

ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
          "application/sparql-results+xml;q=0.5")
_RDF_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                "application/rdf+xml": "xml"}
# Triples per request: large enough to amortise HTTP, small enough for any server's body limit.
BATCH = 20_000
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class RemoteStoreError(LapekgError):
    prefix = "the SPARQL server refused or failed a request"
    hint = ("check LAPEKG_SPARQL_ENDPOINT (and the update / graph store endpoints) and that the "
            "server allows updates from this host")


def _term(node: Node) -> str:
    """A term in SPARQL / N-Triples syntax; rdflib escapes literals and IRIs itself."""
    return node.n3()


def _values(bindings: dict[str, Node]) -> str:
    names = " ".join("?" + name for name in bindings)
    row = " ".join(_term(node) for node in bindings.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def bind(query: str, bindings: dict[str, Node]) -> str:
    """The query with its bindings as a VALUES block opening the WHERE clause, where a remote
    engine joins it first (rdflib's SPARQLStore would append it after the whole query)."""
    if not bindings:
        return query
    match = _WHERE.search(query)
    if match is None:
        return f"{query}\n{_values(bindings)}"
    return f"{query[:match.end()]}\n  {_values(bindings)}\n{query[match.end():]}"


class RemoteGraphStore:
    """Each document's triples in the named graph of its IRI, on a server whose default graph
    is the union of the named graphs (Oxigraph's --union-default-graph, Virtuoso by default)."""

    def __init__(self, query_endpoint: str, update_endpoint: str | None = None,
                 store_endpoint: str | None = None, timeout: float = 60.0) -> None:
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or query_endpoint
        self.store_endpoint = store_endpoint
        self.timeout = timeout
        # rdflib's SPARQL store serves the Dataset API (triples, quads) over the same server.
        self._sparql = SPARQLUpdateStore(self.query_endpoint, self.update_endpoint,
                                         returnFormat="json")
        self.dataset = Dataset(store=self._sparql, default_union=True)

    # --- writes -----------------------------------------------------------------------------

    def _post(self, url: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise RemoteStoreError(f"{url}: HTTP {exc.code}: {detail}") from exc
        except OSError as exc:
            raise RemoteStoreError(f"{url}: {exc}") from exc

    def update(self, update: str) -> None:
        self._post(self.update_endpoint, update.encode("utf-8"),
                   "application/sparql-update; charset=utf-8")

    def add_quads(self, quads: Iterable[Quad]) -> int:
        """Bulk add, per named graph: a Turtle body (rdflib's term syntax) through the graph
        store protocol when the server has one, else INSERT DATA; returns the quads sent."""
        rows = sorted(((str(g), f"{_term(s)} {_term(p)} {_term(o)} .") for s, p, o, g in quads),
                      key=lambda row: row[0])
        for graph, group in groupby(rows, key=lambda row: row[0]):
            lines = [line for _, line in group]
            # A graph goes in one request where it fits, so its blank nodes stay one node.
            for start in range(0, len(lines), BATCH):
                chunk = "\n".join(lines[start:start + BATCH])
                if self.store_endpoint:
                    url = f"{self.store_endpoint}?{urllib.parse.urlencode({'graph': graph})}"
                    self._post(url, chunk.encode("utf-8"), "text/turtle; charset=utf-8")
                else:
                    self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")
        return len(rows)

    def load_nquads(self, body: bytes) -> None:
        """Bulk load a whole dataset dump (N-Quads) in one request to the store endpoint, which
        Oxigraph accepts at the dataset level (graph store protocol servers without that
        extension take add_quads)."""
        if not self.store_endpoint:
            raise RemoteStoreError("a bulk load needs a graph store endpoint")
        self._post(self.store_endpoint, body, "application/n-quads")

    def remove_graph(self, graph: URIRef) -> None:
        self.update(f"DROP SILENT GRAPH {_term(URIRef(graph))}")

    # --- reads ------------------------------------------------------------------------------

    def query(self, sparql: str, bindings: dict[str, Node] | None = None):  # type: ignore[no-untyped-def]
        """rdflib results (rows with attribute access, or .graph), as GraphStore.query returns
        them; bindings go in as a VALUES block of serialised terms, never as raw text."""
        import io

        from rdflib import Graph
        from rdflib.query import Result

        body, media = self.raw_query(bind(sparql, bindings or {}), ACCEPT)
        media = media.split(";")[0].strip()
        if media in ("application/sparql-results+json", "application/json"):
            return Result.parse(io.BytesIO(body), format="json")
        if media in ("application/sparql-results+xml", "application/xml"):
            return Result.parse(io.BytesIO(body), format="xml")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format=_RDF_FORMATS.get(media, "turtle"))
        return result

    def raw_query(self, sparql: str, accept: str = "application/sparql-results+json"
                  ) -> tuple[bytes, str]:
        """The server's own serialisation of a result, for an endpoint that proxies it."""
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        request = urllib.request.Request(self.query_endpoint, data=body, method="POST",
                                         headers={"Accept": accept, "Content-Type":
                                                  "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", accept)
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise RemoteStoreError(f"{self.query_endpoint}: HTTP {exc.code}: {detail}") from exc
        except OSError as exc:
            raise RemoteStoreError(f"{self.query_endpoint}: {exc}") from exc

    def graphs(self) -> list[URIRef]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [URIRef(str(r.g)) for r in rows]

    def __len__(self) -> int:
        """Quads in named graphs (lapekg writes nothing to the default graph)."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0].n) if rows else 0

    def flush(self) -> None:
        """Nothing to do: the server has committed each request when it answered."""

    def close(self) -> None:
        self._sparql.close()
