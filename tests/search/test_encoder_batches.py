"""How the ONNX encoder cuts length-sorted texts into calls (search/encoder.py): the int8
variants keep the greedy batches their vectors depend on; float32-equal variants cut where a
row's padding would cost more than a call."""

from __future__ import annotations

import itertools

import pytest

from search.encoder import CALL_TOKENS, ONNX_BATCH_TOKENS, greedy_batches, padded_batches
from search.onnx_variants import VARIANTS


def _cost(lengths, cuts, call):  # type: ignore[no-untyped-def]
    return sum(call + (end - start) * lengths[end - 1] for start, end in cuts)


def _covers(lengths, cuts, budget):  # type: ignore[no-untyped-def]
    assert [i for start, end in cuts for i in range(start, end)] == list(range(len(lengths)))
    for start, end in cuts:
        assert end - start == 1 or (end - start) * lengths[end - 1] <= budget


def test_greedy_batches_fill_the_token_budget():
    lengths = [100, 120, 125, 130, 130, 200, 400]
    cuts = greedy_batches(lengths, 640)
    # 5 rows of 130 would be 650 tokens; 3 rows of 400, 1,200
    assert cuts == [(0, 4), (4, 6), (6, 7)]
    _covers(lengths, cuts, 640)


def test_a_row_longer_than_the_budget_gets_a_call_of_its_own():
    assert greedy_batches([700], 640) == [(0, 1)]
    assert padded_batches([700], 640, 16) == [(0, 1)]
    assert padded_batches([10, 700, 800], 640, 16) == [(0, 1), (1, 2), (2, 3)]


def test_no_texts_no_calls():
    assert greedy_batches([], 640) == [] and padded_batches([], 640, 16) == []


def test_short_rows_join_long_ones_only_when_their_padding_costs_less_than_a_call():
    # 5 and 6 share a call (1 token of padding); 40 would pad them by 69: a call of its own
    assert padded_batches([5, 6, 40], 640, 16) == [(0, 2), (2, 3)]
    # rows of almost one length go together up to the budget
    assert padded_batches([20, 21, 21, 22], 640, 16) == [(0, 4)]


@pytest.mark.parametrize("call", [0, 8, CALL_TOKENS, 64])
def test_the_cuts_cost_no_more_than_any_other_cutting(call):
    lengths = [3, 4, 9, 15, 16, 17, 30, 31, 60, 90, 95, 300]
    budget = 200
    best = padded_batches(lengths, budget, call)
    _covers(lengths, best, budget)
    for marks in itertools.product([False, True], repeat=len(lengths) - 1):
        starts = [0] + [i + 1 for i, cut in enumerate(marks) if cut]
        cuts = list(zip(starts, starts[1:] + [len(lengths)], strict=True))
        if all(end - start == 1 or (end - start) * lengths[end - 1] <= budget
               for start, end in cuts):
            assert _cost(lengths, best, call) <= _cost(lengths, cuts, call)


def test_padded_batches_never_cost_more_than_the_greedy_ones():
    lengths = sorted([7, 12, 12, 13, 25, 26, 40, 41, 41, 80, 130, 131, 135, 140, 210, 215])
    greedy = greedy_batches(lengths, ONNX_BATCH_TOKENS)
    padded = padded_batches(lengths, ONNX_BATCH_TOKENS, CALL_TOKENS)
    assert _cost(lengths, padded, CALL_TOKENS) <= _cost(lengths, greedy, CALL_TOKENS)


def test_only_variants_without_per_call_quantisation_stand_in_for_float32():
    equal = {name for name, v in VARIANTS.items() if v.float32_equal}
    assert equal == {"float32", "openvino-bf16", "openvino-int8"}
    # int8 only with activation scales fixed at calibration (NNCF's static int8), never ONNX
    # Runtime's dynamic int8, whose scales are taken per call
    assert all(v.runtime == "openvino" for v in VARIANTS.values() if v.float32_equal and v.int8)
