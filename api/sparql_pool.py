"""SPARQL in worker processes: a hard time limit (the worker is killed) and a concurrency cap.

Oxigraph cannot interrupt a running query, so each query runs in one of a few worker processes
that hold the store open read-only; a query past its time limit costs its worker, which is
replaced. Callers wait a bounded time for a free worker and are told to come back otherwise.
With the graph on a remote SPARQL server, RemoteQueryPool runs the same operations as HTTP
requests under the same cap and time limit (the server stops its own long queries).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from graph.remote_store import RemoteGraphStore

logger = logging.getLogger(__name__)


class PoolBusyError(RuntimeError):
    """Every worker stayed busy for the whole wait."""


class QueryTimeoutError(RuntimeError):
    """The query ran past the time limit; its worker was stopped."""


class WorkerFailedError(RuntimeError):
    """A worker died for another reason (out of memory, a crash)."""


def _worker_main(conn: Connection, store_path: str) -> None:
    """The worker loop: open the store read-only, answer (op, args) until told to stop."""
    import pyoxigraph as ox

    from graph.export import construct_export
    from graph.sparql import SparqlError, run_query

    store = ox.Store.read_only(store_path)
    ops = {"query": run_query, "export": construct_export}
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        op, args = message
        try:
            body, media = ops[op](store, *args)
            conn.send(("ok", body, media))
        except SparqlError as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the caller, the worker lives on
            conn.send(("error", "Exception", f"{type(exc).__name__}: {exc}"))


class QueryRunner(Protocol):
    """Runs "query" (text, accept, max_rows) and "export" (text, format, max_rows) operations,
    returning (body, media type)."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    def recycle(self) -> None: ...

    async def run(self, op: str, *args: Any) -> tuple[bytes, str]: ...


@dataclass
class _Worker:
    process: Any
    conn: Connection
    epoch: int

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """`size` workers over the store at `store_path`; `run` gives each query `timeout_s`."""

    def __init__(self, store_path: Path, size: int, timeout_s: float,
                 wait_s: float | None = None) -> None:
        self.store_path = store_path
        self.size = max(1, size)
        self.timeout_s = timeout_s
        self.wait_s = timeout_s if wait_s is None else wait_s
        self.epoch = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._executor = ThreadPoolExecutor(self.size + 2, thread_name_prefix="sparql")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: dict[int, _Worker] = {}

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, str(self.store_path)),
                                    daemon=True, name="lapekg-sparql")
        process.start()
        child.close()
        if not parent.poll(60):
            process.kill()
            raise WorkerFailedError("a SPARQL worker did not start within 60 s")
        parent.recv()
        worker = _Worker(process, parent, self.epoch)
        self._workers[id(worker)] = worker
        return worker

    async def start(self) -> None:
        loop = self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(loop.run_in_executor(self._executor, self._spawn)
                                         for _ in range(self.size)))
        for w in workers:
            self._idle.put_nowait(w)

    async def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        for worker in list(self._workers.values()):
            self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        self._workers.pop(id(worker), None)
        worker.stop()

    def recycle(self) -> None:
        """Make every worker reopen the store (after an update): new epoch, old workers retire."""
        self.epoch += 1

    async def run(self, op: str, *args: Any) -> tuple[bytes, str]:
        """Run one operation in a free worker; PoolBusyError or QueryTimeoutError past limits."""
        assert self._idle is not None, "QueryPool.start() was not awaited"
        loop = asyncio.get_running_loop()
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.wait_s)
        except TimeoutError as exc:
            raise PoolBusyError(f"all {self.size} SPARQL workers stayed busy for "
                           f"{self.wait_s:g} s") from exc
        keep = False
        try:
            if worker.epoch != self.epoch or not worker.process.is_alive():
                self._retire(worker)
                worker = await loop.run_in_executor(self._executor, self._spawn)
            reply = await loop.run_in_executor(self._executor, self._call, worker, op, args)
            keep = True
        finally:
            if keep:
                self._idle.put_nowait(worker)
            else:
                worker.process.kill()  # stop the runaway query now, not when a thread is free
                with contextlib.suppress(RuntimeError):  # the pool is closing
                    loop.run_in_executor(self._executor, self._replace, worker)
        if reply[0] == "ok":
            return reply[1], reply[2]
        from graph import sparql

        error = getattr(sparql, reply[1], None)
        if isinstance(error, type) and issubclass(error, sparql.SparqlError):
            raise error(reply[2])
        raise WorkerFailedError(reply[2])

    def _call(self, worker: _Worker, op: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
        started = time.monotonic()
        try:
            worker.conn.send((op, args))
            if worker.conn.poll(self.timeout_s):
                return worker.conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError) as exc:
            raise WorkerFailedError(f"the SPARQL worker stopped: {exc}") from exc
        logger.warning("SPARQL %s stopped after %.1f s", op, time.monotonic() - started)
        raise QueryTimeoutError(f"the query ran past the endpoint's time limit of "
                           f"{self.timeout_s:g} s (LAPEKG_SPARQL_TIMEOUT_S) and was stopped; "
                           "narrow it or add a LIMIT")

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        self._retire(worker)
        try:
            fresh = self._spawn()
        except WorkerFailedError:
            logger.exception("could not replace a SPARQL worker")
            return
        assert self._idle is not None and self._loop is not None
        # The queue belongs to the event loop; hand the worker over thread-safely.
        self._loop.call_soon_threadsafe(self._idle.put_nowait, fresh)


class RemoteQueryPool:
    """At most `size` requests at a time to the remote server, each with `timeout_s` (the
    store's HTTP timeout); failures map to the errors QueryPool raises."""

    def __init__(self, remote: RemoteGraphStore, size: int, timeout_s: float,
                 wait_s: float | None = None) -> None:
        self.remote = remote
        self.size = max(1, size)
        self.timeout_s = timeout_s
        self.wait_s = timeout_s if wait_s is None else wait_s
        self._slots: asyncio.Semaphore | None = None
        self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="sparql-remote")

    async def start(self) -> None:
        self._slots = asyncio.Semaphore(self.size)

    async def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self.remote.close()

    def recycle(self) -> None:
        """Nothing to reopen: the server sees its own updates."""

    def _call(self, op: str, args: tuple[Any, ...]) -> tuple[bytes, str]:
        from graph import remote_store
        from graph.export import construct_export

        if op == "query":
            return remote_store.run_query(self.remote, *args)
        if op == "export":
            return construct_export(self.remote.ox, *args)
        raise ValueError(f"unknown operation {op!r}")

    async def run(self, op: str, *args: Any) -> tuple[bytes, str]:
        from graph.remote_store import RemoteStoreError, RemoteTimeoutError

        assert self._slots is not None, "RemoteQueryPool.start() was not awaited"
        try:
            await asyncio.wait_for(self._slots.acquire(), self.wait_s)
        except TimeoutError as exc:
            raise PoolBusyError(f"all {self.size} SPARQL request slots stayed busy for "
                                f"{self.wait_s:g} s") from exc
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, self._call, op, args)
        except RemoteTimeoutError as exc:
            raise QueryTimeoutError(f"the query ran past the endpoint's time limit of "
                                    f"{self.timeout_s:g} s (LAPEKG_SPARQL_TIMEOUT_S); narrow it "
                                    "or add a LIMIT") from exc
        except RemoteStoreError as exc:
            raise WorkerFailedError(str(exc)) from exc
        finally:
            self._slots.release()
