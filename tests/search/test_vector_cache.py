"""The vector cache: a rebuild or an `add` encodes only text that this encoder has not seen."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import numpy as np
import pytest

from search.vector_cache import CachingEncoder, VectorCache

DIM = 8


class HashingEncoder:
    """A fake encoder: a text's vector is a hash of it; counts what it was asked to encode."""

    passage_prefix = "passage: "

    def __init__(self, model: str = "fake") -> None:
        self.model = model
        self.encoded: list[str] = []

    def identity(self) -> dict[str, object]:
        return {"model": self.model, "quantize": False}

    def encode_passages(self, texts, show_progress=False):  # type: ignore[no-untyped-def]
        self.encoded += list(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:DIM * 4], dtype=np.float32)
                for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIM)

    def encode_query(self, text: str) -> np.ndarray:
        return np.ones(DIM, dtype=np.float32)


def _cached(tmp_path: Path, model: str = "fake") -> CachingEncoder:
    inner = HashingEncoder(model)
    return CachingEncoder(inner, VectorCache(tmp_path, inner.identity(), DIM))


def test_a_text_seen_before_is_not_encoded_again(tmp_path):
    first = _cached(tmp_path)
    vectors = first.encode_passages(["Kainuu kokeili", "Lahti otti käyttöön"])
    again = _cached(tmp_path)  # a later build: a new process, the same data dir
    same = again.encode_passages(["Lahti otti käyttöön", "Kainuu kokeili", "uusi teksti"])
    assert again.encoder.encoded == ["uusi teksti"]
    assert np.array_equal(same[0], vectors[1]) and np.array_equal(same[1], vectors[0])
    assert (again.hits, again.misses) == (2, 1)


def test_cached_vectors_equal_what_the_encoder_gives(tmp_path):
    cached = _cached(tmp_path)
    cached.encode_passages(["a", "b", "c"])
    direct = HashingEncoder().encode_passages(["c", "a", "b"])
    assert np.array_equal(cached.encode_passages(["c", "a", "b"]), direct)


def test_another_encoder_never_reads_the_first_encoders_vectors(tmp_path):
    _cached(tmp_path, "e5-small").encode_passages(["sama teksti"])
    other = _cached(tmp_path, "e5-base")
    other.encode_passages(["sama teksti"])
    assert other.encoder.encoded == ["sama teksti"]
    assert len(list(tmp_path.glob("*.sqlite"))) == 2


def test_an_unreadable_cache_costs_speed_not_the_build(tmp_path, caplog):
    cached = _cached(tmp_path)
    cached.cache.path.parent.mkdir(parents=True, exist_ok=True)
    cached.cache.path.write_bytes(b"this is not a database" * 100)
    out = cached.encode_passages(["x", "y"])
    assert out.shape == (2, DIM)
    assert cached.encoder.encoded == ["x", "y"]
    assert "vector cache" in caplog.text


def test_an_empty_batch_is_an_empty_matrix(tmp_path):
    assert _cached(tmp_path).encode_passages([]).shape == (0, DIM)


def _encode_in_child(folder: str, texts: list[str]) -> None:
    _cached(Path(folder)).encode_passages(texts)


def test_build_workers_in_other_processes_share_the_cache(tmp_path):
    cached = _cached(tmp_path)
    cached.encode_passages(["parent"])  # the parent's connection exists before the fork
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_encode_in_child, args=(str(tmp_path), [f"child {i}"]))
             for i in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert all(p.exitcode == 0 for p in procs)
    cached.encode_passages(["child 0", "child 1", "parent"])
    assert cached.encoder.encoded == ["parent"]


@pytest.mark.slow
def test_the_build_cached_every_passage_vector_it_indexed(built):
    from search.faiss_index import FaissIndex

    settings, report, builder = built
    assert isinstance(builder.encoder, CachingEncoder)
    generation = settings.data / "generations" / report.generation
    indexed = len(FaissIndex.load(generation))
    assert len(builder.encoder.cache) >= indexed > 0


def test_the_cache_can_be_used_from_another_thread_of_the_same_process(tmp_path):
    import threading

    cached = _cached(tmp_path)
    cached.encode_passages(["luettu pääsäikeessä"])
    errors: list[BaseException] = []

    def beside() -> None:  # as one document's encoder runs beside its analysis
        try:
            cached.encode_passages(["luettu pääsäikeessä", "luettu toisessa säikeessä"])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    thread = threading.Thread(target=beside)
    thread.start()
    thread.join()
    assert errors == [] and cached.encoder.encoded == ["luettu pääsäikeessä",
                                                       "luettu toisessa säikeessä"]


class LabellingEncoder(HashingEncoder):
    """The fake encoder with labels ('query: ' texts), as the method descriptions use."""

    query_prefix = "query: "

    def encode_labels(self, texts):  # type: ignore[no-untyped-def]
        return self.encode_passages([self.query_prefix + t for t in texts])


def test_labels_come_from_the_cache_after_the_first_encoding_and_apart_from_passages(tmp_path):
    inner = LabellingEncoder()
    first = CachingEncoder(inner, VectorCache(tmp_path, inner.identity(), DIM))
    labels = first.encode_labels(["perhekeskus", "neuvola"])
    again_inner = LabellingEncoder()
    again = CachingEncoder(again_inner, VectorCache(tmp_path, again_inner.identity(), DIM))
    assert np.array_equal(again.encode_labels(["neuvola", "perhekeskus"]), labels[::-1])
    assert again_inner.encoded == []
    # The same words as passages are other texts to the encoder ('passage: ' prefix).
    again.encode_passages(["neuvola"])
    assert again_inner.encoded == ["neuvola"]
