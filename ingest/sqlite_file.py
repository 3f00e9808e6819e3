"""A SQLite file that each process, and each thread in it, opens for itself: build workers are
forked, and a SQLite connection must cross neither a fork nor a thread (one document's encoder
runs in a thread beside its analysis, ingest/parallel.py). WAL mode lets the workers and the
parent read and write it at once. Used by the build's caches (ingest/analysis_cache.py,
search/vector_cache.py)."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class ProcessLocalSqlite:
    """`connection()` opens the file (and runs `setup` statements) once per process and
    thread."""

    def __init__(self, path: Path, setup: Sequence[str] = ()) -> None:
        self.path = path
        self.setup = tuple(setup)
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", -1) != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            for statement in self.setup:
                conn.execute(statement)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "pid", -1) == os.getpid():
            conn.close()
        self._local.conn = None

    def __getstate__(self) -> dict[str, Any]:
        # Picklable for worker processes: the connection is reopened on the other side.
        return {"path": self.path, "setup": self.setup}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()
