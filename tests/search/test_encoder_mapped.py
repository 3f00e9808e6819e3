"""The memory-mapped copy of an ONNX graph (search/onnx_mapped.py) computes what its source
computes, is made once per source, and never stands in the way when it cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from search.onnx_mapped import mapped_graph, mapped_path

ort = pytest.importorskip("onnxruntime")
onnx = pytest.importorskip("onnx")


def _graph(path: Path, seed: int = 0) -> None:
    """y = relu(x @ W + b): a weight big enough to go to the side file, a bias small enough
    to stay inside the graph."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    weight = numpy_helper.from_array(rng.standard_normal((256, 64)).astype(np.float32), "W")
    bias = numpy_helper.from_array(rng.standard_normal(64).astype(np.float32), "b")
    nodes = [helper.make_node("MatMul", ["x", "W"], ["h"]),
             helper.make_node("Add", ["h", "b"], ["z"]),
             helper.make_node("Relu", ["z"], ["y"])]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                                         [None, 256])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 64])],
                              [weight, bias])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save_model(model, str(path))


def _run(path: Path, x: np.ndarray) -> np.ndarray:
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"x": x})[0]


def test_the_mapped_copy_gives_the_same_output_bit_for_bit(tmp_path: Path) -> None:
    source = tmp_path / "model.onnx"
    _graph(source)
    copy = mapped_graph(source)
    assert copy == mapped_path(source) and copy != source
    assert (tmp_path / "model.mapped.onnx.data").stat().st_size >= 256 * 64 * 4
    assert copy.stat().st_size < source.stat().st_size / 10  # the weight left the graph
    x = np.random.default_rng(1).standard_normal((5, 256)).astype(np.float32)
    assert np.array_equal(_run(copy, x), _run(source, x))


def test_the_copy_is_made_once_and_again_when_its_source_changes(tmp_path: Path) -> None:
    source = tmp_path / "model.onnx"
    _graph(source)
    copy = mapped_graph(source)
    made = copy.stat().st_mtime_ns
    assert mapped_graph(source).stat().st_mtime_ns == made
    _graph(source, seed=7)
    os.utime(source, ns=(made + 10**9, made + 10**9))
    x = np.ones((2, 256), dtype=np.float32)
    assert np.array_equal(_run(mapped_graph(source), x), _run(source, x))
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_copy_that_cannot_be_written_keeps_the_source_in_use(tmp_path: Path) -> None:
    source = tmp_path / "model.onnx"
    _graph(source)
    blocked = tmp_path / "model.mapped.onnx.data"  # a folder where the side file would go
    blocked.mkdir()
    (blocked / "keep").write_text("x")
    assert mapped_graph(source) == source
    assert not list(tmp_path.glob(".*.tmp"))
