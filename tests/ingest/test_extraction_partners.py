"""Who administers a project and who works with it: the national programme's partners are not a
regional project's. Made-up sentences about a region the corpus does not cover."""

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


def relations(pipeline, text: str, predicate: str) -> set[tuple[str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {(f.subject_key, f.object_key or "") for f in pipeline.analyse(doc).facts
            if f.predicate == predicate}


REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def test_national_bodies_working_together_are_partners_of_the_programme(pipeline):
    text = ("Työtä tehdään yhdessä opetus- ja kulttuuriministeriön, Kuntaliiton ja "
            "Terveyden ja hyvinvoinnin laitoksen kanssa.")
    partners = relations(pipeline, text, "partner")
    assert partners == {("lape", "okm"), ("lape", "kuntaliitto"), ("lape", "thl")}


def test_regional_partners_stay_with_the_regional_project(pipeline):
    text = REGIONAL + ("Hanke toteutettiin yhteistyössä Lapin yliopiston ja Lapin "
                       "ammattikorkeakoulun kanssa.")
    assert {("revontuli", "lapin-yliopisto"), ("revontuli", "lapin-amk")} <= relations(
        pipeline, text, "partner")


def test_a_ministry_answering_for_the_project_administers_the_programme(pipeline):
    text = "Hankkeesta vastaa sosiaali- ja terveysministeriö."
    assert ("lape", "stm") in relations(pipeline, text, "administeredBy")


def test_to_coordinate_as_a_task_is_not_administration(pipeline):
    text = REGIONAL + ("Opetus- ja kulttuuriministeriön rahoituksella on palkattu agentti, jonka "
                       "tehtävänä on koordinoida kehittämistä.")
    assert relations(pipeline, text, "administeredBy") == set()


def test_a_city_named_as_a_body_is_a_partner(pipeline):
    text = REGIONAL + "Osatoteuttajina olivat Lapin ammattikorkeakoulu sekä Kemin kaupunki."
    assert ("revontuli", "240") in relations(pipeline, text, "partner")


def test_a_town_named_as_a_place_is_no_partner(pipeline):
    text = REGIONAL + "Osatoteuttajana oli Lapin ammattikorkeakoulu, jonka toimipiste on Kemissä."
    assert ("revontuli", "240") not in relations(pipeline, text, "partner")


def test_another_regional_project_is_a_partner(pipeline):
    text = (REGIONAL + "Revontuli-hanke järjesti koulutukset yhteistyössä Tunturi-hankkeen "
            "kanssa.")
    assert ("revontuli", "tunturi") in relations(pipeline, text, "partner")


def test_the_towns_residents_are_no_partner(pipeline):
    text = REGIONAL + "Kumppaneina olivat Lapin ammattikorkeakoulu ja Kemin kuntalaiset."
    assert ("revontuli", "240") not in relations(pipeline, text, "partner")


def test_a_body_answering_for_a_task_of_the_project_is_a_partner(pipeline):
    text = REGIONAL + "Loppuarvioinnista vastasi Lapin yliopisto."
    assert ("revontuli", "lapin-yliopisto") in relations(pipeline, text, "partner")


def test_answering_a_survey_is_no_partnership(pipeline):
    text = REGIONAL + "Kyselyyn vastasi Lapin yliopisto."
    assert ("revontuli", "lapin-yliopisto") not in relations(pipeline, text, "partner")


def test_a_parish_and_an_associations_district_are_partners(pipeline):
    text = REGIONAL + "Kumppanit: Lapin ammattikorkeakoulu, Kemin seurakunta ja MLL:n Lapin piiri"
    partners = relations(pipeline, text, "partner")
    assert {("revontuli", "kemin-seurakunta"), ("revontuli", "mll-n-lapin-piiri")} <= partners


def test_a_project_named_alone_later_is_the_same_project(pipeline):
    # "Tunturipolku" alone is the project named before "-hanke" in the first passage; the
    # national programme in the same passage is what the project carried out, not who is run.
    text = ("Tunturipolku-hanke | Loppuraportti\nHankeaika: 1.3.2017–31.12.2018\n"
            "Rahoitus: sosiaali- ja terveysministeriön valtionavustus 900 000 euroa\n"
            "Toiminta-alue: Lapin kunnat ja kuntayhtymät\n\n"
            "Tunturipolku toteutti Lapissa lapsi- ja perhepalvelujen muutosohjelmaa. "
            "Hanketta hallinnoi Rovaniemen kaupunki. "
            "Osatoteuttajana oli Lapin ammattikorkeakoulu. Työ jatkuu kunnissa vuoden 2019 "
            "loppuun saakka omalla rahoituksella.")
    assert relations(pipeline, text, "partner") == {("tunturipolku", "lapin-amk")}
    assert ("lape", "698") not in relations(pipeline, text, "administeredBy")


def test_a_compound_of_cooperation_names_partners(pipeline):
    text = REGIONAL + ("Seurakuntayhteistyötä tehtiin Lapin ammattikorkeakoulun ja Lapin "
                       "yliopiston kanssa koko hankkeen ajan.")
    assert {("revontuli", "lapin-amk"), ("revontuli", "lapin-yliopisto")} <= relations(
        pipeline, text, "partner")


def test_a_long_line_under_a_partner_heading_lists_its_partners_after_the_colon(pipeline):
    text = REGIONAL + ("3. Osatoteuttajat\nHakemukseen on liitetty sitoumukset seuraavilta "
                       "tahoilta: Kemin kaupunki, Tornion kaupunki, terapeuttinen hoito- ja "
                       "kasvuyksikkö Pikkupesä, Lapin ammattikorkeakoulu sekä Lapin yliopisto.\n"
                       "\n4. Vierailut\nHankkeen työntekijät esittelivät syksyn aikana "
                       "perhekeskuksen mallia monessa paikassa, muun muassa näissä: "
                       "Rovaniemen kaupunki, Sodankylän kunta ja Sallan kunta.")
    found = relations(pipeline, text, "partner")
    assert {("revontuli", "240"), ("revontuli", "851"), ("revontuli", "lapin-amk"),
            ("revontuli", "lapin-yliopisto")} <= found
    assert ("revontuli", "698") not in found  # under a heading that opens no list


def test_a_swedish_partner_heading_with_a_lead_in_sentence(pipeline):
    text = REGIONAL + ("## Samarbetspartner\nFöljande organisationer har förbundit sig till "
                       "projektets arbete under hela projekttiden: Kemin kaupunki, "
                       "Lapin ammattikorkeakoulu och Lapin yliopisto.")
    found = relations(pipeline, text, "partner")
    assert {("revontuli", "240"), ("revontuli", "lapin-yliopisto")} <= found
