"""Role words become Role entities where someone holds the role: a post ("muutosagentti",
"hankepäällikkö") even without the holder's name, an occupation ("psykologi") only with it.
Real spaCy model and Voikko; the sentences are made up and about regions the corpus does not
cover."""

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


def roles(pipeline, text: str) -> set[str]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {m.key for m in pipeline.analyse(doc).mentions if m.kind == "Role"}


def test_occupations_are_a_collection_of_the_role_scheme(reference):
    assert "occupations" in reference.get("Role", "psykologi").collections
    assert "occupations" not in reference.get("Role", "muutosagentti").collections


def test_a_post_is_a_role_without_the_holders_name(pipeline):
    text = "Lapin muutosagentin tehtävänä oli koota kuntien työntekijät yhteen."
    assert roles(pipeline, text) == {"muutosagentti"}


def test_an_occupation_without_a_holder_is_no_role(pipeline):
    text = "Rovaniemen kouluissa kuraattorin ja psykologin palveluihin pääsee nopeasti."
    assert roles(pipeline, text) == set()


def test_an_occupation_held_by_a_named_person_is_a_role(pipeline):
    text = "Työryhmään kuului psykologi Matti Korhonen."
    assert "psykologi" in roles(pipeline, text)


def test_a_post_in_the_plural_speaks_of_a_class_of_people(pipeline):
    text = "Hanketyöntekijät kiersivät Lapin kunnissa syksyn aikana."
    assert roles(pipeline, text) == set()


def test_a_town_before_seutukunta_names_a_sub_region_not_the_town(pipeline):
    doc = Document("testi", "testi.txt", "Pilotteja käynnistettiin: Raahen seutukunnan pilotti "
                   "ja Kemin kaupunki.", "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    towns = {m.key for m in pipeline.analyse(doc).mentions if m.kind == "Municipality"}
    assert towns == {"240"}  # Kemi; not Raahe (678)



def holders(pipeline, text: str) -> set[tuple[str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {(f.subject_key, dict(f.extra)["role"]) for f in pipeline.analyse(doc).facts
            if f.predicate == "hasRole"}


def test_a_first_name_and_a_word_after_a_role_name_its_holder(pipeline):
    # A contact block: the post on one line, the holder's name on the next (the model reads
    # "Tuuli" as a noun here and finds no person).
    text = "Yhteystiedot\n\nPerhekeskuskoordinaattori\nTuuli Kaartinen\npuh. 040 123 4567"
    assert ("tuuli-kaartinen", "perhekeskuskoordinaattori") in holders(pipeline, text)


def test_a_capitalised_word_that_is_no_first_name_is_no_holder(pipeline):
    text = "Perhekeskuskoordinaattori\nSavukosken kunta\npuh. 040 123 4567"
    assert holders(pipeline, text) == set()


def test_a_line_of_the_holders_task_may_stand_between_role_and_name(pipeline):
    text = ("Yhteystiedot\n\nHankekoordinaattori\nPerhekeskusten verkostotyö\nMatti Korhonen\n"
            "puh. 040 765 4321")
    assert ("matti-korhonen", "hankekoordinaattori") in holders(pipeline, text)


def test_a_second_role_line_takes_the_name_from_the_first(pipeline):
    text = "Hankekoordinaattori\nMuutosagentti\nMatti Korhonen\npuh. 040 765 4321"
    assert ("matti-korhonen", "hankekoordinaattori") not in holders(pipeline, text)


def _analysed(pipeline, text: str):
    return pipeline.analyse(Document("testi", "testi.txt", text, "Testi", "txt", "0",
                                     DocumentMeta(region="Lappi")))


def test_the_body_a_person_comes_from_is_their_organisation(pipeline):
    # "SOS-lapsikyläsäätiöstä": the body's name compounded with its legal form, in the elative.
    result = _analysed(pipeline, "Pilotin tukena on toiminut suunnittelija Aino Virtanen "
                                 "SOS-lapsikyläsäätiöstä.")
    held = [dict(f.extra) for f in result.facts if f.predicate == "hasRole"]
    assert held and held[0].get("in_key") == "sos-lapsikyla"


def test_the_body_a_person_comes_from_does_not_act(pipeline):
    result = _analysed(pipeline, "Perhekeskusmallin kokeilua on tukenut suunnittelija Aino "
                                 "Virtanen SOS-lapsikyläsäätiöstä.")
    assert not any(f.subject_key == "sos-lapsikyla" for f in result.facts
                   if f.extractor == "rule:method-status")


def test_a_post_held_by_someone_named_with_another_post_is_theirs_too(pipeline):
    text = "Työryhmän puheenjohtaja oli Kemin perusturvajohtaja Liisa Haapala."
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    held = {(f.subject_key, dict(f.extra)["role"]) for f in pipeline.analyse(doc).facts
            if f.predicate == "hasRole"}
    assert held == {("liisa-haapala", "puheenjohtaja"), ("liisa-haapala", "perusturvajohtaja")}
