"""A SQLite file that each process opens for itself: build workers are forked, and a SQLite
connection must not cross a fork. WAL mode lets the workers and the parent read and write it
at once. Used by the build's caches (ingest/analysis_cache.py, search/vector_cache.py)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class ProcessLocalSqlite:
    """`connection()` opens the file (and runs `setup` statements) once per process."""

    def __init__(self, path: Path, setup: Sequence[str] = ()) -> None:
        self.path = path
        self.setup = tuple(setup)
        self._conn: sqlite3.Connection | None = None
        self._pid = -1

    def connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            for statement in self.setup:
                conn.execute(statement)
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    def __getstate__(self) -> dict[str, Any]:
        # Picklable for worker processes: the connection is reopened on the other side.
        return {**self.__dict__, "_conn": None, "_pid": -1}
