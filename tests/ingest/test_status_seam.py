"""The status of a method mention comes from the injected status model: it sees every method
mention with its context and the rule decision, and its decision becomes the fact."""

from __future__ import annotations

import pytest

from ingest.extract.status import StatusContext, StatusDecision
from ingest.records import Document, DocumentMeta


class _Recorder:
    """A model that says 'trained' for every mention and keeps what it was shown."""

    def __init__(self) -> None:
        self.seen: list[StatusContext] = []

    def predict(self, ctx: StatusContext) -> StatusDecision:
        self.seen.append(ctx)
        return StatusDecision("trained", 0.4, "test")


@pytest.fixture(scope="module")
def recorded(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    model = _Recorder()
    pipeline = IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko),
                              Linker(reference, voikko), FactExtractor(reference,
                                                                       status_model=model))
    text = ("Kemissä kokeiltiin perhekeskusmallia vuonna 2018. Torniossa esiteltiin Lapset "
            "puheeksi -menetelmää.")
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return model, pipeline.analyse(doc).facts


def test_the_model_is_asked_about_every_method_mention_with_the_rule_decision(recorded):
    model, _ = recorded
    rules = {ctx.method.key: ctx.rule.status for ctx in model.seen}
    assert rules == {"perhekeskus": "piloted", "lapset-puheeksi": None}
    piloted = next(ctx for ctx in model.seen if ctx.method.key == "perhekeskus")
    assert (piloted.verb, piloted.tense, piloted.negated) == ("kokeilla", "Past", False)


def test_the_model_decision_becomes_the_fact_with_its_source_and_confidence(recorded):
    _, facts = recorded
    found = {(f.subject_key, f.predicate, f.object_key, f.extractor, f.confidence)
             for f in facts if f.object_kind == "Method"}
    assert ("240", "trained", "perhekeskus", "test:method-status", 0.4) in found
    assert ("851", "trained", "lapset-puheeksi", "test:method-status", 0.4) in found
