"""The ONNX Runtime encoder against the sentence-transformers one it is exported from."""

from __future__ import annotations

import multiprocessing
import os

import numpy as np
import pytest

from search.encoder import Encoder

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

pytest.importorskip("onnxruntime")

from test_encoder_parity import LONG_TEXT, TEXTS  # noqa: E402

PASSAGES = [*TEXTS, LONG_TEXT + " " + LONG_TEXT,
            "Pohjois-Karjalan LAPE\nPerhekeskuksessa neuvola ja varhaiskasvatus toimivat yhdessä."]


@pytest.fixture(scope="module")
def torch_encoder(model_dir):
    return Encoder(model_dir, runtime="torch")


@pytest.fixture(scope="module")
def onnx_encoder(model_dir):
    encoder = Encoder(model_dir, runtime="onnx")
    assert encoder.active_runtime == "onnx"
    return encoder


def test_default_runtime_is_onnx_when_installed(model_dir):
    assert Encoder(model_dir).active_runtime == "onnx"


def test_unknown_runtime_is_refused(model_dir):
    with pytest.raises(ValueError, match="runtime"):
        Encoder(model_dir, runtime="tensorflow")


def test_tokens_match_sentence_transformers(onnx_encoder, torch_encoder):
    tokenizer = torch_encoder.model.tokenizer
    for prefix in ("passage: ", "query: "):
        for text in PASSAGES:
            expected = tokenizer(prefix + text, truncation=True, max_length=512)["input_ids"]
            assert onnx_encoder._onnx.tokenizer.encode(prefix + text).ids == expected, text


def test_float32_vectors_match_torch(onnx_encoder, torch_encoder):
    ours = onnx_encoder.encode_passages(PASSAGES)
    theirs = torch_encoder.encode_passages(PASSAGES)
    assert ours.shape == theirs.shape == (len(PASSAGES), 384)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.sum(ours * theirs, axis=1).min() >= 0.9999
    for text in ("perhekeskus", "Which regions piloted a named-worker model?", ""):
        assert float(onnx_encoder.encode_query(text) @ torch_encoder.encode_query(text)) >= 0.9999


def test_batching_does_not_change_vectors(onnx_encoder):
    together = onnx_encoder.encode_passages(PASSAGES)
    alone = np.stack([onnx_encoder.encode_passages([t])[0] for t in PASSAGES])
    assert np.abs(together - alone).max() < 1e-4
    assert onnx_encoder.encode_passages([]).shape == (0, 384)


def test_int8_stays_close_to_float32(model_dir, torch_encoder):
    int8 = Encoder(model_dir, quantize=True, runtime="onnx")
    ours = int8.encode_passages(PASSAGES)
    theirs = torch_encoder.encode_passages(PASSAGES)
    assert np.sum(ours * theirs, axis=1).min() >= 0.98


def _encode_in_child(texts: list[str]) -> np.ndarray:
    return _PARENT.encode_passages(texts)


_PARENT: Encoder | None = None


def test_session_loaded_before_fork_works_in_workers(onnx_encoder):
    """The build loads the encoder, then forks workers that encode with it."""
    global _PARENT  # noqa: PLW0603 - what a forked child inherits
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    _PARENT = onnx_encoder.load()
    expected = onnx_encoder.encode_passages(PASSAGES[:6])
    with multiprocessing.get_context("fork").Pool(2) as pool:
        got = pool.map(_encode_in_child, [PASSAGES[:6], PASSAGES[:6]])
    for vectors in got:
        assert np.abs(vectors - expected).max() < 1e-5


def test_a_text_repeated_in_one_call_is_encoded_once(onnx_encoder, monkeypatch):
    seen: list[list[str]] = []
    distinct = onnx_encoder._encode_distinct  # noqa: SLF001

    def counting(texts, show_progress):  # type: ignore[no-untyped-def]
        seen.append(list(texts))
        return distinct(texts, show_progress)

    monkeypatch.setattr(onnx_encoder, "_encode_distinct", counting)
    texts = [PASSAGES[0], PASSAGES[1], PASSAGES[0], PASSAGES[2], PASSAGES[1]]
    vectors = onnx_encoder.encode_passages(texts)
    assert seen == [["passage: " + t for t in PASSAGES[:3]]]
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[1], vectors[4])
    alone = onnx_encoder.encode_passages([PASSAGES[2]])[0]
    assert float(alone @ vectors[3]) > 0.999


def test_encoders_of_one_folder_share_one_tokenizer(model_dir):
    """The float32 status encoder and the passage encoder of an add read tokenizer.json once."""
    passages = Encoder(model_dir, runtime="onnx", variant="int8")
    clauses = Encoder(model_dir, runtime="onnx")
    passages.load()
    clauses.load()
    assert passages._onnx is not None and clauses._onnx is not None
    assert passages._onnx.tokenizer is clauses._onnx.tokenizer


def test_encoders_loading_at_once_read_the_tokenizer_once(model_dir):
    """Encoders loaded side by side in threads (a build's and an add's warm-up) share one
    tokenizer: the second waits for the first's read instead of reading the file again."""
    from concurrent.futures import ThreadPoolExecutor

    from search.encoder import _read_tokenizer

    _read_tokenizer.cache_clear()
    encoders = [Encoder(model_dir, runtime="onnx", variant=v)
                for v in ("float32", "int8-ffn-inner", "float32")]
    with ThreadPoolExecutor(len(encoders)) as pool:
        list(pool.map(lambda e: e.load(), encoders))
    assert _read_tokenizer.cache_info().misses == 1
    assert len({id(e._onnx.tokenizer) for e in encoders}) == 1
