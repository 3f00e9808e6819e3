"""The encoder's ONNX variants (search/onnx_variants.py): identity, parity with float32, files."""

from __future__ import annotations

import os

import numpy as np
import pytest

from search.encoder import Encoder
from search.onnx_export import export_onnx
from search.onnx_variants import FFN, VARIANTS, matmuls, runnable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

pytest.importorskip("onnxruntime")

FINNISH = [
    "Perhekeskuksessa neuvola, varhaiskasvatus ja sosiaalityö toimivat yhdessä.",
    "Pohjois-Karjalan LAPE-hanke pilotoi vastuutyöntekijämallia vuonna 2018.",
    "Lapsi- ja perhepalveluiden muutosohjelma jatkuu maakunnissa kunta-agenttien tuella.",
    "Päijät-Hämeen perhekeskuspilotit: kohtaamispaikat, perheneuvola ja matalan kynnyksen apu "
    "lapsiperheille, joissa vanhemmat ovat eronneet tai eroamassa.",
]
# Measured on 228 LAPE passages (bench/encoder_variants.py): fused vs float32 min cosine 1.00000.
FUSED_MIN_COSINE = 0.9999
# Measured on the same passages: int8-ffn-inner mean 0.9969, min 0.9947 (hit@5 and MRR of the
# eval questions as float32's); the bound leaves room for short strings.
INT8_FFN_INNER_MIN_COSINE = 0.99


def test_each_variant_has_its_own_identity(model_dir):
    # An OpenVINO variant that cannot run here (or whose graph cannot be made here, like
    # openvino-int8 without NNCF) is its fallback (test_encoder_openvino.py).
    here = [name for name, spec in VARIANTS.items() if runnable(spec, model_dir) is spec]
    identities = [Encoder(model_dir, variant=name).identity() for name in here]
    assert len({tuple(sorted(i.items())) for i in identities}) == len(here)


def test_float32_and_int8_keep_the_identity_builds_recorded_before_variants(model_dir):
    assert Encoder(model_dir).identity() == {"model": model_dir.name, "quantize": False}
    assert Encoder(model_dir, quantize=True).identity() == {"model": model_dir.name,
                                                            "quantize": True}


def test_an_unknown_variant_is_refused_naming_the_setting(model_dir):
    with pytest.raises(ValueError, match="LAPEKG_ENCODER_VARIANT"):
        Encoder(model_dir, variant="int4")


def test_fused_vectors_match_float32(model_dir):
    float32 = Encoder(model_dir, runtime="onnx", variant="float32")
    fused = Encoder(model_dir, runtime="onnx", variant="fused")
    ours, theirs = fused.encode_passages(FINNISH), float32.encode_passages(FINNISH)
    assert np.sum(ours * theirs, axis=1).min() >= FUSED_MIN_COSINE
    query = "Missä maakunnissa pilotoitiin vastuutyöntekijämallia?"
    assert float(fused.encode_query(query) @ float32.encode_query(query)) >= FUSED_MIN_COSINE


def test_int8_ffn_inner_vectors_stay_close_to_float32(model_dir):
    float32 = Encoder(model_dir, runtime="onnx", variant="float32")
    int8 = Encoder(model_dir, runtime="onnx", variant="int8-ffn-inner")
    ours, theirs = int8.encode_passages(FINNISH), float32.encode_passages(FINNISH)
    assert np.sum(ours * theirs, axis=1).min() >= INT8_FFN_INNER_MIN_COSINE
    query = "Missä maakunnissa pilotoitiin vastuutyöntekijämallia?"
    assert float(int8.encode_query(query) @ float32.encode_query(query)) >= \
        INT8_FFN_INNER_MIN_COSINE


def test_a_variant_is_exported_once_and_its_intermediate_graph_removed(model_dir):
    path = export_onnx(model_dir, "fused")
    made = path.stat().st_mtime_ns
    assert export_onnx(model_dir, "fused").stat().st_mtime_ns == made
    assert not (path.parent / "model_eager.onnx").exists()


def test_feed_forward_matmuls_are_the_ones_quantised(model_dir):
    names = matmuls(export_onnx(model_dir, "fused"), FFN)
    assert len(names) == 2 * 12
    assert all("/intermediate/dense/" in n or "/output/dense/" in n for n in names)
    assert not any("attention" in n for n in names)


def test_the_setting_chooses_the_variant_and_quantize_still_means_all_int8(model_dir):
    from api.components import make_encoder
    from api.settings import Settings

    settings = Settings(model=str(model_dir), encoder_variant="fused")
    assert make_encoder(settings).variant == "fused"
    assert make_encoder(settings.model_copy(update={"encoder_quantize": True})).variant == "int8"
    assert Settings().encoder_variant == "openvino-bf16"
