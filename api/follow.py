"""The server follows CURRENT: a new generation is loaded off the event loop and swapped in
between requests; the one it replaces closes once the requests that began before the swap end.

Routes keep reading `request.app.state.services` and `request.app.state.graph`. A request that
began before a swap may read the old or the new pair; either stays open until it ends, because
a retired pair closes only when no request that began before its retirement is in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from api.generations import POINTER, Generations
from api.settings import Settings

logger = logging.getLogger(__name__)

# (settings, the services being replaced or None) -> services over the generation CURRENT names
Loader = Callable[[Settings, Any], Any]
# A generation that failed to load is tried again after this long (or when CURRENT moves on).
RETRY_S = 30.0


@dataclass
class Served:
    services: Any  # api.components.Services
    graph: Any  # api.served_graph.ServedGraph
    owned: bool = True  # loaded here (closed here), not handed in by a test


class Follower:
    """Holds the served pair in `state` (the app's state) and swaps it when CURRENT moves."""

    def __init__(self, settings: Settings, state: Any, loader: Loader,
                 interval_s: float = 1.0) -> None:
        self.settings = settings
        self.state = state
        self.loader = loader
        self.interval_s = interval_s
        self.generations = Generations(settings.data)
        self.current: Served | None = None
        self.epoch = 0
        self.switches = 0
        self._inflight: Counter[int] = Counter()
        self._retired: list[tuple[int, Served]] = []
        self._closing: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._pointer_stat: tuple[int, int] | None = None
        self._failed: tuple[str, float] | None = None
        self._switch_lock = asyncio.Lock()

    async def start(self, services: Any, *, owned: bool, follow: bool) -> None:
        self.current = await self._serve(services, owned)
        self._publish()
        if follow:
            self._pointer_stat = self._stat()
            self._task = asyncio.get_running_loop().create_task(self._poll())

    async def _serve(self, services: Any, owned: bool) -> Served:
        from api.served_graph import ServedGraph

        graph = ServedGraph(self.settings, services)
        await graph.start()
        return Served(services, graph, owned)

    def _publish(self) -> None:
        assert self.current is not None
        self.state.services = self.current.services
        self.state.graph = self.current.graph

    # Requests ----------------------------------------------------------------------------
    def request_started(self) -> int:
        self._inflight[self.epoch] += 1
        return self.epoch

    def request_ended(self, epoch: int) -> None:
        self._inflight[epoch] -= 1
        if not self._inflight[epoch]:
            del self._inflight[epoch]
        self._collect()

    def _collect(self) -> None:
        """Close the retired pairs that no request in flight can still be using."""
        oldest = min(self._inflight, default=self.epoch + 1)
        ready = [(e, served) for e, served in self._retired if oldest >= e]
        for item in ready:
            self._retired.remove(item)
            task = asyncio.get_running_loop().create_task(self._close(item[1]))
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    async def _close(self, served: Served) -> None:
        try:
            await served.graph.close()
        finally:
            if served.owned:
                await anyio.to_thread.run_sync(served.services.close)
        logger.info("closed generation %s", served.services.generation.name)

    # Following CURRENT -------------------------------------------------------------------
    def _stat(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.settings.data / POINTER)
        except FileNotFoundError:
            return None
        return info.st_ino, info.st_mtime_ns

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.check()
            except Exception:  # noqa: BLE001 - keep serving the old generation, log why
                logger.exception("could not switch to the new generation")

    async def check(self, force: bool = False) -> bool:
        """Switch when CURRENT names another generation than the one served; True if it did.

        A stat of CURRENT decides whether to look further, so calling it often is cheap."""
        stat = self._stat()
        if not force and stat == self._pointer_stat:
            return False
        self._pointer_stat = stat
        async with self._switch_lock:
            assert self.current is not None
            name = self.generations.current_name()
            if name is None or name == self.current.services.generation.name:
                return False
            if self._failed and self._failed[0] == name and \
                    time.monotonic() - self._failed[1] < RETRY_S:
                self._pointer_stat = None  # look again at the next poll
                return False
            try:
                await self._switch()
            except Exception:
                self._failed = (name, time.monotonic())
                self._pointer_stat = None
                raise
            self._failed = None
            return True

    async def _switch(self) -> None:
        assert self.current is not None
        previous = self.current
        services = await anyio.to_thread.run_sync(self.loader, self.settings, previous.services)
        if services.generation.name == previous.services.generation.name:
            await anyio.to_thread.run_sync(services.close)
            return
        try:
            await anyio.to_thread.run_sync(services.warm_up)
            fresh = await self._serve(services, owned=True)
        except BaseException:
            await anyio.to_thread.run_sync(services.close)
            raise
        self.epoch += 1
        self.current = fresh
        self._publish()
        self.switches += 1
        self._retired.append((self.epoch, previous))
        logger.warning("now serving generation %s (was %s)", services.generation.name,
                       previous.services.generation.name)
        self._collect()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for task in list(self._closing):
            with contextlib.suppress(Exception):
                await task
        for _, served in self._retired:
            await self._close(served)
        self._retired.clear()
        if self.current is not None:
            await self._close(self.current)
            self.current = None


class InFlight:
    """ASGI middleware: marks each HTTP request in flight with the Follower (until its response
    is sent whole, streamed bodies included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        follower = getattr(scope["app"].state, "follower", None) if "app" in scope else None
        if scope["type"] != "http" or follower is None:
            await self.app(scope, receive, send)
            return
        epoch = follower.request_started()
        try:
            await self.app(scope, receive, send)
        finally:
            follower.request_ended(epoch)
