"""uvicorn's HTTP protocols, reaping connections that never finish a request head.

uvicorn arms its keep-alive timer only after a response: a client that connects and sends
nothing, or sends half a request head and stops, holds its connection (and a slot of the
connection limit) for ever. Here every connection must deliver a whole request head within
`timeout_keep_alive` seconds of connecting, or of its last response.

`lapekg serve` runs `ReapingHttpToolsProtocol` (httptools, uvicorn's C parser: a fraction of
h11's CPU per request, bench/FINDINGS-sparql-overhead.md) when httptools is installed, else
`ReapingH11Protocol`. httptools has no limit of its own on a request head, so ours applies the
one given to h11 (uvicorn's `h11_max_incomplete_event_size`, 16 KB unless set; lapekg sets it
from `max_request_bytes`): a longer head gets the same 400 as from h11, and the connection
closes.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

# h11's own limit on an incomplete event, which uvicorn uses when the option is not set.
DEFAULT_HEAD_LIMIT = 16 * 1024
_INVALID = "Invalid HTTP request received."  # uvicorn's 400 text, from either parser


class _HeadDeadline:
    """A connection's deadline for a whole request head (mixed into a uvicorn protocol that
    has `loop`, `transport` and `timeout_keep_alive`)."""

    _head_timer: asyncio.TimerHandle | None = None
    loop: asyncio.AbstractEventLoop
    transport: Any
    timeout_keep_alive: float

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.timeout_keep_alive, self._reap)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _reap(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()


class ReapingH11Protocol(_HeadDeadline, H11Protocol):
    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:
            self._arm()  # still waiting for the rest of the head; the first deadline holds
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm()  # uvicorn's own keep-alive timer takes over until the next byte

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


class _HeadTooLongError(Exception):
    """Raised inside a parser callback: httptools turns it into its parser error, which
    uvicorn answers with 400 and a closed connection."""


def _httptools_protocol() -> type | None:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is not installed
        return None

    class ReapingHttpToolsProtocol(_HeadDeadline, HttpToolsProtocol):
        """uvicorn's httptools protocol with the head deadline and a head size limit."""

        _in_head = True  # the parser is between messages or inside a request head
        _head_bytes = 0  # bytes received since the head began (more for a pipelined one)
        _head_size = 0  # the parsed head's URL and header lines

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            limit = self.config.h11_max_incomplete_event_size
            self._head_limit = DEFAULT_HEAD_LIMIT if limit is None else limit
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            if self.transport.is_closing():
                self._disarm()
            elif self._in_head and self._head_bytes > self._head_limit:
                # A head still unfinished past the limit: the parser holds what it read of
                # a header, so stop it here (a finished head is checked in the callbacks).
                # Pipelined behind a response still being sent, it only closes.
                self._disarm()
                if self._waiting():
                    self.send_400_response(_INVALID)
                else:
                    self.transport.close()
            elif self._waiting():
                self._arm()  # the first deadline holds
            else:
                self._disarm()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._head_size = 0

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head, self._head_bytes = True, 0

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._waiting() and self._head_bytes:
                self._arm()  # part of the next head came during the response
            else:
                self._disarm()  # uvicorn's own keep-alive timer takes over until the next byte

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _waiting(self) -> bool:
            """No request is being answered and the next head is not whole yet."""
            return self._in_head and (self.cycle is None or self.cycle.response_complete)

        def _count(self, size: int) -> None:
            self._head_size += size
            if self._head_size > self._head_limit:
                raise _HeadTooLongError(f"request head over {self._head_limit} bytes")

    return ReapingHttpToolsProtocol


ReapingHttpToolsProtocol = _httptools_protocol()


def reaping_protocol() -> type:
    """The protocol `lapekg serve` runs: httptools' when it is installed, else h11's."""
    return ReapingHttpToolsProtocol or ReapingH11Protocol
