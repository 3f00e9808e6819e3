"""The RDF store: rdflib's Dataset API on Oxigraph (oxrdflib), persisted in a directory."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.statement_index import StatementIndex

logger = logging.getLogger(__name__)

Quad = tuple[Node, Node, Node, URIRef]


class GraphStore:
    """One dataset with set semantics.

    Each document's triples live in the named graph of its IRI (provenance, ``GRAPH ?g``,
    ``FROM``); the default graph is maintained as the RDF merge of all named graphs, so a
    triple that several documents state is there once. Queries read the default graph, never
    the union of the named graphs (which returns one copy of a triple per graph, and joins then
    multiply the copies). A triple leaves the default graph with its last named graph.
    """

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
        # The default graph is the merge (see the class docstring): no union of named graphs.
        self.dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=False)

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk loads and native result serialisation."""
        return self._ox

    @property
    def statement_index(self) -> StatementIndex | None:
        """The reified statements in Python dicts (graph/statement_index.py), where a reader
        keeps them; the disk store does not (a one-shot command would pay the whole scan)."""
        return None

    def add_quads(self, quads: Iterable[Quad]) -> int:
        """Write quads into their named graphs and their triples into the merged default graph;
        return the number of quads given."""
        import pyoxigraph as ox
        from oxrdflib._converter import to_ox

        batch = [to_ox(q) for q in quads]
        default = ox.DefaultGraph()
        merged = [ox.Quad(q.subject, q.predicate, q.object, default) for q in batch]
        self._ox.bulk_extend(batch + merged)
        return len(batch)

    def remove_graph(self, graph: URIRef) -> None:
        """Drop one named graph; its triples leave the default graph unless another named
        graph still states them."""
        import pyoxigraph as ox

        name = ox.NamedNode(str(graph))
        if not self._ox.contains_named_graph(name):
            return
        triples = [(q.subject, q.predicate, q.object)
                   for q in self._ox.quads_for_pattern(None, None, None, name)]
        self._ox.remove_graph(name)
        default = ox.DefaultGraph()
        for s, p, o in triples:
            if not any(not isinstance(q.graph_name, ox.DefaultGraph)
                       for q in self._ox.quads_for_pattern(s, p, o, None)):
                self._ox.remove(ox.Quad(s, p, o, default))

    def ensure_merged(self) -> bool:
        """Fill an empty default graph from the named graphs (a store written before the default
        graph was the merge); return True when it did."""
        if self.has_merged_default() or not any(True for _ in self._ox.named_graphs()):
            return False
        self._ox.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return True

    def has_merged_default(self) -> bool:
        """True when the default graph holds the merge (or the store is empty)."""
        import pyoxigraph as ox

        if any(True for _ in self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())):
            return True
        return not any(True for _ in self._ox.named_graphs())

    def graphs(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._ox.named_graphs()]

    def query(self, sparql: str, bindings: dict[str, Node] | None = None):  # type: ignore[no-untyped-def]
        """Run SPARQL through rdflib's API; user values go in as bindings, never into the text."""
        return self.dataset.query(sparql, initBindings=bindings or {})

    def __len__(self) -> int:
        return len(self._ox)

    def flush(self, compact: bool = True) -> None:
        """Make the writes durable and compact the files for reading. A build writes in many
        batches, each a set of new files; a seek then consults each of them, so a query on an
        uncompacted store ran ~30 % slower (10x: 0.4 s to compact, bench/FINDINGS-sparql-
        readonly.md). `compact=False` for an `add`'s one batch on a compacted copy: compacting
        rewrites every file (6 s at 100x) where the copy's files are hard links to the live
        generation's."""
        self._ox.flush()
        if compact:
            self._ox.optimize()

    def backup(self, target: Path) -> None:
        """A consistent copy (hard links where possible), used to start a new generation."""
        self._ox.backup(str(target))

    def close(self) -> None:
        del self.dataset
        del self._ox


class MemoryDefaultGraph(GraphStore):
    """The default graph (the merge) of a store, read from an in-memory copy once it is loaded.

    For readers of the default graph only (`ask`'s graph queries): every lookup on Oxigraph's
    disk store is a RocksDB seek (~10 µs), about three times an in-memory lookup, and `ask` makes
    thousands of them per question at scale. Until the copy is loaded (in a thread, so a
    server starts as fast as before) queries go to the disk store. Named graphs are not copied:
    a query that reads them (GRAPH, FROM) must use the disk store. Costs the default graph's
    triples in memory once per process (~0.45 GB at the 100x bench build, 1.1 M triples).

    With the copy comes an index of the reified statements (`statement_index`), which
    graph/queries.py's statement lookups read instead of SPARQL (25-100x less CPU for a
    pervasive model's thousands of statements; at the 100x build 17,292 statements, ~47 MB of
    Python objects, built in ~3-5 s of CPU in the loading thread).
    """

    def __init__(self, disk: GraphStore, *, wait: bool = False) -> None:
        self.path = disk.path
        self._ox = disk.ox
        self.dataset = disk.dataset
        self.loaded_s: float | None = None
        self._index: StatementIndex | None = None
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._load, args=(disk.ox,),
                                        name="lapekg-memory-graph", daemon=True)
        self._thread.start()
        if wait:
            self._thread.join()

    @property
    def statement_index(self) -> StatementIndex | None:
        """The statements of the copy, once it is loaded (None before)."""
        return self._index

    def _load(self, disk: ox.Store) -> None:
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore

        from graph.statement_index import StatementIndex

        started = time.monotonic()
        memory = ox.Store()
        batch: list[ox.Quad] = []
        try:
            for quad in disk.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                batch.append(quad)
                if len(batch) >= 50_000:
                    if self._closed.is_set():
                        return
                    memory.bulk_extend(batch)
                    batch = []
            memory.bulk_extend(batch)
        except OSError as exc:  # the disk store went away (closed, pruned): keep reading it
            logger.warning("the in-memory copy of the graph was not loaded: %s", exc)
            return
        if self._closed.is_set():
            return
        index = StatementIndex.from_store(memory)
        dataset = Dataset(store=OxigraphStore(store=memory), default_union=False)
        self.dataset, self._ox, self._index = dataset, memory, index
        self.loaded_s = time.monotonic() - started
        logger.info("default graph in memory: %d triples, %d statements indexed (%.1f s) in "
                    "%.1f s", len(memory), len(index), index.built_s, self.loaded_s)

    def add_quads(self, quads: Iterable[Quad]) -> int:
        raise TypeError("MemoryDefaultGraph is a read-only copy of a store's default graph")

    def close(self) -> None:
        """Stop a load still running and drop the copy."""
        self._closed.set()
        super().close()
