"""Caches in front of the spaCy pipeline's per-word work, with the same results.

Most word forms of a corpus repeat from passage to passage, yet the Finnish pipeline redoes two
pieces of work for every token of every batch: its lemmatizer asks libvoikko for the word's
analyses (12 of 72 CPU s of spaCy in a 10x build), and its two static-vector layers (tok2vec's
and NER's) each build the word's floret vector from its character n-grams, gathering and
averaging ~40 rows of the 50,000 × 300 table (11 CPU s). Both are functions of the word form
alone, so each is kept per form here: the lemmatizer gets fresh copies of the analyses it would
have got (it edits them), and a word's floret vector is the very row the table's average gives
(thinc averages each word's n-gram rows on their own, so the row does not depend on its batch).
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

    from ingest.voikko_analyzer import VoikkoAnalyzer

logger = logging.getLogger(__name__)

# Word vectors kept per process (300 float32 each: 1.2 KB; 60,000 ≈ 72 MB); when full, the cache
# starts again (with the words of the batch at hand), so a long-lived server holds no more.
FLORET_CACHE_WORDS = 60_000


class CachedAnalyses:
    """libvoikko's `analyze` as spaCy's Voikko lemmatizer calls it, answered from our
    analyzer's cache (the same dictionary, "fi"); a list of fresh dicts, since the lemmatizer
    writes into the analysis it picks ("EU-hanke": BASEFORM gets the "EU-" prefix)."""

    def __init__(self, voikko: VoikkoAnalyzer) -> None:
        self._voikko = voikko

    def analyze(self, word: str) -> list[dict[str, str]]:
        return [dict(a) for a in self._voikko.analyze(word)]


def cache_word_work(nlp: Language, voikko: VoikkoAnalyzer,
                    floret_words: int = FLORET_CACHE_WORDS) -> Language:
    """Put the caches in front of `nlp`'s lemmatizer and floret vectors (where it has them:
    anything else, such as a test's stand-in, is returned as it is); returns `nlp`, changed in
    place."""
    for _, pipe in getattr(nlp, "pipeline", ()):
        if type(pipe).__name__ == "VoikkoLemmatizer" and hasattr(pipe, "voikko"):
            pipe.voikko = CachedAnalyses(voikko)
    vocab = getattr(nlp, "vocab", None)
    cached = cached_floret(getattr(vocab, "vectors", None), floret_words)
    if cached is not None:
        vocab.vectors = cached
    return nlp


def cached_floret(vectors: Any, max_words: int = FLORET_CACHE_WORDS) -> Any:
    """A floret table that keeps each word's vector after computing it, sharing `vectors`'
    data and settings; None when `vectors` is not a floret table (nothing to cache)."""
    from spacy.vectors import Mode, Vectors

    if not isinstance(vectors, Vectors) or vectors.mode != Mode.floret:
        return None
    cls = _floret_class()
    if isinstance(vectors, cls):
        return vectors
    return cls(strings=vectors.strings, data=vectors.data, name=vectors.name, mode=vectors.mode,
               minn=vectors.minn, maxn=vectors.maxn, hash_count=vectors.hash_count,
               hash_seed=vectors.hash_seed, bow=vectors.bow, eow=vectors.eow, attr=vectors.attr,
               max_words=max_words)


@functools.cache
def _floret_class() -> type:
    """The subclass, made on first use (spaCy is imported inside functions)."""
    from spacy.vectors import Vectors

    class CachedFloret(Vectors):  # type: ignore[misc]
        """spaCy's floret Vectors with `get_batch` answered per word from a cache."""

        def __init__(self, *, max_words: int = FLORET_CACHE_WORDS, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.max_words = max_words
            self.rows: dict[int, np.ndarray] = {}

        def get_batch(self, keys: Any) -> Any:
            keys = [int(k) for k in keys]
            if not any(keys):  # only empty words (key 0): spaCy's own zeros
                return super().get_batch(keys)
            missing = [k for k in dict.fromkeys(keys) if k not in self.rows]
            if missing:
                if len(self.rows) + len(missing) > self.max_words:
                    self.rows.clear()
                    missing = list(dict.fromkeys(keys))
                computed = np.asarray(super().get_batch(missing), dtype=self.data.dtype)
                for key, row in zip(missing, computed, strict=True):
                    self.rows[key] = row
            return np.stack([self.rows[k] for k in keys])

    return CachedFloret
