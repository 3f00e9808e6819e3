"""The benchmark names the encoder its build ran, as the build's generation recorded it."""

import json

from bench.run import built_encoder


def _generation(data, encoder):
    generation = data / "generations" / "g1"
    generation.mkdir(parents=True)
    (generation / "COMPLETE").write_text("ok")
    (generation / "build.json").write_text(json.dumps({"documents": 1, "encoder": encoder}))
    (data / "CURRENT").write_text("g1")


def test_the_variant_the_build_ran_is_named(tmp_path):
    _generation(tmp_path, {"model": "multilingual-e5-small", "quantize": False,
                           "variant": "openvino-bf16"})
    assert built_encoder(tmp_path)["variant"] == "openvino-bf16"


def test_a_build_recorded_before_variants_reads_as_float32_or_int8(tmp_path):
    _generation(tmp_path, {"model": "multilingual-e5-small", "quantize": True})
    assert built_encoder(tmp_path) == {"model": "multilingual-e5-small", "quantize": True,
                                       "variant": "int8"}


def test_no_build_names_no_encoder(tmp_path):
    assert built_encoder(tmp_path) is None
