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
