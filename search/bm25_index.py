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
            _index(retriever, docs)
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


def _index(retriever, docs: Sequence[Sequence[str]]) -> None:  # type: ignore[no-untyped-def]
    """bm25s's `index` (its default Lucene BM25) computed with whole-array numpy operations.

    bm25s counts terms with a Python Counter per passage: 2 CPU seconds for the 28 k passages
    of the 100x bench corpus, re-done by every `add`. Here one np.unique over (term, passage)
    keys gives the same term frequencies, document frequencies and score matrix (in bm25s's
    CSC layout: a column per term, rows by passage) in a fifth of that. The vocabulary is
    numbered in order of first appearance (bm25s numbers it in set order)."""
    k1, b = float(retriever.k1), float(retriever.b)
    if retriever.method != "lucene" or retriever.idf_method != "lucene":
        raise ValueError(f"BM25 variant {retriever.method!r}: only lucene is computed here")
    vocab: dict[str, int] = {}
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    terms = np.fromiter((vocab.setdefault(t, len(vocab)) for d in docs for t in d),
                        dtype=np.int64, count=int(lengths.sum()))
    n_docs, n_vocab = len(docs), len(vocab)
    keys, tf = np.unique(terms * n_docs + np.repeat(np.arange(n_docs), lengths),
                         return_counts=True)  # sorted by term, then passage: CSC order
    term, doc = keys // n_docs, keys % n_docs
    counts = np.bincount(term, minlength=n_vocab)  # document frequency of each term
    idf = np.log(1 + (n_docs - counts + 0.5) / (counts + 0.5)).astype(np.float32)
    tf32 = tf.astype(np.float32)
    norm = (k1 * ((1 - b) + b * lengths[doc] / lengths.mean())).astype(np.float32)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    retriever.scores = {"data": (idf[term] * (tf32 / (norm + tf32))).astype(np.float32),
                        "indices": doc.astype(np.int32), "indptr": indptr, "num_docs": n_docs}
    retriever.nonoccurrence_array = None
    if "" not in vocab:
        vocab[""] = n_vocab  # bm25s's empty token: in the vocabulary, without a column
    retriever.vocab_dict = vocab
    retriever.unique_token_ids_set = set(vocab.values())
