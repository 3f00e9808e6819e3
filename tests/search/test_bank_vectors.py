"""The describer's bank vectors kept beside the model (search/bank_vectors.py): a build into a
new data dir takes the vectors of the same call made before instead of encoding them again,
and gets exactly what the encoding would have given."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from search.bank_vectors import FOLDER, bank_path, encode_bank
from search.vector_cache import CachingEncoder, VectorCache

DIM = 8


class CountingEncoder:
    """A fake ONNX encoder over a model folder: a text's vector is a hash of it plus the size
    of its call (as an int8 variant's depends on its batch); counts its calls."""

    query_prefix = "query: "
    passage_prefix = "passage: "
    runtime = "onnx"
    variant = "int8-ffn-inner"
    dim = DIM

    def __init__(self, folder: Path) -> None:
        self.model_name = str(folder)
        self.calls: list[list[str]] = []

    def identity(self) -> dict[str, object]:
        return {"model": Path(self.model_name).name, "quantize": False,
                "variant": self.variant}

    def encode_labels(self, texts):  # type: ignore[no-untyped-def]
        self.calls.append(list(texts))
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:DIM * 4], dtype=np.float32)
                % 7 + len(texts) for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIM)


TEXTS = ["perhekeskus kokoaa palvelut", "vastuutyöntekijä kulkee perheen rinnalla",
         "tavallinen raporttilause"]


def test_a_second_fresh_data_dir_reads_the_bank_instead_of_encoding_it(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    first = CountingEncoder(model)
    vectors = encode_bank(first, TEXTS)
    assert first.calls == [TEXTS]
    assert list((model / FOLDER).glob("*.npy"))
    second = CountingEncoder(model)
    again = encode_bank(second, TEXTS)
    assert second.calls == [] and np.array_equal(again, vectors)


def test_the_data_dirs_cache_ends_as_the_encoding_would_have_left_it(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    encode_bank(CountingEncoder(model), TEXTS)  # kept beside the model
    inner = CountingEncoder(model)
    cache = VectorCache(tmp_path / "data", inner.identity(), DIM)
    vectors = encode_bank(CachingEncoder(inner, cache), TEXTS)
    assert inner.calls == []
    stored = cache.get_many(["query: " + t for t in TEXTS])
    assert all(np.array_equal(stored[i], vectors[i]) for i in range(len(TEXTS)))


def test_a_data_dir_that_holds_some_of_the_texts_encodes_as_before(tmp_path):
    """The old path encoded only the texts its cache missed, in one call of their own: the
    kept vectors of the whole call would differ from those, so they are not used."""
    model = tmp_path / "model"
    model.mkdir()
    encode_bank(CountingEncoder(model), TEXTS)
    inner = CountingEncoder(model)
    cache = VectorCache(tmp_path / "data", inner.identity(), DIM)
    CachingEncoder(inner, cache).encode_labels(TEXTS[:1])
    inner.calls.clear()
    encode_bank(CachingEncoder(inner, cache), TEXTS)
    assert inner.calls == [TEXTS[1:]]


def test_other_texts_or_another_variant_make_another_file(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    encoder = CountingEncoder(model)
    other = CountingEncoder(model)
    other.variant = "openvino-bf16"
    paths = {bank_path(encoder, TEXTS), bank_path(encoder, TEXTS[:2]), bank_path(other, TEXTS)}
    assert len(paths) == 3


def test_a_file_of_the_wrong_shape_is_encoded_again(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    encoder = CountingEncoder(model)
    path = bank_path(encoder, TEXTS)
    assert path is not None
    path.parent.mkdir()
    np.save(path, np.zeros((2, DIM), dtype=np.float32))
    vectors = encode_bank(encoder, TEXTS)
    assert encoder.calls == [TEXTS] and vectors.shape == (3, DIM)


def test_an_encoder_without_a_model_folder_just_encodes(tmp_path):
    encoder = CountingEncoder(tmp_path / "no-such-folder")
    encode_bank(encoder, TEXTS)
    encode_bank(encoder, TEXTS)
    assert encoder.calls == [TEXTS, TEXTS]
