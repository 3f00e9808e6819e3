"""Export: the whole graph, one document, an entity's neighbourhood or a CONSTRUCT result."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from rdflib import Dataset, Graph, URIRef

from graph.store import GraphStore

FORMATS = {
    "turtle": ("text/turtle", "ttl"),
    "nt": ("application/n-triples", "nt"),
    "nquads": ("application/n-quads", "nq"),
    "jsonld": ("application/ld+json", "jsonld"),
    "xml": ("application/rdf+xml", "rdf"),
    "csv": ("text/csv", "csv"),
}
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "nq": "nquads",
           "n-quads": "nquads", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml"}

NEIGHBOURHOOD = """
CONSTRUCT { ?e ?p ?o . ?s ?q ?e . ?st ?sp ?so . }
WHERE {
  { ?e ?p ?o } UNION { ?s ?q ?e }
  UNION { { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?e }
          UNION { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?e }
          ?st ?sp ?so }
}
"""
# The source passage of a triple, for the CSV export: the statement that asserts it.
SOURCE = """
SELECT ?s ?p ?o ?passage WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
                 <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
                 <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ;
                 <https://w3id.org/lapekg/ontology#sourcePassage> ?passage }
}
"""


def normalise_format(fmt: str) -> str:
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def select_graph(store: GraphStore, *, document: str | None = None, entity: str | None = None,
                 construct: str | None = None) -> Dataset | Graph | None:
    """The part to export as an rdflib graph; None means the whole store (streamed natively)."""
    if document:
        g = Graph(identifier=URIRef(document))
        for s, p, o, _ in store.dataset.quads((None, None, None, URIRef(document))):
            g.add((s, p, o))
        return g
    if entity:
        return store.query(NEIGHBOURHOOD, {"e": URIRef(entity)}).graph
    if construct:
        result = store.query(construct)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise ValueError("an export query must be CONSTRUCT or DESCRIBE")
        return result.graph
    return None


def _csv_rows(rows: Iterator[tuple[str, str, str, str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["subject", "predicate", "object", "source_passage"])
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export(store: GraphStore, fmt: str, part: Dataset | Graph | None) -> Iterator[bytes]:
    """Serialise in chunks; the whole store streams from Oxigraph without an rdflib copy."""
    fmt = normalise_format(fmt)
    if fmt == "csv":
        if part is None:
            rows = ((str(r.s), str(r.p), str(r.o), str(r.passage or ""))
                    for r in store.query(SOURCE))
        else:
            rows = ((str(s), str(p), str(o), "") for s, p, o in part.triples((None, None, None)))
        for chunk in _csv_rows(rows):
            yield chunk.encode("utf-8")
        return
    if part is None and fmt in ("nt", "nquads", "turtle", "xml"):
        import pyoxigraph as ox

        ox_fmt = {"nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                  "turtle": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML}[fmt]
        buffer = io.BytesIO()
        if fmt == "nquads":
            store.ox.dump(buffer, ox_fmt)
        else:
            _dump_union(store, buffer, ox_fmt)
        yield buffer.getvalue()
        return
    if part is None:
        part = store.dataset
    rdflib_fmt = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld",
                  "xml": "xml"}[fmt]
    if fmt == "nquads" and not isinstance(part, Dataset):
        # Quads keep the provenance of the part: its triples in the graph they came from.
        ds = Dataset()
        named = ds.graph(part.identifier if isinstance(part.identifier, URIRef) else None)
        for triple in part:
            named.add(triple)
        part = ds
    yield part.serialize(format=rdflib_fmt, encoding="utf-8")


def _dump_union(store: GraphStore, buffer: io.BytesIO, ox_fmt) -> None:  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    triples = (ox.Triple(q.subject, q.predicate, q.object)
               for q in store.ox.quads_for_pattern(None, None, None, None))
    ox.serialize(triples, buffer, ox_fmt)
