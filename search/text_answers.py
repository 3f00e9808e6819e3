"""Answers read from the text: the reading layer's candidates and the places of a topic, as
`Answer`s with evidence spans, statuses stated in their passages, and source "text"."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from graph.queries import statements_in_passages
from graph.store import GraphStore
from ontology.iris import IriMinter
from search.answer_records import Answer, Evidence
from search.reading import ReadCandidate, _positions
from search.records import EntityRef, Hit
from search.statuses import (
    STATUS_ORDER,
    merge,
    status_of,
    status_predicate,
    year_in_sentence,
)
from search.topic_answer import PlaceAnswer

# The answer type as the type shown on an answer read from text.
TYPE_NAMES = {"person": "Person", "body": "Organisation", "municipality": "Municipality",
              "region": "Region", "method": "Method", "project": "Project", "amount": "Amount",
              "count": "Count", "date": "Date"}
# A read candidate is an answer only at this calibrated confidence or above; below it the
# question gets "no answer" and its best passages. The floor that answers most rightly on our
# labelled reading questions when a wrong answer costs two right ones (`python -m
# search.calibration`), re-chosen on the four fact development sets together
# (tests/eval/dev_questions_facts*.jsonl, 234 answerable + 45 absent): between the lowest
# confidence of a false read answer to an absent thing (.575) and the right ones above it.
READ_MIN_CONFIDENCE = 0.578
# How many read answers a question may get: a plural question ("who were the partners")
# more than one, each at the minimum confidence.
MAX_READ = {"body": 5, "method": 5, "project": 3}
READ_MARGIN = 0.08
MAX_PLACE_EVIDENCE = 5


class TextAnswers:
    def __init__(self, store: GraphStore, minter: IriMinter,
                 iri_of: Callable[[EntityRef], str]) -> None:
        self.store = store
        self.minter = minter
        self.iri_of = iri_of

    def _passage_iri(self, hit: Hit) -> str:
        return str(self.minter.passage(hit.passage.doc_key, hit.passage.index))

    def _document_iri(self, hit: Hit) -> str:
        return str(self.minter.document(hit.passage.doc_key))

    def read_answers(self, candidates: Sequence[ReadCandidate], answer_type: str
                     ) -> list[Answer]:
        # Each candidate against its own floor: READ_MIN_CONFIDENCE, or the learned model's
        # for a fact (search.reading_confidence).
        kept = [c for c in candidates if c.confidence >= c.floor]
        # More than one only as sure as the best: a weaker second reading is another thing.
        kept = [c for c in kept[:MAX_READ.get(kept[0].type if kept else answer_type, 1)]
                if c.confidence >= kept[0].confidence - READ_MARGIN]
        out = []
        for c in kept:
            p = c.hit.passage
            out.append(Answer(
                self.iri_of(c.entity) if c.entity is not None else None, c.label,
                TYPE_NAMES.get(c.type, "Thing"),
                [Evidence(self._passage_iri(c.hit), self._document_iri(c.hit), p.text, c.start,
                          c.end, c.confidence)],
                [p.region] if p.region else [], [], "text", c.confidence))
        return out

    def place_answers(self, places: Sequence[PlaceAnswer], stems: Sequence[str],
                      threshold: float, asked: tuple[str, ...]) -> list[Answer]:
        """Each place with its passages over the threshold and the statuses the graph's
        statements in those passages carry."""
        passages = {self._passage_iri(h) for a in places for h, _ in a.evidence}
        said = statements_in_passages(self.store, passages,
                                      [status_predicate(s) for s in STATUS_ORDER])
        by_passage: dict[str, list] = {}
        for st in said:
            by_passage.setdefault(st.passage, []).append(st)
        out = []
        for place in places:
            evidence, readings = [], []
            for hit, rel in sorted(place.evidence, key=lambda e: -e[1])[:MAX_PLACE_EVIDENCE]:
                text = hit.passage.text
                at = _positions(text, stems)
                start = at[0] if at else 0
                end = text.find(" ", start) if " " in text[start:] else len(text)
                iri = self._passage_iri(hit)
                evidence.append(Evidence(iri, self._document_iri(hit), text, start, end,
                                         round(_confidence(rel, threshold), 3)))
                for st in by_passage.get(iri, []):
                    if (status := status_of(st.predicate)) is not None:
                        readings.append((status, iri, year_in_sentence(text, st.start, st.end)))
            statuses = merge(readings)
            best = max(rel for _, rel in place.evidence)
            answer = Answer(self.iri_of(place.place), place.place.label, place.place.kind,
                            evidence, [place.place.label] if place.place.kind == "Region" else [],
                            statuses, "text", round(_confidence(best, threshold), 3))
            out.append(answer)
        return out


def _confidence(relevance: float, threshold: float) -> float:
    """0.5 at the threshold, rising with the margin over it (a cosine band is narrow)."""
    return 1 / (1 + math.exp(-40 * (relevance - threshold)))
