"""Dense index: FAISS over L2-normalised e5 vectors; inner product equals cosine."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

FILE_NAME = "vectors.faiss"


class FaissIndex:
    """Vectors keyed by the passage ids of the passage store (add_with_ids)."""

    def __init__(self, index) -> None:  # type: ignore[no-untyped-def]
        self._index = index

    @classmethod
    def create(cls, dim: int, spec: str = "Flat") -> FaissIndex:
        import faiss

        inner = faiss.index_factory(dim, spec, faiss.METRIC_INNER_PRODUCT)
        if spec.startswith("HNSW"):
            inner.hnsw.efSearch = 96
        return cls(faiss.IndexIDMap2(inner))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray, pids: Sequence[int]) -> None:
        if len(pids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                     np.asarray(pids, dtype=np.int64))

    def remove(self, pids: Sequence[int]) -> None:
        import faiss

        if pids:
            self._index.remove_ids(faiss.IDSelectorBatch(np.asarray(pids, dtype=np.int64)))

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if len(self) == 0:
            return []
        scores, ids = self._index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1),
                                         min(k, len(self)))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self, directory: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(directory / FILE_NAME))

    @classmethod
    def load(cls, directory: Path) -> FaissIndex:
        import faiss

        return cls(faiss.read_index(str(directory / FILE_NAME)))
