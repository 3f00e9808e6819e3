"""Passage vectors kept across build generations, keyed by the encoder and the text's hash.

Encoding is most of a build's time, and a rebuild or an `add` sees mostly passages it has
encoded before. The cache lives in the data dir (``<data>/vector-cache/``), one SQLite file per
encoder identity (model and weights), so vectors of another encoder are never mixed in. Keys
are the SHA-1 of the exact text the encoder sees (prefix included); values are float32 rows.
Several build workers (forked processes) read and write it at once: each opens its own
connection after the fork, and SQLite's WAL mode lets them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.sqlite_file import ProcessLocalSqlite

logger = logging.getLogger(__name__)

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)"
_CHUNK = 500  # keys per SELECT ... IN (...), below SQLite's variable limit


def identity_key(identity: dict[str, object], dim: int) -> str:
    """A file name for one encoder identity: stable across runs and machines."""
    text = json.dumps({**identity, "dim": dim}, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class VectorCache:
    """Float32 vectors by text, for one encoder identity, on disk."""

    def __init__(self, folder: Path, identity: dict[str, object], dim: int) -> None:
        self.dim = dim
        self.path = folder / f"{identity_key(identity, dim)}.sqlite"
        self.identity = identity
        self._file = ProcessLocalSqlite(self.path, ["PRAGMA synchronous=NORMAL", _SCHEMA])

    def _db(self) -> sqlite3.Connection:
        return self._file.connection()

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.sha1(text.encode("utf-8")).digest()

    def get_many(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The cached vectors of `texts`, by their index in `texts`."""
        keys = [self.key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        db = self._db()
        for start in range(0, len(keys), _CHUNK):
            chunk = list(set(keys[start:start + _CHUNK]))
            marks = ",".join("?" * len(chunk))
            for key, blob in db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})",
                                        chunk):
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (self.dim,):
                    found[key] = vec
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def put_many(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(self.key(t), np.asarray(v, dtype=np.float32).tobytes())
                for t, v in zip(texts, vectors, strict=True)]
        db = self._db()
        meta = self.path.with_suffix(".json")  # which encoder the file is for, for a person
        if not meta.exists():
            meta.write_text(json.dumps({"identity": self.identity, "dim": self.dim}))
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def __len__(self) -> int:
        return int(self._db().execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        self._file.close()


class CachingEncoder:
    """An encoder whose passage vectors come from the cache where the text was seen before;
    only new texts are encoded (and then cached). Everything else is the wrapped encoder's."""

    def __init__(self, encoder: Any, cache: VectorCache) -> None:
        self.encoder = encoder
        self.cache = cache
        self.hits = 0
        self.misses = 0

    def encode_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return self._cached([self.encoder.passage_prefix + t for t in texts], texts,
                            lambda fresh: self.encoder.encode_passages(fresh, show_progress))

    def encode_labels(self, texts: Sequence[str]) -> np.ndarray:
        """Short texts compared with each other ('query: ' prefix): the descriptions of methods
        and their background sentences, encoded at every start of a build or add, come from
        the cache after the first."""
        return self._cached([self.encoder.query_prefix + t for t in texts], texts,
                            self.encoder.encode_labels)

    def _cached(self, full: Sequence[str], texts: Sequence[str],
                encode: Any) -> np.ndarray:
        """Vectors of `texts` (`full`: each as the encoder sees it, the cache's key); only those
        not in the cache go to `encode`, and are then cached."""
        try:
            cached = self.cache.get_many(full)
        except sqlite3.Error as exc:  # a broken cache costs speed, never the build
            logger.warning("vector cache %s unreadable (%s); encoding everything",
                           self.cache.path, exc)
            cached = {}
        missing = [i for i in range(len(texts)) if i not in cached]
        out = np.empty((len(texts), self.cache.dim), dtype=np.float32)
        for i, vec in cached.items():
            out[i] = vec
        if missing:
            fresh = encode([texts[i] for i in missing])
            out[missing] = fresh
            try:
                self.cache.put_many([full[i] for i in missing], fresh)
            except sqlite3.Error as exc:
                logger.warning("vector cache %s not written (%s)", self.cache.path, exc)
        self.hits += len(cached)
        self.misses += len(missing)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.encoder, name)
