"""Where a count stands and what governs it (ingest/result_context.py, ingest/result_rows.py
and ingest/extract/results.py): list items under a heading of goals or unfinished work, a result
verb of another clause or negated, an event's audience, arrows and list items the splitter ran
together. Made-up text about a Lapland project, read with the real spaCy model and Voikko (the
rules alone: the pipeline here has no result classifier)."""

from __future__ import annotations

from tests_support import result_quantities as quantities

from ingest.extract.lexicon import Lexicon
from ingest.result_context import list_heading, under_pending_heading


def test_the_heading_of_a_list_item_is_the_first_line_above_the_list():
    text = "## Keskeneräistä\n\n- 2 kohtaamispaikkaa\n- 40 koulutettavaa\n"
    assert list_heading(text, text.index("40")) == "## Keskeneräistä"
    assert list_heading("Hanke avasi 2 paikkaa.", 12) is None


def test_an_item_under_a_heading_of_unfinished_work_is_pending():
    lex = Lexicon(pending_headings=("keskeneräi", "still", "inte klart"),
                  result_headings=("tulokset",))
    for text in ("Keskeneräistä:\n- 2 kohtaamispaikkaa", "Still to do\n- 2 meeting places",
                 "Det här blev inte klart:\n- 2 mötesplatser"):
        assert under_pending_heading(lex, text, text.index("2 "))
    assert not under_pending_heading(lex, "Tulokset ja keskeneräiset:\n- 2 paikkaa", 31)


def test_items_under_a_goals_heading_are_no_results(pipeline):
    text = "Tavoitteet vuodelle 2019:\n- 3 uutta kohtaamispaikkaa avataan\n- 200 koulutettavaa"
    assert quantities(pipeline, text) == set()


def test_items_under_a_results_heading_stay_results(pipeline):
    text = "Keskeiset tulokset:\n- 3 uutta kohtaamispaikkaa\n- 200 koulutettua työntekijää"
    assert quantities(pipeline, text) == {3.0, 200.0}


def test_a_result_verb_in_another_clause_cues_no_count(pipeline):
    text = ("Hankkeessa oli mukana 11 kuntaa ja 17 osatoteuttajaa, ja sen hallinnoijana toimi "
            "Rovaniemen kaupunki.")
    assert quantities(pipeline, text) == set()


def test_a_result_verb_that_governs_the_count_across_a_list_of_places_cues_it(pipeline):
    text = "Hankkeen aikana avattiin Kemiin, Tornioon ja Keminmaahan yhteensä kolme perhekeskusta."
    assert quantities(pipeline, text) == {3.0}


def test_a_negated_result_verb_reports_no_result(pipeline):
    text = "Hankkeen aikana perhekeskuksia ei avattu, vaikka niitä suunniteltiin neljä."
    assert quantities(pipeline, text) == set()


def test_an_events_audience_is_no_result_but_a_trainings_participants_are(pipeline):
    assert quantities(pipeline, "Hankkeen avaustilaisuuteen saapui noin sata ammattilaista.") \
        == set()
    assert quantities(pipeline, "Koulutustilaisuuksiin osallistui 340 varhaiskasvattajaa.") \
        == {340.0}


def test_an_arrow_change_counts_the_value_reached(pipeline):
    assert quantities(pipeline, "Perheneuvolan jono: 45 → 12 perhettä") == {12.0}


def test_list_items_the_splitter_ran_together_are_each_read(pipeline):
    text = ("## Tulokset\n\n- Perheneuvolan jono: 45 → 12 perhettä\n"
            "- 260 ammattilaista koulutettiin Lapset puheeksi -keskusteluun\n")
    assert quantities(pipeline, text) == {12.0, 260.0}


def test_rooting_a_method_in_a_counted_number_of_places_is_a_result(pipeline):
    text = "Lapset puheeksi -menetelmä juurrutettiin kaikkiin maakunnan 16 kuntaan."
    assert quantities(pipeline, text) == {16.0}


def test_a_result_verb_in_a_relative_clause_on_the_counted_noun_cues_the_count(pipeline):
    text = ("Kahden vuoden työn jäljiltä maakunnassa on nyt seitsemän perhekeskusta, joista "
            "viimeisin avautui Kemiin 10.12.2018.")
    assert quantities(pipeline, text) == {7.0}


def test_where_a_trial_ran_is_no_result(voikko, reference):
    """With the result classifier: the teams a model was tested in say where, not what the
    work achieved; the pupils who took part in a trial are a result."""
    import os

    from ingest.extract.status import make_status_model
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    model = os.environ.get("LAPEKG_MODEL", "models/multilingual-e5-small")
    learned = IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                             FactExtractor(reference, status_model=make_status_model(
                                 "override", encoder_model=model)))
    assert quantities(learned, "Rovaniemen lastensuojelussa testattiin uutta työmallia "
                               "kahdessa tiimissä.") == set()
    assert quantities(learned, "Kemissä kokeiltiin yläkouluissa ryhmätukea, johon osallistui "
                               "keväällä 58 oppilasta.") == {58.0}
