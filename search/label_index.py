"""Entity labels as vectors: a question in other words ("one worker who pulls the others
together") reaches a working model through the embeddings of its Finnish and English labels."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from search.encoder import Encoder
from search.records import EntityRef

# e5 similarities sit in a narrow band; a label must beat the best label of any other entity
# by a margin, and clear a floor, before it counts as named by the question.
MIN_SCORE = 0.88
MIN_MARGIN = 0.03
# The question's topic words alone (search.answer) meet labels in a narrower band: on our
# labelled topic questions (search/data/question_topic_passages.jsonl, 85 questions), every
# label the topic words met by a margin of .035 or more was the method the topic is, but for
# broad topics a narrower method of theirs ('lastensuojelu' → the systemic model).
TOPIC_MIN_MARGIN = 0.035


class LabelIndex:
    """Built lazily on first use, so commands that never ask do not pay for it."""

    def __init__(self, encoder: Encoder, labels: Sequence[tuple[EntityRef, str]]) -> None:
        self.encoder = encoder
        self.labels = list(labels)
        self._matrix: np.ndarray | None = None

    def _vectors(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = self.encoder.encode_labels([text for _, text in self.labels])
        return self._matrix

    def scores(self, query_vector: np.ndarray) -> list[tuple[EntityRef, float]]:
        """Best score per entity, highest first."""
        if not self.labels:
            return []
        sims = self._vectors() @ query_vector  # normalised vectors: inner product is cosine
        best: dict[EntityRef, float] = {}
        for (entity, _), score in zip(self.labels, sims, strict=True):
            best[entity] = max(best.get(entity, -1.0), float(score))
        return sorted(best.items(), key=lambda kv: -kv[1])

    def match(self, query_vector: np.ndarray, margin: float = MIN_MARGIN) -> EntityRef | None:
        ranked = self.scores(query_vector)
        if not ranked:
            return None
        (entity, top), *rest = ranked
        second = rest[0][1] if rest else -1.0
        return entity if top >= MIN_SCORE and top - second >= margin else None
