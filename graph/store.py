"""The RDF store: rdflib's Dataset API on Oxigraph (oxrdflib), persisted in a directory."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    import pyoxigraph as ox

logger = logging.getLogger(__name__)

Quad = tuple[Node, Node, Node, URIRef]


class GraphStore:
    """One dataset: each document's triples in the named graph of its IRI; queries see the union."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore

        self.path = path
        if path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(path))
        self.dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk loads and native result serialisation."""
        return self._ox

    def add_quads(self, quads: Iterable[Quad]) -> int:
        from oxrdflib._converter import to_ox

        batch = [to_ox(q) for q in quads]
        self._ox.bulk_extend(batch)
        return len(batch)

    def remove_graph(self, graph: URIRef) -> None:
        import pyoxigraph as ox

        name = ox.NamedNode(str(graph))
        if self._ox.contains_named_graph(name):
            self._ox.remove_graph(name)

    def graphs(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._ox.named_graphs()]

    def query(self, sparql: str, bindings: dict[str, Node] | None = None):  # type: ignore[no-untyped-def]
        """Run SPARQL through rdflib's API; user values go in as bindings, never into the text."""
        return self.dataset.query(sparql, initBindings=bindings or {})

    def __len__(self) -> int:
        return len(self._ox)

    def flush(self) -> None:
        self._ox.flush()

    def backup(self, target: Path) -> None:
        """A consistent copy (hard links where possible), used to start a new generation."""
        self._ox.backup(str(target))

    def close(self) -> None:
        del self.dataset
        del self._ox
