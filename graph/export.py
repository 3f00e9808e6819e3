"""Export: the whole graph, one document, an entity's neighbourhood or a CONSTRUCT result, streamed.

Serialisation runs natively in pyoxigraph on a producer thread that writes into a small bounded
queue; the consumer yields the chunks. Nothing holds a second copy of the graph in memory.
"""

from __future__ import annotations

import contextlib
import csv
import io
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graph.sparql import PREFIXES, SparqlError, refuse_fetching

if TYPE_CHECKING:
    import pyoxigraph as ox

# The one registry of export formats, shared by `lapekg export --format` and
# /api/export?format=: name -> (media type, file extension). The formats marked in QUAD_FORMATS
# keep every quad's named graph (its source document); the others write the union's triples.
FORMATS = {
    "turtle": ("text/turtle", "ttl"),
    "trig": ("application/trig", "trig"),
    "nt": ("application/n-triples", "nt"),
    "nquads": ("application/n-quads", "nq"),
    "jsonld": ("application/ld+json", "jsonld"),
    "xml": ("application/rdf+xml", "rdf"),
    "csv": ("text/csv", "csv"),
}
QUAD_FORMATS = {"trig", "nquads", "jsonld", "csv"}
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "nq": "nquads",
           "n-quads": "nquads", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml"}
CSV_HEADER = ["subject", "predicate", "object", "object_kind", "language", "datatype", "graph",
              "source_passage"]
DEFAULT_BASE_IRI = "https://w3id.org/lapekg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LAPE = "https://w3id.org/lapekg/ontology#"
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# Each reified statement's triple and the passages that assert it, in one query.
_SOURCES = f"""
SELECT DISTINCT ?s ?p ?o ?passage WHERE {{
  ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ;
      <{LAPE}sourcePassage> ?passage .
}}"""
_CHUNK = 64 * 1024
# Up to this many triples, a CSV export looks up the sources of its subjects only.
_SELECTION = 20_000


class ExportError(ValueError):
    """A request for an export that cannot be made (bad format, bad IRI, not a CONSTRUCT)."""


class NotFoundError(LookupError):
    """The document or entity to export is not in the graph."""


def normalise_format(fmt: str) -> str:
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def jsonld_context(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, Any]:
    """The context every JSON-LD export uses (and /context.jsonld publishes)."""
    from graph.jsonld import context

    return context(PREFIXES, base_iri)


def named_node(iri: str) -> ox.NamedNode:
    """An absolute IRI as a pyoxigraph node; anything else (a path, a relative ref) is refused."""
    import pyoxigraph as ox

    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise ExportError(f"not an absolute IRI: {iri!r}") from exc


def export(store: Any, fmt: str, *, document: str | None = None,
           entity: str | None = None, base_iri: str = DEFAULT_BASE_IRI) -> Iterator[bytes]:
    """Stream the whole graph, one document's named graph or an entity's neighbourhood.

    Quad formats carry the named graphs, not the default graph: that is only their merge,
    which loading the quads into a store rebuilds.

    Call it to check the request (errors raise here, before the first chunk); iterate the
    result for the bytes.
    """
    store = getattr(store, "ox", store)
    fmt = normalise_format(fmt)
    if document:
        graph = named_node(document)
        if not store.contains_named_graph(graph):
            raise NotFoundError(f"no document graph {document}")

        def quads() -> Iterable[ox.Quad]:
            return store.quads_for_pattern(None, None, None, graph)
        triples = None
    elif entity:
        node = named_node(entity)
        if not _exists(store, node):
            raise NotFoundError(f"nothing is known about {entity}")

        def quads() -> Iterable[ox.Quad]:
            return _named(neighbourhood(store, node))
        triples = None
    else:
        def quads() -> Iterable[ox.Quad]:
            return _named(store.quads_for_pattern(None, None, None, None))

        def triples() -> Iterable[ox.Triple]:
            return store.query(_UNION, use_default_graph_as_union=False)
        if not _is_local(store):
            # A remote server's default graph may hold graphs that are not lapekg's (Virtuoso's
            # own): take lapekg's named graphs, de-duplicated.
            triples = None
    return _stream(lambda sink: write(store, fmt, quads, triples, sink, base_iri))


def construct_export(store: Any, query: str, fmt: str,
                     max_rows: int | None = None) -> tuple[bytes, str]:
    """The result of a CONSTRUCT or DESCRIBE query in an export format, capped at max_rows."""
    import pyoxigraph as ox

    store = getattr(store, "ox", store)
    fmt = normalise_format(fmt)
    refuse_fetching(query)
    try:
        result = store.query(query, use_default_graph_as_union=False)
    except SyntaxError as exc:
        raise SparqlError(f"query parse error: {exc}") from exc
    if not isinstance(result, ox.QueryTriples):
        raise SparqlError("an export query must be CONSTRUCT or DESCRIBE")
    rows = []
    for n, triple in enumerate(result):
        if max_rows is not None and n >= max_rows:
            raise SparqlError(f"the result has more than {max_rows} triples; narrow the query")
        rows.append(triple)
    out = io.BytesIO()
    write(store, fmt, lambda: [ox.Quad(t.subject, t.predicate, t.object) for t in rows],
          lambda: rows, out)
    return out.getvalue(), FORMATS[fmt][0]


def write(store: ox.Store, fmt: str, quads: Callable[[], Iterable[ox.Quad]],
          triples: Callable[[], Iterable[ox.Triple]] | None, sink: Any,
          base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Serialise into a binary file-like object; quad formats keep each quad's named graph."""
    import pyoxigraph as ox

    if fmt == "nquads":
        ox.serialize(quads(), sink, ox.RdfFormat.N_QUADS)
        return
    if fmt == "trig":
        ox.serialize(quads(), sink, ox.RdfFormat.TRIG, prefixes=PREFIXES)
        return
    if fmt == "jsonld":
        from graph.jsonld import write_jsonld

        write_jsonld(quads(), jsonld_context(base_iri), sink)
        return
    if fmt == "csv":
        _write_csv(store, quads(), sink)
        return
    if triples is None:
        def triples() -> Iterator[ox.Triple]:
            return _distinct_triples(quads())
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                  "xml": ox.RdfFormat.RDF_XML}[fmt]
    prefixes = None if fmt == "nt" else PREFIXES
    ox.serialize(triples(), sink, rdf_format, prefixes=prefixes)


_STATEMENTS_QUADS = """
SELECT ?st ?p ?o ?g WHERE {
  { SELECT DISTINCT ?st WHERE {
      { ?st <%(rdf)ssubject> %(node)s } UNION { ?st <%(rdf)sobject> %(node)s }
      FILTER(?st != %(node)s) } }
  GRAPH ?g { ?st ?p ?o }
  FILTER(?o != %(node)s)
}"""


def neighbourhood(store: ox.Store, node: ox.NamedNode) -> Iterator[ox.Quad]:
    """What is said about an entity and to it, and every statement (with provenance) about it
    (the statements' own quads in one query, not one lookup per statement: on a remote store
    each lookup is a request)."""
    import pyoxigraph as ox

    yield from store.quads_for_pattern(node, None, None, None)
    yield from store.quads_for_pattern(None, None, node, None)
    # Quads pointing at the node were yielded above; the query leaves them out.
    for row in store.query(_STATEMENTS_QUADS % {"rdf": RDF, "node": node},
                           use_default_graph_as_union=False):
        yield ox.Quad(row["st"], row["p"], row["o"], row["g"])


def _named(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads of named graphs: the default graph only repeats them (it is their merge)."""
    import pyoxigraph as ox

    return (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))


def _is_local(store: Any) -> bool:
    import pyoxigraph as ox

    return isinstance(store, ox.Store)


def _exists(store: ox.Store, node: ox.NamedNode) -> bool:
    return any(True for _ in store.quads_for_pattern(node, None, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, node, None))


def _distinct_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """Triples of a selection (one document, a neighbourhood): small enough to de-duplicate."""
    import pyoxigraph as ox

    seen = set()
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        if t not in seen:
            seen.add(t)
            yield t


def _write_csv(store: ox.Store, quads: Iterable[ox.Quad], sink: Any) -> None:
    """One row per quad: the object's kind, language and datatype in their own columns, the
    named graph, and the passages that assert the triple (space-separated), or none."""
    import itertools

    import pyoxigraph as ox

    # A selection (a document, an entity) reads the sources of its own subjects only; the
    # whole graph reads every statement's sources in one pass.
    quads = iter(quads)
    head = list(itertools.islice(quads, _SELECTION))
    # (VALUES takes no blank nodes; statements are about named entities.)
    subjects = None if len(head) == _SELECTION else sorted(
        {q.subject for q in head if isinstance(q.subject, ox.NamedNode)}, key=str)
    quads = itertools.chain(head, quads)
    sources: dict[tuple[Any, Any, Any], list[str]] = {}
    queries = [_SOURCES] if subjects is None else [
        _SOURCES.replace("WHERE {", "WHERE { VALUES ?s { "
                         + " ".join(str(s) for s in subjects[i:i + 500]) + " }", 1)
        for i in range(0, len(subjects), 500)]
    for query in queries:
        for row in store.query(query, use_default_graph_as_union=False):
            key = (row["s"], row["p"], row["o"])
            sources.setdefault(key, []).append(row["passage"].value)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(CSV_HEADER)
    for q in quads:
        passages = " ".join(sorted(set(sources.get((q.subject, q.predicate, q.object), ()))))
        kind, lang, datatype = _object_columns(q.object)
        graph = "" if q.graph_name is None or _is_default(q.graph_name) else q.graph_name.value
        writer.writerow([_plain(q.subject), q.predicate.value, _plain(q.object), kind, lang,
                         datatype, graph, passages])
        if text.tell() > _CHUNK:
            sink.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
    sink.write(text.getvalue().encode("utf-8"))


def _object_columns(term: Any) -> tuple[str, str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        return "literal", term.language or "", "" if term.language else term.datatype.value
    return ("blank" if isinstance(term, ox.BlankNode) else "iri"), "", ""


def _is_default(graph: Any) -> bool:
    import pyoxigraph as ox

    return isinstance(graph, ox.DefaultGraph)


def _plain(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


class _QueueSink:
    """A binary file-like object that hands ~64 KiB chunks to a bounded queue."""

    def __init__(self, chunks: queue.Queue[Any], stop: threading.Event) -> None:
        self.chunks = chunks
        self.stop = stop
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= _CHUNK:
            self._put(bytes(self.buffer))
            self.buffer.clear()
        return len(data)

    def flush(self) -> None:
        pass

    def close_out(self) -> None:
        if self.buffer:
            self._put(bytes(self.buffer))
            self.buffer.clear()

    def _put(self, item: Any) -> None:
        while not self.stop.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise BrokenPipeError("the export's reader went away")


_DONE = object()


def _stream(produce: Callable[[Any], None]) -> Iterator[bytes]:
    """Run `produce(sink)` on a thread and yield what it writes, a few chunks ahead at most."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=4)
    stop = threading.Event()

    def run() -> None:
        sink = _QueueSink(chunks, stop)
        try:
            produce(sink)
            sink.close_out()
            sink._put(_DONE)
        except BrokenPipeError:
            pass
        except BaseException as exc:  # noqa: BLE001 - re-raised on the consumer's side
            with contextlib.suppress(BrokenPipeError):
                sink._put(exc)

    def consume() -> Iterator[bytes]:
        thread = threading.Thread(target=run, name="lapekg-export", daemon=True)
        thread.start()
        try:
            while True:
                item = chunks.get()
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()

    return consume()
