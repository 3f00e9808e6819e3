"""The dense-index interface and its backends by name: FAISS in-process (default) or pgvector."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest.errors import LapekgError

logger = logging.getLogger(__name__)

BACKEND_FILE = "vectors.backend.json"
BACKENDS = ("faiss", "pgvector")


class VectorIndex(Protocol):
    """Vectors keyed by passage ids; L2-normalised, so inner product is cosine."""

    def __len__(self) -> int: ...

    def add(self, vectors: np.ndarray, pids: Sequence[int]) -> None: ...

    def remove(self, pids: Sequence[int]) -> None: ...

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]: ...

    def save(self, directory: Path) -> None: ...


class UnknownBackendError(LapekgError):
    prefix = "unknown vector backend"
    hint = f"set LAPEKG_VECTOR_BACKEND to one of: {', '.join(BACKENDS)}"


def create_index(dim: int, backend: str = "faiss", spec: str = "Flat",
                 dsn: str | None = None) -> VectorIndex:
    """An empty index of the named backend; `spec` is a FAISS factory string or, for pgvector,
    'hnsw' or 'flat'."""
    if backend == "faiss":
        from search.faiss_index import FaissIndex

        return FaissIndex.create(dim, spec)
    if backend == "pgvector":
        from search.pgvector_index import PgVectorIndex

        return PgVectorIndex.create(dim, "hnsw" if spec == "Flat" else spec, dsn=dsn)
    raise UnknownBackendError(backend)


def load_index(directory: Path, dsn: str | None = None) -> VectorIndex:
    """The index a generation saved, whichever backend wrote it (`dsn` for pgvector; without
    it, the one in the generation's marker, which never holds a password)."""
    marker = directory / BACKEND_FILE
    backend = json.loads(marker.read_text())["backend"] if marker.exists() else "faiss"
    if backend == "faiss":
        from search.faiss_index import FaissIndex

        return FaissIndex.load(directory)
    if backend == "pgvector":
        from search.pgvector_index import PgVectorIndex

        return PgVectorIndex.load(directory, dsn)
    raise UnknownBackendError(backend)


def limit_threads(threads: int) -> None:
    """Threads for one query's encoding and vector search. A single query gains nothing from
    more on a small machine, and under load OpenMP threads spin against each other: measured
    here, a flat search over 20k vectors took 81 ms with two threads and 1.3 ms with one."""
    import sys

    import faiss

    faiss.omp_set_num_threads(threads)
    torch = sys.modules.get("torch")
    if torch is None:
        import torch
    torch.set_num_threads(threads)
