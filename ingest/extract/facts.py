"""Facts as records: one constructor with the sentence as the default provenance span."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ingest.extract.segment import Sentence
from ingest.records import Document, Fact


def make_fact(doc: Document, sent: Sentence, subject: tuple[str, str], predicate: str,
              obj: tuple[str, str] | None, value: str | float | None, extractor: str,
              confidence: float, span: tuple[int, int] | None = None,
              extra: Iterable[tuple[str, str]] = ()) -> Fact:
    """A fact of `doc` read in `sent`; `span` (passage offsets) defaults to the sentence."""
    start, end = span or (sent.start, sent.end)
    return Fact(subject[0], subject[1], predicate, obj[0] if obj else None,
                obj[1] if obj else None, value, doc.key, sent.passage.passage.index, start, end,
                extractor, confidence, tuple(extra))


def without_admin_partners(facts: Iterable[Fact]) -> Iterator[Fact]:
    """A project's administrator is not also its partner."""
    facts = list(facts)
    admins = {(f.subject_key, f.object_key) for f in facts if f.predicate == "administeredBy"}
    for f in facts:
        if not (f.predicate == "partner" and (f.subject_key, f.object_key) in admins):
            yield f
