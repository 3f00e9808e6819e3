"""The graph the HTTP app serves: a store to read, the SPARQL worker pool, and guarded updates.

Read-only unless the operator sets an update token. With a token, the app opens the live
generation's store for writing as well; entity pages, exports and (after each update, once the
workers reopen it) SPARQL queries read that store, so they see the updates. Search and ask keep
the snapshot they loaded at start. Updates persist in the live generation until the next
`lapekg build`; `lapekg add` copies them into the generation it makes.

One ServedGraph serves one generation: when CURRENT moves, the app makes a new one (see
api/follow.py) and closes this one once its requests have ended. What is costly to compute
from the whole store (VoID) is computed once per ServedGraph and kept (until an update).

With the remote graph backend, the same reads and updates go to the SPARQL server (which
applies updates at once, for every reader).
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from api.graph_backends import GraphBackend
from api.settings import Settings
from api.sparql_pool import QueryRunner

logger = logging.getLogger(__name__)
T = TypeVar("T")


class UpdatesDisabledError(PermissionError):
    """No update token is configured: the endpoint is read-only."""


class UnauthorisedError(PermissionError):
    """An update without the right bearer token."""


class ServedGraph:
    def __init__(self, settings: Settings, services: Any) -> None:
        self.settings = settings
        self.backend: GraphBackend = services.graphs
        self.store: Any = services.store.ox
        self.generation: Path = services.generation
        self._writable: Any = None
        self._lock = threading.Lock()
        self._cache: dict[object, Any] = {}
        self._cache_locks: dict[object, threading.Lock] = {}
        self.pool: QueryRunner = self.backend.query_pool(
            self.generation, settings.sparql_max_concurrent, settings.sparql_timeout_s)

    @property
    def updatable(self) -> bool:
        return bool(self.settings.update_token)

    async def start(self) -> None:
        if self.updatable:
            self._writable = self.backend.open(self.generation, writable=True)
            self.store = self._writable.ox
            logger.warning("SPARQL updates are enabled for bearers of the update token")
        await self.pool.start()

    async def close(self) -> None:
        await self.pool.close()
        if self._writable is not None:
            self._writable.flush()
            self._writable.close()
            self.store = None
            self._writable = None

    def cached(self, key: object, compute: Callable[[], T]) -> T:
        """compute() once per key for this generation (concurrent callers wait for the first);
        an update clears it. Call it from a worker thread: compute() may read the whole store."""
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        with self._lock:
            lock = self._cache_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]  # type: ignore[no-any-return]

    def check_token(self, authorization: str | None) -> None:
        if not self.updatable:
            raise UpdatesDisabledError("this endpoint is read-only: SPARQL updates are refused "
                                  "(an operator can enable them with LAPEKG_UPDATE_TOKEN)")
        scheme, _, token = (authorization or "").partition(" ")
        expected = self.settings.update_token or ""
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                                 expected.encode()):
            raise UnauthorisedError("updates need 'Authorization: Bearer <update token>'")

    def update(self, text: str) -> None:
        """Apply an update to the writable store; workers reopen it before their next query."""
        from graph.sparql import run_update

        assert self._writable is not None
        with self._lock:
            run_update(self._writable.ox, text)
            self._cache.clear()
            self.pool.recycle()

    def modified(self) -> str | None:
        info = self.generation / "build.json"
        if not info.exists():
            return None
        import datetime

        stamp = info.stat().st_mtime
        return datetime.datetime.fromtimestamp(stamp, datetime.UTC).isoformat(timespec="seconds")
