"""The encoder's OpenVINO variant (search/openvino_session.py): chosen by LAPEKG_ENCODER_VARIANT,
recorded in the encoder's identity, replaced by its ONNX Runtime fallback where OpenVINO cannot
run it, and close to float32."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import search.encoder as encoder_module
import search.openvino_session as openvino_session
from search.encoder import Encoder
from search.onnx_variants import VARIANTS, runnable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BF16 = "openvino-bf16"
INT8 = "openvino-int8"
# Measured on 114 LAPE passages (bench/results/2026-12-07-encoder-runtime.json): mean and min
# cosine 0.99999 to ONNX Runtime's float32; the bound leaves room for short strings.
BF16_MIN_COSINE = 0.999
# openvino-int8 (static, NNCF): mean .9987, min .9971 on 200 LAPE passages; room for short strings.
INT8_MIN_COSINE = 0.99
FINNISH = [
    "Perhekeskuksessa neuvola, varhaiskasvatus ja sosiaalityö toimivat yhdessä.",
    "Pohjois-Karjalan LAPE-hanke pilotoi vastuutyöntekijämallia vuonna 2018.",
    "Päijät-Hämeen perhekeskuspilotit: kohtaamispaikat, perheneuvola ja matalan kynnyksen apu "
    "lapsiperheille, joissa vanhemmat ovat eronneet tai eroamassa.",
]


@pytest.fixture
def openvino_runs(monkeypatch):
    """This process can run OpenVINO at bf16 (whatever is installed)."""
    monkeypatch.setattr(openvino_session, "usable", lambda precision: True)


@pytest.fixture
def openvino_missing(monkeypatch):
    monkeypatch.setattr(openvino_session, "usable", lambda precision: False)


def test_the_bf16_variant_runs_the_float32_graph_with_openvino():
    spec = VARIANTS[BF16]
    assert (spec.runtime, spec.precision, spec.file) == ("openvino", "bf16",
                                                         VARIANTS["float32"].file)
    assert not spec.int8
    assert VARIANTS[spec.fallback].runtime == "onnxruntime"


def test_every_other_variant_runs_on_onnx_runtime_and_is_its_own_fallback():
    for name, spec in VARIANTS.items():
        if name not in (BF16, INT8):
            assert spec.runtime == "onnxruntime" and runnable(spec) is spec


def test_the_bf16_variant_is_recorded_in_the_identity(model_dir, openvino_runs):
    encoder = Encoder(model_dir, variant=BF16)
    assert encoder.variant == BF16
    assert encoder.identity() == {"model": model_dir.name, "quantize": False, "variant": BF16}
    assert encoder.identity() != Encoder(model_dir, variant="float32").identity()


def test_without_openvino_the_fallback_runs_and_is_the_identity(model_dir, openvino_missing):
    encoder = Encoder(model_dir, variant=BF16)
    assert encoder.variant == "int8-ffn-inner"
    assert encoder.identity() == Encoder(model_dir, variant="int8-ffn-inner").identity()


def test_usable_is_false_when_openvino_is_not_installed(monkeypatch):
    monkeypatch.setattr(openvino_session.importlib.util, "find_spec", lambda name: None)
    assert not openvino_session.usable.__wrapped__("bf16")
    assert not openvino_session.usable.__wrapped__("f32")


def test_an_openvino_variant_gets_an_openvino_session(monkeypatch):
    made = []

    class FakeSession:
        def __init__(self, path: Path, precision: str, threads: int) -> None:
            made.append((path, precision, threads))

    monkeypatch.setattr(openvino_session, "OpenVinoSession", FakeSession)
    session = encoder_module._session(Path("g.onnx"), "openvino", "bf16", 1)
    assert isinstance(session, FakeSession) and made == [(Path("g.onnx"), "bf16", 1)]


def test_bf16_vectors_stay_close_to_float32(model_dir):
    if not openvino_session.usable("bf16"):
        pytest.skip("OpenVINO with native bf16 is not available here")
    float32 = Encoder(model_dir, runtime="onnx", variant="float32")
    bf16 = Encoder(model_dir, runtime="onnx", variant=BF16)
    assert bf16.variant == BF16
    ours, theirs = bf16.encode_passages(FINNISH), float32.encode_passages(FINNISH)
    assert np.sum(ours * theirs, axis=1).min() >= BF16_MIN_COSINE
    query = "Missä maakunnissa pilotoitiin vastuutyöntekijämallia?"
    assert float(bf16.encode_query(query) @ float32.encode_query(query)) >= BF16_MIN_COSINE
    # One text alone and beside longer ones: padding rows do not change its vector.
    alone = bf16.encode_passages(FINNISH[:1])
    assert float(alone[0] @ ours[0]) >= 0.9999


def test_queries_of_a_bf16_build_keep_to_it_or_say_they_cannot(tmp_path, model_dir, caplog,
                                                               monkeypatch):
    import json

    from api.components import _query_encoder
    from api.settings import Settings

    generation = tmp_path / "generation"
    generation.mkdir()
    built = {"model": model_dir.name, "quantize": False, "variant": BF16}
    (generation / "build.json").write_text(json.dumps({"encoder": built}))
    settings = Settings(data=tmp_path, model=str(model_dir), encoder_variant="float32")
    monkeypatch.setattr(openvino_session, "usable", lambda precision: True)
    assert _query_encoder(settings, generation).identity() == built
    monkeypatch.setattr(openvino_session, "usable", lambda precision: False)
    with caplog.at_level("WARNING"):
        assert _query_encoder(settings, generation).variant == "int8-ffn-inner"
    assert "cannot run here" in caplog.text


def test_a_build_from_another_graph_of_the_same_variant_is_told_to_rebuild(
        tmp_path, model_dir, caplog, monkeypatch):
    """An int8 build whose graph was made from another recipe (another calibration text or
    NNCF) runs the same variant here: the warning says so and asks for a rebuild, not that
    the variant cannot run."""
    import json

    from api.components import _query_encoder
    from api.settings import Settings

    generation = tmp_path / "generation"
    generation.mkdir()
    built = {"model": model_dir.name, "quantize": False, "variant": BF16, "graph": "0ld0ld0ld0ld"}
    (generation / "build.json").write_text(json.dumps({"encoder": built}))
    settings = Settings(data=tmp_path, model=str(model_dir), encoder_variant=BF16)
    monkeypatch.setattr(openvino_session, "usable", lambda precision: True)
    with caplog.at_level("WARNING"):
        assert _query_encoder(settings, generation).variant == BF16
    assert "cannot run here" not in caplog.text
    assert "0ld0ld0ld0ld" in caplog.text and "rebuild" in caplog.text


def test_the_int8_variant_is_openvino_ir_made_from_float32_by_nncf():
    spec = VARIANTS[INT8]
    assert (spec.runtime, spec.precision, spec.source) == ("openvino", "bf16", "float32")
    assert spec.file.endswith(".xml") and spec.int8 and spec.needs == "nncf"
    assert spec.fallback == BF16  # and BF16's own fallback where OpenVINO cannot run


def test_without_nncf_and_without_its_graph_the_int8_variant_gives_way_to_bf16(
        tmp_path, monkeypatch, openvino_runs):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "nncf" else real(name, *a))
    assert runnable(VARIANTS[INT8], tmp_path) is VARIANTS[BF16]
    assert runnable(VARIANTS[INT8]) is VARIANTS[INT8]  # no folder: nothing to look at


def test_without_openvino_the_int8_variant_falls_back_down_the_chain(tmp_path, openvino_missing):
    assert runnable(VARIANTS[INT8], tmp_path).name == "int8-ffn-inner"


def test_the_calibration_sample_is_fixed_text_of_the_repository():
    from search.openvino_int8 import calibration_texts

    texts = calibration_texts()
    assert texts == calibration_texts()
    passages = [t for t in texts if t.startswith("passage: ")]
    labels = [t for t in texts if t.startswith("query: ")]
    assert len(passages) >= 50 and len(labels) >= 100 and len(passages) + len(labels) == len(texts)
    assert any("Pohjois-Karjala" in t for t in passages)


def test_int8_vectors_stay_close_to_float32_and_do_not_depend_on_their_batch(model_dir):
    from search.onnx_export import onnx_ready

    if not openvino_session.usable("bf16") or not onnx_ready(model_dir, INT8):
        pytest.skip("OpenVINO with native bf16, or the openvino-int8 graph, is not here")
    float32 = Encoder(model_dir, runtime="onnx", variant="float32")
    int8 = Encoder(model_dir, runtime="onnx", variant=INT8)
    assert int8.variant == INT8 and int8.float32_equal
    ours, theirs = int8.encode_passages(FINNISH), float32.encode_passages(FINNISH)
    assert np.sum(ours * theirs, axis=1).min() >= INT8_MIN_COSINE
    # Static activation scales: a text alone and beside longer ones gets the same vector.
    alone = int8.encode_passages(FINNISH[:1])
    assert float(alone[0] @ ours[0]) >= 0.9999
