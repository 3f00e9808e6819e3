"""pyoxigraph's read API (pattern lookups, native query results) answered by a remote SPARQL
server, so the pages, exports and VoID code that read a local store through pyoxigraph run
unchanged on `LAPEKG_GRAPH_BACKEND=remote`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graph.remote_store import (
    RESULTS,
    TRIPLES,
    RemoteGraphStore,
    RemoteRefusedError,
    query_form,
)

if TYPE_CHECKING:
    import pyoxigraph as ox


class RemoteOxStore:
    """The read side of pyoxigraph.Store that lapekg uses, answered by the remote server with
    pyoxigraph's own result types, so the same serialisers and page code run on both."""

    def __init__(self, remote: RemoteGraphStore) -> None:
        self.remote = remote

    def _raw(self, sparql: str, accept: str) -> bytes:
        try:
            return self.remote.raw_query(sparql, accept)[0]
        except RemoteRefusedError as exc:
            # pyoxigraph raises SyntaxError for a query it cannot run; callers map that.
            raise SyntaxError(str(exc)) from exc

    def query(self, sparql: str, use_default_graph_as_union: bool = True) -> Any:
        """QuerySolutions, QueryBoolean or QueryTriples. The default graph is whatever the
        server makes it (the union of the named graphs on the servers lapekg supports)."""
        import pyoxigraph as ox

        if query_form(sparql) in ("CONSTRUCT", "DESCRIBE"):
            body = self._raw(sparql, TRIPLES)
            scratch = ox.Store()
            scratch.bulk_load(body, ox.RdfFormat.N_TRIPLES)
            return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return ox.parse_query_results(self._raw(sparql, RESULTS), ox.QueryResultsFormat.JSON)

    def update(self, update: str) -> None:
        try:
            self.remote.update(update)
        except RemoteRefusedError as exc:
            raise SyntaxError(str(exc)) from exc

    def quads_for_pattern(self, subject: Any, predicate: Any, object: Any,  # noqa: A002
                          graph_name: Any = None) -> Iterable[ox.Quad]:
        """Quads matching the pattern, as on a local store: in lapekg's named graphs, and in
        the default graph, which is their RDF merge (each distinct triple once, as the local
        store keeps it); None matches anything. Named graphs come one per request when no
        term is given, so no result grows past one graph (nor past a server's row limit)."""
        import pyoxigraph as ox

        if isinstance(graph_name, ox.DefaultGraph):
            return self._merged(subject, predicate, object)
        if subject is None and predicate is None and object is None and graph_name is None:
            named = [q for g in self.named_graphs()
                     for q in self.quads_for_pattern(None, None, None, g)]
        else:
            named = self._named(subject, predicate, object, graph_name)
        return named + (self._merged(subject, predicate, object) if graph_name is None else [])

    def _rows(self, terms: dict[str, Any], graph: str) -> list[dict[str, Any]]:
        """The quads' terms matching `terms` (None = free) in `graph` (a GRAPH clause's name,
        filtered to lapekg's graphs when it is a variable; "" for the default graph): free
        terms bound from each row."""
        free = [k for k, v in terms.items() if v is None]
        given = {k: str(v) for k, v in terms.items() if v is not None}
        values = ""
        if not free:  # ASK-like: one row when the pattern is there
            free, values = ["s"], f"VALUES ?s {{ {given.pop('s')} }} "
        s, p, o = (given.get(k, f"?{k}") for k in "spo")
        triple = f"{{ {s} {p} {o} }}"
        where = f"{values}GRAPH {given.get('g', graph)} {triple}" if graph else values + triple
        if graph == "?g" and "g" not in given:
            where += self.remote._own("g")
        distinct = "" if "g" in terms else "DISTINCT "
        rows = self.query(f"SELECT {distinct}{' '.join('?' + k for k in free)} "
                          f"WHERE {{ {where} }}")
        return [{k: row[k] if k in free else terms[k] for k in terms} for row in rows]

    def _named(self, subject: Any, predicate: Any, object: Any,  # noqa: A002
               graph_name: Any) -> list[ox.Quad]:
        import pyoxigraph as ox

        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in self._rows(terms, "?g")]

    def _merged(self, subject: Any, predicate: Any, object: Any) -> list[ox.Quad]:  # noqa: A002
        """The default graph as the merge of lapekg's named graphs: the server's own default
        graph where lapekg keeps the merge, else the distinct triples of lapekg's graphs (a
        union default graph may hold a server's system graphs too, as Virtuoso's does)."""
        import pyoxigraph as ox

        terms = {"s": subject, "p": predicate, "o": object}
        if self.remote.merge:
            rows = self._rows(terms, "")
        else:
            rows = self._rows(terms, "?g")
        return [ox.Quad(r["s"], r["p"], r["o"], ox.DefaultGraph()) for r in rows]

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def named_graphs(self) -> list[ox.NamedNode]:
        import pyoxigraph as ox

        return [ox.NamedNode(str(g)) for g in self.remote.graphs()]

    def __len__(self) -> int:
        return len(self.remote)

    def flush(self) -> None:
        """Nothing to do: the server has committed each update when it answered."""
