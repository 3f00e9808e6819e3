"""The lexical index scores passages exactly as bm25s's own Lucene BM25 index would."""

from __future__ import annotations

import random

import numpy as np

from search.bm25_index import BM25Index


def _corpus(seed: int = 7) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    words = [f"sana{i}" for i in range(300)] + ["perhekeskus", "lape", "kainuu"]
    return [tuple(rng.choices(words, k=rng.randint(0, 40))) for _ in range(400)]


def test_scores_equal_those_of_bm25s_own_index(tmp_path):
    import bm25s

    corpus = _corpus()
    reference = bm25s.BM25()
    reference.index([list(t) if t else ["\u2205"] for t in corpus], show_progress=False)
    ours = BM25Index.build(corpus, list(range(100, 500)))
    ours.save(tmp_path)
    loaded = BM25Index.load(tmp_path)
    rng = random.Random(3)
    for _ in range(50):
        query = rng.sample(sorted(set().union(*corpus)), 3)
        expected = reference.get_scores(query)
        assert np.allclose(loaded._retriever.get_scores(query), expected, atol=1e-5)  # noqa: SLF001
        found = loaded.search(query, 5)  # passages of equal score may come in any order
        best = np.sort(expected[expected > 0])[::-1][:5]
        assert np.allclose([score for _, score in found], best, atol=1e-5)
        assert all(np.isclose(expected[pid - 100], score, atol=1e-5) for pid, score in found)


def test_an_empty_passage_and_an_unknown_term_find_nothing():
    index = BM25Index.build([(), ("lape",)], [0, 1])
    assert index.search(["tuntematon"], 5) == []
    assert [pid for pid, _ in index.search(["lape"], 5)] == [1]
