"""uvicorn's HTTP protocol, reaping connections that never finish a request head.

uvicorn arms its keep-alive timer only after a response: a client that connects and sends
nothing, or sends half a request head and stops, holds its connection (and a slot of the
connection limit) for ever. Here every connection must deliver a whole request head within
`timeout_keep_alive` seconds of connecting, or of its last response.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class ReapingH11Protocol(H11Protocol):
    _head_timer: asyncio.TimerHandle | None = None

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
