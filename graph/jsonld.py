"""JSON-LD that keeps everything: named graphs as {"@id": g, "@graph": [...]}, IRIs compacted
by the published context (the ontology's prefixes and `id:` for our entities), streamed.

The context is one object, served at /context.jsonld and written into every export, so a file
read offline expands to exactly the quads it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def context(prefixes: dict[str, str], base_iri: str) -> dict[str, Any]:
    return {"@context": {**prefixes, "id": base_iri}}


class Compactor:
    def __init__(self, ctx: dict[str, Any]) -> None:
        # Longest namespace first, so id: never shadows a longer, more specific prefix.
        self.prefixes = sorted(((p, ns) for p, ns in ctx["@context"].items()),
                               key=lambda x: -len(x[1]))

    def iri(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns):]
                # A compact IRI must not look like a scheme-relative or absolute IRI.
                if not local.startswith("//"):
                    return f"{prefix}:{local}"
        return iri

    def node_id(self, term: Any) -> str:
        import pyoxigraph as ox

        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self.iri(term.value)

    def value(self, term: Any) -> dict[str, str]:
        import pyoxigraph as ox

        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if term.datatype.value in (XSD_STRING, RDF_LANG_STRING):
                return {"@value": term.value}
            return {"@value": term.value, "@type": self.iri(term.datatype.value)}
        return {"@id": self.node_id(term)}


def write_jsonld(quads: Iterable[Any], ctx: dict[str, Any], sink: Any) -> None:
    """One JSON-LD document: {"@context": …, "@graph": [nodes…, {"@id": g, "@graph": […]}]}.

    Quads arrive grouped by graph and subject in the store's order; a run of one subject becomes
    one node object (a subject met again later is another node object with the same @id, which
    JSON-LD merges)."""
    import pyoxigraph as ox

    c = Compactor(ctx)
    write = lambda s: sink.write(s.encode("utf-8"))  # noqa: E731 - local shorthand
    write('{"@context": ' + json.dumps(ctx["@context"], ensure_ascii=False) + ',\n "@graph": [')
    graph = subject = None
    node: dict[str, Any] = {}
    first_top = first_in_graph = True

    def flush() -> None:
        nonlocal first_top, first_in_graph, node
        if not node:
            return
        text = json.dumps(node, ensure_ascii=False)
        if graph is None:
            write(("" if first_top else ",") + "\n  " + text)
            first_top = False
        else:
            write(("" if first_in_graph else ",") + "\n    " + text)
            first_in_graph = False
        node = {}

    for q in quads:
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else c.node_id(q.graph_name)
        if g != graph:
            flush()
            if graph is not None:
                write("\n  ]}")
            graph, subject = g, None
            if graph is not None:
                write(("" if first_top else ",") + '\n  {"@id": ' + json.dumps(graph)
                      + ', "@graph": [')
                first_top, first_in_graph = False, True
        if q.subject != subject:
            flush()
            subject = q.subject
            node = {"@id": c.node_id(q.subject)}
        if q.predicate.value == RDF_TYPE and not isinstance(q.object, ox.Literal):
            node.setdefault("@type", []).append(c.node_id(q.object))
        else:
            node.setdefault(c.iri(q.predicate.value), []).append(c.value(q.object))
    flush()
    if graph is not None:
        write("\n  ]}")
    write("\n]}\n")
