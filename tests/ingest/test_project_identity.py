"""One project entity per project a document names in several ways (ingest/project_identity.py)."""

from __future__ import annotations

import pytest

from ingest.project_identity import ProjectIdentity, with_project_labels
from ingest.records import Mention
from ontology.reference import load_reference


@pytest.fixture(scope="module")
def identity() -> ProjectIdentity:
    from ingest.voikko_analyzer import VoikkoAnalyzer

    voikko = VoikkoAnalyzer()
    return ProjectIdentity(load_reference().by_kind("Region"), voikko.baseform)


def _project(text: str, surface: str, key: str, label: str, source: str,
             passage: int = 0) -> Mention:
    start = text.index(surface)
    return Mention("d", passage, start, start + len(surface), surface, "Project", key, label,
                   source)


def test_region_project_and_its_proper_name_in_apposition_are_one_entity(identity):
    text = "Nokia oli mukana Pirkanmaan LAPE-hankkeessa Pippurissa, jonka päätyttyä ..."
    mentions = [_project(text, "Pirkanmaan LAPE-hankkeessa", "pirkanmaan-lape",
                         "Pirkanmaan LAPE", "pattern:region-lape"),
                _project(text, "Pippurissa", "pippuri", "Pippuri", "pattern:hanke")]
    merged, names = identity.merge(mentions, {"lape"}, {0: text})
    assert {m.key for m in merged} == {"pirkanmaan-lape"}
    assert names[0].pref == "Pippuri"
    assert "Pirkanmaan LAPE" in names[0].alts


def test_a_title_cut_short_joins_the_full_title(identity):
    text = ("Päijät-Hämeen LAPE-hanke Huomisen hyvinvointia lapsille päättyi.\n"
            "Huomisen hyvinvointia -hanke jätti jälkensä.")
    mentions = [_project(text, "Päijät-Hämeen LAPE-hanke", "paijat-hameen-lape",
                         "Päijät-Hämeen LAPE", "pattern:region-lape"),
                _project(text, "Huomisen", "huomisen", "Huomisen", "pattern:hanke"),
                _project(text, "Huomisen hyvinvointia", "huomisen-hyvinvointia",
                         "Huomisen hyvinvointia", "pattern:hanke")]
    merged, names = identity.merge(mentions, {"lape"}, {0: text})
    assert len({m.key for m in merged}) == 1
    assert names[0].pref == "Huomisen hyvinvointia"


def test_a_region_project_has_the_same_key_however_the_region_is_named(identity):
    a = "LAPE Päijät-Häme järjesti koulutuksen."
    b = "The Päijät-Häme LAPE project ran until 2018."
    key_a = identity.merge([_project(a, "LAPE Päijät-Häme", "lape-paijat-hame",
                                     "LAPE Päijät-Häme", "pattern:lape")], {"lape"}, {0: a})
    key_b = identity.merge([_project(b, "Päijät-Häme LAPE", "paijat-hame-lape",
                                     "Päijät-Häme LAPE", "pattern:region-lape")], {"lape"},
                           {0: b})
    assert key_a[0][0].key == key_b[0][0].key


def test_two_regions_projects_stay_two(identity):
    text = "Kainuun LAPE ja Lapin LAPE tekivät yhteistyötä."
    mentions = [_project(text, "Kainuun LAPE", "kainuun-lape", "Kainuun LAPE",
                         "pattern:region-lape"),
                _project(text, "Lapin LAPE", "lapin-lape", "Lapin LAPE", "pattern:region-lape")]
    merged, _ = identity.merge(mentions, {"lape"}, {0: text})
    assert len({m.key for m in merged}) == 2


def test_merged_project_gets_its_proper_name_as_label_and_the_rest_as_alt_labels(identity):
    text = "Pirkanmaan LAPE-hankkeessa Pippurissa"
    mentions = [_project(text, "Pirkanmaan LAPE-hankkeessa", "pirkanmaan-lape",
                         "Pirkanmaan LAPE", "pattern:region-lape"),
                _project(text, "Pippurissa", "pippuri", "Pippuri", "pattern:hanke")]
    _, names = identity.merge(mentions, {"lape"}, {0: text})
    labels, alts = with_project_labels([("Project", "pirkanmaan-lape", "Pirkanmaan LAPE")],
                                       names)
    assert labels == (("Project", "pirkanmaan-lape", "Pippuri"),)
    assert ("Project", "pirkanmaan-lape", "Pirkanmaan LAPE") in alts


def _analyse(pipeline, text: str, region: str | None = None):
    from ingest.records import Document, DocumentMeta

    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region=region))
    return pipeline.analyse(doc)


def _projects(result) -> set[str]:
    return {m.key for m in result.mentions if m.kind == "Project"}


def test_a_quoted_name_and_the_short_name_its_parenthesis_gives_are_one_project(pipeline):
    result = _analyse(pipeline, 'Työtä tehdään hankkeessa, jonka nimi on "Lapsen paras '
                                'Kymenlaaksossa" (jäljempänä LAPE Kymenlaakso). Hanke '
                                'käynnistyi 1.3.2017.')
    assert _projects(result) == {"kymenlaakson-lape"}
    assert ("Project", "kymenlaakson-lape", "Lapsen paras Kymenlaaksossa") in result.new_entities


def test_an_english_region_lape_project_with_its_name_between_commas_is_one_project(pipeline):
    result = _analyse(pipeline, "The Satakunta LAPE project, Lapsen ääni (The child's voice), "
                                "was administered by the Satakunta Hospital District.")
    assert _projects(result) == {"satakunnan-lape"}
    assert ("Project", "satakunnan-lape", "Lapsen ääni") in result.new_entities
    assert ("Project", "satakunnan-lape", "LAPE Satakunta") in result.alt_labels


def test_a_word_saying_the_project_is_the_regions_and_eli_give_one_project(pipeline):
    result = _analyse(pipeline, "Etelä-Pohjanmaan maakunnallinen LAPE-hanke eli Perhepolku "
                                "päättyy 31.12.2018. Perhepolun hallinnoijana on toiminut "
                                "Seinäjoen kaupunki.")
    assert _projects(result) == {"etela-pohjanmaan-lape"}
    assert ("Project", "etela-pohjanmaan-lape", "Perhepolku") in result.new_entities


def test_a_swedish_genitive_region_before_lape_is_the_regions_project(pipeline):
    result = _analyse(pipeline, "Österbottens LAPE-projekt pågick till 31 december 2018.")
    assert _projects(result) == {"pohjanmaan-lape"}
    assert "15" in {m.key for m in result.mentions if m.kind == "Region"}


def test_a_name_said_to_be_a_regions_lape_project_is_that_project(identity):
    text = "Toimiva arki -hanke oli Pohjois-Pohjanmaan maakunnallinen LAPE-hanke."
    mentions = [_project(text, "Toimiva arki", "toimiva-arki", "Toimiva arki", "pattern:hanke"),
                _project(text, "Pohjois-Pohjanmaan maakunnallinen LAPE-hanke",
                         "pohjois-pohjanmaan-lape", "Pohjois-Pohjanmaan LAPE",
                         "pattern:region-lape")]
    merged, names = identity.merge(mentions, {"lape"}, {0: text})
    assert {m.key for m in merged} == {"pohjois-pohjanmaan-lape"}
    assert names[0].pref == "Toimiva arki"


def test_a_regions_document_that_names_no_project_reports_the_regions_lape_project(pipeline):
    result = _analyse(pipeline, "Muutostyön tilannekatsaus\n\nHankkeen hallinnoijana toimii "
                                "Kokkolan kaupunki. Hanke päättyy 31.12.2018.",
                      region="Keski-Pohjanmaa")
    assert _projects(result) == {"keski-pohjanmaan-lape"}
    assert ("Project", "keski-pohjanmaan-lape", "LAPE Keski-Pohjanmaa") in result.alt_labels
    said = {(f.subject_key, f.predicate) for f in result.facts}
    assert {("keski-pohjanmaan-lape", "administeredBy"),
            ("keski-pohjanmaan-lape", "endDate")} <= said


def test_a_document_naming_its_own_project_gets_no_regional_project_beside_it(pipeline):
    result = _analyse(pipeline, "Perhesilta-hanke päättyy 31.12.2018. Hanketta hallinnoi "
                                "Kokkolan kaupunki.", region="Keski-Pohjanmaa")
    assert "keski-pohjanmaan-lape" not in _projects(result)


def test_a_genitive_and_a_time_noun_before_hankkeessa_are_no_project_name(pipeline):
    result = _analyse(pipeline, "Syksyn aikana hankkeessa koulutettiin 40 työntekijää. "
                                "Vuoden lopussa hankkeessa valmistui opas.")
    assert not {"syksyn-aikana", "vuoden-lopussa"} & _projects(result)


def test_the_name_a_document_opens_with_is_its_regions_lape_project(identity):
    header = 'Ote Kainuun LAPE-hankkeen raportista "Perheiden polku".'
    body = "Perheiden polku -hankkeessa koulutettiin 30 työntekijää."
    mentions = [_project(header, "Kainuun LAPE-hankkeen", "kainuun-lape", "Kainuun LAPE",
                         "pattern:region-lape"),
                _project(body, "Perheiden polku", "perheiden-polku", "Perheiden polku",
                         "pattern:hanke", passage=1),
                _project(body, "Perheiden polku", "perheiden-polku", "Perheiden polku",
                         "pattern:hanke", passage=3)]
    merged, names = identity.merge(mentions, {"lape"}, {0: header, 1: body, 3: body})
    assert {m.key for m in merged} == {"kainuun-lape"}
    assert names[0].pref == "Perheiden polku" and "Kainuun LAPE" in names[0].alts


def test_a_neighbours_project_named_late_stays_apart_from_the_regions(identity):
    opening = "Lapin LAPE-hanke kokosi kunnat yhteen."
    later = "Naapurissa toimi Pohjolan perheet -hanke."
    mentions = [_project(opening, "Lapin LAPE-hanke", "lapin-lape", "Lapin LAPE",
                         "pattern:region-lape"),
                _project(later, "Pohjolan perheet", "pohjolan-perheet", "Pohjolan perheet",
                         "pattern:hanke", passage=5)]
    merged, _ = identity.merge(mentions, {"lape"}, {0: opening, 5: later})
    assert {m.key for m in merged} == {"lapin-lape", "pohjolan-perheet"}


def test_two_regions_projects_keep_the_opening_name_apart(identity):
    text = "Kasvun kaari -hanke, Kainuun LAPE ja Lapin LAPE tekivät yhteistyötä."
    mentions = [_project(text, "Kasvun kaari", "kasvun-kaari", "Kasvun kaari", "pattern:hanke"),
                _project(text, "Kainuun LAPE", "kainuun-lape", "Kainuun LAPE",
                         "pattern:region-lape"),
                _project(text, "Lapin LAPE", "lapin-lape", "Lapin LAPE", "pattern:region-lape")]
    merged, _ = identity.merge(mentions, {"lape"}, {0: text})
    assert len({m.key for m in merged}) == 3


def test_a_long_name_closed_by_a_spaced_dash_before_hanke_is_one_project(pipeline):
    result = _analyse(pipeline, "Vahvat juuret kasvaville lapsille Kainuussa -hanke "
                                "toteutettiin vuosina 2017–2018.")
    assert ("Project", "vahvat-juuret-kasvaville-lapsille-kainuussa",
            "Vahvat juuret kasvaville lapsille Kainuussa") in result.new_entities


def test_a_clause_before_a_spaced_dash_hanke_is_no_long_name(pipeline):
    result = _analyse(pipeline, "Kunnat ovat olleet alusta asti mukana Perheiden polku "
                                "-hankkeessa.")
    assert not any(" ovat " in f" {m.label} " for m in result.mentions if m.kind == "Project")


def test_an_upper_case_name_joined_to_ohjelma_names_the_programme(pipeline):
    result = _analyse(pipeline, "Maakunnassa muutosta veti KASVU!-ohjelma, jota hallinnoi "
                                "maakunnan liitto.")
    assert any(m.kind == "Project" and m.label == "KASVU!-ohjelma" for m in result.mentions)


def test_a_swedish_or_english_name_after_the_definite_project_word_is_a_project(pipeline):
    result = _analyse(pipeline, "Kommunerna arbetade i projektet Trygga familjer, som pågick "
                                "i två år. The regions also joined the project Stronger Together.")
    labels = {m.label for m in result.mentions if m.kind == "Project"}
    assert {"Trygga familjer", "Stronger Together"} <= labels


def test_an_acronym_holding_lape_in_parentheses_is_a_project(pipeline):
    result = _analyse(pipeline, "Raportti: Lapsiperheiden arki paremmaksi (EPLAPE), "
                                "loppuvuosi 2018.")
    assert any(m.kind == "Project" and m.label == "EPLAPE" for m in result.mentions)


def test_a_common_noun_opening_the_sentence_before_hankkeessa_is_no_name(pipeline):
    result = _analyse(pipeline, "Maakunnan hankkeessa on mukana kuusi kuntaa. Kunnan hanke "
                                "alkoi keväällä.")
    assert not {"maakunnan", "kunnan"} & _projects(result)


def test_a_one_letter_word_before_lape_in_a_heading_names_no_project(pipeline):
    result = _analyse(pipeline, "SAMMANFATTNING: VÅRT DELTAGANDE I LAPE 2017–2018\n\nText.")
    assert "i-lape" not in _projects(result)
