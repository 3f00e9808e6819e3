"""Counts that report no result of the project: a month of a year, a thing still being made or
planned; and a sum that is one member's share of the funding. Made-up text about a region the
corpus does not cover, with the real spaCy model and Voikko (the rules alone, no learned
judge)."""

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


@pytest.mark.parametrize("text", [
    "| Sodankylä | perhekeskus | avattu 11/2017, toiminnassa |",
    "Kohtaamispaikka avattiin Sallaan 3/2018.",
])
def test_a_month_of_a_year_is_no_count(pipeline, text):
    assert not {11.0, 3.0} & quantities(pipeline, text)


@pytest.mark.parametrize("text", [
    "Lapissa on kehittymässä kolme verkostomaista perhekeskusta.",
    "- kaksi uutta kohtaamispaikkaa valmisteilla",
])
def test_a_thing_still_being_made_is_no_result(pipeline, text):
    assert not {3.0, 2.0} & quantities(pipeline, text)


def test_an_unfinished_clause_leaves_the_finished_one_a_result(pipeline):
    text = "Hankkeen aikana avattiin neljä perhekeskusta, ja viides on rakenteilla."
    assert 4.0 in quantities(pipeline, text)


def sums(pipeline, text: str) -> set[float]:
    doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {f.value for f in pipeline.analyse(doc).facts if f.predicate == "fundingAmount"}


def test_a_grant_with_its_share_of_the_budget_is_funding(pipeline):
    text = "Revontuli-hankkeen valtionavustus oli 720 000 € (80 %)."
    assert 720000.0 in sums(pipeline, text)


def test_one_members_share_of_the_own_funding_is_no_funding_of_the_project(pipeline):
    text = "Revontuli-hankkeessa Sallan osuus omarahoituksesta oli 18 000 euroa."
    assert 18000.0 not in sums(pipeline, text)


@pytest.mark.parametrize("text", [
    "Three regional centres of expertise also received state funding for their part of the work.",
    "Kolme osaamiskeskusta sai myös valtionavustusta omaan osuuteensa.",
])
def test_a_count_of_bodies_that_received_funding_is_no_result(pipeline, text):
    assert 3.0 not in quantities(pipeline, text)


def test_a_count_of_people_who_received_help_is_a_result(pipeline):
    text = "In total, 180 families received help at home during the project."
    assert 180.0 in quantities(pipeline, text)
