"""The learned result sentences (ingest/result_model.py) and how they join the result rules
(ingest/result_layer.py): made-up sentences, the real spaCy model and Voikko, and a fake
classifier where the test is about the combination, not the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.records import Document, DocumentMeta
from ingest.result_layer import ResultJudge
from ingest.result_model import SURFACE, ResultModelError, load, read_sentences


class _Fixed:
    """A classifier that gives each sentence a set probability (0.5 when not listed)."""

    def __init__(self, said: dict[str, float]) -> None:
        self.said = said

    def probability(self, text: str) -> float:
        return next((p for start, p in self.said.items() if text.startswith(start)), 0.5)


def test_a_training_line_without_its_label_is_refused_naming_the_line(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text("+ Hankkeessa avattiin kolme perhekeskusta.\nAvattiin kaksi.\n",
                    encoding="utf-8")
    with pytest.raises(ResultModelError, match=r"r\.txt:2"):
        read_sentences(path)


def test_the_committed_model_loads_with_the_features_it_was_trained_for():
    model, meta = load()
    assert meta["surface"] == list(SURFACE)
    assert model.coef.shape == model.mean.shape
    assert meta["sentences"] == len(read_sentences())


def test_the_judge_adds_only_sure_sentences_and_drops_only_unlikely_cued_ones():
    judge = ResultJudge(_Fixed({"a": 0.7, "b": 0.6, "c": 0.25, "d": 0.35}), 0.65, 0.3)
    assert judge.decide("a", cued=False)[0] and not judge.decide("b", cued=False)[0]
    assert not judge.decide("c", cued=True)[0] and judge.decide("d", cued=True)[0]


@pytest.fixture(scope="module")
def extractor(reference):
    from ingest.extraction import FactExtractor

    return FactExtractor(reference)


@pytest.fixture(scope="module")
def pipeline(voikko, reference, extractor):
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          extractor)


REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def _results(pipeline, extractor, text: str, said: dict[str, float]) -> dict[float, str]:
    extractor.result_judge = ResultJudge(_Fixed(said))
    try:
        doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                       DocumentMeta(region="Lappi"))
        return {float(dict(f.extra)["quantity"]): f.extractor for f in pipeline.analyse(doc).facts
                if f.predicate == "hasResult" and "quantity" in dict(f.extra)}
    finally:
        extractor.result_judge = None


def test_a_result_said_without_a_result_verb_is_read_when_the_classifier_is_sure(
        pipeline, extractor):
    text = "Kaikkiaan 326 perhettä sai apua kotiinsa."
    assert _results(pipeline, extractor, text, {"Kaikkiaan": 0.9}) == {326.0: "learned:result"}
    assert _results(pipeline, extractor, text, {"Kaikkiaan": 0.5}) == {}


def test_a_cued_plan_is_dropped_when_the_classifier_says_it_is_no_result(pipeline, extractor):
    text = "Kaupunki aikoo avata kaksi uutta kohtaamispaikkaa ensi vuonna."
    assert _results(pipeline, extractor, text, {"Kaupunki": 0.1}) == {}
    assert _results(pipeline, extractor, text, {"Kaupunki": 0.5}) == {2.0: "rule:result"}


def test_each_row_of_a_table_is_read_as_a_result_of_its_own(pipeline, extractor):
    text = ("Luvut\n\n| Mittari | 2018 |\n|---|---|\n| Avatut ryhmät | 14 |\n"
            "| Tavoitetut perheet | 390 |\n")
    assert set(_results(pipeline, extractor, text, {"| Avatut": 0.9, "| Tavoitetut": 0.9})) \
        == {14.0, 390.0}


def test_counts_that_say_where_a_practice_settled_or_was_tried_are_no_results(
        pipeline, extractor):
    """Even when the classifier is sure: "vakiintunut kolmella alueella", "siirryttiin ...
    kahdessa tiimissä", "2 tiimiä pilotissa" tell where, not what was achieved."""
    for text in ("Rovaniemellä perhekeskustoiminta on vakiintunut kolmella alueella.",
                 "Kemin lastensuojelussa siirryttiin syksyllä uuteen malliin kahdessa tiimissä.",
                 "- Tornio: 2 tiimiä pilotissa maaliskuusta alkaen"):
        assert _results(pipeline, extractor, text, {"": 0.95}) == {}, text
    said = "Rovaniemellä perhekeskuksen palveluja käytti syksyllä 380 perhettä."
    assert _results(pipeline, extractor, said, {"": 0.95}) == {380.0: "learned:result"}


def test_counts_of_who_takes_part_are_the_scope_of_the_work_no_result(pipeline, extractor):
    """Even when the classifier is sure: "mukana 18 kuntaa", "I projektet deltog 14
    kommuner"; people counted as taking part in a training stay results."""
    for text in ("- mukana 18 kuntaa ja keskussairaalan lastenklinikka",
                 "Revontuli-hankkeeseen kuului kaikkiaan 21 kuntaa."):
        assert _results(pipeline, extractor, text, {"": 0.95}) == {}, text
    trained = "Altogether 41 decision makers took part in training on the method."
    assert _results(pipeline, extractor, trained, {"": 0.95}) == {41.0: "learned:result"}
