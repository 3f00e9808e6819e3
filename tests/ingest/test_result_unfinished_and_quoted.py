"""Counts that report no result of the project: a month of a year, a count in a paragraph of
direct speech, a thing still being made or planned; and sums that are only a part of the
funding. Made-up text about a region the corpus does not cover, with the real spaCy model and
Voikko (the rules alone, no learned judge)."""

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


def test_a_count_in_a_paragraph_of_direct_speech_is_no_result(pipeline):
    text = ("– Aiemmin perhe joutui soittamaan viiteen paikkaan ennen kuin apu löytyi. Nyt "
            "riittää yksi puhelu, Lehtola kertoo.")
    assert 5.0 not in quantities(pipeline, text)


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


def test_a_sum_given_as_a_percentage_of_the_budget_is_no_funding(pipeline):
    text = ("Revontuli-hankkeen kokonaiskustannusarvio on 900 000 euroa. Ensimmäisenä vuonna "
            "käytettiin 210 000 euroa eli 23 % kokonaiskustannusarviosta.")
    found = sums(pipeline, text)
    assert 900000.0 in found and 210000.0 not in found


def test_one_members_share_of_the_own_funding_is_no_funding_of_the_project(pipeline):
    text = "Revontuli-hankkeessa Sallan osuus omarahoituksesta oli 18 000 euroa."
    assert 18000.0 not in sums(pipeline, text)
