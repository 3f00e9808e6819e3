"""spaCy's layers multiplying through numpy's BLAS annotate as they did through thinc's BLIS."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

TEXTS = (
    "Perhekeskustoimintamallia kehitettiin Pohjois-Karjalassa EU-hankkeen tuella, ja kuntien "
    "perhekeskukset ottivat mallin käyttöön vuonna 2018.",
    "Muutosagentti Liisa Virtanen koordinoi Kouvolan ja Kotkan LAPE-työtä; hankkeen "
    "rahoitus oli 350 000 euroa.",
    "Lapsiperheiden kotipalvelua ei vielä ollut kaikissa kunnissa, mutta sitä suunniteltiin "
    "otettavaksi käyttöön syksyllä.",
)


def test_the_gemm_multiplies_as_thincs_in_every_orientation():
    """The product of each transposition, returned or written into `out`, equals NumpyOps'
    to float32 rounding."""
    from thinc.api import NumpyOps

    from ingest.spacy_ops import _matmul_ops

    ops, plain = _matmul_ops(), NumpyOps()
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((7, 5), dtype=np.float32), rng.standard_normal((5, 4),
                                                                                dtype=np.float32)
    for a, b, t1, t2 in ((x, y, False, False), (x.T.copy(), y, True, False),
                         (x, y.T.copy(), False, True), (x.T.copy(), y.T.copy(), True, True)):
        expected = plain.gemm(a, b, trans1=t1, trans2=t2)
        np.testing.assert_allclose(ops.gemm(a, b, trans1=t1, trans2=t2), expected, rtol=1e-5)
        out = np.zeros_like(expected)
        assert ops.gemm(a, b, out=out, trans1=t1, trans2=t2) is out
        np.testing.assert_allclose(out, expected, rtol=1e-5)


@pytest.fixture(scope="module")
def plain_nlp():
    from ingest.spacy_pipeline import load_nlp

    return load_nlp()


def test_the_pipeline_annotates_the_same_through_numpy(plain_nlp):
    """Tags, morphology, parses, lemmas and entities of a few sentences equal BLIS's, every
    thinc layer holds the numpy ops, and numpy's BLAS runs on one thread."""
    from threadpoolctl import threadpool_info

    from ingest.spacy_ops import use_numpy_gemm
    from ingest.spacy_pipeline import load_nlp

    def annotations(nlp) -> bytes:
        return pickle.dumps([
            ([(t.text, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.lemma_) for t in doc],
             [(e.start, e.end, e.label_) for e in doc.ents]) for doc in nlp.pipe(TEXTS)])

    expected = annotations(plain_nlp)
    nlp = use_numpy_gemm(load_nlp())
    assert annotations(nlp) == expected
    kinds = {type(node.ops).__name__ for _, pipe in nlp.pipeline if hasattr(pipe, "model")
             for node in pipe.model.walk()}
    assert kinds == {"MatmulOps"}
    assert all(pool["num_threads"] == 1 for pool in threadpool_info()
               if pool["user_api"] == "blas")


def test_a_pipeline_without_thinc_layers_is_left_as_it_is():
    """A stand-in pipeline (as in tests) comes back unchanged."""
    from ingest.spacy_ops import use_numpy_gemm

    class StandIn:
        pipeline = [("sentencizer", object())]

    stand_in = StandIn()
    assert use_numpy_gemm(stand_in) is stand_in  # type: ignore[arg-type]
