"""The benchmark's verdict on the issue's targets: measured values against their bounds."""

from bench.run import _targets


def test_a_rate_meets_its_target_at_or_above_the_bound_and_a_latency_at_or_below_it():
    verdict = _targets({"ingest_tokens_per_s": 4000, "search_p95_ms": 100.5, "ask_p95_ms": 80,
                        "sparql_p95_ms": 50, "peak_rss_mb": 5000})
    assert {key: row["met"] for key, row in verdict.items()} == {
        "ingest_tokens_per_s": True, "search_p95_ms": False, "ask_p95_ms": True,
        "sparql_p95_ms": True, "peak_rss_mb": False, "build_tokens_per_s": None,
        "rebuild_unchanged_ratio": None, "add_one_document_s": None}


def test_an_unchanged_rebuild_meets_its_target_at_a_tenth_of_the_first_build():
    verdict = _targets({"rebuild_unchanged_ratio": 0.08, "add_one_document_s": 6.2})
    assert verdict["rebuild_unchanged_ratio"]["met"] is True
    assert verdict["add_one_document_s"]["met"] is False


def test_a_figure_the_run_did_not_measure_is_neither_met_nor_missed():
    verdict = _targets({"search_p95_ms": 12})
    assert verdict["ask_p95_ms"] == {"bound": 250, "value": None, "met": None}
    assert verdict["search_p95_ms"]["met"] is True
