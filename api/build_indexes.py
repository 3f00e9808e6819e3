"""The search side of a generation as a build writes it, kept in step document by document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.bm25_index import TermCorpus
from search.passage_store import PassageStore
from search.records import StoredPassage
from search.vector_index import VectorIndex, load_index


@dataclass
class Indexes:
    """What search reads besides the graph, kept in step document by document: the passages,
    their vectors and their index terms (from which the BM25 index is computed at the end)."""

    passages: PassageStore
    dense: VectorIndex
    terms: TermCorpus

    @classmethod
    def load(cls, generation: Path, dsn: str | None) -> Indexes:
        passages = PassageStore.load(generation)
        terms = TermCorpus.load(generation)
        if terms is None:  # a generation written before generations kept their terms
            terms = TermCorpus()
            for p in passages:
                terms.add(p.pid, p.terms)
        return cls(passages, load_index(generation, dsn), terms)

    def remove(self, doc_key: str) -> None:
        gone = self.passages.remove_document(doc_key)
        self.dense.remove(gone)
        self.terms.remove(gone)

    def add(self, stored: Sequence[StoredPassage], vectors: Any) -> None:
        self.dense.add(vectors, [p.pid for p in stored])
        self.passages.add(stored)
        for p in stored:
            self.terms.add(p.pid, p.terms)

    def save(self, generation: Path) -> None:
        self.terms.index().save(generation)
        self.terms.save(generation)
        self.dense.save(generation)
        self.passages.save(generation)
