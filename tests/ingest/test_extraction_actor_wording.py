"""Partners, administrators, periods and roles written in the ways new reports write them
(issue 13, dev3a): partners named in running prose or under a label, organisations known only
by their form, dates in English and Swedish summaries, a dateline that is no project date, a
role in the essive. Made-up sentences about Lapland, a region the examples need no data for."""

from __future__ import annotations

import pytest

from ingest.extract.funding import amounts
from ingest.extract.project_facts import dateline, find_dates
from ingest.records import Document, DocumentMeta

REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))


def analyse(pipeline, text: str):
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return pipeline.analyse(doc)


def relations(pipeline, text: str, predicate: str) -> set[tuple[str, str]]:
    return {(f.subject_key, f.object_key or f.value or "") for f in analyse(pipeline, text).facts
            if f.predicate == predicate}


def test_dates_written_in_english_and_swedish_words():
    text = "ran from 1 March 2017 to 31 December 2018; började 1 mars 2017; March 5, 2018"
    assert [d for _, _, d in find_dates(text)] == ["2017-03-01", "2018-12-31", "2017-03-01",
                                                  "2018-03-05"]


def test_a_date_on_a_line_of_its_own_after_a_place_is_a_dateline():
    text = "Otsikko\n\nKuopio 16.5.2017\n\nHanke alkoi 1.4.2017."
    found = find_dates(text)
    assert [dateline(text, s, e) for s, e, _ in found] == [True, False]


def test_sums_in_euro_as_swedish_and_english_write_them():
    assert [v for _, _, v in amounts("statsunderstöd om 1 040 000 euro")] == [1_040_000]


def test_an_english_period_from_one_day_to_another(pipeline):
    text = REGIONAL + "The Revontuli project ran from 1 March 2017 to 31 December 2018."
    assert ("revontuli", "2017-03-01") in relations(pipeline, text, "startDate")
    assert ("revontuli", "2018-12-31") in relations(pipeline, text, "endDate")


def test_a_partner_list_under_the_label_mukana(pipeline):
    text = REGIONAL + "- Mukana: Lapin yliopisto, Lapin ammattikorkeakoulu"
    assert {("revontuli", "lapin-yliopisto"), ("revontuli", "lapin-amk")} <= relations(
        pipeline, text, "partner")


def test_bodies_the_work_was_done_with_are_partners_but_not_others_of_the_sentence(pipeline):
    text = REGIONAL + ("Kehittämistyö tehtiin Kemin kaupungin ja Lapin yliopiston kanssa "
                       "Lapin ammattikorkeakoulun tiloissa.")
    partners = relations(pipeline, text, "partner")
    assert {("revontuli", "240"), ("revontuli", "lapin-yliopisto")} <= partners
    assert ("revontuli", "lapin-amk") not in partners


def test_an_association_unknown_to_the_reference_data_is_recognised_by_its_form(pipeline):
    text = REGIONAL + ("Järjestöjen osallisuutta vahvistettiin yhdessä Lapin Ensi- ja turvakoti "
                       "ry:n kanssa.")
    result = analyse(pipeline, text)
    assert any(m.kind == "Organisation" and m.label == "Lapin Ensi- ja turvakoti ry"
               for m in result.mentions)
    assert ("revontuli", "lapin-ensi-ja-turvakoti-ry") in relations(pipeline, text, "partner")


def test_a_role_in_the_essive_is_what_the_subject_acted_as(pipeline):
    text = REGIONAL + "Hankkeen projektipäällikkönä työskenteli Riikka Ojala."
    assert ("riikka-ojala", "") in relations(pipeline, text, "hasRole")


def test_a_region_named_in_another_language_beside_lape_is_the_regions_project(pipeline):
    result = analyse(pipeline, "Projektet LAPE Österbotten förvaltades av Vasa stad.")
    assert "pohjanmaan-lape" in {m.key for m in result.mentions if m.kind == "Project"}
    assert ("pohjanmaan-lape", "905") in {(f.subject_key, f.object_key) for f in result.facts
                                          if f.predicate == "administeredBy"}


def test_an_abbreviated_finnish_region_keeps_its_own_project_name(pipeline):
    """ "P-K LAPE" is Pohjois-Karjala's project (the region's stable key), labelled as the
    document names it."""
    result = analyse(pipeline, "P-K LAPE kehitti perhekeskuksia.")
    assert {m.key for m in result.mentions if m.kind == "Project"} >= {"pohjois-karjalan-lape"}
    assert ("Project", "pohjois-karjalan-lape", "P-K LAPE") in result.new_entities


def test_a_list_under_a_bold_line_of_implementers_names_partners(pipeline):
    text = REGIONAL + ("**Hankkeen toteuttajat**\n\n- Lapin sairaanhoitopiiri (päätoteuttaja)\n"
                       "- Lapin yliopisto\n- Kemin kaupunki")
    assert {("revontuli", "lapin-yliopisto"), ("revontuli", "240")} <= relations(
        pipeline, text, "partner")


def test_bodies_working_together_with_the_project_in_english_are_partners(pipeline):
    text = REGIONAL + "The Revontuli project works together with Lapin yliopisto."
    assert ("revontuli", "lapin-yliopisto") in relations(pipeline, text, "partner")


def test_bodies_that_joined_are_partners(pipeline):
    text = REGIONAL + "Myöhemmin mukaan lähtivät myös Lapin yliopisto ja Kemin kaupunki."
    assert {("revontuli", "lapin-yliopisto"), ("revontuli", "240")} <= relations(
        pipeline, text, "partner")
