"""Quantified results of a project: which numbers count something and which only label a list
item, a figure or a part. Made-up sentences about a region the corpus does not cover, with the
real spaCy model and Voikko."""

from __future__ import annotations

import pytest
from tests_support import REGIONAL
from tests_support import result_quantities as quantities

from ingest.records import Document, DocumentMeta


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))




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


def test_a_change_counts_the_value_it_reached(pipeline):
    text = "Hankkeen aikana avattujen kohtaamispaikkojen määrä kasvoi kahdesta kuuteen."
    assert quantities(pipeline, text) == {6.0}


def test_a_change_between_two_numbers_is_a_result_without_a_result_verb(pipeline):
    assert quantities(pipeline, "Kiireellisten sijoitusten määrä laski 48:sta 31:een.") == {31.0}
    assert quantities(pipeline, "Waiting for a first visit fell from 30 days to 9.") == {9.0}


def test_the_day_of_a_date_is_no_count(pipeline):
    text = "A phone line for parents was opened on 4 June 2018 and received 1 350 calls."
    assert quantities(pipeline, text) == {1350.0}


def test_numbers_written_in_english_and_swedish_words_count(pipeline):
    assert quantities(pipeline, "Family centres were opened in eight municipalities.") == {8.0}
    assert quantities(pipeline, "Under projektet utbildades fem anställda i metoden.") == {5.0}


def test_a_share_in_english_is_no_count(pipeline):
    text = "In the survey, 412 parents answered and two thirds of them were satisfied."
    assert quantities(pipeline, text) == {412.0}


def test_a_phone_number_and_a_sum_of_money_are_no_counts(pipeline):
    text = "Koulutuksiin osallistui 40 työntekijää (lisätietoja puh. 040 804 5456)."
    assert quantities(pipeline, text) == {40.0}
    text = "Hankkeessa koulutettiin 120 ohjaajaa, mihin käytettiin 234 000 €."
    assert quantities(pipeline, text) == {120.0}



def test_a_sum_in_millions_written_in_groups_is_money_not_a_count(pipeline):
    """"1 143 199 €": every group of three digits belongs to the sum before its currency."""
    text = "Hankkeessa koulutettiin 90 ohjaajaa, ja kustannuksia kertyi 1 143 199 €."
    assert quantities(pipeline, text) == {90.0}
    assert quantities(pipeline, "Kohtaamispaikoissa kävi vuoden aikana 12 400 kävijää.") \
        == {12400.0}


def test_a_page_number_of_a_page_header_is_no_count(pipeline):
    text = "Tulosraportti 2017–2018 2 (4) Hankkeessa koulutettiin 20 ohjaajaa."
    assert quantities(pipeline, text) == {20.0}


def test_sentences_the_splitter_ran_together_are_read_apart(pipeline):
    text = ("Altogether 412 parents answered the survey. Waiting for a first visit fell from "
            "30 days to 9.")
    assert quantities(pipeline, text) == {412.0, 9.0}


def dated(pipeline, text: str) -> set[str]:
    doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {dict(f.extra)["date"] for f in pipeline.analyse(doc).facts
            if f.predicate == "hasResult" and "quantity" not in dict(f.extra)}


def test_a_date_alone_is_a_result_only_with_a_verb_of_opening_or_starting(pipeline):
    assert dated(pipeline, "Kemin perhekeskus avattiin 3.9.2018.") == {"2018-09-03"}
    assert dated(pipeline, "Loppuseminaarissa 3.9.2018 kuultiin perheiden kokemuksia.") == set()
    assert dated(pipeline, "Perusturvalautakunta 11.12.2018 § 112 Katsaus hankkeen "
                           "tuloksiin") == set()


def test_a_dated_opening_beside_a_count_is_a_result_of_its_own(pipeline):
    text = "Perhekeskus avattiin Kemissä 5.11.2018, ja syksyllä siellä kävi 380 perhettä."
    assert dated(pipeline, text) == {"2018-11-05"} and quantities(pipeline, text) == {380.0}
    text = "Kemissä avattiin kolme kohtaamispaikkaa 5.11.2018."
    assert dated(pipeline, text) == set() and quantities(pipeline, text) == {3.0}
    text = "1.1.2019 alkaa kokeilu, jossa kaksi psykologia siirtyy perhekeskuksiin."
    assert dated(pipeline, text) == set()


def test_counts_joined_by_and_or_och_are_each_a_result(pipeline):
    text = "During the year the centre had 2 400 visits, and 17 parents were trained as mentors."
    assert quantities(pipeline, text) == {2400.0, 17.0}
    text = "Under året utbildades 40 anställda och 17 föräldrar i metoden."
    assert quantities(pipeline, text) == {40.0, 17.0}


def test_a_span_of_time_beside_a_count_is_no_count(pipeline):
    text = "In its first six months the chat was opened to parents and answered 4 100 calls."
    assert quantities(pipeline, text) == {4100.0}


def test_an_attachments_number_is_no_count(pipeline):
    text = "Hankkeessa koulutettiin 30 ohjaajaa (liitteenä 1 Koulutusraportti_2018.pdf)."
    assert quantities(pipeline, text) == {30.0}


def test_the_kth_of_a_series_is_no_count(pipeline):
    text = ("| 24.4.2018 | Systeeminen lastensuojelu, valmennus 1/3 | Kemi | toteutui |\n\n"
            "Koulutuksen osa 2/4 toteutui Torniossa. Koulutukseen osallistui 40 työntekijää.")
    assert quantities(pipeline, text) == {40.0}


def test_a_count_of_all_written_with_a_slash_still_counts(pipeline):
    text = "Hankkeen koulutukseen osallistui 28/30 kutsutusta työntekijästä."
    assert 28.0 in quantities(pipeline, text)


def test_a_count_of_a_part_of_the_count_before_is_no_result_of_its_own(pipeline):
    assert quantities(pipeline, "Hankkeessa koulutettiin 80 työntekijää ja lisäksi "
                                "esimiehiä, heistä 12 Kemissä.") == {80.0}
    assert quantities(pipeline, "Hankkeessa avattiin 9 kohtaamispaikkaa ja niistä kolme "
                                "kouluihin.") == {9.0}
    # a count joined to the one before without a part word stays a result of its own
    assert quantities(pipeline, "Hankkeessa koulutettiin 80 työntekijää ja 12 "
                                "esimiestä.") == {80.0, 12.0}


def test_how_often_in_a_compound_unit_of_time_is_no_count(pipeline):
    text = "Perhekahvila käynnistettiin syksyllä, ja se kokoontuu kolmena iltapäivänä viikossa."
    assert 3.0 not in quantities(pipeline, text)
    # a count per period of what is not a unit of time is still a count
    assert 3.0 in quantities(pipeline, "Ryhmään osallistui kolme perhettä kuukaudessa.")


def test_where_a_trial_ran_is_no_count_even_with_a_result_verb(pipeline):
    assert 2.0 not in quantities(pipeline, "Kemissä systeemisen toimintamallin pilotointi "
                                           "käynnistyi syksyllä kahdessa tiimissä.")
    # a count of people trained in a trial stays a result
    assert 40.0 in quantities(pipeline, "Pilotin aikana koulutettiin 40 työntekijää "
                                        "kolmessa kunnassa.")
