"""A build records the encoder its vectors came from; add and queries keep to it, because int8
and float32 vectors of one model rank passages differently."""

from __future__ import annotations

import pytest
from robust_support import FINNISH, live_state

from api.generations import EncoderMismatchError, Generations, built_encoder
from search.encoder import Encoder


def test_a_build_records_the_encoder_its_vectors_came_from(live_copy, built):
    _, _, builder = built
    live = Generations(live_copy.data).require_current()
    assert built_encoder(live) == builder.encoder.identity()
    assert built_encoder(live)["quantize"] is False


def test_add_with_another_encoder_is_refused_and_leaves_the_live_build_as_it_was(
        live_copy, builder_for, tmp_path):
    builder = builder_for(live_copy)
    builder.encoder = Encoder(live_copy.model, quantize=True)
    new = tmp_path / "uusi.txt"
    new.write_text(FINNISH * 3, encoding="utf-8")
    before = live_state(live_copy.data)
    with pytest.raises(EncoderMismatchError, match="LAPEKG_ENCODER_QUANTIZE"):
        builder.add([new])
    assert live_state(live_copy.data) == before


def test_queries_encode_as_the_live_build_did_whatever_the_setting_says_now(live_copy):
    from api.components import load_services

    services = load_services(live_copy.model_copy(update={"encoder_quantize": True}))
    try:
        assert services.searcher.encoder.quantize is False
    finally:
        services.close()
