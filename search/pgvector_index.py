"""Dense index in PostgreSQL with pgvector, behind FaissIndex's interface.

One table per generation (`lapekg_vectors_<id>`: pid bigint primary key, embedding vector(dim)).
A loaded index is copied on its first write, so `lapekg add` never changes the table the live
generation reads, just as FaissIndex.load gives an in-memory copy. The generation directory
keeps only a marker (table, dimension, DSN without password); libpq finds a password in
PGPASSWORD or ~/.pgpass. Vectors are L2-normalised, so inner product is cosine: `<#>` is
pgvector's negative inner product, and the HNSW index uses vector_ip_ops to match.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.errors import LapekgError

logger = logging.getLogger(__name__)

MARKER = "vectors.backend.json"
EF_SEARCH = 100


class PgVectorError(LapekgError):
    prefix = "cannot use the pgvector index"
    hint = ("set LAPEKG_PG_DSN to a PostgreSQL database where `CREATE EXTENSION vector` works "
            "(Debian: postgresql-NN-pgvector), and install psycopg: pip install 'lapekg[scale]'")


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector.tolist()) + "]"


def _public_dsn(dsn: str) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(dsn)
    params.pop("password", None)
    return make_conninfo(**params)


class PgVectorIndex:
    """Vectors keyed by passage ids in a PostgreSQL table; HNSW (approximate) or exact scan."""

    def __init__(self, dsn: str, table: str, dim: int, spec: str, owned: bool) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise PgVectorError("psycopg is not installed") from exc
        self.dsn = dsn
        self.table = table
        self.dim = dim
        self.spec = spec.lower()
        self._owned = owned  # False until the first write of a loaded index copies its table
        try:
            self._conn = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as exc:
            raise PgVectorError(f"{_public_dsn(dsn)}: {exc}") from exc
        self._conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        self._conn.execute(f"SET hnsw.ef_search = {EF_SEARCH}")

    @classmethod
    def create(cls, dim: int, spec: str = "hnsw", dsn: str | None = None) -> PgVectorIndex:
        if not dsn:
            raise PgVectorError("no DSN given (LAPEKG_PG_DSN)")
        index = cls(dsn, f"lapekg_vectors_{uuid.uuid4().hex[:12]}", dim, spec, owned=True)
        index._create_table()
        return index

    def _create_table(self) -> None:
        self._conn.execute(f"CREATE TABLE {self.table} (pid bigint PRIMARY KEY, "
                           f"embedding vector({self.dim}) NOT NULL)")

    def _own(self) -> None:
        if self._owned:
            return
        source = self.table
        self.table = f"lapekg_vectors_{uuid.uuid4().hex[:12]}"
        with self._conn.transaction():
            self._create_table()
            self._conn.execute(f"INSERT INTO {self.table} SELECT pid, embedding FROM {source}")
        self._owned = True

    def __len__(self) -> int:
        row = self._conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()
        return int(row[0]) if row else 0

    def add(self, vectors: np.ndarray, pids: Sequence[int]) -> None:
        if not len(pids):
            return
        self._own()
        vectors = np.asarray(vectors, dtype=np.float32)
        with self._conn.cursor() as cur, cur.copy(
                f"COPY {self.table} (pid, embedding) FROM STDIN") as copy:
            for pid, vector in zip(pids, vectors, strict=True):
                copy.write_row((int(pid), _literal(vector)))

    def remove(self, pids: Sequence[int]) -> None:
        if pids:
            self._own()
            self._conn.execute(f"DELETE FROM {self.table} WHERE pid = ANY(%s)",
                               ([int(p) for p in pids],))

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        rows = self._conn.execute(
            f"SELECT pid, -(embedding <#> %s::vector) FROM {self.table} "
            f"ORDER BY embedding <#> %s::vector LIMIT %s",
            (_literal(np.asarray(vector, dtype=np.float32).ravel()),) * 2 + (int(k),)).fetchall()
        return [(int(pid), float(score)) for pid, score in rows]

    def save(self, directory: Path) -> None:
        """Build the HNSW index if wanted and write the marker (temp file, then rename)."""
        if self.spec == "hnsw":
            self._conn.execute(f"CREATE INDEX IF NOT EXISTS {self.table}_hnsw ON {self.table} "
                               "USING hnsw (embedding vector_ip_ops)")
        self._conn.execute(f"ANALYZE {self.table}")
        marker = {"backend": "pgvector", "table": self.table, "dim": self.dim,
                  "spec": self.spec, "dsn": _public_dsn(self.dsn)}
        tmp = directory / (MARKER + ".tmp")
        tmp.write_text(json.dumps(marker))
        os.replace(tmp, directory / MARKER)

    @classmethod
    def load(cls, directory: Path, dsn: str | None = None) -> PgVectorIndex:
        marker = json.loads((directory / MARKER).read_text())
        return cls(dsn or marker["dsn"], marker["table"],
                   int(marker["dim"]), marker["spec"], owned=False)

    def drop(self) -> None:
        """Remove this index's table (a pruned generation's, for instance)."""
        self._conn.execute(f"DROP TABLE IF EXISTS {self.table}")

    def close(self) -> None:
        self._conn.close()
