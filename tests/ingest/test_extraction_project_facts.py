"""A project's funding and period, read from made-up sentences about a region the corpus does not
cover, with the real spaCy model and Voikko."""

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


def values(pipeline, text: str, predicate: str) -> set[tuple[str, object]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {(f.subject_key, f.value) for f in pipeline.analyse(doc).facts
            if f.predicate == predicate}


REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def test_a_compound_of_a_funding_word_gives_the_amount(pipeline):
    text = REGIONAL + "Revontuli-hankkeen kokonaisbudjetti oli noin 2,3 milj. euroa."
    assert values(pipeline, text, "fundingAmount") == {("revontuli", 2_300_000.0)}


def test_two_dates_are_the_start_and_end_by_their_verbs(pipeline):
    text = REGIONAL + "Hanke alkoi 1. helmikuuta 2017 ja päättyi 30.11.2018."
    assert values(pipeline, text, "startDate") == {("revontuli", "2017-02-01")}
    assert values(pipeline, text, "endDate") == {("revontuli", "2018-11-30")}


def test_a_date_without_a_start_or_end_verb_is_neither(pipeline):
    text = REGIONAL + "Hanke järjesti seminaarit 3.5.2017 ja 12.9.2018."
    assert values(pipeline, text, "startDate") == set()
    assert values(pipeline, text, "endDate") == set()


def test_a_project_named_by_the_last_word_of_its_name_starts(pipeline):
    text = ("Valtio rahoittaa maakuntien johdon valmennuksen eli LAPE-Akatemian. Akatemia alkaa "
            "5.9.2019 Rovaniemellä.")
    assert values(pipeline, text, "startDate") == {("lape-akatemia", "2019-09-05")}


def test_something_else_that_starts_is_no_project_start(pipeline):
    text = "Valtio rahoittaa LAPE-Akatemian. Kurssi alkaa 5.9.2019 Rovaniemellä."
    assert values(pipeline, text, "startDate") == set()


def test_a_ministry_grant_in_a_facts_list_funds_the_own_project(pipeline):
    text = ("Revontuli-hanke on osa valtakunnallista muutosohjelmaa ja kehittää perheiden "
            "palveluja kaikissa Lapin kunnissa yhdessä järjestöjen ja seurakuntien kanssa "
            "vuosina 2017 ja 2018.\n\n"
            "Hanke lyhyesti\n"
            "- Hankeaika: 1.3.2017–31.12.2018\n"
            "- Rahoitus: sosiaali- ja terveysministeriön valtionavustus 640 000 €\n"
            "- Hallinnoija: Kemin kaupunki\n"
            "- Toiminta-alue: kaikki Lapin kunnat ja kuntayhtymät\n\n"
            "Hankkeen tulokset esitellään kevään seminaarissa Rovaniemellä, ja loppuraportti "
            "julkaistaan hankkeen verkkosivuilla toukokuussa.")
    assert values(pipeline, text, "fundingAmount") == {("revontuli", 640000.0)}


def test_a_date_takes_the_start_or_end_verb_it_belongs_to(pipeline):
    text = REGIONAL + ("Hanke käynnistyi käytännössä keväällä 2017, ja sen toteutusaika "
                       "päättyy 30.11.2018.")
    assert values(pipeline, text, "endDate") == {("revontuli", "2018-11-30")}
    assert not values(pipeline, text, "startDate")


def test_a_verb_that_decides_a_clause_gives_no_end_date(pipeline):
    text = REGIONAL + "Kuntayhtymän hallitus päätti 4.10.2016, että se hakee mukaan hankkeeseen."
    assert not values(pipeline, text, "endDate")


def test_dates_between_and_in_english_or_swedish_are_the_start_and_end(pipeline):
    for text in (REGIONAL + "Between 1 February 2017 and 30 November 2018 the Revontuli project "
                 "reformed the services.",
                 REGIONAL + "Mellan den 1 februari 2017 och den 30 november 2018 förnyade "
                 "Revontuli-hanke tjänsterna."):
        assert values(pipeline, text, "startDate") == {("revontuli", "2017-02-01")}
        assert values(pipeline, text, "endDate") == {("revontuli", "2018-11-30")}


def test_a_projects_last_day_is_its_end(pipeline):
    text = REGIONAL + "Hanke käynnistyi 1.2.2017 ja sen viimeinen toimintapäivä on 30.11.2018."
    assert values(pipeline, text, "startDate") == {("revontuli", "2017-02-01")}
    assert values(pipeline, text, "endDate") == {("revontuli", "2018-11-30")}


def test_a_ministry_funding_a_regional_project_is_no_partner(pipeline):
    text = REGIONAL + ("Revontuli-hanke toteutettiin yhteistyössä Lapin yliopiston ja "
                       "sosiaali- ja terveysministeriön kanssa.")
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    partners = {f.object_key for f in pipeline.analyse(doc).facts if f.predicate == "partner"}
    assert "stm" not in partners and "lapin-yliopisto" in partners


def test_a_person_named_in_a_partner_sentence_is_read_without_error(pipeline):
    text = REGIONAL + ("Hankepäällikkö Maija Mallikas kertoi, että Revontuli-hanke toteutettiin "
                       "yhteistyössä Lapin yliopiston kanssa.")
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    partners = {f.object_key for f in pipeline.analyse(doc).facts if f.predicate == "partner"}
    assert "lapin-yliopisto" in partners


def test_a_date_whose_verb_has_another_subject_is_not_the_projects(pipeline):
    text = REGIONAL + ("Perusturvalautakunta päätti, että hankkeen perhekeskuskokeilu aloittaa "
                       "Kemin koulun tiloissa 1.9.2018.")
    assert values(pipeline, text, "startDate") == set()
    text = REGIONAL + "Hankkeen muutosagentin tehtävä jatkuu 31.12.2019 saakka."
    assert values(pipeline, text, "endDate") == set()


def test_the_projects_work_or_the_project_itself_still_dates_the_project(pipeline):
    text = REGIONAL + "Revontuli-hankkeen työ jatkuu 31.12.2019 saakka."
    assert values(pipeline, text, "endDate") == {("revontuli", "2019-12-31")}
    text = REGIONAL + "Revontuli-hanke käynnistyi 1.3.2017 Rovaniemellä."
    assert values(pipeline, text, "startDate") == {("revontuli", "2017-03-01")}
