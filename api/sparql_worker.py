"""The inside of a SPARQL worker process: no network, a memory limit, then the query loop.

The parse-tree guard (graph.sparql_guard) refuses SERVICE and LOAD; this is the second wall.
At start, before it reads any request, the worker moves into a network namespace of its own
(Linux `unshare(CLONE_NEWNET)`, as root; as another user, inside a new user namespace), where
only a loopback interface exists and it is down: no connection can leave the process, not even
to the host's own 127.0.0.1. The pipe to the parent was opened before and keeps working.

The memory limit is RLIMIT_DATA (heap and anonymous mappings, the memory a query grows), or
RLIMIT_AS where the kernel lacks it. Oxigraph aborts the process when an allocation fails: the
pool sees the worker die and reports the limit.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

logger = logging.getLogger(__name__)

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
_M_ARENA_MAX = -8


@dataclass(frozen=True)
class WorkerLimits:
    """Per-worker limits. memory_mb 0 = none; recycle after max_queries operations or once the
    worker's resident memory passed recycle_rss_mb (0 = never)."""

    memory_mb: int = 1500
    max_queries: int = 1000
    recycle_rss_mb: int = 1000
    isolate_network: bool = True


def worker_limits(settings: Any) -> WorkerLimits:
    """The limits the settings (LAPEKG_SPARQL_WORKER_*) give."""
    return WorkerLimits(memory_mb=settings.sparql_worker_memory_mb,
                        max_queries=settings.sparql_worker_max_queries,
                        recycle_rss_mb=settings.sparql_worker_recycle_rss_mb)


def isolate_network() -> str:
    """Cut this process off the network; returns how ("netns", "userns+netns") or "none"."""
    name = ctypes.util.find_library("c")
    if name is None:
        return "none"
    libc = ctypes.CDLL(name, use_errno=True)
    for flags, how in ((CLONE_NEWNET, "netns"), (CLONE_NEWUSER | CLONE_NEWNET, "userns+netns")):
        if libc.unshare(flags) == 0:
            return how
    return "none"


def limit_memory(megabytes: int) -> str:
    """Cap the data segment (or the address space) of this process at `megabytes`."""
    import resource

    if megabytes <= 0:
        return "none"
    # Few malloc arenas: each thread's arena would otherwise reserve 64 MB up front.
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.mallopt(_M_ARENA_MAX, 2)
    limit = megabytes * 1024 * 1024
    for name in ("RLIMIT_DATA", "RLIMIT_AS"):
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        try:
            resource.setrlimit(kind, (limit, limit))
        except (ValueError, OSError):
            continue
        return name
    return "none"


def resident_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def worker_main(conn: Connection, store_path: str, limits: WorkerLimits) -> None:
    """Open the store read-only and answer (op, args) messages until told to stop.

    Replies: ("ok", body, media, rss_mb) or ("error", class name, message, rss_mb).
    """
    network = isolate_network() if limits.isolate_network else "off"
    memory = limit_memory(limits.memory_mb)
    try:
        import pyoxigraph as ox

        store = ox.Store.read_only(store_path)
    except Exception as exc:  # noqa: BLE001 - told to the parent, which reports it
        conn.send(("failed", f"{type(exc).__name__}: {str(exc)[:300]}"))
        return
    conn.send(("ready", network, memory))
    _serve(conn, store)


def _serve(conn: Connection, store: Any) -> None:
    from api.sparql_ipc import send_reply
    from graph.sparql import SparqlError, run_query
    from graph.sparql_guard import inspect_query

    def export(store: Any, query: str, fmt: str, max_rows: int | None = None) -> Any:
        from graph.export import construct_export

        inspect_query(query)
        return construct_export(store, query, fmt, max_rows)

    ops = {"query": run_query, "export": export}
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        op, args = message
        try:
            body, media = ops[op](store, *args)
            reply: tuple[Any, ...] = ("ok", body, media)
        except SparqlError as exc:
            reply = ("error", type(exc).__name__, str(exc))
        except MemoryError:
            reply = ("error", "MemoryError", "")
        except Exception as exc:  # noqa: BLE001 - reported to the caller, the worker lives on
            reply = ("error", "Exception", f"{type(exc).__name__}: {str(exc)[:300]}")
        send_reply(conn, reply, resident_mb())
