"""The learned artifacts per encoder variant (ingest/learned_variants.py and its registry
ingest/learned/variants.toml): a variant whose vectors differ from float32's reads models fitted
on its own vectors, every other variant the float32 fits, and the choice follows the variant the
encoder runs, after its fallback."""

from __future__ import annotations

import json

import numpy as np
import pytest

import search.openvino_session as openvino_session
from ingest.learned_variants import (
    LearnedVariantError,
    artifact_path,
    fit_encoder,
    fit_target,
    registry,
    variant_argument,
)
from search.encoder import Encoder

INT8 = "openvino-int8"


class Running:
    """What artifact_path reads of an encoder: the variant it runs, and its runtime."""

    def __init__(self, variant: str, runtime: str = "auto") -> None:
        self.variant, self.runtime = variant, runtime


def test_every_learned_artifact_has_a_default_file_fitted_on_float32():
    reg = registry()
    assert reg.fitted_with == "float32"
    assert set(reg.artifacts) == {"status", "result", "concept", "question"}
    for path in reg.artifacts.values():
        assert path.exists(), path


def test_int8_reads_its_own_fits_and_every_other_variant_the_default_files():
    reg = registry()
    assert set(reg.variants[INT8]) == {"status", "result", "concept"}
    for name, default in reg.artifacts.items():
        own = artifact_path(name, Running(INT8))
        if name in reg.variants[INT8]:
            assert own.name == f"{default.stem}.{INT8}{default.suffix}"
            assert own.parent == default.parent
        else:  # the question model: its int8 fit read fact questions worse (bench/HISTORY.md)
            assert own == default
        for other in ("float32", "openvino-bf16", "int8-ffn-inner"):
            assert artifact_path(name, Running(other)) == default
        assert artifact_path(name, Running(INT8, runtime="torch")) == default
        assert artifact_path(name, object()) == default  # e.g. the hashing test encoder


def test_each_variants_fits_are_shipped_and_record_the_variant_they_were_fitted_on():
    reg = registry()
    assert reg.variants.get(INT8)
    for variant, names in reg.variants.items():
        for name in names:
            path = artifact_path(name, variant=variant)
            assert path.exists(), f"{path}: fit it with the trainer's --variant {variant}"
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"])) if "meta" in z else None
            if meta is not None:  # the question model stores arrays only
                assert meta["encoder_variant"] == variant


def test_a_caching_encoder_is_read_through_to_the_encoder_it_wraps():
    class Caching:
        encoder = Running(INT8)

    assert artifact_path("status", Caching()) == artifact_path("status", variant=INT8)


def test_int8_falling_back_where_its_graph_cannot_run_reads_the_default_files(
        model_dir, monkeypatch):
    monkeypatch.setattr(openvino_session, "usable", lambda precision: False)
    encoder = Encoder(model_dir, variant=INT8)
    assert encoder.variant != INT8
    assert artifact_path("status", encoder) == registry().artifacts["status"]


def test_a_trainer_refuses_to_write_a_variants_file_from_its_fallbacks_vectors(
        model_dir, monkeypatch):
    monkeypatch.setattr(openvino_session, "usable", lambda precision: False)
    with pytest.raises(LearnedVariantError, match="cannot run openvino-int8"):
        fit_encoder(str(model_dir), INT8)
    with pytest.raises(LearnedVariantError, match="no fits of its own"):
        fit_encoder(str(model_dir), "int8-ffn")
    assert fit_encoder(str(model_dir)).variant == "float32"


def test_trainers_write_the_file_the_variant_reads():
    assert fit_target("status") == registry().artifacts["status"]
    assert fit_target("status", "float32") == registry().artifacts["status"]
    assert fit_target("status", INT8) == artifact_path("status", Running(INT8))
    with pytest.raises(LearnedVariantError, match="lists no question fit"):
        fit_target("question", INT8)


def test_the_variant_argument_is_taken_out_of_a_trainers_arguments():
    assert variant_argument(["train", "--variant", INT8]) == (["train"], INT8)
    assert variant_argument(["--variant=float32", "cv"]) == (["cv"], "float32")
    assert variant_argument(["cv"]) == (["cv"], None)
    with pytest.raises(LearnedVariantError):
        variant_argument(["train", "--variant"])


class Identified(Running):
    def __init__(self, variant: str, graph: str | None) -> None:
        super().__init__(variant)
        self.graph = graph

    def identity(self) -> dict[str, object]:
        found: dict[str, object] = {"model": "multilingual-e5-small", "variant": self.variant}
        if self.graph is not None:
            found["graph"] = self.graph
        return found


def test_a_fit_records_the_graph_it_was_fitted_on_and_another_graph_is_warned_of(caplog):
    from pathlib import Path

    from ingest.learned_variants import check_fit, fit_meta

    meta = fit_meta(Identified(INT8, "65d4c39fa66e"))
    assert meta == {"encoder": "multilingual-e5-small", "encoder_variant": INT8,
                    "encoder_graph": "65d4c39fa66e"}
    assert "encoder_graph" not in fit_meta(Identified("float32", None))
    with caplog.at_level("WARNING"):
        check_fit(meta, Identified(INT8, "65d4c39fa66e"), Path("status_model.openvino-int8.npz"))
        assert not caplog.records
        check_fit(meta, Identified(INT8, "0123456789ab"), Path("status_model.openvino-int8.npz"))
    assert "refit it" in caplog.text and "0123456789ab" in caplog.text
