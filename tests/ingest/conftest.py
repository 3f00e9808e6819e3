"""The real ingest pipeline (spaCy, Voikko, linking, extraction), once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))


@pytest.fixture(scope="session")
def read_facts(pipeline):
    """The (subject key, predicate, object key) of every fact the real pipeline reads from a
    made-up text, as a document of the region Lappi."""
    from ingest.records import Document, DocumentMeta

    def read(text: str) -> set[tuple[str, str, str | None]]:
        doc = Document("t", "t.txt", text, "T", "txt", "0", DocumentMeta(region="Lappi"))
        return {(f.subject_key, f.predicate, f.object_key) for f in pipeline.analyse(doc).facts}
    return read


@pytest.fixture(scope="session")
def linked_methods(voikko, reference):
    """The keys of the methods the real analyser and linker find in a made-up passage."""
    from ingest.linking import Linker
    from ingest.records import Passage
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    analyzer = PassageAnalyzer(load_nlp(), voikko)
    linker = Linker(reference, voikko)

    def methods(text: str) -> set[str]:
        (ap,) = analyzer.analyse([Passage("t", 0, 0, len(text), text)])
        return {m.key for m in linker.link("t", ap) if m.kind == "Method"}
    return methods
