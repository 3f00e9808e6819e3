"""One request to a SPARQL worker over its pipe, awaited on the event loop without a thread.

The event loop writes the request and waits for the pipe to become readable (`add_reader`), so a
query costs no hop through a thread pool (two context switches fewer per query, which matters
most when the machine is busy). A reply is one pickled message with its body when the body is
small (up to INLINE_BYTES, read on the loop: one write, one wake-up), or a header followed by
the body as raw bytes, read in a thread so that other requests go on meanwhile.
"""

from __future__ import annotations

import asyncio
import pickle
from concurrent.futures import Executor
from multiprocessing.connection import Connection
from typing import Any

# A request this small fits the pipe's buffer: writing it never waits for the worker.
INLINE_REQUEST_BYTES = 32 * 1024
# A body up to this size is read on the event loop; a larger one in a thread.
INLINE_BYTES = 256 * 1024


class ExchangeTimeoutError(TimeoutError):
    """No reply within the time limit (the worker is still busy with the request)."""


async def exchange(conn: Connection, message: Any, timeout_s: float,
                   executor: Executor) -> tuple[Any, ...]:
    """Send `message`, wait at most `timeout_s` for the reply; return it as the worker's tuple
    ("ok", body, media, rss_mb) or ("error", class name, text, rss_mb).

    EOFError/OSError when the worker died, ExchangeTimeoutError past the limit."""
    loop = asyncio.get_running_loop()
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) <= INLINE_REQUEST_BYTES:
        conn.send_bytes(data)
    else:
        await loop.run_in_executor(executor, conn.send_bytes, data)
    await _readable(loop, conn.fileno(), timeout_s)
    head = conn.recv()
    if head[0] != "large":
        return tuple(head)
    _, media, rss_mb = head
    body = await loop.run_in_executor(executor, conn.recv_bytes)
    return ("ok", body, media, rss_mb)


def send_reply(conn: Connection, reply: tuple[Any, ...], rss_mb: float) -> None:
    """The worker's side. A body up to INLINE_BYTES goes in the reply itself (one write: the
    server wakes once); a larger one as a header, then the raw bytes (never pickled)."""
    if reply[0] == "ok" and len(reply[1]) > INLINE_BYTES:
        _, body, media = reply
        conn.send(("large", media, rss_mb))
        conn.send_bytes(body)
    else:
        conn.send((*reply, rss_mb))


async def _readable(loop: asyncio.AbstractEventLoop, fd: int, timeout_s: float) -> None:
    ready: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    def expire() -> None:
        if not ready.done():
            ready.set_exception(ExchangeTimeoutError())

    loop.add_reader(fd, wake)
    timer = loop.call_later(timeout_s, expire)
    try:
        await ready
    finally:
        timer.cancel()
        loop.remove_reader(fd)
