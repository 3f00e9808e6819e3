"""The bench's ranking set: annotations resolve to passages, figures and intervals are right."""

import json

import pytest

from bench.ranking_set import (
    SET,
    first_rank,
    load,
    metrics,
    paired_bootstrap,
    resolve,
)


def test_the_set_is_large_and_every_query_names_relevant_passages():
    questions = load(SET)
    assert len(questions) >= 150
    assert len({q["id"] for q in questions}) == len(questions)
    assert {q["lang"] for q in questions} == {"fi", "en", "sv"}
    assert all(q["q"].strip() and q["relevant"] and all(r["contains"] for r in q["relevant"])
               for q in questions)


def test_annotations_resolve_by_document_and_substring():
    questions = [
        {"id": "a", "relevant": [{"doc": "x_report.txt", "contains": "Perhe   keskus"}]},
        {"id": "b", "relevant": [{"contains": "kohtaamispaikka"}]},
    ]
    passages = [(0, "x-report", "Uusi perhe keskus avattiin."),
                (1, "y-report", "Perhe keskus ja kohtaamispaikka."),
                (2, "x-report", "Kohtaamispaikka avattiin.")]
    # whitespace and case do not matter; "doc" keeps the match inside that document
    assert resolve(questions, passages) == {"a": {0}, "b": {1, 2}}


def test_an_annotation_without_a_passage_stops_the_run():
    questions = [{"id": "a", "relevant": [{"doc": "x.txt", "contains": "ei ole"}]}]
    with pytest.raises(ValueError, match="a: "):
        resolve(questions, [(0, "x", "jotain muuta")])


def test_figures():
    assert first_rank([5, 7, 9], {9}) == 3
    assert first_rank(list(range(20)), {15}) is None  # past the tenth
    m = metrics([1, 2, None, 10])
    assert m["MRR"] == pytest.approx((1 + 0.5 + 0 + 0.1) / 4)
    assert (m["hit@1"], m["hit@5"], m["hit@10"]) == (0.25, 0.5, 0.75)


def test_paired_bootstrap_interval_holds_the_difference():
    base = [1] * 30 + [2] * 10
    same = paired_bootstrap(base, base, rounds=500)
    assert same["MRR"] == {"diff": 0.0, "low": 0.0, "high": 0.0}
    worse = paired_bootstrap(base, [2] * 30 + [2] * 10, rounds=500)
    d = worse["MRR"]
    assert d["diff"] == pytest.approx(-0.375)
    assert d["low"] <= d["diff"] <= d["high"] < 0
    json.dumps(worse)  # plain numbers
