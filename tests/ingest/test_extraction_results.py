"""Quantified results of a project: which numbers count something and which only label a list
item, a figure or a part. Made-up sentences about a region the corpus does not cover, with the
real spaCy model and Voikko."""

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


REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def quantities(pipeline, text: str) -> set[float]:
    doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {float(dict(f.extra)["quantity"]) for f in pipeline.analyse(doc).facts
            if f.predicate == "hasResult" and "quantity" in dict(f.extra)}


def test_results_listed_together_are_each_a_result(pipeline):
    text = "Hankkeessa koulutettiin 85 ohjaajaa ja noin 30 kouluttajaa."
    assert quantities(pipeline, text) == {85.0, 30.0}


def test_a_number_closing_the_sentence_is_a_count(pipeline):
    text = "Kunnissa on avattu kohtaamispaikkoja yli 12."
    assert 12.0 in quantities(pipeline, text)


def test_a_list_items_number_is_no_count(pipeline):
    text = "3) Perhekeskuksen koulutuksiin osallistui 75 työntekijää Kemissä."
    assert quantities(pipeline, text) == {75.0}


def test_a_figures_number_is_no_count(pipeline):
    text = "Kuvassa 2 on kuvattu, miten hanke tavoitti perheet."
    assert 2.0 not in quantities(pipeline, text)


def test_one_part_of_something_is_no_count(pipeline):
    text = "Yksi osa kokeilua oli perheiden kuuleminen, johon vastasi 150 vanhempaa."
    assert quantities(pipeline, text) == {150.0}


def test_what_begins_or_is_carried_out_is_a_result(pipeline):
    assert 3.0 in quantities(pipeline, "1.3.2019 alkaa kokeilu, jossa kolme perheohjaajaa "
                                       "siirtyy kouluihin.")
    assert 12.0 in quantities(pipeline, "Hanke toteutti muutosohjelmaa kaikissa Lapin 12 "
                                        "kunnassa.")


def test_how_often_is_no_quantity(pipeline):
    text = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
            "Sallassa avattiin perhekahvila, joka kokoontuu kolmen viikon välein. "
            "Kemissä aloitti perheryhmä, joka tapaa kaksi kertaa kuukaudessa.")
    assert not quantities(pipeline, text) & {3.0, 2.0}


def test_receiving_a_training_is_a_result(pipeline):
    text = "Kemin perheneuvolan työntekijöistä 12 sai Ihmeelliset vuodet -ohjaajakoulutuksen."
    assert quantities(pipeline, text) == {12.0}


def test_a_count_written_as_a_word_above_ten_is_a_count(pipeline):
    assert 12.0 in quantities(pipeline, "Hankkeen aikana avattiin kaksitoista perhekeskusta.")


def test_a_number_before_a_unit_of_time_and_a_noun_is_a_duration_not_a_count(pipeline):
    text = "Kesällä toteutettiin kolmen viikon perheleiri, johon osallistui 17 perhettä."
    assert quantities(pipeline, text) == {17.0}


def test_a_section_number_of_minutes_is_no_count(pipeline):
    assert quantities(pipeline, "§ 41 Hankkeessa avattiin perhekeskus.") == set()
