"""Helpers for the API tests (not fixtures): app clients with changed settings, live servers."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.http import create_app


@contextlib.contextmanager
def app_client(built, services, **overrides) -> Iterator[TestClient]:
    """The app with some settings changed (limits, token, CORS) for one test."""
    settings = built[0].model_copy(update=overrides)
    with TestClient(create_app(settings, services)) as client:
        yield client


def copy_of_build(services, tmp_path):
    """Services over a private copy of the live store, for tests that write to it."""
    from graph.store import GraphStore

    generation = tmp_path / "generation"
    generation.mkdir()
    services.store.backup(generation / "store")
    (generation / "build.json").write_text("{}")
    return dataclasses.replace(services, generation=generation,
                               store=GraphStore(generation / "store", read_only=True))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def live_server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """uvicorn on a free loopback port in a thread; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
