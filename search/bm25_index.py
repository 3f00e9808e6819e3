"""Lexical index: BM25 (bm25s) over Voikko lemmas and compound parts."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

DIR_NAME = "bm25"


class BM25Index:
    """Scores passages (by position in `pids`) for a list of query terms."""

    def __init__(self, retriever, pids: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        self._retriever = retriever
        self.pids = pids

    @classmethod
    def build(cls, corpus_terms: Sequence[Sequence[str]], pids: Sequence[int]) -> BM25Index:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; its progress chatter is not ours to show.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        retriever = bm25s.BM25()
        # An empty passage would make bm25s fail; a placeholder term never matches a query.
        docs = [list(t) if t else ["\u2205"] for t in corpus_terms]
        if docs:
            retriever.index(docs, show_progress=False)
        return cls(retriever if docs else None, np.asarray(pids, dtype=np.int64))

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        if self._retriever is None:
            return []
        vocab = self._retriever.vocab_dict
        known = [t for t in terms if t in vocab]
        if not known:
            return []
        scores = self._retriever.get_scores(known)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.pids[i]), float(scores[i])) for i in top if scores[i] > 0]

    def save(self, directory: Path) -> None:
        target = directory / DIR_NAME
        target.mkdir(parents=True, exist_ok=True)
        np.save(target / "pids.npy", self.pids)
        if self._retriever is not None:
            self._retriever.save(str(target), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        import bm25s

        target = directory / DIR_NAME
        pids = np.load(target / "pids.npy")
        if len(pids) == 0:
            return cls(None, pids)
        retriever = bm25s.BM25.load(str(target), show_progress=False, mmap=False)
        return cls(retriever, pids)
