"""The bench's token count says how much of the corpus repeats text it already had."""

from pathlib import Path

from bench.stages import stage_tokens

TEXT = ("Perhekeskuksen toimintamallia kokeiltiin Kainuussa vuonna 2018.\n\n"
        "Neuvolan ja varhaiskasvatuksen yhteistyötä vahvistettiin koko maakunnassa.\n")


def test_a_document_that_repeats_another_counts_all_its_tokens_as_repeated(tmp_path: Path
                                                                         ) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(TEXT, encoding="utf-8")

    counted = stage_tokens(tmp_path / "data", corpus)

    assert counted["documents"] == 2
    assert counted["tokens"] > 0
    assert counted["repeated_passages"] * 2 == counted["passages"]
    assert counted["repeated_tokens"] * 2 == counted["tokens"]
    assert counted["repeated_token_share"] == 0.5


def test_distinct_documents_repeat_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(TEXT.replace("Kainuussa", "Lapissa")
                                  .replace("koko maakunnassa", "Rovaniemellä"), encoding="utf-8")

    counted = stage_tokens(tmp_path / "data", corpus)

    assert counted["repeated_passages"] == 0
    assert counted["repeated_token_share"] == 0.0
