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
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from api.sparql_worker import WorkerLimits, worker_main

if TYPE_CHECKING:
    from graph.remote_store import RemoteGraphStore

logger = logging.getLogger(__name__)


class PoolBusyError(RuntimeError):
    """Every worker stayed busy for the whole wait."""


class QueryTimeoutError(RuntimeError):
    """The query ran past the time limit; its worker was stopped."""


class WorkerFailedError(RuntimeError):
    """A worker died for another reason (out of memory, a crash)."""


class MemoryLimitError(WorkerFailedError):
    """The worker went past its memory limit while running the query and was stopped."""


class QueryRunner(Protocol):
    """Runs "query" (text, accept, max_rows[, format name]) and "export" (text, format,
    max_rows) operations, returning (body, media type)."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    def recycle(self) -> None: ...

    async def run(self, op: str, *args: Any) -> tuple[bytes, str]: ...


@dataclass
class _Worker:
    process: Any
    conn: Connection
    epoch: int
    queries: int = 0
    rss_mb: float = 0.0

    def stop(self) -> None:
        """Ask the process to end, kill it if it does not, and reap it (no zombie)."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        with contextlib.suppress(ValueError, AssertionError):
            self.process.join(timeout=1)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(timeout=5)
        self.conn.close()
        with contextlib.suppress(ValueError):  # still running after kill + 5 s: leave it
            self.process.close()


class QueryPool:
    """`size` workers over the store at `store_path`; `run` gives each query `timeout_s`.

    The pool has `size` slots; each holds a live worker or None (to be started when next
    used), so a worker that died, timed out or could not start never shrinks the pool: every
    failure puts its slot back and the next request starts a fresh worker.
    """

    def __init__(self, store_path: Path, size: int, timeout_s: float,
                 wait_s: float | None = None, limits: WorkerLimits | None = None) -> None:
        self.store_path = store_path
        self.size = max(1, size)
        self.timeout_s = timeout_s
        self.wait_s = timeout_s if wait_s is None else wait_s
        self.limits = limits or WorkerLimits()
        self.epoch = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker | None] | None = None
        self._executor = ThreadPoolExecutor(self.size + 2, thread_name_prefix="sparql")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: dict[int, _Worker] = {}
        self._running = 0
        self._closed = False
        self._warned = False

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=worker_main,
                                    args=(child, str(self.store_path), self.limits),
                                    daemon=True, name="lapekg-sparql")
        process.start()
        child.close()
        try:
            if not parent.poll(60):
                raise WorkerFailedError("a SPARQL worker did not start within 60 s")
            hello = parent.recv()
        except (EOFError, OSError) as exc:
            hello = ("failed", f"the worker exited at start ({exc or 'no reply'})")
        except WorkerFailedError as exc:
            hello = ("failed", str(exc))
        if hello[0] != "ready":
            _Worker(process, parent, self.epoch).stop()
            raise WorkerFailedError(f"a SPARQL worker could not open the store: {hello[1]}")
        if hello[1] == "none" and self.limits.isolate_network and not self._warned:
            self._warned = True
            logger.warning("SPARQL workers could not be cut off the network (no network "
                           "namespace); only the query guard refuses SERVICE and LOAD")
        worker = _Worker(process, parent, self.epoch)
        self._workers[id(worker)] = worker
        return worker

    async def start(self) -> None:
        loop = self._loop = asyncio.get_running_loop()
        # Last in, first out: the worker that answered last takes the next query, its caches
        # (RocksDB's blocks, the parsed queries, the CPU's) still warm; the others sleep.
        self._idle = asyncio.LifoQueue()
        workers = await asyncio.gather(*(loop.run_in_executor(self._executor, self._spawn)
                                         for _ in range(self.size)), return_exceptions=True)
        for w in workers:
            if isinstance(w, BaseException):
                logger.error("a SPARQL worker did not start: %s", w)
            self._idle.put_nowait(w if isinstance(w, _Worker) else None)

    async def drain(self, timeout_s: float | None = None) -> None:
        """Wait until no query runs (at most `timeout_s`, default the query time limit)."""
        deadline = time.monotonic() + (self.timeout_s if timeout_s is None else timeout_s)
        while self._running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        """Stop and reap every worker; safe to call more than once. Queries still running get
        WorkerFailedError (call drain() first to let them end)."""
        if self._closed:
            return
        self._closed = True
        workers = list(self._workers.values())
        self._workers.clear()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._executor, w.stop) for w in workers),
                             return_exceptions=True)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _retire(self, worker: _Worker) -> None:
        self._workers.pop(id(worker), None)
        worker.stop()

    def recycle(self) -> None:
        """Make every worker reopen the store (after an update): new epoch, old workers retire."""
        self.epoch += 1

    async def run(self, op: str, *args: Any) -> tuple[bytes, str]:
        """Run one operation in a free worker; PoolBusyError, QueryTimeoutError,
        MemoryLimitError or WorkerFailedError past limits or on failures."""
        assert self._idle is not None, "QueryPool.start() was not awaited"
        if self._closed:
            raise WorkerFailedError("the SPARQL pool is closed")
        self._running += 1  # in flight from here: drain() waits for it
        try:
            return await self._run(op, args)
        finally:
            self._running -= 1

    async def _run(self, op: str, args: tuple[Any, ...]) -> tuple[bytes, str]:
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        try:
            # A free worker is taken at once; only a wait needs the timer of wait_for.
            slot = (self._idle.get_nowait() if not self._idle.empty()
                    else await asyncio.wait_for(self._idle.get(), self.wait_s))
        except TimeoutError as exc:
            raise PoolBusyError(f"all {self.size} SPARQL workers stayed busy for "
                                f"{self.wait_s:g} s") from exc
        worker: _Worker | None = slot
        reply: tuple[Any, ...] | None = None
        try:
            if worker is not None and (worker.epoch != self.epoch
                                       or not worker.process.is_alive()):
                await loop.run_in_executor(self._executor, self._retire, worker)
                worker = None
            if worker is None:
                worker = await loop.run_in_executor(self._executor, self._spawn)
            reply = await self._call(worker, op, args)
        finally:
            self._release(worker, reply)
        return self._answer(reply)

    def _release(self, worker: _Worker | None, reply: tuple[Any, ...] | None) -> None:
        """Give the slot back: the worker if it is healthy, else replace it off the loop."""
        assert self._idle is not None
        if worker is not None and reply is not None:
            worker.queries += 1
            worker.rss_mb = float(reply[-1])
            if not self._worn_out(worker):
                self._idle.put_nowait(worker)
                return
        if worker is None:
            self._idle.put_nowait(None)
            return
        with contextlib.suppress(OSError, ValueError, AssertionError):
            worker.process.kill()  # stop a runaway query now, not when a thread is free
        try:
            self._executor.submit(self._replace, worker)
        except RuntimeError:  # the pool is closing: reap here, the slot stays empty
            self._retire(worker)
            self._idle.put_nowait(None)

    def _worn_out(self, worker: _Worker) -> bool:
        limits = self.limits
        if limits.max_queries and worker.queries >= limits.max_queries:
            return True
        return bool(limits.recycle_rss_mb and worker.rss_mb > limits.recycle_rss_mb)

    def _answer(self, reply: tuple[Any, ...] | None) -> tuple[bytes, str]:
        assert reply is not None
        if reply[0] == "ok":
            return reply[1], reply[2]
        from graph import sparql

        if reply[1] == "MemoryError":
            raise MemoryLimitError(self._memory_message())
        error = getattr(sparql, reply[1], None)
        if isinstance(error, type) and issubclass(error, sparql.SparqlError):
            raise error(reply[2])
        raise WorkerFailedError(reply[2])

    def _memory_message(self) -> str:
        return (f"the query needed more memory than a SPARQL worker may use "
                f"({self.limits.memory_mb} MB, LAPEKG_SPARQL_WORKER_MEMORY_MB) and was "
                "stopped; add a LIMIT, avoid ORDER BY over large results, or narrow the "
                "query's patterns")

    async def _call(self, worker: _Worker, op: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """The request and its reply on the event loop (api.sparql_ipc), no thread hop."""
        from api.sparql_ipc import ExchangeTimeoutError, exchange

        started = time.monotonic()
        try:
            return await exchange(worker.conn, (op, args), self.timeout_s, self._executor)
        except ExchangeTimeoutError:  # before OSError: TimeoutError is one
            pass
        except (EOFError, OSError) as exc:
            loop = asyncio.get_running_loop()
            raise await loop.run_in_executor(self._executor, self._death, worker) from exc
        logger.warning("SPARQL %s stopped after %.1f s", op, time.monotonic() - started)
        raise QueryTimeoutError(f"the query ran past the endpoint's time limit of "
                                f"{self.timeout_s:g} s (LAPEKG_SPARQL_TIMEOUT_S) and was "
                                "stopped; narrow it or add a LIMIT")

    def _death(self, worker: _Worker) -> Exception:
        """Why a worker died under a query: its memory limit (aborted or killed) or a crash."""
        worker.process.join(timeout=2)
        code = worker.process.exitcode
        # Past RLIMIT_DATA, Oxigraph's allocator aborts the process (SIGABRT).
        if self.limits.memory_mb and code == -signal.SIGABRT:
            return MemoryLimitError(self._memory_message())
        if code == -signal.SIGKILL:
            return WorkerFailedError("the SPARQL worker was killed (the machine may be short of "
                                     "memory); try again, or narrow the query")
        return WorkerFailedError(f"the SPARQL worker stopped (exit code {code}); try again")

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        fresh: _Worker | None = None
        try:
            if not self._closed:
                fresh = self._spawn()
        except Exception:  # noqa: BLE001 - the slot goes back empty; the next run retries
            logger.exception("could not replace a SPARQL worker")
        assert self._idle is not None and self._loop is not None
        if self._closed and fresh is not None:
            self._retire(fresh)
            fresh = None
        # The queue belongs to the event loop; hand the slot over thread-safely.
        with contextlib.suppress(RuntimeError):  # the loop has closed
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
            query, accept, max_rows, *rest = (*args, None, None)[:4]
            if rest[0]:  # a format name: the server's own form decides what fits
                from graph.sparql import FORMAT_NAMES

                accept = FORMAT_NAMES.get(rest[0], accept)
            return remote_store.run_query(self.remote, query, accept, max_rows)
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
