"""Counted results read by the structure of the count (ingest/extract/results.py): a percentage
under a verb of change, how long a trial lasted, English thousands, and a plan said in the
present tense (ingest/result_layer.py). Made-up sentences about Kainuu, real spaCy and Voikko."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta
from ingest.result_layer import ResultJudge

OPENING = "Kasvun kaari -hanke kehitti lapsiperheiden palveluja Kainuussa.\n\n"


def _results(pipeline, text: str) -> set[float | None]:
    doc = Document("testi", "testi.txt", OPENING + text, "Testi", "txt", "0",
                   DocumentMeta(region="Kainuu"))
    return {float(dict(f.extra)["quantity"]) if "quantity" in dict(f.extra) else None
            for f in pipeline.analyse(doc).facts if f.predicate == "hasResult"}


def test_a_percentage_under_a_verb_of_change_is_a_result(pipeline):
    assert _results(pipeline, "Hankkeen aikana huostaanottojen määrä laski 14 prosenttia.") == {
        14.0}


def test_a_percentage_that_is_a_share_is_no_result(pipeline):
    assert not _results(pipeline, "Kyselyssä 35 prosenttia vanhemmista toivoi iltavastaanottoa.")


def test_how_long_a_trial_lasted_is_no_count(pipeline):
    text = ("## Tulokset\n\n- Kuhmo kokeili etävastaanottoa kuuden kuukauden ajan;\n"
            "- Paltamo tested evening hours for four months;\n- Sotkamossa avattiin kaksi "
            "kohtaamispaikkaa")
    assert _results(pipeline, text) == {2.0}


def test_english_thousands_with_a_comma_are_one_number(pipeline):
    text = "During the project 2,400 parents were reached by the family counsellors."
    assert _results(pipeline, text) == {2400.0}


class _Fixed:
    def __init__(self, p: float) -> None:
        self.p = p

    def probability(self, text: str) -> float:
        return self.p


def test_a_cued_sentence_in_the_present_tense_needs_a_surer_classifier():
    judge = ResultJudge(_Fixed(0.3))  # type: ignore[arg-type]
    assert judge.decide("Kaupunki avaa kaksi perhekeskusta.", cued=True, present=True)[0] is False
    assert judge.decide("Kaupunki avasi kaksi perhekeskusta.", cued=True)[0] is True
