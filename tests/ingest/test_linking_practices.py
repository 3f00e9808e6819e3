"""Local practices the reference data does not know become Method entities where the text says
they were tried, taken into use, started or drawn up. Real spaCy model and Voikko; the sentences
are made up and about regions the corpus does not cover."""

from __future__ import annotations

import pytest

from ingest.records import Document, DocumentMeta


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))


def methods(pipeline, text: str) -> set[str]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {m.label for m in pipeline.analyse(doc).mentions if m.kind == "Method"}


def test_a_practice_tried_in_a_setting_is_a_new_method(pipeline):
    text = "Kemissä kokeiltiin myös perhetyötä varhaiskasvatuksessa koko syksyn ajan."
    assert "perhetyö varhaiskasvatuksessa" in methods(pipeline, text)


def test_a_practice_that_started_is_named_with_its_genitive(pipeline):
    text = "Keväällä 2019 Torniossa alkoi myös nuorten vertaisryhmä."
    assert "nuorten vertaisryhmä" in methods(pipeline, text)


def test_a_practice_drawn_up_in_a_list_item_is_a_new_method(pipeline):
    text = "Tulokset:\n- Perhetyön vuosikello kunnille on laadittu."
    assert "perhetyön vuosikello" in methods(pipeline, text)


def test_general_nouns_tried_are_no_methods(pipeline):
    text = "Rovaniemellä kokeiltiin uusia toimintatapoja ja samankaltaisia tilaisuuksia."
    assert methods(pipeline, text) == set()


def test_a_practice_named_as_the_genitive_of_a_trial_keeps_its_participle_phrase(pipeline):
    text = "Kemissä alkoi keväällä kouluun jalkautuvan perheohjauksen kokeilu."
    assert "kouluun jalkautuva perheohjaus" in methods(pipeline, text)


def test_a_generic_noun_before_a_trial_is_no_practice(pipeline):
    text = "Kemissä jatkui palvelutoiminnan kokeilu koko syksyn."
    assert methods(pipeline, text) == set()


def test_service_guidance_alone_is_no_family_service_guidance_model(pipeline):
    # "palveluohjaus" is guidance of any client group; the model is the families' one.
    assert methods(pipeline, "Kemin vanhuspalveluissa kehitettiin palveluohjausta.") == set()
    assert "lapsiperheiden palveluohjaus" in methods(
        pipeline, "Kemissä kehitettiin lapsiperheiden palveluohjausta.")


def test_a_practice_in_the_daycare_centres_is_one_in_early_education(pipeline):
    text = "Kemissä ja Torniossa kokeiltiin perhetyötä päiväkodeissa."
    assert "perhetyö varhaiskasvatuksessa" in methods(pipeline, text)


def test_a_participle_before_a_tried_practice_is_part_of_its_name(pipeline):
    text = "Sallassa kokeiltiin jalkautuvaa perhetupaa syksyllä 2018."
    assert "jalkautuva perhetupa" in methods(pipeline, text)
    assert "perhetupa" not in methods(pipeline, text)


def test_a_participle_before_the_genitive_of_a_trial_is_part_of_its_name(pipeline):
    text = "Jalkautuvan perhetuvan kokeilua jatketaan Kemissä vuoden 2019 loppuun."
    assert "jalkautuva perhetupa" in methods(pipeline, text)
