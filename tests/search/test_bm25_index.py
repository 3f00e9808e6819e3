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


def test_a_saved_corpus_extended_and_pruned_scores_as_one_built_afresh(tmp_path):
    from search.bm25_index import TermCorpus

    corpus = _corpus()
    first = TermCorpus()
    for pid, terms in enumerate(corpus[:300]):
        first.add(pid, terms)
    first.save(tmp_path)
    later = TermCorpus.load(tmp_path)  # an `add`: the live generation's terms, then changes
    assert later is not None
    later.remove(range(0, 50))
    for pid, terms in enumerate(corpus[300:], start=300):
        later.add(pid, terms)
    afresh = BM25Index.build(corpus[50:], range(50, 400))
    extended = later.index()
    assert sorted(extended.pids) == list(range(50, 400))
    for query in (["sana1", "lape"], ["kainuu"], ["sana299", "sana0", "perhekeskus"]):
        assert np.allclose(sorted(s for _, s in extended.search(query, 400)),
                           sorted(s for _, s in afresh.search(query, 400)), atol=1e-6)
        assert {p for p, _ in extended.search(query, 400)} == \
            {p for p, _ in afresh.search(query, 400)}


def test_a_generation_without_a_saved_corpus_has_none(tmp_path):
    from search.bm25_index import TermCorpus

    assert TermCorpus.load(tmp_path) is None
