"""Lexical index: BM25 (bm25s) over Voikko lemmas and compound parts."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

DIR_NAME = "bm25"
CORPUS_FILE = "terms.npz"  # TermCorpus: each passage's term ids
VOCAB_FILE = "terms-vocab.json"  # TermCorpus: the terms, by id
EMPTY = "\u2205"  # the one term of a passage without terms


class BM25Index:
    """Scores passages (by position in `pids`) for a list of query terms."""

    def __init__(self, retriever, pids: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        self._retriever = retriever
        self.pids = pids

    @classmethod
    def build(cls, corpus_terms: Sequence[Sequence[str]], pids: Sequence[int]) -> BM25Index:
        corpus = TermCorpus()
        for pid, terms in zip(pids, corpus_terms, strict=True):
            corpus.add(int(pid), terms)
        return corpus.index()

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


class TermCorpus:
    """Each passage's index terms as ids of one vocabulary, by passage id: what the BM25 index
    is computed from. A generation keeps it beside the index, so that an `add` extends it
    rather than reading every passage's terms again. Terms of removed passages stay in the
    vocabulary without postings, which changes no score."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.rows: dict[int, np.ndarray] = {}  # passage id -> its term ids, in index order

    def add(self, pid: int, terms: Sequence[str]) -> None:
        # An empty passage would make bm25s fail; a placeholder term never matches a query.
        words = list(terms) or [EMPTY]
        self.rows[pid] = np.fromiter((self.vocab.setdefault(t, len(self.vocab)) for t in words),
                                     dtype=np.int32, count=len(words))

    def remove(self, pids: Sequence[int]) -> None:
        for pid in pids:
            self.rows.pop(pid, None)

    def index(self) -> BM25Index:
        """bm25s's `index` (its default Lucene BM25) over these passages, computed with
        whole-array numpy operations.

        bm25s counts terms with a Python Counter per passage: 2 CPU seconds for the 28 k
        passages of the 100x bench corpus, again on every `add`. One np.unique over (term,
        passage) keys gives the same term and document frequencies and score matrix (in bm25s's
        CSC layout: a column per term, rows by passage) in a fifth of that."""
        import bm25s

        # bm25s sets its own logger to DEBUG on import; its progress chatter is not ours to show.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        pids = np.fromiter(self.rows, dtype=np.int64, count=len(self.rows))
        if not len(pids):
            return BM25Index(None, pids)
        retriever = bm25s.BM25()
        if retriever.method != "lucene" or retriever.idf_method != "lucene":
            raise ValueError(f"BM25 variant {retriever.method!r}: only lucene is computed here")
        k1, b = float(retriever.k1), float(retriever.b)
        rows = list(self.rows.values())
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        terms = np.concatenate(rows).astype(np.int64)
        n_docs, n_vocab = len(rows), len(self.vocab)
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
                            "indices": doc.astype(np.int32), "indptr": indptr,
                            "num_docs": n_docs}
        retriever.nonoccurrence_array = None
        vocab = dict(self.vocab)
        if "" not in vocab:
            vocab[""] = n_vocab  # bm25s's empty token: in the vocabulary, without a column
        retriever.vocab_dict = vocab
        retriever.unique_token_ids_set = set(vocab.values())
        return BM25Index(retriever, pids)

    def save(self, directory: Path) -> None:
        target = directory / DIR_NAME
        target.mkdir(parents=True, exist_ok=True)
        rows = list(self.rows.values())
        np.savez(target / CORPUS_FILE,
                 pids=np.fromiter(self.rows, dtype=np.int64, count=len(rows)),
                 lengths=np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows)),
                 terms=np.concatenate(rows) if rows else np.zeros(0, dtype=np.int32))
        (target / VOCAB_FILE).write_text(json.dumps(list(self.vocab), ensure_ascii=False),
                                         encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> TermCorpus | None:
        """The corpus a generation saved; None for a generation written without one."""
        target = directory / DIR_NAME
        if not (target / CORPUS_FILE).exists() or not (target / VOCAB_FILE).exists():
            return None
        corpus = cls()
        words = json.loads((target / VOCAB_FILE).read_text(encoding="utf-8"))
        corpus.vocab = {word: i for i, word in enumerate(words)}
        with np.load(target / CORPUS_FILE) as saved:
            pids, lengths, terms = saved["pids"], saved["lengths"], saved["terms"]
        ends = np.cumsum(lengths)
        corpus.rows = {int(pid): terms[end - n:end]
                       for pid, n, end in zip(pids, lengths, ends, strict=True)}
        return corpus
