"""Validate a built LAPE-KG graph against the SHACL shapes in shapes.ttl."""

from pathlib import Path

from rdflib import Graph
from rdflib.graph import ConjunctiveGraph, Dataset

SHAPES_PATH = Path(__file__).parent / "shapes.ttl"


def shapes_graph() -> Graph:
    """Parse and return the SHACL shapes graph."""
    return Graph().parse(SHAPES_PATH, format="turtle")


def validate(graph: Graph) -> tuple[bool, str]:
    """Return (conforms, pyshacl's text report) for a graph, or for the union of a dataset's graphs.

    A Dataset or ConjunctiveGraph is flattened first: a statement in a document's named graph may
    point at an extractor or region typed in another graph, and pyshacl would otherwise validate
    each named graph on its own. No inference is run; shapes match explicit rdf:type triples.
    """
    from pyshacl import validate as shacl_validate  # slow import; only needed here

    data = graph
    if isinstance(graph, (Dataset, ConjunctiveGraph)):
        data = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            data.add((s, p, o))
    conforms, _report, text = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        meta_shacl=False,
        advanced=False,
    )
    return bool(conforms), str(text)
