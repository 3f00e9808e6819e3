"""Every vector backend keeps the same contract: ids in, nearest ids out, remove, save, load."""

from __future__ import annotations

import numpy as np
import pytest

from search.vector_index import create_index, load_index

DIM = 384


def _vectors(n: int, seed: int = 3) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)  # normalised: inner product is cosine


@pytest.fixture(params=["faiss", pytest.param("pgvector", marks=pytest.mark.optin)])
def backend(request):  # type: ignore[no-untyped-def]
    if request.param == "pgvector":
        return "pgvector", request.getfixturevalue("postgres_dsn")
    return "faiss", None


def test_add_search_remove_save_load(backend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    name, dsn = backend
    vectors = _vectors(500)
    index = create_index(DIM, name, "Flat", dsn=dsn)
    index.add(vectors, list(range(1000, 1500)))
    assert len(index) == 500
    hits = index.search(vectors[42], 5)
    assert hits[0][0] == 1042 and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    index.remove([1042])
    assert len(index) == 499 and 1042 not in [pid for pid, _ in index.search(vectors[42], 5)]
    index.save(tmp_path)

    loaded = load_index(tmp_path, dsn)
    assert len(loaded) == 499
    assert loaded.search(vectors[7], 1)[0][0] == 1007
    # Writes to a loaded index leave the saved one as it was (a new generation's copy).
    loaded.add(_vectors(1, seed=9), [5000])
    loaded.remove([1007])
    assert len(loaded) == 499
    again = load_index(tmp_path, dsn)
    assert len(again) == 499 and again.search(vectors[7], 1)[0][0] == 1007


@pytest.mark.optin
def test_pgvector_hnsw_recall_against_exact(postgres_dsn, tmp_path) -> None:
    vectors = _vectors(3000, seed=5)
    exact = create_index(DIM, "faiss", "Flat")
    approximate = create_index(DIM, "pgvector", "hnsw", dsn=postgres_dsn)
    for index in (exact, approximate):
        index.add(vectors, list(range(3000)))
    approximate.save(tmp_path)  # builds the HNSW index
    queries = _vectors(20, seed=6)
    recall = np.mean([len({p for p, _ in exact.search(q, 10)}
                          & {p for p, _ in approximate.search(q, 10)}) / 10 for q in queries])
    assert recall >= 0.9


@pytest.mark.optin
@pytest.mark.slow
def test_build_add_and_search_with_pgvector(postgres_dsn, model_dir, tmp_path) -> None:
    """`build`, `add` and search end to end with LAPEKG_VECTOR_BACKEND=pgvector."""
    from tests_support import CORPUS

    from api.components import load_services, make_builder
    from api.settings import Settings

    settings = Settings(data=tmp_path / "data", model=str(model_dir), vector_backend="pgvector",
                        pg_dsn=postgres_dsn)
    builder = make_builder(settings, progress=False)
    assert builder.build([CORPUS / "pohjois-karjala_pk-lape_tulokset_2018.txt"]).ok
    first = load_services(settings, encoder=builder.encoder)
    before = len(first.searcher.dense)
    assert builder.add([CORPUS / "keski-pohjanmaa_soite_lape-muutostyo-jatkuu-2019.txt"]).ok
    services = load_services(settings, encoder=builder.encoder)
    assert len(services.searcher.dense) > before == len(first.searcher.dense)
    hits = services.searcher.search("Soite perhekeskus Kokkola", k=5)
    assert any(h.passage.doc_key.startswith("keski-pohjanmaa") and "dense" in h.ranks
               for h in hits)
    dense = services.searcher.dense.search(builder.encoder.encode_query("Soite"), 50)
    assert {pid for pid, _ in dense} <= {p.pid for p in services.passages}
