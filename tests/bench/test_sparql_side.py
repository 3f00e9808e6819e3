"""The SPARQL side-by-side bench's arithmetic and checks: rows counted from responses,
percentiles, ratios between servers, the correctness column, the summary against the issue's
targets and the query set itself. No server is started."""

import json

import numpy as np
import pytest

from bench.run import sparql_side_figures
from bench.sparql_queries import BenchQuery, query_set
from bench.sparql_stats import (
    agreement,
    check_targets,
    count_rows,
    latency,
    percentile,
    ratios,
    summarise,
    throughput,
)


def _select(n: int) -> bytes:
    bindings = [{"x": {"type": "literal", "value": str(i)}} for i in range(n)]
    return json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": bindings}}).encode()


def test_a_select_response_counts_its_bindings():
    assert count_rows("SELECT", _select(3)) == 3
    assert count_rows("SELECT", _select(0)) == 0


def test_an_ask_response_counts_one_row_when_true_and_none_when_false():
    assert count_rows("ASK", b'{"head": {}, "boolean": true}') == 1
    assert count_rows("ASK", b'{"head": {}, "boolean": false}') == 0


def test_a_construct_response_counts_distinct_triples_not_lines():
    body = (b"<a> <p> <b> .\n<a> <p> <b> .\n\n# a comment\n"
            b'<a> <q> "x"@fi .\n')
    assert count_rows("CONSTRUCT", body) == 2


def test_a_response_that_is_not_sparql_json_is_an_error_naming_the_form():
    with pytest.raises(ValueError, match="SELECT response is not SPARQL JSON"):
        count_rows("SELECT", b"<html>oops</html>")
    with pytest.raises(ValueError, match="no 'boolean'"):
        count_rows("ASK", _select(1))


@pytest.mark.parametrize("values", [[5.0], [3.0, 1.0], [1, 2, 3, 4, 100], list(range(31))])
def test_percentiles_interpolate_between_ranks_as_numpy_does(values):
    for q in (50, 95):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_no_timings_give_no_percentile_and_the_failures_are_kept():
    assert percentile([], 50) is None
    assert latency([], errors=2) == {"p50_ms": None, "p95_ms": None, "n": 0, "errors": 2}


def test_a_ratio_is_lapekg_time_over_the_other_server_time_per_percentile():
    per_server = {"lapekg": {"p50_ms": 12.0, "p95_ms": 30.0},
                  "oxigraph": {"p50_ms": 10.0, "p95_ms": 20.0},
                  "rdflib_endpoint": {"p50_ms": 240.0, "p95_ms": None}}
    assert ratios(per_server) == {"lapekg/oxigraph": {"p50": 1.2, "p95": 1.5},
                                  "lapekg/rdflib_endpoint": {"p50": 0.05, "p95": None}}


def test_row_counts_agree_only_when_every_server_answered_the_same_count():
    assert agreement({"lapekg": 356, "oxigraph": 356, "rdflib_endpoint": 356})["agree"]
    assert not agreement({"lapekg": 4327171, "oxigraph": 356})["agree"]
    assert not agreement({"lapekg": "error: HTTP 400", "oxigraph": "error: HTTP 400"})["agree"]
    assert not agreement({"lapekg": None, "oxigraph": None})["agree"]


def test_throughput_is_completed_queries_per_second_of_wall_time():
    assert throughput(ok=410, errors=3, seconds=20.5, clients=8) == {
        "clients": 8, "seconds": 20.5, "ok": 410, "errors": 3, "queries_per_s": 20.0}


def _query(kind: str, ours: float, ox: float, rdf: float, agree: bool = True) -> dict:
    per_server = {"lapekg": {"p50_ms": ours, "p95_ms": ours * 2},
                  "oxigraph": {"p50_ms": ox, "p95_ms": ox * 2},
                  "rdflib_endpoint": {"p50_ms": rdf, "p95_ms": rdf * 2}}
    rows = {"lapekg": 5, "oxigraph": 5, "rdflib_endpoint": 5 if agree else 6}
    return {"kind": kind, "latency": per_server, "ratios": ratios(per_server),
            "correct": agreement(rows)}


def test_the_summary_takes_the_worst_query_for_each_target():
    queries = {"ex1": _query("example", 100, 90, 2000), "ex2": _query("example", 40, 40, 800),
               "t1": _query("typical", 10, 5, 500, agree=False),
               "t2": _query("typical", 20, 20, 150)}
    summary = summarise(queries, {"lapekg": {"queries_per_s": 6.0},
                                  "oxigraph": {"queries_per_s": 15.0}},
                        {"lapekg": {"pss_mb": 1800, "rss_mb": 2600}})
    assert summary["examples_max_p95_ms"] == 200
    assert summary["typical_max_p95_ms"] == 40
    assert summary["max_p50_ratio_vs_oxigraph"] == 2.0
    assert summary["min_speedup_vs_rdflib_endpoint"] == 7.5
    assert summary["throughput_share_of_oxigraph"] == 0.4
    assert summary["server_tree_pss_mb_after_run"] == 1800
    assert summary["all_row_counts_agree"] is False
    assert summary["disagreeing_queries"] == ["t1"]
    verdict = check_targets(summary)
    assert {k: v["met"] for k, v in verdict.items()} == {
        "examples_max_p95_ms": True, "typical_max_p95_ms": True,
        "max_p50_ratio_vs_oxigraph": False, "min_speedup_vs_rdflib_endpoint": False,
        "throughput_share_of_oxigraph": False, "server_tree_pss_mb_after_run": True}


def test_a_server_that_was_skipped_leaves_its_targets_unmeasured():
    per_server = {"lapekg": {"p50_ms": 10.0, "p95_ms": 20.0}}
    queries = {"q": {"kind": "typical", "latency": per_server, "ratios": ratios(per_server),
                     "correct": agreement({"lapekg": 3})}}
    verdict = check_targets(summarise(queries, {"lapekg": {"queries_per_s": 5.0}}, {}))
    assert verdict["max_p50_ratio_vs_oxigraph"]["met"] is None
    assert verdict["throughput_share_of_oxigraph"]["met"] is None
    assert verdict["typical_max_p95_ms"]["met"] is True


def test_the_run_report_takes_the_stage_figures_prefixed_with_per_server_baselines():
    queries = {"q": _query("typical", 10, 5, 500)}
    stage = {"servers": {"lapekg": {"version": "l"}, "oxigraph": {"version": "o",
                                                                  "memory_after_run": {}}},
             "throughput": {"oxigraph": {"queries_per_s": 9.5}}, "queries": queries,
             "summary": {"typical_max_p95_ms": 20}, "targets": {"typical_max_p95_ms": {}}}
    figures = sparql_side_figures(stage)
    assert figures["summary"] == {"sparql_side_typical_max_p95_ms": 20}
    assert list(figures["targets"]) == ["sparql_side_typical_max_p95_ms"]
    row = figures["baselines"]["oxigraph_sparql_server"]
    assert row["throughput_queries_per_s"] == 9.5
    assert row["per_query"]["q"]["lapekg_time_ratio_p50"] == 2.0


def test_every_query_of_the_set_is_valid_sparql_of_a_known_form():
    import pyoxigraph as ox

    store = ox.Store()
    names = [q.name for q in query_set()]
    assert len(names) == len(set(names)) >= 13
    for q in query_set():
        assert q.form in {"SELECT", "ASK", "CONSTRUCT"}
        store.query(q.query, use_default_graph_as_union=False)  # raises SyntaxError if not


def test_a_query_whose_form_cannot_be_told_is_refused_by_name():
    with pytest.raises(ValueError, match="'odd'"):
        _ = BenchQuery("odd", "typical", "PREFIX x: <y:>\nDESCRIBE <z:a>").form


def test_the_table_marks_agreeing_counts_and_names_each_server_count_when_they_differ():
    from bench.sparql_stats import markdown_table

    failed = _query("example", 10, 5, 500, agree=False)
    failed["latency"]["rdflib_endpoint"] = latency([], errors=2)
    failed["ratios"] = ratios(failed["latency"])
    table = markdown_table({"q": _query("typical", 10, 5, 500), "x": failed},
                           ["lapekg", "oxigraph", "rdflib_endpoint"])
    lines = table.splitlines()
    assert lines[0] == ("| query | rows | lapekg p50 / p95 ms | oxigraph p50 / p95 ms | "
                        "rdflib_endpoint p50 / p95 ms | lapekg/oxigraph p50 | "
                        "lapekg/rdflib_endpoint p50 |")
    assert lines[2] == ("| q (typical) | 5 ✓ | 10.0 / 20.0 | 5.0 / 10.0 | 500.0 / 1,000.0 | "
                        "2.00 | 0.02 |")
    assert lines[3].startswith("| x (example) | lapekg 5, oxigraph 5, rdflib_endpoint 6 |")
    assert lines[3].endswith("| failed (2) | 2.00 | — |")


def test_a_query_only_the_other_server_failed_is_left_out_of_the_worst_ratio():
    answered = _query("typical", 10, 5, 200)
    other_failed = _query("typical", 10, 5, 500)
    other_failed["latency"]["rdflib_endpoint"] = latency([], errors=1)
    summary = summarise({"a": answered, "b": other_failed}, {}, {})
    assert summary["min_speedup_vs_rdflib_endpoint"] == 20.0
    ours_failed = _query("typical", 10, 5, 500)
    ours_failed["latency"]["lapekg"] = latency([], errors=2)
    assert summarise({"a": answered, "c": ours_failed}, {}, {})[
        "min_speedup_vs_rdflib_endpoint"] is None
