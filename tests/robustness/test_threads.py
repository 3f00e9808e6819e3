"""Request threads share one Voikko analyzer and one encoder: many threads at once get exactly
what one thread gets."""

from __future__ import annotations

import random
import re
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from tests_support import CORPUS

THREADS = 16


def _words(n: int) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    words = sorted(set(re.findall(r"[A-Za-zÅÄÖåäö-]{3,}", text)))
    assert len(words) >= n
    return random.Random(18).sample(words, n)


def test_one_voikko_analyzer_hammered_by_threads_answers_as_one_thread_does():
    from ingest.voikko_analyzer import VoikkoAnalyzer

    words = _words(1500)
    alone = VoikkoAnalyzer()
    expected = {w: (alone._analyze(w), alone._is_word(w)) for w in words}

    shared = VoikkoAnalyzer()

    def run(seed: int) -> dict[str, tuple]:
        order = words[:]
        random.Random(seed).shuffle(order)
        # The uncached calls: every one goes into the libvoikko handle.
        return {w: (shared._analyze(w), shared._is_word(w)) for w in order}

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(run, range(THREADS)))
    for got in results:
        assert got == expected


class _SlowDict(dict):
    """A dict whose reads and removals give the other threads time to run first."""

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        time.sleep(0.0005)
        return super().__getitem__(key)

    def pop(self, *args):  # type: ignore[no-untyped-def, override]
        time.sleep(0.0005)
        return super().pop(*args)


def test_one_encoder_hammered_by_threads_encodes_queries_as_one_thread_does(built):
    from search.encoder import Encoder

    _, _, session = built
    queries = [f"{w} perhekeskus" for w in _words(100)]  # more than the 64 cached queries
    expected = {q: session.encoder.encode_query(q) for q in queries}

    shared = Encoder(session.encoder.model_name, variant=session.encoder.variant)
    shared._recent = _SlowDict()  # widens the windows in which another thread can step in

    def run(seed: int) -> dict[str, np.ndarray]:
        order = queries * 2
        random.Random(seed).shuffle(order)
        return {q: shared.encode_query(q) for q in order}

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(run, range(8)))
    for got in results:
        for q, vector in got.items():
            assert np.allclose(vector, expected[q], atol=1e-5), q
