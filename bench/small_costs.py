"""Two costs under the build's analysis, measured in CPU time on one thread.

    python -m bench.small_costs   (LAPEKG_MODEL: the e5 model folder)

1. spaCy's matrix products: thinc's BLIS (`NumpyOps.gemm`) against numpy's OpenBLAS
   (`ingest/spacy_ops.py`), at shapes the Finnish pipeline's layers multiply.
2. The e5 encoder's cost per ONNX Runtime call against its input's length, for float32 (the
   status and result models) and the passages' variant: what a call of one or two short texts
   (the result model, the describer) costs besides its tokens.
Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import numpy as np

# (rows, inner, outputs): tok2vec's maxout blocks, NER's tok2vec, the parser's precomputed layer
GEMM_SHAPES = ((3000, 576, 576), (3000, 576, 960), (3000, 128, 3072), (3000, 640, 384),
               (64, 64, 384))
CALL_TOKENS = (2, 8, 32, 128)


def _cpu_ms(fn: Any, rounds: int) -> float:
    fn()
    start = time.process_time()
    for _ in range(rounds):
        fn()
    return round((time.process_time() - start) / rounds * 1000, 3)


def gemm_costs(rounds: int = 20) -> list[dict[str, Any]]:
    from thinc.api import NumpyOps

    from ingest.spacy_ops import _matmul_ops, blas_one_thread

    blas_one_thread()
    blis, numpy_ops = NumpyOps(), _matmul_ops()
    rng = np.random.default_rng(0)
    rows = []
    for n, k, m in GEMM_SHAPES:
        x = rng.standard_normal((n, k), dtype=np.float32)
        w = rng.standard_normal((m, k), dtype=np.float32)
        rows.append({"shape": [n, k, m],
                     "blis_ms": _cpu_ms(lambda x=x, w=w: blis.gemm(x, w, trans2=True), rounds),
                     "numpy_ms": _cpu_ms(lambda x=x, w=w: numpy_ops.gemm(x, w, trans2=True),
                                         rounds)})
    return rows


def call_costs(variants: tuple[str, ...] = ("float32", "int8-ffn-inner"), rounds: int = 30
               ) -> dict[str, dict[int, float]]:
    from search.encoder import Encoder

    model = os.environ.get("LAPEKG_MODEL", "models/multilingual-e5-small")
    out: dict[str, dict[int, float]] = {}
    for name in variants:
        encoder = Encoder(model, variant=name).load()
        session = encoder._onnx.session  # noqa: SLF001 - the session itself, one call each
        out[name] = {}
        for n in CALL_TOKENS:
            feed = {"input_ids": np.full((1, n), 1000, dtype=np.int64),
                    "attention_mask": np.ones((1, n), dtype=np.int64)}
            out[name][n] = _cpu_ms(lambda s=session, f=feed: s.run(None, f), rounds)
    return out


if __name__ == "__main__":
    print(json.dumps({"gemm_cpu_ms": gemm_costs(), "onnx_call_cpu_ms_by_tokens": call_costs(),
                      "load_average": os.getloadavg()[0]}))
