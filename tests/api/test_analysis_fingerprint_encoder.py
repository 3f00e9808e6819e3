"""A cached analysis holds the describer's concepts, which it finds with the passage encoder's
vectors: the analysis cache is keyed by that encoder too, so a build with another encoder
variant analyses afresh instead of reusing what the other encoder described."""

from __future__ import annotations

from pathlib import Path

from api.components import analysis_settings
from api.settings import Settings

FLOAT32 = {"model": "multilingual-e5-small", "quantize": False}
INT8_FFN_INNER = {**FLOAT32, "variant": "int8-ffn-inner"}


def _settings(**changes) -> Settings:
    return Settings(data=Path("/nonexistent"), **changes)


def test_another_encoder_misses_the_analysis_cache():
    assert analysis_settings(_settings(), FLOAT32) != analysis_settings(_settings(),
                                                                         INT8_FFN_INNER)


def test_the_same_encoder_finds_it():
    assert analysis_settings(_settings(), dict(INT8_FFN_INNER)) == \
        analysis_settings(_settings(), INT8_FFN_INNER)


def test_without_the_describer_the_encoder_does_not_matter():
    quiet = _settings(infer_concepts=False)
    assert analysis_settings(quiet, FLOAT32) == analysis_settings(quiet, INT8_FFN_INNER)


def test_a_status_model_on_another_encoder_than_float32_misses_the_analysis_cache():
    bf16 = {**FLOAT32, "variant": "openvino-bf16"}
    quiet = _settings(infer_concepts=False)
    assert analysis_settings(quiet, FLOAT32, bf16) != analysis_settings(quiet, FLOAT32)
    assert analysis_settings(quiet, FLOAT32, None) == analysis_settings(quiet, FLOAT32)


def test_short_texts_share_the_passage_encoder_only_when_it_stands_in_for_float32(
        monkeypatch, tmp_path):
    """openvino-bf16 (and float32) passage encoders serve the status and result models too;
    an int8 one does not (they were trained on float32 vectors), nor one whose OpenVINO
    cannot run here (it runs its int8 fallback)."""
    import search.openvino_session as openvino_session
    from api.components import _status_encoder, short_text_encoder
    from ingest.status_layer import make_learned
    from search.encoder import Encoder
    from search.vector_cache import CachingEncoder, VectorCache

    model = str(Path(__file__).resolve().parents[2] / "models" / "multilingual-e5-small")
    monkeypatch.setattr(openvino_session, "usable", lambda precision: True)
    bf16 = Encoder(model, variant="openvino-bf16")
    cached = CachingEncoder(bf16, VectorCache(tmp_path, bf16.identity(), 384))
    assert short_text_encoder(cached) is bf16
    assert short_text_encoder(Encoder(model, variant="float32")) is not None
    assert short_text_encoder(Encoder(model, variant="int8-ffn-inner")) is None
    status = make_learned("fill", encoder_model=model, encoder=short_text_encoder(cached))
    assert status.classifier.encoder is bf16
    assert _status_encoder(status) == bf16.identity()
    assert _status_encoder(make_learned("fill", encoder_model=model)) is None
    monkeypatch.setattr(openvino_session, "usable", lambda precision: False)
    assert short_text_encoder(Encoder(model, variant="openvino-bf16")) is None
