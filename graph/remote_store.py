"""The graph on a remote SPARQL 1.1 server (query, update and graph store protocols), with the
methods of GraphStore that the rest of lapekg uses.

Tested against Oxigraph's server and Virtuoso open source 7.2. Where they differ:

- Virtuoso's default graph is the union of *all* its graphs, its own system graphs included
  (virtrdf#, owl#, ldp#: ~2,700 triples). lapekg's own graphs are named under its base IRI, so
  `graphs_prefix` keeps graph listings, counts and whole-graph exports to them.
- Virtuoso answers a CONSTRUCT in SPARQL JSON when JSON comes first in Accept, so each query is
  sent with the Accept of its form (results for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE).
- Virtuoso refuses anonymous updates: pass `user`/`password` (HTTP digest or basic, as the
  server asks) with its /sparql-auth and /sparql-graph-crud-auth endpoints.
- Virtuoso cuts results at its ResultSetMaxRows (10,000 in Debian's virtuoso.ini) and says so
  only in an X-SPARQL-MaxRows header: a cut result is an error here, never silently short.
"""

from __future__ import annotations

import io
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.term import Node

from graph.store import Quad
from ingest.errors import LapekgError

if TYPE_CHECKING:
    from graph.remote_ox import RemoteOxStore

logger = logging.getLogger(__name__)

RESULTS = "application/sparql-results+json"
TRIPLES = "application/n-triples"
_RDF_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                "application/rdf+xml": "xml"}
# Triples per request: large enough to amortise HTTP, small enough for any server's body limit.
BATCH = 20_000
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# The setting that names each endpoint, for error messages.
SETTINGS = {"query": "LAPEKG_SPARQL_QUERY_URL", "update": "LAPEKG_SPARQL_UPDATE_URL",
            "store": "LAPEKG_GRAPH_STORE_URL"}


class RemoteStoreError(LapekgError):
    prefix = "the SPARQL server failed a request"
    hint = ("check LAPEKG_SPARQL_QUERY_URL, LAPEKG_SPARQL_UPDATE_URL and LAPEKG_GRAPH_STORE_URL, "
            "and that the server lets this host (LAPEKG_SPARQL_USER) update")


class RemoteUnreachableError(RemoteStoreError):
    prefix = "the SPARQL server cannot be reached"
    hint = "start it, or point the setting named above at a server that answers"


class RemoteTimeoutError(RemoteStoreError, TimeoutError):
    prefix = "the SPARQL server did not answer in time"
    hint = "narrow the query, or raise LAPEKG_SPARQL_TIMEOUT_S / LAPEKG_REMOTE_TIMEOUT_S"


class RemoteRefusedError(RemoteStoreError):
    """The server answered 4xx: the request itself is wrong (a parse error, no permission)."""

    prefix = "the SPARQL server refused the request"
    hint = ""


class ResultCutError(RemoteStoreError):
    prefix = "the SPARQL server cut the result short"
    hint = ("raise the server's row limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section "
            "of virtuoso.ini) or narrow the query")


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


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside strings, IRIs,
    comments and prefixed names (a sub-SELECT comes after its CONSTRUCT)."""
    from graph.sparql import keywords

    found = _FORM.search(keywords(query))
    return found.group(1).upper() if found else "SELECT"


class RemoteGraphStore:
    """Each document's triples in the named graph of its IRI on a SPARQL server. Its default
    graph is, by `default_graph`:

    - "merge": the RDF merge of the named graphs, kept by lapekg as on the local store (each
      triple once; it leaves with the last graph that states it), on a server whose default
      graph is a graph of its own (`oxigraph serve` without --union-default-graph);
    - "union": whatever union the server makes (Oxigraph's --union-default-graph, Virtuoso by
      default), which counts a triple once per graph that states it.

    `graphs_prefix` (lapekg's base IRI) limits graph listings, counts and whole-graph exports
    to lapekg's graphs on a server that holds others. With `rebuild`, the store is a fresh
    build's: the first write to each graph replaces it, and `flush` drops the graphs under the
    prefix that the build did not write, so a build that fails half-way leaves every document
    graph whole (old or new) and a finished one leaves exactly the new build.
    """

    def __init__(self, query_endpoint: str, update_endpoint: str | None = None,
                 store_endpoint: str | None = None, timeout: float = 60.0, *,
                 user: str | None = None, password: str | None = None,
                 graphs_prefix: str | None = None, rebuild: bool = False,
                 default_graph: str = "union") -> None:
        if default_graph not in ("union", "merge"):
            raise RemoteStoreError(f"LAPEKG_SPARQL_DEFAULT_GRAPH={default_graph!r}: choose "
                                   "'merge' (lapekg keeps the merge in the server's default "
                                   "graph) or 'union' (the server's union default graph)")
        self.merge = default_graph == "merge"
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or query_endpoint
        self.store_endpoint = store_endpoint
        self.timeout = timeout
        self.graphs_prefix = graphs_prefix
        self._written: set[str] | None = set() if rebuild else None
        handlers: list[Any] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.query_endpoint, self.update_endpoint, store_endpoint} - {None}:
                passwords.add_password(None, url, user, password or "")
            # Each handler answers its own challenge scheme (Virtuoso's -auth ones ask digest).
            handlers = [urllib.request.HTTPDigestAuthHandler(passwords),
                        urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)
        # rdflib's SPARQL store serves the Dataset API (triples, quads) over the same server.
        self._sparql = SPARQLUpdateStore(self.query_endpoint, self.update_endpoint,
                                         returnFormat="json")
        self.dataset = Dataset(store=self._sparql, default_union=True)

    # --- HTTP -------------------------------------------------------------------------------

    def _send(self, request: urllib.request.Request, role: str) -> tuple[bytes, str]:
        """One request to the endpoint of `role` (query, update or store)."""
        url = request.full_url
        setting = SETTINGS[role]
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                cut = response.headers.get("X-SPARQL-MaxRows")
                body = response.read()
                media = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            error = RemoteRefusedError if 400 <= exc.code < 500 else RemoteStoreError
            raise error(f"{url} ({setting}): HTTP {exc.code}: {detail}") from exc
        except TimeoutError as exc:
            raise RemoteTimeoutError(f"{url} ({setting}) after {self.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RemoteTimeoutError(f"{url} ({setting}) after {self.timeout:g} s") from exc
            raise RemoteUnreachableError(f"{url} ({setting}): {exc.reason}") from exc
        except OSError as exc:
            raise RemoteUnreachableError(f"{url} ({setting}): {exc}") from exc
        if cut:
            raise ResultCutError(f"{url}: at {cut} rows")
        return body, media.split(";")[0].strip().lower()

    def _post(self, url: str, body: bytes, content_type: str, role: str,
              method: str = "POST") -> None:
        self._send(urllib.request.Request(url, data=body, method=method,
                                          headers={"Content-Type": content_type}), role)

    # --- writes -----------------------------------------------------------------------------

    def update(self, update: str) -> None:
        self._post(self.update_endpoint, update.encode("utf-8"),
                   "application/sparql-update; charset=utf-8", "update")

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
                replace = self._written is not None and graph not in self._written
                if replace and self.merge:
                    self._unmerge(graph)
                if self.store_endpoint:
                    url = f"{self.store_endpoint}?{urllib.parse.urlencode({'graph': graph})}"
                    self._post(url, chunk.encode("utf-8"), "text/turtle; charset=utf-8",
                               "store", "PUT" if replace else "POST")
                else:
                    drop = f"DROP SILENT GRAPH <{graph}> ;\n" if replace else ""
                    self.update(f"{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")
                if self.merge:
                    self.update(f"INSERT DATA {{\n{chunk}\n}}")
                if self._written is not None:
                    self._written.add(graph)
        return len(rows)

    def load_nquads(self, body: bytes) -> None:
        """Bulk load a whole dataset dump (N-Quads) in one request to the store endpoint, which
        Oxigraph accepts at the dataset level (graph store protocol servers without that
        extension take add_quads)."""
        if not self.store_endpoint:
            raise RemoteStoreError("a bulk load needs a graph store endpoint")
        self._post(self.store_endpoint, body, "application/n-quads", "store")

    def _unmerge(self, graph: str) -> None:
        """Take out of the merged default graph the triples of `graph` that no other graph of
        lapekg's states (before the graph is replaced or dropped)."""
        name = _term(URIRef(graph))
        self.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
                    f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {name})"
                    f"{self._own('h')} }} }}")

    def remove_graph(self, graph: URIRef) -> None:
        if self.merge:
            self._unmerge(str(graph))
        self.update(f"DROP SILENT GRAPH {_term(URIRef(graph))}")
        if self._written is not None:
            self._written.discard(str(graph))

    # --- reads ------------------------------------------------------------------------------

    def raw_query(self, sparql: str, accept: str = RESULTS) -> tuple[bytes, str]:
        """The server's own serialisation of a result and its media type."""
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        return self._send(urllib.request.Request(
            self.query_endpoint, data=body, method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}),
            "query")

    def query(self, sparql: str, bindings: dict[str, Node] | None = None):  # type: ignore[no-untyped-def]
        """rdflib results (rows with attribute access, or .graph), as GraphStore.query returns
        them; bindings go in as a VALUES block of serialised terms, never as raw text."""
        from rdflib import Graph
        from rdflib.query import Result

        text = bind(sparql, bindings or {})
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            body, media = self.raw_query(text, f"{TRIPLES}, text/turtle;q=0.5")
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=body, format=_RDF_FORMATS.get(media, "turtle"))
            return result
        body, media = self.raw_query(text, f"{RESULTS}, application/sparql-results+xml;q=0.5")
        return Result.parse(io.BytesIO(body), format="xml" if "xml" in media else "json")

    def _own(self, var: str) -> str:
        if not self.graphs_prefix:
            return ""
        return f" FILTER(STRSTARTS(STR(?{var}), {_term(Literal(self.graphs_prefix))}))"

    def graphs(self) -> list[URIRef]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }"
                          f"{self._own('g')} }} ORDER BY ?g")
        return [URIRef(str(r.g)) for r in rows]

    def __len__(self) -> int:
        """Quads in named graphs (under the prefix; the default graph is their merge or
        union)."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }"
                               f"{self._own('g')} }}"))
        return int(rows[0].n) if rows else 0

    @property
    def ox(self) -> RemoteOxStore:
        """The reads of a pyoxigraph Store (pattern lookups, native results) over this server,
        for the code that reads a local store through pyoxigraph (pages, exports, VoID)."""
        from graph.remote_ox import RemoteOxStore

        return RemoteOxStore(self)

    def flush(self) -> None:
        """The server commits each request as it answers; a rebuild here drops the graphs under
        the prefix that it did not write (documents gone from the corpus)."""
        if self._written is None or not self.graphs_prefix:
            return
        for graph in self.graphs():
            if str(graph) not in self._written:
                self.remove_graph(graph)

    def close(self) -> None:
        self._sparql.close()


def run_query(remote: RemoteGraphStore, query: str, accept: str = RESULTS,
              max_rows: int | None = None) -> tuple[bytes, str]:
    """graph.sparql.run_query on a remote server: one request in the query's own result format,
    capped and re-serialised locally into the format `accept` prefers, so /sparql answers the
    same bytes whichever backend holds the graph."""
    import pyoxigraph as ox

    from graph.sparql import (
        GRAPH_TYPES,
        RESULT_TYPES,
        SparqlError,
        _capped,
        _prefixes,
        choose_media,
        looks_like_update,
        refuse_fetching,
    )

    refuse_fetching(query)
    graph_form = query_form(query) in ("CONSTRUCT", "DESCRIBE")
    try:
        body, _ = remote.raw_query(query, TRIPLES if graph_form else RESULTS)
    except RemoteRefusedError as exc:
        hint = " (updates go in an 'update' parameter)" if looks_like_update(query) else ""
        raise SparqlError(f"query refused: {exc}{hint}") from exc
    out = io.BytesIO()
    if graph_form:
        media = choose_media(accept, list(GRAPH_TYPES)) or "text/turtle"
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        triples = (ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(body, ox.RdfFormat.N_TRIPLES))
        ox.serialize(_capped(triples, max_rows), out, fmt, prefixes=_prefixes(fmt))
        return out.getvalue(), media
    media = choose_media(accept, list(RESULT_TYPES)) or RESULTS
    result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QuerySolutions) and max_rows is not None:
        for _ in _capped(result, max_rows):
            pass
        result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)  # parsed again, locally
    result.serialize(out, getattr(ox.QueryResultsFormat, RESULT_TYPES[media]))
    if media in ("application/json", "application/xml", "text/xml"):
        media = {"JSON": RESULTS, "XML": "application/sparql-results+xml"}[RESULT_TYPES[media]]
    return out.getvalue(), media
