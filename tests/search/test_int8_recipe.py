"""What openvino-int8's vectors depend on besides the weights (search/openvino_int8.py): the
calibration text and NNCF's settings and version, written beside the graph when it is made and
carried in the encoder's identity, so that a graph made from other text or by another NNCF never
shares a vector cache, a build record or a learned model's fit with this one."""

from __future__ import annotations

import json

import search.onnx_variants as onnx_variants
import search.openvino_session as openvino_session
from search.encoder import Encoder
from search.openvino_int8 import RECIPE, calibration_texts, recipe, recorded_graph

INT8 = "openvino-int8"


def test_the_recipe_names_the_calibration_text_by_its_digest_and_is_deterministic():
    first, again = recipe(), recipe()
    assert first == again
    assert first["calibration_texts"] == len(calibration_texts())
    other = recipe(calibration_texts()[:-1])
    assert other["calibration_sha256"] != first["calibration_sha256"]


def test_a_graph_made_before_recipes_were_written_is_unrecorded(tmp_path):
    (tmp_path / "onnx").mkdir()
    (tmp_path / "onnx" / "model_ov_int8.xml").write_text("<net/>")
    assert recorded_graph(tmp_path) == "unrecorded"


def test_the_recorded_recipe_decides_the_digest_and_another_nncf_changes_it(tmp_path):
    (tmp_path / "onnx").mkdir()
    (tmp_path / "onnx" / "model_ov_int8.xml").write_text("<net/>")
    path = tmp_path / "onnx" / RECIPE
    path.write_text(json.dumps({**recipe(), "nncf": "3.4.0"}))
    made = recorded_graph(tmp_path)
    assert made not in ("unrecorded", "") and made == recorded_graph(tmp_path)
    path.write_text(json.dumps({**recipe(), "nncf": "3.5.0"}))
    assert recorded_graph(tmp_path) != made


def test_a_graph_not_made_yet_has_the_identity_it_will_be_made_with(tmp_path, monkeypatch):
    import importlib.metadata

    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "3.4.0" if name == "nncf" else real_version(name))
    before = recorded_graph(tmp_path)  # nothing made here yet
    (tmp_path / "onnx").mkdir()
    (tmp_path / "onnx" / RECIPE).write_text(json.dumps({**recipe(), "nncf": "3.4.0"}))
    (tmp_path / "onnx" / "model_ov_int8.xml").write_text("<net/>")
    assert recorded_graph(tmp_path) == before


def test_the_int8_encoders_identity_carries_its_graph_and_other_variants_do_not(
        tmp_path, monkeypatch):
    monkeypatch.setattr(openvino_session, "usable", lambda precision: True)
    monkeypatch.setattr(onnx_variants, "_made_or_makeable", lambda spec, folder: True)
    (tmp_path / "onnx").mkdir()
    (tmp_path / "onnx" / "model_ov_int8.xml").write_text("<net/>")
    (tmp_path / "onnx" / RECIPE).write_text(json.dumps({**recipe(), "nncf": "3.4.0"}))
    int8 = Encoder(tmp_path, variant=INT8)
    assert int8.variant == INT8
    assert int8.identity()["graph"] == recorded_graph(tmp_path)
    assert "graph" not in Encoder(tmp_path, variant="openvino-bf16").identity()
    assert "graph" not in Encoder(tmp_path, variant="float32").identity()
