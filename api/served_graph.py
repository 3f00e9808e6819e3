"""The graph the HTTP app serves: a store to read, the SPARQL worker pool, and guarded updates.

Read-only unless the operator sets an update token. With a token, the app opens the live
generation's store for writing as well; entity pages, exports and (after each update, once the
workers reopen it) SPARQL queries read that store, so they see the updates. Search and ask keep
the snapshot they loaded at start. Updates persist in the live generation until the next
`lapekg build`; `lapekg add` copies them into the generation it makes.
"""

from __future__ import annotations

import hmac
import logging
import threading
from pathlib import Path
from typing import Any

from api.settings import Settings
from api.sparql_pool import QueryPool

logger = logging.getLogger(__name__)


class UpdatesDisabledError(PermissionError):
    """No update token is configured: the endpoint is read-only."""


class UnauthorisedError(PermissionError):
    """An update without the right bearer token."""


class ServedGraph:
    def __init__(self, settings: Settings, services: Any) -> None:
        self.settings = settings
        self.store_path: Path = services.generation / "store"
        self.store: Any = services.store.ox
        self.generation = services.generation
        self._writable: Any = None
        self._lock = threading.Lock()
        self.pool = QueryPool(self.store_path, settings.sparql_max_concurrent,
                              settings.sparql_timeout_s)

    @property
    def updatable(self) -> bool:
        return bool(self.settings.update_token)

    async def start(self) -> None:
        if self.updatable:
            import pyoxigraph as ox

            self._writable = ox.Store(str(self.store_path))
            self.store = self._writable
            logger.warning("SPARQL updates are enabled for bearers of the update token")
        await self.pool.start()

    async def close(self) -> None:
        await self.pool.close()
        if self._writable is not None:
            self._writable.flush()
            self.store = None
            self._writable = None

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
            run_update(self._writable, text)
            self.pool.recycle()

    def modified(self) -> str | None:
        info = self.generation / "build.json"
        if not info.exists():
            return None
        import datetime

        stamp = info.stat().st_mtime
        return datetime.datetime.fromtimestamp(stamp, datetime.UTC).isoformat(timespec="seconds")
