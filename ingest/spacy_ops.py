"""spaCy's matrix products through numpy's BLAS instead of thinc's bundled BLIS.

The Finnish pipeline's thinc layers (tok2vec's maxout blocks, the tagger's and the
morphologizer's softmax, NER's own tok2vec, the parser's and NER's precomputed first layer)
multiply through `NumpyOps.gemm`, which calls the `blis` package. On this machine's CPU numpy's
OpenBLAS (SkylakeX kernels), on one thread, multiplies the same float32 matrices 1.6-2x faster
(3000 x 576 by 576 x 576: 12 ms against 23 ms of CPU, bench/small_costs.py). The products
differ in their last bits, yet the pipeline's annotations (tags, morphology, dependencies,
lemmas, entities) came out identical on all 4,560 paragraphs of the 10x synthetic corpus, and
the builds of that corpus and of corpus/ exported the same graph
(bench/results/2026-12-06-build-x10-round5.json). The parser's per-step Cython scoring keeps
thinc's own BLAS (its function pointer can be set from Cython only).

OpenBLAS is held to one thread in the process: the build's workers are the parallelism, and
under load two OpenBLAS threads per worker would spin against each other.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)


def blas_one_thread() -> None:
    """numpy's BLAS on one thread in this process (threadpoolctl, a dependency of
    scikit-learn); without threadpoolctl nothing changes."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        logger.info("threadpoolctl not installed: numpy's BLAS keeps its thread count")
        return
    threadpool_limits(1, user_api="blas")


def use_numpy_gemm(nlp: Language) -> Language:
    """Give every thinc layer of `nlp`'s components the ops below (changed in place; a pipeline
    whose layers are not on thinc's NumpyOps, such as a test's stand-in or a GPU pipeline, is
    left as it is). Returns `nlp`."""
    ops = _matmul_ops()
    if ops is None:
        return nlp
    from thinc.api import NumpyOps

    changed = 0
    for _, pipe in getattr(nlp, "pipeline", ()):
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                changed += 1
    if changed:
        blas_one_thread()
    return nlp


def _matmul_ops() -> Any:
    """One instance of the NumpyOps subclass whose gemm is numpy.matmul (None without thinc)."""
    try:
        from thinc.api import NumpyOps
    except ImportError:
        return None

    class MatmulOps(NumpyOps):  # type: ignore[misc,valid-type]
        """thinc's NumpyOps with `gemm` by numpy.matmul: the same products, summed in another
        order (so they may differ in the last bits of a float32)."""

        name = "numpy"

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False,
                 trans2: bool = False) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return np.matmul(a, b)
            np.matmul(a, b, out=out)
            return out

    return MatmulOps()
