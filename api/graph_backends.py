"""Where the graph lives: in each generation's directory (local Oxigraph, the default) or on a
remote SPARQL 1.1 server. Builds, `lapekg sparql`/`export` and the HTTP app ask a GraphBackend
for the graph, so none of them knows which one it is.

A store from either backend offers GraphStore's methods (add_quads, remove_graph, graphs, query,
len, flush, close) and `.ox`, pyoxigraph's read API (a pyoxigraph Store, or RemoteOxStore).
The remote graph is not versioned with the generations: every generation reads the one graph on
the server, which a build replaces graph by graph and an add amends in place.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ingest.errors import LapekgError

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from api.settings import Settings
    from api.sparql_pool import QueryRunner


class OldGraphError(LapekgError):
    """A generation written before the default graph was the merge of the named graphs."""

    hint = "rebuild it: lapekg build corpus (or make run after deleting the data dir)"


class BackendSettingError(LapekgError):
    prefix = "the graph backend is not configured"
    hint = ("set LAPEKG_GRAPH_BACKEND=oxigraph (local, the default), or =remote with "
            "LAPEKG_SPARQL_QUERY_URL (and LAPEKG_SPARQL_UPDATE_URL, LAPEKG_GRAPH_STORE_URL)")


class GraphBackend(Protocol):
    name: str

    def create(self, generation: Path) -> Any:
        """The graph a new build writes, starting empty (remote: replaced as it is written)."""

    def extend(self, live: Path, generation: Path) -> Any:
        """The graph `add` writes: the live generation's graph, to amend."""

    def open(self, generation: Path, *, writable: bool = False) -> Any:
        """A generation's graph, to read (or, for served updates, to write)."""

    def query_pool(self, generation: Path, size: int, timeout_s: float) -> QueryRunner:
        """What runs /sparql queries and CONSTRUCT exports under a time limit."""


class LocalGraphBackend:
    """Oxigraph in <generation>/store: builds write a new one, `add` a copy of the live one."""

    name = "oxigraph"

    def __init__(self, worker_limits: Any = None) -> None:
        self.worker_limits = worker_limits  # api.sparql_worker.WorkerLimits for query pools

    def create(self, generation: Path) -> Any:
        from graph.store import GraphStore

        return GraphStore(generation / "store")

    def extend(self, live: Path, generation: Path) -> Any:
        from graph.store import GraphStore

        current = GraphStore(live / "store", read_only=True)
        try:
            current.backup(generation / "store")
        finally:
            current.close()
        store = GraphStore(generation / "store")
        if store.ensure_merged():
            logger.info("filled the default graph with the merge of the named graphs (a build "
                        "made before the default graph was the merge)")
        return store

    def open(self, generation: Path, *, writable: bool = False) -> Any:
        from graph.store import GraphStore

        store = GraphStore(generation / "store", read_only=not writable)
        if not store.has_merged_default():
            store.close()
            raise OldGraphError(f"the graph in {generation} was built by an older lapekg whose "
                                "default graph is empty")
        return store

    def query_pool(self, generation: Path, size: int, timeout_s: float) -> QueryRunner:
        from api.sparql_pool import QueryPool

        return QueryPool(generation / "store", size, timeout_s, limits=self.worker_limits)


class RemoteGraphBackend:
    """One graph on a SPARQL 1.1 server, shared by every generation."""

    name = "remote"

    def __init__(self, query_url: str, update_url: str | None = None,
                 store_url: str | None = None, *, user: str | None = None,
                 password: str | None = None, graphs_prefix: str | None = None,
                 timeout_s: float = 60.0, default_graph: str = "union") -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.store_url = store_url
        self.user = user
        self.password = password
        self.graphs_prefix = graphs_prefix
        self.timeout_s = timeout_s
        self.default_graph = default_graph

    def _store(self, rebuild: bool = False, timeout_s: float | None = None) -> Any:
        from graph.remote_store import RemoteGraphStore

        return RemoteGraphStore(self.query_url, self.update_url, self.store_url,
                                timeout_s or self.timeout_s, user=self.user,
                                password=self.password, graphs_prefix=self.graphs_prefix,
                                rebuild=rebuild, default_graph=self.default_graph)

    def create(self, generation: Path) -> Any:
        return self._store(rebuild=True)

    def extend(self, live: Path, generation: Path) -> Any:
        return self._store()

    def open(self, generation: Path, *, writable: bool = False) -> Any:
        return self._store()

    def query_pool(self, generation: Path, size: int, timeout_s: float) -> QueryRunner:
        from api.sparql_pool import RemoteQueryPool

        return RemoteQueryPool(self._store(timeout_s=timeout_s), size, timeout_s)


def make_graph_backend(settings: Settings) -> GraphBackend:
    """The backend LAPEKG_GRAPH_BACKEND names, configured from the other settings."""
    if settings.graph_backend == "oxigraph":
        from api.sparql_worker import worker_limits

        return LocalGraphBackend(worker_limits(settings))
    if settings.graph_backend != "remote":
        raise BackendSettingError(f"LAPEKG_GRAPH_BACKEND={settings.graph_backend!r} is not a "
                                  "backend; choose oxigraph or remote")
    if not settings.sparql_query_url:
        raise BackendSettingError("LAPEKG_GRAPH_BACKEND=remote needs LAPEKG_SPARQL_QUERY_URL")
    password = settings.sparql_password.get_secret_value() if settings.sparql_password else None
    return RemoteGraphBackend(settings.sparql_query_url, settings.sparql_update_url,
                              settings.graph_store_url, user=settings.sparql_user,
                              password=password, graphs_prefix=settings.base_iri,
                              timeout_s=settings.remote_timeout_s,
                              default_graph=settings.sparql_default_graph)
