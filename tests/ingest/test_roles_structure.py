"""People in roles read from the structure a document writes them in (minutes' attendance
lines, contact tables, Swedish and English titles) and project names given by a naming word.
Real spaCy model and Voikko; the text is made up and names no real person."""

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


def _analysed(pipeline, text: str, region: str = "Lappi"):
    return pipeline.analyse(Document("testi", "testi.txt", text, "Testi", "txt", "0",
                                     DocumentMeta(region=region)))


def holders(pipeline, text: str) -> set[tuple[str, str]]:
    return {(f.subject_key, dict(f.extra)["role"]) for f in _analysed(pipeline, text).facts
            if f.predicate == "hasRole"}


MINUTES = ("PERUSTURVALAUTAKUNTA\nKokouspaikka    Kunnantalo, valtuustosali Kaamos\n\n"
           "Läsnä     Ilkka Tervonen, puheenjohtaja\n"
           "          Saara Vuorela, varapuheenjohtaja\n"
           "          Onni Paasivaara, Tyyne Rautio\n"
           "Muut      Veera Kallunki, hallintosihteeri, pöytäkirjanpitäjä\n")


def test_minutes_attendance_lines_give_each_name_the_posts_after_it(pipeline):
    held = holders(pipeline, MINUTES)
    assert {("ilkka-tervonen", "puheenjohtaja"), ("saara-vuorela", "varapuheenjohtaja"),
            ("veera-kallunki", "hallintosihteeri"),
            ("veera-kallunki", "poytakirjanpitaja")} <= held


def test_a_post_after_a_name_on_its_line_is_not_the_next_lines_name(pipeline):
    held = holders(pipeline, MINUTES)
    assert not {p for p, _ in held} & {"onni-paasivaara", "tyyne-rautio"}


def test_a_person_name_does_not_run_over_a_line_break(pipeline):
    persons = {m.key for m in _analysed(pipeline, MINUTES).mentions if m.kind == "Person"}
    assert not any("kaamos" in p or "lasna" in p for p in persons)


def test_a_singular_post_does_not_pass_along_a_comma_list(pipeline):
    text = "Kokoukseen osallistuivat sihteeri Harri Lampela, Mirja Kylmälä ja Kaisu Ahola."
    assert {p for p, _ in holders(pipeline, text)} == {"harri-lampela"}


def test_a_plural_post_names_each_listed_holder(pipeline):
    text = "Työryhmän sihteereinä toimivat Harri Lampela ja Kaisu Ahola."
    assert {("harri-lampela", "sihteeri"), ("kaisu-ahola", "sihteeri")} <= holders(pipeline,
                                                                                   text)


@pytest.mark.parametrize("text,holder,role", [
    ("Vid mötet talade familjecenterkoordinator Linnea Holmberg om öppna träffar.",
     "linnea-holmberg", "perhekeskuskoordinaattori"),
    ("Enligt socialdirektör Gunnel Åström har köerna blivit kortare.",
     "gunnel-astrom", "sosiaalijohtaja"),
    ("Contact: Change agent **Aleksi Porkka**, Lapland", "aleksi-porkka", "muutosagentti"),
    ("| Hankekoordinaattori | Elsa Marjamaa |\n| Muutosagentti | Oiva Lahtela |",
     "oiva-lahtela", "muutosagentti"),
    ("Asiasta kertoi perhepalvelujen johtaja Raili Aaltola Torniosta.",
     "raili-aaltola", "perhepalvelujen-johtaja"),
])
def test_titles_in_swedish_english_tables_and_long_posts_name_their_holder(pipeline, text,
                                                                           holder, role):
    assert (holder, role) in holders(pipeline, text)


def test_a_lower_case_particle_stays_inside_a_name(pipeline):
    text = "Hankkeen hankepäällikkö Ulla af Forselles esitteli tulokset."
    assert ("ulla-af-forselles", "hankepaallikko") in holders(pipeline, text)


def projects(pipeline, text: str, region: str) -> dict[str, set[str]]:
    result = _analysed(pipeline, text, region)
    return {m.key: {x.label for x in result.mentions if x.key == m.key}
            for m in result.mentions if m.kind == "Project" and m.key != "lape"}


def test_a_name_the_text_says_the_project_was_called_is_the_regions_project(pipeline):
    text = ("In Lapland the LAPE project was called **Pohjan tähti!** and ran for two years. "
            "Lapin LAPE-hanke opened four family centres.")
    found = projects(pipeline, text, "Lappi")
    assert list(found) == ["lapin-lape"]


def test_an_inflected_lape_after_a_region_names_its_project(pipeline):
    text = "Lukuja Lapin LAPEsta\n- mukana 21 kuntaa"
    assert "lapin-lape" in projects(pipeline, text, "Lappi")


def test_genitives_and_a_postposition_before_hankkeessa_name_no_project(pipeline):
    text = "Toisen kokeiluvuoden aikana hankkeessa koottiin yhteinen perhekeskusmalli."
    assert not any("aikana" in k for k in projects(pipeline, text, "Lappi"))


def test_a_swedish_post_of_a_group_said_with_a_copula_is_the_holders_too(pipeline):
    text = "Ordförande för styrgruppen är socialdirektör Gunnel Åström från Kemi."
    assert {("gunnel-astrom", "puheenjohtaja"), ("gunnel-astrom", "sosiaalijohtaja")} <= holders(
        pipeline, text)


def test_a_second_post_with_its_body_before_it_is_the_holders_too(pipeline):
    text = "Ohjausryhmän puheenjohtajana toimi Kemin kaupungin palvelujohtaja Raili Aaltola."
    assert ("raili-aaltola", "puheenjohtaja") in holders(pipeline, text)


@pytest.mark.parametrize("text", [
    "Lapissa hanke kulki nimellä Pohjan tähti, ja Lapin LAPE-hanke avasi neljä perhekeskusta.",
    "In Lapland the project, known as Pohjan tähti, ran for two years. Lapin LAPE-hanke opened "
    "four family centres.",
])
def test_a_name_given_without_quotes_joins_the_regions_project(pipeline, text):
    found = projects(pipeline, text, "Lappi")
    assert list(found) == ["lapin-lape"] and "Pohjan tähti" in found["lapin-lape"]


def test_a_post_said_of_one_person_does_not_pass_to_the_next_named_with_their_own(pipeline):
    text = "Hankkeen projektipäällikkönä toimii Elsa Marjamaa ja muutosagenttina Oiva Lahtela."
    assert ("oiva-lahtela", "projektipaallikko") not in holders(pipeline, text)
