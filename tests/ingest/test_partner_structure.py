"""Partners read from the structure of a sentence, on made-up sentences about a region the
dev sets do not cover (Kainuu), with the real spaCy model and Voikko: an enumeration that keeps
unknown bodies in the company of known ones, compounds of a partner word, cooperation that is
someone else's, and English or Swedish bodies working "with the project"."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta

OPENING = "Kasvun kaari -hanke kehitti lapsiperheiden palveluja Kainuussa.\n\n"


def _analyse(pipeline, text: str):
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Kainuu"))
    return pipeline.analyse(doc)


def _partners(result) -> set[str]:
    return {f.object_key for f in result.facts if f.predicate == "partner"}


def test_an_unknown_name_listed_among_known_bodies_is_a_body_and_a_partner(pipeline):
    result = _analyse(pipeline, OPENING + "Hankkeen kumppaneina toimivat Kajaanin kaupunki, "
                                "Kainuun sote, Tuulentupa – perheiden tuki ry sekä "
                                "Kajaanin ammattikorkeakoulu.")
    listed = {m.key for m in result.mentions if m.source == "pattern:listed-body"}
    assert listed == {"tuulentupa-perheiden-tuki-ry"}
    assert "tuulentupa-perheiden-tuki-ry" in _partners(result)


def test_a_foreign_name_among_listed_bodies_is_a_body(pipeline):
    result = _analyse(pipeline, OPENING + "Mukana olivat Kainuun sote, Casa Nostra Famiglia ja "
                                "Kajaanin ammattikorkeakoulu.")
    assert any(m.label == "Casa Nostra Famiglia" and m.kind == "Organisation"
               for m in result.mentions)


def test_a_list_of_people_or_places_mints_no_body(pipeline):
    result = _analyse(pipeline, OPENING + "Koulutuksiin osallistuivat Kuhmo, Sotkamo, Paltamo "
                                "ja Ristijärvi. Puhujina olivat Kajaanin kaupunki, Aino "
                                "Korhonen ja Pekka Virtanen.")
    assert not [m for m in result.mentions if m.source == "pattern:listed-body"]


def test_a_compound_of_a_partner_word_cues_the_partners(pipeline):
    result = _analyse(pipeline, OPENING + "Kehittämiskumppaneina ovat olleet Kainuun sote "
                                "ja Kajaanin ammattikorkeakoulu.")
    assert {"kainuun-sote", "kamk"} <= _partners(result)


def test_cooperation_whose_subject_is_another_body_makes_no_partner(pipeline):
    result = _analyse(pipeline, OPENING + "Hankkeen päätyttyä järjestö jatkaa kehittämistä "
                                "yhdessä Kajaanin ammattikorkeakoulun kanssa.")
    assert not _partners(result)


def test_a_passive_clause_with_kanssa_is_the_projects_cooperation(pipeline):
    result = _analyse(pipeline, OPENING + "Perheohjauksen malli kehitettiin yhdessä "
                                "Kajaanin ammattikorkeakoulun kanssa.")
    assert len(_partners(result)) == 1


def test_english_and_swedish_bodies_working_with_the_project_are_partners(pipeline):
    result = _analyse(pipeline, OPENING + "The University of Oulu and several NGOs worked "
                                "closely with the project. Folkhälsan samarbetade med projektet.")
    assert len(_partners(result)) == 2


def test_a_body_leading_the_project_with_another_makes_the_other_a_partner(pipeline):
    result = _analyse(pipeline, OPENING + "Hanketta koordinoi Kainuun sote yhdessä Kajaanin "
                                "ammattikorkeakoulun kanssa.")
    assert "kamk" in _partners(result)


def test_a_relative_clause_on_the_project_with_kanssa_is_the_projects_cooperation(pipeline):
    result = _analyse(pipeline, OPENING + "Työtä jatkoi Kasvun kaari -hanke, joka kehitti "
                                "perheneuvontaa yhdessä Kajaanin ammattikorkeakoulun kanssa.")
    assert "kamk" in _partners(result)


def test_a_negated_english_or_swedish_taking_part_makes_no_partner(pipeline):
    result = _analyse(pipeline, OPENING + "Kajaanin ammattikorkeakoulu deltog inte i projektet. "
                                "Kainuun sote took no part in the project's work.")
    assert not _partners(result)


def test_a_lower_case_body_word_with_a_partner_word_is_the_body_named_before(pipeline):
    result = _analyse(pipeline, OPENING + "Kajaanin kaupunki järjesti perhevalmennusta. "
                                "Kaupunki toimi hankkeessa osatoteuttajana.")
    assert "205" in _partners(result)
