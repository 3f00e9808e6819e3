"""The status model's batch: every clause extraction asks the learned status layer about was
encoded with its document (LearnedStatusModel.prime), over the heads extraction reads it with.
A fake classifier records the clauses; the real spaCy model and Voikko make them."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta

REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def _document(text: str) -> Document:
    return Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                    DocumentMeta(region="Lappi"))


class _Clauses:
    """A status classifier that remembers the clauses primed and asked for, and says 'none'."""

    def __init__(self) -> None:
        self.primed: list[str] = []
        self.asked: list[str] = []

    def prime(self, sites) -> None:  # type: ignore[no-untyped-def]
        from ingest.status_features import clause_text

        self.primed.extend(clause_text(s) for s in sites)

    def predict(self, sites):  # type: ignore[no-untyped-def]
        from ingest.status_features import clause_text
        from ingest.status_model import StatusDecision

        self.asked.extend(clause_text(s) for s in sites)
        return [StatusDecision("none", 0.9, "fake") for _ in sites]


def test_every_clause_the_status_model_is_asked_about_was_primed_with_its_document(
        voikko, reference):
    """A heading that spaCy runs into the first item of a list under it is a line of its own for
    extraction (segment.py), which changes the heads and so the clause: the primed batch must
    hold the clause as extraction asks for it (with the parser's own heads it held "Tärkeimmät
    tulokset - Perhekeskusten ..." and the item's clause was encoded alone)."""
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from ingest.status_layer import LearnedStatusModel

    clauses = _Clauses()
    model = LearnedStatusModel(clauses, "fill")  # type: ignore[arg-type]
    pipeline = IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko),
                              Linker(reference, voikko),
                              FactExtractor(reference, status_model=model))
    text = ("Tapahtumissa on käytetty haastatteluja ja toiminnallisia tuokioita.\n\n"
            "# Tärkeimmät tulokset\n\n- Perhekeskusten palvelurakenne ja johtamismalli on "
            "luotu. Kolme perhekeskusta on aloittanut toimintansa.\n"
            "- Osallisuuden vuosikalenteri on laadittu.\n")
    pipeline.analyse(_document(text))
    assert any(a.startswith("- Perhekeskusten") for a in clauses.asked)
    assert set(clauses.asked) == set(clauses.primed)
