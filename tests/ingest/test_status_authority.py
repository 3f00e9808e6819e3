"""A joint municipal authority named by its kind ("kuntayhtymä", "hyvinvointiyhtymä") is the
authority the document named before: the actor of a method's status where the sentence names
no town, organisation or project of its own. Made-up sentences about Lapland."""

from __future__ import annotations

import pytest

from ingest.records import Document, DocumentMeta

REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
AUTHORITY = "Lapin sairaanhoitopiiri aloitti perhekeskustyön keväällä.\n\n"


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))


def subjects(pipeline, text: str, predicate: str) -> set[str]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {f.subject_key for f in pipeline.analyse(doc).facts if f.predicate == predicate}


def test_the_authority_word_in_any_case_is_the_authority_named_before(pipeline):
    text = REGIONAL + AUTHORITY + ("Lapset puheeksi -menetelmään on hankkeen aikana koulutettu "
                                   "kuntayhtymän alueella sata työntekijää.")
    assert subjects(pipeline, text, "trained") == {"lshp"}


def test_without_an_authority_named_before_the_project_keeps_the_status(pipeline):
    text = REGIONAL + ("Lapset puheeksi -menetelmään on hankkeen aikana koulutettu kuntayhtymän "
                       "alueella sata työntekijää.")
    assert "lshp" not in subjects(pipeline, text, "trained")


def test_a_town_the_sentence_names_is_still_its_actor(pipeline):
    text = REGIONAL + AUTHORITY + ("Rovaniemellä kuntayhtymä on kouluttanut Lapset puheeksi "
                                   "-menetelmään sata työntekijää.")
    assert "lshp" not in subjects(pipeline, text, "trained")


def test_a_sentence_that_names_a_place_keeps_it_though_it_names_the_authority(pipeline):
    text = REGIONAL + AUTHORITY + ("Lapset puheeksi -menetelmään on koulutettu työntekijöitä koko "
                                   "Lapissa, ja koordinaatio siirtyi kuntayhtymälle.")
    assert "lshp" not in subjects(pipeline, text, "trained")
