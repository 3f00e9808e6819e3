"""Project names minted from the text: words before "hanke" that read as a clause are no name.
Made-up sentences about regions the corpus does not cover."""

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


def analysed(pipeline, text: str):
    return pipeline.analyse(Document("testi", "testi.txt", text, "Testi", "txt", "0",
                                     DocumentMeta(region="Lappi")))


def projects(pipeline, text: str) -> set[str]:
    """The project names minted from the words (not the region's project a document that names
    none reports, ingest/project_identity.py)."""
    from ingest.project_identity import REGION_PROJECT

    return {m.label for m in analysed(pipeline, text).mentions
            if m.kind == "Project" and m.source != REGION_PROJECT}


def test_a_named_project_before_hanke_is_found(pipeline):
    assert "Revontuli" in projects(pipeline, "Revontuli-hanke kehitti palveluja Lapissa.")


def test_a_slogan_name_may_hold_a_verb(pipeline):
    assert "Tule mukaan!" in projects(pipeline, "Tule mukaan! -hanke aloitti Kemissä.")


def test_a_clause_before_hanke_is_no_name(pipeline):
    text = "Koulutuksia ja tapaamisia järjestettiin hankkeen aikana Kemissä."
    assert projects(pipeline, text) == set()


def test_a_lone_adverb_before_hanke_is_no_name(pipeline):
    assert projects(pipeline, "Toisaalta hanke vahvisti yhteistyötä Torniossa.") == set()


def test_an_upper_case_heading_gives_no_regional_lape_project(pipeline):
    assert projects(pipeline, "PERHEET JA LAPE\n\nTyö jatkuu Lapissa.") <= {"LAPE"}


def test_an_inflected_number_word_is_a_quantity(pipeline):
    text = ("Revontuli-hanke kehitti palveluja Lapissa.\n\n"
            "Perhekeskus avattiin kolmessa kunnassa syksyllä 2018.")
    results = [dict(f.extra) for f in analysed(pipeline, text).facts if f.predicate == "hasResult"]
    assert any(r.get("quantity") == "3.0" for r in results)


UNIT = ("Perhekeskusmalli kehitettiin Lapin yliopiston lapsuudentutkimuksen tutkimusryhmän "
        "(Lapsu) ja ammattilaisten yhteisenä työnä.")


def test_a_unit_of_an_organisation_is_named_by_its_short_name(pipeline):
    orgs = {m.label for m in analysed(pipeline, UNIT).mentions if m.kind == "Organisation"}
    assert {"Lapsu", "Lapin yliopisto"} <= orgs


def test_the_unit_not_its_owner_is_the_actor(pipeline):
    actors = {f.subject_key for f in analysed(pipeline, UNIT).facts if f.predicate == "created"}
    assert actors == {"lapsu"}


def test_a_group_without_an_organisation_is_no_unit(pipeline):
    text = "Kemissä kokoontui perheiden vertaisryhmä (Kamu) keväällä."
    orgs = {m.label for m in analysed(pipeline, text).mentions if m.kind == "Organisation"}
    assert orgs == set()


def organisations(pipeline, text: str) -> set[str]:
    return {m.label for m in analysed(pipeline, text).mentions if m.kind == "Organisation"}


def test_a_towns_parish_is_one_body_not_the_town(pipeline):
    found = analysed(pipeline, "Perhekahvila toimii Tornion seurakunnan tiloissa.").mentions
    assert "Tornion seurakunta" in {m.label for m in found if m.kind == "Organisation"}
    assert not any(m.kind == "Municipality" for m in found)


def test_the_district_of_an_association_is_named_with_its_region(pipeline):
    found = organisations(pipeline, "Vertaisryhmiä järjestää MLL:n Lapin piiri.")
    assert "MLL:n Lapin piiri" in found


def test_an_acronym_with_a_case_ending_is_linked(pipeline):
    found = analysed(pipeline, "Vertaisryhmät ovat MLL:n toimintaa.").mentions
    assert ("Organisation", "mll") in {(m.kind, m.key) for m in found}


def test_a_misspelt_method_is_linked_by_its_correction(pipeline):
    found = analysed(pipeline, "Systemisellä mallilla työskenneltiin Kemissä.").mentions
    assert ("Method", "systeeminen-lastensuojelun-toimintamalli") in {
        (m.kind, m.key) for m in found}


def test_a_misspelt_name_is_not_corrected_into_a_place(pipeline):
    found = analysed(pipeline, "Työtä tehtiin Rovanimellä.").mentions
    assert not any(m.kind == "Municipality" for m in found)


def test_a_regional_district_of_an_organisation_is_one_organisation(pipeline):
    text = "Revontuli-hanke teki yhteistyötä SPR:n Lapin piirin kanssa."
    found = analysed(pipeline, text)
    assert "SPR:n Lapin piiri" in {m.label for m in found.mentions if m.kind == "Organisation"}
    assert ("revontuli", "spr-n-lapin-piiri") in {(f.subject_key, f.object_key)
                                                  for f in found.facts if f.predicate == "partner"}


def test_a_regional_lape_project_is_named_by_its_whole_prefix(pipeline):
    # "P-K LAPE" is a project; the "SUOMEN" of an upper-case "ETELÄ-SUOMEN LAPE" is no prefix.
    assert "PH LAPE" in projects(pipeline, "PH LAPE aloitti työnsä keväällä 2017.")
    heading = "TUNTURI – ETELÄ-SUOMEN LAPE-HANKKEEN LOPPURAPORTTI\n\nHanke alkoi 2017."
    assert "SUOMEN LAPE" not in projects(pipeline, heading)


def test_a_name_a_copula_says_is_a_project_is_a_project(pipeline):
    text = "Tunturipolku oli Lapin maakunnallinen lapsi- ja perhepalvelujen kehittämishanke."
    assert "Tunturipolku" in projects(pipeline, text)


def test_a_pronoun_or_a_common_subject_of_a_project_copula_is_no_name(pipeline):
    assert projects(pipeline, "Se oli Lapin maakunnan hanke. Tämä on kunnan hanke.") <= {"LAPE"}
