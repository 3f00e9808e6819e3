"""Numbers written as one word of parts (ingest/extract/numerals.py) count as results, with the
parts read from ingest/patterns/results.toml."""

from __future__ import annotations

import pytest
from tests_support import result_quantities as quantities

from ingest.extract.numerals import spelled_number


@pytest.fixture(scope="module")
def lex():
    from ingest.extract.registry import load_lexicon

    return load_lexicon()


@pytest.mark.parametrize(("word", "value"), [
    ("kaksikymmentäneljä", 24), ("sataneljäkymmentä", 140), ("kolmesataa", 300),
    ("kuusikymmentäkolme", 63), ("neljätuhatta", 4000), ("kolmisenkymmentä", 30),
    ("viitisensataa", 500), ("tvåhundra", 200), ("tjugofyra", 24), ("hundratal", 100),
    ("trettiotal", 30), ("twenty-four", 24), ("tuhat", 1000)])
def test_a_number_built_of_parts_has_their_value(lex, word, value):
    assert spelled_number(word, lex.number_words, lex.number_parts) == value


@pytest.mark.parametrize("word", [
    "satoja", "tuhansia", "satakunta", "kymmentä", "kolmisen", "parikymmentä", "kaksitoista",
    "perhe", "talkoot", "neljäneljä"])
def test_plurals_lone_parts_and_other_words_are_no_number_of_parts(lex, word):
    assert spelled_number(word, lex.number_words, lex.number_parts) is None


def test_a_result_counted_in_words_of_parts_is_read(pipeline):
    text = "Hankkeessa koulutettiin kaiken kaikkiaan sataneljäkymmentä työntekijää."
    assert quantities(pipeline, text) == {140.0}


def test_a_swedish_span_of_months_with_its_article_is_no_count(pipeline):
    text = "Under de första tre månaderna registrerades ett hundratal besök i familjecentret."
    assert quantities(pipeline, text) == {100.0}


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))
