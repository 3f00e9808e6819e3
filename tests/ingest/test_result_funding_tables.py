"""Funding written in a table in euros and as millions without the currency
(ingest/extract/funding.py). Made-up text about a Lapland project, read with the real spaCy model
and Voikko."""

from __future__ import annotations

from ingest.extract.funding import amounts, euro_table_row
from ingest.records import Document, DocumentMeta

REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def funding(pipeline, text: str) -> set[tuple[float, str]]:
    doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {(f.value, dict(f.extra).get("kind", "")) for f in pipeline.analyse(doc).facts
            if f.predicate == "fundingAmount"}


TABLE = ("Hankkeen rahoitus toteutui seuraavasti:\n\n| Rahoituslähde | Euroa |\n|---|---|\n"
         "| STM:n valtionavustus | 640 000 |\n| Kuntien omarahoitusosuus | 160 000 |\n"
         "| Yhteensä | 800 000 |")


def test_a_row_of_a_table_whose_header_names_euros_holds_euros():
    row = TABLE.index("| STM")
    assert euro_table_row(TABLE, row)
    assert [v for _, _, v in amounts("| STM:n valtionavustus | 640 000 |", True)] == [640_000]
    assert not euro_table_row("| Mittari | Määrä |\n|---|---|\n| Käynnit | 1 640 |", 30)


def test_a_table_in_euros_gives_each_sum_with_its_kind_and_the_total_row(pipeline):
    assert funding(pipeline, TABLE) == {(640_000.0, "grant"), (160_000.0, "own"),
                                        (800_000.0, "total")}


def test_millions_without_the_currency_count_in_a_sentence_about_funding(pipeline):
    text = "Hankkeen kokonaisbudjetti oli 1,5 miljoonaa ja valtionavustus 1,2 miljoonaa."
    assert funding(pipeline, text) == {(1_500_000.0, "total"), (1_200_000.0, "grant")}
    assert funding(pipeline, "Hankkeen alueella asuu 2 miljoonaa ihmistä.") == set()


def test_an_english_state_grant_is_a_grant(pipeline):
    text = "The project's budget was EUR 900,000, of which the state grant covered EUR 720,000."
    assert funding(pipeline, text) == {(900_000.0, "total"), (720_000.0, "grant")}
