"""Partners, periods, project identity and actors read by the shape of the text rather than by
one cue (issue 13, xrel2): a town's possessive, a council's minutes, a dateline, "Hankkeessa"
opening a sentence, "LAPE <region>" and "... (LAPE)" names, a title ending in a place, dates
each with its own verb, a consortium beside the programme, a joint authority referred back to.
Real spaCy and Voikko; made-up texts."""

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


def analysed(pipeline, text: str, region: str | None = None):
    return pipeline.analyse(Document("testi", "testi.txt", text, "Testi", "txt", "0",
                                     DocumentMeta(region=region)))


def facts(pipeline, text: str, predicate: str, region: str | None = None) -> set[tuple]:
    return {(f.subject_key, f.object_key or f.value)
            for f in analysed(pipeline, text, region).facts if f.predicate == predicate}


def town(reference, name: str) -> str:
    return next(e.key for e in reference.by_kind("Municipality") if e.pref_fi == name)


def test_an_english_possessive_names_the_town(pipeline, reference):
    found = facts(pipeline, "In Salla's schools the family centre model was piloted in 2018.",
                  "piloted")
    assert (town(reference, "Salla"), "perhekeskus") in found


def test_minutes_opening_with_a_town_as_body_give_that_town_the_decisions(pipeline, reference):
    text = ("SAVUKOSKEN KUNTA – SIVISTYSLAUTAKUNTA 3.9.2018\n\n§ 12 Perhekeskusmalli\n\n"
            "Lautakunta päätti ottaa perhekeskusmallin käyttöön.")
    assert (town(reference, "Savukoski"), "perhekeskus") in facts(pipeline, text, "implemented")


def test_hankkeessa_opening_a_sentence_is_the_project_not_the_dateline_town(pipeline, reference):
    text = ("Revontuli-hanke kokoaa Lapin perhepalveluja\n\nKemi 4.5.2018\n\n"
            "Revontuli-hankkeen hallinnoijana toimii Kemin kaupunki. "
            "Hankkeessa kokeiltiin Lapset puheeksi -menetelmää neuvoloissa.")
    found = facts(pipeline, text, "piloted")
    assert ("revontuli", "lapset-puheeksi") in found
    assert (town(reference, "Kemi"), "lapset-puheeksi") not in found


def test_lape_and_a_finnish_region_in_the_nominative_is_the_regions_project(pipeline):
    mentions = analysed(pipeline, "LAPE Kainuu järjesti perheille illan. Hanke päättyi "
                        "31.12.2018.").mentions
    assert "Kainuun LAPE" in {m.label for m in mentions if m.kind == "Project"}


def test_a_long_name_closed_by_lape_in_parentheses_is_the_regions_project(pipeline):
    text = ("Kainuun lapsi- ja perhepalveluiden muutosohjelma (LAPE) toteutetaan ajalla "
            "1.3.2017-31.12.2018.")
    assert ("kainuun-lape", "2017-03-01") in facts(pipeline, text, "startDate")


def test_a_title_ending_in_a_place_names_the_project_without_it(pipeline):
    text = "# Perhekompassi Kainuussa\n\nKainuun lapsiperheiden palvelujen kehittämishanke\n"
    labels = {m.label for m in analysed(pipeline, text).mentions if m.kind == "Project"}
    assert "Perhekompassi" in labels and "Perhekompassi Kainuussa" not in labels


def test_each_date_takes_the_start_or_end_word_before_it(pipeline):
    text = ("Revontuli-hanke kehitti palveluja.\n\nHankekausi alkoi 1.2.2017, ja työ jatkuu "
            "30.11.2018 saakka.")
    assert facts(pipeline, text, "startDate") == {("revontuli", "2017-02-01")}
    assert facts(pipeline, text, "endDate") == {("revontuli", "2018-11-30")}


def test_a_consortium_beside_the_programme_is_the_documents_project(pipeline):
    text = ("Revontuli-hanke kehitti Lapin palveluja.\n\nLAPE-muutosohjelman kärkihankkeen lisäksi"
            " hankekonsortioon kuuluu omalla osahankkeella Lapin yliopisto.")
    assert ("revontuli", "lapin-yliopisto") in facts(pipeline, text, "partner")


def test_kuntayhtyma_refers_back_to_a_joint_authority_of_another_name(pipeline):
    text = ("Kainuun sote käsitteli kokouksessaan maakunnan hanketta.\n\nRevontuli-hanke "
            "kehittää perhepalveluja. Kuntayhtymä toimii hankkeen hallinnoijana.")
    assert ("revontuli", "kainuun-sote") in facts(pipeline, text, "administeredBy")


def test_towns_committed_to_the_work_by_bare_name_are_partners_unless_negated(pipeline,
                                                                             reference):
    text = ("Revontuli-hanke kehitti Lapin palveluja.\n\nHankkeen kehittämistyöhön sitoutuivat "
            "Salla ja Savukoski. Pelkosenniemi ja Posio eivät olleet mukana hankkeessa.")
    found = {o for _, o in facts(pipeline, text, "partner")}
    assert {town(reference, "Salla"), town(reference, "Savukoski")} <= found
    assert not {town(reference, "Pelkosenniemi"), town(reference, "Posio")} & found


def test_a_ministry_coordinating_a_regional_project_does_not_administer_it(pipeline):
    text = ("Revontuli-hanke kehitti Lapin palveluja.\n\nRevontuli-hanketta koordinoi "
            "sosiaali- ja terveysministeriö. Hankkeen hallinnoija on Kemin kaupunki.")
    admins = {o for _, o in facts(pipeline, text, "administeredBy")}
    assert "stm" not in admins and "240" in admins
